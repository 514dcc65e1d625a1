"""The domain engines' English explanations, findings and problems in the officer's language.

Person and identifier matching (``matching.name_comparison``, ``matching.persons``, ``matching.dates``,
``matching.mrz``, ``matching.identifiers``, ``records.identifier_search``) and notice screening
(``notices.screening``) explain themselves in English, and those texts stay English: they are part of the API
and of the audit trail. The portal translates them at its edge instead. Every sentence those modules can write
is one template below, whose English msgid is the engine's sentence with its variable parts as ``%(name)s``;
the template also gives the pattern that recognises the sentence (the literal parts as they are, each
placeholder a named group), so the two cannot drift apart. Values from the data (names, dates, numbers,
terms, country codes) go back into the translated sentence unchanged; the few fixed English phrases an engine
joins into a sentence (the missing identifiers, an excluded offence category) are translated too. A line no
template knows is shown as it came: English, never lost.

``tests/portal/test_explain.py`` produces the lines by calling the engines and proves each one is known and
rendered back word for word in English.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Order matters where two templates could read the same line: the specific one first.
TEMPLATES: tuple[Promise, ...] = (
    # --- person search: one word of the searched name against one of the record's (name_comparison) ---
    # Translators: why a person record matched. The quoted words are names as the data spells them, folded to
    # lower case; keep the quotes (or use your language's). "~" means "compared with".
    _("'%(name)s' matches"),
    _("'%(query_name)s' ~ '%(record_name)s' (spelling variant)"),
    _("'%(query_name)s' ~ '%(record_name)s' (same name, particle or romanisation aside)"),
    _("'%(initial)s' is the initial of '%(name)s'"),
    _("'%(query_name)s' ~ '%(record_name)s' (written together)"),
    _("'%(query_name)s' ~ '%(record_name)s' (close spelling)"),
    _("middle name '%(name)s' not in the record"),
    _("'%(name)s' not in the record"),
    _("the record also has the middle name '%(name)s'"),
    _("the record also has '%(name)s'"),
    _("names in a different order"),
    _("no name in common"),
    _("no name to compare"),
    # --- person search: date of birth, sex, nationality (persons, dates) ---
    _("the record has no date of birth"),
    # Translators: M is male, F female: the query says one, the record the other.
    _("sex differs: query M, record F"),
    _("sex differs: query F, record M"),
    _("sex matches"),
    # Translators: %(country)s is an ISO country code; %(countries)s a list of them.
    _("nationality %(country)s matches"),
    _("nationality differs: query %(country)s, record %(countries)s"),
    # Translators: dates of birth as YYYY, YYYY-MM, YYYY-MM-DD or a range YYYY..YYYY, as the data holds them.
    _("date of birth matches exactly"),
    _("date of birth %(query)s matches (not a full date)"),
    _("day and month swapped: query %(query)s, record %(record)s"),
    _("year differs by one: query %(query)s, record %(record)s"),
    _("one digit differs: query %(query)s, record %(record)s"),
    _("two digits swapped: query %(query)s, record %(record)s"),
    _("year of birth differs by one: query %(query)s, record %(record)s"),
    _("date of birth differs: query %(query)s, record %(record)s"),
    _("date of birth compatible: %(query)s is within the record's %(record)s"),
    _("date of birth compatible: the record's %(record)s is within %(query)s"),
    _("date ranges overlap: query %(query)s, record %(record)s"),
    # --- identifier search (records.identifier_search) ---
    _("document number matches exactly"),
    # Translators: scanned text confuses O and 0, I and 1, S and 5...: the number is probably the same.
    _("document number %(number)s matches once scanned-text confusions are folded"),
    _("issuing country matches"),
    _("document type matches"),
    _("plate and its country match"),
    _("VIN matches exactly"),
    _("VIN %(vin)s matches once confusions are folded"),
    _("serial number matches exactly"),
    _("serial number %(number)s matches once confusions are folded"),
    # --- a VIN read with warnings (matching.identifiers.parse_vin) ---
    _("a VIN never contains the letters I, O or Q; read %(letters)s as 1 or 0"),
    _("check digit (9th character) of the VIN is %(found)s, expected %(expected)s"),
    _("the VIN's check digit does not match"),
    # --- a machine-readable zone read with problems (matching.mrz) ---
    # Translators: the check digits of a passport's machine-readable zone; "missing" means the filler '<'.
    _("check digit of the document number is missing, expected %(expected)s"),
    _("check digit of the document number is %(found)s, expected %(expected)s"),
    _("check digit of the date of birth is missing, expected %(expected)s"),
    _("check digit of the date of birth is %(found)s, expected %(expected)s"),
    _("check digit of the expiry date is missing, expected %(expected)s"),
    _("check digit of the expiry date is %(found)s, expected %(expected)s"),
    _("check digit of the optional data is missing, expected %(expected)s"),
    _("check digit of the optional data is %(found)s, expected %(expected)s"),
    _("check digit of the zone as a whole (composite) is missing, expected %(expected)s"),
    _("check digit of the zone as a whole (composite) is %(found)s, expected %(expected)s"),
    # Translators: %(raw)s is the date as written in the zone, YYMMDD.
    _("date of birth %(raw)s is not a date"),
    _("expiry date %(raw)s is not a date"),
    _("date of birth %(raw)s is not a date: there is no month %(month)s"),
    _("expiry date %(raw)s is not a date: there is no month %(month)s"),
    _("date of birth %(raw)s is not a date: there is no day %(day)s in %(year)s-%(month)s"),
    _("expiry date %(raw)s is not a date: there is no day %(day)s in %(year)s-%(month)s"),
    _("date of birth %(date)s is in the future"),
    _("sex %(sex)s is not F, M or <"),
    _("the name contains the digits %(digits)s; the zone may be misread"),
    # --- notice screening (notices.screening) ---
    # Translators: %(missing)s lists what is missing, e.g. "sex, date of birth (at least the year)".
    _("not enough identifiers to identify the person: %(missing)s missing"),
    _("a Red Notice needs the arrest warrant or judgment (authority, date, reference)"),
    _("the requesting country must give its assurance that extradition will be sought"),
    # Translators: %(remaining)s and %(minimum)s are numbers of months.
    _("%(remaining)s months of the sentence remain; a Red Notice needs at least %(minimum)s"),
    _("the heaviest maximum penalty charged is %(longest)s months; a Red Notice for prosecution needs an "
      "offence punishable by at least 2 years"),
    _("a person who cannot be named needs a photo or a physical description"),
    _("the subject's record has no name"),
    # Translators: %(text)s is the offence as the request words it, %(term)s the listed term found in it.
    _("'%(text)s' falls under an excluded offence category (%(category)s: '%(term)s')"),
    _("possible political character: '%(term)s'"),
    _("possible military character: '%(term)s'"),
    _("possible religious character: '%(term)s'"),
    _("possible racial character: '%(term)s'"),
    # Translators: %(signal)s is a category the General Secretariat added to the screening list, in English.
    _("possible %(signal)s character: '%(term)s'"),
)

# What each placeholder may hold; any other holds one character or more.
_DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_VALUE_PATTERNS = {
    "query": rf"{_DATE}(?:\.\.{_DATE})?",
    "record": rf"{_DATE}(?:\.\.{_DATE})?",
    "date": r"\d{4}-\d{2}-\d{2}",
    "raw": r"[0-9A-Z<]{6}",
    "month": r"[0-9A-Z<]{2}",
    "day": r"[0-9A-Z<]{2}",
    "year": r"\d{4}",
    "found": r"[0-9A-Z]",
    "expected": r"[0-9X]",
    "sex": r"[0-9A-Z]",
    "digits": r"\d+",
    "letters": r"[IOQ](?:, [IOQ])*",
    "remaining": r"\d+",
    "minimum": r"\d+",
    "longest": r"\d+",
    "category": r"[^:]+",
}
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")

# notices.screening joins these with ", " after "not enough identifiers to identify the person: ".
_MISSING_IDENTIFIERS = {
    "family name and forename": pgettext_lazy("missing identifier", "family name and forename"),
    "sex": pgettext_lazy("missing identifier", "sex"),
    "date of birth (at least the year)": pgettext_lazy("missing identifier", "date of birth (at least the year)"),
    "a photo, an identity document or a physical description":
        pgettext_lazy("missing identifier", "a photo, an identity document or a physical description"),
}
_LIST_SEPARATOR = pgettext_lazy("list separator", ", ")
# notices.terms: the excluded categories, as screening writes them (underscores as spaces).
_EXCLUDED_CATEGORIES = {
    "private dispute": pgettext_lazy("excluded offence category", "private dispute"),
    "administrative": pgettext_lazy("excluded offence category", "administrative"),
    "lawful elsewhere": pgettext_lazy("excluded offence category", "lawful elsewhere"),
}


def _missing_identifiers(value: str) -> str:
    items, rest = [], value
    while rest:
        item = next((k for k in _MISSING_IDENTIFIERS if rest == k or rest.startswith(k + ", ")), None)
        if item is None:
            return value  # a list screening did not write: leave it whole
        items.append(str(_MISSING_IDENTIFIERS[item]))
        rest = rest[len(item) + 2:]
    return str(_LIST_SEPARATOR).join(items)


def _excluded_category(value: str) -> str:
    known = _EXCLUDED_CATEGORIES.get(value)
    return value if known is None else str(known)


# Placeholders holding a fixed English phrase rather than data.
_VALUE_TRANSLATIONS: dict[str, Callable[[str], str]] = {
    "missing": _missing_identifiers,
    "category": _excluded_category,
}


class _Entry(NamedTuple):
    pattern: re.Pattern[str]
    template: Promise
    english: str


def _pattern(english: str) -> re.Pattern[str]:
    """The English template as a pattern: literal text escaped, each placeholder a named group."""
    pieces = _PLACEHOLDER.split(english)  # literal, name, literal, name, ..., literal
    regex = "".join(
        re.escape(piece) if i % 2 == 0 else f"(?P<{piece}>{_VALUE_PATTERNS.get(piece, '.+')})"
        for i, piece in enumerate(pieces)
    )
    return re.compile(regex, re.DOTALL)


@cache
def _table() -> tuple[_Entry, ...]:
    with translation.override(None):  # the msgids: the engines' own sentences
        english = [str(template) for template in TEMPLATES]
    return tuple(_Entry(_pattern(e), t, e) for e, t in zip(english, TEMPLATES, strict=True))


def _find(line: str) -> tuple[_Entry, dict[str, str]] | None:
    for entry in _table():
        match = entry.pattern.fullmatch(line)
        if match is not None:
            return entry, match.groupdict()
    return None


def known(line: str) -> bool:
    """Whether a template reads this engine line."""
    return _find(line) is not None


def template(line: str) -> str | None:
    """The English template that reads this line (for tests and diagnosis), or None."""
    found = _find(line)
    return None if found is None else found[0].english


def translate(line: str) -> str:
    """An engine's English line in the active language, its data values as they are; an unknown line as it is."""
    found = _find(line)
    if found is None:
        return line
    entry, values = found
    if not values:
        return str(entry.template)
    return str(entry.template) % {
        name: _VALUE_TRANSLATIONS.get(name, str)(value) for name, value in values.items()
    }


