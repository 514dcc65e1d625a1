"""Crash safety of sending, end to end: the real server (Granian, 2 workers) on a fresh database of the
suite's engine, a client that retries every failed send with the same Idempotency-Key, and SIGKILL of the
whole server twice while messages are in flight. Afterwards every message exists exactly once, each
recipient NCB holds exactly one delivery of it, and the audit chain still verifies.

The test makes its own database (a SQLite file, or a PostgreSQL database named relia_<random> on the
suite's server) and never touches pytest-django's test database."""

from __future__ import annotations

import http.client
import json
import queue
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from ncbnet.members.actor_cache import APPLICATION_NAME as ACTOR_CACHE_NAME
from tests import realserver
from tests.realserver import FreshDatabase, Server

pytestmark = pytest.mark.server

N = 120
SENDERS = 4  # concurrent connections of the one client, so a kill lands inside several requests
RECIPIENTS = ["NCB:DE", "NCB:ES"]
RECIPIENT_ORGS = ["NCB-DE", "NCB-ES"]
OFFICER = "relia-officer"
CLIENT_DEADLINE_S = 120.0


@pytest.fixture(scope="module")
def fresh_database(tmp_path_factory) -> Iterator[FreshDatabase]:
    with realserver.fresh_database(tmp_path_factory.mktemp("relia"), "relia") as db:
        yield db


def _ncbnet(env: dict[str, str], *args: str) -> str:
    return realserver.ncbnet(env, *args, timeout=120)


