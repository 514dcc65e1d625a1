"""Keeping Python's cycle collector off the objects a server process keeps for its whole life.

A full collection walks every tracked object of the process. With Django loaded that is a few hundred thousand,
and with the person index millions: measured, a full collection paused a message to all members for 44 ms
(bench/README.md), and it comes round every few hundred requests. ``gc.freeze()`` moves every object tracked so
far into a generation the collector never walks; objects freed later are still freed by reference counting.
Called once the process has loaded what it keeps: after the WSGI application is built and after the person index
is built.
"""

from __future__ import annotations

import gc


def freeze(collect: bool = True) -> None:
    """``collect``: first clear what is already garbage (skip it on a huge heap where that walk is the cost)."""
    if collect:
        gc.collect()
    gc.freeze()
