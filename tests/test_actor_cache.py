"""The actor cache's own rules (ncbnet/members/actor_cache.py), without a database: nothing kept while not
listening, nothing kept that was fetched across a notification, everything forgotten on one, rows lapse."""

import pytest

from ncbnet.members import actor_cache
from ncbnet.members.actor_cache import ActorCache


@pytest.fixture
def cache():
    c = ActorCache()
    c.invalidate(listening=True)  # as the listener does once it listens
    return c


def test_nothing_is_kept_while_the_listener_is_not_listening():
    c = ActorCache()
    c.keep("abc", ("row",), c.generation())
    assert c.row("abc") is None


def test_a_row_fetched_while_a_change_was_heard_is_not_kept(cache):
    generation = cache.generation()
    cache.invalidate(listening=True)  # a notification arrives during the look-up
    cache.keep("abc", ("old row",), generation)
    assert cache.row("abc") is None
    cache.keep("abc", ("new row",), cache.generation())
    assert cache.row("abc") == ("new row",)


def test_a_notification_forgets_everything_and_a_lost_listener_stops_the_cache(cache):
    cache.keep("abc", ("row",), cache.generation())
    cache.invalidate(listening=True)
    assert cache.row("abc") is None
    cache.keep("abc", ("row",), cache.generation())
    cache.invalidate(listening=False)
    cache.keep("abc", ("row",), cache.generation())
    assert cache.row("abc") is None and not cache.listening


def test_rows_lapse_and_the_last_use_is_kept_up_to_date(cache, monkeypatch):
    cache.keep("abc", (1, "d", None, None, "then"), cache.generation())
    cache.touched("abc", 4, "now")
    assert cache.row("abc") == (1, "d", None, None, "now")
    clock = actor_cache.time.monotonic() + actor_cache.TTL_SECONDS + 1
    monkeypatch.setattr(actor_cache.time, "monotonic", lambda: clock)
    assert cache.row("abc") is None


def test_the_cache_stays_off_outside_postgresql_and_when_turned_off(db, settings):
    from django.db import connection

    c = ActorCache()
    assert not c._enabled  # until a server process turns it on
    c.enable()
    assert c._enabled == (connection.vendor == "postgresql")
    settings.ACTOR_CACHE = False
    c.enable()
    assert not c._enabled
