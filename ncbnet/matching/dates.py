"""Dates of birth as police records hold them: often partial (year only, year and month), sometimes a
range ('born 1975..1980'), often mistyped. `compare_dates` says how far a query date supports a record's
date, so that the person score can weigh it: the same day confirms a name match, a compatible partial date
supports it less, a likely typing error (day and month swapped, one digit wrong, year off by one) still
counts a little, and a contradiction counts against.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_EARLIEST_YEAR = 1850  # no one alive or recently dead was born before; older input is a typing error
_PART = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_FORMAT_HINT = "write it as YYYY, YYYY-MM or YYYY-MM-DD, or a range such as 1975..1980"


class InvalidDate(ValueError):
    """A date that cannot be used; the message says why in plain words."""


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise InvalidDate("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise InvalidDate(f"month {self.month} does not exist")
        if self.day is not None and self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise InvalidDate(f"{self.day} {calendar.month_name[self.month]} {self.year} does not exist")

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def is_full(self) -> bool:
        return self.day is not None


@dataclass(frozen=True)
class DateSpec:
    """A date of birth: one partial date, or a range from `earliest` to `latest` (both included)."""

    earliest: PartialDate
    latest: PartialDate | None = None

    def __post_init__(self) -> None:
        if self.latest is not None and self.latest.latest() < self.earliest.earliest():
            raise InvalidDate(f"the range {self.iso()} ends before it starts")

    def first_day(self) -> date:
        return self.earliest.earliest()

    def last_day(self) -> date:
        return (self.latest or self.earliest).latest()

    def iso(self) -> str:
        return self.earliest.iso() if self.latest is None else f"{self.earliest.iso()}..{self.latest.iso()}"


def _parse_part(text: str, whole: str, today: date) -> PartialDate:
    match = _PART.fullmatch(text.strip())
    if match is None:
        raise InvalidDate(f"'{whole}' is not a date: {_FORMAT_HINT}")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if year > today.year:
        raise InvalidDate(f"year {year} is in the future")
    if year < _EARLIEST_YEAR:
        raise InvalidDate(f"year {year} is too early for a date of birth")
    partial = PartialDate(year, month, day)
    if partial.earliest() > today:
        raise InvalidDate(f"{partial.iso()} is in the future")
    return partial


def parse_date_spec(text: str, today: date | None = None) -> DateSpec:
    """Parse '1980', '1980-05', '1980-05-17' or a range '1975..1980', '1975-01-01..1976-06'."""
    today = today or date.today()
    cleaned = text.strip()
    if not cleaned:
        raise InvalidDate("the date is empty")
    if ".." in cleaned:
        start, _, end = cleaned.partition("..")
        return DateSpec(_parse_part(start, cleaned, today), _parse_part(end, cleaned, today))
    return DateSpec(_parse_part(cleaned, cleaned, today))


@dataclass(frozen=True)
class DateMatch:
    score: float  # 1.0 same day, ~0 contradiction
    explanation: str


def _digits(partial: PartialDate) -> str:
    return partial.iso().replace("-", "")


def _typing_error(query: PartialDate, record: PartialDate) -> DateMatch | None:
    """Dates of the same precision that differ as a typing error would make them differ."""
    if query.is_full and record.is_full:
        if (query.year, query.month, query.day) == (record.year, record.day, record.month):
            return DateMatch(0.8, f"day and month swapped: query {query.iso()}, record {record.iso()}")
    if (query.month, query.day) == (record.month, record.day) and abs(query.year - record.year) == 1:
        return DateMatch(0.6, f"year differs by one: query {query.iso()}, record {record.iso()}")
    a, b = _digits(query), _digits(record)
    if len(a) == len(b):
        differ = [index for index in range(len(a)) if a[index] != b[index]]
        if len(differ) == 1:
            return DateMatch(0.6, f"one digit differs: query {query.iso()}, record {record.iso()}")
        if (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and a[differ[0]] == b[differ[1]]
            and a[differ[1]] == b[differ[0]]
        ):
            return DateMatch(0.55, f"two digits swapped: query {query.iso()}, record {record.iso()}")
    return None


def _width_score(days: int) -> float:
    """How much a match inside an interval of `days` says: a month says more than a decade."""
    if days <= 31:
        return 0.95
    if days <= 366:
        return 0.9
    if days <= 5 * 366:
        return 0.8
    return 0.7


def compare_dates(query: DateSpec, record: DateSpec) -> DateMatch:
    """How far a query date of birth supports a record's date of birth (see the module docstring)."""
    if query == record:
        if query.latest is None and query.earliest.is_full:
            return DateMatch(1.0, "date of birth matches exactly")
        width = (query.last_day() - query.first_day()).days + 1
        return DateMatch(_width_score(width), f"date of birth {query.iso()} matches (not a full date)")
    if query.latest is None and record.latest is None:
        typo = _typing_error(query.earliest, record.earliest)
        if typo is not None:
            return typo
    q_first, q_last, r_first, r_last = (
        query.first_day(),
        query.last_day(),
        record.first_day(),
        record.last_day(),
    )
    if q_last < r_first or r_last < q_first:
        gap_years = abs(query.earliest.year - record.earliest.year)
        if gap_years <= 1 and not (query.earliest.is_full and record.earliest.is_full):
            return DateMatch(0.4, f"year of birth differs by one: query {query.iso()}, record {record.iso()}")
        return DateMatch(0.0, f"date of birth differs: query {query.iso()}, record {record.iso()}")
    # The two overlap: the broader one says how much the agreement is worth.
    width = max((q_last - q_first).days, (r_last - r_first).days) + 1
    q_inside = r_first <= q_first and q_last <= r_last
    r_inside = q_first <= r_first and r_last <= q_last
    if q_inside:
        return DateMatch(
            _width_score(width),
            f"date of birth compatible: {query.iso()} is within the record's {record.iso()}",
        )
    if r_inside:
        return DateMatch(
            _width_score(width),
            f"date of birth compatible: the record's {record.iso()} is within {query.iso()}",
        )
    return DateMatch(
        round(0.7 * _width_score(width), 3),
        f"date ranges overlap: query {query.iso()}, record {record.iso()}",
    )
