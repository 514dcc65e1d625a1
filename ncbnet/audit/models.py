"""The audit trail: one append-only, hash-chained row per read or write of police data, login,
token use and refusal."""

from __future__ import annotations

from django.db import models


class AuditEntry(models.Model):
    seq = models.BigIntegerField(unique=True, help_text="gapless position in the chain")
    at = models.DateTimeField(db_index=True)
    username = models.CharField(max_length=150, blank=True, db_index=True)
    organisation = models.CharField(max_length=40, blank=True, db_index=True)
    action = models.CharField(max_length=64, db_index=True)
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
        ordering = ["seq"]
        verbose_name_plural = "audit entries"


class AuditHead(models.Model):
    """The chain's last position and hash. Appending locks this row, so entries take turns."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default="0" * 64)
