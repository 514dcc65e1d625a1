"""Automatic screening of a notice request: the minimum criteria, and signals for the reviewers.

Pure: the request's type and content, the subject's facts and the maintained term list go in; failures (the
request cannot go to review as it stands, each with its reason) and signals (a possible political, military,
religious or racial character, for the reviewers; never a refusal by themselves) come out.

The Red Notice criteria (rules on the processing of data, art. 83): a serious ordinary-law crime; punishable by
at least two years' deprivation of liberty when the person is sought for prosecution, or at least six months of
the sentence remaining when sought to serve it; enough identifiers; the arrest warrant or judgment; the
assurance that extradition will be sought; and none of the excluded offence categories.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ncbnet.notices.content import NoticeType
from ncbnet.notices.extracts import SubjectFacts

MIN_PENALTY_MONTHS = 24  # sought for prosecution: at least two years
MIN_REMAINING_MONTHS = 6  # sought to serve a sentence: at least six months left

# Which content fields hold offences (excluded categories apply to them) per type.
_OFFENCE_FIELDS = {NoticeType.RED: "charges", NoticeType.BLUE: "offences", NoticeType.GREEN: "offences",
                   NoticeType.SILVER: "linked_offences"}


@dataclass(frozen=True)
class Term:
    term_list: str  # excluded | signal
    category: str
    language: str
    term: str


@dataclass(frozen=True)
class Finding:
    field: str
    reason: str
    category: str = ""
    term: str = ""

    def as_dict(self) -> dict:
        return {"field": self.field, "reason": self.reason, "category": self.category, "term": self.term}


@dataclass
class Screening:
    failures: list[Finding] = field(default_factory=list)
    signals: list[Finding] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def flagged(self) -> bool:
        return bool(self.signals)

    def as_dict(self) -> dict:
        return {"passed": self.passed, "flagged": self.flagged, "failures": [f.as_dict() for f in self.failures],
                "signals": [s.as_dict() for s in self.signals]}


_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # vowel marks and tatweel
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})


def fold(text: str) -> str:
    """Lower case, accents removed, Arabic letter variants unified, punctuation to spaces: 'Lèse-Majesté' and
    'lese majeste' read the same, and so do 'الخيانة' with and without vowel marks."""
    text = _ARABIC_MARKS.sub("", text.casefold()).translate(_ARABIC_LETTERS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


# Arabic attaches conjunctions, prepositions and the article to the word: و، ف، ب، ل، ك، ال and their mixes.
_ARABIC_PREFIX = re.compile("(?:و|ف)?(?:ب|ل|ك)?(?:ال|ل)?")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


@lru_cache(maxsize=16)
def _index(terms: tuple[Term, ...]) -> dict[str, list[tuple[tuple[str, ...], Term]]]:
    """Terms by their first folded word (an Arabic term's without its article): a text is then read once, word by
    word, whatever the length of the list."""
    index: dict[str, list[tuple[tuple[str, ...], Term]]] = {}
    for t in terms:
        words = fold(t.term).split()
        if not words:
            continue
        if t.language == "ar" and words[0].startswith("ال") and len(words[0]) > 3:
            words[0] = words[0][2:]
        index.setdefault(words[0], []).append((tuple(words[1:]), t))
    return index


def _heads(word: str) -> list[str]:
    """The word, and for an Arabic word also the word without each prefix it may carry (والتجسس: التجسس, تجسس)."""
    heads = [word]
    if _ARABIC_LETTER.match(word):
        for k in range(1, min(5, len(word) - 2)):
            if _ARABIC_PREFIX.fullmatch(word[:k]):
                heads.append(word[k:])
    return heads


def matches(text: str, terms: Iterable[Term]) -> list[Term]:
    """The terms found in the text as whole words (and, in Arabic, with attached prefixes), each once."""
    return _find(text, _index(tuple(terms)))


def _find(text: str, index: dict[str, list[tuple[tuple[str, ...], Term]]]) -> list[Term]:
    words = fold(text).split()
    found: dict[tuple[str, str, str], Term] = {}
    for i, word in enumerate(words):
        for head in _heads(word):
            for rest, t in index.get(head, ()):
                if tuple(words[i + 1:i + 1 + len(rest)]) == rest:
                    found.setdefault((t.term_list, t.language, t.term), t)
    return list(found.values())


def _texts(value, path: str) -> Iterable[tuple[str, str]]:
    """Every piece of free text in the content, with where it sits (charges.0.description)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(v, f"{path}.{k}" if path else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts(v, f"{path}.{i}")


def _offence_texts(kind: NoticeType, content: dict) -> Iterable[tuple[str, str]]:
    name = _OFFENCE_FIELDS.get(kind)
    if name is None:
        return []
    return list(_texts(content.get(name, []), name))


def _identifiers(subject: SubjectFacts) -> list[Finding]:
    """Enough to identify the person: family name and forename, sex, at least the year of birth, and one of a
    photo, an identity document or a physical description."""
    missing = []
    if not subject.family_name or not subject.forenames:
        missing.append("family name and forename")
    if subject.sex not in ("M", "F", "X"):
        missing.append("sex")
    if not subject.birth_date:
        missing.append("date of birth (at least the year)")
    if not (subject.photos or subject.id_documents or subject.height_cm or subject.distinguishing_marks):
        missing.append("a photo, an identity document or a physical description")
    if not missing:
        return []
    return [Finding("subject", "not enough identifiers to identify the person: " + ", ".join(missing) + " missing")]


def _red(content: dict, subject: SubjectFacts | None) -> list[Finding]:
    failures = []
    if not content.get("warrants"):
        failures.append(Finding("content.warrants", "a Red Notice needs the arrest warrant or judgment "
                                "(authority, date, reference)"))
    if not content.get("extradition_assurance"):
        failures.append(Finding("content.extradition_assurance", "the requesting country must give its assurance "
                                "that extradition will be sought"))
    if content.get("sought_for") == "sentence":
        remaining = content.get("sentence_remaining_months") or 0
        if remaining < MIN_REMAINING_MONTHS:
            failures.append(Finding("content.sentence_remaining_months", f"{remaining} months of the sentence remain; "
                                    f"a Red Notice needs at least {MIN_REMAINING_MONTHS}"))
    else:
        longest = max((c.get("maximum_penalty_months", 0) for c in content.get("charges", [])), default=0)
        if longest < MIN_PENALTY_MONTHS:
            failures.append(Finding("content.charges", f"the heaviest maximum penalty charged is {longest} months; a "
                                    f"Red Notice for prosecution needs an offence punishable by at least 2 years"))
    if subject is not None:
        failures += _identifiers(subject)
    return failures


def _subject_named(kind: NoticeType, content: dict, subject: SubjectFacts | None) -> list[Finding]:
    if kind == NoticeType.BLACK or (kind == NoticeType.YELLOW and content.get("reason") == "cannot_identify_self"):
        if subject is not None and not (subject.photos or subject.distinguishing_marks or subject.height_cm):
            return [Finding("subject", "a person who cannot be named needs a photo or a physical description")]
        return []
    if subject is not None and not subject.family_name and not subject.forenames:
        return [Finding("subject", "the subject's record has no name")]
    return []


def screen(kind: NoticeType, content: dict, subject: SubjectFacts | None, terms: Iterable[Term]) -> Screening:
    terms = tuple(terms)
    excluded = _index(tuple(t for t in terms if t.term_list == "excluded"))
    signals = _index(tuple(t for t in terms if t.term_list == "signal"))
    result = Screening()
    if kind == NoticeType.RED:
        result.failures += _red(content, subject)
    else:
        result.failures += _subject_named(kind, content, subject)
    for where, text in _offence_texts(kind, content):
        for t in _find(text, excluded):
            result.failures.append(Finding(f"content.{where}", f"'{text[:80]}' falls under an excluded offence "
                                           f"category ({t.category.replace('_', ' ')}: '{t.term}')", t.category, t.term))
    for where, text in _texts(content, ""):
        for t in _find(text, signals):
            result.signals.append(Finding(f"content.{where}", f"possible {t.category} character: '{t.term}'",
                                          t.category, t.term))
    return result
