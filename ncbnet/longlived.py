"""Keeping Python's cycle collector off the objects a server process keeps for its whole life.

A full collection walks every tracked object of the process. With Django loaded that is a few hundred thousand,
and with the person index millions: measured, a full collection paused a message to all members for 44 ms
(bench/README.md), and it comes round every few hundred requests. ``gc.freeze()`` moves every object tracked so
far into a generation the collector never walks; objects freed later are still freed by reference counting.
Called once the process has loaded what it keeps: after the WSGI application is built and after the person index
is built.

``paused()`` keeps the collector off while a bulk file is checked and loaded: every row kept for the load is a
few objects, so collections came round ever more often and walked ever more of them (a 100,000-line file spent
40% of its check in the collector; the rows hold no cycles, reference counting frees them).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


def freeze(collect: bool = True) -> None:
    """``collect``: first clear what is already garbage (skip it on a huge heap where that walk is the cost)."""
    if collect:
        gc.collect()
    gc.freeze()


_pauses = 0
_enable_after = False
_pauses_lock = threading.Lock()


@contextmanager
def paused() -> Iterator[None]:
    """No automatic cycle collection inside the block (nested or concurrent blocks: until the last one ends; then
    the collector is as the first one found it)."""
    global _pauses, _enable_after
    with _pauses_lock:
        if _pauses == 0:
            _enable_after = gc.isenabled()
        _pauses += 1
        gc.disable()
    try:
        yield
    finally:
        with _pauses_lock:
            _pauses -= 1
            if _pauses == 0 and _enable_after:
                gc.enable()
