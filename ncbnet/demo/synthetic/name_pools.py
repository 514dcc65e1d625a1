"""Pools of given and family names per naming culture, each name with its Latin spellings.

Pools are read once from Faker's locale tables (static data: the same for every run with the same
Faker release) and from the hand tables in name_tables, then drawn from with the caller's
random.Random, so a million persons cost one dictionary lookup per name and no Faker call.
"""

from __future__ import annotations

import random
import re
from bisect import bisect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import Any

from faker import Faker

from ncbnet.demo.synthetic import east_asian_romanisation as east_asian
from ncbnet.demo.synthetic import name_tables as tables
from ncbnet.demo.synthetic import romanisation_schemes as schemes
from ncbnet.demo.synthetic.cultures import Culture


@dataclass(frozen=True)
class NamePart:
    """One name as its bearer writes it, with its Latin spellings.

    When `aligned`, spellings[i] is the spelling under the culture's i-th romanisation scheme; else
    they are usage spellings (hand tables): [0] the English-influenced choice, [1] the French one, then
    the rarer English-influenced ones up to `french_from`, then the rarer French ones. For Latin-script
    cultures the only spelling is the original.
    """

    original: str
    spellings: tuple[str, ...]
    aligned: bool = True
    french_from: int = 0

    def usage_spellings(self, french: bool) -> tuple[str, ...]:
        """The spellings of one usage (English- or French-influenced), preferred first."""
        if french:
            return (self.spellings[1], *self.spellings[self.french_from :])
        return (self.spellings[0], *self.spellings[2 : self.french_from])


@dataclass(frozen=True)
class Pool:
    parts: tuple[NamePart, ...]
    cumulative_weights: tuple[float, ...] | None = None

    def draw(self, rng: random.Random) -> NamePart:
        if self.cumulative_weights is None:
            return self.parts[int(rng.random() * len(self.parts))]
        index = bisect(self.cumulative_weights, rng.random() * self.cumulative_weights[-1])
        return self.parts[min(index, len(self.parts) - 1)]


@dataclass(frozen=True)
class CulturePools:
    given_male: Pool
    given_female: Pool
    family_male: Pool
    family_female: Pool
    patronymic_male: Pool | None = None  # eastern Slavic middle names (otchestvo)
    patronymic_female: Pool | None = None


_LATIN_NAME = re.compile(r"^[^\W\d_]+(?:['\-][^\W\d_]+)*(?: [^\W\d_]+(?:['\-][^\W\d_]+)*)*$")
_DUTCH_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "het", "op", "in", "'t"})


def _entries(table: Iterable[str] | Mapping[str, float]) -> tuple[list[str], list[float] | None]:
    if isinstance(table, Mapping):
        return list(table.keys()), [float(w) for w in table.values()]
    return list(table), None


def _pool(
    table: Iterable[str] | Mapping[str, float],
    spell: Callable[[str], NamePart],
    keep: Callable[[str], bool] = lambda name: True,
) -> Pool:
    names, weights = _entries(table)
    kept = [(" ".join(n.split()), w) for n, w in zip(names, weights or [1.0] * len(names), strict=True)]
    kept = [(n, w) for n, w in kept if n and keep(n)]
    parts = tuple(spell(n) for n, _ in kept)
    cumulative = tuple(accumulate(w for _, w in kept)) if weights else None
    return Pool(parts, cumulative)


def _latin(name: str) -> NamePart:
    return NamePart(name, (name,))


def _is_latin_name(name: str) -> bool:
    return bool(_LATIN_NAME.match(name))


def _is_dutch_family(name: str) -> bool:
    """Keep "de Vries" and "van der Berg"; drop Faker's oddities ("Bourgondië, van", "'s Gravensande")."""
    *particles, last = name.split(" ")
    return _is_latin_name(name) and last[:1].isupper() and all(p in _DUTCH_PARTICLES for p in particles)


def _person_provider(locale: str) -> Any:
    return Faker(locale).provider("faker.providers.person")


def _latin_pools(locale: str) -> CulturePools:
    if locale == "en_NG":  # Nigeria: English, Yoruba, Igbo and Hausa names together
        providers = [_person_provider(code) for code in ("en_NG", "yo_NG", "ig_NG", "ha_NG")]
        male = [n for p in providers for n in p.first_names_male]
        female = [n for p in providers for n in p.first_names_female]
        surnames = _pool(
            list(dict.fromkeys(n for p in providers for n in p.last_names)), _latin, _is_latin_name
        )
        return CulturePools(
            _pool(list(dict.fromkeys(male)), _latin, _is_latin_name),
            _pool(list(dict.fromkeys(female)), _latin, _is_latin_name),
            surnames,
            surnames,
        )
    provider = _person_provider(locale)
    given_male = _pool(provider.first_names_male, _latin, _is_latin_name)
    given_female = _pool(provider.first_names_female, _latin, _is_latin_name)
    if locale == "pl_PL":
        # Polish family names in -ski/-cki/-dzki take -ska/-cka/-dzka for women.
        common = {name: 6.0 for name in provider.male_last_names}
        family_male = {**{name: 1.0 for name in provider.unisex_last_names}, **common}
        family_female = {re.sub(r"([sc]|dz)ki$", r"\1ka", name): w for name, w in family_male.items()}
        return CulturePools(
            given_male, given_female, _pool(family_male, _latin, _is_latin_name),
            _pool(family_female, _latin, _is_latin_name),
        )  # fmt: skip
    keep = _is_dutch_family if locale == "nl_NL" else _is_latin_name
    if hasattr(provider, "last_names_female") and locale == "id_ID":
        return CulturePools(
            given_male, given_female, _pool(provider.last_names_male, _latin, keep),
            _pool(provider.last_names_female, _latin, keep),
        )  # fmt: skip
    family = _pool(provider.last_names, _latin, keep)
    return CulturePools(given_male, given_female, family, family)


