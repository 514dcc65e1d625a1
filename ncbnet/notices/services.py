"""Requesting notices: drafts, submission with automatic screening, reading and listing, the screening list.

Like every service here: each function takes the actor, checks the policy, writes in one transaction with its
audit entry and its history event, tells by message whom it concerns, and returns the model object. A refused
request raises before anything is written. Review is in ``notices.review``; what happens after publication in
``notices.changes``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from ncbnet.access.policy import Action, Actor, Denied, allows, notice_q, require
from ncbnet.access.restrictions import Restrictions
from ncbnet.audit.services import record as audit
from ncbnet.notices import lifecycle
from ncbnet.notices.content import (
    PUBLIC_TYPES,
    SUBJECT_NONE,
    SUBJECT_REQUIRED,
    InvalidNotice,
    NoticeType,
    notice_type,
    parse_content,
)
from ncbnet.notices.extracts import allowed_fields
from ncbnet.notices.models import Notice, NoticeState, ScreeningTerm
from ncbnet.notices.publication import event, particulars_facts, reference, subject_facts, tell
from ncbnet.notices.screening import Screening, Term, screen
from ncbnet.records.cleaning import InvalidRecord, clean
from ncbnet.records.models import Person, RecordStatus
from ncbnet.records.services import visible_records

LANGUAGES = ("ar", "en", "fr", "es")


class NoticeNotFound(LookupError):
    """No such notice, or the actor may not see it: the two are not told apart."""


@dataclass
class NoticeRequest:
    """What an NCB asks for; ``content`` is checked against the type (``notices.content``)."""

    notice_type: str
    content: dict[str, Any]
    subject_person_id: int | None = None
    subject: dict[str, Any] | None = None  # an international body's subject: person fields as records take them
    language: str = "en"
    restrictions: Restrictions = Restrictions()
    public_consent: bool = False
    public_fields: list[str] | None = None


def visible_notices(actor: Actor) -> QuerySet[Notice]:
    """The policy inside the query: own country's at every stage, others' once published, within restrictions."""
    require(actor, Action.NOTICE_VIEW)
    return Notice.objects.filter(notice_q(actor, Q(state__in=lifecycle.VISIBLE_TO_MEMBERS)))


def owned_notice(actor: Actor, notice_id: int) -> Notice:
    """A notice the actor's bureau requested, locked for a change."""
    require(actor, Action.NOTICE_REQUEST)
    notice = visible_notices(actor).select_for_update().filter(pk=notice_id).first()
    if notice is None:
        raise NoticeNotFound(f"no notice {notice_id}")
    if not is_requester(actor, notice):
        who = f"country ({notice.owner_country_id})" if notice.owner_country_id else "international body"
        raise Denied(f"only the requesting {who} may change this notice")
    return notice


def is_requester(actor: Actor, notice: Notice) -> bool:
    if actor.is_international_body:
        return notice.owner_ncb_id == actor.organisation_id
    return notice.owner_country_id is not None and notice.owner_country_id == actor.country


def _subject(actor: Actor, kind: NoticeType, person_id: int | None) -> Person | None:
    if kind in SUBJECT_NONE:
        if person_id is not None:
            raise InvalidNotice({"subject_person_id": f"a {kind} notice has no person as its subject"})
        return None
    if person_id is None:
        if kind in SUBJECT_REQUIRED:
            raise InvalidNotice({"subject_person_id": f"a {kind} notice needs its subject: the id of a person record "
                                 "your country contributed"})
        return None
    person = visible_records(actor, "person").filter(pk=person_id).first()
    if person is None or person.owner_country_id != actor.country:
        raise InvalidNotice({"subject_person_id": f"no person record {person_id} of your country"})
    if person.status != RecordStatus.ACTIVE:
        raise InvalidNotice({"subject_person_id": f"person record {person_id} was deleted"})
    return person


