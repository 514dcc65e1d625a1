"""Romanisation of Chinese, Japanese and Korean given and family names, under each scheme in use.

Chinese: Hanyu Pinyin (ISO 7098, PRC passports) and Wade-Giles (Taiwan, older files), the given name's
syllables joined, hyphenated or spaced. Japanese: from the kana reading, passport Hepburn (long
vowels dropped, "Homma" before b/m/p), Hepburn with "oh" (Satoh), with long vowels written (Shouhei),
with macrons, and Kunrei-shiki (ISO 3602: si, ti, tu, hu). Korean: Revised Romanization (2000),
McCune-Reischauer without diacritics, and the popular spellings families choose (Jung-hoon).
"""

from __future__ import annotations

import re

from anyascii import anyascii

# --- Chinese ----------------------------------------------------------------------------------------
_WG_INITIALS = (
    ("zh", "ch"), ("ch", "ch"), ("sh", "sh"), ("b", "p"), ("p", "p"), ("m", "m"), ("f", "f"),
    ("d", "t"), ("t", "t"), ("n", "n"), ("l", "l"), ("g", "k"), ("k", "k"), ("h", "h"), ("j", "ch"),
    ("q", "ch"), ("x", "hs"), ("r", "j"), ("z", "ts"), ("c", "ts"), ("s", "s"), ("y", "y"), ("w", "w"),
)  # fmt: skip
_WG_FINALS = (("iong", "iung"), ("ong", "ung"), ("ian", "ien"), ("ie", "ieh"), ("ue", "ueh"))
_WG_WHOLE = {"yi": "i", "you": "yu", "yan": "yen", "ye": "yeh", "yong": "yung", "yue": "yueh", "er": "erh"}


def pinyin(han: str) -> list[str]:
    """Pinyin syllables (lower case, no tones) of a name written in Han characters."""
    return [anyascii(char).lower() for char in han if not char.isspace()]


def wade_giles(syllable: str) -> str:
    """A pinyin syllable in Wade-Giles, apostrophes and umlauts dropped as in passports (Zhang: Chang)."""
    if syllable in _WG_WHOLE:
        return _WG_WHOLE[syllable]
    initial, final = "", syllable
    for pinyin_initial, wg_initial in _WG_INITIALS:
        if syllable.startswith(pinyin_initial):
            initial, final = wg_initial, syllable[len(pinyin_initial) :]
            break
    source_initial = syllable[: len(syllable) - len(final)]
    if final == "i" and source_initial in ("z", "c", "s"):
        return {"z": "tzu", "c": "tzu", "s": "ssu"}[source_initial]
    if final == "i" and source_initial in ("zh", "ch", "sh", "r"):
        return initial + "ih"
    if final == "e" and source_initial in ("g", "k", "h"):
        final = "o"
    elif final == "uo" and source_initial not in ("g", "k", "h", "sh"):
        final = "o"
    for pinyin_final, wg_final in _WG_FINALS:
        if final.endswith(pinyin_final):
            final = final[: -len(pinyin_final)] + wg_final
            break
    return initial + final


CHINESE_GIVEN_SCHEMES = ("pinyin", "pinyin_hyphen", "wade_giles", "wade_giles_joined", "pinyin_spaced")


def chinese_given(han: str) -> dict[str, str]:
    """A Chinese given name under each scheme: Xiaoming, Xiao-Ming, Hsiao-ming, Hsiaoming, Xiao Ming."""
    syllables = pinyin(han)
    wg = [wade_giles(s) for s in syllables]
    return {
        "pinyin": "".join(syllables).capitalize(),
        "pinyin_hyphen": "-".join(s.capitalize() for s in syllables),
        "wade_giles": "-".join(wg).capitalize(),
        "wade_giles_joined": "".join(wg).capitalize(),
        "pinyin_spaced": " ".join(s.capitalize() for s in syllables),
    }


def chinese_family(han: str) -> dict[str, str]:
    """A Chinese family name in pinyin and in Wade-Giles (Zhang, Chang; Xu, Hsu)."""
    syllables = pinyin(han)
    return {
        "pinyin": "".join(syllables).capitalize(),
        "wade_giles": "".join(wade_giles(s) for s in syllables).capitalize(),
    }


# --- Japanese ---------------------------------------------------------------------------------------
_KANA = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o", "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke",
    "コ": "ko", "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so", "タ": "ta", "チ": "chi",
    "ツ": "tsu", "テ": "te", "ト": "to", "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho", "マ": "ma", "ミ": "mi", "ム": "mu",
    "メ": "me", "モ": "mo", "ヤ": "ya", "ユ": "yu", "ヨ": "yo", "ラ": "ra", "リ": "ri", "ル": "ru",
    "レ": "re", "ロ": "ro", "ワ": "wa", "ヲ": "o", "ン": "n", "ガ": "ga", "ギ": "gi", "グ": "gu",
    "ゲ": "ge", "ゴ": "go", "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo", "ダ": "da",
    "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do", "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be",
    "ボ": "bo", "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po", "ヴ": "vu",
}  # fmt: skip
_SMALL_Y = {"ャ": "a", "ュ": "u", "ョ": "o"}
# Kunrei-shiki (ISO 3602) where it differs from Hepburn.
_KUNREI = {"shi": "si", "chi": "ti", "tsu": "tu", "fu": "hu", "ji": "zi", "sh": "sy", "ch": "ty", "j": "zy"}
JAPANESE_SCHEMES = ("hepburn", "hepburn_oh", "hepburn_long", "hepburn_macron", "kunrei")


