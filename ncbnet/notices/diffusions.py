"""Diffusions: an NCB's request sent straight to the countries it chooses (or to all), with no prior review.

A diffusion is a recorded request (wanted person, missing person, information, alert) delivered as a message to
the recipients' NCBs; its recipients and its sender find it again by kind and text. The General Secretariat may
later find one non-compliant with the rules: its recipients are told and asked to update their national
records, and the sender is told why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from ncbnet.access.policy import Action, Actor, Denied, notice_q, require
from ncbnet.access.restrictions import encode_countries
from ncbnet.audit.services import record as audit
from ncbnet.messaging.models import CrimeArea, Priority
from ncbnet.messaging.recipients import bureau_directory, resolve
from ncbnet.messaging.services import notify
from ncbnet.notices.content import InvalidNotice
from ncbnet.notices.models import Diffusion, DiffusionKind, DiffusionState
from ncbnet.records.cleaning import InvalidRecord, parse_restrictions
from ncbnet.records.models import Person
from ncbnet.records.services import visible_records

_CRIME_AREA = {DiffusionKind.WANTED: CrimeArea.FUGITIVES, DiffusionKind.MISSING: CrimeArea.MISSING_PERSONS}


class DiffusionNotFound(LookupError):
    pass


@dataclass
class DiffusionRequest:
    kind: str
    title: str
    body: str
    recipients: list[str]
    subject_person_id: int | None = None
    restrictions: dict = field(default_factory=dict)  # restriction_mode, restricted_countries, ... as for records
    urgent: bool = False


def visible_diffusions(actor: Actor) -> QuerySet[Diffusion]:
    """Its sender's country, the General Secretariat, and the countries it was sent to (within restrictions)."""
    require(actor, Action.NOTICE_VIEW)
    return Diffusion.objects.filter(notice_q(actor, Q(recipient_countries__contains=f",{actor.country or '-'},")))


def send_diffusion(actor: Actor, r: DiffusionRequest) -> Diffusion:
    require(actor, Action.DIFFUSION_SEND)
    if actor.country is None or actor.ncb_id is None or actor.is_agency:
        raise Denied("diffusions are sent by a member country's NCB")
    errors = {}
    if r.kind not in DiffusionKind.values:
        errors["kind"] = f"one of {', '.join(DiffusionKind.values)}"
    if not r.title.strip() or len(r.title) > 300:
        errors["title"] = "1 to 300 characters"
    if not r.body.strip() or len(r.body) > 100_000:
        errors["body"] = "1 to 100,000 characters"
    try:
        restrictions = parse_restrictions(r.restrictions, actor.clearance)
    except InvalidRecord as exc:
        errors |= exc.errors
    if errors:
        raise InvalidNotice(errors)
    person: Person | None = None
    if r.subject_person_id is not None:
        person = visible_records(actor, "person").filter(pk=r.subject_person_id, owner_country_id=actor.country).first()
        if person is None:
            raise InvalidNotice({"subject_person_id": f"no person record {r.subject_person_id} of your country"})
    addressing = resolve(actor, r.recipients, restrictions, actor.country)
    ncbs = [o for o in addressing.organisations if o.kind == "ncb"]
    if len(ncbs) != len(addressing.organisations):
        raise InvalidNotice({"recipients": "a diffusion goes to member countries' NCBs: NCB:<country>, REGION:<group> "
                             "or ALL"})
    now = timezone.now()
    with transaction.atomic():
        message = notify(actor, sender_org_id=actor.ncb_id, recipients_=ncbs,
                         subject=f"Diffusion ({DiffusionKind(r.kind).label}): {r.title.strip()}", body=r.body,
                         priority=Priority.URGENT if r.urgent else Priority.ROUTINE,
                         crime_area=_CRIME_AREA.get(r.kind, CrimeArea.OTHER),  # type: ignore[call-overload]
                         owner_country=actor.country, restrictions=restrictions)
        diffusion = Diffusion(kind=r.kind, owner_country_id=actor.country, owner_ncb_id=actor.ncb_id,
                              sent_by_id=actor.user_id, subject=person, title=r.title.strip(), body=r.body,
                              addressed_to=addressing.addressed_to,
                              recipient_countries=encode_countries([o.country_id for o in ncbs if o.country_id]),
                              message=message, created_at=now)
        diffusion.set_restrictions(restrictions)
        diffusion.save(force_insert=True)
        audit(actor, "diffusion.send", object_type="diffusion", object_ids=[diffusion.pk],
              query={"kind": r.kind, "to": addressing.addressed_to})
    return diffusion


