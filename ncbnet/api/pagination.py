"""Opaque cursors for keyset pagination: the client passes back what the last page returned."""

from __future__ import annotations

import base64
import binascii

from ncbnet.api.problems import Problem


def encode(before: int | None) -> str | None:
    if before is None:
        return None
    return base64.urlsafe_b64encode(f"b:{before}".encode()).decode().rstrip("=")


def decode(cursor: str | None) -> int | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, value = raw.partition(":")
        if kind == "b" and value.isdigit():
            return int(value)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise Problem(400, "Invalid cursor", "pass back the next_cursor value of the previous page unchanged")
