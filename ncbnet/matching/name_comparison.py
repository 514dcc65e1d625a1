"""How well two analysed names fit, word by word, whatever the order of the words.

Each query word is paired with its most similar candidate word, or with two neighbouring candidate words
written together ('garciamarquez' ~ 'garcia' + 'marquez'), best pairs first. Two spellings are compared
with Jaro-Winkler and optimal-string-alignment similarity (rapidfuzz); equal consonant skeletons
(`skeletons`) lift transliteration variants (mohammed ~ muhammad, aleksandr ~ alexander, yusuf ~ youssef)
near equality; words romanised without vowels (Arabic 'mhmd') are compared by skeleton only. An initial
matches a word it begins, at reduced weight. Unmatched words lower the score: a middle name little (it
is often left out), a first or last name more (it more likely belongs to another person).

Cost: a few dozen microseconds for names of two to four words; everything a name needs is computed
once by `analyse_name`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA, JaroWinkler

if TYPE_CHECKING:
    from ncbnet.matching.names import AnalysedName, NameToken

_jaro_winkler = JaroWinkler.normalized_similarity
_osa = OSA.normalized_similarity
_MATCH_FLOOR = 0.35  # a pair scoring less is no match: both words count as unmatched
_INITIAL_SIMILARITY = 0.75  # 'J' for 'John': compatible, but proves little
_INITIAL_WEIGHT = 0.6
_COMPOUND_WEIGHT = 1.5  # one word on one side, two on the other
_MIDDLE_PENALTY = 0.2  # an unmatched middle name: often left out of a record or a query
_EDGE_PENALTY = 0.6  # an unmatched first or last name: more likely another person
_INITIAL_PENALTY = 0.15
_ORDER_FACTOR = 0.97  # same words in another order: 'Wei Zhang' for 'Zhang Wei'


@dataclass(frozen=True)
class NameMatch:
    """How well a query name fits a candidate name, word by word, with the reasons in plain English."""

    score: float  # 0..1
    pairs: tuple[tuple[str, str, float], ...]  # query token, candidate token, similarity
    missing: tuple[str, ...]  # query tokens without a partner
    extra: tuple[str, ...]  # candidate tokens without a partner
    explanation: tuple[str, ...]


def _spelling_similarity(a: str, a_skeleton: str, a_pattern: str, b: str, b_skeleton: str, b_pattern: str,
                         vowelless: bool) -> tuple[float, str]:  # fmt: skip
    """Similarity of two spellings in 0..1 and the relation ('same', 'variant', 'close', 'different')."""
    if a == b:
        return 1.0, "same"
    if vowelless:
        # Without written vowels only the consonants can be compared ('mhmd' ~ 'mohammed'); a word typed
        # without vowels may also be a typo ('smjth'), hence the plain comparison too.
        if a_skeleton == b_skeleton:
            return (0.9 if len(a_skeleton) >= 3 else 0.8), "variant"
        similarity = max(0.9 * _osa(a_skeleton, b_skeleton), 0.5 * (_jaro_winkler(a, b) + _osa(a, b)))
    else:
        similarity = 0.5 * (_jaro_winkler(a, b) + _osa(a, b))
        if a_skeleton == b_skeleton:
            if len(a_skeleton) >= 3:
                floor = 0.8 + 0.18 * similarity if a_pattern == b_pattern else 0.78 + 0.15 * similarity
            else:
                floor = 0.62 + 0.3 * similarity + (0.04 if a_pattern == b_pattern else 0.0)
            if floor > similarity:
                return floor, "variant"
    if similarity >= 0.8:
        return similarity, "close"
    # Below 0.8 two spellings are most often two names: fall steeply (Ahmed/Mohammed 0.65 -> 0.28).
    return max(0.0, similarity - 2.5 * (0.8 - similarity)), "different"


_similarities: dict[tuple[str, str], tuple[float, str]] = {}
_SIMILARITIES_KEPT = 500_000  # word pairs remembered: names repeat, a search compares the same pairs often


def _word_similarity(q: NameToken, c: NameToken) -> tuple[float, str]:
    key = (q.ident, c.ident)
    known = _similarities.get(key)
    if known is None:
        if len(_similarities) >= _SIMILARITIES_KEPT:
            _similarities.clear()
        known = _similarities[key] = _compute_word_similarity(q, c)
    return known


def _compute_word_similarity(q: NameToken, c: NameToken) -> tuple[float, str]:
    if q.initial or c.initial:
        if q.initial and c.initial:
            return (1.0, "same") if q.text == c.text else (0.0, "different")
        initial, full = (q, c) if q.initial else (c, q)
        letters = {full.text[0]} | {form[0][0] for form in full.forms}
        return (_INITIAL_SIMILARITY, "initial") if initial.text in letters else (0.0, "different")
    vowelless = q.vowelless or c.vowelless
    best, relation = _spelling_similarity(
        q.text, q.skeleton, q.pattern, c.text, c.skeleton, c.pattern, vowelless
    )
    if best < 1.0 and (q.forms or c.forms):
        q_forms = ((q.text, q.skeleton, q.pattern), *q.forms)
        c_forms = ((c.text, c.skeleton, c.pattern), *c.forms)
        for q_index, (q_text, q_skeleton, q_pattern) in enumerate(q_forms):
            for c_index, (c_text, c_skeleton, c_pattern) in enumerate(c_forms):
                if q_index == 0 and c_index == 0:
                    continue
                score, _ = _spelling_similarity(
                    q_text, q_skeleton, q_pattern, c_text, c_skeleton, c_pattern, vowelless
                )
                score *= 0.97  # another spelling of the word, not the word as written
                if score > best:
                    best, relation = score, "form"
    return best, relation


def _describe(relation: str, q: str, c: str) -> str:
    if relation == "same":
        return f"'{q}' matches"
    if relation == "variant":
        return f"'{q}' ~ '{c}' (spelling variant)"
    if relation == "form":
        return f"'{q}' ~ '{c}' (same name, particle or romanisation aside)"
    if relation == "initial":
        return f"'{q}' is the initial of '{c}'" if len(q) == 1 else f"'{c}' is the initial of '{q}'"
    if relation == "compound":
        return f"'{q}' ~ '{c}' (written together)"
    return f"'{q}' ~ '{c}' (close spelling)"


def _is_middle(index: int, count: int) -> bool:
    return 0 < index < count - 1


def _penalty(parts: tuple[NameToken, ...], index: int, used: set[int], initialled: set[int]) -> float:
    """What an unmatched word costs: a middle name, a syllable of a matched Chinese or Korean given name
    or the rest of a name given by its initial ('W.' for 'Wei-hsu') little, an initial less, a first or
    last name (most likely another person's) more."""
    part = parts[index]
    if part.initial:
        return _INITIAL_PENALTY
    if _is_middle(index, len(parts)):
        return _MIDDLE_PENALTY
    neighbours = (index - 1, index + 1)
    if any(neighbour in initialled for neighbour in neighbours):
        return _MIDDLE_PENALTY
    if part.syllable and any(neighbour in used and parts[neighbour].syllable for neighbour in neighbours):
        return _MIDDLE_PENALTY
    return _EDGE_PENALTY


def _no_match(query: AnalysedName, candidate: AnalysedName) -> NameMatch:
    """Not one word in common: the usual case among a search's candidates, answered without details."""
    return NameMatch(
        score=0.0,
        pairs=(),
        missing=query.tokens,
        extra=candidate.tokens,
        explanation=("no name in common",),
    )


def compare_names(query: AnalysedName, candidate: AnalysedName) -> NameMatch:
    """Score a candidate name against a query name, whatever the order of the words: each query word
    is paired with its most similar candidate word (or two neighbouring words written together), best
    pairs first; unmatched words lower the score, first and last names more than middle names."""
    q_parts, c_parts = query.parts, candidate.parts
    options: list[tuple[float, float, str, tuple[int, ...], tuple[int, ...]]] = []
    for qi, q in enumerate(q_parts):
        for ci, c in enumerate(c_parts):
            score, relation = _word_similarity(q, c)
            if score >= _MATCH_FLOOR:
                weight = _INITIAL_WEIGHT if relation == "initial" else 1.0
                options.append((score, weight, relation, (qi,), (ci,)))
        for ci, join in enumerate(candidate.joins):
            if join.text and not q.initial and len(q.skeleton) + 2 >= len(join.skeleton):
                score, relation = _word_similarity(q, join)
                if score >= _MATCH_FLOOR:
                    options.append((score, _COMPOUND_WEIGHT, "compound", (qi,), (ci, ci + 1)))
    for qi, join in enumerate(query.joins):
        for ci, c in enumerate(c_parts):
            if join.text and not c.initial and len(c.skeleton) + 2 >= len(join.skeleton):
                score, relation = _word_similarity(join, c)
                if score >= _MATCH_FLOOR:
                    options.append((score, _COMPOUND_WEIGHT, "compound", (qi, qi + 1), (ci,)))
    if not options:
        return _no_match(query, candidate)
    options.sort(key=lambda option: (option[0], option[1]), reverse=True)
    used_q: set[int] = set()
    used_c: set[int] = set()
    chosen = []
    for option in options:
        q_indices, c_indices = option[3], option[4]
        if used_q.isdisjoint(q_indices) and used_c.isdisjoint(c_indices):
            chosen.append(option)
            used_q.update(q_indices)
            used_c.update(c_indices)
    q_initialled = {option[3][0] for option in chosen if option[2] == "initial"}
    c_initialled = {option[4][0] for option in chosen if option[2] == "initial"}
    total = sum(score * weight for score, weight, _, _, _ in chosen)
    weights = sum(weight for _, weight, _, _, _ in chosen)
    explanation: list[str] = []
    pairs = []
    chosen.sort(key=lambda option: option[3])
    for score, _, relation, q_indices, c_indices in chosen:
        q_text = " ".join(q_parts[i].text for i in q_indices)
        c_text = " ".join(c_parts[i].text for i in c_indices)
        pairs.append((q_text, c_text, round(score, 3)))
        explanation.append(_describe(relation, q_text, c_text))
    c_particles = set(candidate.particles)
    q_particles = set(query.particles)
    missing = []
    for qi, q in enumerate(q_parts):
        if qi in used_q or q.text in c_particles:
            continue
        missing.append(q.text)
        weights += _penalty(q_parts, qi, used_q, q_initialled)
        middle = "middle name " if _is_middle(qi, len(q_parts)) else ""
        explanation.append(f"{middle}'{q.text}' not in the record")
    extra = []
    for ci, c in enumerate(c_parts):
        if ci in used_c or c.text in q_particles:
            continue
        extra.append(c.text)
        weights += _penalty(c_parts, ci, used_c, c_initialled)
        middle = "middle name " if _is_middle(ci, len(c_parts)) else ""
        explanation.append(
            f"the record also has the {middle}'{c.text}'" if middle else f"the record also has '{c.text}'"
        )
    score = total / weights if weights else 0.0
    c_order = [option[4][0] for option in chosen]
    if c_order != sorted(c_order):
        score *= _ORDER_FACTOR
        explanation.append("names in a different order")
    return NameMatch(
        score=round(min(1.0, max(0.0, score)), 4),
        pairs=tuple(pairs),
        missing=tuple(missing),
        extra=tuple(extra),
        explanation=tuple(explanation),
    )
