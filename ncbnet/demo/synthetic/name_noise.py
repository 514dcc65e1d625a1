"""How a Latin-script name gets changed between the record and the query: spelling variants by general
rules, keyboard typos, particles and compound family names written another way.

Each function takes one name token (or the family tokens) and a random.Random, and returns the
changed text with the label of what was done, or None when the rule does not apply to that name.
The rules are general (ph/f, c/k, doubled letters, accents...), written from how names are spelt,
not from any matcher.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable

# --- spelling rules ---------------------------------------------------------------------------------
_VOWELS = "aeiouy"
_ACCENTED = {"a": "áàâ", "e": "éèë", "i": "íï", "o": "óô", "u": "úü", "c": "ç", "n": "ñ"}
_SPECIAL_LETTERS = {"ß": "ss", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ı": "i", "æ": "ae", "đ": "d", "Đ": "D"}  # fmt: skip
_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}


def _match_case(original: str, replacement: str) -> str:
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _substitute(
    token: str, pattern: str, replacement: str | Callable[[str], str], rng: random.Random
) -> str | None:
    """Replace one occurrence of the pattern (case-insensitive), chosen at random, keeping the case."""
    matches = list(re.finditer(pattern, token, flags=re.IGNORECASE))
    if not matches:
        return None
    match = matches[int(rng.random() * len(matches))]
    found = match.group(0)
    new = replacement(found.lower()) if callable(replacement) else replacement
    return token[: match.start()] + _match_case(found, new) + token[match.end() :]


def _swaps(*substitutions: tuple[str, str]) -> Callable[[str, random.Random], str | None]:
    """A rule making one of the given substitutions (a regex and its replacement), chosen at random
    among those that apply to the token."""

    def rule(token: str, rng: random.Random) -> str | None:
        options = [(p, r) for p, r in substitutions if re.search(p, token, flags=re.IGNORECASE)]
        if not options:
            return None
        pattern, replacement = options[int(rng.random() * len(options))]
        return _substitute(token, pattern, replacement, rng)

    return rule


def _doubled(token: str, rng: random.Random) -> str | None:
    return _substitute(token, f"(?<=[{_VOWELS}])[lnstrmfpdbgz](?=[{_VOWELS}])", lambda c: c + c, rng)


def _undoubled(token: str, rng: random.Random) -> str | None:
    return _substitute(token, r"([bcdfgklmnprstz])\1", lambda pair: pair[0], rng)


def _accents_dropped(token: str, rng: random.Random) -> str | None:
    plain = "".join(_SPECIAL_LETTERS.get(c, c) for c in token)
    plain = "".join(c for c in unicodedata.normalize("NFD", plain) if not unicodedata.combining(c))
    plain = unicodedata.normalize("NFC", plain)
    return plain if plain != token else None


def _accents_added(token: str, rng: random.Random) -> str | None:
    if not token.isascii():
        return None
    return _substitute(token, "(?<=.)[aeiouc]", lambda c: rng.choice(_ACCENTED[c]), rng)


def _umlaut(token: str, rng: random.Random) -> str | None:
    if any(c in _UMLAUTS for c in token):  # Müller: Mueller or Muller
        expand = rng.random() < 0.6
        return _substitute(
            token,
            "[äöüÄÖÜ]",
            lambda c: _UMLAUTS[c] if expand else c.translate(str.maketrans("äöü", "aou")),
            rng,
        )
    return _substitute(
        token, "(?<=[^aeiou])(ae|oe|ue)", lambda pair: {"ae": "ä", "oe": "ö", "ue": "ü"}[pair], rng
    )


SPELLING_RULES: dict[str, Callable[[str, random.Random], str | None]] = {
    "doubled": _doubled,
    "undoubled": _undoubled,
    "ph_f": _swaps(("ph", "f"), ("(?<!p)f", "ph")),
    "c_k": _swaps(("c(?=[aoulr])", "k"), ("ck", "k"), ("k(?=[aoulr])", "c")),
    "i_y": _swaps(
        (f"(?<=[{_VOWELS}])i", "y"),
        (f"(?<=[{_VOWELS}])y", "i"),
        ("i$", "y"),
        ("(?<=[^aeiou])y$", "i"),
        ("(?<=.)y(?=[^aeiou])", "i"),
        ("(?<=[^aeiou])i(?=[^aeiou])", "y"),
    ),  # fmt: skip
    "ou_u": _swaps(("ou", "u"), ("oo", "u"), ("(?<![oq])u(?=[^aeiou])", "ou")),
    "ie_y": _swaps(
        ("ie$", "y"), ("(?<=[^aeiou])y$", "ie"), ("ei$", "ey"), ("ey$", "ei"), ("iy$", "y"), ("ij", "y")
    ),
    "sch_sh": _swaps(("sch", "sh"), ("(?<!c)sh", "sch"), ("sz", "sh")),
    "accents_dropped": _accents_dropped,
    "accents_added": _accents_added,
    "umlaut": _umlaut,
    "v_w": _swaps(("v", "w"), ("w", "v")),
    "j_y": _swaps(("^j(?=[aeiou])", "y"), ("^y(?=[aeiou])", "j"), ("dj", "j")),
    "x_ks": _swaps(("x", "ks"), ("ks", "x"), ("cs", "x")),
    "h_dropped": _swaps(("(?<=[kgtd])h", "")),
}


_RULE_WEIGHTS = {"accents_added": 0.15, "doubled": 0.5}


def respell(token: str, rng: random.Random) -> tuple[str, str] | None:
    """The token spelt by one rule that applies to it, chosen at random, and the rule's label."""
    # A weighted random order (Efraimidis-Spirakis): rules that apply to nearly any name come later.
    rules = sorted(
        SPELLING_RULES.items(), key=lambda item: -(rng.random() ** (1 / _RULE_WEIGHTS.get(item[0], 1.0)))
    )
    for label, rule in rules:
        changed = rule(token, rng)
        if changed is not None and changed != token and changed.strip("-'"):
            return changed, f"spelling:{label}"
    return None


