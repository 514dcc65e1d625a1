"""Romanisation schemes for Cyrillic (Russian, Ukrainian), Greek and Devanagari (Hindi) names.

The same person is written differently by the passport office, by the NCB that files the notice and
by the officer who queries: each function here gives a name's spelling under every scheme in use, so
the synthetic persons store one and the query variants can ask with another. Schemes are given by
name so the variants can be labelled; this is test-data generation, not the matcher's normaliser.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from anyascii import anyascii

# --- Cyrillic ---------------------------------------------------------------------------------------
# ICAO Doc 9303 part 3 (2021), table for Cyrillic, used in Russian passports since 2013.
_RU_ICAO = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip
# BGN/PCGN 1947 without diacritics: y-glides, "ye" for е after a vowel or at the start.
_RU_BGN = {**_RU_ICAO, "й": "y", "ю": "yu", "я": "ya", "ъ": "", "ё": "yo"}
# Duden (German usage) and the French usage of the Quai d'Orsay.
_RU_GERMAN = {
    **_RU_ICAO, "в": "w", "ж": "sch", "з": "s", "й": "j", "х": "ch", "ц": "z", "ч": "tsch",
    "ш": "sch", "щ": "schtsch", "ъ": "", "ю": "ju", "я": "ja", "ё": "jo",
}  # fmt: skip
_RU_FRENCH = {
    **_RU_ICAO, "ж": "j", "й": "i", "у": "ou", "ч": "tch", "ш": "ch", "щ": "chtch", "ъ": "",
    "ю": "iou", "я": "ia", "ё": "io",
}  # fmt: skip
# Scientific transliteration (with háčeks), common in German and Czech police files.
_RU_SCIENTIFIC = {
    **_RU_ICAO, "ж": "ž", "й": "j", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ъ": "",
    "ю": "ju", "я": "ja", "ё": "ë", "э": "è",
}  # fmt: skip
# Ukrainian national transliteration (Cabinet of Ministers resolution 55 of 2010), also ICAO's.
_UK_NATIONAL = {
    **_RU_ICAO, "г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "i", "й": "i", "є": "ie", "ю": "iu",
    "я": "ia", "'": "", "’": "", "ʼ": "",
}  # fmt: skip
_UK_GLIDES_AT_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
# Older passports and Russian-influenced spellings: г as g, glides always with y.
_UK_OLD = {**_UK_NATIONAL, "г": "g", "є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UK_SCIENTIFIC = {
    **_UK_NATIONAL, "ж": "ž", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ї": "ï",
    "й": "j", "є": "je", "ю": "ju", "я": "ja",
}  # fmt: skip

_CYRILLIC_VOWELS = set("аеёиоуыэюяіїє")


def _cyrillic(word: str, table: Mapping[str, str], scheme: str) -> str:
    lower = word.lower()
    out: list[str] = []
    for i, letter in enumerate(lower):
        before = lower[i - 1] if i else ""
        after = lower[i + 1] if i + 1 < len(lower) else ""
        glide_position = not before or before in _CYRILLIC_VOWELS or before in "ьъй"
        latin = table.get(letter, letter)
        if letter == "е" and glide_position and scheme in ("bgn", "popular"):
            latin = "ye"
        elif letter == "е" and glide_position and scheme == "german" and before:
            latin = "je"
        elif letter == "е" and glide_position and scheme == "french" and before:
            latin = "ie"
        elif letter in _UK_GLIDES_AT_START and not before and scheme == "national":
            latin = _UK_GLIDES_AT_START[letter]
        elif letter == "с" and scheme in ("german", "french") and before in _CYRILLIC_VOWELS:
            latin = "ss" if after in _CYRILLIC_VOWELS else "s"
        elif letter == "г" and before == "з" and scheme == "national":
            latin = "gh"  # KMU 55: зг is zgh, so that it is not read as ж
        elif letter == "г" and scheme == "french" and after in "еиы":
            latin = "gu"
        elif letter == "ё" and scheme == "popular" and not glide_position and before not in "жшчщ":
            latin = "yo"
        out.append(latin)
    text = "".join(out)
    if scheme == "popular":
        # English press usage: "Dmitry", "Alexey", "Maria".
        text = text.replace("ks", "x")
        for ending, short in (("iy", "y"), ("yy", "y"), ("iya", "ia")):
            if text.endswith(ending):
                text = text[: -len(ending)] + short
    return text[:1].upper() + text[1:]


RUSSIAN_SCHEMES = {
    "icao": _RU_ICAO,
    "bgn": _RU_BGN,
    "popular": _RU_BGN,
    "german": _RU_GERMAN,
    "french": _RU_FRENCH,
    "scientific": _RU_SCIENTIFIC,
}
UKRAINIAN_SCHEMES = {"national": _UK_NATIONAL, "old": _UK_OLD, "scientific": _UK_SCIENTIFIC}


def russian(word: str) -> dict[str, str]:
    """The word under each Russian scheme, by scheme name (icao first: today's passports)."""
    return {scheme: _cyrillic(word, table, scheme) for scheme, table in RUSSIAN_SCHEMES.items()}


def ukrainian(word: str) -> dict[str, str]:
    """The word under each Ukrainian scheme; the Russian ICAO reading is not one of them."""
    return {scheme: _cyrillic(word, table, scheme) for scheme, table in UKRAINIAN_SCHEMES.items()}


# --- Greek ------------------------------------------------------------------------------------------
# ELOT 743 (1982, revised 2001), the standard of Greek passports and of ICAO 9303 for Greek.
_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i",
    "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s",
    "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
}  # fmt: skip
_GREEK_VOICELESS = set("θκξπστφχψ")
_GREEK_VOWELS = set("αεηιουω")