def _kana_syllables(kana: str) -> list[str]:
    """Hepburn syllables of a katakana (or hiragana) reading; 'Q' marks a geminate, '-' a long vowel."""
    text = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in kana)  # hiragana to katakana
    syllables: list[str] = []
    for char in text:
        if char in _SMALL_Y and syllables:
            stem = syllables[-1][:-1]  # キ+ャ: kya; シ+ャ: sha; ジ+ャ: ja
            syllables[-1] = (stem if stem.endswith(("sh", "ch", "j")) else stem + "y") + _SMALL_Y[char]
        elif char == "ッ":
            syllables.append("Q")
        elif char == "ー":
            syllables.append("-")
        elif char in _KANA:
            syllables.append(_KANA[char])
    return syllables


def _join_kana(syllables: list[str], scheme: str) -> str:
    out = ""
    for i, syllable in enumerate(syllables):
        following = syllables[i + 1] if i + 1 < len(syllables) else ""
        if scheme == "kunrei":
            for hepburn, kunrei in _KUNREI.items():
                if syllable.startswith(hepburn):
                    syllable = kunrei + syllable[len(hepburn) :]
                    break
        if syllable == "Q":
            syllable = ("t" if following.startswith("ch") else following[:1]) if following else ""
        elif syllable == "-":
            syllable = out[-1:] if scheme in ("hepburn_long", "kunrei") else ""
        elif syllable == "n" and following[:1] in ("b", "m", "p") and scheme.startswith("hepburn"):
            syllable = "m"  # passport Hepburn: Homma, Namba
        out += syllable
    if scheme == "hepburn_oh":  # Satoh, Ohno, Ohta: a long o at either end of the name written "oh"
        out = re.sub(r"^o[ou](?=[^aeiouyh])|o[ou]$", "oh", out)
    if scheme in ("hepburn", "hepburn_oh", "kunrei"):
        out = out.replace("ou", "o").replace("oo", "o").replace("uu", "u")
    if scheme == "hepburn_macron":
        out = out.replace("ou", "ō").replace("oo", "ō").replace("uu", "ū")
    return out.capitalize()


def japanese(kana: str) -> dict[str, str]:
    """A Japanese name, from its kana reading, under each scheme (Shuhei, Shouhei, Shūhei, Syuhei)."""
    syllables = _kana_syllables(kana)
    return {scheme: _join_kana(syllables, scheme) for scheme in JAPANESE_SCHEMES}


# --- Korean -----------------------------------------------------------------------------------------
_INITIALS_RR = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h")  # fmt: skip
_INITIALS_MR = ("k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch", "k", "t", "p", "h")  # fmt: skip
_MEDIALS_RR = (
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
    "yu", "eu", "ui", "i",
)  # fmt: skip
_MEDIALS_MR = (
    "a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
    "yu", "u", "ui", "i",
)  # fmt: skip
_FINALS = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t",
    "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip
_VOICED_MR = {"k": "g", "t": "d", "p": "b", "ch": "j"}
KOREAN_GIVEN_SCHEMES = ("rr", "rr_hyphen", "popular_hyphen", "popular", "mr_hyphen", "rr_spaced")


def _hangul_syllables(hangul: str, mr: bool) -> list[str]:
    """Each Hangul syllable romanised on its own, as passports do (no sound change across syllables,
    except McCune-Reischauer's voicing of k/t/p/ch after a voiced sound)."""
    out: list[str] = []
    for index, char in enumerate(hangul):
        code = ord(char) - 0xAC00
        if not 0 <= code < 11172:
            continue
        initial, medial, final = code // 588, (code % 588) // 28, code % 28
        onset = (_INITIALS_MR if mr else _INITIALS_RR)[initial]
        vowel = _MEDIALS_RR[medial]
        if mr and index and onset in _VOICED_MR and out[-1][-1:] in ("a", "e", "i", "o", "u", "l", "n", "g"):
            onset = _VOICED_MR[onset]  # after a vowel, l, n or ng
        if mr and onset == "s" and (vowel in ("i", "wi") or vowel.startswith("y")):
            onset = "sh"
        out.append(onset + (_MEDIALS_MR if mr else _MEDIALS_RR)[medial] + _FINALS[final])
    return out


def _popular(syllable: str) -> str:
    """Usage spellings of a syllable: Jeong as Jung, Hyeon as Hyun, Hun as Hoon, Su as Soo."""
    for rr, usage in (("yeong", "young"), ("eong", "ung"), ("yeon", "yun"), ("eon", "un"), ("eo", "eo")):
        if syllable.endswith(rr):
            return syllable[: -len(rr)] + usage
    if syllable == "u":
        return "woo"  # 우 after a syllable: Hyun-woo
    if syllable.endswith(("un", "u")) and not syllable.endswith(("eun", "eu", "yu", "yun")):
        return syllable.replace("u", "oo", 1)
    return syllable


def korean_given(hangul: str) -> dict[str, str]:
    """A Korean given name under each scheme: Jeonghun, Jeong-hun, Jung-hoon, Junghoon, Chong-hun."""
    rr = _hangul_syllables(hangul, mr=False)
    mr = _hangul_syllables(hangul, mr=True)
    popular = [_popular(s) for s in rr]
    return {
        "rr": "".join(rr).capitalize(),
        "rr_hyphen": "-".join(rr).capitalize(),
        "popular_hyphen": "-".join(popular).capitalize(),
        "popular": "".join(popular).capitalize(),
        "mr_hyphen": "-".join(mr).capitalize(),
        "rr_spaced": " ".join(s.capitalize() for s in rr),
    }


def korean_family_rr(hangul: str) -> str:
    """A Korean family name in Revised Romanization, for surnames missing from the usage table."""
    return "".join(_hangul_syllables(hangul, mr=False)).capitalize()
