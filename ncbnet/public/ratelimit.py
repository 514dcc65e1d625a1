"""Per-client rate limit of the public site and API: a token bucket per client address, in this process.

Each address may make ``PUBLIC_RATE_LIMIT`` requests a minute, in bursts of up to that many; the bucket refills
continuously. The count lives in the memory of each server process, so with N workers a client may get up
to N times the limit, and a restart forgets it: enough to stop one scraper from starving everyone else, and
simple. A limit shared across processes and machines belongs in front of the servers (a reverse proxy or CDN),
which is also where ``REMOTE_ADDR`` stops being the client's address (see docs/public.md).
"""

from __future__ import annotations

import math
import threading
import time


class RateLimiter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}  # client: (tokens left, when counted)
        self._swept = time.monotonic()

    def reset(self) -> None:
        with self._lock:
            self._buckets.clear()

    def admit(self, client: str, per_minute: int) -> int:
        """0 when the request may go on; otherwise the whole seconds until this client may ask again.

        A limit of 0 or less turns the limit off."""
        if per_minute <= 0:
            return 0
        rate = per_minute / 60.0
        now = time.monotonic()
        with self._lock:
            tokens, then = self._buckets.get(client, (float(per_minute), now))
            tokens = min(float(per_minute), tokens + (now - then) * rate)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                wait = 0
            else:
                self._buckets[client] = (tokens, now)
                wait = max(1, math.ceil((1.0 - tokens) / rate))
            if now - self._swept > 60.0:
                self._sweep(now, rate, per_minute)
        return wait

    def _sweep(self, now: float, rate: float, per_minute: int) -> None:
        """Forget clients whose bucket has refilled: they are as if never seen."""
        self._swept = now
        full = [c for c, (tokens, then) in self._buckets.items() if tokens + (now - then) * rate >= per_minute]
        for client in full:
            del self._buckets[client]


LIMITER = RateLimiter()
