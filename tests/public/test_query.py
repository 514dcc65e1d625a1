"""The one parser of search parameters (API and site): what it accepts, how it normalises, what it refuses."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ncbnet.public.query import (
    MESSAGES,
    PARAMETERS,
    InvalidQuery,
    NoticeQuery,
    birth_bounds,
    parse_query,
    years_before,
)

COUNTRIES = frozenset({"FR", "DE", "ES", "DZ"})


def parse(**params: str | list[str]) -> NoticeQuery:
    return parse_query({k: v if isinstance(v, list) else [v] for k, v in params.items()}, COUNTRIES)


def refused(**params: str | list[str]) -> list[tuple[str, str]]:
    with pytest.raises(InvalidQuery) as exc:
        parse(**params)
    return [(p.parameter, p.code) for p in exc.value.problems]


def test_defaults():
    q = parse()
    assert (q.page, q.per_page, q.offset) == (1, 20, 0)
    assert q.given == {"page": 1, "resultPerPage": 20}


@pytest.mark.parametrize("params, attribute, expected", [
    ({"name": "  Müller "}, "name", "muller"),
    ({"forename": "MARÍA José"}, "forename", "maria jose"),
    ({"name": "محمد"}, "name", "mhmd"),
    ({"nationality": "fr"}, "nationality", "FR"),
    ({"arrestWarrantCountryId": "dz"}, "warrant_country", "DZ"),
    ({"sexId": "f"}, "sex", "F"),
    ({"freeText": "Vol  à main ARMÉE"}, "words", ("vol", "a", "main", "armee")),
    ({"ageMin": "18", "ageMax": "18"}, "age_min", 18),
    ({"page": "3", "resultPerPage": "160"}, "offset", 320),
    ({"name": ""}, "name", ""),  # an empty form field is no filter
])
def test_accepted_and_normalised(params, attribute, expected):
    assert getattr(parse(**params), attribute) == expected


def test_given_keeps_the_canonical_order_and_the_values_as_understood():
    q = parse(resultPerPage="5", sexId="m", name=" Müller ", nationality="de", ageMax="40")
    assert list(q.given.items()) == [("name", "Müller"), ("nationality", "DE"), ("ageMax", 40), ("sexId", "M"),
                                     ("page", 1), ("resultPerPage", 5)]
    assert "page" not in q.filters() and "resultPerPage" not in q.filters()


@pytest.mark.parametrize("params, problems", [
    ({"resultPerPage": "1000"}, [("resultPerPage", "too_large")]),
    ({"resultPerPage": "0"}, [("resultPerPage", "too_small")]),
    ({"page": "0"}, [("page", "too_small")]),
    ({"page": "-1"}, [("page", "not_integer")]),
    ({"page": "1e3"}, [("page", "not_integer")]),
    ({"page": "٣"}, [("page", "not_integer")]),  # an Arabic-Indic digit: isdigit() is true, int() would take it
    ({"page": "9" * 30}, [("page", "too_large")]),
    ({"ageMin": "50", "ageMax": "30"}, [("ageMin", "age_order")]),
    ({"ageMax": "121"}, [("ageMax", "too_large")]),
    ({"nationality": "ZZ"}, [("nationality", "unknown_country")]),
    ({"nationality": "FRA"}, [("nationality", "not_country")]),
    ({"arrestWarrantCountryId": "1X"}, [("arrestWarrantCountryId", "not_country")]),
    ({"sexId": "male"}, [("sexId", "bad_sex")]),
    ({"name": "x" * 101}, [("name", "too_long")]),
    ({"freeText": "a\x00b"}, [("freeText", "nul")]),
    ({"freeText": "?!"}, [("freeText", "nothing_to_search")]),
    ({"name": ["a", "b"]}, [("name", "repeated")]),
    ({"q": "x"}, [("q", "unknown_parameter")]),
    ({"page": "0", "nationality": "ZZ", "bogus": "1"}, [("bogus", "unknown_parameter"), ("nationality", "unknown_country"),
                                                        ("page", "too_small")]),
])
def test_refused_with_every_reason_naming_its_parameter(params, problems):
    assert sorted(refused(**params)) == sorted(problems)


def test_the_message_names_the_parameter_and_the_reason():
    with pytest.raises(InvalidQuery) as exc:
        parse(resultPerPage="1000")
    assert str(exc.value) == "resultPerPage: must be at most 160"
    assert "ageMin (50) is above ageMax (30)" in str(pytest.raises(InvalidQuery, parse, ageMin="50", ageMax="30").value)


def test_unknown_parameter_message_lists_the_known_ones():
    with pytest.raises(InvalidQuery) as exc:
        parse(bogus="1")
    assert all(name in exc.value.problems[0].message for name in PARAMETERS)


@given(st.dictionaries(st.sampled_from([*PARAMETERS, "other"]), st.lists(st.text(max_size=120), min_size=1, max_size=2)))
def test_any_input_is_either_a_query_or_a_clear_refusal(params):
    try:
        q = parse_query(params, COUNTRIES)
    except InvalidQuery as exc:
        assert exc.problems and all(p.code in MESSAGES and p.message for p in exc.problems)
    else:
        assert 1 <= q.page and 1 <= q.per_page <= 160
        assert q.age_min is None or q.age_max is None or q.age_min <= q.age_max


@pytest.mark.parametrize("day, years, expected", [
    (date(2026, 5, 17), 30, date(1996, 5, 17)),
    (date(2028, 2, 29), 1, date(2027, 2, 28)),
    (date(2028, 2, 29), 4, date(2024, 2, 29)),
])
def test_years_before(day, years, expected):
    assert years_before(day, years) == expected


@pytest.mark.parametrize("born, today, age_min, age_max, inside", [
    (date(1996, 5, 17), date(2026, 5, 17), 30, None, True),  # thirty today
    (date(1996, 5, 18), date(2026, 5, 17), 30, None, False),  # thirty tomorrow
    (date(1996, 5, 17), date(2026, 5, 17), None, 30, True),
    (date(1995, 5, 17), date(2026, 5, 17), None, 30, False),  # thirty-one today
    (date(1995, 5, 18), date(2026, 5, 17), None, 30, True),  # thirty-one tomorrow
    (date(2000, 2, 29), date(2018, 2, 28), 18, None, False),
    (date(2000, 2, 29), date(2018, 3, 1), 18, None, True),
])
def test_age_bounds_on_the_date_of_birth(born, today, age_min, age_max, inside):
    q = parse(**{k: str(v) for k, v in (("ageMin", age_min), ("ageMax", age_max)) if v is not None})
    latest, after = birth_bounds(q, today)
    assert ((latest is None or born <= latest) and (after is None or born > after)) == inside