# --- typos ------------------------------------------------------------------------------------------
_QWERTY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS: dict[str, str] = {}
for _row_index, _row in enumerate(_QWERTY_ROWS):
    for _i, _key in enumerate(_row):
        near = _row[max(0, _i - 1) : _i] + _row[_i + 1 : _i + 2]
        for _other in (_row_index - 1, _row_index + 1):
            if 0 <= _other < len(_QWERTY_ROWS):
                near += _QWERTY_ROWS[_other][max(0, _i - 1) : _i + 1]
        _NEIGHBOURS[_key] = near
TYPO_KINDS = ("substitution", "insertion", "deletion", "transposition")
FIRST_LETTER_SHARE = 0.08  # typos rarely hit the first letter: people check it


def _base_letter(char: str) -> str:
    return unicodedata.normalize("NFD", char)[:1].lower()


def _near_key(char: str, rng: random.Random) -> str:
    near = _NEIGHBOURS.get(_base_letter(char), "") or "e"
    key = near[int(rng.random() * len(near))]
    return key.upper() if char.isupper() else key


def _position(token: str, rng: random.Random, last: int) -> int:
    letters = [i for i in range(0, last) if token[i].isalpha()]
    later = [i for i in letters if i > 0]
    if not later or (0 in letters and rng.random() < FIRST_LETTER_SHARE):
        return letters[0]
    return later[int(rng.random() * len(later))]


