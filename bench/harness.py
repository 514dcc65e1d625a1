"""What the benchmarks share: a fresh database per engine, percentiles, and the real server on a free port."""

from __future__ import annotations

import math
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")


def prepare(db: str, reuse: bool, data_dir: Path, pg_db: str) -> dict[str, str]:
    """The environment of a worker for ``db`` (sqlite or postgres); unless ``reuse``, an empty database."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "NCBNET_DATA_DIR"}}
    env["DJANGO_SETTINGS_MODULE"] = "ncbnet.settings"
    env["NCBNET_DATA_DIR"] = str(data_dir)
    if db == "postgres":
        env["DATABASE_URL"] = f"{PG_URL}/{pg_db}"
        if not reuse:
            import psycopg

            with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {pg_db} WITH (FORCE)")
                conn.execute(f"CREATE DATABASE {pg_db}")
    if not reuse:
        shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True, exist_ok=True)
    return env


def percentile(samples: list[float], p: float) -> float:
    if not samples:
        return math.nan
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    """`ncbnet serve` with 3 workers, as in production; returns once it listens."""
    ncbnet = Path(sys.executable).parent / "ncbnet"
    server = subprocess.Popen([str(ncbnet), "serve", "--bind", f"127.0.0.1:{port}", "--workers", "3"],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            if server.poll() is not None:
                raise RuntimeError("the server exited at start") from None
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("the server did not start listening")
