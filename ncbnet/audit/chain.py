"""Hashing and verifying the audit chain. Pure functions over plain values."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq", "at", "username", "organisation", "action", "outcome", "object_type", "object_ids", "query",
    "result_ids", "purpose", "reason", "ip", "token_id",
)


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    return value


def _json(body: Mapping[str, Any]) -> str:
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def payload(fields: Mapping[str, Any]) -> str:
    """The canonical JSON of an entry's hashed fields."""
    return _json({name: _canonical(fields[name]) for name in HASHED_FIELDS})


def entry_hash(prev_hash: str, fields: Mapping[str, Any]) -> str:
    """SHA-256 over the previous hash and a canonical JSON of the entry's fields."""
    return hashlib.sha256((prev_hash + "\n" + payload(fields)).encode("utf-8")).hexdigest()


def payload_around_seq(fields: Mapping[str, Any]) -> tuple[str, str]:
    """``payload(fields)`` as the text before and after the value of ``seq``, for a database that learns the
    position only as it appends: ``before + str(seq) + after == payload(fields)``, whatever ``fields["seq"]``."""
    body = {name: _canonical(fields[name]) for name in HASHED_FIELDS if name != "seq"}
    head = _json({k: v for k, v in body.items() if k < "seq"})
    tail = _json({k: v for k, v in body.items() if k > "seq"})
    return head[:-1] + ',"seq":', "," + tail[1:]  # both sides hold fields, so neither is "{}"


def position(lane: int, seq: int) -> str:
    """How auditors name an entry: its place in its lane ("17", or "3.17" in lane 3)."""
    return str(seq) if lane == 1 else f"{lane}.{seq}"


@dataclass(frozen=True)
class Break:
    seq: int
    problem: str
    lane: int = 1

    @property
    def position(self) -> str:
        return position(self.lane, self.seq)

    def __str__(self) -> str:
        return f"audit entry {self.position}: {self.problem}"


def verify(entries: Iterable[Mapping[str, Any]], head_seq: int | None = None, head_hash: str | None = None,
           lane: int = 1) -> Break | None:
    """Walk one lane's entries in storage order; return the first break, or None if the chain holds.

    Edited entry: its hash no longer matches its content. Deleted entry: a gap in seq, or the next
    entry's prev_hash names a hash that is not there. Inserted or reordered: seq out of order, or a
    prev_hash that does not follow.
    """
    expected_seq = 1
    prev = GENESIS
    last_seq = 0
    for e in entries:
        seq = e["seq"]
        if seq < expected_seq:
            return Break(seq, f"out of order: follows entry {expected_seq - 1}", lane)
        if seq > expected_seq:
            return Break(seq, f"entries {expected_seq}..{seq - 1} are missing (deleted)", lane)
        if e["prev_hash"] != prev:
            return Break(seq, "does not follow the previous entry (inserted, or the one before was replaced)", lane)
        if entry_hash(e["prev_hash"], e) != e["entry_hash"]:
            return Break(seq, "content does not match its hash (edited)", lane)
        prev = e["entry_hash"]
        last_seq = seq
        expected_seq += 1
    if head_seq is not None and head_seq < last_seq:
        return Break(head_seq + 1, f"the chain head says {head_seq} but entries up to {last_seq} follow (appended behind the head)", lane)
    if head_seq is not None and head_seq != last_seq:
        return Break(last_seq + 1, f"the chain ends at {last_seq} but its head says {head_seq} (entries deleted at the end)", lane)
    if head_hash is not None and head_seq and head_hash != prev:
        return Break(last_seq, "the last entry is not the one the chain head recorded", lane)
    return None