def mistype(token: str, rng: random.Random) -> tuple[str, str] | None:
    """The token with one typing error: a keyboard-adjacent substitution, an insertion, a deletion or
    two adjacent letters transposed; the first letter only occasionally."""
    if sum(c.isalpha() for c in token) < 3:
        return None
    kinds = list(TYPO_KINDS)
    rng.shuffle(kinds)
    for kind in kinds:
        if kind == "transposition":
            pairs = [i for i in range(len(token) - 1) if token[i].isalpha() and token[i + 1].isalpha()
                     and token[i].lower() != token[i + 1].lower()]  # fmt: skip
            if pairs:
                later = [i for i in pairs if i > 0]
                i = pairs[0] if not later or rng.random() < FIRST_LETTER_SHARE else rng.choice(later)
                a, b = token[i], token[i + 1]
                if i == 0:
                    a, b = a.lower(), b.upper() if a.isupper() else b
                return token[:i] + b + a + token[i + 2 :], f"typo:{kind}"
            continue
        i = _position(token, rng, len(token))
        char = token[i]
        if kind == "substitution":
            changed = token[:i] + _near_key(char, rng) + token[i + 1 :]
        elif kind == "insertion":
            extra = char.lower() if rng.random() < 0.4 else _near_key(char, rng).lower()
            changed = token[: i + 1] + extra + token[i + 1 :]
        elif len(token) > 3:
            changed = token[:i] + token[i + 1 :]
            if i == 0:
                changed = changed[:1].upper() + changed[1:] if token[:1].isupper() else changed
        else:
            continue
        if changed != token:
            return changed, f"typo:{kind}"
    return None


# --- particles and compound family names -----------------------------------------------------------
NAME_PARTICLES = frozenset(
    "van der den de da das do dos du di del della von zu le la ter ten te op bin ben ibn bint bent bn".split()
)
# The Arabic article al- and its forms before "sun letters" (ash-Shami, ar-Rashid), and el- in Egypt.
ARABIC_ARTICLES = frozenset("al el ar as ash ad at az an er es ez en".split())
_ARTICLE = re.compile(r"^(al|el|ar|as|ash|ad|at|az|an|er|es|ez|en)-(.+)$", re.IGNORECASE)


def particle_forms(family: list[str], rng: random.Random) -> tuple[list[str], str] | None:
    """The family name with its particle written another way: Al-Rashid as Al Rashid, Alrashid or
    Rashid; van der Berg as Vanderberg or Berg."""
    article = _ARTICLE.match(family[0])
    if article:
        particle, rest = article.group(1), article.group(2)
        forms = {
            "particle:dropped": [rest[:1].upper() + rest[1:]],
            "particle:attached": [particle + rest.lower()],
            "particle:spaced": [particle, rest],
        }
    elif len(family) > 1 and family[0].lower() in ARABIC_ARTICLES:
        particle, rest = family[0], family[1]
        forms = {
            "particle:dropped": [rest],
            "particle:attached": [particle + rest.lower()],
            "particle:hyphenated": [f"{particle}-{rest}"],
        }
    else:
        leading = 0
        while leading < len(family) - 1 and family[leading].lower() in NAME_PARTICLES:
            leading += 1
        if not leading:
            return None
        attached = "".join(family[: leading + 1])
        forms = {
            "particle:dropped": family[leading : leading + 1],
            "particle:attached": [attached[:1].upper() + attached[1:].lower()],
        }
        rest_start = leading + 1
        label = rng.choice(sorted(forms))
        return [*forms[label], *family[rest_start:]], label
    label = rng.choice(sorted(forms))
    return [*forms[label], *family[1 if article else 2 :]], label


def compound_forms(family: list[str], rng: random.Random) -> tuple[list[str], str] | None:
    """A double family name written another way: García López as García-López, Garcialopez or García;
    Müller-Schmidt as Müller Schmidt or Müller."""
    if len(family) == 2 and not any(t.lower() in NAME_PARTICLES | ARABIC_ARTICLES for t in family):
        first, second = family
        forms = {
            "compound:hyphenated": [f"{first}-{second}"],
            "compound:joined": [first + second.lower()],
            "compound:first_only": [first],
        }
    elif len(family) == 1 and family[0].count("-") == 1 and not _ARTICLE.match(family[0]):
        first, second = family[0].split("-")
        forms = {
            "compound:split": [first, second],
            "compound:joined": [first + second.lower()],
            "compound:first_only": [first],
            "compound:last_only": [second],
        }
    else:
        return None
    label = rng.choice(sorted(forms))
    return forms[label], label
