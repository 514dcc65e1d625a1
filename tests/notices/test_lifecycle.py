"""The state machine table and the lifecycle's dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ncbnet.notices.lifecycle import (
    TABLE,
    NotAllowedNow,
    add_months,
    expiry,
    latest_suspension_end,
    transition,
)
from ncbnet.notices.models import NoticeState as S


@pytest.mark.parametrize("action, state, target", [
    ("submit", S.DRAFT, S.IN_REVIEW), ("submit", S.RETURNED, S.IN_REVIEW), ("approve", S.IN_REVIEW, S.PUBLISHED),
    ("refuse", S.IN_REVIEW, S.REFUSED), ("return", S.IN_REVIEW, S.RETURNED), ("suspend", S.PUBLISHED, S.SUSPENDED),
    ("resume", S.SUSPENDED, S.PUBLISHED), ("withdraw", S.PUBLISHED, S.WITHDRAWN), ("cancel", S.SUSPENDED, S.CANCELLED),
    ("expire", S.PUBLISHED, S.EXPIRED), ("delete", S.PUBLISHED, S.DELETED), ("renew", S.PUBLISHED, S.PUBLISHED),
])
def test_allowed_moves(action, state, target):
    assert transition(action, state) == target


@pytest.mark.parametrize("action, state", [
    ("submit", S.PUBLISHED), ("approve", S.DRAFT), ("suspend", S.SUSPENDED), ("cancel", S.DRAFT),
    ("renew", S.EXPIRED), ("withdraw", S.DELETED), ("edit", S.PUBLISHED), ("resume", S.PUBLISHED),
])
def test_refused_moves_name_the_states_allowed(action, state):
    with pytest.raises(NotAllowedNow, match="only one that is"):
        transition(action, state)


def test_nothing_leaves_deletion():
    assert all(S.DELETED not in move.sources for move in TABLE.values())


@pytest.mark.parametrize("start, months, end", [
    (datetime(2026, 8, 31, tzinfo=UTC), 6, datetime(2027, 2, 28, tzinfo=UTC)),
    (datetime(2026, 1, 15, tzinfo=UTC), 6, datetime(2026, 7, 15, tzinfo=UTC)),
    (datetime(2026, 3, 31, tzinfo=UTC), -6, datetime(2025, 9, 30, tzinfo=UTC)),
    (datetime(2024, 2, 29, tzinfo=UTC), 60, datetime(2029, 2, 28, tzinfo=UTC)),
])
def test_add_months(start, months, end):
    assert add_months(start, months) == end


def test_five_years_validity_and_six_months_suspension():
    now = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    assert expiry(now) == datetime(2031, 11, 25, 10, 0, tzinfo=UTC)
    assert latest_suspension_end(now) == datetime(2027, 5, 25, 10, 0, tzinfo=UTC)
