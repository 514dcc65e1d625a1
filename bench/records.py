"""Police-records benchmark: ten million travel documents and a million persons, on SQLite and on PostgreSQL.

    .venv/bin/python bench/records.py [--db sqlite|postgres|both] [--documents 10000000] [--persons 1000000]
                                      [--queries 2000] [--quick] [--reuse] [--skip-http] [--skip-persons]

For each database the script builds a fresh database (SQLite: var/bench-records/sqlite/; PostgreSQL: the
database bench_records, dropped and recreated), migrates it, loads travel documents and persons through the
real bulk contribution (bench/records_corpus.py) and then measures, through the real services:

  1. the bulk load rate of travel documents (each issuing country's NCB uploads its own);
  2. single document checks, one after another (half of the numbers stored, half not), each audited;
  3. document checks in batches of 1,000 (a flight's passenger list);
  4. single document checks through POST /api/v1/search/identifier (`ncbnet serve`, 3 workers);
  5. persons: bulk load, the in-memory person index (build time, memory), ranking latency and quality
     (recall@10, top-1) on generated query variants, and the full audited search path;
  6. the same variants against two baselines: brute-force rapidfuzz over every stored name, and pg_trgm.

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
import socket
import subprocess
import sys
import time
import traceback
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness import (
    ROOT,
    Figures,
    dispatch,
    engine,
    figure_lines,
    free_port,
    machine,
    parser_for,
    percentile,
    prepare,
    speed,
    start_server,
)

BENCH_DIR = ROOT / "var" / "bench-records"
PG_DB = "bench_records"
SEED = 20260301
SIZES = {"documents": (10_000_000, 200_000), "persons": (1_000_000, 50_000), "queries": (2_000, 500)}  # full, quick
SINGLE_CHECKS = 2_000  # half stored numbers, half not
BATCH_SIZE, BATCHES, BATCH_PRESENT = 1_000, 20, 0.01  # a passenger list: almost nobody is listed
HTTP_CLIENTS, HTTP_SECONDS, HTTP_RUNS = 4, 10.0, 3
FULL_PATH_QUERIES = 300  # through search_persons (database read, hits, audit)
BRUTE_FORCE_QUERIES = 200  # the rapidfuzz baseline scans every name per query: a sample


# ============================================================================================ parent

def _prepare_env(db: str, reuse: bool) -> dict[str, str]:
    return prepare(db, reuse, BENCH_DIR / db, PG_DB)



def _report(r: dict) -> str:
    lines = [f"{r['engine']}: {r['documents']:,} travel documents, {r['persons']:,} persons ({r['names']:,} names)"
             " stored", f"durability: {r['durability']}"]
    return "\n".join(lines + figure_lines(r["figures"], r["tables"]))


def run_parent(args: argparse.Namespace) -> int:
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    print(f"machine: {machine()}", flush=True)  # measured now, on the idle machine, and repeated in the report
    reports = []
    for db in dbs:
        env = _prepare_env(db, args.reuse)
        out = BENCH_DIR / f"{db}-results.json"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", "--db", db, "--documents",
               str(args.documents), "--persons", str(args.persons), "--queries", str(args.queries), "--results",
               str(out)] + (["--reuse"] if args.reuse else []) + (["--skip-http"] if args.skip_http else []) + (
                   ["--skip-persons"] if args.skip_persons else [])
        print(f"== {db}: {' '.join(cmd[1:])}", flush=True)
        subprocess.run(cmd, env=env, cwd=ROOT, check=True)
        reports.append(json.loads(out.read_text()))
    print()
    print(f"records benchmark, {machine()}, {time.strftime('%Y-%m-%d %H:%M')}{' (quick)' if args.quick else ''}")
    print(f"machine speed again at the end: {speed(again=True)}")
    print(f"command: {' '.join([Path(sys.argv[0]).name, *sys.argv[1:]])}")
    print(f"sizes: {'as loaded before (--reuse)' if args.reuse else f'{args.documents:,} documents, {args.persons:,} persons'}"
          f", {args.queries:,} person queries")
    for r in reports:
        print()
        print(_report(r))
    return 0 if all(f["pass"] is not False for r in reports for f in r["figures"]) else 1


# ============================================================================================ worker helpers



def _ms(samples: list[float], *ps: float) -> str:
    return ", ".join(f"p{p:g} {percentile(samples, p) * 1000:.1f} ms" for p in ps)


def _rss() -> int:
    """This process's resident set size in bytes (/proc/self/status VmRSS)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def _in_child(fn: Callable[..., Any], *args: Any) -> Any:
    """Run ``fn`` in a forked process and return its result: the load's memory is not counted later."""
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)

    def run() -> None:
        try:
            send.send(("ok", fn(*args)))
        except BaseException:
            send.send(("error", traceback.format_exc()))
            raise

    child = ctx.Process(target=run)
    child.start()
    send.close()
    try:
        status, value = receive.recv()
    except EOFError:
        status, value = "error", "the child process died without an answer"
    child.join()
    if status != "ok":
        raise RuntimeError(f"loading failed:\n{value}")
    return value






