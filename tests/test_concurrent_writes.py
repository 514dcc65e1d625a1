"""Concurrent writers on a real database of their own (tests/concurrent_writes.py): group commit shares one
transaction between the threads of a process without mixing up their answers, and on PostgreSQL the audit trail's
lanes let transactions append side by side while every lane still verifies."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest
from django.conf import settings

from tests import realserver

POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Iterator[realserver.FreshDatabase]:
    with realserver.fresh_database(tmp_path_factory.mktemp("concurrent"), "concurrent") as db:
        realserver.ncbnet(db.env, "migrate", "--noinput", timeout=300)
        yield db


def scenario(database: realserver.FreshDatabase, name: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "tests.concurrent_writes", name], env=database.env,
                          capture_output=True, text=True, timeout=300, cwd=settings.BASE_DIR)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_queued_writes_share_one_commit_and_each_caller_gets_its_own_answer(database):
    out = scenario(database, "batch")
    assert out["answers"] == {
        "first": "first", "queued 0": "queued 0", "queued 1": "queued 1", "queued 2": "queued 2",
        "queued 3": "raised: the fourth write is refused", "queued 4": "queued 4",
    }
    # the four good writes are stored, the refused one is not
    assert out["stored"] == ["test.first", "test.queued.0", "test.queued.1", "test.queued.2", "test.queued.4"]
    stats = out["statistics"]
    # the five queued writes were first tried as one transaction; the refusal sent each back to run alone
    assert stats["retried"] == 5 and stats["writes"] == 5  # the leader's own write + the four good ones
    assert out["broken"] is None


def test_threads_sending_at_once_store_every_message_once_and_the_trail_verifies(database):
    out = scenario(database, "sends")
    assert out["messages"] == out["keys"] == 180 and out["deliveries"] == 180
    assert out["broken"] is None
    if out["group_commit"]:  # every send went through the committer
        assert out["statistics"]["writes"] == 180


def test_threads_raising_hits_at_once_store_each_hit_with_its_message_and_entry_converted_before_the_write(database):
    out = scenario(database, "hits")
    assert out["checks"] == out["hits"] == out["messages"] == 90
    assert out["linked"] == 90  # each hit with its own message (its reference as case reference) and 2 deliveries
    assert out["named"] == 90  # each search's entry names its hit
    assert out["converted_inside"] == []  # no value converted while the write's transaction was open
    assert out["broken"] is None


@pytest.mark.skipif(not POSTGRES, reason="lanes matter where transactions write side by side: PostgreSQL")
def test_appends_spread_over_lanes_wait_when_all_are_held_and_an_edit_in_a_lane_is_named_there(database):
    out = scenario(database, "lanes")
    assert out["beside_lane"] == 2
    waited = out["waited"]
    assert waited["before_release"] == []  # neither wrote while every lane was held
    assert waited["alone"] and waited["send_entry"] == [[str(waited["message"])]]  # both landed once released
    assert out["intact"] is None
    assert len(out["by_lane"]) >= 2 and sum(out["by_lane"].values()) >= 8 * 40 + 1
    assert out["victim"].startswith("2.")
    assert out["broken"] == f"audit entry {out['victim']}: content does not match its hash (edited)"
