"""The embedded SQLite backend: Django's, plus two things a busy single-file database needs.

1. A writer gate. SQLite lets one writer at a time; a waiting writer polls with sleeps of up to 100 ms
   (sqlite3_busy_timeout), so under contention most of the time is spent asleep. Here every write
   transaction first takes an exclusive ``flock`` on ``<database>.writelock``, shared by all processes and
   threads; the next writer gets it as soon as the previous one commits. SQLite's own locking stays as
   the safety net.
2. Checkpoints off the commit path. In WAL mode the commit that crosses ``wal_autocheckpoint`` pages
   copies the log into the database file and fsyncs it: a 20-50 ms stall for one unlucky request. A
   background thread per process runs passive checkpoints every second instead; the automatic
   checkpoint stays as a backstop at a higher threshold.
"""

from __future__ import annotations

import fcntl
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


class DatabaseWrapper(sqlite_base.DatabaseWrapper):
    _gate_fd: int | None = None
    _gate_held = False

    def get_new_connection(self, conn_params):
        conn = super().get_new_connection(conn_params)
        path = str(self.settings_dict["NAME"])
        if not self.is_in_memory_db():
            conn.execute("PRAGMA wal_autocheckpoint=8000")
            _start_checkpointer(path)
            self._gate_fd = os.open(path + ".writelock", os.O_RDWR | os.O_CREAT, 0o600)
        return conn

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
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._release_gate()
            raise

    def _commit(self):
        try:
            return super()._commit()  # type: ignore[misc]
        finally:
            self._release_gate()

    def _rollback(self):
        try:
            return super()._rollback()  # type: ignore[misc]
        finally:
            self._release_gate()

    def _close(self):
        try:
            return super()._close()  # type: ignore[misc]
        finally:
            self._release_gate()
            if self._gate_fd is not None:
                os.close(self._gate_fd)
                self._gate_fd = None
