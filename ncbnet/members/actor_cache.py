"""API tokens' actors kept in each server process, on PostgreSQL, for as long as the database says nothing changed.

Every API request with a token needs its actor: the token, its user, the user's organisation and, for an
agency, its authorisation (``services._ACTOR_BY_TOKEN``, one four-table query). That answer changes a few
times a day, yet asking for it cost every request a database round trip and about 0.2 ms of CPU on the two
sides. This keeps the query's row per token prefix; ``services.actor_for_token`` still checks the secret's
digest, revocation, expiry, the account and the authorisation's dates on the row at every use.

The cache is right only while the database tells it of every change, so:

- triggers (migration ``members/0005``) send ``NOTIFY ncbnet_actors`` in the transaction that changes what an
  actor is made of: a token's digest, prefix, user, expiry or revocation (not its last use); a user's name,
  role, clearance, organisation or activity; any organisation; any agency authorisation. PostgreSQL delivers
  it at commit to every listener;
- each server process runs one listener thread on a connection of its own; any notification empties the
  cache. While the listener is not listening (starting, connection lost, health check failed) nothing is
  kept, and every request asks the database;
- a row fetched while a notification arrived is not kept (a generation counter), so a change committed
  during a look-up cannot leave the old answer behind;
- rows also lapse after ``TTL_SECONDS`` whatever the listener hears.

A revoked token therefore stops working once the listener has heard of the commit (milliseconds) rather than
at the commit itself. Only server processes turn the cache on (``ncbnet/wsgi.py``); on SQLite, which has no
notifications, it stays off and the look-up (in-process there, about 0.1 ms) is made every time.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any

CHANNEL = "ncbnet_actors"
APPLICATION_NAME = "ncbnet actor cache"
TTL_SECONDS = 60.0
HEALTH_SECONDS = 5.0  # the listener checks its connection this often when nothing arrives
MAX_ENTRIES = 20_000  # tokens in use at once; past this the cache starts again empty

log = logging.getLogger(__name__)


class ActorCache:
    def __init__(self) -> None:
        self._rows: dict[str, tuple[tuple, float]] = {}  # prefix -> (row, monotonic time fetched)
        self._lock = threading.Lock()
        self._generation = 0
        self._listening = False
        self._enabled = False
        self._pid: int | None = None

    # ------------------------------------------------------------------------------------------ use

    def enable(self) -> None:
        """For server processes: keep actors from now on, if the database can say when they change."""
        from django.conf import settings
        from django.db import connection

        self._enabled = connection.vendor == "postgresql" and settings.ACTOR_CACHE

    @property
    def listening(self) -> bool:
        return self._listening

    def generation(self) -> int:
        """Read before a look-up and hand to ``keep``: a notification in between makes the row unkept."""
        self._start_listener()
        return self._generation

    def row(self, prefix: str) -> tuple | None:
        if not self._listening:
            return None
        found = self._rows.get(prefix)
        if found is None or time.monotonic() - found[1] > TTL_SECONDS:
            return None
        return found[0]

    def keep(self, prefix: str, row: tuple, generation: int) -> None:
        with self._lock:
            if not self._listening or generation != self._generation:
                return
            if len(self._rows) >= MAX_ENTRIES:
                self._rows.clear()
            self._rows[prefix] = (row, time.monotonic())

    def touched(self, prefix: str, index: int, value: Any) -> None:
        """The token's last use was written: the kept row says so too (that write notifies no one)."""
        with self._lock:
            found = self._rows.get(prefix)
            if found is not None:
                row = list(found[0])
                row[index] = value
                self._rows[prefix] = (tuple(row), found[1])

    def invalidate(self, *, listening: bool) -> None:
        with self._lock:
            self._rows.clear()
            self._generation += 1
            self._listening = listening

    # ------------------------------------------------------------------------------------ listener

    def _start_listener(self) -> None:
        if not self._enabled or self._pid == os.getpid():
            return
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid = os.getpid()  # a forked worker starts its own; the parent's thread did not come along
            self._listening = False
            self._rows.clear()
        from django.db import connection

        params = {k: v for k, v in connection.get_connection_params().items()
                  if k not in ("cursor_factory", "context", "prepare_threshold")}
        params["application_name"] = APPLICATION_NAME  # how operators (and tests) tell the listener in pg_stat_activity
        threading.Thread(target=self._listen, args=(params,), name="actor-cache", daemon=True).start()

    def _listen(self, params: dict[str, Any]) -> None:
        import psycopg

        delay = 0.5
        while True:
            conn = None
            try:
                conn = psycopg.connect(**params, autocommit=True, connect_timeout=5)
                conn.execute(f"LISTEN {CHANNEL}")
                self.invalidate(listening=True)  # from here on every change is heard
                delay = 0.5
                while True:
                    for _ in conn.notifies(timeout=HEALTH_SECONDS):
                        self.invalidate(listening=True)
                    conn.execute("SELECT 1")  # raises if the connection is gone
            except Exception as exc:  # noqa: BLE001 -- any failure: stop keeping, start again
                self.invalidate(listening=False)
                log.warning("actor cache: listener stopped (%s); every request asks the database until it is back",
                            exc)
                time.sleep(delay)
                delay = min(delay * 2, 30.0)
            finally:
                if conn is not None:
                    conn.close()


ACTORS = ActorCache()
