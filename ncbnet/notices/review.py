"""Human review by the General Secretariat, four-eyes.

* A reviewer never reviews a request from their own country (``User.nationality``; a reviewer whose
  nationality is not recorded reviews nothing), nor decides twice on the same round.
* One approval publishes; a request that screening flagged needs two approvals from two reviewers.
* A refusal or a return needs reasons; the requesting bureau is told them.
* The same applies to a material change of a published notice (its ``pending_content``): approval applies the
  change, refusal or return discards it and the notice stays as published.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from ncbnet.access.policy import Action, Actor, Denied, require
from ncbnet.audit.services import record as audit
from ncbnet.members.models import User
from ncbnet.messaging.models import Priority
from ncbnet.notices import lifecycle
from ncbnet.notices.content import InvalidNotice, NoticeType
from ncbnet.notices.models import Notice, NoticeReview, NoticeState, ReviewDecision
from ncbnet.notices.publication import event, give_control_number, reference, sync_extract, tell
from ncbnet.notices.services import NoticeNotFound
from ncbnet.records.models import LinkTarget, RecordLink
from ncbnet.records.services import register_notice_subject


def review_queue(actor: Actor, *, limit: int = 100) -> list[Notice]:
    """What this reviewer may decide on: requests in review and pending changes, never of their own country."""
    require(actor, Action.NOTICE_REVIEW)
    nationality = _nationality(actor)
    decided = NoticeReview.objects.filter(notice=OuterRef("pk"), round=OuterRef("version"), reviewer_id=actor.user_id)
    rows = list(Notice.objects.filter(Q(state=NoticeState.IN_REVIEW) | Q(pending_content__isnull=False))
                .exclude(owner_country_id=nationality).exclude(Exists(decided))
                .order_by("submitted_at", "pk")[:limit])
    with transaction.atomic():
        audit(actor, "notice.review_queue", object_type="notice", result_ids=[n.pk for n in rows])
    return rows


def _nationality(actor: Actor) -> str:
    nationality = User.objects.filter(pk=actor.user_id).values_list("nationality", flat=True).first() or ""
    if not nationality:
        raise Denied("your nationality is not recorded: a reviewer must not review requests of their own country, "
                     "so reviewing needs it (ask an administrator)")
    return nationality


def review_notice(actor: Actor, notice_id: int, decision: str, reasons: str = "") -> Notice:
    require(actor, Action.NOTICE_REVIEW)
    if decision not in ReviewDecision.values:
        raise InvalidNotice({"decision": "approve, refuse or return"})
    reasons = (reasons or "").strip()
    if decision != ReviewDecision.APPROVE and not reasons:
        raise InvalidNotice({"reasons": f"a decision to {decision} must give its reasons to the requesting country"})
    if len(reasons) > 4000:
        raise InvalidNotice({"reasons": "at most 4,000 characters"})
    nationality = _nationality(actor)
    now = timezone.now()
    with transaction.atomic():
        notice = Notice.objects.select_for_update().filter(pk=notice_id).first()
        if notice is None:
            raise NoticeNotFound(f"no notice {notice_id}")
        updating = notice.pending_content is not None and notice.state in (NoticeState.PUBLISHED, NoticeState.SUSPENDED)
        if not updating:
            lifecycle.transition({"approve": "approve", "refuse": "refuse", "return": "return"}[decision], notice.state)
        if notice.owner_country_id == nationality:
            raise Denied(f"you are a national of {nationality}, the requesting country: another reviewer must decide")
        try:
            with transaction.atomic():
                NoticeReview.objects.create(notice=notice, round=notice.version, reviewer_id=actor.user_id,
                                            decision=decision, reasons=reasons, at=now)
        except IntegrityError:
            raise Denied("you already decided on this request: a second reviewer must give the second decision") from None
        if updating:
            _decide_change(actor, notice, decision, reasons, now)
        else:
            _decide_request(actor, notice, decision, reasons, now)
        audit(actor, f"notice.review.{decision}", object_type="notice", object_ids=[notice.pk],
              query={"round": notice.version, "flagged": notice.flagged}, reason=reasons[:500])
    return notice


def _approvals(notice: Notice) -> int:
    return NoticeReview.objects.filter(notice=notice, round=notice.version, decision=ReviewDecision.APPROVE).count()


def _needed(notice: Notice) -> int:
    return 2 if notice.flagged else 1


def _decide_request(actor: Actor, notice: Notice, decision: str, reasons: str, now) -> None:
    before = notice.state
    if decision == ReviewDecision.APPROVE:
        if _approvals(notice) < _needed(notice):
            event(notice, actor, "approve", before, "first approval; screening flagged it: a second reviewer must approve",
                  content=False)
            return
        publish(actor, notice, now)
        return
    notice.state = lifecycle.transition(decision, notice.state)
    notice.updated_at = now
    notice.save(update_fields=["state", "updated_at"])
    event(notice, actor, decision, before, reasons, content=False)
    verb = "refused" if decision == ReviewDecision.REFUSE else "returned for more information"
    tell(actor, notice, to_owner=True, subject=verb, body=f"The General Secretariat {verb} your request "
         f"{reference(notice)} ({notice.title}).\nReasons: {reasons}")


def publish(actor: Actor, notice: Notice, now) -> None:
    """Control number, five years of validity, the public extract where consented, the subject's record linked,
    and every member the owner admits told."""
    before = notice.state
    notice.state = lifecycle.transition("approve", notice.state)
    if notice.subject_id is None and notice.subject_particulars:  # an international body's subject
        raw = {**notice.subject_particulars, "national_reference": f"NOTICE-{notice.pk}"}
        notice.subject = register_notice_subject(actor, raw, purpose=f"subject of notice {notice.pk}")
    give_control_number(notice, now)
    notice.published_at = notice.updated_at = now
    notice.expires_at = lifecycle.expiry(now)
    notice.save()
    event(notice, actor, "publish", before)
    sync_extract(notice)
    if notice.subject_id:
        RecordLink.objects.get_or_create(record_type="person", record_id=notice.subject_id, target_type=LinkTarget.NOTICE,
                                         target_ref=notice.control_number,
                                         defaults={"created_at": now, "created_by_id": actor.user_id})
    urgent = notice.notice_type in (NoticeType.RED, NoticeType.ORANGE, NoticeType.YELLOW)
    tell(actor, notice, to_owner=True, to_members=True, subject="published",
         priority=Priority.URGENT if urgent else Priority.ROUTINE,
         body=f"{reference(notice)} was published on {now:%Y-%m-%d} at the request of {notice.owner_country_id}: "
              f"{notice.title}.\n{notice.content.get('summary', '')}\nValid until {notice.expires_at:%Y-%m-%d}.")


def _decide_change(actor: Actor, notice: Notice, decision: str, reasons: str, now) -> None:
    if decision == ReviewDecision.APPROVE:
        if _approvals(notice) < _needed(notice):
            event(notice, actor, "approve_change", notice.state, "first approval of the change; a second reviewer must "
                  "approve", content=False)
            return
        notice.content, notice.pending_content = notice.pending_content, None
        notice.updated_at = now
        notice.save(update_fields=["content", "pending_content", "updated_at"])
        event(notice, actor, "change_approved", notice.state)
        sync_extract(notice)
        tell(actor, notice, to_owner=True, to_members=True, subject="updated",
             body=f"{reference(notice)} ({notice.title}) was updated.\n{notice.content.get('summary', '')}")
        return
    notice.pending_content = None
    notice.updated_at = now
    notice.save(update_fields=["pending_content", "updated_at"])
    event(notice, actor, f"change_{decision}", notice.state, reasons, content=False)
    tell(actor, notice, to_owner=True, subject="change not accepted",
         body=f"The General Secretariat did not accept the change to {reference(notice)}; the notice stays as "
              f"published.\nReasons: {reasons}")