def _greek_base(word: str) -> str:
    stripped = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    return stripped.lower()


def _greek(word: str, scheme: str) -> str:
    g = _greek_base(word)
    out: list[str] = []
    i = 0
    while i < len(g):
        pair, letter = g[i : i + 2], g[i]
        after = g[i + 2] if i + 2 < len(g) else ""
        if pair == "ου":
            out.append("ou")
        elif pair in ("αυ", "ευ", "ηυ"):
            first = {"α": "a", "ε": "e", "η": "i"}[letter]
            out.append(first + ("f" if not after or after in _GREEK_VOICELESS else "v"))
        elif pair == "γγ":
            out.append("ng")
        elif pair in ("γκ", "μπ", "ντ") and i == 0 and scheme != "elot":
            out.append({"γκ": "g", "μπ": "b", "ντ": "d"}[pair])
        elif pair == "μπ" and i == 0:
            out.append("b")
        elif pair in ("αι", "ει", "οι", "υι") and scheme == "phonetic":
            out.append({"αι": "e", "ει": "i", "οι": "i", "υι": "i"}[pair])
        elif pair == "γι" and scheme == "phonetic" and after in _GREEK_VOWELS:
            out.append("y")
        else:
            out.append(_greek_letter(letter, g[i + 1] if i + 1 < len(g) else "", scheme))
            i += 1
            continue
        i += 2
    text = "".join(out)
    return text[:1].upper() + text[1:]


def _greek_letter(letter: str, after: str, scheme: str) -> str:
    if scheme == "phonetic" and letter == "υ":
        return "i"
    if scheme == "phonetic_h" and letter == "χ":
        return "h"
    if scheme == "traditional" and letter == "κ" and after not in "εηιυ":
        return "c"
    return _GREEK.get(letter, letter)


GREEK_SCHEMES = ("elot", "phonetic", "phonetic_h", "traditional", "letter")


def greek(word: str) -> dict[str, str]:
    """The word under each Greek scheme; 'letter' is a letter-by-letter reading (Papadopoylos)."""
    spellings = {scheme: _greek(word, scheme) for scheme in GREEK_SCHEMES if scheme != "letter"}
    letter = anyascii(_greek_base(word))
    spellings["letter"] = letter[:1].upper() + letter[1:]
    return spellings