def _http_client(port: int, token: str, numbers: list[str], seconds: float, results: Any, lean: bool) -> None:
    """One API client on a keep-alive connection, checking one number per request for ``seconds``: with ``lean``,
    requests written ready-made to the socket and answers read by their Content-Length (a load generator that
    leaves the two cores to the server), otherwise through http.client."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    bodies = [json.dumps({"field": "number", "value": n}) for n in numbers]
    send: Callable[[int], tuple[int, bytes]]  # the body's index -> status, answer
    if lean:
        sock = socket.create_connection(("127.0.0.1", port), timeout=60)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        head = "".join(f"{k}: {v}\r\n" for k, v in {**headers, "Host": f"127.0.0.1:{port}"}.items())
        wire = [(f"POST /api/v1/search/identifier HTTP/1.1\r\n{head}Content-Length: {len(b.encode())}\r\n\r\n{b}"
                 ).encode() for b in bodies]
        reader = sock.makefile("rb")

        def send(i):  # type: ignore[misc]
            sock.sendall(wire[i])
            status = int(reader.readline().split()[1])
            length = 0
            while (line := reader.readline()) not in (b"\r\n", b""):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            return status, reader.read(length)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

        def send(i):  # type: ignore[misc]
            conn.request("POST", "/api/v1/search/identifier", bodies[i], headers)
            response = conn.getresponse()
            return response.status, response.read()
    latencies: list[float] = []
    failures: list[str] = []
    failed = i = 0
    began = time.perf_counter()
    while time.perf_counter() - began < seconds:
        t = time.perf_counter()
        status, data = send(i % len(bodies))
        elapsed = time.perf_counter() - t
        i += 1
        if status == 200 and data.startswith(b"{"):
            latencies.append(elapsed)
        else:
            failed += 1
            if len(failures) < 3:
                failures.append(f"{status} {data[:200]!r}")
    results.put((latencies, time.perf_counter() - began, failed, failures))


def _http_run(port: int, tokens: list[str], numbers: list[str], seconds: float,
              lean: bool = True) -> tuple[float, list[float], int, list[str]]:
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    clients = [ctx.Process(target=_http_client, args=(port, t, numbers[i::len(tokens)], seconds, results, lean))
               for i, t in enumerate(tokens)]
    for c in clients:
        c.start()
    answers = [results.get() for _ in clients]
    for c in clients:
        c.join()
    rate = sum(len(lat) / elapsed for lat, elapsed, _, _ in answers)
    return (rate, [x for lat, _, _, _ in answers for x in lat], sum(a[2] for a in answers),
            [f for a in answers for f in a[3]])


# ============================================================================================ loading

def _load_all(documents: int, persons: int, sample_size: int, log: Callable[[str], None]) -> tuple:
    import records_corpus as corpus

    log(f"loading {documents:,} travel documents")
    docs = corpus.load_documents(documents, log)
    log(f"loading {persons:,} persons")
    people, sample = corpus.load_persons(persons, sample_size, log)
    return docs, people, sample


def _load_figures(f: Figures, docs: Any, people: Any, names: int) -> None:
    rate = docs.records / docs.seconds if docs.seconds else 0.0
    f.add("bulk load, travel documents", f"{rate:,.0f}/s ({docs.records:,} in {docs.seconds:.0f} s, {docs.files} "
          f"files; with generating {docs.wall:.0f} s; ANALYZE {docs.analyze_seconds:.0f} s)", ">= 50,000/s",
          rate >= 50_000)
    rate = people.records / people.seconds if people.seconds else 0.0
    f.add("bulk load, persons", f"{rate:,.0f}/s ({people.records:,} persons, {names:,} names in {people.seconds:.0f} s,"
          f" {people.files} files)")


# ============================================================================================ documents

def _document_checks(f: Figures, skip_http: bool) -> None:
    import records_corpus as corpus
    from django.db import connection

    from ncbnet import longlived
    from ncbnet.members.services import issue_token
    from ncbnet.records.identifier_search import IdentifierQuery, check_identifiers

    rng = random.Random(SEED + 11)
    searcher = corpus.actor(corpus.SEARCHER)
    half = SINGLE_CHECKS // 2
    present_share = int(BATCH_SIZE * BATCHES * BATCH_PRESENT)
    present = corpus.present_numbers(half + 50 + present_share + 1000, rng)
    absent = corpus.absent_numbers(half + 50 + BATCH_SIZE * BATCHES + 1000, SEED + 12)
    f.log(f"check numbers: {len(present):,} stored, {len(absent):,} not stored")

    def check(items: list[str]) -> list:
        return check_identifiers(searcher, [IdentifierQuery("number", n) for n in items], purpose="benchmark")

    # What this process keeps from here on (Django, the generated numbers) is frozen out of the cycle collector's
    # walk, as a server process freezes what it loaded at startup (ncbnet/wsgi.py, ncbnet/longlived.py).
    longlived.freeze()

    # 2. single checks, one after another
    for n in present[:25] + absent[:25]:  # warm-up
        check([n])
    singles = [(n, True) for n in present[50:50 + half]] + [(n, False) for n in absent[50:50 + half]]
    rng.shuffle(singles)
    latencies: dict[bool, list[float]] = {True: [], False: []}
    wrong = hits = 0
    for number, stored in singles:
        t = time.perf_counter()
        answer = check([number])[0]
        latencies[stored].append(time.perf_counter() - t)
        wrong += bool(answer.matches) != stored
        hits += answer.hit
    every = latencies[True] + latencies[False]
    p99 = percentile(every, 99)
    f.add(f"document check, single, {len(every):,} in a row", f"{_ms(every, 50, 99)} (stored: {_ms(latencies[True], 99)}"
          f", {hits:,} hits; not stored: {_ms(latencies[False], 99)}){f'; {wrong} WRONG ANSWERS' if wrong else ''}",
          "p99 < 2 ms", p99 < 0.002 and not wrong)

    # 3. batches of 1,000
    pool_present = present[50 + half:50 + half + present_share]
    pool_absent = absent[50 + half:50 + half + BATCH_SIZE * BATCHES - len(pool_present)]
    pool = pool_present + pool_absent
    rng.shuffle(pool)
    batch_times: list[float] = []
    found = 0
    for b in range(BATCHES):
        t = time.perf_counter()
        answers = check(pool[b * BATCH_SIZE:(b + 1) * BATCH_SIZE])
        batch_times.append(time.perf_counter() - t)
        found += sum(bool(a.matches) for a in answers)
    checked = min(len(pool), BATCH_SIZE * BATCHES)
    rate = checked / sum(batch_times)
    f.add(f"document check, batches of {BATCH_SIZE:,}", f"{rate:,.0f}/s ({BATCHES} batches, {_ms(batch_times, 50, 99)}"
          f" per batch; {BATCH_PRESENT:.0%} stored, {found} found)", ">= 50,000/s", rate >= 50_000)

    # 4. HTTP single checks
    if skip_http:
        f.add("document check, HTTP API", "skipped (--skip-http)", ">= 1,000/s")
        return
    tokens = [issue_token(corpus.officer(corpus.SEARCHER, i), "bench", days=1).plaintext for i in range(HTTP_CLIENTS)]
    numbers = present[-1000:] + absent[-1000:]
    rng.shuffle(numbers)
    connection.close()
    port = free_port()
    server = start_server(port)
    try:
        _http_run(port, tokens, numbers, 2.0)  # warm-up: every worker imports and connects
        # Which worker each keep-alive connection lands on changes the rate by up to a fifth: several runs, each on
        # new connections, and the median.
        runs = sorted((_http_run(port, tokens, numbers, HTTP_SECONDS) for _ in range(HTTP_RUNS)), key=lambda r: r[0])
        rate, lat = runs[len(runs) // 2][:2]
        failed, failures = sum(r[2] for r in runs), [x for r in runs for x in r[3]]
        # The clients share the two cores with the server: the same run with http.client clients, which cost
        # about three times as much CPU per request, for comparison with the figures before 2026-12-05 (3).
        old = _http_run(port, tokens, numbers, HTTP_SECONDS, lean=False)
    finally:
        server.terminate()
        server.wait(timeout=30)
    f.add(f"document check, HTTP API, {HTTP_CLIENTS} clients", f"{rate:,.0f}/s median of {HTTP_RUNS} runs of "
          f"{HTTP_SECONDS:.0f} s ({', '.join(f'{r[0]:,.0f}' for r in runs)}; median run {_ms(lat, 50, 99)}; half stored"
          f"{f', {failed} FAILED: {failures[0]}' if failed else ''})", ">= 1,000/s", rate >= 1000 and not failed)
    f.add(f"  the same, {HTTP_CLIENTS} http.client clients", f"{old[0]:,.0f}/s ({_ms(old[1], 50, 99)}"
          f"{f', {old[2]} FAILED: {old[3][0]}' if old[2] else ''})")


# ============================================================================================ persons

class Outcomes:
    """Where the true person came in each query's answer, and how long the answer took."""

    def __init__(self) -> None:
        self.ranks: list[int | None] = []  # 0 = first; None = not in the ten
        self.labels: list[tuple[str, ...]] = []
        self.seconds: list[float | None] = []  # None: the query was refused

    def add(self, labels: tuple[str, ...], truth: int | None, ids: list[int], seconds: float | None) -> None:
        self.labels.append(labels or ("(unchanged)",))
        self.ranks.append(ids[:10].index(truth) if truth is not None and truth in ids[:10] else None)
        self.seconds.append(seconds)

    def _pick(self, values: list, subset: list[int] | None) -> list:
        return values if subset is None else [values[i] for i in subset]

    def latencies(self, subset: list[int] | None = None) -> list[float]:
        return [s for s in self._pick(self.seconds, subset) if s is not None]

    def refused(self) -> int:
        return sum(s is None for s in self.seconds)

    def recall(self, subset: list[int] | None = None) -> float:
        rows = self._pick(self.ranks, subset)
        return sum(r is not None for r in rows) / max(len(rows), 1)

    def top1(self, subset: list[int] | None = None) -> float:
        rows = self._pick(self.ranks, subset)
        return sum(r == 0 for r in rows) / max(len(rows), 1)

    def row(self, method: str, subset: list[int] | None = None) -> list[str]:
        lat = self.latencies(subset)
        return [method, f"{len(self._pick(self.ranks, subset)):,}", f"{self.recall(subset):.3f}",
                f"{self.top1(subset):.3f}", f"{percentile(lat, 50) * 1000:.1f} ms", f"{percentile(lat, 95) * 1000:.1f} ms"]


