"""Group commit: the durable writes that threads of one process make at the same moment share one
transaction, and so one flush of the log to disk.

Every send and every search must be on disk (with its audit entry) before its caller hears back: one
fsync per commit. SQLite writes one transaction at a time, so a commit cannot share its fsync with
another's. Without help, a process writes at most 1 / (fsync + work) transactions a second, however
many requests wait.

``durable(fn)`` runs ``fn`` in a transaction and returns once that transaction is committed. When no
other write of this process is under way, that is all it does, on the caller's thread and connection.
When one is, the caller queues its ``fn`` and waits; as soon as the write under way has committed, the
first waiting thread becomes the leader: it takes every ``fn`` queued by then (at most ``MAX_BATCH``),
runs them one after another in ONE transaction on its own connection, commits once, and hands each
caller its own result. Each caller still returns only after its write is durable.

If any ``fn`` of a batch raises, or the commit fails, the batch is rolled back and each ``fn`` is run
again alone in its own transaction, so one bad write never costs the others theirs: each caller gets
exactly what a transaction of its own would have given it. A ``fn`` must therefore only write to the
database (no file, no network, no message to another process) and be safe to run a second time after
a rollback; it runs with the caller's context variables (the audit context, the active language).

Inside an open transaction (``connection.in_atomic_block``: a service calling another, the test
suite's per-test transaction) ``durable`` is a plain ``transaction.atomic()`` on the caller's
connection. ``settings.GROUP_COMMIT = False`` makes it that everywhere.
"""

from __future__ import annotations

import contextvars
import os
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection, transaction

T = TypeVar("T")

MAX_BATCH = 64


class _Write:
    __slots__ = ("context", "done", "error", "fn", "result", "wake")

    def __init__(self, fn: Callable[[], Any]):
        self.fn = fn
        self.context = contextvars.copy_context()
        self.wake = threading.Event()  # set once: either the write is done, or (not done) this thread is to lead
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None


class _Committer:
    """The queue of one process. A lock guards ``queue`` and ``leading``; nothing else is shared."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.queue: list[_Write] = []
        self.leading = False
        self.batches = 0
        self.writes = 0
        self.largest = 0
        self.retried = 0


_committer = _Committer()
os.register_at_fork(after_in_child=lambda: globals().update(_committer=_Committer()))


def durable(fn: Callable[[], T]) -> T:
    """Run ``fn()`` in a transaction and return its result once that transaction is committed (see the module
    docstring for how concurrent calls share a commit)."""
    if connection.in_atomic_block or not getattr(settings, "GROUP_COMMIT", True):
        with transaction.atomic():
            return fn()
    c = _committer
    write = _Write(fn)
    with c.lock:
        c.queue.append(write)
        lead = not c.leading
        c.leading = True
    if not lead:
        write.wake.wait()
        lead = not write.done
    if lead:
        _lead(c)
    if write.error is not None:
        raise write.error
    return write.result


def statistics() -> dict[str, int]:
    """How this process's writes were grouped: transactions committed, writes in them, the largest batch, and the
    writes run again alone after a batch failed."""
    c = _committer
    return {"batches": c.batches, "writes": c.writes, "largest": c.largest, "retried": c.retried}


def _lead(c: _Committer) -> None:
    with c.lock:
        batch = c.queue[:MAX_BATCH]
        del c.queue[:MAX_BATCH]
    try:
        _commit(c, batch)
    except BaseException as exc:  # noqa: BLE001 -- not an Exception (KeyboardInterrupt...): every waiter hears it
        for w in batch:
            if not w.done and w.error is None:
                w.error = exc
        raise
    finally:
        with c.lock:
            if c.queue:
                c.queue[0].wake.set()  # stays queued: its thread leads the next batch, itself included
            else:
                c.leading = False
        for w in batch:
            w.done = True
            w.wake.set()


def _commit(c: _Committer, batch: list[_Write]) -> None:
    if len(batch) > 1:
        try:
            with transaction.atomic():
                results = [w.context.run(w.fn) for w in batch]
        except Exception:  # noqa: BLE001 -- one write failed or the commit did: each again alone, below
            c.retried += len(batch)
        else:
            for w, result in zip(batch, results, strict=True):
                w.result = result
            _committed(c, len(batch))
            return
    for w in batch:
        try:
            with transaction.atomic():
                w.result = w.context.run(w.fn)
        except Exception as exc:  # noqa: BLE001 -- handed to the caller, raised on its own thread
            w.error = exc
        else:
            _committed(c, 1)


def _committed(c: _Committer, writes: int) -> None:
    c.batches += 1
    c.writes += writes
    c.largest = max(c.largest, writes)


def durable_statement(fn: Callable[[], T]) -> T:
    """Run ``fn``, which writes with ONE statement (PostgreSQL: a write and its audit entry as CTEs). Outside a
    transaction that statement is a transaction of its own, durable when the database answers: no BEGIN, no
    COMMIT, and nothing to share. Inside the caller's transaction it runs in a savepoint, so that a refused
    statement (a reused idempotency key) leaves the caller's transaction usable, as ``durable`` would."""
    if connection.in_atomic_block:
        with transaction.atomic():
            return fn()
    return fn()
