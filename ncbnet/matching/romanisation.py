"""Names in any script turned into lowercase ASCII words, the common ground for matching.

Records arrive in the script of the country that wrote them (محمد بن سلمان, Александр Пушкин, 张伟) and
officers type queries in Latin letters, or the other way round. `anyascii` gives one romanisation per
character; this module adds what a name needs on top of it:

- Han and Hangul characters are one syllable each, so each becomes its own word ('张伟' -> zhang, wei),
  the way people write them in Latin letters ('Zhang Wei').
- Arabic and Hebrew are written without short vowels: anyascii gives consonant skeletons ('mhmd'). A
  word that starts with alef, hamza or ayn starts with a vowel sound, which anyascii drops or writes as
  an apostrophe; we write it as 'a' so that 'احمد' and 'Ahmed' start alike. The Arabic article 'ال' glued
  to a word is split off ('الرشيد' -> al + rshyd), as in the Latin spelling 'al-Rashid'.
- Apostrophes inside a word are dropped ("O'Brien" -> obrien, "Ol'ga" -> olga); every other non-letter
  separates words. Latin text pasted from anyascii of Arabic keeps hamza and ayn as apostrophes
  ("'hmd", "`ly"): in a word without vowels a leading one is the vowel onset again ('ahmd').
- Titles and degrees are not names: 'Dr', 'Mrs', 'Г-н', 'السيدة' before a name, 'MBA', 'Ph.D.' after it
  are removed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

SCRIPTS = ("Latin", "Arabic", "Cyrillic", "Greek", "Han", "Hebrew", "Hangul", "Kana", "Devanagari", "Thai")
# First word of a character's Unicode name -> script. CJK ideographs are named "CJK UNIFIED IDEOGRAPH-...".
_SCRIPT_BY_NAME_WORD = {
    "LATIN": "Latin",
    "FULLWIDTH": "Latin",
    "ARABIC": "Arabic",
    "CYRILLIC": "Cyrillic",
    "GREEK": "Greek",
    "CJK": "Han",
    "HEBREW": "Hebrew",
    "HANGUL": "Hangul",
    "HIRAGANA": "Kana",
    "KATAKANA": "Kana",
    "DEVANAGARI": "Devanagari",
    "THAI": "Thai",
}
# Scripts whose characters are whole syllables, written as separate words in Latin letters.
_SYLLABIC = frozenset({"Han", "Hangul"})
# Abjads: short vowels are not written, so the romanisation is a consonant skeleton.
_ABJADS = frozenset({"Arabic", "Hebrew"})
# Letters that make a vowel onset at the start of a word: alef (all forms), ayn, hamza; Hebrew alef, ayin.
_VOWEL_ONSET = frozenset("اأإآٱءعאע")
_ARABIC_ARTICLE = "ال"
# Apostrophe-like characters that belong inside a word (O'Brien, Ol'ga, ʿAbd) rather than between words.
_APOSTROPHES = frozenset("'`´’‘ʼʻʿʾ")
_GLUED_SURNAME_PREFIXES = frozenset({"Mc", "Mac"})
_LEADING_TITLES = re.compile(
    # Not 'Pan' or 'Bay' (Polish and Turkish Mr): they are surnames too (Pan Wei). 'Sr.' only with its dot:
    # 'sr' is also Arabic 'سارا' (Sara) as anyascii writes it.
    r"^(?:\s*(?:(?:mr|mrs|ms|miss|dr|prof|sir|dame|herr|frau|mme|mlle|pani|bayan"
    r"|г-н|г-жа|г-ца|الأستاذ|الأستاذة|السيد|السيدة|الدكتور|الدكتورة|الآنسة|المهندس|المهندسة"
    r"|श्री|श्रीमती|श्रीमान|सुश्री|डॉ|นาย|นาง|นางสาว)(?:\.|\s)|(?:sr|sra|srta|mx|dott)\.)\s*)+",
    re.IGNORECASE,
)
_TRAILING_DEGREES = re.compile(
    r"(?:[\s,]+(?:mba|b\.?\s?sc|m\.?\s?sc|b\.\s?a\.|m\.\s?a\.|ph\.?\s?d|b\.\s?eng|m\.\s?eng|dipl\.-?\s?\w+)\.?)+\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Word:
    """One romanised word of a name: `text` is lowercase a-z; `script` is the script it was written in."""

    text: str
    script: str
    syllable: bool = False  # one Han or Hangul character: never an initial, never a particle
    vowelless: bool = False  # romanised from an abjad (consonants only)
    article: bool = False  # the Arabic article split off a word
    plain: str = ""  # the word as anyascii writes it, when `text` added a vowel onset ('ymn' for 'aymn')


@lru_cache(maxsize=4096)
def char_script(char: str) -> str:
    """Script of one character from its Unicode name ('Other' for digits, punctuation, unknown)."""
    name = unicodedata.name(char, "")
    return _SCRIPT_BY_NAME_WORD.get(name.split(" ", 1)[0], "Other")


def detect_script(text: str) -> str:
    """The script most letters of `text` are written in, one of SCRIPTS, or 'Other' (no letters, or
    letters of a script we do not name, such as Georgian)."""
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            script = char_script(char)
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "Other"
    return max(counts.items(), key=lambda item: item[1])[0]


def strip_titles(text: str) -> str:
    """The name without a leading title or trailing degrees, unless nothing would be left."""
    stripped = _TRAILING_DEGREES.sub("", _LEADING_TITLES.sub("", text))
    return stripped if any(char.isalpha() for char in stripped) else text


def _ascii_letters(text: str) -> str:
    return "".join(char for char in anyascii(text).lower() if "a" <= char <= "z")


def _abjad_words(chars: str, script: str) -> list[Word]:
    article = script == "Arabic" and chars.startswith(_ARABIC_ARTICLE) and len(chars) > 3
    if article:
        chars = chars[len(_ARABIC_ARTICLE) :]
    text = _ascii_letters(chars)
    plain = ""
    if chars[0] in _VOWEL_ONSET and not text.startswith("a"):
        plain, text = text, "a" + text
    words = [Word("al", script, vowelless=True, article=True)] if article else []
    if text:
        words.append(Word(text, script, vowelless=True, plain=plain))
    return words


def _typed_abjad(word: str) -> list[Word] | None:
    """A Latin word without vowels that keeps apostrophes for hamza and ayn ("'hmd", "s`yd", "l'ws"),
    as anyascii writes Arabic: read it as a romanised abjad word."""
    if not any(char in _APOSTROPHES for char in word):
        return None
    letters = _ascii_letters(word)
    if not letters or any(vowel in letters for vowel in "aeiou"):
        return None
    if word[0] in _APOSTROPHES:
        return [Word("a" + letters, "Latin", vowelless=True, plain=letters)]
    if len(word) > 3 and word[0] in "lL" and word[1] in _APOSTROPHES:  # "l'ws": the article, then a hamza
        return [
            Word("al", "Latin", vowelless=True, article=True),
            Word("a" + letters[1:], "Latin", vowelless=True, plain=letters[1:]),
        ]
    return [Word(letters, "Latin", vowelless=True)]


def _camel_words(word: str) -> list[str]:
    """'ZhangWei' -> Zhang, Wei; 'IMinHo' -> I, Min, Ho: anyascii writes a CJK name as capitalised
    syllables run together, and officers paste that form. 'McDonald' and 'MacArthur' stay one word."""
    cuts = [0]
    for index in range(1, len(word)):
        char = word[index]
        if not char.isupper():
            continue
        before = word[index - 1]
        if before.islower() or (before.isupper() and index + 1 < len(word) and word[index + 1].islower()):
            cuts.append(index)
    cuts.append(len(word))
    pieces = [word[start:end] for start, end in zip(cuts, cuts[1:], strict=False) if start < end]
    if len(pieces) > 1 and pieces[0] in _GLUED_SURNAME_PREFIXES:
        pieces[:2] = [pieces[0] + pieces[1]]
    return pieces


def _latin_words(word: str) -> list[Word]:
    typed = _typed_abjad(word)
    if typed is not None:
        return typed
    # After an apostrophe a capital does not start a new word: O'Brien, Ol'Ga.
    letters = "".join(
        char.lower() if index and word[index - 1] in _APOSTROPHES else char
        for index, char in enumerate(word)
        if char not in _APOSTROPHES
    )
    pieces = _camel_words(letters) if not letters.isupper() and not letters.islower() else [letters]
    return [Word(text, "Latin") for piece in pieces if (text := _ascii_letters(piece))]


def _flush(chars: list[str], scripts: dict[str, int], out: list[Word]) -> None:
    if not chars:
        return
    word = "".join(chars)
    script = max(scripts.items(), key=lambda item: item[1])[0] if scripts else "Other"
    chars.clear()
    scripts.clear()
    if script in _ABJADS:
        out.extend(_abjad_words(word, script))
    elif script == "Latin":
        out.extend(_latin_words(word))
    else:
        text = _ascii_letters(word)
        if text:
            out.append(Word(text, script))


def romanise(text: str) -> list[Word]:
    """Split a name into words and romanise each one (see the module docstring)."""
    out: list[Word] = []
    chars: list[str] = []
    scripts: dict[str, int] = {}
    for char in strip_titles(unicodedata.normalize("NFKC", text)):
        category = unicodedata.category(char)
        if category[0] == "L":
            script = char_script(char)
            if script in _SYLLABIC:
                _flush(chars, scripts, out)
                syllable = _ascii_letters(char)
                if syllable:
                    out.append(Word(syllable, script, syllable=True))
                continue
            chars.append(char)
            scripts[script] = scripts.get(script, 0) + 1
        elif category[0] == "M":
            if chars:
                chars.append(char)
        elif char in _APOSTROPHES:
            chars.append(char)  # O'Brien, Ol'ga, Sa'id: one word; "'hmd": see _typed_abjad
        else:
            _flush(chars, scripts, out)
    _flush(chars, scripts, out)
    return out
