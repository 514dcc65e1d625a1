"""Crash safety of hits, end to end: the real server (Granian, 2 workers) on a fresh database of the suite's engine,
France's officer checking German passports over four connections (each check raises a hit on Germany's record),
and SIGKILL of the whole server twice while checks are in flight. Afterwards every hit reference a check answered
is stored; every stored hit, answered or cut off by the kill, has its message to Germany's NCB and the General
Secretariat, and exactly one search audit entry names it; and the audit chain still verifies.

The test makes its own database and never touches pytest-django's test database."""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tests import realserver
from tests.realserver import FreshDatabase, Server
from tests.test_reliability import request

pytestmark = pytest.mark.server

DOCUMENTS = 400
CLIENTS = 4
SEARCHER, OWNER = "crash-searcher", "crash-owner"
DEADLINE_S = 120.0


@dataclass
class Checker:
    """Checks the stored numbers over CLIENTS connections until told to stop, keeping each hit reference the
    server answered; a transport error (the kill) or a 5xx is retried with the next number."""

    base: str
    token: str
    answered: list[str] = field(default_factory=list)
    transport_errors: int = 0
    failure: str | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self) -> list[threading.Thread]:
        threads = [threading.Thread(target=self._check, args=(i,), daemon=True) for i in range(CLIENTS)]
        for t in threads:
            t.start()
        return threads

    def _check(self, first: int) -> None:
        i = first
        while not self.stop.is_set() and self.failure is None:
            number = f"CR{i % DOCUMENTS:07d}"
            i += CLIENTS
            try:
                status, body = request("POST", f"{self.base}/api/v1/search/identifier?location=Gate%207", self.token,
                                       {"field": "number", "value": number})
            except (OSError, http.client.HTTPException, json.JSONDecodeError):
                with self.lock:
                    self.transport_errors += 1
                time.sleep(0.02)
                continue
            if status >= 500:
                time.sleep(0.02)
                continue
            if status != 200 or len(body["matches"]) != 1 or not body["matches"][0].get("hit_reference"):
                self.failure = f"{number}: HTTP {status} {body}"
                return
            with self.lock:
                self.answered.append(body["matches"][0]["hit_reference"])

    @property
    def count(self) -> int:
        with self.lock:
            return len(self.answered)


@dataclass
class HitRun:
    db: FreshDatabase
    checker: Checker
    kills: int


@pytest.fixture(scope="module")
def hit_run(tmp_path_factory) -> Iterator[HitRun]:
    with realserver.fresh_database(tmp_path_factory.mktemp("hitcrash"), "hitcrash") as db:
        env = db.env
        realserver.ncbnet(env, "migrate", "--noinput", timeout=300)
        realserver.ncbnet(env, "shell", "-c", (
            "from ncbnet.members.models import Organisation, User\n"
            f"User.objects.create_user({SEARCHER!r}, password=None, role='ncb_officer',"
            " organisation=Organisation.objects.get(code='NCB-FR'))\n"
            f"User.objects.create_user({OWNER!r}, password=None, role='ncb_officer',"
            " organisation=Organisation.objects.get(code='NCB-DE'))"
        ))
        passports = tmp_path_factory.mktemp("hitcrash-file") / "passports.ndjson"
        passports.write_text("".join(json.dumps({
            "national_reference": f"DE-{i}", "number": f"CR{i:07d}", "issuing_country": "DEU",
            "document_type": "passport", "document_status": "stolen_from_bearer", "issue_date": "2020-01-15",
            "expiry_date": "2030-01-14"}) + "\n" for i in range(DOCUMENTS)))
        realserver.ncbnet(env, "records", "load", "travel_document", str(passports), "--user", OWNER)
        token = realserver.ncbnet(env, "token", "create", SEARCHER).strip().splitlines()[-1]
        server = Server(env, tmp_path_factory.mktemp("hitcrash-log") / "server.log")
        try:
            server.start()
            server.wait_ready("/api/v1/members/me", {"Authorization": f"Bearer {token}"})
            checker = Checker(server.base, token)
            threads = checker.run()
            deadline = time.monotonic() + DEADLINE_S
            for target in (60, 120):  # kill mid-stream, twice, once that many checks were answered
                while checker.count < target:
                    assert checker.failure is None, checker.failure
                    assert time.monotonic() < deadline, f"{checker.count} checks answered\n{server.log_tail()}"
                    time.sleep(0.005)
                server.kill()
                time.sleep(0.5)
                server.start()
            while checker.count < 180:
                assert checker.failure is None, checker.failure
                assert time.monotonic() < deadline, f"{checker.count} checks answered\n{server.log_tail()}"
                time.sleep(0.005)
            checker.stop.set()
            for t in threads:
                t.join(timeout=30)
            assert not any(t.is_alive() for t in threads), "a checker hung"
            assert checker.failure is None, f"{checker.failure}\n{server.log_tail()}"
            yield HitRun(db, checker, server.kills)
        finally:
            server.kill()


def test_the_kills_landed_while_checks_were_in_flight(hit_run):
    assert hit_run.kills == 2 and hit_run.checker.transport_errors > 0
    assert len(set(hit_run.checker.answered)) == len(hit_run.checker.answered) >= 180


def test_every_hit_a_check_answered_is_stored(hit_run):
    stored = {ref for (ref,) in hit_run.db.rows("SELECT reference FROM hits_hit")}
    assert set(hit_run.checker.answered) <= stored


def test_every_stored_hit_has_its_message_to_the_owner_and_the_ccc(hit_run):
    rows = hit_run.db.rows(
        "SELECT h.reference, m.case_reference, o.code FROM hits_hit h"
        " LEFT JOIN messaging_message m ON m.id = h.notification_id"
        " LEFT JOIN messaging_delivery d ON d.message_id = m.id"
        " LEFT JOIN members_organisation o ON o.id = d.recipient_org_id")
    told: dict[str, list[str]] = {}
    for reference, case_reference, org in rows:
        assert case_reference == reference, f"hit {reference} without its own message"
        told.setdefault(reference, []).append(org)
    assert len(told) >= len(hit_run.checker.answered)  # the answered ones, and any whose answer the kill cut off
    assert all(sorted(orgs) == ["GS", "NCB-DE"] for orgs in told.values())
    [(messages,)] = hit_run.db.rows("SELECT COUNT(*) FROM messaging_message WHERE case_reference LIKE 'HIT-%%'")
    assert messages == len(told)  # no message without its hit


def test_each_hit_is_named_by_exactly_one_search_audit_entry_and_the_chain_verifies(hit_run):
    named = Counter()
    for (query,) in hit_run.db.rows("SELECT query FROM audit_auditentry WHERE action = 'search.identifiers'"):
        named.update((json.loads(query) if isinstance(query, str) else query).get("hits", []))
    stored = {ref for (ref,) in hit_run.db.rows("SELECT reference FROM hits_hit")}
    assert named == Counter({ref: 1 for ref in stored})
    assert "audit chain intact" in realserver.ncbnet(hit_run.db.env, "audit", "verify")
