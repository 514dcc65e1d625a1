"""/api/v1/search: identifiers (documents, MRZ, VINs, plates, serials), one at a time or in batches; persons."""

from __future__ import annotations

from ninja import Router

from ncbnet.access.policy import Actor
from ncbnet.access.restrictions import decode_countries
from ncbnet.api.auth import actor_of
from ncbnet.api.record_schemas import (
    IdentifierItem,
    IdentifierSearchIn,
    IdentifierSearchOut,
    ItemAnswerOut,
    PersonSearchIn,
    PersonSearchOut,
    TextResultOut,
    TextSearchIn,
)
from ncbnet.notices.publication import reference
from ncbnet.notices.services import published_notices_of
from ncbnet.records.identifier_search import IdentifierQuery, ItemAnswer, check_identifiers
from ncbnet.records.person_search import PersonSearch, search_persons
from ncbnet.records.text_search import search_text

router = Router(tags=["search"])


def answer_out(a: ItemAnswer) -> dict:
    return {
        "index": a.index, "field": a.query.field, "key": a.key, "problems": a.problems, "error": a.error,
        "parsed_mrz": a.parsed,
        "matches": [{"kind": m.kind, "record_id": m.record.pk, "owner_country": m.record.owner_country_id,
                     "score": round(m.score, 4), "explanation": m.explanation, "summary": m.summary,
                     "hit_reference": m.hit.reference if m.hit else None} for m in a.matches],
    }


def _queries(items: list[IdentifierItem]) -> list[IdentifierQuery]:
    return [IdentifierQuery(i.field, i.value, i.country, i.document_type) for i in items]


@router.post("/identifiers", response=IdentifierSearchOut,
             summary="Search travel documents (number or MRZ), vehicles (VIN or plate) and firearms (serial)",
             description="Up to 1,000 items in one call (a flight's passenger list), each answered on its own: an "
                         "item that cannot be searched carries its own `error`; an MRZ whose check digits fail is "
                         "searched anyway and the failures are listed in `problems`. A match on another country's "
                         "record raises a hit, whose reference is in the match.")
def identifiers(request, payload: IdentifierSearchIn):
    answers = check_identifiers(actor_of(request), _queries(payload.items), location=payload.location or "",
                                purpose=payload.purpose or "")
    return {"items": [answer_out(a) for a in answers]}


def identifier_answer(actor: Actor, payload: IdentifierItem, query: dict[str, str]) -> dict:
    """The answer of POST /identifier; also given by ``hotpath`` to a plain request."""
    return answer_out(check_identifiers(actor, _queries([payload]), location=query.get("location", "")[:200],
                                        purpose=query.get("purpose", "")[:500])[0])


@router.post("/identifier", response=ItemAnswerOut, url_name="search_identifier", summary="Search one identifier")
def identifier(request, payload: IdentifierItem, location: str = "", purpose: str = ""):
    return identifier_answer(actor_of(request), payload, {"location": location, "purpose": purpose})


@router.post("/persons", response=PersonSearchOut, summary="Search persons by name, date of birth, sex, nationality",
             description="Names in any script, matched regardless of order, spelling and transliteration variants, "
                         "particles, missing or extra middle names and typos. Every result carries a score from 0 "
                         "to 1 and an explanation of what matched and what disagreed.")
def persons(request, payload: PersonSearchIn):
    q = PersonSearch(names=payload.names, birth_date=payload.birth_date, sex=payload.sex,
                     nationality=payload.nationality, top_k=payload.top_k, threshold=payload.threshold)
    actor = actor_of(request)
    results = search_persons(actor, q, location=payload.location or "", purpose=payload.purpose or "")
    notices = published_notices_of(actor, [r.person.pk for r in results])
    return {"results": [
        {"record_id": r.person.pk, "owner_country": r.person.owner_country_id, "role": r.person.role,
         "names": list(r.names), "birth_date": r.person.birth_date, "sex": r.person.sex,
         "nationalities": decode_countries(r.person.nationalities), "score": round(r.score, 4),
         "explanation": r.explanation, "hit_reference": r.hit.reference if r.hit else None,
         "notices": [{"id": n.pk, "reference": reference(n), "type": n.notice_type} for n in notices.get(r.person.pk, [])]}
        for r in results]}


@router.post("/text", response=list[TextResultOut], summary="Free text over works of art and distinguishing marks",
             description="Every word must occur (prefixes match: 'paint' finds 'painting'); best first.")
def text(request, payload: TextSearchIn):
    results = search_text(actor_of(request), payload.kind, payload.text, limit=payload.limit,
                          purpose=payload.purpose or "")
    out = []
    for r in results:
        rec = r.record
        if payload.kind == "work_of_art":
            title, excerpt = f"{rec.title} ({rec.artist or 'unknown artist'})", rec.description  # type: ignore[attr-defined]
        else:
            title, excerpt = f"person {rec.pk} ({rec.role})", rec.distinguishing_marks  # type: ignore[attr-defined]
        out.append({"kind": payload.kind, "record_id": rec.pk, "owner_country": rec.owner_country_id,
                    "rank": round(r.rank, 4), "title": title, "excerpt": excerpt[:300]})
    return out
