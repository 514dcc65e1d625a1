"""Messaging performance benchmark: a million stored messages, on SQLite and on PostgreSQL.

    .venv/bin/python bench/messaging.py [--db sqlite|postgres|both] [--messages 1000000] [--quick] [--reuse]

For each database the script builds a fresh database (SQLite: var/bench/sqlite/; PostgreSQL: the
database bench_ncbnet, dropped and recreated), migrates it, bulk-loads the stored messages (bench/corpus.py)
and then measures, through the real services and the real HTTP server:

  1. single-recipient sends through the service layer, one after another (each commit durable);
  2. single-recipient sends through POST /api/v1/messages (`ncbnet serve`, 3 workers), a few clients;
  3. a message to ALL members (195 deliveries);
  4. the first page of a busy NCB's inbox;
  5. mailbox full-text search, common and rare words in the four working languages.

Settings are read once per process from the environment, so each database is measured in its own worker
process (this script re-invoked with --worker). PostgreSQL is reached at BENCH_PG_URL
(default postgres://postgres@127.0.0.1:5432).
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import random
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from harness import ROOT, dispatch, free_port, machine, parser_for, percentile, prepare, start_server
from harness import engine as harness_engine

BENCH_DIR = ROOT / "var" / "bench"
PG_DB = "bench_ncbnet"
SEED = 20260101


# ============================================================================================ parent

def _prepare_env(db: str, reuse: bool) -> dict[str, str]:
    return prepare(db, reuse, BENCH_DIR / db, PG_DB)



def _table(r: dict) -> str:
    lines = [
        f"{r['engine']}: {r['messages']:,} messages stored, {r['deliveries']:,} deliveries "
        f"(loaded in {r['load_seconds']:.0f} s); busiest inbox {r['busy_ncb']} with {r['inbox_size']:,} deliveries",
        f"durability: {r['durability']}",
        f"{'measure':<44} {'measured':<30} {'target':<16} result",
    ]
    for f in r["figures"]:
        lines.append(f"{f['name']:<44} {f['measured']:<30} {f['target']:<16} {'PASS' if f['pass'] else 'MISS'}")
    return "\n".join(lines)


def run_parent(args: argparse.Namespace) -> int:
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    print(f"machine: {machine()}", flush=True)  # measured now, on the idle machine, and repeated in the report
    reports = []
    for db in dbs:
        env = _prepare_env(db, args.reuse)
        out = BENCH_DIR / f"{db}-results.json"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", "--db", db, "--messages", str(args.messages),
               "--results", str(out)] + (["--quick"] if args.quick else []) + (["--reuse"] if args.reuse else [])
        print(f"== {db}: {' '.join(cmd[1:])}", flush=True)
        subprocess.run(cmd, env=env, cwd=ROOT, check=True)
        reports.append(json.loads(out.read_text()))
    print()
    print(f"messaging benchmark, {machine()}, {time.strftime('%Y-%m-%d %H:%M')}"
          f"{' (quick)' if args.quick else ''}")
    for r in reports:
        print()
        print(_table(r))
    return 0 if all(f["pass"] for r in reports for f in r["figures"]) else 1


# ============================================================================================ worker



def _latency(samples: list[float]) -> str:
    return f"p50 {percentile(samples, 50) * 1000:.1f} ms, p99 {percentile(samples, 99) * 1000:.1f} ms"


def _timed(call, n: int) -> list[float]:
    out = []
    for i in range(n):
        began = time.perf_counter()
        call(i)
        out.append(time.perf_counter() - began)
    return out




class HttpSenders:
    """A few API clients on keep-alive connections, each with its own officer's token, sending for a while."""

    def __init__(self, port: int, tokens: list[tuple[str, str]], recipients: list[str], texts):
        self.port, self.tokens, self.recipients, self.texts = port, tokens, recipients, texts
        self.latencies: list[float] = []
        self.failures: list[str] = []
        self.lock = threading.Lock()

    def _client(self, sender: str, token: str, deadline: float, seed: int) -> None:
        rng = random.Random(seed)
        recipients = [c for c in self.recipients if c != sender]
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        while time.perf_counter() < deadline:
            lang, (subject, body) = self.texts(rng)
            payload = json.dumps({"recipients": [f"NCB:{rng.choice(recipients)}"], "subject": subject,
                                  "body": body, "language": lang, "crime_area": "drugs"})
            began = time.perf_counter()
            conn.request("POST", "/api/v1/messages", payload, {
                "Authorization": f"Bearer {token}", "Content-Type": "application/json",
                "Idempotency-Key": uuid.uuid4().hex})
            response = conn.getresponse()
            data = response.read()
            elapsed = time.perf_counter() - began
            with self.lock:
                if response.status == 201:
                    self.latencies.append(elapsed)
                else:
                    self.failures.append(f"{response.status} {data[:200]!r}")
        conn.close()

    def run(self, seconds: float, clients: int) -> float:
        deadline = time.perf_counter() + seconds
        began = time.perf_counter()
        threads = [threading.Thread(target=self._client, args=(*self.tokens[i % len(self.tokens)], deadline, i))
                   for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.perf_counter() - began




def run_worker(args: argparse.Namespace) -> None:
    import django

    django.setup()
    import corpus
    from django.core.management import call_command
    from django.db import connection

    from ncbnet.access.policy import Actor
    from ncbnet.members.models import Organisation, User
    from ncbnet.members.services import issue_token
    from ncbnet.messaging import services
    from ncbnet.messaging.models import Delivery, Message

    def log(text: str) -> None:
        print(f"[{args.db}] {text}", file=sys.stderr, flush=True)

    quick = args.quick
    if args.reuse:
        cast = corpus.existing_cast()
        report = corpus.LoadReport(Message.objects.count(), Delivery.objects.count(), 0.0)
    else:
        log("migrating")
        call_command("migrate", verbosity=0, interactive=False)
        cast = corpus.create_cast()
        log(f"loading {args.messages:,} messages")
        report = corpus.load(cast, args.messages, log=log)
        log(f"loaded in {report.seconds:.0f} s")

    engine, durability = harness_engine()
    if connection.vendor == "sqlite":
        durability += " (every commit fsynced)"

    actors = {c: Actor.of(User.objects.select_related("organisation").get(pk=ids[0])) for c, ids in cast.officers.items()}
    busy = cast.active[0]
    busy_actor = actors[busy]
    inbox_size = Delivery.objects.filter(recipient_org_id=cast.ncb_ids[busy]).count()
    text_rng = random.Random(SEED + 1)
    texts = corpus.TextMaker(random.Random(SEED))  # the same names as the stored corpus

    def draft_text(rng: random.Random) -> tuple[str, tuple[str, str]]:
        lang = rng.choice(("en", "fr", "es", "ar"))
        return lang, texts.message(lang)

    all_codes = sorted(cast.ncb_ids)
    senders = cast.active[:10]
    figures = []

    def figure(name: str, measured: str, target: str, ok: bool) -> None:
        figures.append({"name": name, "measured": measured, "target": target, "pass": bool(ok)})
        log(f"{name}: {measured} (target {target}) {'PASS' if ok else 'MISS'}")

    # What this process keeps from here on (Django, the corpus's cast and vocabulary) is frozen out of the cycle
    # collector's walk, as a server process freezes what it loaded at startup (ncbnet/wsgi.py, ncbnet/longlived.py).
    from ncbnet import longlived

    longlived.freeze()

    # 1. service-layer sends, one after another. The drafts are made beforehand: only the service is timed.
    def drafts(count: int, rng: random.Random) -> list[tuple[str, services.Draft]]:
        out = []
        for i in range(count):
            sender = senders[i % len(senders)]
            recipient = rng.choice(all_codes)
            while recipient == sender:
                recipient = rng.choice(all_codes)
            lang, (subject, body) = draft_text(rng)
            out.append((sender, services.Draft(subject=subject, body=body, recipients=[f"NCB:{recipient}"],
                                               language=lang, crime_area="drugs")))
        return out

    def send_all(items: list[tuple[str, services.Draft]]) -> list[float]:
        return _timed(lambda i: services.send_message(actors[items[i][0]], items[i][1]), len(items))

    send_all(drafts(50, text_rng))  # warm-up
    n = 300 if quick else 2000
    items = drafts(n, text_rng)
    began = time.perf_counter()
    lat = send_all(items)
    rate = n / (time.perf_counter() - began)
    figure("service-layer sends, 1 recipient, sequential", f"{rate:,.0f}/s ({_latency(lat)})", ">= 1,000/s",
           rate >= 1000)

    # 1b. concurrent senders, as a server's request threads are: P processes of T threads each. The threads of a
    # process share commits (ncbnet.groupcommit); processes take turns at the audit chain's head.
    def sending_process(processes: int, threads: int, count: int, seed: int) -> None:
        from ncbnet import groupcommit

        shares = [drafts(count // (processes * threads), random.Random(seed + t)) for t in range(threads)]
        latencies: list[list[float]] = [[] for _ in range(threads)]
        workers = [threading.Thread(target=lambda t=t: latencies[t].extend(send_all(shares[t])))
                   for t in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        sent = sum(len(x) for x in latencies)
        if sent != sum(len(x) for x in shares):
            raise SystemExit(f"{sum(len(x) for x in shares) - sent} sends failed")
        stats = groupcommit.statistics()
        if stats["writes"]:
            log(f"  process {seed}: {sent} sends in {stats['batches']} commits (largest {stats['largest']} sends, "
                f"{stats['retried']} run again alone)")
        else:
            log(f"  process {seed}: {sent} sends, each in its own transaction (group commit off)")

    def concurrent(processes: int, threads: int) -> None:
        count = n
        connection.close()
        fork = multiprocessing.get_context("fork")
        procs = [fork.Process(target=sending_process, args=(processes, threads, count, SEED + 100 * (p + 1)))
                 for p in range(processes)]
        began = time.perf_counter()
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        rate = count // (processes * threads) * processes * threads / (time.perf_counter() - began)
        failed = sum(1 for p in procs if p.exitcode != 0)
        label = f"{processes} processes" if threads == 1 else f"{processes} x {threads} threads"
        figure(f"service-layer sends, 1 recipient, {label}",
               f"{rate:,.0f}/s" + (f" ({failed} processes failed)" if failed else ""), ">= 1,000/s",
               rate >= 1000 and not failed)

    concurrent(2, 1)
    concurrent(1, 8)
    concurrent(2, 4)

    # 2. HTTP API sends
    tokens = [(c, issue_token(User.objects.get(pk=cast.officers[c][1]), "bench").plaintext) for c in senders[:6]]
    connection.close()
    port = free_port()
    server = start_server(port)
    try:
        http_senders = HttpSenders(port, tokens, all_codes, draft_text)
        http_senders.run(2.0, 6)  # warm-up: every worker imports and connects
        http_senders.latencies.clear()
        clients, seconds = 6, (4.0 if quick else 10.0)
        elapsed = http_senders.run(seconds, clients)
        ok = len(http_senders.latencies)
        rate = ok / elapsed
        failed = f", {len(http_senders.failures)} failed" if http_senders.failures else ""
        figure(f"HTTP API sends, 1 recipient, {clients} clients", f"{rate:,.0f}/s ({_latency(http_senders.latencies)}"
               f"{failed})", ">= 300/s", rate >= 300 and not http_senders.failures)
        if http_senders.failures:
            log(f"first failure: {http_senders.failures[0]}")
    finally:
        server.terminate()
        server.wait(timeout=30)

    # 3. a message to every member
    def broadcast(i: int) -> None:
        sender = senders[i % len(senders)]
        lang, (subject, body) = draft_text(text_rng)
        services.send_message(actors[sender], services.Draft(subject=subject, body=body, recipients=["ALL"],
                                                             language=lang, priority="urgent"))

    _timed(broadcast, 5)
    lat = _timed(broadcast, 30 if quick else 200)
    p99 = percentile(lat, 99)
    ncbs = Organisation.objects.filter(kind="ncb", is_active=True).count()
    figure(f"message to ALL ({ncbs - 1} deliveries)", _latency(lat), "p99 < 50 ms", p99 < 0.050)

    # 4. first page of a busy inbox
    _timed(lambda i: services.inbox(busy_actor, limit=50), 10)
    lat = _timed(lambda i: services.inbox(busy_actor, limit=50), 100 if quick else 500)
    figure(f"inbox first page (50), {actors[busy].organisation_code}", _latency(lat), "p99 < 30 ms",
           percentile(lat, 99) < 0.030)

    # 5. mailbox full-text search
    queries = list(corpus.COMMON_QUERIES) + texts.rare_names(9)
    per_query: dict[str, list[float]] = {q: [] for q in queries}
    hits: dict[str, int] = {}

    def search(i: int) -> None:
        q = queries[i % len(queries)]
        began = time.perf_counter()
        page = services.search(busy_actor, q, limit=50)
        per_query[q].append(time.perf_counter() - began)
        hits[q] = len(page.items)

    _timed(search, len(queries))
    for samples in per_query.values():
        samples.clear()
    lat = _timed(search, 60 if quick else 300)
    slowest = max(per_query, key=lambda q: max(per_query[q]))
    figure(f"mailbox search ({len(queries)} queries, 4 languages)", _latency(lat), "p99 < 100 ms",
           percentile(lat, 99) < 0.100)
    for q in queries:
        log(f"  search {q!r}: {hits[q]} hits on page 1, max {max(per_query[q]) * 1000:.1f} ms")
    log(f"slowest search: {slowest!r}")

    Path(args.results).write_text(json.dumps({
        "db": args.db, "engine": engine, "messages": report.messages, "deliveries": report.deliveries,
        "load_seconds": report.seconds, "durability": durability, "busy_ncb": actors[busy].organisation_code,
        "inbox_size": inbox_size, "figures": figures,
        "search_max_ms": {q: round(max(v) * 1000, 1) for q, v in per_query.items()},
    }, indent=1))


def main() -> int:
    parser = parser_for(__doc__)
    parser.add_argument("--messages", type=int, default=1_000_000, help="messages stored before measuring")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (for development)")
    parser.add_argument("--reuse", action="store_true", help="measure the database loaded by the previous run")
    args = parser.parse_args()
    return dispatch(args, run_parent, run_worker)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