def _person_search(f: Figures, queries: int, sample: list) -> None:
    import records_corpus as corpus
    from anyascii import anyascii
    from django.db import connection
    from rapidfuzz import fuzz, process

    from ncbnet.demo.synthetic.person_queries import query_variants
    from ncbnet.records.person_index import person_index
    from ncbnet.records.person_search import InvalidSearch, PersonSearch, prepare, rank, search_persons

    searcher = corpus.actor(corpus.SEARCHER)
    variants = query_variants(sample, queries, SEED + 5)
    warm = query_variants(sample, 20, SEED + 6)
    truth = corpus.person_ids(p.ref for p in sample)

    def ask(v: Any) -> PersonSearch:
        return PersonSearch(names=[v.name], birth_date=v.birth or None, sex=v.sex or None,
                            nationality=v.nationality or None, top_k=10, threshold=0.0)

    # the index: build time and memory
    before = _rss()
    t = time.perf_counter()
    person_index().build()
    build = time.perf_counter() - t
    after = _rss()
    stats = person_index().stats()
    f.add("person index build", f"{build:.1f} s ({stats['persons']:,} persons, {stats['keys']:,} keys, "
          f"{stats['postings']:,} postings)")

    # ranking: the index and the scoring, no database read
    def ranked_ids(v: Any) -> tuple[list[int], float | None]:
        try:
            t = time.perf_counter()
            pq = prepare(ask(v))
            ids = [c.pk for c, _ in rank(searcher, pq, top_k=10, threshold=0.0)]
            return ids, time.perf_counter() - t
        except InvalidSearch as exc:
            f.log(f"query refused: {v.name!r}: {exc}")
            return [], None

    for v in warm:
        ranked_ids(v)
    ours = Outcomes()
    for v in variants:
        ids, seconds = ranked_ids(v)
        ours.add(tuple(v.transformations), truth.get(v.person_ref), ids, seconds)
    queried = _rss()
    f.add("person index memory", f"RSS {before / 2**20:,.0f} MB before build, +{(after - before) / 2**20:,.0f} MB "
          f"built, +{(queried - after) / 2**20:,.0f} MB after queries (caches); arrays "
          f"{stats['array_bytes'] / 2**20:,.0f} MB")
    refused = ours.refused()
    f.add(f"person ranking (prepare + rank), {len(variants):,} queries",
          _ms(ours.latencies(), 50, 95) + (f" ({refused} refused by prepare)" if refused else ""), "p95 < 50 ms",
          percentile(ours.latencies(), 95) < 0.050)
    f.add("person search recall@10", f"{ours.recall():.3f}", ">= 0.98", ours.recall() >= 0.98)
    f.add("person search top-1 precision", f"{ours.top1():.3f}", ">= 0.95", ours.top1() >= 0.95)

    # the full path: ranking, records read through the policy, hits, audit
    full: list[float] = []
    for v in variants[:FULL_PATH_QUERIES]:
        try:
            t = time.perf_counter()
            search_persons(searcher, ask(v), purpose="benchmark")
            full.append(time.perf_counter() - t)
        except InvalidSearch:
            pass
    f.add(f"person search, full path (search_persons), {len(full):,} queries", _ms(full, 50, 95), "p95 < 50 ms",
          percentile(full, 95) < 0.050)

    by_label: dict[str, list[int]] = defaultdict(list)
    by_family: dict[str, list[int]] = defaultdict(list)
    for i, labels in enumerate(ours.labels):
        for label in labels:
            by_label[label].append(i)
        for family in dict.fromkeys(label.split(":")[0] for label in labels):
            by_family[family].append(i)
    for title, groups in (("family", by_family), ("label", by_label)):
        f.table(f"recall by transformation {title} (ncbnet ranking; a query with several transformations counts "
                "under each)", [f"transformation {title}", "queries", "recall@10", "top-1"],
                [[label, f"{len(ix):,}", f"{ours.recall(ix):.3f}", f"{ours.top1(ix):.3f}"]
                 for label, ix in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))])

    # baselines on the same variants
    t = time.perf_counter()
    ids, names = corpus.stored_names()
    f.log(f"baseline choices: {len(names):,} names transliterated in {time.perf_counter() - t:.0f} s")
    sample_ix = list(range(min(BRUTE_FORCE_QUERIES, len(variants))))
    brute = Outcomes()
    for i in sample_ix:
        v = variants[i]
        t = time.perf_counter()
        found = process.extract(anyascii(v.name).lower(), names, scorer=fuzz.token_sort_ratio, limit=10)
        elapsed = time.perf_counter() - t
        brute.add(tuple(v.transformations), truth.get(v.person_ref), [ids[ix] for _, _, ix in found], elapsed)
        if (i + 1) % 50 == 0:
            f.log(f"  rapidfuzz: {i + 1} queries")
    rows = [ours.row("ncbnet rank (index + scoring)")]
    if len(sample_ix) < len(variants):
        rows.append(ours.row(f"ncbnet rank, first {len(sample_ix)}", sample_ix))
    rows.append(brute.row(f"rapidfuzz token_sort_ratio, brute force{f', first {len(sample_ix)}' if len(sample_ix) < len(variants) else ''}"))
    if connection.vendor == "postgresql":
        f.log(f"pg_trgm table and GIN index built in {corpus.build_trigram_table(ids, names):.0f} s")
        trgm = Outcomes()
        with connection.cursor() as cur:
            raw = cur.cursor
            raw.execute("SET pg_trgm.similarity_threshold = 0.3")
            for i, v in enumerate(variants):
                t = time.perf_counter()
                found_ids = corpus.trigram_search(raw, anyascii(v.name).lower())
                trgm.add(tuple(v.transformations), truth.get(v.person_ref), found_ids, time.perf_counter() - t)
                if (i + 1) % 500 == 0:
                    f.log(f"  pg_trgm: {i + 1} queries")
        rows.append(trgm.row("PostgreSQL pg_trgm (GIN, similarity >= 0.3)"))
    else:
        rows.append(["PostgreSQL pg_trgm", "n/a", "n/a", "n/a", "n/a", "n/a"])
    f.table(f"person search compared, same query variants (names only for the baselines; {len(names):,} stored names)",
            ["method", "queries", "recall@10", "top-1", "p50", "p95"], rows)


