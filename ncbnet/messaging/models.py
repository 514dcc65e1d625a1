"""Messages between bureaus: written once, one delivery row per recipient organisation."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from ncbnet.access.restrictions import OwnerRestricted


class Language(models.TextChoices):
    ARABIC = "ar", "Arabic"
    ENGLISH = "en", "English"
    FRENCH = "fr", "French"
    SPANISH = "es", "Spanish"


class Priority(models.TextChoices):
    ROUTINE = "routine", "routine"
    URGENT = "urgent", "urgent"
    IMMEDIATE = "immediate", "immediate"


class CrimeArea(models.TextChoices):
    FUGITIVES = "fugitives", "fugitives"
    MISSING_PERSONS = "missing_persons", "missing persons"
    TERRORISM = "terrorism", "terrorism"
    DRUGS = "drugs", "drugs"
    CYBERCRIME = "cybercrime", "cybercrime"
    HUMAN_TRAFFICKING = "human_trafficking", "trafficking in human beings"
    FINANCIAL_CRIME = "financial_crime", "financial crime"
    FIREARMS = "firearms", "firearms"
    VEHICLES = "vehicles", "vehicles"
    WORKS_OF_ART = "works_of_art", "works of art"
    OTHER = "other", "other"


URGENT_SQL = "messaging_message.priority IN ('urgent', 'immediate')"  # as written in the index below (see there)


class Message(OwnerRestricted):
    # Every index is written by every send. db_index=False where a composite index below leads with the column, or
    # where nothing looks messages up by the column (an author's, a reply's or a forward's, a country's messages: a
    # message is found through its deliveries, its sender or its thread).
    owner_country = models.ForeignKey(
        "members.Country", null=True, on_delete=models.PROTECT, related_name="+", db_index=False,
        help_text="the country whose data this is (empty for the General Secretariat's own)",
    )
    sender_org = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="sent_messages", db_index=False
    )
    author = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="authored_messages",
                               db_index=False)
    addressed_to = models.JSONField(default=list, help_text="recipients as the author named them (NCB:FR, REGION:europe, ALL, GS)")
    subject = models.CharField(max_length=300)
    body = models.TextField()
    language = models.CharField(max_length=2, choices=Language.choices)
    language_detected = models.BooleanField(default=False)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.ROUTINE)
    crime_area = models.CharField(max_length=20, choices=CrimeArea.choices, default=CrimeArea.OTHER)
    case_reference = models.CharField(max_length=64, blank=True)
    reply_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replies",
                                 db_index=False)
    thread_root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    forwarded_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="forwards",
                                       db_index=False)
    chain = models.JSONField(default=list, help_text="who asked and who sent on: one hop per forward")
    idempotency_key = models.CharField(max_length=128, null=True, blank=True)
    request_fingerprint = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["author", "idempotency_key"], condition=Q(idempotency_key__isnull=False),
                name="message_idempotency_key_unique_per_author",
            )
        ]
        indexes = [
            models.Index(fields=["sender_org", "-id"], name="message_outbox"),
            # Only replies and forwards have a thread root: a new message (every hit's notification) writes nothing.
            models.Index(fields=["thread_root"], condition=Q(thread_root__isnull=False), name="message_thread"),
            models.Index(fields=["case_reference"], condition=~Q(case_reference=""), name="message_case"),
            # The CCC's picture of urgent traffic (services.urgent_traffic); routine messages stay out of it. SQLite
            # uses a partial index only for a query that writes its condition out (URGENT_SQL), not as parameters.
            models.Index(fields=["created_at"], condition=Q(priority__in=["urgent", "immediate"]),
                         name="message_urgent_since"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject[:40]}"


class Delivery(models.Model):
    """One recipient organisation's copy of a message and what happened to it there."""

    message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="deliveries", db_index=False)
    recipient_org = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="deliveries", db_index=False
    )
    crime_area = models.CharField(max_length=20, choices=CrimeArea.choices)  # copied: division inbox filter
    priority = models.CharField(max_length=10, choices=Priority.choices)
    delivered_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        "members.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        "members.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    ack_due_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "recipient_org"], name="one_delivery_per_recipient")
        ]
        indexes = [
            models.Index(fields=["recipient_org", "-id"], name="delivery_inbox"),
            models.Index(fields=["recipient_org", "crime_area", "-id"], name="delivery_division_inbox"),
            models.Index(fields=["ack_due_at"], condition=Q(acknowledged_at__isnull=True, ack_due_at__isnull=False),
                         name="delivery_awaiting_ack"),
        ]

    @property
    def state(self) -> str:
        if self.acknowledged_at:
            return "acknowledged"
        if self.read_at:
            return "read"
        return "delivered"


class Blob(models.Model):
    """An attachment's bytes, stored outside the database under their SHA-256."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)


class Attachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="attachments")
    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="attachments")
    filename = models.CharField(max_length=255)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["message", "filename"], name="attachment_name_unique")]
