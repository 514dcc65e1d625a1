"""The embedded SQLite backend (ncbnet/sqlite/base.py): it flushes a write transaction's log after it releases the
writer gate, and before the caller hears back (3.), on a database file of its own, through the backend itself; a
writer waits for the gate another process holds, and gives up after its timeout without leaving it taken; and it
converts a statement's placeholders once per text."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
import time
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.db import OperationalError, connections, transaction

from ncbnet.sqlite import base

pytestmark = pytest.mark.skipif("sqlite" not in settings.DATABASES["default"]["ENGINE"],
                                reason="the embedded backend's own behaviour")
ALIAS = "flush_test"
FDATASYNC = os.fdatasync


@pytest.fixture
def db_file(tmp_path, django_db_blocker) -> Iterator[str]:
    """A database of its own (not the test database, whose tests run inside a transaction that never commits)."""
    path = str(tmp_path / "flush.sqlite3")
    wrapper = base.DatabaseWrapper({**connections["default"].settings_dict, "NAME": path, "TEST": {}}, ALIAS)
    connections[ALIAS] = wrapper
    with django_db_blocker.unblock():
        with wrapper.cursor() as cursor:
            cursor.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
        try:
            yield path
        finally:
            wrapper.close()
            del connections[ALIAS]


class Flushes:
    """Each fdatasync the backend makes: the file, whether the gate was free, and what another connection read."""

    def __init__(self, path: str):
        self.path = path
        self.calls: list[dict] = []

    def __call__(self, fd: int) -> None:
        gate = os.open(self.path + ".writelock", os.O_RDWR)
        try:
            fcntl.flock(gate, fcntl.LOCK_EX | fcntl.LOCK_NB)
            gate_free = True
            fcntl.flock(gate, fcntl.LOCK_UN)
        except BlockingIOError:
            gate_free = False
        finally:
            os.close(gate)
        reader = sqlite3.connect(self.path)
        try:
            seen = [r[0] for r in reader.execute("SELECT text FROM entry ORDER BY id")]
        finally:
            reader.close()
        self.calls.append({"file": os.readlink(f"/proc/self/fd/{fd}"), "gate_free": gate_free, "seen": seen})
        FDATASYNC(fd)


def synchronous() -> int:
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        return cursor.fetchone()[0]


def insert(text: str) -> None:
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("INSERT INTO entry (text) VALUES (%s)", [text])


def test_a_write_commits_under_the_gate_unflushed_and_the_log_is_flushed_after_the_gate_is_released(db_file,
                                                                                                     monkeypatch):
    flushes = Flushes(db_file)
    monkeypatch.setattr(base.os, "fdatasync", flushes)
    assert synchronous() == 2  # outside a transaction: FULL
    with transaction.atomic(using=ALIAS):
        insert("first")
        assert synchronous() == 1  # inside: NORMAL, the commit writes the log without flushing it
    # exactly one flush, of the log, made with the gate already free and the transaction already committed
    assert flushes.calls == [{"file": db_file + "-wal", "gate_free": True, "seen": ["first"]}]
    assert synchronous() == 2  # statements outside a transaction flush as they commit again
    with transaction.atomic(using=ALIAS):
        insert("second")
    assert len(flushes.calls) == 2 and flushes.calls[1]["seen"] == ["first", "second"]


def test_a_transaction_that_changed_nothing_or_rolled_back_flushes_nothing_and_leaves_the_gate_free(db_file,
                                                                                                    monkeypatch):
    flushes = Flushes(db_file)
    monkeypatch.setattr(base.os, "fdatasync", flushes)
    with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM entry")
    with pytest.raises(ZeroDivisionError), transaction.atomic(using=ALIAS):
        insert("rolled back")
        _ = 1 / 0
    assert flushes.calls == []
    assert synchronous() == 2
    reader = sqlite3.connect(db_file)
    assert reader.execute("SELECT count(*) FROM entry").fetchone()[0] == 0
    reader.close()
    gate = os.open(db_file + ".writelock", os.O_RDWR)
    fcntl.flock(gate, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises BlockingIOError if the gate were still held
    os.close(gate)


def test_a_failed_flush_reaches_the_caller_instead_of_a_success(db_file, monkeypatch):
    def failing(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(base.os, "fdatasync", failing)
    with pytest.raises(OSError, match="Input/output error"), transaction.atomic(using=ALIAS):
        insert("not known to be on disk")
    assert synchronous() == 2
    monkeypatch.undo()
    with transaction.atomic(using=ALIAS):  # the connection goes on working
        insert("next")


def test_placeholders_are_converted_as_django_does_and_once_per_statement_text(db_file):
    statement = "SELECT %s, '%%', text FROM entry WHERE text LIKE %s"
    base._qmark.cache_clear()
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("INSERT INTO entry (text) VALUES (%s)", ["100%"])
        for _ in range(3):
            cursor.execute(statement, [1, "100%"])
            assert cursor.fetchall() == [(1, "%", "100%")]
    info = base._qmark.cache_info()
    assert info.misses == 2 and info.hits == 2  # the INSERT once, the SELECT once then twice from the cache
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM entry WHERE id IN (" + ", ".join(["%s"] * 3000) + ")", list(range(3000)))
        assert cursor.fetchone() == (1,)
    assert base._qmark.cache_info().currsize == 2  # a bulk statement's long text is converted, not kept


def _hold_gate(path: str) -> int:
    """The gate taken as another process would: through an open file of its own."""
    fd = os.open(path + ".writelock", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def _gate_is_free(path: str, within: float) -> bool:
    deadline = time.monotonic() + within
    while True:
        fd = os.open(path + ".writelock", os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.flock(fd, fcntl.LOCK_UN)
            return True
        except BlockingIOError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        finally:
            os.close(fd)


def test_a_writer_waits_for_a_gate_another_holds_and_takes_it_when_released(db_file):
    wrapper = connections[ALIAS]
    other = _hold_gate(db_file)
    took = threading.Event()
    waiter = threading.Thread(target=lambda: (wrapper._acquire_gate(), took.set()))
    waiter.start()
    assert not took.wait(0.3)  # held elsewhere: it waits
    released = time.monotonic()
    fcntl.flock(other, fcntl.LOCK_UN)
    os.close(other)
    assert took.wait(5)
    assert time.monotonic() - released < 0.5
    waiter.join()
    assert not _gate_is_free(db_file, 0)  # this connection holds it now
    wrapper._release_gate()
    assert _gate_is_free(db_file, 0)


def test_a_writer_gives_up_after_the_timeout_and_the_gate_is_not_left_taken(db_file, monkeypatch):
    monkeypatch.setattr(base, "GATE_TIMEOUT_SECONDS", 0.2)
    wrapper = connections[ALIAS]
    other = _hold_gate(db_file)
    with pytest.raises(OperationalError, match="writer gate"), transaction.atomic(using=ALIAS):
        insert("never written")
    fcntl.flock(other, fcntl.LOCK_UN)
    os.close(other)
    assert _gate_is_free(db_file, 2)
    assert not wrapper._gate_held
    with transaction.atomic(using=ALIAS):
        insert("written")
    reader = sqlite3.connect(db_file)
    assert [r[0] for r in reader.execute("SELECT text FROM entry")] == ["written"]
    reader.close()
