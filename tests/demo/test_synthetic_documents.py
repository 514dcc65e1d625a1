import itertools
from collections import Counter
from datetime import date

import pytest

from ncbnet.demo.synthetic.documents import AS_OF, firearms, travel_documents, vehicles, works_of_art
from ncbnet.matching.identifiers import (
    InvalidIdentifier,
    country_iso2,
    document_key,
    parse_vin,
    plate_key,
    serial_key,
)

GENERATORS = [travel_documents, vehicles, firearms, works_of_art]


@pytest.mark.parametrize("generate", GENERATORS)
def test_same_seed_gives_the_same_rows(generate):
    assert list(generate(300, 42)) == list(generate(300, 42))


@pytest.mark.parametrize("generate", GENERATORS)
def test_other_seed_gives_other_rows(generate):
    assert list(generate(50, 1)) != list(generate(50, 2))


@pytest.mark.parametrize("generate", GENERATORS)
def test_streams_exactly_n_rows(generate):
    assert sum(1 for _ in generate(123, 5)) == 123
    assert list(generate(0, 5)) == []


@pytest.mark.parametrize("generate", GENERATORS)
def test_a_prefix_of_a_longer_stream_is_the_shorter_stream(generate):
    assert list(generate(100, 9)) == list(itertools.islice(generate(1000, 9), 100))


def test_document_numbers_are_unique_per_issuing_country():
    seen = Counter((row["issuing_country"], row["number"]) for row in travel_documents(200_000, seed=3))
    assert len(seen) == 200_000


@pytest.mark.parametrize("countries", [["SGP"], ["TUN", "tun", "TUN "]])
def test_document_numbers_are_unique_even_for_a_single_country(countries):
    numbers = [row["number"] for row in travel_documents(50_000, seed=4, countries=countries)]
    assert len(set(numbers)) == len(numbers)


def test_every_document_number_is_a_searchable_key():
    for row in travel_documents(50_000, seed=5):
        assert document_key(row["number"]) == row["number"]


def test_documents_fields():
    rows = list(travel_documents(20_000, seed=6))
    kinds = Counter(row["type"] for row in rows)
    assert set(kinds) == {"passport", "identity_card", "visa", "residence_permit", "other"}
    assert kinds["passport"] > 0.6 * len(rows)
    assert {row["status"] for row in rows} == {
        "stolen_blank",
        "stolen_from_bearer",
        "lost",
        "revoked",
        "invalid",
    }
    countries = {row["issuing_country"] for row in rows}
    assert 55 <= len(countries) <= 80
    for row in rows:
        assert len(row["issuing_country"]) == 3
        assert country_iso2(row["issuing_country"]) == row["national_reference"][:2]
        event = date.fromisoformat(row["event_date"])
        assert event <= AS_OF
        assert row["event_place"]
        if row["status"] == "stolen_blank":
            assert row["issue_date"] is None and row["expiry_date"] is None
        else:
            issued, expires = date.fromisoformat(row["issue_date"]), date.fromisoformat(row["expiry_date"])
            assert issued <= event and issued < expires and issued <= AS_OF
    assert len({row["national_reference"] for row in rows}) == len(rows)


def test_number_shapes_follow_the_country():
    rows = list(travel_documents(3000, seed=7, countries=["FRA", "GBR", "CHN"]))
    assert {row["issuing_country"] for row in rows} == {"FRA", "GBR", "CHN"}
    for row in rows:
        number = row["number"]
        if row["issuing_country"] == "FRA":  # 2 digits, 2 letters, 5 digits
            assert (
                number[:2].isdigit() and number[2:4].isalpha() and number[4:].isdigit() and len(number) == 9
            )
        elif row["issuing_country"] == "GBR":
            assert number.isdigit() and len(number) == 9
        else:
            assert number[0] == "E" and number[1:].isdigit() and len(number) == 9


def test_countries_without_a_known_shape_get_a_generic_one():
    rows = list(travel_documents(10, seed=1, countries=["ISL"]))
    assert all(row["issuing_country"] == "ISL" and len(row["number"]) == 9 for row in rows)


@pytest.mark.parametrize("code", ["ZZZ", "XXA"])
def test_unknown_countries_are_refused(code):
    with pytest.raises(InvalidIdentifier):
        next(travel_documents(1, countries=[code]))


def test_every_vin_is_valid_and_unique():
    rows = list(vehicles(50_000, seed=8))
    for row in rows:
        result = parse_vin(row["vin"])
        assert result.vin == row["vin"]
        assert result.check_digit == "valid"
        assert result.warnings == ()
    assert len({row["vin"] for row in rows}) == len(rows)


def test_vehicles_fields():
    rows = list(vehicles(5000, seed=9))
    first_characters = Counter(row["vin"][0] for row in rows)
    assert set("12345") & set(first_characters) and {"W", "V", "Z"} <= set(first_characters)
    for row in rows:
        assert plate_key(row["plate"])
        assert country_iso2(row["plate_country"]) == row["plate_country"]
        assert row["make"] and row["model"] and row["colour"]
        assert AS_OF.year - 25 <= row["year"] <= AS_OF.year
        assert date(row["year"], 1, 1) <= date.fromisoformat(row["event_date"]) <= AS_OF
        assert row["event_place"]


def test_firearms_fields():
    rows = list(firearms(5000, seed=10))
    assert {row["type"] for row in rows} == {
        "pistol",
        "revolver",
        "rifle",
        "shotgun",
        "submachine_gun",
        "other",
    }
    for row in rows:
        assert serial_key(row["serial_number"])
        assert row["make"] and row["model"] and row["calibre"] and row["national_reference"]


def test_works_of_art_fields():
    rows = list(works_of_art(5000, seed=11))
    categories = {row["category"] for row in rows}
    assert categories == {"painting", "sculpture", "icon", "manuscript", "coin", "jewellery", "other"}
    descriptions = [row["description"] for row in rows]
    assert any("Volé" in d or "Dérobé" in d or "Disparu" in d for d in descriptions)  # French
    assert any("Robad" in d or "Sustraído" in d or "Desaparecido" in d for d in descriptions)  # Spanish
    assert len(set(descriptions)) > 1000
    assert len({row["title"] for row in rows}) > 100
    for row in rows:
        assert row["title"] and row["artist"] and row["period"] and row["materials"] and row["dimensions"]
        assert "{" not in row["title"] and "{" not in row["description"]
        assert date.fromisoformat(row["event_date"]) <= AS_OF
