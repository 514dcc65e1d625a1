"""SQLite: a message's full-text entry is written after the message, in batches (ncbnet/messaging/fulltext.py,
migration messaging/0005): a search still finds every message written before it; an edit or a deletion before or
after the entry is written leaves the index right; each server process's checkpoint thread writes what waits,
holding the writer gate, and waits for the next second when another writer holds it."""

from __future__ import annotations

import fcntl
import os
import sqlite3

import pytest
from django.conf import settings
from django.db import connection

from ncbnet.messaging import services
from ncbnet.messaging.fulltext import index_waiting_in_background
from ncbnet.messaging.models import Message
from ncbnet.sqlite import base

pytestmark = pytest.mark.skipif("sqlite" not in settings.DATABASES["default"]["ENGINE"],
                                reason="SQLite's FTS5 index; PostgreSQL's tsvector is written with its row")


def _indexed_upto() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT upto FROM messaging_fts_indexed WHERE id = 1")
        return cursor.fetchone()[0]


def _matching(word: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM messaging_message_fts WHERE messaging_message_fts MATCH %s ORDER BY rowid",
                       [f'"{word}"'])
        return [r[0] for r in cursor.fetchall()]


def _intact() -> None:
    with connection.cursor() as cursor:  # raises on an index that disagrees with the messages
        cursor.execute("INSERT INTO messaging_message_fts(messaging_message_fts, rank) VALUES ('integrity-check', 1)")


def test_a_send_writes_no_entry_and_the_next_search_finds_it_all_the_same(world):
    fr, de = world.officer("FR"), world.officer("DE")
    msg = world.send(fr, ["NCB:DE"], subject="Quetzalcoatl", body="Stolen jade mask seen in Antwerp.")
    assert _indexed_upto() < msg.pk and _matching("quetzalcoatl") == []  # written after, not with the message
    found = services.search(world.actor(de), "quetzalcoatl jade")
    assert [m.pk for m in found.items] == [msg.pk]
    assert _indexed_upto() >= msg.pk and _matching("quetzalcoatl") == [msg.pk]
    _intact()


def _delete(msg: Message) -> None:
    """Messages are kept (their deliveries protect them); a database administrator's deletion, then."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM messaging_delivery WHERE message_id = %s", [msg.pk])
        cursor.execute("DELETE FROM messaging_message WHERE id = %s", [msg.pk])


def test_edits_and_deletions_before_and_after_the_entry_leave_the_index_right(world):
    fr, de = world.officer("FR"), world.officer("DE")
    early = world.send(fr, ["NCB:DE"], subject="Obsidian", body="First version.")
    gone_early = world.send(fr, ["NCB:DE"], subject="Obsidian", body="Withdrawn before it was indexed.")
    Message.objects.filter(pk=early.pk).update(subject="Turquoise")  # before its entry: no trigger
    _delete(gone_early)
    services.search(world.actor(de), "turquoise")  # indexes what waits
    assert _matching("turquoise") == [early.pk] and _matching("obsidian") == []
    Message.objects.filter(pk=early.pk).update(subject="Malachite")  # after its entry: the trigger follows it
    late = world.send(fr, ["NCB:DE"], subject="Malachite", body="Second.")
    services.search(world.actor(de), "malachite")
    assert _matching("malachite") == [early.pk, late.pk] and _matching("turquoise") == []
    _delete(late)  # after its entry
    assert _matching("malachite") == [early.pk]
    _intact()


@pytest.fixture
def database(tmp_path) -> str:
    """A file of its own, with the schema's two tables and the job's bookkeeping, committed (the test database's
    writes never commit)."""
    path = str(tmp_path / "later.sqlite3")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute("CREATE TABLE messaging_message (id INTEGER PRIMARY KEY AUTOINCREMENT, subject TEXT, body TEXT)")
    conn.execute("CREATE VIRTUAL TABLE messaging_message_fts USING fts5(subject, body, content='messaging_message',"
                 " content_rowid='id')")
    conn.execute("CREATE TABLE messaging_fts_indexed (id INTEGER PRIMARY KEY CHECK (id = 1), upto INTEGER NOT NULL)")
    conn.execute("INSERT INTO messaging_fts_indexed VALUES (1, 0)")
    conn.executemany("INSERT INTO messaging_message (subject, body) VALUES (?, ?)",
                     [("Lapis", "one"), ("Lapis", "two"), ("Onyx", "three")])
    conn.close()
    return path


def test_the_checkpoint_thread_writes_what_waits_holding_the_gate_or_waits_for_the_next_second(database, monkeypatch):
    monkeypatch.setattr(base, "_every_second", [])
    base.every_second(index_waiting_in_background)
    base.every_second(index_waiting_in_background)  # registered once
    seen_gate: list[bool] = []

    def gate_is_held(conn):
        probe = os.open(database + ".writelock", os.O_RDWR)
        try:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
            seen_gate.append(False)
        except BlockingIOError:
            seen_gate.append(True)
        finally:
            os.close(probe)
        assert conn.in_transaction

    base.every_second(gate_is_held)
    assert len(base._every_second) == 2
    conn = sqlite3.connect(database, isolation_level=None)
    gate = os.open(database + ".writelock", os.O_RDWR | os.O_CREAT, 0o600)
    holder = os.open(database + ".writelock", os.O_RDWR)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)  # another writer holds the gate: the job waits for the next second
        base._run_jobs(conn, gate)
        assert seen_gate == [] and conn.execute("SELECT upto FROM messaging_fts_indexed").fetchone() == (0,)
        fcntl.flock(holder, fcntl.LOCK_UN)
        base._run_jobs(conn, gate)
        assert seen_gate == [True]
        assert conn.execute("SELECT upto FROM messaging_fts_indexed").fetchone() == (3,)
        assert [r[0] for r in conn.execute("SELECT rowid FROM messaging_message_fts WHERE messaging_message_fts "
                                           "MATCH 'lapis' ORDER BY rowid")] == [1, 2]
        fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)  # not left held (raises if it were)
        fcntl.flock(holder, fcntl.LOCK_UN)
        conn.execute("INSERT INTO messaging_message (subject, body) VALUES ('Jet', 'four')")

        def fails(conn):
            raise sqlite3.OperationalError("disk I/O error")

        base.every_second(fails)
        with pytest.raises(sqlite3.OperationalError):
            base._run_jobs(conn, gate)
        assert not conn.in_transaction  # rolled back: the entry written before the failure is gone with it
        assert conn.execute("SELECT upto FROM messaging_fts_indexed").fetchone() == (3,)
        fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(holder, fcntl.LOCK_UN)
    finally:
        for fd in (gate, holder):
            os.close(fd)
        conn.close()