def _particulars(actor: Actor, kind: NoticeType, r: NoticeRequest) -> dict | None:
    """An international body keeps no records: it gives its subject's particulars, checked as a person record's
    would be; the General Secretariat holds the record from publication."""
    if not actor.is_international_body:
        if r.subject is not None:
            raise InvalidNotice({"subject": "an NCB names its subject by subject_person_id, a person record of its "
                                 "country"})
        return None
    if r.subject_person_id is not None:
        raise InvalidNotice({"subject_person_id": "an international body keeps no person records: give the subject's "
                             "particulars in subject"})
    if r.subject is None:
        if kind in SUBJECT_REQUIRED:
            raise InvalidNotice({"subject": f"a {kind} notice needs its subject's particulars"})
        return None
    if kind in SUBJECT_NONE:
        raise InvalidNotice({"subject": f"a {kind} notice has no person as its subject"})
    raw = {**r.subject, "national_reference": "notice-subject", "role": _SUBJECT_ROLE.get(kind, "person_of_interest")}
    try:
        clean("person", raw, clearance=actor.clearance)
    except InvalidRecord as exc:
        raise InvalidNotice({f"subject.{k}": v for k, v in exc.errors.items()}) from None
    return raw


_SUBJECT_ROLE = {NoticeType.RED: "wanted", NoticeType.YELLOW: "missing", NoticeType.BLACK: "unidentified"}


def _check(actor: Actor, r: NoticeRequest) -> tuple[NoticeType, dict, Person | None, dict | None, list[str]]:
    kind = notice_type(r.notice_type)
    errors: dict[str, str] = {}
    if r.language not in LANGUAGES:
        errors["language"] = "one of ar, en, fr, es"
    if r.restrictions.classification > actor.clearance:
        errors["classification"] = "above your own clearance"
    public_fields = list(r.public_fields or [])
    if r.public_consent and kind not in PUBLIC_TYPES:
        errors["public_consent"] = "only Red, Yellow and UN Special Notices may have a public extract"
    unknown = [f for f in public_fields if f not in allowed_fields(kind)]
    if unknown:
        errors["public_fields"] = f"not public fields of a {kind} notice: {', '.join(unknown)}"
    elif r.public_consent and public_fields and "name" not in public_fields:
        errors["public_fields"] = "a public extract must show the name"
    if errors:
        raise InvalidNotice(errors)
    content = parse_content(kind, r.content)
    particulars = _particulars(actor, kind, r)
    person = None if actor.is_international_body else _subject(actor, kind, r.subject_person_id)
    named = person is not None or particulars is not None
    if kind == NoticeType.ORANGE and content["threat_from"] == "person" and not named:
        raise InvalidNotice({"subject_person_id": "an Orange Notice about a person needs the person's record"})
    if kind == NoticeType.UN and not named and not content.get("entity"):
        raise InvalidNotice({"subject_person_id": "a UN Special Notice names a person or, in content.entity, an entity"})
    return kind, content, person, particulars, public_fields


def _title(kind: NoticeType, content: dict, person: Person | None, particulars: dict | None = None) -> str:
    if person is not None:
        name = person.names.order_by("id").values_list("full", flat=True).first()
        if name:
            return name[:300]
    if particulars and particulars.get("names"):
        first = particulars["names"][0]
        return (first["full"] if isinstance(first, dict) else str(first))[:300]
    if content.get("entity"):
        return content["entity"]["name"][:300]
    return content["summary"][:120]


def request_notice(actor: Actor, r: NoticeRequest, *, purpose: str = "") -> Notice:
    """A draft, seen by the requesting bureau and the General Secretariat until it is submitted and published."""
    require(actor, Action.NOTICE_REQUEST)
    requester = actor.organisation_id if actor.is_international_body else None if actor.is_agency else actor.ncb_id
    if requester is None:
        raise Denied("notices are requested by a member country's NCB or an authorised international body")
    owner_country = actor.country  # None for an international body
    kind, content, person, particulars, public_fields = _check(actor, r)
    now = timezone.now()
    notice = Notice(notice_type=kind.value, owner_country_id=owner_country, owner_ncb_id=requester,
                    requested_by_id=actor.user_id, subject=person, subject_particulars=particulars,
                    title=_title(kind, content, person, particulars), content=content, language=r.language,
                    public_consent=r.public_consent, public_fields=public_fields, created_at=now, updated_at=now)
    notice.set_restrictions(r.restrictions)
    with transaction.atomic():
        notice.save(force_insert=True)
        event(notice, actor, "request", "")
        audit(actor, "notice.request", object_type="notice", object_ids=[notice.pk], purpose=purpose,
              query={"type": kind.value})
    return notice


