"""The notice request form of each of the nine types, built from one table: the type's own fields, repeated rows
(a Red Notice's charges and warrants, a Silver Notice's assets), the subject, protection and publication.

The form only gathers and shapes; ``notices.content`` (the type's schema) and the notices services (screening,
review) are the rules. What they refuse comes back to the form's fields by name (``content.charges.0.law`` to
``charges_0_law``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ncbnet.access.policy import Actor
from ncbnet.notices.content import PUBLIC_TYPES, SUBJECT_NONE, SUBJECT_REQUIRED, NoticeType
from ncbnet.portal.explain import field_name
from ncbnet.portal.forms import Addressed, Submitted, country_choices
from ncbnet.portal.labels import choices

Make = Callable[[], forms.Field]


def _text(label, required=True, max_length=4000, rows=4) -> Make:
    return lambda: forms.CharField(label=label, required=required, max_length=max_length,
                                   widget=forms.Textarea(attrs={"rows": rows}))


def _short(label, required=True, max_length=300) -> Make:
    return lambda: forms.CharField(label=label, required=required, max_length=max_length)


def _lines(label, required=False) -> Make:
    """A list typed one item per line."""
    return lambda: forms.CharField(label=label, required=required, max_length=15000,
                                   help_text=_("One per line."), widget=forms.Textarea(attrs={"rows": 3}))


def _plain(value: Any) -> Any:
    """JSON-ready: dates as ISO text."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def _date(label, required=True) -> Make:
    return lambda: forms.DateField(label=label, required=required, help_text=_("YYYY-MM-DD"),
                                   widget=forms.DateInput(attrs={"type": "date"}))


def _choice(label, options, required=True) -> Make:
    return lambda: forms.ChoiceField(label=label, required=required, choices=[("", "—"), *options] if not required
                                     else options)


def _many(label, options) -> Make:
    return lambda: forms.MultipleChoiceField(label=label, choices=options, widget=forms.CheckboxSelectMultiple)


def _flag(label) -> Make:
    return lambda: forms.BooleanField(label=label, required=False)


def _number(label, required=True, maximum=1200) -> Make:
    return lambda: forms.IntegerField(label=label, required=required, min_value=0, max_value=maximum)


# The type's own fields, in order: content key -> how to ask for it.
FIELDS: dict[NoticeType, list[tuple[str, Make]]] = {
    NoticeType.RED: [
        ("sought_for", _choice(_("Sought for"), [("prosecution", _("prosecution")), ("sentence", _("serving a sentence"))])),
        ("sentence_remaining_months", _number(_("Remaining sentence (months), when sought to serve a sentence"),
                                              required=False)),
        ("extradition_assurance", _flag(_("We will seek extradition"))),
    ],
    NoticeType.YELLOW: [
        ("reason", _choice(_("Reason"), [("missing", _("missing person")),
                                         ("cannot_identify_self", _("person unable to identify themselves"))])),
        ("disappeared_on", _date(_("Date of disappearance"), required=False)),
        ("disappeared_at", _short(_("Place of disappearance"), required=False)),
        ("minor", _flag(_("A minor"))),
    ],
    NoticeType.BLUE: [
        ("information_sought", _many(_("Information sought"), [("identity", _("identity")),
                                                               ("location", _("location")),
                                                               ("activities", _("activities"))])),
        ("offences", _lines(_("Offences"))),
    ],
    NoticeType.BLACK: [
        ("found_on", _date(_("Date the body was found"))), ("found_at", _short(_("Place the body was found"))),
        ("cause_of_death", _short(_("Cause of death"), required=False)),
    ],
    NoticeType.GREEN: [
        ("criminal_activities", _text(_("Criminal activities"))), ("offences", _lines(_("Offences"), required=True)),
    ],
    NoticeType.ORANGE: [
        ("threat_from", _choice(_("The threat comes from"), [("person", _("a person")), ("object", _("an object")),
                                                            ("event", _("an event")), ("process", _("a process"))])),
        ("threat", _text(_("The threat, and why it is imminent"))),
        ("recommended_measures", _text(_("Recommended measures"), required=False)),
    ],
    NoticeType.PURPLE: [
        ("modus_operandi", _text(_("Modus operandi"))), ("objects", _lines(_("Objects"))),
        ("devices", _lines(_("Devices"))), ("concealment_methods", _lines(_("Concealment methods"))),
    ],
    NoticeType.SILVER: [("linked_offences", _lines(_("Linked offences"), required=True))],
    NoticeType.UN: [
        ("committee", _short(_("Security Council committee"))), ("un_reference", _short(_("UN reference"), max_length=40)),
        ("sanctions", _many(_("Sanctions"), [("asset_freeze", _("asset freeze")), ("travel_ban", _("travel ban")),
                                             ("arms_embargo", _("arms embargo"))])),
        ("entity_name", _short(_("Sanctioned entity (when not a person): name"), required=False)),
        ("entity_aliases", _lines(_("Entity's other names"))),
        ("entity_address", _short(_("Entity's address"), required=False)),
    ],
}

