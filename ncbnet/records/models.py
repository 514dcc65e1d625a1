"""The police databases: persons, travel documents, vehicles, works of art, firearms.

Every record belongs to the country that contributed it (``owner_country``, and the NCB that answers for it),
carries that owner's restrictions and classification (``access.restrictions.OwnerRestricted``), a status, and a
review date after which it drops out of search until renewed. Search keys are computed once, at write time
(``records.keys``), and stored beside the record. Every change writes a ``RecordVersion`` with the whole record,
so no change ever loses the previous version.
"""

from __future__ import annotations

from django.db import models

from ncbnet.access.restrictions import OwnerRestricted


class RecordStatus(models.TextChoices):
    ACTIVE = "active", "active"
    DELETED = "deleted", "deleted by its owner"


class PoliceRecord(OwnerRestricted):
    # Indexed with the review date instead (``_owner_review``): the owner's records due for review, and any filter by
    # owner country, read that index; a plain one beside it (and PostgreSQL's pattern-ops twin) was written for nothing.
    owner_country = models.ForeignKey(
        "members.Country", null=True, on_delete=models.PROTECT, related_name="+", db_index=False,
        help_text="the country whose data this is (empty for the General Secretariat's own)",
    )
    owner_ncb = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+", db_index=False)
    national_reference = models.CharField(max_length=64, help_text="the owner's own reference for this record")
    status = models.CharField(max_length=10, choices=RecordStatus.choices, default=RecordStatus.ACTIVE)
    review_due = models.DateField(help_text="after this date the record drops out of search until renewed")
    version = models.PositiveIntegerField(default=1)
    case_reference = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    created_by = models.ForeignKey("members.User", null=True, on_delete=models.PROTECT, related_name="+", db_index=False)
    updated_by = models.ForeignKey("members.User", null=True, on_delete=models.PROTECT, related_name="+", db_index=False)

    class Meta:
        abstract = True


def _owner_reference_unique(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["owner_ncb", "national_reference"], name=f"{name}_reference_unique")


def _owner_review(name: str) -> models.Index:
    """A country's records by review date: those due for review (``records.services.due_for_review``). Created by
    migration ``records/0005`` without ``id`` on SQLite, whose index entries end with the rowid (the id) anyway."""
    return models.Index(fields=["owner_country", "review_due", "id"], name=f"{name}_owner_review")


class Sex(models.TextChoices):
    MALE = "M", "male"
    FEMALE = "F", "female"
    OTHER = "X", "other"
    UNKNOWN = "U", "unknown"


class PersonRole(models.TextChoices):
    WANTED = "wanted", "wanted"
    MISSING = "missing", "missing"
    UNIDENTIFIED = "unidentified", "unidentified"
    PERSON_OF_INTEREST = "person_of_interest", "person of interest"


class Person(PoliceRecord):
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_date = models.CharField(max_length=24, blank=True, help_text="as known: 1980, 1980-05, 1980-05-17 or 1975..1980")
    birth_earliest = models.DateField(null=True)
    birth_latest = models.DateField(null=True)
    birth_place = models.CharField(max_length=200, blank=True)
    birth_country = models.CharField(max_length=2, blank=True)
    nationalities = models.CharField(max_length=200, blank=True, help_text="',FR,DZ,'")
    height_cm = models.PositiveSmallIntegerField(null=True)
    weight_kg = models.PositiveSmallIntegerField(null=True)
    eye_colour = models.CharField(max_length=30, blank=True)
    hair_colour = models.CharField(max_length=30, blank=True)
    distinguishing_marks = models.TextField(blank=True)
    languages = models.JSONField(default=list)
    identity_documents = models.JSONField(default=list, help_text="[{type, number, country}]")
    national_ids = models.JSONField(default=list, help_text="[{country, number}]")
    role = models.CharField(max_length=20, choices=PersonRole.choices)
    circumstances = models.TextField(blank=True, help_text="the offences, or the circumstances of the disappearance")

    class Meta:
        constraints = [_owner_reference_unique("person")]
        indexes = [_owner_review("person")]


class NameKind(models.TextChoices):
    PRIMARY = "primary", "primary"
    ALIAS = "alias", "alias"
    BIRTH_NAME = "birth_name", "birth name"
    ORIGINAL_SCRIPT = "original_script", "name in original script"