def edit_notice(actor: Actor, notice_id: int, r: NoticeRequest) -> Notice:
    """A draft, or a request returned for more information, rewritten whole before it is submitted (again)."""
    with transaction.atomic():
        notice = owned_notice(actor, notice_id)
        lifecycle.transition("edit", notice.state)
        if r.notice_type != notice.notice_type:
            raise InvalidNotice({"type": "a request keeps its type; withdraw it and request another"})
        kind, content, person, particulars, public_fields = _check(actor, r)
        notice.content, notice.subject, notice.language = content, person, r.language
        notice.subject_particulars = particulars
        notice.title = _title(kind, content, person, particulars)
        notice.public_consent, notice.public_fields = r.public_consent, public_fields
        notice.set_restrictions(r.restrictions)
        notice.version += 1
        notice.updated_at = timezone.now()
        notice.save()
        event(notice, actor, "edit", notice.state)
        audit(actor, "notice.edit", object_type="notice", object_ids=[notice.pk])
    return notice


_TERMS_TTL = 30.0  # seconds: another process's change of the list reaches this one within that time
_terms_cache: tuple[float, list[Term]] | None = None


def screening_terms() -> list[Term]:
    """The active screening list, kept in memory for a few seconds (a change made here clears it at once)."""
    global _terms_cache
    now = time.monotonic()
    if _terms_cache is None or now - _terms_cache[0] > _TERMS_TTL:
        _terms_cache = (now, [Term(t.term_list, t.category, t.language, t.term)
                              for t in ScreeningTerm.objects.filter(active=True).order_by("id")])
    return _terms_cache[1]


def forget_screening_terms() -> None:
    global _terms_cache
    _terms_cache = None


def screen_notice(notice: Notice, content: dict | None = None) -> Screening:
    person = Person.objects.filter(pk=notice.subject_id).first() if notice.subject_id else None
    facts = subject_facts(person) if person is not None else particulars_facts(notice.subject_particulars)
    return screen(NoticeType(notice.notice_type), notice.content if content is None else content, facts,
                  screening_terms())


def submit_notice(actor: Actor, notice_id: int) -> tuple[Notice, Screening]:
    """Screening runs first. A request that fails it is refused with every reason and stays as it was; one that
    passes goes to the General Secretariat's review, flagged when screening saw signals (two reviewers then)."""
    with transaction.atomic():
        notice = owned_notice(actor, notice_id)
        before = notice.state
        target = lifecycle.transition("submit", notice.state)
        result = screen_notice(notice)
        if not result.passed:
            raise InvalidNotice({f.field: f.reason for f in result.failures} | {"screening": "the request does not "
                                "meet the minimum criteria; nothing was submitted"})
        now = timezone.now()
        notice.state, notice.screening, notice.flagged = target, result.as_dict(), result.flagged
        notice.submitted_at = notice.updated_at = now
        notice.save()
        event(notice, actor, "submit", before)
        signals = "; ".join(s.reason for s in result.signals)
        tell(actor, notice, to_gs=True, subject="request for review",
             body=f"{actor.organisation_code} submitted {reference(notice)} ({notice.title}) for review.\n"
                  + (f"Screening flagged it (two reviewers must approve): {signals}." if signals else
                     "Screening found no signal."))
        audit(actor, "notice.submit", object_type="notice", object_ids=[notice.pk],
              query={"flagged": result.flagged, "signals": [s.term for s in result.signals]})
    return notice, result


def read_notice(actor: Actor, notice_id: int, *, purpose: str = "") -> Notice:
    notice = visible_notices(actor).filter(pk=notice_id).first()
    if notice is None:
        raise NoticeNotFound(f"no notice {notice_id}")
    with transaction.atomic():
        audit(actor, "notice.read", object_type="notice", object_ids=[notice.pk], purpose=purpose)
    return notice


