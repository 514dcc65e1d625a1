"""What the benchmarks share: a fresh database per engine, percentiles, the real server on a free port, the
machine and engine lines and the table of figures against targets."""

from __future__ import annotations

import argparse
import math
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


_speed: str | None = None


def machine() -> str:
    """The machine's size, and how fast it was (``speed``, measured once per process, at the first call)."""
    ram = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            ram = int(line.split()[1]) * 1024
    return f"{os.cpu_count()} CPU cores, {ram / 2**30:.0f} GB RAM; {speed()}"


def _memory_reading() -> float:
    """Seconds to gather 8 million random 8-byte values from a 1 GB array (best of 3): what the person index's
    look-ups wait for. On 2026-12-06 the person ranking and SQLite's figures got 25-30% slower within an hour while
    the Python workload above moved 8-13%: this reading is the one meant to follow them."""
    import numpy as np

    table = np.arange(128 * 2**20, dtype=np.int64)
    where = np.random.default_rng(20261206).integers(0, table.size, 8_000_000)
    best = math.inf
    for _ in range(3):
        t = time.perf_counter()
        int(table[where].sum())
        best = min(best, time.perf_counter() - t)
    return best


def speed(again: bool = False) -> str:
    """Readings that tell machines of the same size apart: the machines these benchmarks run on differ by half
    from one session to the next, which moves every figure. A fixed pure-Python workload (best of 5: the
    processor and the interpreter), random reads over 1 GB of memory (``_memory_reading``) and ``fdatasync`` after
    writing 4 KB and 160 KB on the benchmark's disk (p50 of 200 each: what a commit waits for). Call it on an idle
    machine, before a load; ``again`` measures anew (the same machine has read 430-552 ms within one session)."""
    global _speed
    if _speed is None or again:
        import hashlib
        import json

        def work() -> float:
            t = time.perf_counter()
            for i in range(100_000):
                row = {"number": f"P{i:08d}", "country": "FRA", "kind": "passport", "seq": i}
                hashlib.sha256(json.dumps(row, sort_keys=True).encode()).hexdigest()
            return time.perf_counter() - t

        cpu = min(work() for _ in range(5))
        memory = _memory_reading()
        path = ROOT / "var" / f"speed-{os.getpid()}"
        path.parent.mkdir(exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT)
        flushes = {}
        try:
            for kb in (4, 160):
                data, times = os.urandom(kb * 1024), []
                for i in range(200):
                    os.pwrite(fd, data, (i % 64) * kb * 1024)
                    t = time.perf_counter()
                    os.fdatasync(fd)
                    times.append(time.perf_counter() - t)
                flushes[kb] = percentile(times, 50) * 1000
        finally:
            os.close(fd)
            path.unlink()
        _speed = (f"reference Python workload {cpu * 1000:.0f} ms (best of 5), random reads over 1 GB"
                  f" {memory * 1000:.0f} ms (best of 3), fdatasync of 4 KB {flushes[4]:.2f} ms,"
                  f" of 160 KB {flushes[160]:.2f} ms (p50)")
    return _speed


def engine() -> tuple[str, str]:
    """The database engine and its durability settings, as measured (call after django.setup())."""
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("PRAGMA journal_mode")
            journal = cur.fetchone()[0]
            cur.execute("PRAGMA synchronous")
            sync = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[cur.fetchone()[0]]
            cur.execute("select sqlite_version()")
            flushed = " (write transactions: NORMAL under the writer gate, the log fdatasynced after it)" if getattr(
                connection, "_flush_late", False) else ""
            return f"SQLite {cur.fetchone()[0]}", f"SQLite journal_mode={journal}, synchronous={sync}{flushed}"
        found = {}
        for name in ("fsync", "synchronous_commit", "wal_sync_method", "server_version"):
            cur.execute(f"SHOW {name}")
            found[name] = cur.fetchone()[0]
        return (f"PostgreSQL {found['server_version']}",
                f"PostgreSQL fsync={found['fsync']}, synchronous_commit={found['synchronous_commit']}, "
                f"wal_sync_method={found['wal_sync_method']}")


def columns(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    return ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in [header, *rows]]


class Figures:
    """The figures of one database's run: each against its target (PASS/MISS, or '-' without one), plus tables."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.figures: list[dict] = []
        self.tables: list[dict] = []

    def log(self, text: str) -> None:
        print(f"[{self.db}] {text}", file=sys.stderr, flush=True)

    def add(self, name: str, measured: str, target: str = "-", ok: bool | None = None) -> None:
        self.figures.append({"name": name, "measured": measured, "target": target, "pass": ok})
        self.log(f"{name}: {measured}" + (f" (target {target}) {'PASS' if ok else 'MISS'}" if ok is not None else ""))

    def table(self, title: str, header: list[str], rows: list[list[str]]) -> None:
        self.tables.append({"title": title, "header": header, "rows": rows})
        self.log(f"table: {title}")


def figure_lines(figures: list[dict[str, Any]], tables: list[dict[str, Any]]) -> list[str]:
    rows = [[f["name"], f["measured"], f["target"], {True: "PASS", False: "MISS", None: "-"}[f["pass"]]] for f in figures]
    lines = columns(["measure", "measured", "target", "result"], rows)
    for t in tables:
        lines += ["", t["title"], *columns(t["header"], t["rows"])]
    return lines


def parser_for(doc: str | None) -> argparse.ArgumentParser:
    """A benchmark's command line: --db, plus the hidden options of its per-database worker process."""
    parser = argparse.ArgumentParser(description=(doc or "").split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--results", help=argparse.SUPPRESS)
    return parser


def dispatch(args: argparse.Namespace, parent: Callable[[argparse.Namespace], int],
             worker: Callable[[argparse.Namespace], None]) -> int:
    """Settings are read once per process: each database is measured in a worker (the script run again)."""
    if args.worker:
        worker(args)
        return 0
    return parent(args)
