"""The notice state machine, as a table: which action moves a notice from which states to which, and who may.

Pure: ``notices.services`` asks ``transition(action, state)`` before every change and gets the next state or
a refusal naming the states the action is allowed from. Dates of the lifecycle are here too.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timedelta

from ncbnet.notices.models import NoticeState as S

VALIDITY_YEARS = 5  # a notice expires five years after publication unless renewed
RENEWAL_NOTICE_MONTHS = 6  # the owner is asked six months before expiry
MAX_SUSPENSION_MONTHS = 6

# The party allowed: "owner" (the requesting country's bureau), "gs" (General Secretariat reviewers), "system"
# (the daily lifecycle job).
OWNER, GS, SYSTEM = "owner", "gs", "system"


@dataclass(frozen=True)
class Move:
    sources: frozenset[str]
    target: str | None  # None: the state does not change (renewal, a correction, a pending update)
    party: str


TABLE: dict[str, Move] = {
    "edit": Move(frozenset({S.DRAFT, S.RETURNED}), None, OWNER),
    "submit": Move(frozenset({S.DRAFT, S.RETURNED}), S.IN_REVIEW, OWNER),
    "approve": Move(frozenset({S.IN_REVIEW}), S.PUBLISHED, GS),
    "refuse": Move(frozenset({S.IN_REVIEW}), S.REFUSED, GS),
    "return": Move(frozenset({S.IN_REVIEW}), S.RETURNED, GS),
    "update": Move(frozenset({S.PUBLISHED, S.SUSPENDED}), None, OWNER),
    "suspend": Move(frozenset({S.PUBLISHED}), S.SUSPENDED, OWNER),
    "resume": Move(frozenset({S.SUSPENDED}), S.PUBLISHED, OWNER),
    "suspension_ended": Move(frozenset({S.SUSPENDED}), S.PUBLISHED, SYSTEM),
    "withdraw": Move(frozenset({S.DRAFT, S.RETURNED, S.IN_REVIEW, S.PUBLISHED, S.SUSPENDED}), S.WITHDRAWN, OWNER),
    "cancel": Move(frozenset({S.PUBLISHED, S.SUSPENDED}), S.CANCELLED, GS),
    "order_deletion": Move(frozenset({S.DRAFT, S.IN_REVIEW, S.PUBLISHED, S.SUSPENDED, S.RETURNED, S.REFUSED, S.WITHDRAWN,
                                      S.CANCELLED, S.EXPIRED}), None, GS),
    "delete": Move(frozenset({S.DRAFT, S.IN_REVIEW, S.PUBLISHED, S.SUSPENDED, S.RETURNED, S.REFUSED, S.WITHDRAWN,
                              S.CANCELLED, S.EXPIRED}), S.DELETED, GS),
    "renew": Move(frozenset({S.PUBLISHED, S.SUSPENDED}), None, OWNER),
    "expire": Move(frozenset({S.PUBLISHED, S.SUSPENDED}), S.EXPIRED, SYSTEM),
}

# While a notice is in one of these states its subject is wanted/sought network-wide and members see it.
VISIBLE_TO_MEMBERS = frozenset({S.PUBLISHED})


class NotAllowedNow(ValueError):
    """The action does not apply to the notice in its present state."""


def transition(action: str, state: str) -> str:
    move = TABLE[action]
    if state not in move.sources:
        allowed = ", ".join(sorted(move.sources))
        raise NotAllowedNow(f"a notice that is {state.replace('_', ' ')} cannot be {_past(action)}; "
                            f"only one that is {allowed.replace('_', ' ')}")
    return move.target or state


def _past(action: str) -> str:
    return {"edit": "edited", "submit": "submitted", "approve": "approved", "refuse": "refused", "return": "returned",
            "update": "updated", "suspend": "suspended", "resume": "resumed", "withdraw": "withdrawn",
            "cancel": "cancelled", "order_deletion": "ordered deleted", "delete": "deleted", "renew": "renewed",
            "expire": "expired", "suspension_ended": "resumed"}.get(action, action)


def add_months(moment: datetime, months: int) -> datetime:
    """The same day ``months`` later (the month's last day when it has no such day: 31 August + 6 → 28 February)."""
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def expiry(published_or_renewed: datetime) -> datetime:
    return add_months(published_or_renewed, 12 * VALIDITY_YEARS)


def renewal_window_opens(expires_at: datetime) -> datetime:
    return add_months(expires_at, -RENEWAL_NOTICE_MONTHS)


def latest_suspension_end(now: datetime) -> datetime:
    return add_months(now, MAX_SUSPENSION_MONTHS)


DELETION_DEFAULT = timedelta(days=30)