def request(method: str, url: str, token: str, body: dict | None = None, headers: dict | None = None,
            timeout: float = 10.0) -> tuple[int, dict]:
    """One HTTP exchange; an HTTP error status is returned, not raised. Transport failures raise."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        with exc:
            raw = exc.read()
        return exc.code, json.loads(raw) if raw.startswith(b"{") else {"raw": raw.decode(errors="replace")}


def draft(i: int) -> dict:
    return {"recipients": RECIPIENTS, "subject": f"Reliability check {i}",
            "body": f"Message number {i} of {N}, sent through a server that is killed twice.", "language": "en"}


# -------------------------------------------------------------------------------------------- client

@dataclass
class RetryingClient:
    """Sends msg-0..msg-(N-1) over SENDERS connections, retrying each send with the same key on any
    transport error or 5xx until the server answers 200/201. A 4xx is a definitive answer: it stops
    the client, since retrying it could never succeed."""

    base: str
    token: str
    deadline: float
    sent: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)  # key -> (status, message id)
    transport_errors: int = 0
    server_errors: int = 0
    failure: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def run(self) -> list[threading.Thread]:
        keys: queue.Queue[int] = queue.Queue()
        for i in range(N):
            keys.put(i)
        threads = [threading.Thread(target=self._sender, args=(keys,), daemon=True) for _ in range(SENDERS)]
        for t in threads:
            t.start()
        return threads

    @property
    def done(self) -> int:
        with self.lock:
            return len(self.sent)

    def _sender(self, keys: queue.Queue[int]) -> None:
        while self.failure is None:
            try:
                i = keys.get_nowait()
            except queue.Empty:
                return
            self._send_until_accepted(i)

    def _send_until_accepted(self, i: int) -> None:
        key = f"msg-{i}"
        while self.failure is None:
            if time.monotonic() > self.deadline:
                self.failure = f"{key} not accepted within {CLIENT_DEADLINE_S} s"
                return
            try:
                status, body = request("POST", f"{self.base}/api/v1/messages", self.token, draft(i),
                                       headers={"Idempotency-Key": key})
            except (OSError, http.client.HTTPException, json.JSONDecodeError):
                # refused, reset, timed out, or cut off mid-response by the kill
                with self.lock:
                    self.transport_errors += 1
                time.sleep(0.05)
                continue
            if status in (200, 201):
                with self.lock:
                    self.sent[key] = (status, body["id"])
                return
            if status >= 500:
                with self.lock:
                    self.server_errors += 1
                time.sleep(0.05)
                continue
            self.failure = f"{key}: HTTP {status} {body}"
            return


# --------------------------------------------------------------------------------------------- the run

@dataclass
class CrashRun:
    db: FreshDatabase
    server: Server
    token: str
    client: RetryingClient
    author_id: int


def _wait_for(condition, timeout: float, what: str, client: RetryingClient) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert client.failure is None, client.failure
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.005)


@pytest.fixture(scope="module")
def crash_run(fresh_database, tmp_path_factory) -> Iterator[CrashRun]:
    env = fresh_database.env
    _ncbnet(env, "migrate", "--noinput")
    _ncbnet(env, "shell", "-c", (
        "from ncbnet.members.models import Organisation, User\n"
        f"User.objects.create_user({OFFICER!r}, password=None, role='ncb_officer',"
        " organisation=Organisation.objects.get(code='NCB-FR'))"
    ))
    token = _ncbnet(env, "token", "create", OFFICER).strip().splitlines()[-1]
    server = Server(env, tmp_path_factory.mktemp("relia-log") / "server.log")
    try:
        server.start()
        server.wait_ready("/api/v1/members/me", {"Authorization": f"Bearer {token}"})
        client = RetryingClient(server.base, token, time.monotonic() + CLIENT_DEADLINE_S)
        threads = client.run()
        for fraction in (1 / 3, 2 / 3):  # kill mid-stream, twice
            _wait_for(lambda f=fraction: client.done >= N * f, CLIENT_DEADLINE_S, f"{fraction:.0%} sent", client)
            server.kill()
            time.sleep(0.5)
            server.start()
        for t in threads:
            t.join(timeout=max(0.0, client.deadline - time.monotonic()) + 15)
        assert not any(t.is_alive() for t in threads), "client did not finish"
        assert client.failure is None, f"{client.failure}\n{server.log_tail()}"
        server.wait_ready("/api/v1/members/me", {"Authorization": f"Bearer {token}"})
        [(author_id,)] = fresh_database.rows("SELECT id FROM members_user WHERE username = %s", (OFFICER,))
        yield CrashRun(fresh_database, server, token, client, author_id)
    finally:
        server.kill()


# --------------------------------------------------------------------------------------------- tests

def test_client_saw_the_server_die_mid_stream(crash_run):
    assert crash_run.server.kills == 2
    assert crash_run.client.transport_errors > 0  # the kills really interrupted the client
    assert len(crash_run.client.sent) == N


def test_every_idempotency_key_is_stored_exactly_once_after_sigkill(crash_run):
    rows = crash_run.db.rows("SELECT idempotency_key, id FROM messaging_message WHERE author_id = %s",
                             (crash_run.author_id,))
    assert len(rows) == N
    keys = Counter(k for k, _ in rows)
    assert keys == Counter({f"msg-{i}": 1 for i in range(N)})
    # the id the client was finally given for each key is the message that was stored
    assert dict(rows) == {k: mid for k, (_, mid) in crash_run.client.sent.items()}


def test_each_recipient_ncb_has_exactly_one_delivery_of_every_message(crash_run):
    rows = crash_run.db.rows(
        "SELECT d.message_id, o.code FROM messaging_delivery d"
        " JOIN messaging_message m ON m.id = d.message_id"
        " JOIN members_organisation o ON o.id = d.recipient_org_id"
        " WHERE m.author_id = %s", (crash_run.author_id,))
    per_message: dict[int, list[str]] = {}
    for message_id, org in rows:
        per_message.setdefault(message_id, []).append(org)
    assert len(per_message) == N
    assert all(sorted(orgs) == RECIPIENT_ORGS for orgs in per_message.values())


def test_each_message_has_one_send_audit_entry_and_the_chain_verifies(crash_run):
    rows = crash_run.db.rows("SELECT object_ids FROM audit_auditentry WHERE action = %s AND username = %s",
                             ("message.send", OFFICER))
    audited = Counter(mid for (ids,) in rows for mid in (json.loads(ids) if isinstance(ids, str) else ids))
    stored = {str(mid) for _, mid in crash_run.client.sent.values()}  # the audit keeps ids as strings
    assert audited == Counter({mid: 1 for mid in stored})
    out = _ncbnet(crash_run.db.env, "audit", "verify")  # exit code 0, asserted by _ncbnet
    assert "audit chain intact" in out


def test_sqlite_file_is_intact_after_sigkill(crash_run):
    if crash_run.db.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL checks its own files")
    assert crash_run.db.rows("PRAGMA integrity_check") == [("ok",)]


def test_retry_of_an_already_sent_key_returns_200_and_the_same_message(crash_run):
    key = "msg-7"
    status, body = request("POST", f"{crash_run.server.base}/api/v1/messages", crash_run.token, draft(7),
                           headers={"Idempotency-Key": key})
    assert status == 200
    assert body["id"] == crash_run.client.sent[key][1]
    [(count,)] = crash_run.db.rows("SELECT COUNT(*) FROM messaging_message WHERE author_id = %s",
                                   (crash_run.author_id,))
    assert count == N


def test_the_real_server_answers_an_identifier_check_on_its_hot_path_and_audits_it(crash_run):
    """ncbnet.wsgi's HotPath under Granian: the check is answered, audited with the client's address and token,
    and the chain still verifies (the hot path's own test compares it with Django's whole cycle)."""
    base = crash_run.server.base
    status, body = request("POST", f"{base}/api/v1/search/identifier?location=Gate%203", crash_run.token,
                           {"field": "number", "value": "ZZ9999999"})
    assert status == 200 and body["field"] == "number" and body["key"] and body["matches"] == []
    [(ip, token_id, username)] = crash_run.db.rows(
        "SELECT ip, token_id, username FROM audit_auditentry WHERE action = %s ORDER BY id DESC LIMIT 1",
        ("search.identifiers",))
    assert ip == "127.0.0.1" and token_id is not None and username == OFFICER
    status, body = request("POST", f"{base}/api/v1/search/identifier", crash_run.token, {"field": "number"})
    assert status == 422 and body["errors"][0]["field"] == "value"
    assert "chain intact" in _ncbnet(crash_run.db.env, "audit", "verify").lower()


def test_a_revoked_token_is_refused_by_the_running_server_at_once(crash_run):
    """On PostgreSQL the workers keep tokens' actors (members/actor_cache.py) until the database says they
    changed; a revocation by the administrator's command must still shut the token out of every worker."""
    env, base = crash_run.db.env, crash_run.server.base
    token = _ncbnet(env, "token", "create", OFFICER).strip().splitlines()[-1]
    check = {"field": "number", "value": "QQ1234567"}
    scans = _token_index_scans(crash_run.db)
    for _ in range(30):
        assert request("POST", f"{base}/api/v1/search/identifier", token, check)[0] == 200
    if crash_run.db.vendor == "postgresql":
        # By its name: its last statement is the LISTEN only for its first five seconds, then its health check.
        listeners = crash_run.db.rows("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
                                      (ACTOR_CACHE_NAME,))
        assert listeners[0][0] >= 1, "no worker listens for actor changes"
        time.sleep(1.5)  # the statistics reach the view at most once a second
        assert _token_index_scans(crash_run.db) - scans < 30, "every request looked its token up"
    _ncbnet(env, "token", "revoke", token.split("_")[1])
    time.sleep(0.2)
    answers = [request("POST", f"{base}/api/v1/search/identifier", token, check) for _ in range(12)]
    assert all(status == 401 and "revoked" in body["detail"] for status, body in answers), answers