def list_notices(actor: Actor, *, notice_type_: str = "", state: str = "", own: bool = False, text: str = "",
                 expires_before: datetime | None = None, before: int | None = None, limit: int = 50) -> list[Notice]:
    """Newest first, a page at a time; the policy, the filters and the limit are one query."""
    qs = visible_notices(actor)
    if notice_type_:
        qs = qs.filter(notice_type=notice_type(notice_type_).value)
    if state:
        if state not in NoticeState.values:
            raise InvalidNotice({"state": f"one of {', '.join(NoticeState.values)}"})
        qs = qs.filter(state=state)
    if own:
        qs = qs.filter(owner_country_id=actor.country)
    if text:
        qs = qs.filter(title__icontains=text.strip())
    if expires_before is not None:  # due for renewal: in the query, not picked from a page after the limit
        qs = qs.filter(expires_at__lte=expires_before)
    if before:
        qs = qs.filter(pk__lt=before)
    rows = list(qs.order_by("-pk")[:limit])
    with transaction.atomic():
        audit(actor, "notice.list", object_type="notice", result_ids=[n.pk for n in rows],
              query={"type": notice_type_, "state": state, "own": own, "text": text})
    return rows


def published_notices_of(actor: Actor, person_ids: list[int]) -> dict[int, list[Notice]]:
    """For person search: the published notices (visible to the actor) whose subjects are these persons."""
    if not person_ids or not allows(actor, Action.NOTICE_VIEW):
        return {}
    found: dict[int, list[Notice]] = {}
    rows = list(visible_notices(actor).filter(subject_id__in=person_ids, state=NoticeState.PUBLISHED).order_by("pk"))
    for n in rows:
        found.setdefault(n.subject_id, []).append(n)  # type: ignore[arg-type]
    if rows:
        with transaction.atomic():
            audit(actor, "notice.of_persons", object_type="notice", result_ids=[n.pk for n in rows],
                  query={"persons": person_ids})
    return found


def list_screening_terms(actor: Actor, term_list: str = "") -> list[ScreeningTerm]:
    """The list is no police data, but it is the reviewers' working tool: police roles may read it."""
    require(actor, Action.NOTICE_VIEW)
    qs = ScreeningTerm.objects.filter(active=True).order_by("term_list", "category", "language", "term")
    return list(qs.filter(term_list=term_list) if term_list else qs)


def add_screening_term(actor: Actor, term_list: str, category: str, language: str, term: str) -> ScreeningTerm:
    require(actor, Action.SCREENING_LIST_MANAGE)
    errors = {}
    if term_list not in ("excluded", "signal"):
        errors["term_list"] = "excluded or signal"
    if language not in LANGUAGES:
        errors["language"] = "one of ar, en, fr, es"
    if not category.strip() or len(category) > 40:
        errors["category"] = "1 to 40 characters"
    if not term.strip() or len(term) > 120:
        errors["term"] = "1 to 120 characters"
    if errors:
        raise InvalidNotice(errors)
    with transaction.atomic():
        row, created = ScreeningTerm.objects.get_or_create(
            term_list=term_list, language=language, term=term.strip(),
            defaults={"category": category.strip(), "added_by": actor.username, "added_at": timezone.now()})
        if not created and not row.active:
            row.active = True
            row.save(update_fields=["active"])
        transaction.on_commit(forget_screening_terms)
        audit(actor, "screening_term.add", object_type="screening_term", object_ids=[row.pk],
              query={"list": term_list, "language": language, "term": row.term})
    return row


def remove_screening_term(actor: Actor, term_id: int) -> ScreeningTerm:
    """Terms are deactivated, not deleted: what screened past requests stays on record."""
    require(actor, Action.SCREENING_LIST_MANAGE)
    with transaction.atomic():
        row = ScreeningTerm.objects.select_for_update().filter(pk=term_id).first()
        if row is None:
            raise NoticeNotFound(f"no screening term {term_id}")
        row.active = False
        row.save(update_fields=["active"])
        transaction.on_commit(forget_screening_terms)
        audit(actor, "screening_term.remove", object_type="screening_term", object_ids=[row.pk])
    return row


def recently_published(actor: Actor, *, since: datetime, limit: int = 100) -> list[Notice]:
    """Notices published since ``since`` that the actor may see, the latest publication first (the CCC's board)."""
    rows = list(visible_notices(actor).filter(published_at__gte=since).select_related("owner_ncb")
                .order_by("-published_at", "-pk")[:limit])
    with transaction.atomic():
        audit(actor, "notice.recent", object_type="notice", query={"since": since.isoformat()},
              result_ids=[n.pk for n in rows])
    return rows