class PersonName(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    full = models.CharField(max_length=200)
    script = models.CharField(max_length=16)
    kind = models.CharField(max_length=16, choices=NameKind.choices)
    tokens = models.CharField(max_length=400, help_text="the name's normalised tokens, space-separated")
    keys = models.TextField(help_text="search keys computed at write time, space-separated")


class DocumentType(models.TextChoices):
    PASSPORT = "passport", "passport"
    IDENTITY_CARD = "identity_card", "identity card"
    VISA = "visa", "visa"
    RESIDENCE_PERMIT = "residence_permit", "residence permit"
    OTHER = "other", "other"


class DocumentStatus(models.TextChoices):
    STOLEN_BLANK = "stolen_blank", "stolen blank"
    STOLEN_FROM_BEARER = "stolen_from_bearer", "stolen from its bearer"
    LOST = "lost", "lost"
    REVOKED = "revoked", "revoked"
    INVALID = "invalid", "invalid"


class TravelDocument(PoliceRecord):
    number = models.CharField(max_length=20)
    number_key = models.CharField(max_length=20, help_text="normalised, scanned-text confusions folded")
    issuing_country = models.CharField(max_length=3, help_text="ICAO 9303 code")
    document_type = models.CharField(max_length=20, choices=DocumentType.choices)
    document_status = models.CharField(max_length=20, choices=DocumentStatus.choices)
    issue_date = models.DateField(null=True)
    expiry_date = models.DateField(null=True)
    event_date = models.DateField(null=True, help_text="date of theft or loss")
    event_place = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [_owner_reference_unique("document")]
        indexes = [_owner_review("document"), models.Index(fields=["number_key"], name="document_number_key")]


class Vehicle(PoliceRecord):
    vin = models.CharField(max_length=17, blank=True)
    vin_key = models.CharField(max_length=17, blank=True)
    plate = models.CharField(max_length=20, blank=True)
    plate_key = models.CharField(max_length=15, blank=True)
    plate_country = models.CharField(max_length=2, blank=True)
    make = models.CharField(max_length=60, blank=True)
    model = models.CharField(max_length=60, blank=True)
    colour = models.CharField(max_length=30, blank=True)
    year = models.PositiveSmallIntegerField(null=True)
    event_date = models.DateField(null=True)
    event_place = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [_owner_reference_unique("vehicle")]
        indexes = [
            _owner_review("vehicle"),
            models.Index(fields=["vin_key"], name="vehicle_vin_key"),
            models.Index(fields=["plate_key", "plate_country"], name="vehicle_plate_key"),
        ]


class ArtCategory(models.TextChoices):
    PAINTING = "painting", "painting"
    SCULPTURE = "sculpture", "sculpture"
    DRAWING = "drawing", "drawing"
    PRINT = "print", "print"
    ICON = "icon", "icon"
    MANUSCRIPT = "manuscript", "manuscript"
    COIN = "coin", "coin"
    JEWELLERY = "jewellery", "jewellery"
    TEXTILE = "textile", "textile"
    ARCHAEOLOGICAL = "archaeological_object", "archaeological object"
    OTHER = "other", "other"


class WorkOfArt(PoliceRecord):
    title = models.CharField(max_length=300)
    artist = models.CharField(max_length=200, blank=True)
    category = models.CharField(max_length=30, choices=ArtCategory.choices)
    period = models.CharField(max_length=100, blank=True)
    materials = models.CharField(max_length=200, blank=True)
    dimensions = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)
    event_date = models.DateField(null=True)
    event_place = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [_owner_reference_unique("artwork")]
        indexes = [_owner_review("artwork")]


class FirearmType(models.TextChoices):
    PISTOL = "pistol", "pistol"
    REVOLVER = "revolver", "revolver"
    RIFLE = "rifle", "rifle"
    SHOTGUN = "shotgun", "shotgun"
    SUBMACHINE_GUN = "submachine_gun", "submachine gun"
    OTHER = "other", "other"


class Firearm(PoliceRecord):
    make = models.CharField(max_length=60)
    model = models.CharField(max_length=60, blank=True)
    calibre = models.CharField(max_length=30, blank=True)
    firearm_type = models.CharField(max_length=20, choices=FirearmType.choices)
    serial_number = models.CharField(max_length=30)
    serial_key = models.CharField(max_length=30)

    class Meta:
        constraints = [_owner_reference_unique("firearm")]
        indexes = [_owner_review("firearm"), models.Index(fields=["serial_key"], name="firearm_serial_key")]


class Photo(models.Model):
    """A photo of a person or a work of art; the bytes live in the blob store under their SHA-256."""

    record_type = models.CharField(max_length=20)
    record_id = models.BigIntegerField()
    blob = models.ForeignKey("messaging.Blob", on_delete=models.PROTECT, related_name="+")
    caption = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["record_type", "record_id"], name="photo_record")]


class RecordVersion(models.Model):
    """One version of a record, written with every change: who, when, what, and the whole record."""

    record_type = models.CharField(max_length=20)
    record_id = models.BigIntegerField()
    version = models.PositiveIntegerField()
    action = models.CharField(max_length=10)  # create | update | renew | delete
    at = models.DateTimeField()
    username = models.CharField(max_length=150)
    organisation = models.CharField(max_length=40)
    changes = models.JSONField(default=dict, help_text="field: [before, after]")
    data = models.JSONField(help_text="the whole record as it stood after this change")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record_type", "record_id", "version"], name="one_row_per_version")]


class LinkTarget(models.TextChoices):
    CASE = "case", "case"
    MESSAGE = "message", "message"
    NOTICE = "notice", "notice"


class RecordLink(models.Model):
    record_type = models.CharField(max_length=20)
    record_id = models.BigIntegerField()
    target_type = models.CharField(max_length=10, choices=LinkTarget.choices)
    target_ref = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey("members.User", null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record_type", "record_id", "target_type", "target_ref"],
                                               name="record_link_unique")]


class SearchIndexChange(models.Model):
    """A log of changed persons, read by every process's in-memory person index to stay current."""

    record_id = models.BigIntegerField(help_text="the person changed; 0 after a bulk load: rebuild the whole index")
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["at"], name="search_index_change_at")]
