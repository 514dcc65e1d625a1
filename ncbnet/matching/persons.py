"""One score for "is this record the person the officer is looking for?".

The name decides most: a record is found by its name, whatever the script and spelling. The date of birth
then confirms or contradicts: the same name with another date of birth is most often another person (a
common name among millions), and a spelling variant with the same date of birth is most often the same
one. Sex and nationality weigh less: a record's sex is rarely wrong, so a contradiction lowers the score;
a shared nationality raises it a little, a different one hardly lowers it (people hold several, and
records name the one on the document seen).

Calibration (see tests/matching/test_persons.py): a true match written differently but with the same date
of birth scores >= 0.9; the same name with a contradicting date of birth about 0.55; unrelated names < 0.5.

`person_index_keys` and `person_query_key_groups` add the year of birth to the name keys of the search
index (`name_keys`), so that a common name with a date of birth still finds few candidates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ncbnet.matching.dates import DateSpec, compare_dates
from ncbnet.matching.names import AnalysedName, NameMatch, compare_names, index_keys, query_key_groups

# Score = name * (_DATE_BASE + (1 - _DATE_BASE) * date) + _DATE_LIFT * (1 - name) * date, the lift only
# when the names already agree (>= _LIFT_FROM): a confirming date makes a variant near-certain, it does
# not make an unrelated name likely.
_DATE_BASE = 0.55
_DATE_LIFT = 0.6
_LIFT_FROM = 0.7
_UNKNOWN_DATE = 0.8  # one side has no date of birth: neither confirms nor contradicts
_SEX_CONTRADICTION = 0.8
_NATIONALITY_LIFT = 0.1
_NATIONALITY_DIFFERS = 0.97
_KNOWN_SEXES = frozenset({"M", "F"})
_ALIASES_COMPARED = 3  # name pairs scored in full per candidate, chosen by shared skeletons


@dataclass
class PersonQuery:
    names: tuple[AnalysedName, ...]
    birth: DateSpec | None = None
    sex: str | None = None  # 'M', 'F', 'X', 'U'
    nationality: str | None = None  # ISO 3166-1 alpha-2


@dataclass
class PersonCandidate:
    names: tuple[AnalysedName, ...]  # the record's name, aliases and the name in its original script
    birth: DateSpec | None
    sex: str | None
    nationalities: tuple[str, ...]


@dataclass(frozen=True)
class PersonScore:
    score: float  # 0..1
    name: NameMatch
    explanation: tuple[str, ...]


_NO_NAME = NameMatch(score=0.0, pairs=(), missing=(), extra=(), explanation=("no name to compare",))


def best_name_match(queries: tuple[AnalysedName, ...], candidates: tuple[AnalysedName, ...]) -> NameMatch:
    """The best-scoring pair of a query name and a candidate name (aliases, original script). A record may
    carry a dozen names: only the pairs sharing the most skeletons are scored in full (all of them when
    none shares any, as with a typo in every word)."""
    pairs = [
        (len(query.shapes & candidate.shapes), query, candidate)
        for query in queries
        for candidate in candidates
    ]
    most = max((shared for shared, _, _ in pairs), default=0)
    if most:
        pairs = [pair for pair in pairs if pair[0] == most]
    best = _NO_NAME
    for _, query, candidate in pairs[:_ALIASES_COMPARED]:
        match = compare_names(query, candidate)
        if match.score > best.score:
            best = match
            if match.score >= 1.0:
                break
    return best


def score_person(query: PersonQuery, candidate: PersonCandidate) -> PersonScore:
    """Score a candidate record against a query (see the module docstring)."""
    name = best_name_match(query.names, candidate.names)
    if name.score == 0.0:
        return PersonScore(score=0.0, name=name, explanation=name.explanation)
    explanation = list(name.explanation)
    if query.birth is not None and candidate.birth is not None:
        dates = compare_dates(query.birth, candidate.birth)
        date_score = dates.score
        explanation.append(dates.explanation)
    else:
        date_score = _UNKNOWN_DATE
        if query.birth is not None:
            explanation.append("the record has no date of birth")
    score = name.score * (_DATE_BASE + (1 - _DATE_BASE) * date_score)
    if name.score >= _LIFT_FROM:
        score += _DATE_LIFT * (1 - name.score) * date_score
    if query.sex in _KNOWN_SEXES and candidate.sex in _KNOWN_SEXES:
        if query.sex != candidate.sex:
            score *= _SEX_CONTRADICTION
            explanation.append(f"sex differs: query {query.sex}, record {candidate.sex}")
        else:
            explanation.append("sex matches")
    if query.nationality and candidate.nationalities:
        if query.nationality.upper() in candidate.nationalities:
            score += _NATIONALITY_LIFT * (1 - score)
            explanation.append(f"nationality {query.nationality.upper()} matches")
        else:
            score *= _NATIONALITY_DIFFERS
            listed = ", ".join(candidate.nationalities)
            explanation.append(f"nationality differs: query {query.nationality.upper()}, record {listed}")
    return PersonScore(score=round(min(1.0, max(0.0, score)), 4), name=name, explanation=tuple(explanation))


# --- search keys with the year of birth ---------------------------------------------------------------

_YEARS_INDEXED = 6  # a range of birth years longer than this gives no year keys: it would say little
_NEIGHBOUR_YEAR = 0.8  # the query year off by one: a typing error, or a date of birth guessed


def _years(birth: DateSpec | None) -> list[int]:
    if birth is None:
        return []
    first, last = birth.first_day().year, birth.last_day().year
    return list(range(first, last + 1)) if last - first < _YEARS_INDEXED else []


def _word_skeletons(names: Iterable[AnalysedName]) -> list[str]:
    return list(dict.fromkeys(part.skeleton for name in names for part in name.parts if not part.initial))


def person_index_keys(names: Iterable[AnalysedName], birth: DateSpec | None) -> frozenset[str]:
    """Keys of a stored person: the `index_keys` of each of its names, plus ``y:<skeleton>|<year>`` for
    each word with each possible year of birth. A common surname with a year of birth is rare: it finds
    'M. Smith, born 1980' among thousands of Smiths, which name keys alone cannot."""
    names = list(names)
    keys = set().union(*(index_keys(name) for name in names)) if names else set()
    keys.update(f"y:{shape}|{year}" for shape in _word_skeletons(names) for year in _years(birth))
    return frozenset(keys)


def person_query_key_groups(query: PersonQuery) -> tuple[dict[str, float], ...]:
    """`query_key_groups` of the query's names, plus one group per word with its skeleton and the year of
    birth (the years next to it at a lower weight): see `name_keys` for how to rank candidates."""
    groups = [group for name in query.names for group in query_key_groups(name)]
    years = _years(query.birth)
    if years:
        weights = {year: 1.0 for year in years}
        if len(years) == 1:
            weights.update({years[0] - 1: _NEIGHBOUR_YEAR, years[0] + 1: _NEIGHBOUR_YEAR})
        for shape in _word_skeletons(query.names):
            groups.append({f"y:{shape}|{year}": weight for year, weight in weights.items()})
    return tuple(groups)
