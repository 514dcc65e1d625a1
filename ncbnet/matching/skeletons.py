"""Consonant skeletons: one spelling-independent form for the many romanisations of a name.

'Mohammed', 'Muhammad', 'Mohamed', 'Mehmet' and the Arabic-script 'mhmd' are one name written by
different hands. Their consonants survive every romanisation, their vowels do not (Arabic writes none,
Greek 'ου' becomes 'ou' or 'oy', Cyrillic 'е' becomes 'e', 'ye' or 'ie'). A skeleton keeps the
consonants, in classes that romanisations confuse, and drops the vowels:

- digraphs first: shch/tsch/sch/sh -> s (Cyrillic ш, щ; German sch), zh/dzh/dj -> j (ж, дж), ch/kh/gh/cz -> k
  (Greek χ, Cyrillic х, Arabic خ غ; Serbian 'Petrović' = 'Petrovic' = 'Petrovich'), ph -> f, th/dh -> t
  (Greek θ δ, Arabic ث ذ), ck/qu -> k, x -> ks (Aleksandr = Alexander), ts/tz -> s (Cyrillic ц), soft c
  (before e, i, y) -> s (Garcia = Garsia);
- letter classes that differ only in voicing, which Korean, Arabic and German romanisations blur:
  b/p, d/t, g/k/c/q, f/v, s/z (Park = Bak, Ahmed = Ahmet, Gim = Kim, Ivanov = Ivanoff);
- vowels (a e i o u y, and w inside a word, a long vowel in Arabic 'mhmwd') are dropped, but a word that
  starts with a vowel keeps one vowel mark 'a' (Ahmed, Omar, 'Ali' stay apart from Hmd, Mr, Ly), and
  y/j/i before a vowel at the start is the consonant j ('Yusuf' = 'Jusuf' = 'Iusuf'), except before e,
  where Cyrillic е is written e, ye, je or ie ('Evgeny' = 'Yevgeny' = 'Ievgen');
- a doubled consonant counts once (Mohammed = Mohamed), a final h after a vowel is dropped
  (Fatimah = Fatima, Arabic ta marbuta), and Greek initial mp/nt are b/d (Mpampis = Bampis).

`vowel_pattern` keeps a 'v' where vowels were: it tells 'Mohammed' (mvhvmvt) from 'Mahmoud' (mvhmvt),
which share a skeleton; the scorer uses it for Latin-vs-Latin pairs only.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Order matters: longer digraphs before the shorter ones they contain.
_DIGRAPHS = (
    ("shch", "s"),
    ("tsch", "s"),
    ("sch", "s"),
    ("dzh", "j"),
    ("sh", "s"),
    ("zh", "j"),
    ("dj", "j"),
    ("ch", "k"),
    ("kh", "k"),
    ("gh", "k"),
    ("cz", "k"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "t"),
    ("ck", "k"),
    ("qu", "k"),
    ("x", "ks"),
    ("tz", "s"),
    ("ts", "s"),
)
_SOFT_C = re.compile(r"c(?=[eiy])")
VOWEL = "v"
# Per-letter classes after the digraphs; vowels (and w, h's neighbours aside) become VOWEL.
_CLASSES = str.maketrans(
    {
        "a": VOWEL,
        "e": VOWEL,
        "i": VOWEL,
        "o": VOWEL,
        "u": VOWEL,
        "y": VOWEL,
        "w": VOWEL,
        "p": "b",
        "d": "t",
        "g": "k",
        "c": "k",
        "q": "k",
        "v": "f",
        "z": "s",
    }
)
_VOWELS = frozenset("aeiouy")


def _collapse(symbols: str) -> str:
    out = []
    previous = ""
    for symbol in symbols:
        if symbol != previous:
            out.append(symbol)
            previous = symbol
    return "".join(out)


@lru_cache(maxsize=200_000)
def vowel_pattern(token: str) -> str:
    """The skeleton with a 'v' for each run of vowels ('mohammed' -> 'mvhvmvt'); see skeleton()."""
    if not token:
        return ""
    lead = ""
    rest = token
    if len(token) > 1 and token[0] in "yji" and (token[0] != "i" or token[1] in _VOWELS):
        # y/j (and i before a vowel) at the start is a consonant (Yusuf, Jusuf, Iurii, Arabic 'ywsf'),
        # but Cyrillic е at the start is written e, ye, je or ie: all start with a vowel.
        lead, rest = (VOWEL, token[2:]) if token[1] == "e" else ("j", token[1:])
    elif token[0] == "w":
        lead, rest = "f", token[1:]  # Walid/Vladimir/Wladimir: a consonant at the start
    elif token.startswith("mp"):
        lead, rest = "b", token[2:]  # Greek μπ
    elif token.startswith("nt"):
        lead, rest = "t", token[2:]  # Greek ντ
    for digraph, replacement in _DIGRAPHS:
        if digraph in rest:
            rest = rest.replace(digraph, replacement)
    if "c" in rest:
        rest = _SOFT_C.sub("s", rest)
    pattern = _collapse(lead + rest.translate(_CLASSES))
    if len(pattern) > 1 and pattern.endswith(VOWEL + "h"):
        pattern = pattern[:-1]  # Fatimah = Fatima; Arabic ta marbuta
    return pattern


@lru_cache(maxsize=200_000)
def skeleton(token: str, vowelless: bool = False) -> str:
    """Consonant skeleton of a lowercase ASCII word ('mohammed' -> 'mhmt', 'ahmed' -> 'amt'); never
    empty for a non-empty word (a word of vowels only is 'a'). For a word romanised from an abjad
    (`vowelless`), a final h is the unwritten-vowel ending ('ftmh' = Fatima) and is dropped."""
    pattern = vowel_pattern(token)
    if not pattern:
        return ""
    head = "a" if pattern[0] == VOWEL else pattern[0]
    shape = head + pattern[1:].replace(VOWEL, "")
    if vowelless and len(shape) > 2 and shape.endswith("h"):
        shape = shape[:-1]
    return shape


def deletions(key: str) -> list[str]:
    """Every string made by deleting one character of `key`: two words within one edit of each other
    share at least one of (word, its deletions) -- the symmetric-deletion trick for typo tolerance."""
    return [key[:i] + key[i + 1 :] for i in range(len(key))]
