"""Notices, their reviews and events, diffusions, the screening list, and public extracts.

A notice is police data owned by the requesting country (``OwnerRestricted``): while it is being prepared and
reviewed only that country's bureau and the General Secretariat see it; once published every member sees it,
within the owner's restrictions. Its content is JSON checked against its type (``notices.content``); its subject
is a person record (``records.Person``), so that the subject is found by person search.

``PublicExtract`` is the only table the public site and the public API read: it holds, already cut down, what
the requesting country agreed to publish, and exists only while the notice is published.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from ncbnet.access.restrictions import OwnerRestricted


class NoticeState(models.TextChoices):
    DRAFT = "draft", "draft"
    IN_REVIEW = "in_review", "submitted, in review"
    RETURNED = "returned", "returned for more information"
    REFUSED = "refused", "refused"
    PUBLISHED = "published", "published"
    SUSPENDED = "suspended", "suspended"
    WITHDRAWN = "withdrawn", "withdrawn by the requesting country"
    CANCELLED = "cancelled", "cancelled by the General Secretariat"
    DELETED = "deleted", "deleted on an order of the data-protection commission"
    EXPIRED = "expired", "expired"


class Notice(OwnerRestricted):
    notice_type = models.CharField(max_length=8)
    state = models.CharField(max_length=10, choices=NoticeState.choices, default=NoticeState.DRAFT)
    owner_ncb = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+", db_index=False,
                                  help_text="the requesting NCB, or the authorised international body")
    requested_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+", db_index=False)
    subject = models.ForeignKey("records.Person", null=True, on_delete=models.PROTECT, related_name="notices")
    subject_particulars = models.JSONField(null=True, help_text="an international body's subject (it keeps no "
                                           "records): a person record held by the General Secretariat at publication")
    title = models.CharField(max_length=300, help_text="the subject's name, or what the notice is about")
    content = models.JSONField(help_text="the type's fields (notices.content)")
    pending_content = models.JSONField(null=True, help_text="a material change of a published notice, awaiting review")
    language = models.CharField(max_length=2, default="en")
    screening = models.JSONField(default=dict, help_text="the last automatic screening: failures and signals")
    flagged = models.BooleanField(default=False, help_text="screening saw a possible political, military, religious "
                                  "or racial character: two reviewers must approve")
    public_consent = models.BooleanField(default=False)
    public_fields = models.JSONField(default=list, help_text="the fields the requesting country agreed to publish")
    year = models.PositiveSmallIntegerField(null=True, help_text="with number: the notice's control number, from publication")
    number = models.PositiveIntegerField(null=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True)
    published_at = models.DateTimeField(null=True)
    expires_at = models.DateTimeField(null=True)
    renewal_asked_at = models.DateTimeField(null=True, help_text="when the owner was asked whether it is still needed")
    suspended_until = models.DateTimeField(null=True)
    deletion_due_at = models.DateTimeField(null=True, help_text="the data-protection commission's deadline")
    deletion_order = models.CharField(max_length=100, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="notice_control_number"),
        ]
        indexes = [
            models.Index(fields=["state", "notice_type", "-published_at"], name="notice_state_type"),
            models.Index(fields=["owner_country", "state"], name="notice_owner_state"),
            models.Index(fields=["expires_at"], condition=Q(state__in=["published", "suspended"]), name="notice_expiry"),
        ]

    @property
    def control_number(self) -> str:
        return f"{self.year}/{self.number}" if self.year else ""


class NoticeCounter(models.Model):
    """The last control number given in each year (taken under a row lock at publication)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", "approve"
    REFUSE = "refuse", "refuse"
    RETURN = "return", "return for more information"


class NoticeReview(models.Model):
    """One reviewer's decision on one round (a submission, or a material change of a published notice)."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="reviews")
    round = models.PositiveIntegerField(help_text="the notice's version under review")
    reviewer = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=8, choices=ReviewDecision.choices)
    reasons = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notice", "round", "reviewer"], name="one_decision_per_reviewer")]


class NoticeEvent(models.Model):
    """The notice's history: every transition, who made it, why, and the content as it then stood."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_state = models.CharField(max_length=10)
    to_state = models.CharField(max_length=10)
    at = models.DateTimeField()
    username = models.CharField(max_length=150)
    organisation = models.CharField(max_length=40)
    reasons = models.TextField(blank=True)
    content = models.JSONField(null=True)


