"""Synthetic persons (wanted, missing, unidentified, of interest) and labelled query variants of them.

Name matching is measured on these: a million stored persons from many naming cultures and scripts,
and queries whose true person is known, written the way an officer in another country would write
them (another romanisation, a typo, the family name first, a dropped middle name...). The generator
knows nothing of the matcher (no ncbnet.matching import), so it cannot teach to the test.

Deterministic: the same seed gives the same persons, in the same order, on every run; a prefix of a
longer stream is the shorter stream. Built for speed: every choice is a draw from pools built once.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import accumulate

from ncbnet.demo.synthetic.cultures import (
    CITIES,
    CULTURES,
    FRENCH_ROMANISING_COUNTRIES,
    NASAB_COUNTRIES,
    Culture,
)
from ncbnet.demo.synthetic.name_pools import (
    CulturePools,
    NamePart,
    Pool,
    chinese_given,
    culture_pools,
    table_part,
)
from ncbnet.demo.synthetic.name_tables import NASAB_DAUGHTER, NASAB_SON
from ncbnet.demo.synthetic.person_queries import QueryVariant, query_variants

AS_OF = date(2026, 1, 1)  # the generated world's "today": fixed, so a seed gives the same rows every day
ROLES = (("wanted", 50), ("missing", 20), ("unidentified", 8), ("person_of_interest", 22))
_MALE_SHARE = {"wanted": 0.85, "missing": 0.5, "unidentified": 0.7, "person_of_interest": 0.75}
# Ages (years before AS_OF) as a triangular law: lowest, highest, most frequent.
_AGES = {
    "wanted": (18, 75, 31),
    "missing": (3, 90, 22),
    "unidentified": (16, 85, 40),
    "person_of_interest": (18, 78, 38),
}
ALIAS_SHARE = 0.15
BIRTH_NAME_SHARE = 0.3  # of women over 22 in cultures where the husband's name is taken
PARTIAL_DATE_SHARE = 0.03
DIASPORA_SHARE = 0.1


@dataclass(frozen=True, slots=True)
class SyntheticName:
    full: str  # as written: 'Mohammed bin Salman Al-Rashid' or 'محمد بن سلمان الرشيد'
    script: str  # 'Latin', 'Arabic', 'Cyrillic', 'Greek', 'Han', 'Hangul', 'Kana', 'Hebrew', 'Devanagari'
    kind: str  # 'primary', 'alias', 'birth_name', 'original_script'
    given: tuple[str, ...]  # given names in order as written (an Arabic nasab included)
    family: tuple[str, ...]  # family name parts, particles as separate parts ('van', 'der', 'Berg')


@dataclass(frozen=True, slots=True)
class SyntheticPerson:
    ref: str  # stable unique id: 'P0000001' is the first person of every stream
    names: tuple[SyntheticName, ...]  # primary first
    sex: str  # 'M' or 'F'
    birth_date: str  # 'YYYY-MM-DD', for about 3% only 'YYYY' or 'YYYY-MM'
    birth_place: str
    birth_country: str  # ISO 3166-1 alpha-2
    nationalities: tuple[str, ...]  # ISO 3166-1 alpha-2
    role: str  # 'wanted', 'missing', 'unidentified', 'person_of_interest'

    @property
    def primary(self) -> SyntheticName:
        return self.names[0]


@dataclass
class _Parts:
    given: list[NamePart]
    family: list[NamePart]


_LATIN_CULTURES = tuple(c for c in CULTURES if c.language == "latin")
_FAMILY_FIRST = frozenset({"zh", "ko"})  # romanised names written family name first
_VON = NamePart("von", ("von",))
_SON_OF, _DAUGHTER_OF = table_part(NASAB_SON), table_part(NASAB_DAUGHTER)


def _cumulative(weights: Sequence[float]) -> list[float]:
    return list(accumulate(weights))


_CULTURE_WEIGHTS = _cumulative([c.weight for c in CULTURES])
_ROLE_WEIGHTS = _cumulative([w for _, w in ROLES])
_SCHEME_WEIGHTS = {c.key: _cumulative([w for _, w in c.schemes]) for c in CULTURES if c.schemes}


def _draw_distinct(pool: Pool, rng: random.Random, taken: Sequence[NamePart]) -> NamePart:
    for _ in range(5):
        part = pool.draw(rng)
        if part not in taken:
            return part
    return part


def _joined_latin(first: NamePart, second: NamePart, joiner: str) -> NamePart:
    return NamePart(first.original + joiner + second.original, (first.original + joiner + second.original,))


def _given_parts(
    culture: Culture, pools: CulturePools, male: bool, country: str, rng: random.Random
) -> list[NamePart]:
    pool = pools.given_male if male else pools.given_female
    first = pool.draw(rng)
    if culture.language == "zh":  # two-character given names are the majority
        second = pool.draw(rng).original if len(first.original) == 1 and rng.random() < 0.65 else ""
        return [chinese_given(first.original + second[:1])]
    given = [first]
    if culture.style == "french" and rng.random() < 0.1:  # Jean-Pierre, Marie-Claire
        given = [_joined_latin(first, _draw_distinct(pool, rng, given), "-")]
    if culture.style == "arabic" and rng.random() < 0.45:
        # Nasab: the father's (and sometimes grandfather's) name, with bin/ibn/ben in the Gulf and Maghreb.
        if country in NASAB_COUNTRIES and (male or country not in FRENCH_ROMANISING_COUNTRIES):
            given.append(_SON_OF if male else _DAUGHTER_OF)
        given.append(pools.given_male.draw(rng))
        if rng.random() < 0.3:
            given.append(pools.given_male.draw(rng))
    elif culture.style == "eastern_slavic" and rng.random() < 0.45:
        patronymics = pools.patronymic_male if male else pools.patronymic_female
        assert patronymics is not None
        given.append(patronymics.draw(rng))
    elif rng.random() < culture.middle_share:
        given.append(_draw_distinct(pool, rng, given))
    return given


def _family_parts(culture: Culture, pools: CulturePools, male: bool, rng: random.Random) -> list[NamePart]:
    pool = pools.family_male if male else pools.family_female
    first = pool.draw(rng)
    if culture.style == "spanish" and rng.random() < 0.92:  # paternal and maternal surnames
        return [first, _draw_distinct(pool, rng, [first])]
    if culture.style == "portuguese" and rng.random() < 0.55:
        return [first, _draw_distinct(pool, rng, [first])]
    if culture.language == "latin" and rng.random() < culture.compound_share:
        return [_joined_latin(first, _draw_distinct(pool, rng, [first]), "-")]
    if culture.style == "german" and rng.random() < 0.015:
        return [_VON, first]
    return [first]


class _Romaniser:
    """How one person's names are romanised: the person's scheme for scheme-aligned spellings, and for
    usage spellings the regional preference with an occasional other spelling (registries are not
    consistent with each other), kept the same across all the person's names."""

    def __init__(self, scheme: int, french: bool, rng: random.Random) -> None:
        self.scheme, self.french, self.rng = scheme, french, rng
        self.chosen: dict[str, str] = {}

    def spell(self, part: NamePart) -> str:
        spellings = part.spellings
        if len(spellings) == 1:
            return spellings[0]
        if part.aligned:
            return spellings[self.scheme] if self.scheme < len(spellings) else spellings[0]
        if part.original not in self.chosen:
            spelling = spellings[1 if self.french else 0]
            if self.rng.random() < 0.12:
                usage = part.usage_spellings(self.french)
                spelling = usage[int(self.rng.random() * len(usage))]
            self.chosen[part.original] = spelling
        return self.chosen[part.original]

    def name(self, parts: _Parts, culture: Culture, kind: str) -> SyntheticName:
        given = tuple(t for p in parts.given for t in self.spell(p).split())
        family = tuple(t for p in parts.family for t in self.spell(p).split())
        ordered = family + given if culture.language in _FAMILY_FIRST else given + family
        return SyntheticName(" ".join(ordered), "Latin", kind, given, family)


