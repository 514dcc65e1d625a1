from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ncbnet.matching.dates import DateSpec, InvalidDate, PartialDate, compare_dates, parse_date_spec

TODAY = date(2026, 6, 1)


def spec(text: str) -> DateSpec:
    return parse_date_spec(text, today=TODAY)


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "iso"),
    [
        ("1980", date(1980, 1, 1), date(1980, 12, 31), "1980"),
        ("1980-05", date(1980, 5, 1), date(1980, 5, 31), "1980-05"),
        ("1980-02", date(1980, 2, 1), date(1980, 2, 29), "1980-02"),  # leap year
        ("1980-05-17", date(1980, 5, 17), date(1980, 5, 17), "1980-05-17"),
        ("1980-5-7", date(1980, 5, 7), date(1980, 5, 7), "1980-05-07"),
        (" 1980-05-17 ", date(1980, 5, 17), date(1980, 5, 17), "1980-05-17"),
        ("1975..1980", date(1975, 1, 1), date(1980, 12, 31), "1975..1980"),
        ("1975-01-01..1976-06", date(1975, 1, 1), date(1976, 6, 30), "1975-01-01..1976-06"),
    ],
)
def test_parse_date_spec(text, earliest, latest, iso):
    parsed = spec(text)
    assert parsed.first_day() == earliest
    assert parsed.last_day() == latest
    assert parsed.iso() == iso


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1980-02-31", "31 February 1980 does not exist"),
        ("1981-02-29", "29 February 1981 does not exist"),
        ("1980-13", "month 13 does not exist"),
        ("3020", "year 3020 is in the future"),
        ("2026-12", "2026-12 is in the future"),
        ("1700", "year 1700 is too early for a date of birth"),
        ("17.05.1980", "'17.05.1980' is not a date: write it as YYYY, YYYY-MM or YYYY-MM-DD"),
        ("born 1980", "is not a date"),
        ("", "the date is empty"),
        ("1980..1975", "the range 1980..1975 ends before it starts"),
    ],
)
def test_parse_date_spec_refuses_with_a_reason(text, reason):
    with pytest.raises(InvalidDate, match=reason):
        spec(text)


def test_partial_date_refuses_a_day_without_a_month():
    with pytest.raises(InvalidDate, match="a day needs a month"):
        PartialDate(1980, None, 5)


@pytest.mark.parametrize(
    ("query", "record", "low", "high", "words"),
    [
        ("1980-05-17", "1980-05-17", 1.0, 1.0, "matches exactly"),
        ("1980-05", "1980-05-17", 0.9, 0.99, "compatible"),
        ("1980", "1980-05-17", 0.85, 0.95, "compatible"),
        ("1980-05-17", "1980", 0.85, 0.95, "compatible"),
        ("1980", "1980", 0.85, 0.95, "not a full date"),
        ("1975..1980", "1978-02-03", 0.6, 0.8, "within"),
        ("1975..1980", "1979..1985", 0.3, 0.6, "overlap"),
        ("1980-05-07", "1980-07-05", 0.75, 0.85, "day and month swapped"),
        ("1980-05-17", "1981-05-17", 0.5, 0.7, "year differs by one"),
        ("1980-05-17", "1980-05-18", 0.5, 0.7, "one digit differs"),
        ("1980-05-17", "1908-05-17", 0.45, 0.65, "two digits swapped"),
        ("1980", "1981-02-01", 0.3, 0.5, "differs by one"),
        ("1980-05-17", "1980-05-29", 0.0, 0.1, "differs"),
        ("1980-05-17", "1975-02-03", 0.0, 0.05, "date of birth differs: query 1980-05-17, record 1975-02-03"),
    ],
)
def test_compare_dates(query, record, low, high, words):
    match = compare_dates(spec(query), spec(record))
    assert low <= match.score <= high
    assert words in match.explanation


def test_exact_date_beats_partial_beats_typo_beats_contradiction():
    record = spec("1980-05-17")
    scores = [
        compare_dates(spec(text), record).score for text in ("1980-05-17", "1980", "1981-05-17", "1975-02-03")
    ]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == 4


full_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31))


@given(full_dates)
def test_iso_round_trips(day):
    for partial in (
        PartialDate(day.year),
        PartialDate(day.year, day.month),
        PartialDate(day.year, day.month, day.day),
    ):
        assert spec(partial.iso()).earliest == partial


@given(full_dates, full_dates)
def test_compare_dates_is_bounded(first, second):
    a = DateSpec(PartialDate(first.year, first.month, first.day))
    b = DateSpec(PartialDate(second.year, second.month, second.day))
    assert 0.0 <= compare_dates(a, b).score <= 1.0
    assert compare_dates(a, a).score == 1.0
