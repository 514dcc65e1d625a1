import collections
import itertools
import os
import re
import subprocess
import sys
import time
from datetime import date

import jellyfish
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ncbnet.demo.synthetic.east_asian_romanisation import chinese_given, japanese, korean_given, wade_giles
from ncbnet.demo.synthetic.name_noise import compound_forms, mistype, particle_forms, respell
from ncbnet.demo.synthetic.person_queries import TRANSFORMATION_FAMILIES
from ncbnet.demo.synthetic.persons import SyntheticPerson, persons, query_variants
from ncbnet.demo.synthetic.romanisation_schemes import greek, hindi, russian, ukrainian

ISO2 = re.compile(r"^[A-Z]{2}$")
NON_LATIN_SCRIPTS = {"Arabic", "Cyrillic", "Greek", "Han", "Hangul", "Hebrew", "Devanagari"}


@pytest.fixture(scope="module")
def people() -> list[SyntheticPerson]:
    return list(persons(6000, 11))


@pytest.fixture(scope="module")
def variants(people):
    return query_variants(people, 2000, 5)


def original_script_name(person):
    return next((n for n in person.names if n.kind == "original_script"), None)


# --- persons ----------------------------------------------------------------------------------------------
def test_same_seed_gives_the_same_persons():
    assert list(persons(300, 42)) == list(persons(300, 42))


def test_other_seed_gives_other_persons():
    assert list(persons(50, 1)) != list(persons(50, 2))


def test_a_prefix_of_a_longer_stream_is_the_shorter_stream():
    assert list(persons(100, 9)) == list(itertools.islice(persons(1000, 9), 100))
    assert sum(1 for _ in persons(123, 5)) == 123
    assert list(persons(0)) == []


def test_refs_are_unique_and_numbered_from_one(people):
    refs = [p.ref for p in people]
    assert len(set(refs)) == len(refs)
    assert refs[0] == "P0000001" and refs[-1] == f"P{len(people):07d}"


def test_at_least_a_quarter_of_persons_are_written_in_another_script(people):
    non_latin = [p for p in people if original_script_name(p)]
    assert 0.25 <= len(non_latin) / len(people) <= 0.45
    assert {original_script_name(p).script for p in non_latin} >= NON_LATIN_SCRIPTS


def test_a_non_latin_person_has_a_latin_primary_and_one_original_script_name(people):
    for person in people:
        assert person.names[0].kind == "primary" and person.names[0].script == "Latin"
        assert person.names[0].full.isascii() or not any(
            "\u0400" <= c <= "\u04ff" or "\u0600" <= c <= "\u06ff" or "\u4e00" <= c <= "\u9fff"
            for c in person.names[0].full
        )
        originals = [n for n in person.names if n.kind == "original_script"]
        assert len(originals) <= 1
        if originals:
            assert originals[0].script != "Latin"
            assert len(originals[0].given) == len(person.names[0].given)
            assert len(originals[0].family) == len(person.names[0].family)


def test_full_name_is_its_given_and_family_parts_in_order(people):
    for person in people:
        for name in person.names:
            assert name.given and name.family, name
            compact = name.full.replace(" ", "")
            assert compact in ("".join(name.given + name.family), "".join(name.family + name.given)), name
            if name.script == "Latin":
                assert name.full.split() in (list(name.given + name.family), list(name.family + name.given))


def test_person_fields_are_well_formed(people):
    partial = 0
    for person in people:
        assert person.sex in ("M", "F")
        assert person.role in ("wanted", "missing", "unidentified", "person_of_interest")
        assert ISO2.match(person.birth_country) and all(ISO2.match(c) for c in person.nationalities)
        assert person.nationalities[0] == person.birth_country
        assert person.birth_place
        parts = person.birth_date.split("-")
        born = date(
            int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1
        )
        assert date(1930, 1, 1) < born < date(2024, 1, 1)
        partial += len(parts) < 3
    assert 0.015 < partial / len(people) < 0.05