def table_part(name: tables.TableName) -> NamePart:
    """A hand-table name with its usage spellings: English choice, French choice, then the others."""
    first, second = name.spellings, name.second_spellings or name.spellings[:1]
    spellings = (first[0], second[0], *first[1:], *second[1:])
    return NamePart(name.original, spellings, aligned=False, french_from=1 + len(first))


def _table_pool(names: tuple[tables.TableName, ...]) -> Pool:
    return Pool(tuple(table_part(name) for name in names))


def _spelled(romanise: Callable[[str], Mapping[str, str]]) -> Callable[[str], NamePart]:
    def spell(name: str) -> NamePart:
        words = [romanise(word) for word in name.split()]  # "रॉय चौधरी" is two names: Roy Chaudhari
        return NamePart(name, tuple(" ".join(word[scheme] for word in words) for scheme in words[0]))

    return spell


def _slavic_pools(locale: str, romanise: Callable[[str], Mapping[str, str]]) -> CulturePools:
    provider = _person_provider(locale)
    spell = _spelled(romanise)
    return CulturePools(
        _pool(provider.first_names_male, spell),
        _pool(provider.first_names_female, spell),
        _pool(provider.last_names_male, spell),
        _pool(provider.last_names_female, spell),
        _pool(provider.middle_names, spell, lambda name: name.endswith("ич")),
        _pool(provider.middle_names, spell, lambda name: name.endswith("на")),
    )


def _japanese_pools() -> CulturePools:
    provider = _person_provider("ja_JP")

    def pool(pairs: Iterable[tuple[str, str, str]]) -> Pool:
        return Pool(
            tuple(NamePart(kanji, tuple(east_asian.japanese(kana).values())) for kanji, kana, _ in pairs)
        )

    family = pool(provider.last_name_pairs)
    return CulturePools(
        pool(provider.first_name_male_pairs), pool(provider.first_name_female_pairs), family, family
    )


def _chinese_family(name: str) -> NamePart:
    spelled = east_asian.chinese_family(name)
    # Aligned with the given-name schemes: pinyin, pinyin_hyphen, wade_giles, wade_giles_joined, spaced.
    return NamePart(name, (spelled["pinyin"],) * 2 + (spelled["wade_giles"],) * 2 + (spelled["pinyin"],))


@cache
def chinese_given(han: str) -> NamePart:
    """A Chinese given name of one or two characters, with its spellings (built per person)."""
    return NamePart(han, tuple(east_asian.chinese_given(han).values()))


def _korean_family(name: str) -> NamePart:
    usage = {entry.original: entry for entry in tables.KOREAN_FAMILY}.get(name)
    rr = east_asian.korean_family_rr(name)
    forms = usage.spellings if usage else (rr,)
    return NamePart(name, (forms[0], forms[0], *forms[1:], rr), aligned=False, french_from=2 + len(forms))


@cache
def culture_pools(culture: Culture) -> CulturePools:
    """The name pools of a culture, built on first use."""
    if culture.language == "latin":
        return _latin_pools(culture.key)
    if culture.language == "ar":
        family = _table_pool(tables.ARABIC_FAMILY)
        return CulturePools(
            _table_pool(tables.ARABIC_GIVEN_MALE), _table_pool(tables.ARABIC_GIVEN_FEMALE), family, family
        )
    if culture.language == "fa":
        family = _table_pool(tables.PERSIAN_FAMILY)
        return CulturePools(
            _table_pool(tables.PERSIAN_GIVEN_MALE), _table_pool(tables.PERSIAN_GIVEN_FEMALE), family, family
        )
    if culture.language == "he":
        family = _table_pool(tables.HEBREW_FAMILY)
        return CulturePools(
            _table_pool(tables.HEBREW_GIVEN_MALE), _table_pool(tables.HEBREW_GIVEN_FEMALE), family, family
        )
    if culture.language in ("ru", "uk"):
        return _slavic_pools(culture.key, schemes.russian if culture.language == "ru" else schemes.ukrainian)
    if culture.language == "el":
        provider = _person_provider("el_GR")
        spell = _spelled(schemes.greek)
        return CulturePools(
            _pool(provider.first_names_male, spell), _pool(provider.first_names_female, spell),
            _pool(provider.last_names_male, spell), _pool(provider.last_names_female, spell),
        )  # fmt: skip
    if culture.language == "hi":
        provider = _person_provider("hi_IN")
        spell = _spelled(schemes.hindi)
        family = _pool(provider.last_names, spell)
        return CulturePools(
            _pool(provider.first_names_male, spell), _pool(provider.first_names_female, spell), family, family
        )
    if culture.language == "zh":
        provider = _person_provider("zh_CN")
        family = _pool(provider.last_names, _chinese_family)
        # Given-name pools hold single characters; a person's given name joins one or two of them.
        return CulturePools(
            _pool(provider.first_names_male, chinese_given), _pool(provider.first_names_female, chinese_given),
            family, family,
        )  # fmt: skip
    if culture.language == "ja":
        return _japanese_pools()
    if culture.language == "ko":
        provider = _person_provider("ko_KR")
        spell = _spelled(east_asian.korean_given)
        family = _pool(provider.last_names, _korean_family)
        return CulturePools(
            _pool(provider.first_names_male, spell), _pool(provider.first_names_female, spell), family, family
        )
    raise ValueError(f"no name pools for the naming culture {culture.key!r} ({culture.language})")
