"""Particles and other spellings of the words of a name.

Particles (al, bin, van, de, ...) join a name to a family, a father or a place; people write them, drop
them or glue them to the next word ('al-Rashid', 'Rashid', 'Alrashid'). The analysis sets them aside and
gives the next word a form with the particle glued on, and a glued word a form without it, so that all
three spellings meet.

Some words have a second conventional romanisation that the skeleton cannot bridge: Korean surnames in
passports ('Park' for anyascii 'Bag'), Chinese syllables in Wade-Giles ('Chang' for pinyin 'Zhang'), Greek
μπ/ντ written b/d ('Bambis'), Slavic names in German or Polish spelling ('Iwanow' = 'Ivanov'), and Arabic
words as anyascii writes them without their initial vowel ('ymn' for 'Iman'). Each becomes a form: an
extra key in the index, and a second spelling the scorer compares at a small discount.
"""

from __future__ import annotations

from ncbnet.matching.romanisation import Word

PARTICLES = frozenset(
    "al el ul ad an ar as at az ash bin ben ibn bint abu abou bani banu"
    " van der den ter ten vom von zu zum de la le les du des del della dela di da das dos do y".split()
)
# Particles as anyascii writes them from Arabic script: bin, bint, abu (with and without alef), bani, banu.
_ABJAD_PARTICLES = frozenset({"bn", "bnt", "abw", "bw", "bny", "bnw"})
_ABJADS_AND_ARTICLE = _ABJAD_PARTICLES | {"al"}
# Particles that may also start a name written surname first ('de la Cruz Maria', 'al Rashid Omar').
# 'ben', 'bin' and 'da' at the start are given names (Ben Smith, Da Wei).
_LEADING_PARTICLES = PARTICLES - {"ben", "bin", "da", "do", "y", "le", "la", "an", "as", "at", "ad"}
# Particles people glue to the next word: 'Alrashid', 'Vanderberg', 'Abubakar'.
_GLUED_PREFIXES = ("al", "el", "abu", "ibn", "bin", "van", "von", "della", "del")
_GLUED_REST_MIN = 4
# 'Abd' ("servant of") with the article of the next word glued to it: 'Abdul Rahman' = 'Abd al-Rahman'.
_ABD_FORMS = frozenset({"abdul", "abdel", "abdal", "abdol", "abdoul", "abdur", "abdus", "abdar", "abdu"})
# Korean surnames as anyascii writes them (Revised Romanization) -> the spellings passports carry: 이 is
# "Lee" far more often than "I" (the usage, not a rule, hence a table).
_KOREAN_SURNAMES = {
    "gim": ("kim",), "i": ("lee", "yi", "rhee"), "bag": ("park", "pak"), "choe": ("choi",),
    "jeong": ("jung", "chung"), "gang": ("kang",), "jo": ("cho",), "yun": ("yoon",), "jang": ("chang",),
    "im": ("lim", "rim"), "o": ("oh",), "seo": ("suh", "so"), "sin": ("shin",), "gwon": ("kwon",),
    "an": ("ahn",), "ryu": ("yoo", "yu"), "jeon": ("jun", "chun"), "go": ("ko", "koh"), "mun": ("moon",),
    "son": ("sohn",), "bae": ("pae",), "baeg": ("baek", "paik"), "heo": ("huh", "hur"), "yu": ("yoo", "you"),
    "sim": ("shim",), "no": ("noh", "roh"), "gwag": ("kwak",), "seong": ("sung",), "ju": ("joo", "chu"),
    "u": ("woo",), "gu": ("koo", "ku"), "jin": ("chin",), "hwang": ("whang",),
}  # fmt: skip
# Pinyin (anyascii) -> Wade-Giles, the other romanisation of Chinese names (Zhang = Chang, Xiaoming =
# Hsiao-ming): initials, then finals; a few syllables change whole.
_WADE_GILES_WHOLE = {
    "yi": "i",
    "you": "yu",
    "yan": "yen",
    "ye": "yeh",
    "yong": "yung",
    "yue": "yueh",
    "er": "erh",
}
_WADE_GILES_INITIALS = tuple(
    pair.split(":")
    for pair in "zh:ch ch:ch sh:sh b:p p:p m:m f:f d:t t:t n:n l:l g:k k:k h:h j:ch q:ch x:hs r:j z:ts c:ts s:s".split()
)
_WADE_GILES_FINALS = (("iong", "iung"), ("ong", "ung"), ("ian", "ien"), ("ie", "ieh"), ("ue", "ueh"))
_VOWELS = "aeiou"


