"""Crash safety of a bulk load, end to end: `ncbnet records load` of a large file on a fresh database of the suite's
engine, killed with SIGKILL while it is writing (chunks already written, later lines still being checked).
Afterwards nothing of the file is stored, no audit entry claims it, the database is intact, and the same file
then loads whole.

The test makes its own database and never touches pytest-django's test database."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import realserver
from tests.realserver import NCBNET, FreshDatabase

pytestmark = pytest.mark.server

LINES = 200_000
OFFICER = "bulk-officer"


@pytest.fixture(scope="module")
def fresh_database(tmp_path_factory) -> Iterator[FreshDatabase]:
    with realserver.fresh_database(tmp_path_factory.mktemp("bulkcrash"), "bulkcrash") as db:
        realserver.ncbnet(db.env, "migrate", "--noinput", timeout=180)
        realserver.ncbnet(db.env, "shell", "-c", (
            "from ncbnet.members.models import Organisation, User\n"
            f"User.objects.create_user({OFFICER!r}, password=None, role='ncb_officer',"
            " organisation=Organisation.objects.get(code='NCB-FR'))"
        ))
        yield db


def _file(path: Path) -> Path:
    with path.open("w") as f:
        for i in range(LINES):
            f.write(json.dumps({"national_reference": f"CRASH-{i:07d}", "number": f"CR{i:07d}", "issuing_country": "FRA",
                                "document_type": "passport", "document_status": "lost", "issue_date": "2020-01-15",
                                "expiry_date": "2030-01-14"}) + "\n")
    return path


def _read_position(pid: int, path: Path) -> int:
    """How far the process has read ``path`` (Linux: /proc/<pid>/fdinfo), 0 before it opened it."""
    fds = Path(f"/proc/{pid}/fd")
    for fd in fds.iterdir():
        try:
            if os.readlink(fd) == str(path):
                for line in (Path(f"/proc/{pid}/fdinfo") / fd.name).read_text().splitlines():
                    if line.startswith("pos:"):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


def test_a_bulk_load_killed_while_writing_leaves_nothing_and_the_file_then_loads_whole(fresh_database, tmp_path):
    db = fresh_database
    data = _file(tmp_path / "passports.ndjson")
    size = data.stat().st_size
    load = subprocess.Popen([*NCBNET, "records", "load", "travel_document", str(data), "--user", OFFICER],
                            env=db.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while _read_position(load.pid, data) < size * 0.6:  # well into the file: earlier chunks are written
            assert load.poll() is None, f"the load ended before it was killed: {load.communicate()}"
            assert time.monotonic() < deadline, "the load did not get through 60% of the file in 120 s"
            time.sleep(0.02)
        os.killpg(load.pid, signal.SIGKILL)
    finally:
        load.kill()
        load.wait(timeout=30)
    assert load.returncode == -signal.SIGKILL
    assert db.rows("SELECT COUNT(*) FROM records_traveldocument") == [(0,)]
    assert db.rows("SELECT COUNT(*) FROM audit_auditentry WHERE action = %s", ("travel_document.bulk_load",)) == [(0,)]
    if db.vendor == "sqlite":
        assert db.rows("PRAGMA integrity_check") == [("ok",)]
    out = realserver.ncbnet(db.env, "records", "load", "travel_document", str(data), "--user", OFFICER, timeout=300)
    assert f"loaded {LINES} travel_document records" in out
    assert db.rows("SELECT COUNT(*), MIN(national_reference), MAX(national_reference) FROM records_traveldocument") \
        == [(LINES, "CRASH-0000000", f"CRASH-{LINES - 1:07d}")]
    realserver.ncbnet(db.env, "audit", "verify")  # exit code 0: the chain is whole