# ============================================================================================ worker

def run_worker(args: argparse.Namespace) -> None:
    import django

    django.setup()
    import records_corpus as corpus
    from django.core.management import call_command
    from django.db import connection

    from ncbnet.records.models import Person, PersonName, TravelDocument

    f = Figures(args.db)
    sample_size = max(2 * args.queries, 1000)
    if args.reuse and args.skip_persons:
        f.log("reusing the database loaded before: no load figures")
        sample = []
    elif args.reuse:
        f.log("reusing the database loaded before: no load figures")
        generated = corpus.sample_persons(Person.objects.count(), sample_size)
        sample = corpus.unchanged_persons(generated)
        if len(sample) < 0.9 * len(generated):
            raise RuntimeError(f"{len(generated) - len(sample)} of {len(generated)} persons generated again differ from "
                               "the stored ones: the person generator changed since the load; run without --reuse")
        if len(sample) < len(generated):
            f.log(f"{len(generated) - len(sample)} sampled persons differ from the stored ones (the generator changed "
                  "since the load): left out of the queries")
    else:
        f.log("migrating")
        call_command("migrate", verbosity=0, interactive=False)
        connection.close()
        docs, people, sample = _in_child(_load_all, args.documents, args.persons, sample_size, f.log)
        _load_figures(f, docs, people, PersonName.objects.count())
    engine_name, durability = engine()
    _document_checks(f, args.skip_http)
    if args.skip_persons:
        f.add("person search", "skipped (--skip-persons)", "p95 < 50 ms")
    else:
        _person_search(f, args.queries, sample)
    Path(args.results).write_text(json.dumps({
        "db": args.db, "engine": engine_name, "durability": durability, "documents": TravelDocument.objects.count(),
        "persons": Person.objects.count(), "names": PersonName.objects.count(), "figures": f.figures,
        "tables": f.tables,
    }, indent=1))


def main() -> int:
    parser = parser_for(__doc__)
    parser.add_argument("--documents", type=int, help="travel documents stored (10,000,000; --quick 200,000)")
    parser.add_argument("--persons", type=int, help="persons stored (1,000,000; --quick 50,000)")
    parser.add_argument("--queries", type=int, help="generated person queries (2,000; --quick 500)")
    parser.add_argument("--quick", action="store_true", help="small sizes, for development")
    parser.add_argument("--reuse", action="store_true", help="measure the database loaded by the previous run")
    parser.add_argument("--skip-http", action="store_true", help="leave out the HTTP API figure")
    parser.add_argument("--skip-persons", action="store_true", help="leave out the person search figures")
    args = parser.parse_args()
    for name, (full, quick) in SIZES.items():
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else full)
    return dispatch(args, run_parent, run_worker)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