# Repeated rows: content key -> (rows offered, title, [(row key, how to ask)]); empty rows are left out.
ROWS: dict[NoticeType, list[tuple[str, int, Any, list[tuple[str, Make]]]]] = {
    NoticeType.RED: [
        ("charges", 5, _("Charges"), [
            ("description", _short(_("Offence charged"), required=False)),
            ("law", _short(_("Legal provision"), required=False)),
            ("maximum_penalty_months", _number(_("Maximum penalty (months)"), required=False)),
            ("translation", _short(_("The charge in English"), required=False)),
        ]),
        ("warrants", 3, _("Arrest warrants and judgments"), [
            ("kind", _choice(_("Kind"), [("arrest_warrant", _("arrest warrant")), ("judgment", _("judgment"))],
                             required=False)),
            ("authority", _short(_("Issuing authority"), required=False)),
            ("issued_on", _date(_("Date of issue"), required=False)),
            ("reference", _short(_("Reference"), required=False)),
            ("issuing_country", _choice(_("Issuing country"), [], required=False)),
        ]),
    ],
    NoticeType.SILVER: [
        ("assets", 5, _("Assets"), [
            ("kind", _choice(_("Kind"), [("bank_account", _("bank account")), ("real_estate", _("real estate")),
                                         ("vehicle", _("vehicle")), ("vessel", _("vessel")), ("company", _("company")),
                                         ("cryptoasset", _("crypto-asset")), ("other", _("other asset"))],
                             required=False)),
            ("description", _short(_("Description"), required=False)),
            ("location", _short(_("Location"), required=False)),
            ("estimated_value", _short(_("Estimated value"), required=False, max_length=100)),
        ]),
    ],
}
LINES = {"offences", "objects", "devices", "concealment_methods", "linked_offences", "entity_aliases"}


class NoticeRequestForm(Submitted):
    """One type's request. ``groups`` lists the row fieldsets for the template."""

    subject_person_id = forms.IntegerField(label=_("Subject: person record number"), min_value=1,
                                           help_text=_("The person record of your bureau this notice is about "
                                                       "(search the databases to find its number)."))
    language = forms.ChoiceField(label=_("Language of the request"), initial="en")
    summary = forms.CharField(label=_("Summary of the facts"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}))
    classification = forms.TypedChoiceField(label=_("Classification"), coerce=int, initial=1)
    restriction_mode = forms.ChoiceField(label=_("Who may see it"), initial="none")
    restricted_countries = forms.MultipleChoiceField(label=_("Listed countries"), required=False,
                                                     widget=forms.SelectMultiple(attrs={"size": 6}))
    public_consent = forms.BooleanField(label=_("We agree to publish an extract for the public"), required=False)

    def __init__(self, kind: NoticeType, actor: Actor, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind in SUBJECT_NONE:
            del self.fields["subject_person_id"]
        elif kind not in SUBJECT_REQUIRED:
            self.fields["subject_person_id"].required = False
        if kind not in PUBLIC_TYPES:
            del self.fields["public_consent"]
        self._set("language", choices("language"))
        self._set("classification", [(level, name) for level, name in choices("classification")
                                     if int(str(level)) <= actor.clearance])
        self._set("restriction_mode", choices("restriction"))
        countries = country_choices()
        self._set("restricted_countries", countries)
        self.own = [name for name, _make in FIELDS[kind]]
        for name, make in FIELDS[kind]:
            self.fields[name] = make()
        self.groups: list[tuple[Any, list[list[str]]]] = []
        for key, count, title, columns in ROWS.get(kind, []):
            rows = []
            for i in range(count):
                names = []
                for column, make in columns:
                    name = f"{key}_{i}_{column}"
                    self.fields[name] = make()
                    if column == "issuing_country":
                        self._set(name, [("", "—"), *countries])
                    names.append(name)
                rows.append(names)
            self.groups.append((title, rows))

    def _set(self, name: str, options: list) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = options

    def bound(self, names: list[str]) -> list[forms.BoundField]:
        return [self[name] for name in names]

    def content(self) -> dict[str, Any]:
        """The cleaned form as the type's content (``notices.content``)."""
        data = self.cleaned_data
        content: dict[str, Any] = {"summary": data["summary"]}
        entity: dict[str, Any] = {}
        for name in self.own:
            value = data.get(name)
            if name in LINES:
                value = [line.strip() for line in (value or "").splitlines() if line.strip()]
            if name.startswith("entity_"):
                if value:
                    entity[name.removeprefix("entity_")] = value
                continue
            if value in (None, "", []) and not isinstance(value, bool) and name not in LINES:
                continue
            content[name] = _plain(value)
        if entity:
            content["entity"] = entity
        for key, count, _title, columns in ROWS.get(self.kind, []):
            rows = []
            for i in range(count):
                row = {column: data.get(f"{key}_{i}_{column}") for column, _make in columns}
                row = {k: _plain(v) for k, v in row.items() if v not in (None, "")}
                if row:
                    rows.append(row)
            content[key] = rows
        return content

    def field_of(self, error_key: str) -> str | None:
        """``content.charges.0.law`` -> ``charges_0_law``; ``content.summary`` -> ``summary``; None when the
        form has no such field."""
        path = error_key.removeprefix("content.").split(".")
        name = "_".join(path)
        if path[0] == "entity" and len(path) > 1:
            name = f"entity_{path[1]}"
        if path[0] == "subject":
            name = "subject_person_id"
        return name if name in self.fields else None


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                                 choices=[("approve", _("approve")), ("return", _("return for more information")),
                                          ("refuse", _("refuse"))])
    reasons = forms.CharField(label=_("Reasons (required to return or refuse; sent to the requesting bureau)"),
                              max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4}))


