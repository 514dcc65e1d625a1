"""The public notices search: one reading of the query parameters for the JSON API and the site alike.

The API and the site's search form accept and refuse exactly the same things because both call
``parse_query``; the API answers a refusal with a problem document, the site with the same reasons in its
page. The parameter names are those of INTERPOL's public notices API, so that existing clients work unchanged.

Pure: no database. The views pass the set of known country codes (``members.Country``) in.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ncbnet.notices.extracts import fold

TEXT_PARAMETERS = ("name", "forename", "freeText")
COUNTRY_PARAMETERS = ("nationality", "arrestWarrantCountryId")
PARAMETERS = ("name", "forename", "nationality", "ageMin", "ageMax", "sexId", "arrestWarrantCountryId", "freeText",
              "page", "resultPerPage")
SEX_IDS = ("M", "F", "U")  # U: unknown (the extract records no sex)
DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 160  # as INTERPOL's public API
MAX_PAGE = 100_000  # bounds the SQL OFFSET; far beyond the last page of any real list
MAX_AGE = 120
MAX_TEXT = 100

# English reasons, by code; texts.TEXTS holds the same reasons in the site's four languages.
MESSAGES = {
    "unknown_parameter": "unknown parameter; the parameters are {known}",
    "repeated": "given more than once",
    "nul": "contains a NUL character",
    "too_long": "is longer than {limit} characters",
    "nothing_to_search": "has no letter or digit to search for",
    "not_integer": "must be a whole number written with digits",
    "too_small": "must be at least {limit}",
    "too_large": "must be at most {limit}",
    "age_order": "ageMin ({age_min}) is above ageMax ({age_max})",
    "not_country": "must be an ISO 3166 alpha-2 country code, e.g. FR",
    "unknown_country": "{code} is not a known country code",
    "bad_sex": "must be one of M, F, U",
}


@dataclass(frozen=True)
class QueryProblem:
    parameter: str
    code: str
    values: dict[str, object] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return MESSAGES[self.code].format(**self.values)


class InvalidQuery(ValueError):
    """One or more parameters refused; every reason is given at once, each naming its parameter."""

    def __init__(self, problems: list[QueryProblem]):
        super().__init__("; ".join(f"{p.parameter}: {p.message}" for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class NoticeQuery:
    """A checked search. Text filters are folded (ASCII lower case); ``given`` holds the parameters as
    understood, in the canonical order, for the answer's ``query`` and its links."""

    name: str = ""
    forename: str = ""
    nationality: str = ""
    age_min: int | None = None
    age_max: int | None = None
    sex: str = ""
    warrant_country: str = ""
    words: tuple[str, ...] = ()
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    given: dict[str, str | int] = field(default_factory=dict)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def filters(self) -> dict[str, str | int]:
        """The given filters without the paging parameters (for links to other pages)."""
        return {k: v for k, v in self.given.items() if k not in ("page", "resultPerPage")}


def _single(params: Mapping[str, Sequence[str]], name: str, problems: list[QueryProblem]) -> str:
    values = params.get(name) or []
    if len(values) > 1:
        problems.append(QueryProblem(name, "repeated"))
        return ""
    value = values[0].strip() if values else ""
    if "\x00" in value:
        problems.append(QueryProblem(name, "nul"))
        return ""
    return value


def _integer(name: str, raw: str, low: int, high: int, problems: list[QueryProblem]) -> int | None:
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        if raw.isascii() and raw.isdigit():
            problems.append(QueryProblem(name, "too_large", {"limit": high}))
        else:
            problems.append(QueryProblem(name, "not_integer"))
        return None
    value = int(raw)
    if value < low:
        problems.append(QueryProblem(name, "too_small", {"limit": low}))
        return None
    if value > high:
        problems.append(QueryProblem(name, "too_large", {"limit": high}))
        return None
    return value


def refuse_unknown(params: Mapping[str, Sequence[str]], known: Collection[str]) -> list[QueryProblem]:
    """A parameter this endpoint does not know is refused rather than ignored: a misspelt filter that was
    silently dropped would answer a different question than the one asked."""
    listed = ", ".join(known) if known else "none"
    return [QueryProblem(str(name)[:50], "unknown_parameter", {"known": listed}) for name in params if name not in known]


def parse_query(params: Mapping[str, Sequence[str]], countries: Collection[str]) -> NoticeQuery:
    """Check every parameter of a notices search, or raise InvalidQuery with all the reasons.

    ``params`` maps each name to the list of its values (a Django ``QueryDict`` via ``.lists()``, or a dict).
    An empty value is the same as an absent one (an HTML form sends its empty fields)."""
    problems = refuse_unknown(params, PARAMETERS)
    raw = {name: _single(params, name, problems) for name in PARAMETERS}
    given: dict[str, str | int] = {}
    texts: dict[str, str] = {}
    for name in TEXT_PARAMETERS:
        value = raw[name]
        if not value:
            continue
        if len(value) > MAX_TEXT:
            problems.append(QueryProblem(name, "too_long", {"limit": MAX_TEXT}))
        elif not any(ch.isalnum() for ch in fold(value)):
            problems.append(QueryProblem(name, "nothing_to_search"))
        else:
            texts[name] = fold(value)
            given[name] = value
    codes: dict[str, str] = {}
    for name in COUNTRY_PARAMETERS:
        value = raw[name].upper()
        if not value:
            continue
        if len(value) != 2 or not value.isascii() or not value.isalpha():
            problems.append(QueryProblem(name, "not_country"))
        elif value not in countries:
            problems.append(QueryProblem(name, "unknown_country", {"code": value}))
        else:
            codes[name] = given[name] = value
    age_min = _integer("ageMin", raw["ageMin"], 0, MAX_AGE, problems)
    age_max = _integer("ageMax", raw["ageMax"], 0, MAX_AGE, problems)
    if age_min is not None and age_max is not None and age_min > age_max:
        problems.append(QueryProblem("ageMin", "age_order", {"age_min": age_min, "age_max": age_max}))
    for name, age in (("ageMin", age_min), ("ageMax", age_max)):
        if age is not None:
            given[name] = age
    sex = raw["sexId"].upper()
    if sex and sex not in SEX_IDS:
        problems.append(QueryProblem("sexId", "bad_sex"))
    elif sex:
        given["sexId"] = sex
    page = _integer("page", raw["page"], 1, MAX_PAGE, problems) or 1
    per_page = _integer("resultPerPage", raw["resultPerPage"], 1, MAX_PER_PAGE, problems) or DEFAULT_PER_PAGE
    if problems:
        raise InvalidQuery(problems)
    ordered = {name: given[name] for name in PARAMETERS if name in given}
    ordered.update({"page": page, "resultPerPage": per_page})
    return NoticeQuery(
        name=texts.get("name", ""), forename=texts.get("forename", ""), nationality=codes.get("nationality", ""),
        age_min=age_min, age_max=age_max, sex=sex, warrant_country=codes.get("arrestWarrantCountryId", ""),
        words=tuple(texts.get("freeText", "").split()), page=page, per_page=per_page, given=ordered,
    )


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (29 February becomes 28 February in a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def birth_bounds(query: NoticeQuery, today: date) -> tuple[date | None, date | None]:
    """(latest birth date allowed, earliest birth date excluded) for the age range, applied to the extract's
    latest possible date of birth: someone is at least N years old when born on or before today N years ago,
    and at most N years old when born after today N + 1 years ago."""
    latest = years_before(today, query.age_min) if query.age_min is not None else None
    after = years_before(today, query.age_max + 1) if query.age_max is not None else None
    return latest, after