def list_diffusions(actor: Actor, *, kind: str = "", text: str = "", received: bool = False, before: int | None = None,
                    limit: int = 50) -> list[Diffusion]:
    qs = visible_diffusions(actor)
    if kind:
        if kind not in DiffusionKind.values:
            raise InvalidNotice({"kind": f"one of {', '.join(DiffusionKind.values)}"})
        qs = qs.filter(kind=kind)
    if received:
        qs = qs.filter(recipient_countries__contains=f",{actor.country or '-'},")
    for word in text.split()[:8]:
        qs = qs.filter(Q(title__icontains=word) | Q(body__icontains=word))
    if before:
        qs = qs.filter(pk__lt=before)
    rows = list(qs.order_by("-pk")[:limit])
    with transaction.atomic():
        audit(actor, "diffusion.list", object_type="diffusion", result_ids=[d.pk for d in rows],
              query={"kind": kind, "text": text, "received": received})
    return rows


def read_diffusion(actor: Actor, diffusion_id: int) -> Diffusion:
    diffusion = visible_diffusions(actor).filter(pk=diffusion_id).first()
    if diffusion is None:
        raise DiffusionNotFound(f"no diffusion {diffusion_id}")
    with transaction.atomic():
        audit(actor, "diffusion.read", object_type="diffusion", object_ids=[diffusion.pk])
    return diffusion


def find_non_compliant(actor: Actor, diffusion_id: int, reasons: str) -> Diffusion:
    """The General Secretariat's finding: recipients told to update their national records, the sender why."""
    require(actor, Action.DIFFUSION_REVIEW)
    reasons = (reasons or "").strip()
    if not reasons:
        raise InvalidNotice({"reasons": "a finding of non-compliance must give its reasons"})
    now = timezone.now()
    with transaction.atomic():
        diffusion = Diffusion.objects.select_for_update().filter(pk=diffusion_id).first()
        if diffusion is None:
            raise DiffusionNotFound(f"no diffusion {diffusion_id}")
        if diffusion.state != DiffusionState.ACTIVE:
            raise InvalidNotice({"state": f"this diffusion is already {diffusion.get_state_display()}"})
        diffusion.state, diffusion.compliance_note, diffusion.compliance_at = DiffusionState.NON_COMPLIANT, reasons, now
        diffusion.save(update_fields=["state", "compliance_note", "compliance_at"])
        ncbs, gs = bureau_directory()
        countries = [c for c in diffusion.recipient_countries.split(",") if c] + [diffusion.owner_country_id or ""]
        orgs = [ncbs[c] for c in dict.fromkeys(countries) if c in ncbs]
        if gs is not None and orgs:
            notify(actor, sender_org_id=gs.pk, recipients_=orgs, priority=Priority.URGENT,
                   subject=f"Diffusion found non-compliant: {diffusion.title}"[:300],
                   body=f"The General Secretariat found the diffusion '{diffusion.title}' sent by "
                        f"{diffusion.owner_country_id} on {diffusion.created_at:%Y-%m-%d} not compliant with the rules.\n"
                        f"Reasons: {reasons}\nRecipients: please update your national records accordingly (remove "
                        "or correct any measure taken on the strength of it).",
                   crime_area=diffusion.message.crime_area, owner_country=diffusion.owner_country_id,
                   restrictions=diffusion.restrictions, reply_to=diffusion.message)
        audit(actor, "diffusion.non_compliant", object_type="diffusion", object_ids=[diffusion.pk], reason=reasons[:500])
    return diffusion
