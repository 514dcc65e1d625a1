"""Labelled query variants of synthetic persons: the name (and birth date, sex, nationality) an officer
would type to find a stored person, with every change from the stored record named.

A variant starts from one of the person's stored names and makes 1 to 3 changes to the name, drawn at
random (deterministically from the seed) among those that apply: another romanisation or the original
script, a spelling variant, a typo, the family name first, a dropped or added middle name, an initial,
the particle or the double family name written another way. The birth date is then given exactly (most
often), as a year, with day and month swapped, as a range of years, or not at all; sex and nationality
are sometimes given and never wrong. Labels read 'family:detail', e.g. 'typo:transposition'.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ncbnet.demo.synthetic.cultures import CULTURES
from ncbnet.demo.synthetic.name_noise import (
    ARABIC_ARTICLES,
    NAME_PARTICLES,
    compound_forms,
    mistype,
    particle_forms,
    respell,
)
from ncbnet.demo.synthetic.name_pools import NamePart, chinese_given, culture_pools, table_part
from ncbnet.demo.synthetic.name_tables import NASAB_DAUGHTER, NASAB_SON

if TYPE_CHECKING:
    from ncbnet.demo.synthetic.persons import SyntheticName, SyntheticPerson

TRANSFORMATION_FAMILIES = (
    "transliteration", "script", "spelling", "typo", "order", "middle", "initial", "particle", "compound",
    "dob", "source",
)  # fmt: skip
# Families that change the name (1 to 3 per variant), by how often an officer's query shows them.
_WEIGHTS_LATIN = {
    "spelling": 20,
    "typo": 24,
    "order": 12,
    "middle": 10,
    "initial": 7,
    "particle": 9,
    "compound": 10,
}
_WEIGHTS_OTHER_SCRIPT = {
    "transliteration": 32, "script": 9, "spelling": 8, "typo": 14, "order": 10, "middle": 6, "initial": 4,
    "particle": 6, "compound": 2,
}  # fmt: skip
_NAME_CHANGES = ((1, 50), (2, 35), (3, 15))
_SCRIPT_LANGUAGES = {
    "Arabic": ("ar", "fa"), "Cyrillic": ("ru", "uk"), "Greek": ("el",), "Hebrew": ("he",), "Devanagari": ("hi",),
    "Han": ("zh", "ja"), "Kana": ("ja",), "Hangul": ("ko",),
}  # fmt: skip
_FAMILY_FIRST = frozenset({"zh", "ko", "ja"})  # in the original script
_UNSPACED = frozenset({"zh", "ko"})


@dataclass(frozen=True, slots=True)
class QueryVariant:
    person_ref: str
    name: str  # the query name
    birth: str | None  # '1980-05-17', '1980', '1980-17-05' (day and month swapped), '1979..1981' or None
    sex: str | None
    nationality: str | None  # ISO2
    transformations: tuple[str, ...]  # e.g. ('transliteration:ar', 'typo:substitution', 'dob:year_only')


@dataclass
class _Draft:
    """The query name being built: tokens, their order and how they are joined."""

    given: list[str]
    family: list[str]
    family_first: bool
    joiner: str = " "
    latin: bool = True
    comma: bool = False

    def render(self) -> str:
        if self.comma and self.given:
            return f"{' '.join(self.family)}, {' '.join(self.given)}"
        tokens = self.family + self.given if self.family_first else self.given + self.family
        return self.joiner.join(tokens)


@dataclass
class _Context:
    person: SyntheticPerson
    source: SyntheticName
    original: SyntheticName | None  # the original-script name, when the source is the primary name
    language: str
    people: Sequence[SyntheticPerson]
    labels: list[str]


def _index_pools(language: str, family: bool) -> dict[str, NamePart]:
    index: dict[str, NamePart] = {}
    for culture in CULTURES:
        if culture.language != language:
            continue
        pools = culture_pools(culture)
        chosen = (
            (pools.family_male, pools.family_female)
            if family
            else (pools.given_male, pools.given_female, pools.patronymic_male, pools.patronymic_female)
        )
        for pool in chosen:
            for part in pool.parts if pool else ():
                index.setdefault(part.original, part)
    if language == "ar" and not family:
        for particle in (NASAB_SON, NASAB_DAUGHTER):
            index[particle.original] = table_part(particle)
    return index


@cache
def _name_index(language: str, family: bool) -> dict[str, NamePart]:
    """Original-script names of a language with their spellings, from the same pools as the persons."""
    return _index_pools(language, family)


def _spellings(original: str, language: str, family: bool) -> tuple[str, ...]:
    part = _name_index(language, family).get(original)
    if part is None and language == "zh" and not family:
        part = chinese_given(original)
    return tuple(dict.fromkeys(part.spellings)) if part else ()


def _language(original: SyntheticName) -> str:
    """The language of an original-script name: the candidate of its script that knows most of its parts."""
    candidates = _SCRIPT_LANGUAGES.get(original.script, ())

    def known(language: str) -> int:
        return sum(t in _name_index(language, False) for t in original.given) + sum(
            t in _name_index(language, True) for t in original.family
        )

    return max(candidates, key=known) if candidates else "latin"


# --- name changes -------------------------------------------------------------------------------------
def _transliterate(draft: _Draft, ctx: _Context, rng: random.Random) -> str | None:
    original = ctx.original
    if original is None or ctx.labels or len(original.given) != len(draft.given):
        return None
    if len(original.family) != len(draft.family):
        return None
    choices = []
    for is_family, originals, tokens in (
        (False, original.given, draft.given),
        (True, original.family, draft.family),
    ):
        for i, (source, current) in enumerate(zip(originals, tokens, strict=True)):
            others = [s for s in _spellings(source, ctx.language, is_family) if s != current]
            if others:
                choices.append((tokens, i, others))
    if not choices:
        return None
    certain = choices[int(rng.random() * len(choices))]
    for tokens, i, others in choices:
        if (tokens, i) == certain[:2] or rng.random() < 0.5:
            tokens[i] = others[int(rng.random() * len(others))]
    return f"transliteration:{ctx.language}"


def _to_original_script(draft: _Draft, ctx: _Context, rng: random.Random) -> str | None:
    if ctx.original is None or ctx.labels:
        return None
    draft.given, draft.family = list(ctx.original.given), list(ctx.original.family)
    draft.latin = False
    draft.family_first = ctx.language in _FAMILY_FIRST
    draft.joiner = "" if ctx.language in _UNSPACED else " "
    return "script:original"


def _middle(draft: _Draft, ctx: _Context, rng: random.Random) -> str | None:
    if len(draft.given) >= 2 and (rng.random() < 0.7 or not draft.latin):
        draft.given = draft.given[:1]
        return "middle:dropped"
    if not draft.latin or len(draft.given) != 1 or ctx.language in _FAMILY_FIRST:
        return None
    people, person = ctx.people, ctx.person
    for _ in range(40):  # a first name of someone of the same sex and country reads as a middle name
        other = people[int(rng.random() * len(people))]
        name = other.names[0].given[:1]
        if name and other.sex == person.sex and other.birth_country == person.birth_country:
            if (
                name[0] != draft.given[0]
                and name[0].lower() not in NAME_PARTICLES
                and other.names[0].script == "Latin"
            ):
                draft.given.append(name[0])
                return "middle:added"
    return None


def _particle(draft: _Draft, ctx: _Context, rng: random.Random) -> str | None:
    if not draft.latin or not draft.family:
        return None
    changed = particle_forms(draft.family, rng)
    if changed is not None and rng.random() < 0.8:
        draft.family, label = changed
        return label
    nasab = [
        i for i, t in enumerate(draft.given) if t.lower() in ("bin", "ibn", "ben", "bint", "bent", "bn") and i
    ]
    if nasab:
        del draft.given[nasab[0]]
        return "particle:dropped"
    first = draft.family[0]
    if ctx.language == "ar" and first.split("-")[0].lower() not in ARABIC_ARTICLES:
        draft.family[0] = ("Al-" if rng.random() < 0.7 else "El-") + first
        return "particle:added"
    if changed is not None:
        draft.family, label = changed
        return label
    return None


def _compound(draft: _Draft, ctx: _Context, rng: random.Random) -> str | None:
    changed = compound_forms(draft.family, rng) if draft.latin and draft.family else None
    if changed is None:
        return None
    draft.family, label = changed
    return label


def _initial(draft: _Draft, ctx: _Context, rng: random.Random) -> str | None:
    if not draft.latin or not draft.given:
        return None
    i = 0 if len(draft.given) == 1 or rng.random() < 0.75 else 1 + int(rng.random() * (len(draft.given) - 1))
    token = draft.given[i]
    if len(token) < 2 or not token[0].isalpha() or token.lower() in NAME_PARTICLES:
        return None
    draft.given[i] = token[0].upper() + ("." if rng.random() < 0.6 else "")
    return "initial:given"


def _change_one_token(
    draft: _Draft, rng: random.Random, change: Callable[[str, random.Random], tuple[str, str] | None]
) -> str | None:
    if not draft.latin:
        return None
    slots = [(tokens, i) for tokens in (draft.given, draft.family) for i, t in enumerate(tokens)
             if len(t) >= 3 and t.lower() not in NAME_PARTICLES]  # fmt: skip
    rng.shuffle(slots)
    slots.sort(key=lambda slot: len(slot[0][slot[1]]) < 4)  # longer tokens first, shuffled among them
    for tokens, i in slots:
        changed = change(tokens[i], rng)
        if changed is not None:
            tokens[i], label = changed
            return label
    return None


def _spelling(draft: _Draft, ctx: _Context, rng: random.Random) -> str | None:
    return _change_one_token(draft, rng, respell)


def _typo(draft: _Draft, ctx: _Context, rng: random.Random) -> str | None:
    return _change_one_token(draft, rng, mistype)


def _order(draft: _Draft, ctx: _Context, rng: random.Random) -> str | None:
    if not draft.given or not draft.family or draft.joiner != " ":
        return None
    if draft.latin and not draft.family_first and rng.random() < 0.3:
        draft.comma = True  # "SMITH, John" as in lists and on many forms
        return "order:family_first_comma"
    draft.family_first = not draft.family_first
    return "order:swapped"


_CHANGES: tuple[tuple[str, Callable[[_Draft, _Context, random.Random], str | None]], ...] = (
    ("transliteration", _transliterate),
    ("script", _to_original_script),
    ("middle", _middle),
    ("particle", _particle),
    ("compound", _compound),
    ("initial", _initial),
    ("spelling", _spelling),
    ("typo", _typo),
    ("order", _order),
)
_CANONICAL = {family: position for position, (family, _) in enumerate(_CHANGES)}


# --- variants -----------------------------------------------------------------------------------------
def _weighted_order(weights: dict[str, int], rng: random.Random) -> list[str]:
    """Families in a random order weighted by their share (Efraimidis-Spirakis)."""
    return sorted(weights, key=lambda family: -(rng.random() ** (1 / weights[family])))


def _choose_count(rng: random.Random) -> int:
    roll = rng.random() * sum(w for _, w in _NAME_CHANGES)
    for count, weight in _NAME_CHANGES:
        roll -= weight
        if roll < 0:
            return count
    return 1


def _source(person: SyntheticPerson, rng: random.Random) -> tuple[SyntheticName, str | None]:
    roll = rng.random()
    for kind, share in (("alias", 0.09), ("birth_name", 0.06)):
        names = [n for n in person.names if n.kind == kind]
        if names and roll < share:
            return names[0], f"source:{kind}"
        roll -= share
    return person.names[0], None


def _draft_name(
    person: SyntheticPerson, people: Sequence[SyntheticPerson], rng: random.Random
) -> tuple[str, list[str]]:
    source, source_label = _source(person, rng)
    original = (
        next((n for n in person.names if n.kind == "original_script"), None) if source_label is None else None
    )
    language = _language(original) if original else "latin"
    tokens = source.full.split()
    family_first = tokens == [*source.family, *source.given] != [*source.given, *source.family]
    draft = _Draft(list(source.given), list(source.family), family_first)
    ctx = _Context(person, source, original, language, people, [])
    weights = _WEIGHTS_OTHER_SCRIPT if original else _WEIGHTS_LATIN
    wanted = _choose_count(rng)
    order = _weighted_order(weights, rng)
    first, rest = sorted(order[:wanted], key=_CANONICAL.__getitem__), order[wanted:]
    for family in first + rest:
        if len(ctx.labels) >= wanted:
            break
        label = dict(_CHANGES)[family](draft, ctx, rng)
        if label is not None:
            ctx.labels.append(label)
    return draft.render(), ([source_label] if source_label else []) + ctx.labels


def _birth(person: SyntheticPerson, rng: random.Random) -> tuple[str | None, str | None]:
    stored = person.birth_date
    roll = rng.random()
    if roll < 0.62:
        return stored, None
    if roll < 0.74:
        return (stored[:4], "dob:year_only") if len(stored) > 4 else (stored, None)
    if roll < 0.82:
        year, month, day = (stored.split("-") + ["", ""])[:3]
        if day and int(day) <= 12 and day != month:
            return f"{year}-{day}-{month}", "dob:day_month_swapped"
        return stored, None
    if roll < 0.9:
        width = 2 if rng.random() < 0.6 else 4  # +-1 or +-2 years around an unknown centre
        low = int(stored[:4]) - int(rng.random() * (width + 1))
        return f"{low}..{low + width}", "dob:range"
    return None, "dob:none"


def _stored(name: str) -> str:
    return " ".join(name.replace(",", " ").split()).casefold()


def query_variants(people: Sequence[SyntheticPerson], n: int, seed: int = 2) -> list[QueryVariant]:
    """n labelled query variants of persons drawn from people, the same ones for the same seed."""
    rng = random.Random(seed)
    variants: list[QueryVariant] = []
    while len(variants) < n and people:
        person = people[int(rng.random() * len(people))]
        stored = {_stored(n.full) for n in person.names}
        for _ in range(10):
            name, labels = _draft_name(person, people, rng)
            changes = [label for label in labels if not label.startswith("source:")]
            trivial = changes == ["script:original"]
            if changes and name.strip() and (trivial or _stored(name) not in stored):
                break
        else:
            continue  # nothing applies to this person's name: draw another person
        birth, birth_label = _birth(person, rng)
        sex = person.sex if rng.random() < 0.6 else None
        nationality = (
            person.nationalities[int(rng.random() * len(person.nationalities))]
            if rng.random() < 0.45
            else None
        )
        variants.append(
            QueryVariant(
                person.ref,
                name,
                birth,
                sex,
                nationality,
                tuple(labels + ([birth_label] if birth_label else [])),
            )
        )
    return variants
