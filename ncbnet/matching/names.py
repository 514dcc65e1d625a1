"""Personal names analysed for search: the words of a name and their spelling-independent forms.

An officer types 'Mohamed bin Salman' for a record written 'محمد بن سلمان', 'Alexander Pushkin' for
'Александр Пушкин', 'Wei Zhang' for '张伟', 'Garciamarquez' for 'García-Márquez'. `analyse_name` turns any
of them into lowercase ASCII words (`romanisation`), sets particles aside (al, bin, van, de, ...; see
`name_forms`), and gives each word its consonant skeleton (`skeletons`) and its other usual spellings.
The analysis is done once per stored name; then

- `index_keys` / `query_keys` (`name_keys`) give the keys of the search index, and
- `compare_names` (`name_comparison`) scores a candidate name against a query name,

both re-exported here so that callers import one module.
"""

from __future__ import annotations

from dataclasses import dataclass

from ncbnet.matching.name_comparison import NameMatch, compare_names
from ncbnet.matching.name_forms import is_vowelless, other_forms, particle_flags
from ncbnet.matching.name_keys import index_keys, query_key_groups, query_keys
from ncbnet.matching.romanisation import detect_script, romanise
from ncbnet.matching.skeletons import skeleton, vowel_pattern

__all__ = [
    "AnalysedName",
    "InvalidName",
    "NameMatch",
    "NameToken",
    "analyse_name",
    "compare_names",
    "detect_script",
    "index_keys",
    "query_key_groups",
    "query_keys",
]

MAX_NAME_LENGTH = 200
MAX_TOKENS = 12  # longer names (genealogical chains) keep their first 12 words


class InvalidName(ValueError):
    """A name that cannot be searched; the message says why in plain words."""


@dataclass(frozen=True, slots=True)
class NameToken:
    """One word of a name as the scorer needs it, computed once when the name is analysed."""

    text: str
    skeleton: str
    pattern: str  # skeleton with vowel marks, '' for a word without written vowels
    initial: bool = False
    vowelless: bool = False  # romanised from Arabic or Hebrew, or typed that way ('mhmd')
    syllable: bool = False  # one Han or Hangul character: part of a given name written as one word
    forms: tuple[tuple[str, str, str], ...] = ()  # other spellings: (text, skeleton, pattern)
    ident: str = ""  # everything the comparison of two words depends on, as one string (a cache key)


@dataclass(frozen=True, slots=True)
class AnalysedName:
    """A name ready for matching: `tokens` are the romanised words without particles, in order."""

    original: str
    script: str
    tokens: tuple[str, ...]
    particles: tuple[str, ...] = ()
    parts: tuple[NameToken, ...] = ()  # one per token
    joins: tuple[NameToken, ...] = ()  # tokens i and i+1 written as one word, for i in 0..len-2
    shapes: frozenset[str] = frozenset()  # every skeleton above: a cheap first look at two names


_NO_JOIN = NameToken(text="", skeleton="", pattern="", ident="/")  # a join next to an initial: not a word


def _token(text: str, *, vowelless: bool, initial: bool = False, syllable: bool = False,
           forms: tuple[str, ...] = ()) -> NameToken:  # fmt: skip
    vowelless = vowelless or is_vowelless(text)
    unique = tuple(dict.fromkeys(form for form in forms if form and form != text))
    flags = ("i" if initial else "") + ("v" if vowelless else "")
    return NameToken(
        text=text,
        skeleton=skeleton(text, vowelless),
        pattern="" if vowelless else vowel_pattern(text),
        initial=initial,
        vowelless=vowelless,
        syllable=syllable,
        forms=tuple(_form(form, vowelless) for form in unique),
        ident=f"{text}/{flags}/{','.join(unique)}",
    )


def _form(text: str, vowelless: bool) -> tuple[str, str, str]:
    vowelless = vowelless or is_vowelless(text)
    return text, skeleton(text, vowelless), "" if vowelless else vowel_pattern(text)


def analyse_name(text: str) -> AnalysedName:
    """Analyse a name in any script; raises InvalidName for text that cannot be a name."""
    if len(text) > MAX_NAME_LENGTH:
        raise InvalidName(f"a name can have at most {MAX_NAME_LENGTH} characters, this one has {len(text)}")
    if not any(char.isalpha() for char in text):
        raise InvalidName("a name needs at least one letter")
    words = romanise(text)
    if not words:
        raise InvalidName("the name has no letters that can be written in Latin letters")
    flags = particle_flags(words)
    parts: list[NameToken] = []
    particles: list[str] = []
    between: list[str] = []  # particles since the previous token
    gaps: list[str] = []  # particles between token i and i+1
    for word, is_particle in zip(words, flags, strict=True):
        if is_particle:
            particles.append(word.text)
            between.append(word.text)
            continue
        if len(parts) == MAX_TOKENS:
            break
        if parts:
            gaps.append("".join(between))
        initial = len(word.text) == 1 and not word.syllable
        glued = "".join(between) + word.text if between else ""
        forms = () if initial else tuple(other_forms(word, glued, len(parts)))
        parts.append(
            _token(word.text, vowelless=word.vowelless, initial=initial, syllable=word.syllable, forms=forms)
        )
        between = []
    joins = []
    for index, gap in enumerate(gaps):
        left, right = parts[index], parts[index + 1]
        if left.initial or right.initial:
            joins.append(_NO_JOIN)
            continue
        joined = left.text + gap + right.text
        forms = (left.text + right.text,) if gap else ()
        joins.append(_token(joined, vowelless=left.vowelless or right.vowelless, forms=forms))
    shapes = {token.skeleton for token in (*parts, *joins) if token.skeleton and not token.initial}
    shapes.update(form[1] for token in (*parts, *joins) for form in token.forms)
    return AnalysedName(
        original=text,
        script=detect_script(text),
        tokens=tuple(part.text for part in parts),
        particles=tuple(particles),
        parts=tuple(parts),
        joins=tuple(joins),
        shapes=frozenset(shapes),
    )
