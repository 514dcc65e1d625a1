"""Contribution forms: a record of each kind, added or changed, and a bulk file. One table of fields per kind;
the records services (``records.cleaning``) are the rules and their refusals come back to the fields by name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ncbnet.access.policy import Actor
from ncbnet.access.restrictions import decode_countries
from ncbnet.portal.forms import Submitted, country_choices
from ncbnet.portal.labels import KINDS, choices

Make = Callable[[], forms.Field]


def _short(label, required=False, max_length=200) -> Make:
    return lambda: forms.CharField(label=label, required=required, max_length=max_length)


def _text(label) -> Make:
    return lambda: forms.CharField(label=label, required=False, max_length=4000,
                                   widget=forms.Textarea(attrs={"rows": 3}))


def _coded(label, kind: str, required=True) -> Make:
    options = [(code, str(name)) for code, name in KINDS[kind].items()]
    return lambda: forms.ChoiceField(label=label, required=required,
                                     choices=options if required else [("", "—"), *options])


def _date(label) -> Make:
    return lambda: forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}))


def _int(label, maximum: int) -> Make:
    return lambda: forms.IntegerField(label=label, required=False, min_value=0, max_value=maximum)


def _country(label, multiple=False) -> Make:
    if multiple:
        return lambda: forms.MultipleChoiceField(label=label, required=False,
                                                 widget=forms.SelectMultiple(attrs={"size": 5}))
    return lambda: forms.ChoiceField(label=label, required=False)


# Per kind, the record's own fields: name -> how to ask for it. The names are the records services' field names.
FIELDS: dict[str, list[tuple[str, Make]]] = {
    "person": [
        ("names", lambda: forms.CharField(label=_("Names"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
                                          help_text=_("One per line, in any script; the first is the main name."))),
        ("role", _coded(_("Role"), "person_role")), ("sex", _coded(_("Sex"), "sex", required=False)),
        ("birth_date", _short(_("Date of birth"), max_length=24)), ("birth_place", _short(_("Place of birth"))),
        ("birth_country", _country(_("Country of birth"))), ("nationalities", _country(_("Nationalities"), True)),
        ("height_cm", _int(_("Height (cm)"), 260)), ("weight_kg", _int(_("Weight (kg)"), 400)),
        ("eye_colour", _short(_("Eye colour"), max_length=30)), ("hair_colour", _short(_("Hair colour"), max_length=30)),
        ("distinguishing_marks", _text(_("Distinguishing marks"))),
        ("circumstances", _text(_("Offences or circumstances"))),
    ],
    "travel_document": [
        ("number", _short(_("Document number"), required=True, max_length=20)),
        ("issuing_country", _short(_("Issuing country (ICAO or ISO code, your own)"), required=True, max_length=3)),
        ("document_type", _coded(_("Document type"), "document_type")),
        ("document_status", _coded(_("Document status"), "document_status")),
        ("issue_date", _date(_("Date of issue"))), ("expiry_date", _date(_("Date of expiry"))),
        ("event_date", _date(_("Date of theft or loss"))), ("event_place", _short(_("Place of theft or loss"))),
    ],
    "vehicle": [
        ("vin", _short(_("Vehicle identification number (VIN)"), max_length=17)),
        ("plate", _short(_("Registration plate"), max_length=20)), ("plate_country", _country(_("Country of registration"))),
        ("make", _short(_("Make"), max_length=60)), ("model", _short(_("Model"), max_length=60)),
        ("colour", _short(_("Colour"), max_length=30)), ("year", _int(_("Year"), 2100)),
        ("event_date", _date(_("Date of theft"))), ("event_place", _short(_("Place of theft"))),
    ],
    "work_of_art": [
        ("title", _short(_("Title"), required=True, max_length=300)), ("artist", _short(_("Artist"))),
        ("category", _coded(_("Category"), "art_category")), ("period", _short(_("Period"), max_length=100)),
        ("materials", _short(_("Materials"))), ("dimensions", _short(_("Dimensions"), max_length=100)),
        ("description", _text(_("Description"))), ("event_date", _date(_("Date of theft"))),
        ("event_place", _short(_("Place of theft"))),
    ],
    "firearm": [
        ("make", _short(_("Make"), required=True, max_length=60)), ("model", _short(_("Model"), max_length=60)),
        ("calibre", _short(_("Calibre"), max_length=30)), ("firearm_type", _coded(_("Type"), "firearm_type")),
        ("serial_number", _short(_("Serial number"), required=True, max_length=30)),
    ],
}
COUNTRY_FIELDS = {"birth_country", "plate_country"}


class RecordForm(Submitted):
    national_reference = forms.CharField(label=_("Our reference"), max_length=64)
    case_reference = forms.CharField(label=_("Case reference"), max_length=64, required=False)
    classification = forms.TypedChoiceField(label=_("Classification"), coerce=int, initial=1)
    restriction_mode = forms.ChoiceField(label=_("Who may see it"), initial="none")
    restricted_countries = forms.MultipleChoiceField(label=_("Listed countries"), required=False,
                                                     widget=forms.SelectMultiple(attrs={"size": 5}))
    agencies_may_view = forms.BooleanField(label=_("National agencies may see it"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, kind_name: str, actor: Actor, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind_name
        countries = country_choices()
        self._set("classification", [(level, name) for level, name in choices("classification")
                                     if int(str(level)) <= actor.clearance])
        self._set("restriction_mode", choices("restriction"))
        self._set("restricted_countries", countries)
        self.own = [name for name, _make in FIELDS[kind_name]]
        for name, make in FIELDS[kind_name]:
            self.fields[name] = make()
            if name in COUNTRY_FIELDS:
                self._set(name, [("", "—"), *countries])
            elif name == "nationalities":
                self._set(name, countries)

    def _set(self, name: str, options: list) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = options

    def raw(self, only_changed: bool = False) -> dict[str, Any]:
        """The cleaned form as the records services take it; with ``only_changed``, what the officer changed."""
        out: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if name in ("version", "submission") or (only_changed and name not in self.changed_data):
                continue
            if name == "names":
                value = [line.strip() for line in value.splitlines() if line.strip()]
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            if value in ("", None) and not only_changed:
                continue
            out[name] = value
        return out

    @staticmethod
    def initial_of(kind_name: str, rec: Any, names: list[str]) -> dict[str, Any]:
        """A stored record as the form's initial values, to change it."""
        initial = {name: getattr(rec, name, None) for name, _make in FIELDS[kind_name]}
        if kind_name == "person":
            initial["names"] = "\n".join(names)
            initial["nationalities"] = decode_countries(rec.nationalities)
        r = rec.restrictions
        initial.update(national_reference=rec.national_reference, case_reference=rec.case_reference,
                       classification=r.classification, restriction_mode=r.mode,
                       restricted_countries=list(r.countries), agencies_may_view=r.agencies_may_view,
                       version=rec.version)
        return {k: v for k, v in initial.items() if v is not None}


class BulkForm(Submitted):
    kind = forms.ChoiceField(label=_("Database"))
    file = forms.FileField(label=_("File (NDJSON: one JSON record per line; or CSV with a header line)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = choices("record_kind")

    def format(self) -> str | None:
        name = self.cleaned_data["file"].name.lower()
        if name.endswith(".csv"):
            return "csv"
        if name.endswith((".ndjson", ".jsonl", ".json")):
            return "ndjson"
        return None
