"""/api/v1/frontline: the border and patrol check of a traveller, alone or as a passenger list."""

from __future__ import annotations

from ninja import Router

from ncbnet.access.policy import Actor
from ncbnet.api.auth import actor_of
from ncbnet.api.record_schemas import (
    FrontlineBatchIn,
    FrontlineBatchOut,
    FrontlineIn,
    FrontlineOut,
    TravellerIn,
)
from ncbnet.records.frontline import FrontlineAnswer, Traveller, check_travellers

router = Router(tags=["front line"])

HOLD = ("HIT: do not release the traveller or the document on this answer alone; contact your NCB now and quote "
        "the hit reference. The owner country has been told and must confirm.")
CLEAR = "No hit in the databases you may search."


def _traveller(t: TravellerIn) -> Traveller:
    return Traveller(t.document_number, t.issuing_country, t.document_type, t.mrz, list(t.names), t.birth_date,
                     t.sex, t.nationality)


def answer_out(a: FrontlineAnswer) -> dict:
    return {"index": a.index, "hit": a.hit, "problems": a.problems, "errors": a.errors,
            "instruction": HOLD if a.hit else CLEAR,
            "findings": [{"kind": f.kind, "owner_country": f.owner_country, "status": f.status, "score": f.score,
                          "hit_reference": f.hit_reference} for f in a.findings]}


@router.post("/check", response=FrontlineOut, url_name="frontline_check",
             summary="Check one traveller: document (or MRZ), names, date of birth",
             description="Says hit or no hit, with only what the front line may see and a reference to follow up.")
def check(request, payload: FrontlineIn):
    return check_answer(actor_of(request), payload, {})


def check_answer(actor: Actor, payload: FrontlineIn, query: dict[str, str]) -> dict:
    """The answer of POST /check; also given by ``hotpath`` to a plain request (``query`` is always empty)."""
    answer = check_travellers(actor, [_traveller(payload)], location=payload.location or "",
                              purpose=payload.purpose or "")[0]
    return answer_out(answer)


@router.post("/check-batch", response=FrontlineBatchOut, summary="Check a passenger list (at most 1,000 travellers)")
def check_batch(request, payload: FrontlineBatchIn):
    answers = check_travellers(actor_of(request), [_traveller(t) for t in payload.travellers],
                               location=payload.location or "", purpose=payload.purpose or "")
    return {"travellers": [answer_out(a) for a in answers], "hits": sum(a.hit for a in answers)}
