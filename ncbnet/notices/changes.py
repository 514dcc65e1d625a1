"""A published notice's life: update, suspension, withdrawal, cancellation, deletion on order, renewal, expiry.

* The owner may update it: a material change (``content.material_changes``) waits in ``pending_content`` for
  the General Secretariat's review while the notice stays published as it was; a correction applies at once.
* The owner may suspend it for up to six months, resume it, or withdraw it; the General Secretariat may
  cancel it; an order of the data-protection commission deletes it by its deadline (the content is erased,
  the history of transitions and the audit trail stay).
* It expires five years after publication; six months before, the owner is asked whether it is still needed,
  and may renew it for five more years with reasons.
``run_lifecycle`` (``ncbnet notices lifecycle``, daily) does what the calendar requires.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ncbnet.access.policy import Action, Actor, require
from ncbnet.audit.services import record as audit
from ncbnet.members.services import system_actor
from ncbnet.messaging.models import Priority
from ncbnet.notices import lifecycle
from ncbnet.notices.content import InvalidNotice, NoticeType, material_changes, parse_content
from ncbnet.notices.models import Notice, NoticeEvent, NoticeState, PublicExtract
from ncbnet.notices.publication import event, reference, sync_extract, tell
from ncbnet.notices.services import NoticeNotFound, owned_notice, screen_notice


def _reasons(reasons: str, what: str) -> str:
    reasons = (reasons or "").strip()
    if not reasons:
        raise InvalidNotice({"reasons": f"a {what} must give its reasons"})
    if len(reasons) > 4000:
        raise InvalidNotice({"reasons": "at most 4,000 characters"})
    return reasons


def update_notice(actor: Actor, notice_id: int, content: dict, reasons: str = "") -> Notice:
    """A correction applies at once; a material change goes back to review, the notice staying as published."""
    with transaction.atomic():
        notice = owned_notice(actor, notice_id)
        lifecycle.transition("update", notice.state)
        if notice.pending_content is not None:
            raise InvalidNotice({"content": "a change of this notice is already in review; wait for its decision"})
        new = parse_content(NoticeType(notice.notice_type), content)
        changed = material_changes(notice.content, new)
        now = timezone.now()
        if new == notice.content:
            return notice
        notice.version += 1
        notice.updated_at = now
        if changed:
            result = screen_notice(notice, new)
            if not result.passed:
                raise InvalidNotice({f.field: f.reason for f in result.failures})
            notice.pending_content, notice.flagged = new, result.flagged
            notice.screening = result.as_dict()
            notice.save()
            event(notice, actor, "change_submitted", notice.state, reasons, content=False)
            tell(actor, notice, to_gs=True, subject="change for review",
                 body=f"{actor.organisation_code} changed {', '.join(changed)} of {reference(notice)}; the change "
                      f"waits for review.\n{reasons}")
        else:
            notice.content = new
            notice.save()
            event(notice, actor, "correct", notice.state, reasons)
            sync_extract(notice)
        audit(actor, "notice.update", object_type="notice", object_ids=[notice.pk],
              query={"material": changed, "fields": sorted(k for k in new if new.get(k) != notice.content.get(k))})
    return notice


def _move(actor: Actor, notice: Notice, action: str, reasons: str, *, members: bool, gs: bool = False,
          owner: bool = False, erase: bool = False) -> Notice:
    before = notice.state
    notice.state = lifecycle.transition(action, notice.state)
    notice.updated_at = timezone.now()
    if notice.state not in (NoticeState.PUBLISHED, NoticeState.SUSPENDED):
        notice.pending_content = None  # a change in review lapses with the notice
    if erase:
        notice.content, notice.pending_content, notice.title = {}, None, f"deleted ({notice.deletion_order or 'order'})"
        NoticeEvent.objects.filter(notice=notice).update(content=None)
    notice.save()
    event(notice, actor, action, before, reasons, content=not erase)
    sync_extract(notice)
    visible_before = before in lifecycle.VISIBLE_TO_MEMBERS or notice.state in lifecycle.VISIBLE_TO_MEMBERS
    tell(actor, notice, to_owner=owner, to_gs=gs, to_members=members and visible_before,
         subject=notice.get_state_display(), body=f"{reference(notice)} ({notice.title}) is now "
         f"{notice.get_state_display()}.{' Reasons: ' + reasons if reasons else ''}")
    audit(actor, f"notice.{action}", object_type="notice", object_ids=[notice.pk], reason=reasons[:500])
    return notice


def suspend_notice(actor: Actor, notice_id: int, until: datetime, reasons: str) -> Notice:
    reasons = _reasons(reasons, "suspension")
    now = timezone.now()
    latest = lifecycle.latest_suspension_end(now)
    if until <= now:
        raise InvalidNotice({"until": "must be in the future"})
    if until > latest:
        raise InvalidNotice({"until": f"a notice is suspended for at most {lifecycle.MAX_SUSPENSION_MONTHS} months: "
                                      f"until {latest:%Y-%m-%d} at the latest"})
    with transaction.atomic():
        notice = owned_notice(actor, notice_id)
        notice.suspended_until = until
        return _move(actor, notice, "suspend", reasons, members=True, gs=True)


def resume_notice(actor: Actor, notice_id: int) -> Notice:
    with transaction.atomic():
        notice = owned_notice(actor, notice_id)
        notice.suspended_until = None
        return _move(actor, notice, "resume", "", members=True, gs=True)


def withdraw_notice(actor: Actor, notice_id: int, reasons: str) -> Notice:
    reasons = _reasons(reasons, "withdrawal")
    with transaction.atomic():
        notice = owned_notice(actor, notice_id)
        return _move(actor, notice, "withdraw", reasons, members=True, gs=True)


def _gs_notice(actor: Actor, notice_id: int, action: Action) -> Notice:
    require(actor, action)
    notice = Notice.objects.select_for_update().filter(pk=notice_id).first()
    if notice is None:
        raise NoticeNotFound(f"no notice {notice_id}")
    return notice


def cancel_notice(actor: Actor, notice_id: int, reasons: str) -> Notice:
    reasons = _reasons(reasons, "cancellation")
    with transaction.atomic():
        notice = _gs_notice(actor, notice_id, Action.NOTICE_CANCEL)
        return _move(actor, notice, "cancel", reasons, members=True, owner=True)


def order_deletion(actor: Actor, notice_id: int, order_reference: str, deadline: datetime | None = None) -> Notice:
    """Records the data-protection commission's order; the notice is deleted at once by ``delete_notice`` or,
    at the latest, by the daily job when the deadline comes."""
    order_reference = (order_reference or "").strip()
    if not order_reference or len(order_reference) > 100:
        raise InvalidNotice({"order_reference": "the commission's order reference, 1 to 100 characters"})
    now = timezone.now()
    deadline = deadline or now + lifecycle.DELETION_DEFAULT
    if deadline <= now:
        raise InvalidNotice({"deadline": "must be in the future"})
    with transaction.atomic():
        notice = _gs_notice(actor, notice_id, Action.NOTICE_CANCEL)
        lifecycle.transition("order_deletion", notice.state)
        notice.deletion_order, notice.deletion_due_at, notice.updated_at = order_reference, deadline, now
        notice.save(update_fields=["deletion_order", "deletion_due_at", "updated_at"])
        event(notice, actor, "order_deletion", notice.state, f"order {order_reference}, by {deadline:%Y-%m-%d %H:%M}",
              content=False)
        tell(actor, notice, to_owner=True, subject="deletion ordered", priority=Priority.URGENT,
             body=f"The data-protection commission ordered the deletion of {reference(notice)} ({order_reference}). "
                  f"It will be deleted by {deadline:%Y-%m-%d %H:%M} UTC.")
        audit(actor, "notice.order_deletion", object_type="notice", object_ids=[notice.pk],
              query={"order": order_reference, "deadline": deadline.isoformat()})
    return notice


def delete_notice(actor: Actor, notice_id: int) -> Notice:
    """Carries out a recorded order: content erased from the notice and its history, extract gone, members told."""
    with transaction.atomic():
        notice = _gs_notice(actor, notice_id, Action.NOTICE_CANCEL)
        if not notice.deletion_order:
            raise InvalidNotice({"order_reference": "a notice is deleted on an order of the data-protection "
                                 "commission: record the order first"})
        return _move(actor, notice, "delete", f"order {notice.deletion_order}", members=True, owner=True, erase=True)


def renew_notice(actor: Actor, notice_id: int, reasons: str) -> Notice:
    """Five more years from the present expiry, with the reasons it is still needed; only in its last six months."""
    reasons = _reasons(reasons, "renewal")
    now = timezone.now()
    with transaction.atomic():
        notice = owned_notice(actor, notice_id)
        lifecycle.transition("renew", notice.state)
        assert notice.expires_at is not None  # every published notice has one
        opens = lifecycle.renewal_window_opens(notice.expires_at)
        if now < opens:
            raise InvalidNotice({"expires_at": f"a notice is renewed in the last {lifecycle.RENEWAL_NOTICE_MONTHS} months "
                                 f"before it expires: from {opens:%Y-%m-%d}"})
        notice.expires_at = lifecycle.expiry(notice.expires_at)
        notice.renewal_asked_at, notice.updated_at = None, now
        notice.save(update_fields=["expires_at", "renewal_asked_at", "updated_at"])
        event(notice, actor, "renew", notice.state, reasons, content=False)
        tell(actor, notice, to_gs=True, subject="renewed",
             body=f"{reference(notice)} was renewed until {notice.expires_at:%Y-%m-%d}.\nReasons: {reasons}")
        audit(actor, "notice.renew", object_type="notice", object_ids=[notice.pk], reason=reasons[:500])
    return notice


@dataclass
class LifecycleRun:
    expired: int = 0
    asked: int = 0
    resumed: int = 0
    deleted: int = 0


def run_lifecycle(now: datetime | None = None) -> LifecycleRun:
    """What the calendar requires, one notice per transaction (a failure leaves the others done)."""
    now = now or timezone.now()
    actor = system_actor()
    run = LifecycleRun()
    live = (NoticeState.PUBLISHED, NoticeState.SUSPENDED)
    for pk in Notice.objects.filter(deletion_due_at__lte=now).exclude(state=NoticeState.DELETED).values_list("pk", flat=True):
        with transaction.atomic():
            notice = Notice.objects.select_for_update().get(pk=pk)
            _move(actor, notice, "delete", f"order {notice.deletion_order}: deadline reached", members=True, owner=True,
                  erase=True)
            run.deleted += 1
    for pk in Notice.objects.filter(state__in=live, expires_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            _move(actor, Notice.objects.select_for_update().get(pk=pk), "expire", "five years without renewal",
                  members=True, owner=True)
            run.expired += 1
    for pk in Notice.objects.filter(state=NoticeState.SUSPENDED, suspended_until__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            notice = Notice.objects.select_for_update().get(pk=pk)
            notice.suspended_until = None
            _move(actor, notice, "suspension_ended", "end of the suspension", members=True, owner=True)
            run.resumed += 1
    window = lifecycle.add_months(now, lifecycle.RENEWAL_NOTICE_MONTHS)
    for pk in Notice.objects.filter(state__in=live, expires_at__lte=window, renewal_asked_at__isnull=True).values_list(
            "pk", flat=True):
        with transaction.atomic():
            notice = Notice.objects.select_for_update().get(pk=pk)
            notice.renewal_asked_at = now
            notice.save(update_fields=["renewal_asked_at"])
            tell(actor, notice, to_owner=True, subject="is it still needed?", priority=Priority.URGENT,
                 body=f"{reference(notice)} ({notice.title}) expires on {notice.expires_at:%Y-%m-%d}. If it is still "
                      "needed, renew it for five more years and give the reasons; otherwise it will expire.")
            audit(actor, "notice.renewal_asked", object_type="notice", object_ids=[notice.pk])
            run.asked += 1
    PublicExtract.objects.filter(notice__state__in=[s for s in NoticeState.values if s != NoticeState.PUBLISHED]).delete()
    return run

