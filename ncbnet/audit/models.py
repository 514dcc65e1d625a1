"""The audit trail: one append-only, hash-chained row per read or write of police data, login,
token use and refusal."""

from __future__ import annotations

from django.db import models

from ncbnet.audit import chain


class AuditEntry(models.Model):
    lane = models.PositiveSmallIntegerField(default=1, db_default=1, help_text="which of the chains (one per AuditHead row)")
    seq = models.BigIntegerField(help_text="gapless position in its lane's chain")
    at = models.DateTimeField(db_index=True)
    username = models.CharField(max_length=150, blank=True)
    organisation = models.CharField(max_length=40, blank=True)
    action = models.CharField(max_length=64)
    outcome = models.CharField(max_length=10, default="ok")  # ok | refused | failed
    object_type = models.CharField(max_length=40, blank=True)
    object_ids = models.JSONField(default=list)
    query = models.JSONField(default=dict, blank=True)
    result_ids = models.JSONField(default=list)
    purpose = models.CharField(max_length=500, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    ip = models.CharField(max_length=45, blank=True)
    token_id = models.BigIntegerField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "audit entries"
        constraints = [models.UniqueConstraint(fields=["lane", "seq"], name="audit_entry_lane_seq")]
        # Plain indexes for the auditor's exact-match filters: db_index=True on a text column also built a
        # pattern-ops twin on PostgreSQL (for LIKE), which nothing uses and every entry paid for.
        indexes = [models.Index(fields=["username"], name="audit_entry_username"),
                   models.Index(fields=["organisation"], name="audit_entry_organisation"),
                   models.Index(fields=["action"], name="audit_entry_action")]

    @property
    def position(self) -> str:
        return chain.position(self.lane, self.seq)


class AuditHead(models.Model):
    """The last position and hash of one lane (one chain). Appending locks the row, so the entries of a lane take
    turns; the entries of different lanes do not wait for each other (see ``audit.services``)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)  # the lane
    seq = models.BigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default="0" * 64)
    prev_hash = models.CharField(max_length=64, default="0" * 64)  # the hash before the last append