class TermList(models.TextChoices):
    EXCLUDED = "excluded", "excluded offence: screening refuses the request"
    SIGNAL = "signal", "signal of a political, military, religious or racial character: flagged for the reviewers"


class ScreeningTerm(models.Model):
    """The maintained list screening reads: excluded offence categories and character signals, in four languages."""

    term_list = models.CharField(max_length=8, choices=TermList.choices)
    category = models.CharField(max_length=40, help_text="e.g. private_dispute, political, military, religious, racial")
    language = models.CharField(max_length=2)
    term = models.CharField(max_length=120)
    active = models.BooleanField(default=True)
    added_by = models.CharField(max_length=150, blank=True)
    added_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term_list", "language", "term"], name="screening_term_unique")]


class DiffusionKind(models.TextChoices):
    WANTED = "wanted", "wanted person"
    MISSING = "missing", "missing person"
    INFORMATION = "information", "information"
    ALERT = "alert", "alert"


class DiffusionState(models.TextChoices):
    ACTIVE = "active", "active"
    NON_COMPLIANT = "non_compliant", "found non-compliant by the General Secretariat"
    WITHDRAWN = "withdrawn", "withdrawn by the sender"


class Diffusion(OwnerRestricted):
    """Sent by an NCB straight to the countries it chose, without prior review; delivered as a message."""

    kind = models.CharField(max_length=12, choices=DiffusionKind.choices)
    state = models.CharField(max_length=14, choices=DiffusionState.choices, default=DiffusionState.ACTIVE)
    owner_ncb = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+", db_index=False)
    sent_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+", db_index=False)
    subject = models.ForeignKey("records.Person", null=True, on_delete=models.PROTECT, related_name="diffusions")
    title = models.CharField(max_length=300)
    body = models.TextField()
    addressed_to = models.JSONField(help_text="as the sender named them: NCB:FR, REGION:europe, ALL")
    recipient_countries = models.CharField(max_length=1200, help_text="',FR,DE,' the member countries it reached")
    message = models.ForeignKey("messaging.Message", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    compliance_note = models.TextField(blank=True)
    compliance_at = models.DateTimeField(null=True)

    class Meta:
        indexes = [models.Index(fields=["owner_country", "-created_at"], name="diffusion_owner")]


class PublicExtract(models.Model):
    """What the public may see of one published notice; nothing else is ever read by the public site or API.

    Written at publication when the requesting country consented, rewritten on every change, deleted the moment
    the notice stops being published. The search columns repeat what ``data`` holds, for the public API's
    filters."""

    notice = models.OneToOneField(Notice, on_delete=models.CASCADE, related_name="public_extract")
    notice_type = models.CharField(max_length=8)
    entity_id = models.CharField(max_length=16, unique=True, help_text="year/number, e.g. 2026/1234")
    name = models.CharField(max_length=200, blank=True, help_text="family name, upper case, for search")
    forename = models.CharField(max_length=200, blank=True)
    name_key = models.CharField(max_length=400, blank=True, help_text="name and forename folded to ASCII lower case")
    nationalities = models.CharField(max_length=200, blank=True, help_text="',FR,DZ,'")
    sex = models.CharField(max_length=1, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True)
    birth_date = models.DateField(null=True, help_text="the latest possible date of birth, for age filters")
    warrant_countries = models.CharField(max_length=200, blank=True, help_text="',FR,'")
    free_text = models.TextField(blank=True, help_text="folded text of the public fields, for freeText")
    data = models.JSONField(help_text="the public fields, in the public API's shape")
    photos = models.JSONField(default=list, help_text="SHA-256 of the photos made public")
    published_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["notice_type", "-published_at"], name="extract_type_recent"),
            models.Index(fields=["notice_type", "name"], name="extract_type_name"),
        ]
