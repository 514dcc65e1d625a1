"""/api/v1/notices and /api/v1/diffusions: request, screening, review, publication and the life of a notice;
diffusions sent straight to chosen countries. Every endpoint calls one service (``ncbnet.notices.*``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Query, Router, Schema, Status
from pydantic import Field

from ncbnet.access.restrictions import Restrictions
from ncbnet.api.auth import actor_of
from ncbnet.api.schemas import IsoDateTime, RestrictionsIn, Strict
from ncbnet.notices import changes, diffusions, review, services
from ncbnet.notices.content import InvalidNotice, NoticeType
from ncbnet.notices.models import Diffusion, Notice
from ncbnet.notices.publication import reference
from ncbnet.records.cleaning import InvalidRecord, parse_restrictions

router = Router(tags=["notices"])
diffusion_router = Router(tags=["diffusions"])

TypeName = Literal["red", "yellow", "blue", "black", "green", "orange", "purple", "silver", "un"]
DiffusionKindName = Literal["wanted", "missing", "information", "alert"]  # DiffusionKind
# The list filters: a NoticeState or DiffusionKind, or "" for any (as hits' ``role``).
StateFilter = Literal["", "draft", "in_review", "returned", "refused", "published", "suspended", "withdrawn",
                      "cancelled", "deleted", "expired"]
DiffusionKindFilter = Literal["", DiffusionKindName]


class NoticeIn(Strict):
    type: TypeName
    content: dict[str, Any] = Field(description="the type's fields: see docs/notices.md")
    subject_person_id: int | None = Field(None, description="an NCB: a person record of your country (required for "
                                          "red, yellow, blue, black, green; none for purple)")
    subject: dict[str, Any] | None = Field(None, description="an international body: the subject's particulars, as "
                                           "for a person record (names, birth_date, sex, nationalities, ...)")
    language: Literal["ar", "en", "fr", "es"] = "en"
    classification: int = Field(1, ge=1, le=3)
    restrictions: RestrictionsIn = Field(default_factory=RestrictionsIn)
    public_consent: bool = Field(False, description="publish an extract for the public (red, yellow, un only)")
    public_fields: list[str] = Field(default_factory=list, description="the fields the public may see; all when empty")


class ReviewIn(Strict):
    decision: Literal["approve", "refuse", "return"]
    reasons: str = Field("", max_length=4000, description="required to refuse or return")


class UpdateIn(Strict):
    content: dict[str, Any]
    reasons: str = Field("", max_length=4000)


class ReasonsIn(Strict):
    reasons: str = Field(min_length=1, max_length=4000)


class SuspendIn(ReasonsIn):
    until: IsoDateTime = Field(description="at most six months from now")


class DeletionOrderIn(Strict):
    order_reference: str = Field(min_length=1, max_length=100)
    deadline: IsoDateTime | None = Field(None, description="30 days from now when omitted")


class NoticeOut(Schema):
    id: int
    reference: str
    type: str
    state: str
    control_number: str
    owner_country: str | None
    title: str
    subject_person_id: int | None
    subject_particulars: dict | None
    content: dict
    pending_content: dict | None
    language: str
    flagged: bool
    screening: dict
    public_consent: bool
    public_fields: list[str]
    classification: int
    restriction_mode: str
    restricted_countries: list[str]
    created_at: datetime
    submitted_at: datetime | None
    published_at: datetime | None
    expires_at: datetime | None
    suspended_until: datetime | None
    deletion_due_at: datetime | None
    version: int


class ScreeningOut(Schema):
    passed: bool
    flagged: bool
    failures: list[dict]
    signals: list[dict]


class SubmitOut(Schema):
    notice: NoticeOut
    screening: ScreeningOut


class EventOut(Schema):
    action: str
    from_state: str
    to_state: str
    at: datetime
    username: str
    organisation: str
    reasons: str


class TermIn(Strict):
    term_list: Literal["excluded", "signal"]
    category: str = Field(min_length=1, max_length=40)
    language: Literal["ar", "en", "fr", "es"]
    term: str = Field(min_length=1, max_length=120)


class TermOut(Schema):
    id: int
    term_list: str
    category: str
    language: str
    term: str
    active: bool


def notice_out(n: Notice) -> dict:
    r = n.restrictions
    return {
        "id": n.pk, "reference": reference(n), "type": n.notice_type, "state": n.state, "control_number": n.control_number,
        "owner_country": n.owner_country_id, "title": n.title, "subject_person_id": n.subject_id,
        "subject_particulars": n.subject_particulars, "content": n.content,
        "pending_content": n.pending_content, "language": n.language, "flagged": n.flagged, "screening": n.screening,
        "public_consent": n.public_consent, "public_fields": n.public_fields, "classification": r.classification,
        "restriction_mode": r.mode, "restricted_countries": list(r.countries), "created_at": n.created_at,
        "submitted_at": n.submitted_at, "published_at": n.published_at, "expires_at": n.expires_at,
        "suspended_until": n.suspended_until, "deletion_due_at": n.deletion_due_at, "version": n.version,
    }


def _restrictions(payload: RestrictionsIn, classification: int, clearance: int) -> Restrictions:
    raw = {"restriction_mode": payload.mode, "restricted_countries": payload.countries,
           "agencies_may_view": payload.agencies_may_view, "classification": classification}
    try:
        return parse_restrictions(raw, clearance)
    except InvalidRecord as exc:
        raise InvalidNotice(exc.errors) from None


def _request(payload: NoticeIn, clearance: int) -> services.NoticeRequest:
    return services.NoticeRequest(
        notice_type=payload.type, content=payload.content, subject_person_id=payload.subject_person_id,
        subject=payload.subject,
        language=payload.language, restrictions=_restrictions(payload.restrictions, payload.classification, clearance),
        public_consent=payload.public_consent, public_fields=payload.public_fields,
    )


@router.post("", response={201: NoticeOut}, summary="Request a notice (a draft until submitted)")
def request_notice(request, payload: NoticeIn):
    actor = actor_of(request)
    return Status(201, notice_out(services.request_notice(actor, _request(payload, actor.clearance))))


@router.get("", response=list[NoticeOut], summary="Notices visible to me, newest first",
            description="My country's at every stage; other countries' once published, within their restrictions; "
                        "the General Secretariat sees all.")
def list_notices(request, type: TypeName | None = None, state: StateFilter = "", own: bool = False, text: str = "",
                 before: int | None = None, limit: int = Query(50, ge=1, le=200)):
    rows = services.list_notices(actor_of(request), notice_type_=type or "", state=state, own=own, text=text,
                                 before=before, limit=limit)
    return [notice_out(n) for n in rows]


@router.get("/review-queue", response=list[NoticeOut], summary="Requests and changes I may review (GS reviewers)",
            description="Never those of the reviewer's own country, nor those the reviewer already decided on.")
def review_queue(request, limit: int = Query(100, ge=1, le=500)):
    return [notice_out(n) for n in review.review_queue(actor_of(request), limit=limit)]


@router.get("/screening-terms", response=list[TermOut], summary="The maintained screening list")
def list_terms(request, term_list: Literal["excluded", "signal"] | None = None):
    return services.list_screening_terms(actor_of(request), term_list or "")


@router.post("/screening-terms", response={201: TermOut}, summary="Add a term to the screening list (GS)")
def add_term(request, payload: TermIn):
    term = services.add_screening_term(actor_of(request), payload.term_list, payload.category, payload.language,
                                       payload.term)
    return Status(201, term)


@router.delete("/screening-terms/{term_id}", response=TermOut, summary="Take a term off the screening list (GS)")
def remove_term(request, term_id: int):
    return services.remove_screening_term(actor_of(request), term_id)


@router.get("/{notice_id}", response=NoticeOut, summary="One notice")
def get_notice(request, notice_id: int):
    return notice_out(services.read_notice(actor_of(request), notice_id))


@router.put("/{notice_id}", response=NoticeOut, summary="Rewrite a draft or a returned request")
def edit_notice(request, notice_id: int, payload: NoticeIn):
    actor = actor_of(request)
    return notice_out(services.edit_notice(actor, notice_id, _request(payload, actor.clearance)))


@router.get("/{notice_id}/history", response=list[EventOut], summary="Every transition of the notice")
def history(request, notice_id: int):
    notice = services.read_notice(actor_of(request), notice_id)
    return list(notice.events.order_by("id"))


@router.post("/{notice_id}/submit", response=SubmitOut, summary="Submit for screening and review",
             description="Screening runs at once: a request that fails is refused (422) with every reason and stays "
                         "a draft.")
def submit(request, notice_id: int):
    notice, result = services.submit_notice(actor_of(request), notice_id)
    return {"notice": notice_out(notice), "screening": result.as_dict()}


@router.post("/{notice_id}/reviews", response=NoticeOut, summary="A reviewer's decision (GS, four-eyes)")
def decide(request, notice_id: int, payload: ReviewIn):
    return notice_out(review.review_notice(actor_of(request), notice_id, payload.decision, payload.reasons))


@router.post("/{notice_id}/update", response=NoticeOut, summary="Change a published notice",
             description="A material change waits for review while the notice stays published; a correction applies "
                         "at once.")
def update(request, notice_id: int, payload: UpdateIn):
    return notice_out(changes.update_notice(actor_of(request), notice_id, payload.content, payload.reasons))


@router.post("/{notice_id}/suspend", response=NoticeOut, summary="Suspend for up to six months (owner)")
def suspend(request, notice_id: int, payload: SuspendIn):
    return notice_out(changes.suspend_notice(actor_of(request), notice_id, payload.until, payload.reasons))


@router.post("/{notice_id}/resume", response=NoticeOut, summary="End a suspension (owner)")
def resume(request, notice_id: int):
    return notice_out(changes.resume_notice(actor_of(request), notice_id))


@router.post("/{notice_id}/withdraw", response=NoticeOut, summary="Withdraw (owner)")
def withdraw(request, notice_id: int, payload: ReasonsIn):
    return notice_out(changes.withdraw_notice(actor_of(request), notice_id, payload.reasons))


@router.post("/{notice_id}/renew", response=NoticeOut, summary="Five more years, with reasons (owner)")
def renew(request, notice_id: int, payload: ReasonsIn):
    return notice_out(changes.renew_notice(actor_of(request), notice_id, payload.reasons))


@router.post("/{notice_id}/cancel", response=NoticeOut, summary="Cancel (General Secretariat)")
def cancel(request, notice_id: int, payload: ReasonsIn):
    return notice_out(changes.cancel_notice(actor_of(request), notice_id, payload.reasons))


@router.post("/{notice_id}/deletion-order", response=NoticeOut,
             summary="Record the data-protection commission's order to delete (General Secretariat)")
def deletion_order(request, notice_id: int, payload: DeletionOrderIn):
    return notice_out(changes.order_deletion(actor_of(request), notice_id, payload.order_reference, payload.deadline))


@router.post("/{notice_id}/delete", response=NoticeOut, summary="Carry out a recorded deletion order (General Secretariat)")
def delete(request, notice_id: int):
    return notice_out(changes.delete_notice(actor_of(request), notice_id))


# Diffusions

class DiffusionIn(Strict):
    kind: DiffusionKindName
    title: str = Field(min_length=1, max_length=300)
    body: str = Field(min_length=1, max_length=100_000)
    recipients: list[str] = Field(min_length=1, max_length=300, description="NCB:<country>, REGION:<group> or ALL")
    subject_person_id: int | None = None
    urgent: bool = False
    classification: int = Field(1, ge=1, le=3)
    restrictions: RestrictionsIn = Field(default_factory=RestrictionsIn)


class DiffusionOut(Schema):
    id: int
    kind: str
    state: str
    owner_country: str | None
    title: str
    body: str
    addressed_to: list[str]
    recipient_countries: list[str]
    subject_person_id: int | None
    message_id: int
    created_at: datetime
    compliance_note: str


class NonCompliantIn(Strict):
    reasons: str = Field(min_length=1, max_length=4000)


def diffusion_out(d: Diffusion) -> dict:
    return {"id": d.pk, "kind": d.kind, "state": d.state, "owner_country": d.owner_country_id, "title": d.title,
            "body": d.body, "addressed_to": d.addressed_to,
            "recipient_countries": [c for c in d.recipient_countries.split(",") if c],
            "subject_person_id": d.subject_id, "message_id": d.message_id, "created_at": d.created_at,
            "compliance_note": d.compliance_note}


@diffusion_router.post("", response={201: DiffusionOut}, summary="Send a diffusion to chosen countries")
def send_diffusion(request, payload: DiffusionIn):
    raw = {"restriction_mode": payload.restrictions.mode, "restricted_countries": payload.restrictions.countries,
           "agencies_may_view": payload.restrictions.agencies_may_view, "classification": payload.classification}
    r = diffusions.DiffusionRequest(kind=payload.kind, title=payload.title, body=payload.body,
                                    recipients=payload.recipients, subject_person_id=payload.subject_person_id,
                                    restrictions=raw, urgent=payload.urgent)
    return Status(201, diffusion_out(diffusions.send_diffusion(actor_of(request), r)))


@diffusion_router.get("", response=list[DiffusionOut], summary="Diffusions I sent or received, newest first")
def list_diffusions(request, kind: DiffusionKindFilter = "", text: str = "", received: bool = False,
                    before: int | None = None, limit: int = Query(50, ge=1, le=200)):
    rows = diffusions.list_diffusions(actor_of(request), kind=kind, text=text, received=received, before=before,
                                      limit=limit)
    return [diffusion_out(d) for d in rows]


@diffusion_router.get("/{diffusion_id}", response=DiffusionOut, summary="One diffusion")
def get_diffusion(request, diffusion_id: int):
    return diffusion_out(diffusions.read_diffusion(actor_of(request), diffusion_id))


@diffusion_router.post("/{diffusion_id}/non-compliant", response=DiffusionOut,
                       summary="Find a diffusion non-compliant (General Secretariat)")
def non_compliant(request, diffusion_id: int, payload: NonCompliantIn):
    return diffusion_out(diffusions.find_non_compliant(actor_of(request), diffusion_id, payload.reasons))


__all__ = ["NoticeType", "diffusion_router", "router"]
