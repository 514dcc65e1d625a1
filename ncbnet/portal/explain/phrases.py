"""The values inside the engines' and services' sentences: what each placeholder may hold (for the patterns),
and the fixed English phrases a module joins into a sentence, translated (``explain.translate`` applies them)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping

from django.utils.dates import MONTHS
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from ncbnet.portal import labels

# What each placeholder may hold; any other holds one character or more.
_DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
VALUE_PATTERNS = {
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
    # the services' refusals
    "count": r"[\d,]+",
    "max": r"[\d,]+",
    "min": r"\d+",
    "low": r"\d+",
    "high": r"\d+",
    "given": r"\d+",
    "byte": r"\d+",
    "line": r"\d+",
    "position": r"\d+",
    "size": r"\d+",
    "limit": r"\d+",
    "months": r"\d+",
    "id": r"\d+",
    "days": r"\d+",
    "month_number": r"-?\d{1,2}",
    "day_number": r"\d{1,2}",
    "year_number": r"\d+",
    "month_name": "|".join(calendar.month_name[1:]),
    "when": _DATE,
    "range": rf"{_DATE}\.\.{_DATE}",
    "notice_type": r"[a-z]+",
    "state": r"[a-z ]+",
    "states": r"[a-z ]+(?:, [a-z ]+)*",
    "past_action": r"[a-z ]+",
    "literals": r"'[^']*'(?:, '[^']*')*(?: or '[^']*')?",
    "lengths": r"\d+(?:, \d+)*(?: and \d+)?",
    "model": r"\w+",
    "hit_status": r"\w+",
}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")

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


# --- the fixed English phrases the services put into their refusals ---

# matching.dates and records.cleaning name the month as the calendar module does (in English); Django's own
# catalogues name it in the officer's language.
_MONTH_NAMES = dict(zip(calendar.month_name[1:], MONTHS.values(), strict=True))
# matching.identifiers: ICAO 9303 codes for what is not a country ("country code XPO designates INTERPOL, ...").
_CODE_HOLDERS = {
    "the United Nations Organization": pgettext_lazy("ICAO code holder", "the United Nations Organization"),
    "a specialized agency of the United Nations":
        pgettext_lazy("ICAO code holder", "a specialized agency of the United Nations"),
    "the UN Interim Administration Mission in Kosovo":
        pgettext_lazy("ICAO code holder", "the UN Interim Administration Mission in Kosovo"),
    "the African Development Bank": pgettext_lazy("ICAO code holder", "the African Development Bank"),
    "the African Export-Import Bank": pgettext_lazy("ICAO code holder", "the African Export-Import Bank"),
    "the Caribbean Community": pgettext_lazy("ICAO code holder", "the Caribbean Community"),
    "the Council of Europe": pgettext_lazy("ICAO code holder", "the Council of Europe"),
    "the Common Market for Eastern and Southern Africa":
        pgettext_lazy("ICAO code holder", "the Common Market for Eastern and Southern Africa"),
    "the Economic Community of West African States":
        pgettext_lazy("ICAO code holder", "the Economic Community of West African States"),
    "the Southern African Development Community":
        pgettext_lazy("ICAO code holder", "the Southern African Development Community"),
    "the Organisation of Eastern Caribbean States":
        pgettext_lazy("ICAO code holder", "the Organisation of Eastern Caribbean States"),
    "the Parliamentary Assembly of the Mediterranean":
        pgettext_lazy("ICAO code holder", "the Parliamentary Assembly of the Mediterranean"),
    "INTERPOL": pgettext_lazy("ICAO code holder", "INTERPOL"),
    "the Sovereign Military Order of Malta": pgettext_lazy("ICAO code holder", "the Sovereign Military Order of Malta"),
    "a stateless person": pgettext_lazy("ICAO code holder", "a stateless person"),
    "a refugee (1951 Convention)": pgettext_lazy("ICAO code holder", "a refugee (1951 Convention)"),
    "a refugee (other than the 1951 Convention)":
        pgettext_lazy("ICAO code holder", "a refugee (other than the 1951 Convention)"),
    "a person of unspecified nationality": pgettext_lazy("ICAO code holder", "a person of unspecified nationality"),
    "the European Union": pgettext_lazy("ICAO code holder", "the European Union"),
}
# notices.services: the type's code as an adjective, "a red notice".
_NOTICE_TYPES = {
    "red": pgettext_lazy("notice type, as in 'a red notice'", "red"),
    "yellow": pgettext_lazy("notice type, as in 'a red notice'", "yellow"),
    "blue": pgettext_lazy("notice type, as in 'a red notice'", "blue"),
    "black": pgettext_lazy("notice type, as in 'a red notice'", "black"),
    "green": pgettext_lazy("notice type, as in 'a red notice'", "green"),
    "orange": pgettext_lazy("notice type, as in 'a red notice'", "orange"),
    "purple": pgettext_lazy("notice type, as in 'a red notice'", "purple"),
    "silver": pgettext_lazy("notice type, as in 'a red notice'", "silver"),
    "un": pgettext_lazy("notice type, as in 'a red notice'", "un"),
}
# notices.lifecycle: "a notice that is <state> cannot be <action>; only one that is <state>, <state>".
_NOTICE_STATES = {
    "draft": pgettext_lazy("a notice that is ...", "draft"),
    "in review": pgettext_lazy("a notice that is ...", "in review"),
    "returned": pgettext_lazy("a notice that is ...", "returned"),
    "refused": pgettext_lazy("a notice that is ...", "refused"),
    "published": pgettext_lazy("a notice that is ...", "published"),
    "suspended": pgettext_lazy("a notice that is ...", "suspended"),
    "withdrawn": pgettext_lazy("a notice that is ...", "withdrawn"),
    "cancelled": pgettext_lazy("a notice that is ...", "cancelled"),
    "deleted": pgettext_lazy("a notice that is ...", "deleted"),
    "expired": pgettext_lazy("a notice that is ...", "expired"),
}
_NOTICE_ACTIONS = {
    "edited": pgettext_lazy("a notice cannot be ...", "edited"),
    "submitted": pgettext_lazy("a notice cannot be ...", "submitted"),
    "approved": pgettext_lazy("a notice cannot be ...", "approved"),
    "refused": pgettext_lazy("a notice cannot be ...", "refused"),
    "returned": pgettext_lazy("a notice cannot be ...", "returned"),
    "updated": pgettext_lazy("a notice cannot be ...", "updated"),
    "suspended": pgettext_lazy("a notice cannot be ...", "suspended"),
    "resumed": pgettext_lazy("a notice cannot be ...", "resumed"),
    "withdrawn": pgettext_lazy("a notice cannot be ...", "withdrawn"),
    "cancelled": pgettext_lazy("a notice cannot be ...", "cancelled"),
    "ordered deleted": pgettext_lazy("a notice cannot be ...", "ordered deleted"),
    "deleted": pgettext_lazy("a notice cannot be ...", "deleted"),
    "renewed": pgettext_lazy("a notice cannot be ...", "renewed"),
    "expired": pgettext_lazy("a notice cannot be ...", "expired"),
}
# access.policy: the databases an agency may be authorised for, as the policy writes them ("travel documents").
_DATABASES = {code.replace("_", " "): name for code, name in labels.DATABASE.items()}
# pydantic (speedate): what is wrong with a date. Its problems with times, time zones and timestamps (a date was
# asked for) stay as pydantic wrote them.
_DATE_PROBLEMS = {
    "input is too short": pgettext_lazy("date problem", "input is too short"),
    "invalid character in year": pgettext_lazy("date problem", "invalid character in year"),
    "invalid character in month": pgettext_lazy("date problem", "invalid character in month"),
    "invalid character in day": pgettext_lazy("date problem", "invalid character in day"),
    "invalid date separator, expected `-`": pgettext_lazy("date problem", "invalid date separator, expected `-`"),
    "month value is outside expected range of 1-12":
        pgettext_lazy("date problem", "month value is outside expected range of 1-12"),
    "day value is outside expected range": pgettext_lazy("date problem", "day value is outside expected range"),
    "invalid datetime separator, expected `T`, `t`, `_` or space":
        pgettext_lazy("date problem", "invalid datetime separator, expected `T`, `t`, `_` or space"),
    "unexpected extra characters at the end of the input":
        pgettext_lazy("date problem", "unexpected extra characters at the end of the input"),
    "year 0 is out of range": pgettext_lazy("date problem", "year 0 is out of range"),
}
# notices.content: the parts of a request pydantic names by their class.
_MODELS = {
    "Charge": pgettext_lazy("part of a notice request", "Charge"),
    "Warrant": pgettext_lazy("part of a notice request", "Warrant"),
    "Asset": pgettext_lazy("part of a notice request", "Asset"),
    "Entity": pgettext_lazy("part of a notice request", "Entity"),
}
_CONTENT_TYPES = {"unknown binary": pgettext_lazy("content type", "unknown binary")}
_HIT_STATUSES = {"confirmed": pgettext_lazy("hit status", "confirmed"), "denied": pgettext_lazy("hit status", "denied")}
# Translators: the end of a list of choices, "'a', 'b' or 'c'": %(choices)s is "'a', 'b'", %(last)s is "'c'".
_OR = pgettext_lazy("list of choices", "%(choices)s or %(last)s")
# Translators: the end of a list, "30, 30 and 29": %(items)s is "30, 30", %(last)s is "29".
_AND = pgettext_lazy("list", "%(items)s and %(last)s")


def _phrase(phrases: Mapping[str, Promise | str]) -> Callable[[str], str]:
    """A value that is one of these English phrases, translated; any other as it is."""
    def translated(value: str) -> str:
        known = phrases.get(value)
        return value if known is None else str(known)
    return translated


def _phrases(phrases: Mapping[str, Promise | str]) -> Callable[[str], str]:
    """A list of such phrases joined with ", "; kept whole unless every one is known."""
    def translated(value: str) -> str:
        items = value.split(", ")
        if not all(item in phrases for item in items):
            return value
        return str(_LIST_SEPARATOR).join(str(phrases[item]) for item in items)
    return translated


def _last_joined(joined: Promise, key: str) -> Callable[[str], str]:
    """A list ending in "or" ("'a', 'b' or 'c'") or "and" ("30, 30 and 29"): its separators in the active
    language, its items as they are."""
    word = " or " if key == "choices" else " and "

    def translated(value: str) -> str:
        if word not in value:
            return value
        head, last = value.rsplit(word, 1)
        return str(joined) % {key: head.replace(", ", str(_LIST_SEPARATOR)), "last": last}
    return translated


# Placeholders holding a fixed English phrase rather than data.
VALUE_TRANSLATIONS: dict[str, Callable[[str], str]] = {
    "missing": _missing_identifiers,
    "category": _excluded_category,
    "month_name": _phrase(_MONTH_NAMES),
    "holder": _phrase(_CODE_HOLDERS),
    "notice_type": _phrase(_NOTICE_TYPES),
    "state": _phrase(_NOTICE_STATES),
    "states": _phrases(_NOTICE_STATES),
    "past_action": _phrase(_NOTICE_ACTIONS),
    "database": _phrase(_DATABASES),
    "problem": _phrase(_DATE_PROBLEMS),
    "model": _phrase(_MODELS),
    "content_type": _phrase(_CONTENT_TYPES),
    "hit_status": _phrase(_HIT_STATUSES),
    "literals": _last_joined(_OR, "choices"),
    "lengths": _last_joined(_AND, "items"),
}