def _original_name(parts: _Parts, culture: Culture) -> SyntheticName:
    given = tuple(t for p in parts.given for t in p.original.split())
    family = tuple(t for p in parts.family for t in p.original.split())
    script = culture.script
    if culture.language in ("zh", "ko"):
        full = "".join(family + given)
    elif culture.language == "ja":
        full = " ".join(family + given)
        script = "Han" if any("\u4e00" <= c <= "\u9fff" for c in full) else "Kana"
    else:
        full = " ".join(given + family)
    return SyntheticName(full, script, "original_script", given, family)


def _birth_date(role: str, rng: random.Random) -> tuple[str, int]:
    low, high, mode = _AGES[role]
    age = rng.triangular(low, high, mode)
    born = date.fromordinal(AS_OF.toordinal() - int(age * 365.2425) - 1)
    roll = rng.random()
    if roll < PARTIAL_DATE_SHARE * 2 / 3:
        return f"{born.year:04d}", int(age)
    if roll < PARTIAL_DATE_SHARE:
        return f"{born.year:04d}-{born.month:02d}", int(age)
    return born.isoformat(), int(age)


def _choose(items: Sequence[tuple[str, int]], rng: random.Random) -> str:
    total = sum(w for _, w in items)
    roll = rng.random() * total
    for item, weight in items:
        roll -= weight
        if roll < 0:
            return item
    return items[-1][0]


