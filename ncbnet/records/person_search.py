"""Person search: names in any script, with date of birth, sex and nationality; scored and explained.

Candidates come from the in-memory person index, masked by the access policy before they are cut to the best
few hundred; ``matching.persons.score_person`` ranks them; the records returned are read back through
``searchable_records``, the policy's filter inside the query, so a stale index can never show more than the
database allows. The search, what it returned and any hit it raised are written in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from ncbnet.access.policy import Actor, require_database
from ncbnet.hits.models import Hit
from ncbnet.hits.services import Found, record_search
from ncbnet.matching.dates import DateSpec, InvalidDate, parse_date_spec
from ncbnet.matching.identifiers import InvalidIdentifier, country_iso2
from ncbnet.matching.names import AnalysedName, InvalidName, analyse_name, query_keys
from ncbnet.matching.persons import PersonCandidate, PersonQuery, PersonScore, score_person
from ncbnet.records.models import Person
from ncbnet.records.person_index import StoredPerson, person_index
from ncbnet.records.services import searchable_records

CANDIDATES = 300  # the index's best guesses
KEEP_BY_INDEX = 60  # of which these are scored fully ...
KEEP_BY_SPELLING = 60  # ... and these, the closest spellings among the rest
MAX_TOP_K = 100


class InvalidSearch(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class PersonSearch:
    names: list[str]
    birth_date: str | None = None
    sex: str | None = None
    nationality: str | None = None
    top_k: int = 10
    threshold: float = 0.5


@dataclass
class PersonResult:
    person: Person
    score: float
    explanation: list[str]
    hit: Hit | None = None
    names: tuple[str, ...] = field(default_factory=tuple)


@lru_cache(maxsize=400_000)
def _stored_name(full: str) -> AnalysedName | None:
    try:
        return analyse_name(full)
    except InvalidName:
        return None


@lru_cache(maxsize=100_000)
def _stored_birth(text: str) -> DateSpec | None:
    try:
        return parse_date_spec(text) if text else None
    except InvalidDate:
        return None


def _candidate(c: StoredPerson) -> PersonCandidate:
    names = tuple(a for a in (_stored_name(n) for n in c.names) if a is not None)
    return PersonCandidate(names=names, birth=_stored_birth(c.birth), sex=c.sex, nationalities=c.nationalities)


def prepare(q: PersonSearch) -> PersonQuery:
    """Check the question; every problem is named with its field."""
    errors: dict[str, str] = {}
    analysed: list[AnalysedName] = []
    if not q.names:
        errors["names"] = "give at least one name"
    for i, n in enumerate(q.names):
        try:
            analysed.append(analyse_name(n))
        except InvalidName as exc:
            errors[f"names[{i}]"] = str(exc)
    birth = None
    if q.birth_date:
        try:
            birth = parse_date_spec(q.birth_date)
        except InvalidDate as exc:
            errors["birth_date"] = str(exc)
    nationality = None
    if q.nationality:
        try:
            nationality = country_iso2(q.nationality)
        except InvalidIdentifier as exc:
            errors["nationality"] = exc.reason
    if q.sex not in (None, "", "M", "F", "X", "U"):
        errors["sex"] = "M, F, X or U"
    if not 1 <= q.top_k <= MAX_TOP_K:
        errors["top_k"] = f"from 1 to {MAX_TOP_K}"
    if not 0.0 <= q.threshold <= 1.0:
        errors["threshold"] = "from 0 to 1"
    if errors:
        raise InvalidSearch(errors)
    return PersonQuery(names=tuple(analysed), birth=birth, sex=q.sex or None, nationality=nationality)


def _narrow(pq: PersonQuery, candidates: list[StoredPerson]) -> list[StoredPerson]:
    """Full scoring costs 50 to 150 microseconds a candidate: score fully the index's best ``KEEP_BY_INDEX`` and
    the ``KEEP_BY_SPELLING`` others whose tokens read closest to the question (rapidfuzz, in C), not all 300.
    The index's order carries transliteration and skeleton matches; the spelling order rescues namesakes the
    index could not tell apart."""
    if len(candidates) <= KEEP_BY_INDEX + KEEP_BY_SPELLING:
        return candidates
    rest = candidates[KEEP_BY_INDEX:]
    choices, owner = [], []
    for i, c in enumerate(rest):
        for t in c.tokens:
            choices.append(t)
            owner.append(i)
    if not choices:
        return candidates[:KEEP_BY_INDEX]
    asked = [" ".join(a.tokens) for a in pq.names]
    best = np.zeros(len(rest), dtype=np.float32)
    np.maximum.at(best, np.array(owner), process.cdist(asked, choices, scorer=fuzz.token_sort_ratio).max(axis=0))
    chosen = sorted(np.argsort(-best, kind="stable")[:KEEP_BY_SPELLING].tolist())
    return candidates[:KEEP_BY_INDEX] + [rest[i] for i in chosen]


def rank(actor: Actor, pq: PersonQuery, *, top_k: int, threshold: float) -> list[tuple[StoredPerson, PersonScore]]:
    """The index's candidates scored and cut: no database read, no audit (callers do both)."""
    keys: set[str] = set()
    for a in pq.names:
        keys |= query_keys(a)
    birth = None
    if pq.birth is not None:
        birth = (pq.birth.earliest.earliest().toordinal(), (pq.birth.latest or pq.birth.earliest).latest().toordinal())
    candidates = _narrow(pq, person_index().candidates(actor, keys, limit=CANDIDATES, birth=birth, sex=pq.sex))
    scored = [(c, score_person(pq, _candidate(c))) for c in candidates]
    scored = [(c, s) for c, s in scored if s.score >= threshold]
    scored.sort(key=lambda cs: (-cs[1].score, cs[0].pk))
    return scored[:top_k]


def search_persons(actor: Actor, q: PersonSearch, *, location: str = "", purpose: str = "", urgent: bool = False,
                   action: str = "person.search") -> list[PersonResult]:
    require_database(actor, "persons")
    pq = prepare(q)
    ranked = rank(actor, pq, top_k=q.top_k, threshold=q.threshold)
    records = searchable_records(actor, "person").in_bulk([c.pk for c, _ in ranked])
    results = [PersonResult(records[c.pk], s.score, list(s.explanation), names=c.names)
               for c, s in ranked if c.pk in records]
    asked = {"names": q.names, "birth_date": q.birth_date, "sex": q.sex, "nationality": q.nationality}

    hits = record_search(
        actor, [Found("person", r.person, r.score, f"person {r.names[0] if r.names else r.person.pk} "
                      f"({r.person.get_role_display()})", asked) for r in results],
        action=action, purpose=purpose, location=location, urgent=urgent,
        query={**asked, "top_k": q.top_k, "threshold": q.threshold, "location": location},
        result_ids=[f"person:{r.person.pk}" for r in results])
    by_record = {h.record_id: h for h in hits}
    for r in results:
        r.hit = by_record.get(r.person.pk)
    return results