def is_vowelless(text: str) -> bool:
    """A word written without vowels: romanised from Arabic or Hebrew ('mhmd'), or typed that way."""
    return len(text) > 1 and not any(vowel in text for vowel in _VOWELS)


def particle_flags(words: list[Word]) -> list[bool]:
    """Which words are particles: never the last word, never one that would leave only initials ('Das, I'
    is Mr Das, not the particle of 'das I')."""
    flags = [False] * len(words)
    remaining = sum(1 for word in words if len(word.text) > 1 or word.syllable)  # words that are not initials
    for index, word in enumerate(words):
        if word.syllable or index == len(words) - 1 or remaining <= 1:
            continue
        if word.vowelless and word.script != "Latin":
            particle = word.article or word.text in _ABJADS_AND_ARTICLE
        else:
            particle = word.article or word.text in (_LEADING_PARTICLES if index == 0 else PARTICLES)
            particle = particle or word.text in _ABJAD_PARTICLES
        if particle:
            flags[index] = True
            remaining -= 1
    return flags


def _wade_giles(syllable: str) -> str:
    if syllable in _WADE_GILES_WHOLE:
        return _WADE_GILES_WHOLE[syllable]
    initial, final = "", syllable
    for pinyin, wade in _WADE_GILES_INITIALS:
        if syllable.startswith(pinyin):
            initial, final = wade, syllable[len(pinyin) :]
            break
    source = syllable[: len(syllable) - len(final)]
    if final == "i" and source in ("z", "c", "s"):
        return "ssu" if source == "s" else "tzu"
    if final == "i" and source in ("zh", "ch", "sh", "r"):
        return initial + "ih"
    if final == "e" and source in ("g", "k", "h"):
        final = "o"
    elif final == "uo" and source not in ("g", "k", "h", "sh"):
        final = "o"
    for pinyin, wade in _WADE_GILES_FINALS:
        if final.endswith(pinyin):
            return initial + final[: -len(pinyin)] + wade
    return initial + final


def other_forms(word: Word, glued: str, position: int) -> list[str]:
    """Other spellings of `word`: `glued` is the word with its preceding particles attached ('' if
    none), `position` its index among the name's words (0 = first)."""
    text = word.text
    forms = [glued] if glued else []
    if word.plain:
        forms.append(word.plain)
    for prefix in _GLUED_PREFIXES:
        rest = text[len(prefix) :]
        if text.startswith(prefix) and len(rest) >= _GLUED_REST_MIN and rest[0] not in _VOWELS:
            forms.append(rest)  # 'alrashid' -> 'rashid'; not 'alexander' -> 'exander'
    if text in _ABD_FORMS:
        forms.append("abd")
    vowelless = word.vowelless or is_vowelless(text)
    if vowelless and text.startswith("l") and len(text) >= 3:
        forms.append(text[1:])  # 'lrshyd': the Arabic article romanised without its vowel
    if not vowelless and ("w" in text[1:] or "j" in text[1:]):
        # German and Polish spellings of Slavic names: w = v, j = y (Iwanow, Sisojew, Illja, Marija).
        forms.append(text[0] + text[1:].replace("w", "v").replace("j", "y"))
    if word.script == "Greek" and ("nt" in text or "mp" in text or "gk" in text):
        forms.append(text.replace("nt", "d").replace("mp", "b").replace("gk", "g"))
    if word.syllable and word.script == "Han":
        forms.append(_wade_giles(text))
    if word.syllable and word.script == "Hangul":
        if position == 0 and text in _KOREAN_SURNAMES:
            forms.extend(_KOREAN_SURNAMES[text])
        elif text.startswith("j"):
            forms.append("ch" + text[1:])  # McCune-Reischauer: Jeong-hun = Chong-hun
    return forms