def _token_index_scans(db) -> int:
    if db.vendor != "postgresql":
        return 0
    return db.rows("SELECT coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'members_apitoken'")[0][0]


def test_only_changes_that_alter_an_actor_notify_the_caches(crash_run):
    if crash_run.db.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite keeps no actors")
    import psycopg

    url = crash_run.db.postgres_url
    with psycopg.connect(url, autocommit=True) as listener, psycopg.connect(url, autocommit=True) as writer:
        listener.execute("LISTEN ncbnet_actors")

        def heard() -> list[str]:
            return [n.payload for n in listener.notifies(timeout=0.5)]

        writer.execute("UPDATE members_apitoken SET last_used_at = now()")
        writer.execute("UPDATE members_user SET last_login = now(), failed_logins = 0")
        assert heard() == []
        writer.execute("UPDATE members_user SET clearance = clearance + 1 WHERE username = %s", (OFFICER,))
        assert heard() == ["members_user"]
        writer.execute("UPDATE members_user SET clearance = clearance - 1 WHERE username = %s", (OFFICER,))
        writer.execute("UPDATE members_organisation SET name = name WHERE code = 'NCB-FR'")
        assert heard() == ["members_user", "members_organisation"]
        with writer.transaction(force_rollback=True):
            writer.execute("UPDATE members_apitoken SET revoked_at = now()")
        assert heard() == []  # rolled back: nothing to forget
        writer.execute("UPDATE members_agencyauthorisation SET may_contribute = may_contribute")
        assert heard() == ["members_agencyauthorisation"]
