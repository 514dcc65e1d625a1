"""The real server on a database of its own, for tests that must see the whole thing run: ``ncbnet serve``
(Granian) in its own process group, on a fresh database of the suite's engine (a SQLite file, or a PostgreSQL
database made for the purpose on the suite's server), set up with the real ``ncbnet`` commands. Such tests
never touch pytest-django's test database."""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

NCBNET = [sys.executable, "-m", "ncbnet.cli"]


@dataclass
class FreshDatabase:
    """A database of the suite's engine that exists only for one test module."""

    vendor: str  # "sqlite" | "postgresql"
    env: dict[str, str] = field(repr=False)
    sqlite_path: Path | None = None
    postgres_url: str | None = None

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        if self.vendor == "sqlite":
            con = sqlite3.connect(self.sqlite_path)
            try:
                return con.execute(sql.replace("%s", "?"), params).fetchall()
            finally:
                con.close()
        import psycopg

        with psycopg.connect(self.postgres_url) as con:
            return con.execute(sql, params).fetchall()


def _postgres_server_url(dbname: str) -> str:
    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{dbname}"


@contextmanager
def fresh_database(data_dir: Path, prefix: str, **extra_env: str) -> Iterator[FreshDatabase]:
    """A new, empty database (not migrated) and the environment that points ``ncbnet`` at it (demo mode)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "NCBNET_BLOB_ROOT")}
    env.update(NCBNET_DATA_DIR=str(data_dir), NCBNET_DEMO="1", DJANGO_SETTINGS_MODULE="ncbnet.settings", **extra_env)
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        yield FreshDatabase("sqlite", env, sqlite_path=data_dir / "ncbnet.sqlite3")
        return
    import psycopg

    name = f"{prefix}_{secrets.token_hex(4)}"
    with psycopg.connect(_postgres_server_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        env["DATABASE_URL"] = _postgres_server_url(name)
        yield FreshDatabase("postgresql", env, postgres_url=env["DATABASE_URL"])
    finally:
        with psycopg.connect(_postgres_server_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def ncbnet(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    done = subprocess.run([*NCBNET, *args], env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"ncbnet {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}"
    return done.stdout


class Server:
    """`ncbnet serve` in its own process group, so one SIGKILL takes the arbiter and its workers at once."""

    def __init__(self, env: dict[str, str], log_path: Path, workers: int = 2):
        self.env = env
        self.log_path = log_path
        self.workers = workers
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.kills = 0

    def start(self) -> None:
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [*NCBNET, "serve", "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers)],
                env=self.env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True,
            )

    def kill(self) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=10)
        self.proc = None
        self.kills += 1

    def wait_ready(self, path: str, headers: dict[str, str] | None = None, timeout: float = 30.0) -> None:
        """Until ``path`` answers 200."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc is not None and self.proc.poll() is None, f"server exited:\n{self.log_tail()}"
            try:
                with urllib.request.urlopen(urllib.request.Request(f"{self.base}{path}", headers=headers or {}),
                                            timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (OSError, http.client.HTTPException, urllib.error.HTTPError):
                pass
            time.sleep(0.1)
        pytest.fail(f"server not answering after {timeout} s:\n{self.log_tail()}")

    def log_tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:]