# --- Devanagari -------------------------------------------------------------------------------------
_CONSONANTS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n", "च": "ch", "छ": "chh", "ज": "j", "झ": "jh",
    "ञ": "n", "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n", "त": "t", "थ": "th", "द": "d",
    "ध": "dh", "न": "n", "प": "p", "फ": "ph", "ब": "b", "भ": "bh", "म": "m", "य": "y", "र": "r",
    "ल": "l", "व": "v", "श": "sh", "ष": "sh", "स": "s", "ह": "h", "क़": "q", "ख़": "kh", "ग़": "gh",
    "ज़": "z", "ड़": "r", "ढ़": "rh", "फ़": "f",
}  # fmt: skip
_INDEPENDENT_VOWELS = {
    "अ": "a", "आ": "aa", "इ": "i", "ई": "ii", "उ": "u", "ऊ": "uu", "ऋ": "ri", "ए": "e", "ऐ": "ai",
    "ओ": "o", "औ": "au", "ऍ": "e", "ऑ": "o",
}  # fmt: skip
_MATRAS = {
    "ा": "aa", "ि": "i", "ी": "ii", "ु": "u", "ू": "uu", "ृ": "ri", "े": "e", "ै": "ai", "ो": "o",
    "ौ": "au", "ॅ": "e", "ॉ": "o",
}  # fmt: skip
_VIRAMA, _NUKTA, _ANUSVARA, _CHANDRABINDU, _VISARGA = "्", "़", "ं", "ँ", "ः"
_HINDI_USAGE = {"सिंह": "singh", "कुमार": "kumaar"}  # "Singh" is never written "Sinh"
HINDI_SCHEMES = ("plain", "long", "w")


def _devanagari_units(word: str) -> list[list[str]]:
    """Syllables as [consonants, vowel, nasal, consonant count]; the inherent 'a' is marked '*'."""
    text = unicodedata.normalize("NFC", word).replace("\u200d", "").replace("\u200c", "")
    units: list[list[str]] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char + text[i + 1 : i + 2] in _CONSONANTS and text[i + 1 : i + 2] == _NUKTA:
            char, i = char + _NUKTA, i + 1
        if char in _CONSONANTS:
            latin = _CONSONANTS[char]
            if units and units[-1][1] == "" and units[-1][0]:  # after a virama: same cluster
                if latin == "v":
                    latin = "W"  # व after a consonant is w in usage: Ashwin, Dwivedi
                units[-1][0] += latin
                units[-1][1] = "*"
                units[-1][3] += "+"
            else:
                units.append([latin, "*", "", ""])
        elif char == _VIRAMA and units:
            units[-1][1] = ""
        elif char in _MATRAS and units:
            units[-1][1] = _MATRAS[char]
        elif char in _INDEPENDENT_VOWELS:
            units.append(["", _INDEPENDENT_VOWELS[char], "", ""])
        elif char in (_ANUSVARA, _CHANDRABINDU) and units:
            units[-1][2] = "n"
        elif char == _VISARGA and units:
            units[-1][2] = "h"
        i += 1
    return units


def _delete_schwas(units: list[list[str]]) -> None:
    """Hindi schwa deletion: the final inherent 'a' is silent unless it follows a cluster (Aditya), and
    a medial one between a vowel and a consonant followed by a vowel (VC_CV) is too (Ohala 1983):
    "जगजीत" is Jagjit, not Jagajita."""
    if len(units) > 1 and units[-1][1] == "*" and not units[-1][2] and not units[-1][3]:
        units[-1][1] = ""
    for i in range(len(units) - 2, 0, -1):
        previous, unit, following = units[i - 1], units[i], units[i + 1]
        single = not unit[3] and not following[3] and following[0]
        if unit[1] == "*" and not unit[2] and previous[1] and following[1] and single:
            unit[1] = ""


def hindi(word: str) -> dict[str, str]:
    """The word under each Hindi scheme: plain (Sunil, Puja), long vowels (Suneel, Pooja), v as w."""
    usage = _HINDI_USAGE.get(word)
    units = [["", usage, "", ""]] if usage else _devanagari_units(word)
    if not usage:
        _delete_schwas(units)
    spellings = {}
    for scheme in HINDI_SCHEMES:
        parts: list[str] = []
        for consonants, vowel, nasal, _ in units:
            vowel = "a" if vowel == "*" else vowel
            if scheme == "long":
                vowel = vowel.replace("ii", "ee").replace("uu", "oo")
            if scheme == "w" and consonants == "v" and vowel == "aa" and parts:
                consonants = "w"  # medial वा: Tiwari, Agarwal
            parts.append(consonants.replace("W", "v" if scheme == "plain" else "w") + vowel + nasal)
        latin = "".join(parts).replace("aa", "a").replace("ii", "i").replace("uu", "u")
        if latin.endswith("nh") and not usage:
            latin = latin[:-2] + "ngh"
        spellings[scheme] = latin[:1].upper() + latin[1:]
    return spellings