class ReasonsForm(forms.Form):
    reasons = forms.CharField(label=_("Reasons"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class DiffusionForm(Addressed):
    """A diffusion: straight to the member countries the bureau chooses, no review before it goes."""

    kind = forms.ChoiceField(label=_("Kind"))
    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.CharField(label=_("Text"), max_length=100_000, widget=forms.Textarea(attrs={"rows": 8}))
    subject_person_id = forms.IntegerField(label=_("Subject: person record number (optional)"), min_value=1,
                                           required=False)
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    classification = forms.TypedChoiceField(label=_("Classification"), coerce=int, initial=1)
    restriction_mode = forms.ChoiceField(label=_("Who may see it"), initial="none")
    restricted_countries = forms.MultipleChoiceField(label=_("Listed countries"), required=False,
                                                     widget=forms.SelectMultiple(attrs={"size": 6}))

    def __init__(self, actor: Actor, *args, **kwargs):
        super().__init__(actor, *args, **kwargs)
        self.fields.pop("agencies", None)  # a diffusion goes to member countries' bureaus only
        self.fields.pop("general_secretariat", None)
        for name, options in (("kind", choices("diffusion_kind")), ("restriction_mode", choices("restriction")),
                              ("restricted_countries", country_choices()),
                              ("classification", [(level, name) for level, name in choices("classification")
                                                  if int(str(level)) <= actor.clearance])):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = options


@cache
def _option_labels() -> dict[str, Any]:
    """Every coded value the request forms offer (sought_for, warrant kind, asset kind...) and its label."""
    found: dict[str, Any] = {}
    makers = [make for fields in FIELDS.values() for _name, make in fields]
    makers += [make for groups in ROWS.values() for _key, _n, _title, columns in groups for _c, make in columns]
    for make in makers:
        field = make()
        if isinstance(field, forms.ChoiceField):
            found.update({code: name for code, name in cast(Iterable[tuple[Any, Any]], field.choices) if code})
    return found


def content_rows(content: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """A stored request's content as a reviewer reads it: each field by its name in the officer's language, coded
    values by their labels, yes/no for flags; (name, "text" | "list" | "items", value), "items" being lists of
    (part, value) pairs (a charge, a warrant, an asset); empty fields left out."""
    labels = _option_labels()

    def shown(value: Any) -> Any:
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, list):
            return [shown(v) for v in value if v not in (None, "", [])]
        return labels.get(value, value) if isinstance(value, str) else value

    def parts(prefix: str, item: dict[str, Any]) -> list[tuple[str, Any]]:
        return [(field_name(f"{prefix}.{k}").split(" › ")[-1], shown(v)) for k, v in item.items()
                if v not in (None, "", [])]

    rows: list[tuple[str, str, Any]] = []
    for key, value in content.items():
        name = field_name(f"content.{key}")
        if value in (None, "", []):
            continue
        if isinstance(value, list) and isinstance(value[0], dict):
            rows.append((name, "items", [parts(f"content.{key}.{i}", item) for i, item in enumerate(value)]))
        elif isinstance(value, dict):
            rows.append((name, "items", [parts(f"content.{key}", value)]))
        elif isinstance(value, list):
            rows.append((name, "list", shown(value)))
        else:
            rows.append((name, "text", shown(value)))
    return rows
