"""The front-line check: one call says whether a traveller (document, names, date of birth) is a hit.

Border posts and patrol terminals do not need the record: they need to know whether to hold the traveller,
and the reference their NCB will follow up with. The answer therefore carries, per finding, only the kind of
record, the owner country, the document's status or the person's role, and the hit reference. A pasted MRZ
checks both the document and its bearer (the names, date of birth, sex and nationality it holds).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings

from ncbnet.access.policy import Action, Actor, require, require_database
from ncbnet.hits.services import Found, record_search
from ncbnet.matching.mrz import InvalidMrz, parse_mrz
from ncbnet.records.identifier_search import BatchTooLarge, IdentifierQuery, check_identifiers
from ncbnet.records.person_search import InvalidSearch, PersonSearch, prepare, rank
from ncbnet.records.services import searchable_records


@dataclass
class Traveller:
    document_number: str | None = None
    issuing_country: str | None = None
    document_type: str | None = None
    mrz: str | None = None
    names: list[str] = field(default_factory=list)
    birth_date: str | None = None
    sex: str | None = None
    nationality: str | None = None


@dataclass
class Finding:
    kind: str  # travel_document | person
    owner_country: str | None
    status: str  # the document's status, or the person's role
    score: float
    hit_reference: str | None


@dataclass
class FrontlineAnswer:
    index: int
    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def hit(self) -> bool:
        return any(f.hit_reference for f in self.findings)


def _person_question(t: Traveller) -> PersonSearch | None:
    names, birth, sex, nationality = list(t.names), t.birth_date, t.sex, t.nationality
    if t.mrz and not names:
        try:
            m = parse_mrz(t.mrz)
        except InvalidMrz:
            m = None
        if m is not None and m.surname:
            names = [" ".join((*m.given_names, m.surname))]
            birth = birth or (m.birth_date or None)
            sex = sex or (m.sex if m.sex in ("M", "F") else None)
            nationality = nationality or (m.nationality or None)
    if not names:
        return None
    return PersonSearch(names=names, birth_date=birth, sex=sex, nationality=nationality, top_k=3,
                        threshold=settings.HIT_THRESHOLD)


def check_travellers(actor: Actor, travellers: list[Traveller], *, location: str = "", purpose: str = "") -> list[FrontlineAnswer]:
    require(actor, Action.FRONTLINE_CHECK)
    if len(travellers) > settings.SEARCH_BATCH_MAX:
        raise BatchTooLarge(f"a batch holds at most {settings.SEARCH_BATCH_MAX} travellers; this one has {len(travellers)}")
    answers = [FrontlineAnswer(i) for i in range(len(travellers))]
    documents: list[tuple[int, IdentifierQuery]] = []
    for i, t in enumerate(travellers):
        if t.mrz:
            documents.append((i, IdentifierQuery("mrz", t.mrz)))
        elif t.document_number:
            documents.append((i, IdentifierQuery("number", t.document_number, t.issuing_country, t.document_type)))
    questions = [(i, q) for i, t in enumerate(travellers) if (q := _person_question(t)) is not None]
    if not documents and not questions:
        raise InvalidSearch({"travellers": "each traveller needs a document, an MRZ or a name"})
    if documents:
        for (i, _), item in zip(documents, check_identifiers(actor, [q for _, q in documents], location=location,
                                                             purpose=purpose, urgent=True, action="frontline.document"),
                                strict=True):
            a = answers[i]
            a.problems.extend(item.problems)
            if item.error:
                a.errors.append(f"document: {item.error}")
            a.findings.extend(Finding("travel_document", m.record.owner_country_id, m.record.document_status,  # type: ignore[attr-defined]
                                      round(m.score, 4), m.hit.reference if m.hit else None) for m in item.matches)
    if questions:
        require_database(actor, "persons")
        ranked = []
        for i, q in questions:
            try:
                pq = prepare(q)
            except InvalidSearch as exc:
                answers[i].errors.extend(f"person: {k}: {v}" for k, v in exc.errors.items())
                continue
            ranked.append((i, q, rank(actor, pq, top_k=q.top_k, threshold=q.threshold)))
        records = searchable_records(actor, "person").in_bulk({c.pk for _, _, r in ranked for c, _ in r})
        found, owners = [], []
        for i, q, r in ranked:
            asked = {"names": q.names, "birth_date": q.birth_date, "nationality": q.nationality}
            for c, s in r:
                if c.pk in records:
                    found.append(Found("person", records[c.pk], s.score, f"person {c.names[0] if c.names else c.pk}", asked))
                    owners.append(i)

        hits = {h.record_id: h for h in record_search(
            actor, found, action="frontline.person", purpose=purpose, location=location, urgent=True,
            query={"travellers": [q.names for _, q in questions], "location": location},
            result_ids=[f"person:{f.record.pk}" for f in found])}
        for i, f in zip(owners, found, strict=True):
            h = hits.get(f.record.pk)
            answers[i].findings.append(Finding("person", f.record.owner_country_id, f.record.role,  # type: ignore[attr-defined]
                                               round(f.score, 4), h.reference if h else None))
    return answers
