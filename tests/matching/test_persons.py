from datetime import date

import pytest

from ncbnet.matching.dates import parse_date_spec
from ncbnet.matching.names import analyse_name, index_keys
from ncbnet.matching.persons import (
    PersonCandidate,
    PersonQuery,
    person_index_keys,
    person_query_key_groups,
    score_person,
)

TODAY = date(2026, 6, 1)


def query(name: str, birth: str | None = None, sex: str | None = None, nationality: str | None = None):
    return PersonQuery(
        names=(analyse_name(name),),
        birth=parse_date_spec(birth, today=TODAY) if birth else None,
        sex=sex,
        nationality=nationality,
    )


def record(*names: str, birth: str | None = "1980-05-17", sex: str | None = "M", nationalities=("SA",)):
    return PersonCandidate(
        names=tuple(analyse_name(name) for name in names),
        birth=parse_date_spec(birth, today=TODAY) if birth else None,
        sex=sex,
        nationalities=tuple(nationalities),
    )


@pytest.mark.parametrize(
    ("query_name", "record_names"),
    [
        ("Mohamed bin Salman", ("محمد بن سلمان",)),
        ("Muhammad Salman", ("Mohammed bin Salman",)),
        ("Aleksandr Pushkin", ("Alexander Pushkin",)),
        ("Wei Zhang", ("张伟",)),
        ("Jon Smiht", ("John Smith",)),
        ("Garciamarquez Gabriel", ("Gabriel García Márquez",)),
        ("Yusuf Ali", ("Jusuf Ali",)),
        ("Giorgos Papadopoulos", ("Γιώργος Παπαδόπουλος",)),
    ],
)
def test_name_variant_with_matching_date_of_birth_scores_at_least_0_9(query_name, record_names):
    result = score_person(query(query_name, "1980-05-17"), record(*record_names))
    assert result.score >= 0.9
    assert "date of birth matches exactly" in result.explanation


def test_same_name_with_another_date_of_birth_is_clearly_lower():
    same_person = score_person(query("Mohamed Salman", "1980-05-17"), record("Muhammad Salman"))
    namesake = score_person(
        query("Mohamed Salman", "1980-05-17"), record("Mohamed Salman", birth="1962-11-03")
    )
    assert namesake.score <= 0.6
    assert same_person.score - namesake.score >= 0.3
    assert "date of birth differs: query 1980-05-17, record 1962-11-03" in namesake.explanation


@pytest.mark.parametrize(
    ("query_name", "record_name"),
    [
        ("John Smith", "Maria Garcia"),
        ("Zhang Wei", "Ahmed Hussein"),
        ("Alexander Pushkin", "Alexander Ivanov"),
    ],
)
def test_unrelated_names_score_below_one_half_even_with_the_same_birth(query_name, record_name):
    assert score_person(query(query_name, "1980-05-17"), record(record_name)).score < 0.5


@pytest.mark.parametrize(
    ("birth", "low", "high"),
    [
        ("1980-05-17", 0.99, 1.0),
        ("1980-05", 0.95, 0.99),
        ("1980", 0.93, 0.97),
        ("1980-05-18", 0.75, 0.85),
        ("1981-05-17", 0.75, 0.85),
        ("1975..1985", 0.8, 0.9),
        ("1962-11-03", 0.5, 0.6),
    ],
)
def test_date_of_birth_moves_the_score_of_an_exact_name(birth, low, high):
    assert low <= score_person(query("Omar Hassan", birth), record("Omar Hassan")).score <= high


def test_swapped_day_and_month_still_ranks_the_right_person_first():
    probe = query("Omar Hassan", "1980-07-05")
    right = score_person(probe, record("Omar Hassan", birth="1980-05-07"))
    namesake = score_person(probe, record("Omar Hassan", birth="1971-01-23"))
    assert "day and month swapped" in right.explanation[-1]
    assert right.score > namesake.score + 0.2


def test_sex_contradiction_lowers_and_is_explained():
    agreeing = score_person(query("Omar Hassan", "1980-05-17", sex="M"), record("Omar Hassan"))
    differing = score_person(query("Omar Hassan", "1980-05-17", sex="F"), record("Omar Hassan"))
    unknown = score_person(query("Omar Hassan", "1980-05-17", sex="U"), record("Omar Hassan"))
    assert differing.score < agreeing.score - 0.1
    assert unknown.score == agreeing.score
    assert "sex differs: query F, record M" in differing.explanation
    assert "sex matches" in agreeing.explanation


def test_nationality_agreement_raises_a_little():
    base = score_person(query("Omar Hasan", "1980"), record("Omar Hassan"))
    same = score_person(query("Omar Hasan", "1980", nationality="sa"), record("Omar Hassan"))
    other = score_person(query("Omar Hasan", "1980", nationality="FR"), record("Omar Hassan"))
    assert base.score < same.score <= base.score + 0.02
    assert base.score - 0.05 < other.score < base.score
    assert "nationality SA matches" in same.explanation
    assert "nationality differs: query FR, record SA" in other.explanation


def test_best_alias_is_used():
    candidate = record("Abu Khalid", "Omar Hassan al-Tikriti", "عمر حسن التكريتي")
    result = score_person(query("Omar Hasan Tikriti", "1980-05-17"), candidate)
    assert result.score >= 0.9
    assert result.name.score >= 0.85


def test_missing_birth_on_one_side_is_neither_confirmation_nor_contradiction():
    without = score_person(query("Omar Hassan"), record("Omar Hassan"))
    confirmed = score_person(query("Omar Hassan", "1980-05-17"), record("Omar Hassan"))
    contradicted = score_person(query("Omar Hassan", "1950-01-01"), record("Omar Hassan"))
    assert contradicted.score < without.score < confirmed.score
    record_without = score_person(query("Omar Hassan", "1980-05-17"), record("Omar Hassan", birth=None))
    assert "the record has no date of birth" in record_without.explanation


def test_ranking_puts_the_wanted_person_first():
    probe = query("Mohamed Salmann", "1980-05", sex="M", nationality="SA")
    candidates = {
        "wanted": record("محمد بن سلمان", "Mohammed bin Salman"),
        "namesake": record("Mohamed Salman", birth="1991-02-14"),
        "woman": record("Mohammed Salman", sex="F", birth="1980-08-02"),
        "other": record("Ahmed Salim"),
    }
    ranked = sorted(candidates, key=lambda key: score_person(probe, candidates[key]).score, reverse=True)
    assert ranked[0] == "wanted"
    assert ranked[-1] == "other"


def test_year_of_birth_keys_find_an_initial_and_a_common_surname():
    stored = person_index_keys([analyse_name("Michelle Smith")], parse_date_spec("1980-05-17", today=TODAY))
    assert "y:smt|1980" in stored
    groups = person_query_key_groups(query("M. Smith", "1981"))  # the year mistyped by one
    year_group = next(group for group in groups if "y:smt|1981" in group)
    assert year_group["y:smt|1981"] == 1.0
    assert year_group["y:smt|1980"] < 1.0
    assert "y:smt|1980" in stored & set().union(*groups)


def test_no_year_keys_without_a_date_or_for_a_wide_range():
    name = [analyse_name("Omar Hassan")]
    assert not any(key.startswith("y:") for key in person_index_keys(name, None))
    wide = parse_date_spec("1950..1990", today=TODAY)
    assert not any(key.startswith("y:") for key in person_index_keys(name, wide))
    assert person_index_keys(name, None) == index_keys(name[0])
