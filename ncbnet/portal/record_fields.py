"""What a record page shows of each kind of record, in order, with the field's name in the officer's language and,
for coded values, the ``labels`` kind that names them."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from ncbnet.records.kinds import KINDS

# (attribute, label, labels kind or "" for a plain value, or "countries" for ',FR,DZ,')
Field = tuple[str, object, str]

COMMON: list[Field] = [
    ("national_reference", _("Owner's reference"), ""), ("case_reference", _("Case reference"), ""),
    ("status", _("Status"), "record_status"),  # the review date: its own line, with whether it lapsed (record.html)
    ("version", _("Version"), ""),
]
FIELDS: dict[str, list[Field]] = {
    "person": [
        ("role", _("Role"), "person_role"), ("sex", _("Sex"), "sex"), ("birth_date", _("Date of birth"), ""),
        ("birth_place", _("Place of birth"), ""), ("birth_country", _("Country of birth"), ""),
        ("nationalities", _("Nationalities"), "countries"), ("height_cm", _("Height (cm)"), ""),
        ("weight_kg", _("Weight (kg)"), ""), ("eye_colour", _("Eye colour"), ""),
        ("hair_colour", _("Hair colour"), ""), ("distinguishing_marks", _("Distinguishing marks"), ""),
        ("languages", _("Languages spoken"), "list"), ("circumstances", _("Offences or circumstances"), ""),
    ],
    "travel_document": [
        ("number", _("Document number"), ""), ("issuing_country", _("Issuing country"), ""),
        ("document_type", _("Document type"), "document_type"),
        ("document_status", _("Document status"), "document_status"), ("issue_date", _("Date of issue"), ""),
        ("expiry_date", _("Date of expiry"), ""), ("event_date", _("Date of theft or loss"), ""),
        ("event_place", _("Place of theft or loss"), ""),
    ],
    "vehicle": [
        ("vin", _("Vehicle identification number (VIN)"), ""), ("plate", _("Registration plate"), ""),
        ("plate_country", _("Country of registration"), ""), ("make", _("Make"), ""), ("model", _("Model"), ""),
        ("colour", _("Colour"), ""), ("year", _("Year"), ""), ("event_date", _("Date of theft"), ""),
        ("event_place", _("Place of theft"), ""),
    ],
    "work_of_art": [
        ("title", _("Title"), ""), ("artist", _("Artist"), ""), ("category", _("Category"), "art_category"),
        ("period", _("Period"), ""), ("materials", _("Materials"), ""), ("dimensions", _("Dimensions"), ""),
        ("description", _("Description"), ""), ("event_date", _("Date of theft"), ""),
        ("event_place", _("Place of theft"), ""),
    ],
    "firearm": [
        ("make", _("Make"), ""), ("model", _("Model"), ""), ("calibre", _("Calibre"), ""),
        ("firearm_type", _("Type"), "firearm_type"), ("serial_number", _("Serial number"), ""),
    ],
}


def kind_or_404(kind_name: str) -> str:
    """The record kind a portal address names; an unknown one is a page not found."""
    if kind_name not in KINDS:
        raise Http404(kind_name)
    return kind_name