# --- the fields of a screening finding: "subject", "content.charges", "content.charges.0.description" ---

_FIELDS = {
    "subject": pgettext_lazy("notice field", "subject"),
    "summary": pgettext_lazy("notice field", "summary"),
    "charges": pgettext_lazy("notice field", "charges"),
    "description": pgettext_lazy("notice field", "description"),
    "law": pgettext_lazy("notice field", "legal provision"),
    "maximum_penalty_months": pgettext_lazy("notice field", "maximum penalty"),
    "translation": pgettext_lazy("notice field", "the charge in English"),
    "sought_for": pgettext_lazy("notice field", "sought for"),
    "sentence_remaining_months": pgettext_lazy("notice field", "remaining sentence"),
    "warrants": pgettext_lazy("notice field", "warrants"),
    "kind": pgettext_lazy("notice field", "kind"),
    "authority": pgettext_lazy("notice field", "issuing authority"),
    "issued_on": pgettext_lazy("notice field", "date of issue"),
    "reference": pgettext_lazy("notice field", "reference"),
    "issuing_country": pgettext_lazy("notice field", "issuing country"),
    "extradition_assurance": pgettext_lazy("notice field", "extradition assurance"),
    "reason": pgettext_lazy("notice field", "reason"),
    "disappeared_on": pgettext_lazy("notice field", "date of disappearance"),
    "disappeared_at": pgettext_lazy("notice field", "place of disappearance"),
    "minor": pgettext_lazy("notice field", "minor"),
    "information_sought": pgettext_lazy("notice field", "information sought"),
    "offences": pgettext_lazy("notice field", "offences"),
    "found_on": pgettext_lazy("notice field", "date the body was found"),
    "found_at": pgettext_lazy("notice field", "place the body was found"),
    "cause_of_death": pgettext_lazy("notice field", "cause of death"),
    "criminal_activities": pgettext_lazy("notice field", "criminal activities"),
    "threat_from": pgettext_lazy("notice field", "the threat comes from"),
    "threat": pgettext_lazy("notice field", "threat"),
    "recommended_measures": pgettext_lazy("notice field", "recommended measures"),
    "modus_operandi": pgettext_lazy("notice field", "modus operandi"),
    "objects": pgettext_lazy("notice field", "objects"),
    "devices": pgettext_lazy("notice field", "devices"),
    "concealment_methods": pgettext_lazy("notice field", "concealment methods"),
    "assets": pgettext_lazy("notice field", "assets"),
    "location": pgettext_lazy("notice field", "location"),
    "estimated_value": pgettext_lazy("notice field", "estimated value"),
    "linked_offences": pgettext_lazy("notice field", "linked offences"),
    "committee": pgettext_lazy("notice field", "Security Council committee"),
    "un_reference": pgettext_lazy("notice field", "UN reference"),
    "sanctions": pgettext_lazy("notice field", "sanctions"),
    "entity": pgettext_lazy("notice field", "sanctioned entity"),
    "name": pgettext_lazy("notice field", "name"),
    "aliases": pgettext_lazy("notice field", "other names"),
    "address": pgettext_lazy("notice field", "address"),
}
# One item of a list field: "charges.0" is the first charge.
_ITEMS = {
    "charges": pgettext_lazy("notice field", "charge %(number)s"),
    "warrants": pgettext_lazy("notice field", "warrant %(number)s"),
    "information_sought": pgettext_lazy("notice field", "information sought %(number)s"),
    "offences": pgettext_lazy("notice field", "offence %(number)s"),
    "objects": pgettext_lazy("notice field", "object %(number)s"),
    "devices": pgettext_lazy("notice field", "device %(number)s"),
    "concealment_methods": pgettext_lazy("notice field", "concealment method %(number)s"),
    "assets": pgettext_lazy("notice field", "asset %(number)s"),
    "linked_offences": pgettext_lazy("notice field", "linked offence %(number)s"),
    "sanctions": pgettext_lazy("notice field", "sanction %(number)s"),
    "aliases": pgettext_lazy("notice field", "other name %(number)s"),
}
_FIELD_SEPARATOR = " › "  # mirrored in right-to-left text


def _field_names(field: str) -> list[str] | None:
    parts = field.split(".")
    if parts[0] == "content" and len(parts) > 1:
        parts = parts[1:]
    names: list[str] = []
    for i, part in enumerate(parts):
        if part.isdigit() and i > 0 and parts[i - 1] in _ITEMS:
            names[-1] = str(_ITEMS[parts[i - 1]]) % {"number": int(part) + 1}
        elif part in _FIELDS:
            names.append(str(_FIELDS[part]))
        else:
            return None
    return names


def known_field(field: str) -> bool:
    """Whether `field_name` names this field (rather than returning it as it is)."""
    return _field_names(field) is not None


def field_name(field: str) -> str:
    """A screening finding's field in the active language ("content.charges.0.description": "charge 1 ›
    description"); a field this table does not know, as it is."""
    names = _field_names(field)
    return field if names is None else _FIELD_SEPARATOR.join(names)