def test_aliases_and_birth_names_have_realistic_shares(people):
    aliases = [p for p in people if any(n.kind == "alias" for n in p.names)]
    birth_names = [p for p in people if any(n.kind == "birth_name" for n in p.names)]
    assert 0.10 <= len(aliases) / len(people) <= 0.20
    assert 0.02 <= len(birth_names) / len(people) <= 0.10
    for person in birth_names:
        birth = next(n for n in person.names if n.kind == "birth_name")
        assert person.sex == "F"
        assert birth.given == person.names[0].given and birth.family != person.names[0].family


@pytest.mark.parametrize(
    "structure, found",
    [
        ("Spanish paternal and maternal surnames", lambda p: p.birth_country in ("ES", "MX", "CO") and len(p.names[0].family) == 2),
        ("Arabic nasab", lambda p: {"bin", "ibn", "ben", "bint"} & set(p.names[0].given)),
        ("Arabic article", lambda p: re.match(r"^(Al|El|Ar|As|Ash|Ad|Az|An)-", p.names[0].family[0])),
        ("Dutch particle", lambda p: p.names[0].family[0] in ("van", "de", "der", "den", "ter")),
        ("hyphenated double family name", lambda p: "-" in p.names[0].family[-1] and p.names[0].script == "Latin"),
        ("middle name", lambda p: len(p.names[0].given) >= 2),
        ("Russian patronymic", lambda p: p.names[0].given[-1].endswith(("vich", "vna", "vych", "ivna"))),
        ("Japanese written in kanji", lambda p: original_script_name(p) and "JP" in p.nationalities and original_script_name(p).script == "Han"),
    ],
)  # fmt: skip
def test_naming_structures_occur(people, structure, found):
    assert sum(1 for p in people if found(p)) >= 5, structure


def test_full_name_and_birth_date_duplicates_are_rare():
    people = list(persons(30000, 3))
    keys = collections.Counter((p.names[0].full, p.birth_date) for p in people)
    assert sum(count - 1 for count in keys.values()) / len(people) < 0.001
    assert len({p.names[0].full for p in people}) < len(people)  # common names do repeat