def _place(culture: Culture, rng: random.Random) -> tuple[str, tuple[str, ...]]:
    origin = _choose(culture.countries, rng)
    roll = rng.random()
    if culture.diaspora and roll < DIASPORA_SHARE:
        country = culture.diaspora[int(rng.random() * len(culture.diaspora))]
        return country, (country, origin) if rng.random() < 0.4 else (country,)
    if culture.diaspora and roll < DIASPORA_SHARE * 1.8:  # emigrated and naturalised
        return origin, (origin, culture.diaspora[int(rng.random() * len(culture.diaspora))])
    return origin, (origin,)


def _alias_parts(
    culture: Culture, pools: CulturePools, parts: _Parts, male: bool, country: str, rng: random.Random
) -> tuple[Culture, _Parts]:
    roll = rng.random()
    if roll < 0.45:  # another first name under the same family name
        return culture, _Parts(_given_parts(culture, pools, male, country, rng)[:1], parts.family)
    if roll < 0.65:
        return culture, _Parts(parts.given, _family_parts(culture, pools, male, rng))
    other = culture if roll < 0.85 else _LATIN_CULTURES[int(rng.random() * len(_LATIN_CULTURES))]
    other_pools = culture_pools(other)
    return other, _Parts(
        _given_parts(other, other_pools, male, country, rng)[:1], _family_parts(other, other_pools, male, rng)
    )


def _person(index: int, rng: random.Random) -> SyntheticPerson:
    culture = CULTURES[_index(_CULTURE_WEIGHTS, rng)]
    pools = culture_pools(culture)
    role = ROLES[_index(_ROLE_WEIGHTS, rng)][0]
    male = rng.random() < _MALE_SHARE[role]
    birth_date, age = _birth_date(role, rng)
    country, nationalities = _place(culture, rng)
    scheme = _index(_SCHEME_WEIGHTS[culture.key], rng) if culture.schemes else 0
    french = culture.language == "ar" and country in FRENCH_ROMANISING_COUNTRIES
    parts = _Parts(_given_parts(culture, pools, male, country, rng), _family_parts(culture, pools, male, rng))

    birth_parts = None
    if not male and culture.married_name and age >= 22 and rng.random() < BIRTH_NAME_SHARE:
        birth_parts = parts
        for _ in range(5):  # the husband's family name, rarely the same as hers
            parts = _Parts(birth_parts.given, _family_parts(culture, pools, False, rng))
            if parts.family != birth_parts.family:
                break
    romaniser = _Romaniser(scheme, french, rng)
    names = [romaniser.name(parts, culture, "primary")]
    if culture.language != "latin":
        names.append(_original_name(parts, culture))
    if birth_parts is not None:
        names.append(romaniser.name(birth_parts, culture, "birth_name"))
    if rng.random() < ALIAS_SHARE:
        alias_culture, alias_parts = _alias_parts(culture, pools, parts, male, country, rng)
        names.append(romaniser.name(alias_parts, alias_culture, "alias"))
    cities = CITIES[country]
    return SyntheticPerson(
        ref=f"P{index:07d}",
        names=tuple(names),
        sex="M" if male else "F",
        birth_date=birth_date,
        birth_place=cities[int(rng.random() * len(cities))],
        birth_country=country,
        nationalities=nationalities,
        role=role,
    )


def _index(cumulative: Sequence[float], rng: random.Random) -> int:
    return min(bisect(cumulative, rng.random() * cumulative[-1]), len(cumulative) - 1)


def persons(n: int, seed: int = 1) -> Iterator[SyntheticPerson]:
    """Stream n synthetic persons, refs P0000001 to Pn, the same ones for the same seed."""
    rng = random.Random(seed)
    for index in range(1, n + 1):
        yield _person(index, rng)


__all__ = ["AS_OF", "QueryVariant", "SyntheticName", "SyntheticPerson", "persons", "query_variants"]
