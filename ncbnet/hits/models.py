"""A hit: a search that found another country's record. The owner is told at once and confirms or denies
that the record still stands, within a deadline; the searching side follows up with the hit's reference."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class HitStatus(models.TextChoices):
    PENDING = "pending", "awaiting the owner's answer"
    CONFIRMED = "confirmed", "confirmed by the owner"
    DENIED = "denied", "denied by the owner (the record no longer stands)"


class Hit(models.Model):
    reference = models.CharField(max_length=32)
    record_type = models.CharField(max_length=20)
    record_id = models.BigIntegerField()
    # Empty, and the owner the General Secretariat, for a record the GS holds (the subject of a notice an
    # international body requested).
    owner_country = models.ForeignKey("members.Country", null=True, on_delete=models.PROTECT, related_name="+",
                                      db_index=False)
    owner_ncb = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+", db_index=False,
                                  help_text="the organisation that answers: the record's NCB, or the GS")
    searcher_org = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+", db_index=False)
    searcher_user = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+", db_index=False)
    location = models.CharField(max_length=200, blank=True, help_text="where the search was made, when the client says")
    searched_with = models.JSONField(help_text="what the searcher asked")
    score = models.FloatField()
    urgent = models.BooleanField(default=False, help_text="raised by a front-line check: shorter deadline")
    raised_at = models.DateTimeField()
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=HitStatus.choices, default=HitStatus.PENDING)
    answered_at = models.DateTimeField(null=True)
    answered_by = models.ForeignKey("members.User", null=True, on_delete=models.PROTECT, related_name="+", db_index=False)
    answer_note = models.TextField(blank=True)
    # No index: nothing looks a hit up by its message (a message is never deleted); every hit would write one.
    notification = models.ForeignKey("messaging.Message", null=True, on_delete=models.PROTECT, related_name="+",
                                     db_index=False)

    class Meta:
        indexes = [
            models.Index(fields=["owner_ncb", "-id"], name="hit_owner"),
            models.Index(fields=["searcher_org", "-id"], name="hit_searcher"),
            models.Index(fields=["record_type", "record_id"], name="hit_record"),
            models.Index(fields=["due_at"], condition=Q(status="pending"), name="hit_awaiting_answer"),
        ]
        # A constraint, not unique=True: that also built a pattern-ops twin on PostgreSQL that nothing uses.
        constraints = [models.UniqueConstraint(fields=["reference"], name="hit_reference_unique")]
