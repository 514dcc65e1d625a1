"""The embedded SQLite backend: Django's, plus three things a busy single-file database needs.

1. A writer gate. SQLite lets one writer at a time; a waiting writer polls with sleeps of up to 100 ms
   (sqlite3_busy_timeout), so under contention most of the time is spent asleep. Here every write
   transaction first takes an exclusive ``flock`` on ``<database>.writelock``, shared by all processes and
   threads; the next writer gets it as soon as the previous one commits. SQLite's own locking stays as
   the safety net.
2. Checkpoints off the commit path. In WAL mode the commit that crosses ``wal_autocheckpoint`` pages
   copies the log into the database file and fsyncs it: a 20-50 ms stall for one unlucky request. A
   background thread per process runs passive checkpoints every second instead; the automatic
   checkpoint stays as a backstop at a higher threshold.
3. The log flushed after the gate is released. With ``synchronous=FULL`` every commit fsyncs the log while it
   holds the one writer's lock, so the next writer waits for the disk as well as for the work: measured, the
   flush was half the time the gate was held. Here a transaction under the gate commits with
   ``synchronous=NORMAL`` (its frames are written to the log, not flushed), releases the gate, then flushes the
   log with ``fdatasync`` before ``commit`` returns: the caller still hears back only once its transaction is on
   disk, and the next writer works while the disk flushes. After a power cut the log replays a prefix of the
   commit order (SQLite's frame checksums chain), so nothing that committed after a lost transaction survives
   it; and every answer of the service that read data (an audited read) wrote, and flushed, its own audit entry
   after that data, so nothing an answer showed can be lost. What a reader sees without writing may be on disk up
   to one flush (about a millisecond) after it is visible. Statements outside a transaction (autocommit) keep
   ``synchronous=FULL``.
"""

from __future__ import annotations

import fcntl
import functools
import os
import threading
import time

from django.db.backends.sqlite3 import base as sqlite_base
from django.db.utils import OperationalError

GATE_TIMEOUT_SECONDS = 30.0
CHECKPOINT_INTERVAL_SECONDS = 1.0
_checkpointers: dict[str, threading.Thread] = {}
_checkpointers_lock = threading.Lock()


def _checkpoint_forever(path: str) -> None:
    import sqlite3

    conn = sqlite3.connect(path, timeout=5, check_same_thread=False, isolation_level=None)
    while True:
        time.sleep(CHECKPOINT_INTERVAL_SECONDS)
        try:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:
            pass  # busy or the file went away (tests): try again next time; the backstop still applies


def _start_checkpointer(path: str) -> None:
    with _checkpointers_lock:
        thread = _checkpointers.get(path)
        if thread is not None and thread.is_alive():
            return
        thread = threading.Thread(target=_checkpoint_forever, args=(path,), name="sqlite-checkpoint", daemon=True)
        thread.start()
        _checkpointers[path] = thread


_QMARK_CACHED = 8192  # longer texts (bulk statements) are converted each time: the cache holds at most ~8 MB


@functools.lru_cache(maxsize=1024)
def _qmark(query: str) -> str:
    return sqlite_base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


class CursorWrapper(sqlite_base.SQLiteCursorWrapper):
    """Django's "format" to "qmark" conversion once per statement text: a regular expression over the whole text on
    every execute cost about 9 us for a message's INSERT, one of a hit's 8 statements (the hot statements are module
    constants)."""

    def convert_query(self, query, *, param_names=None):
        if param_names is None and len(query) < _QMARK_CACHED:
            return _qmark(query)
        return super().convert_query(query, param_names=param_names)  # type: ignore[misc]


class DatabaseWrapper(sqlite_base.DatabaseWrapper):
    _gate_fd: int | None = None
    _gate_held = False
    _flush_late = False  # the connection is in WAL mode with synchronous=FULL: 3. above applies
    _wal_fd: int | None = None  # the log, opened at the first flush (a new database has none before its first write)
    _flush_after = False  # the transaction under way commits unflushed and flushes the log after the gate
    _changes_before = 0  # rows the connection had changed when the transaction began

    def get_new_connection(self, conn_params):
        conn = super().get_new_connection(conn_params)
        path = str(self.settings_dict["NAME"])
        if not self.is_in_memory_db():
            conn.execute("PRAGMA wal_autocheckpoint=8000")
            _start_checkpointer(path)
            self._gate_fd = os.open(path + ".writelock", os.O_RDWR | os.O_CREAT, 0o600)
            self._flush_late = (conn.execute("PRAGMA synchronous").fetchone()[0] >= 2
                                and conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal")
        return conn

    def create_cursor(self, name=None):
        return self.connection.cursor(factory=CursorWrapper)

    def _acquire_gate(self) -> None:
        if self._gate_fd is None or self._gate_held:
            return
        delay, deadline = 0.00005, time.monotonic() + GATE_TIMEOUT_SECONDS
        while True:
            try:
                fcntl.flock(self._gate_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._gate_held = True
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OperationalError("database is locked (writer gate)") from None
                time.sleep(delay)
                delay = min(delay * 2, 0.001)

    def _release_gate(self) -> None:
        if self._gate_held and self._gate_fd is not None:
            fcntl.flock(self._gate_fd, fcntl.LOCK_UN)
            self._gate_held = False

    def _start_transaction_under_autocommit(self):
        self._acquire_gate()
        try:
            if self._flush_late:
                self.connection.execute("PRAGMA synchronous=NORMAL")
                self._flush_after, self._changes_before = True, self.connection.total_changes
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._end_transaction()
            raise

    def _commit(self):
        # A transaction that changed no row (a read under atomic) wrote nothing to flush. (DDL alone changes no row;
        # a migration also records itself in django_migrations.)
        flush = self._flush_after and self.connection.total_changes != self._changes_before
        try:
            result = super()._commit()  # type: ignore[misc]
        except BaseException:
            self._end_transaction()  # the transaction is still open: Django rolls it back
            raise
        self._end_transaction()
        if flush:  # outside the gate; the caller hears back once the log is on disk
            if self._wal_fd is None:
                self._wal_fd = os.open(str(self.settings_dict["NAME"]) + "-wal", os.O_RDONLY)
            os.fdatasync(self._wal_fd)
        return result

    def _rollback(self):
        try:
            return super()._rollback()  # type: ignore[misc]
        finally:
            self._end_transaction()

    def _end_transaction(self) -> None:
        """Release the gate; what runs outside a transaction from here on flushes as it commits (FULL)."""
        try:
            if self._flush_after and self.connection is not None and not self.connection.in_transaction:
                self.connection.execute("PRAGMA synchronous=FULL")
                self._flush_after = False
        finally:
            self._release_gate()

    def _close(self):
        try:
            return super()._close()  # type: ignore[misc]
        finally:
            self._release_gate()
            self._flush_after = False
            for name in ("_gate_fd", "_wal_fd"):
                fd = getattr(self, name)
                if fd is not None:
                    os.close(fd)
                    setattr(self, name, None)