def test_generator_imports_neither_django_nor_the_matcher():
    code = (
        "import sys, ncbnet.demo.synthetic.persons as m; list(m.query_variants(list(m.persons(300)), 50));"
        "bad = [n for n in sys.modules if n.startswith(('django', 'ncbnet.matching'))]; print(bad); sys.exit(bool(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_rows_do_not_depend_on_the_process_hash_seed():
    code = (
        "import hashlib, ncbnet.demo.synthetic.persons as m; people = list(m.persons(2000, 5));"
        "print(hashlib.sha256(repr((people, m.query_variants(people, 300, 6))).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1 and len(digests.pop()) > 60


def test_generating_100k_persons_completes():
    started = time.perf_counter()
    count = sum(1 for _ in persons(100_000, 4))
    elapsed = time.perf_counter() - started
    print(f"persons(): {count / elapsed:,.0f} persons per second ({elapsed:.1f} s for {count:,})")
    assert count == 100_000


# --- query variants ---------------------------------------------------------------------------------------
def test_same_seed_gives_the_same_variants(people):
    assert query_variants(people, 300, 8) == query_variants(people, 300, 8)
    assert query_variants(people, 300, 8) != query_variants(people, 300, 9)
    assert len(query_variants(people, 123, 1)) == 123


def test_every_variant_points_to_a_stored_person(people, variants):
    refs = {p.ref for p in people}
    assert all(v.person_ref in refs for v in variants)


def test_every_transformation_family_appears_in_2000_variants(variants):
    families = collections.Counter(label.split(":")[0] for v in variants for label in v.transformations)
    assert set(families) == set(TRANSFORMATION_FAMILIES)


def test_each_variant_has_one_to_three_labelled_name_changes(variants):
    counts = collections.Counter()
    for variant in variants:
        for label in variant.transformations:
            family, _, detail = label.partition(":")
            assert family in TRANSFORMATION_FAMILIES and detail, label
        changes = [t for t in variant.transformations if not t.startswith(("dob:", "source:"))]
        assert 1 <= len(changes) <= 3, variant
        counts[len(changes)] += 1
    assert counts[1] > counts[2] > counts[3] > 0


def test_variants_differ_from_every_stored_name_unless_only_the_script_changed(people, variants):
    by_ref = {p.ref: p for p in people}
    for variant in variants:
        person = by_ref[variant.person_ref]
        stored = {n.full.casefold() for n in person.names}
        changes = [t for t in variant.transformations if not t.startswith(("dob:", "source:"))]
        if changes == ["script:original"]:
            assert variant.name == original_script_name(person).full
        else:
            assert variant.name.replace(",", "").casefold() not in stored, variant


def test_birth_date_noise_keeps_the_truth_and_sex_and_nationality_are_never_wrong(people, variants):
    by_ref = {p.ref: p for p in people}
    for variant in variants:
        person = by_ref[variant.person_ref]
        labels = {t for t in variant.transformations if t.startswith("dob:")}
        stored = person.birth_date
        if not labels:
            assert variant.birth == stored
        elif labels == {"dob:year_only"}:
            assert variant.birth == stored[:4]
        elif labels == {"dob:day_month_swapped"}:
            year, month, day = stored.split("-")
            assert variant.birth == f"{year}-{day}-{month}" and int(day) <= 12 and day != month
        elif labels == {"dob:range"}:
            low, high = (int(y) for y in variant.birth.split(".."))
            assert low <= int(stored[:4]) <= high and high - low in (2, 4)
        else:
            assert labels == {"dob:none"} and variant.birth is None
        assert variant.sex in (None, person.sex)
        assert variant.nationality is None or variant.nationality in person.nationalities


def test_a_lone_typo_is_one_edit_away_and_spares_the_first_letter_mostly(people, variants):
    by_ref = {p.ref: p for p in people}
    lone = [
        v
        for v in variants
        if [t for t in v.transformations if not t.startswith("dob:")]
        == [t for t in v.transformations if t.startswith("typo:")]
    ]
    assert len(lone) > 50
    for variant in lone:
        stored = by_ref[variant.person_ref].names[0].full
        assert jellyfish.damerau_levenshtein_distance(variant.name.lower(), stored.lower()) == 1
    first_kept = sum(v.name[0] == by_ref[v.person_ref].names[0].full[0] for v in lone)
    assert first_kept / len(lone) > 0.8


def test_a_lone_transliteration_respells_the_original_script_name(people, variants):
    by_ref = {p.ref: p for p in people}
    lone = [v for v in variants if [t for t in v.transformations if not t.startswith("dob:")][0].startswith("transliteration:")
            and len([t for t in v.transformations if not t.startswith("dob:")]) == 1]  # fmt: skip
    assert len(lone) > 30
    for variant in lone:
        person = by_ref[variant.person_ref]
        assert original_script_name(person) is not None
        assert len(variant.name.split()) >= len(person.names[0].full.split())
        assert not any(c in variant.name for c in original_script_name(person).full if not c.isspace())


def test_a_lone_order_swap_keeps_the_same_tokens(people, variants):
    by_ref = {p.ref: p for p in people}
    lone = [
        v for v in variants if [t for t in v.transformations if not t.startswith("dob:")] == ["order:swapped"]
    ]
    assert lone
    for variant in lone:
        primary = by_ref[variant.person_ref].names[0]
        assert sorted(variant.name.split()) == sorted(primary.full.split()) and variant.name != primary.full


# --- romanisation schemes ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "romanise, original, scheme, latin",
    [
        (russian, "Александр", "icao", "Aleksandr"),  # ICAO 9303 part 3
        (russian, "Александр", "popular", "Alexandr"),
        (russian, "Юрий", "icao", "Iurii"),
        (russian, "Юрий", "bgn", "Yuriy"),
        (russian, "Щукин", "german", "Schtschukin"),
        (russian, "Щукин", "french", "Chtchoukin"),
        (russian, "Щукин", "scientific", "Ščukin"),
        (ukrainian, "Григорій", "national", "Hryhorii"),  # KMU resolution 55 (2010)
        (ukrainian, "Згурський", "national", "Zghurskyi"),
        (ukrainian, "Григорій", "old", "Grygoriy"),
        (greek, "Παπαδόπουλος", "elot", "Papadopoulos"),  # ELOT 743
        (greek, "Παπαδόπουλος", "letter", "Papadopoylos"),
        (greek, "Ευάγγελος", "elot", "Evangelos"),
        (greek, "Γιώργος", "phonetic", "Yorgos"),
        (greek, "Κωνσταντίνος", "traditional", "Constantinos"),
        (hindi, "जगजीत", "plain", "Jagjit"),  # schwa deletion
        (hindi, "आदित्य", "plain", "Aditya"),
        (hindi, "पूजा", "long", "Pooja"),
        (hindi, "तिवारी", "w", "Tiwari"),
        (hindi, "सिंह", "plain", "Singh"),
        (japanese, "シュウヘイ", "hepburn", "Shuhei"),
        (japanese, "サトウ", "hepburn_oh", "Satoh"),
        (japanese, "ホンマ", "hepburn", "Homma"),
        (japanese, "ホンマ", "kunrei", "Honma"),
        (japanese, "ツバサ", "kunrei", "Tubasa"),
        (korean_given, "정훈", "rr", "Jeonghun"),  # Revised Romanization (2000)
        (korean_given, "정훈", "popular_hyphen", "Jung-hoon"),
        (korean_given, "정훈", "mr_hyphen", "Chong-hun"),
        (chinese_given, "小明", "pinyin", "Xiaoming"),
        (chinese_given, "小明", "wade_giles", "Hsiao-ming"),
    ],
)
def test_romanisation_schemes(romanise, original, scheme, latin):
    assert romanise(original)[scheme] == latin


@pytest.mark.parametrize(
    "pinyin, wade",
    [
        ("zhang", "chang"),
        ("xu", "hsu"),
        ("qian", "chien"),
        ("zhou", "chou"),
        ("si", "ssu"),
        ("ri", "jih"),
        ("xie", "hsieh"),
    ],
)
def test_wade_giles(pinyin, wade):
    assert wade_giles(pinyin) == wade


# --- name noise -------------------------------------------------------------------------------------------
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüé", min_size=3, max_size=14), st.integers(0, 10_000))
def test_a_typo_is_one_edit_and_labelled(token, seed):
    import random

    changed = mistype(token.capitalize(), random.Random(seed))
    assert changed is not None
    text, label = changed
    assert label in {"typo:substitution", "typo:insertion", "typo:deletion", "typo:transposition"}
    assert jellyfish.damerau_levenshtein_distance(text.lower(), token.lower()) == 1


@given(
    st.sampled_from(
        [
            "Mohammed",
            "Philippe",
            "Müller",
            "Schneider",
            "Yusuf",
            "Alexander",
            "Sergei",
            "Marie",
            "Nicolas",
            "Anna",
        ]
    ),
    st.integers(0, 10_000),
)
def test_a_spelling_variant_changes_the_name_and_names_its_rule(token, seed):
    import random

    text, label = respell(token, random.Random(seed))
    assert text != token and label.startswith("spelling:")


@pytest.mark.parametrize(
    "family, expected",
    [
        (["Al-Rashid"], {"particle:dropped": ["Rashid"], "particle:attached": ["Alrashid"], "particle:spaced": ["Al", "Rashid"]}),
        (["van", "der", "Berg"], {"particle:dropped": ["Berg"], "particle:attached": ["Vanderberg"]}),
        (["Smith"], {}),
    ],
)  # fmt: skip
def test_particle_forms(family, expected):
    import random

    seen = {}
    for seed in range(40):
        result = particle_forms(list(family), random.Random(seed))
        if result:
            seen[result[1]] = result[0]
    assert seen == expected


@pytest.mark.parametrize(
    "family, expected",
    [
        (["García", "López"], {"compound:hyphenated": ["García-López"], "compound:joined": ["Garcíalópez"], "compound:first_only": ["García"]}),
        (["Müller-Schmidt"], {"compound:split": ["Müller", "Schmidt"], "compound:joined": ["Müllerschmidt"], "compound:first_only": ["Müller"], "compound:last_only": ["Schmidt"]}),
        (["Al-Rashid"], {}),
        (["van", "Dijk"], {}),
    ],
)  # fmt: skip
def test_compound_forms(family, expected):
    import random

    seen = {}
    for seed in range(60):
        result = compound_forms(list(family), random.Random(seed))
        if result:
            seen[result[1]] = result[0]
    assert seen == expected
