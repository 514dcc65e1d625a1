"""The domain engines' English explanations, findings and problems, and the services' refusals, in the officer's
language.

Person and identifier matching (``matching.name_comparison``, ``matching.persons``, ``matching.dates``,
``matching.mrz``, ``matching.identifiers``, ``records.identifier_search``) and notice screening
(``notices.screening``) explain themselves in English, and those texts stay English: they are part of the API
and of the audit trail. So do the services' refusals: a record's field errors (``records.cleaning`` and the
parsers it uses), a bulk file's report (``records.bulk``), a search's (``records.person_search``,
``records.text_search``, an identifier answer's ``error``), a notice request's (``notices.content``, pydantic's own
messages included, and the notices services, review, changes, diffusions and lifecycle), a message's
(``messaging.services``, ``recipients``, ``attachments``), and the access policy's ``Denied`` reasons.

The portal translates them at its edge instead, through one entry point, ``translate(line)`` (the ``explain``
filter in templates). Every sentence those modules can write is one template below, in two ordered tables tried
one after the other: ``TEMPLATES``, the engines' sentences, then ``ERRORS``, the services' refusals. A template's
English msgid is the sentence with its variable parts as ``%(name)s``; it also gives the pattern that recognises
the sentence (the literal parts as they are, each placeholder a named group), so the two cannot drift apart.
Values from the data (names, dates, numbers, terms, codes, what was typed) go back into the translated sentence
unchanged; the few fixed English phrases a module joins into a sentence (the missing identifiers, an excluded
offence category, a month's name, a notice's state, the holder of an ICAO code, "or"/"and" ending a list...) are
translated too, and the reason after "MRZ: " is itself translated. A line no template knows is shown as it came:
English, never lost.

``tests/portal/test_explain.py`` and ``tests/portal/test_explain_errors.py`` produce the lines by calling the
engines and the services and prove each one is known and rendered back word for word in English.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from ncbnet.portal.explain.errors import ERRORS
from ncbnet.portal.explain.phrases import PLACEHOLDER, VALUE_PATTERNS, VALUE_TRANSLATIONS
from ncbnet.portal.explain.sentences import TEMPLATES

__all__ = ["ERRORS", "TEMPLATES", "field_name", "known", "known_field", "template", "translate"]

class _Entry(NamedTuple):
    pattern: re.Pattern[str]
    template: Promise
    english: str


def _pattern(english: str) -> re.Pattern[str]:
    """The English template as a pattern: literal text escaped, each placeholder a named group."""
    pieces = PLACEHOLDER.split(english)  # literal, name, literal, name, ..., literal
    regex = "".join(
        re.escape(piece) if i % 2 == 0 else f"(?P<{piece}>{VALUE_PATTERNS.get(piece, '.+')})"
        for i, piece in enumerate(pieces)
    )
    return re.compile(regex, re.DOTALL)


@cache
def _table() -> tuple[_Entry, ...]:
    templates = TEMPLATES + ERRORS
    with translation.override(None):  # the msgids: the engines' and services' own sentences
        english = [str(template) for template in templates]
    return tuple(_Entry(_pattern(e), t, e) for e, t in zip(english, templates, strict=True))


def _find(line: str) -> tuple[_Entry, dict[str, str]] | None:
    for entry in _table():
        match = entry.pattern.fullmatch(line)
        if match is not None:
            return entry, match.groupdict()
    return None


def known(line: str) -> bool:
    """Whether a template reads this line of an engine or a service."""
    return _find(line) is not None


def template(line: str) -> str | None:
    """The English template that reads this line (for tests and diagnosis), or None."""
    found = _find(line)
    return None if found is None else found[0].english


def translate(line: str) -> str:
    """An engine's or a service's English line in the active language, its data values as they are; an unknown
    line as it is."""
    found = _find(line)
    if found is None:
        return line
    entry, values = found
    if not values:
        return str(entry.template)
    return str(entry.template) % {
        name: _value_translation(name)(value) for name, value in values.items()
    }




def _value_translation(name: str) -> Callable[[str], str]:
    if name == "reason":  # "MRZ: <why the zone cannot be read>": itself a known sentence
        return translate
    return VALUE_TRANSLATIONS.get(name, str)


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
