"""Public notices benchmark: the public API over HTTP with 100,000 published notices, on SQLite and PostgreSQL.

    .venv/bin/python bench/notices_public.py [--db sqlite|postgres|both] [--notices 100000] [--seconds 10]

For each database: a fresh database (SQLite: var/bench-public/sqlite/; PostgreSQL: bench_public, dropped and
recreated), migrated, then ``--notices`` published notices written with bulk_create, of every type (Red 60%,
Yellow 12%, Blue 10%, UN 5%, the others 13%), of which 7% have a public extract (Red, Yellow and UN, as the
requesting countries consented): the subjects are ncbnet.demo.synthetic persons, the extracts built by the real
``notices.extracts.extract_fields``. Then, through the real server (``ncbnet serve``, 3 workers of 4 threads)
on keep-alive connections (http.client):

  1. latency, one client asking one request after another: a list without filter (a random page of a random
     type), a list with filters (name, forename, nationality, age range, sex, warrant country, free text, and
     combinations, drawn from the stored extracts), a notice's detail; p50/p99; target p99 under 20 ms;
  2. throughput, 4 client processes for ``--seconds``: without caching (9,000 mostly distinct URLs, every
     answer in full, built afresh), and with caching (500 popular URLs; each client has asked its pool once
     before the clock starts, keeps each URL's ETag and sends it back in If-None-Match, so the answers are 304,
     given from the server's answer cache after one read of the catalogue version); target 500 requests a
     second with caching.

The latency runs ask each URL about once, so they measure answers built afresh, not the answer cache.

The rate limit stays on, set out of reach (NCBNET_PUBLIC_RATE_LIMIT=100000000): its cost is measured, not its
refusals.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

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
    start_server,
)

BENCH_DIR = ROOT / "var" / "bench-public"
PG_DB = "bench_public"
SEED = 20261126
MIX = {"red": 60, "yellow": 12, "blue": 10, "green": 5, "black": 2, "orange": 2, "purple": 2, "silver": 2, "un": 5}
PUBLIC_SHARE = {"red": 5 / 60, "yellow": 1.5 / 12, "un": 0.5 / 5}  # 5% + 1.5% + 0.5% = 7% of all notices
LATENCY_REQUESTS, WARM_UP = 1000, 100
CLIENTS, CACHED_POOL = 4, 500
TARGET_P99_MS, TARGET_RATE = 20.0, 500
CHARGES = ["armed robbery", "homicide", "fraude en bande organisée", "tráfico de drogas", "money laundering",
           "kidnapping", "extorsion", "trata de personas", "cybercrime", "murder", "rape", "terrorism financing"]
WORDS = "the subject was seen leaving the premises with two accomplices before the vehicle was found burnt".split()


def run_parent(args: argparse.Namespace) -> int:
    reports = []
    for db in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
        env = prepare(db, False, BENCH_DIR / db, PG_DB)
        env["NCBNET_PUBLIC_RATE_LIMIT"] = "100000000"
        out = BENCH_DIR / f"{db}-results.json"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", "--db", db, "--notices", str(args.notices),
               "--seconds", str(args.seconds), "--results", str(out)]
        print(f"== {db}: {' '.join(cmd[1:])}", flush=True)
        subprocess.run(cmd, env=env, cwd=ROOT, check=True)
        reports.append(json.loads(out.read_text()))
    print(f"\npublic notices benchmark, {machine()}, {time.strftime('%Y-%m-%d %H:%M')}")
    print(f"command: {' '.join([Path(sys.argv[0]).name, *sys.argv[1:]])}")
    for r in reports:
        print(f"\n{r['engine']}: {r['notices']:,} published notices, {r['extracts']:,} public extracts "
              f"({r['by_type']}); loaded in {r['load_seconds']:.0f} s; durability: {r['durability']}")
        print("\n".join(figure_lines(r["figures"], r["tables"])))
    return 0 if all(f["pass"] is not False for r in reports for f in r["figures"]) else 1


# ============================================================================================ loading

def _content(kind: str, rng: random.Random, owner: str) -> dict:
    summary = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 120)))
    if kind == "red":
        return {"summary": summary, "sought_for": "prosecution", "extradition_assurance": True,
                "charges": [{"description": rng.choice(CHARGES), "law": f"art. {rng.randint(1, 900)}",
                             "maximum_penalty_months": 120, "translation": ""} for _ in range(rng.randint(1, 4))],
                "warrants": [{"kind": "arrest_warrant", "authority": "Tribunal", "issued_on": "2025-01-02",
                              "reference": f"W-{rng.randint(1, 10**6)}",
                              "issuing_country": owner if rng.random() < 0.9 else None}]}
    if kind == "yellow":
        return {"summary": summary, "reason": "missing", "disappeared_on": "2025-06-01", "disappeared_at": "Lyon"}
    if kind == "un":
        return {"summary": summary, "committee": "1267", "un_reference": f"QDi.{rng.randint(1, 999)}",
                "sanctions": ["asset_freeze", "travel_ban"]}
    return {"summary": summary}


def _latest_birth(recorded: str) -> date | None:
    """The latest possible date of birth of 1980, 1980-05 or 1980-05-17."""
    parts = [int(p) for p in recorded.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - timedelta(days=1)
    return date(parts[0], 12, 31) if parts else None


def _facts(person: Any, rng: random.Random) -> Any:
    from ncbnet.notices.extracts import SubjectFacts

    name = person.names[0]
    return SubjectFacts(
        family_name=" ".join(name.family), forenames=" ".join(name.given), birth_date=person.birth_date,
        birth_latest=_latest_birth(person.birth_date), nationalities=person.nationalities, sex=person.sex,
        birth_place=person.birth_place, birth_country=person.birth_country, height_cm=rng.randint(150, 200),
        weight_kg=rng.randint(50, 110), eye_colour=rng.choice(("brown", "blue", "green")),
        hair_colour=rng.choice(("black", "brown", "blond")), languages=("ENG",),
        photos=(f"{rng.getrandbits(256):064x}",) if rng.random() < 0.6 else ())


def load(total: int, log: Any) -> dict[str, Any]:
    from django.db import connection

    from ncbnet.access.levels import Classification, Role
    from ncbnet.demo.synthetic.persons import persons
    from ncbnet.members.models import Organisation, OrgKind, User
    from ncbnet.notices.content import NoticeType
    from ncbnet.notices.extracts import extract_fields
    from ncbnet.notices.models import Notice, PublicExtract

    rng = random.Random(SEED)
    ncbs = dict(Organisation.objects.filter(kind=OrgKind.NCB).values_list("country_id", "id"))
    owners = sorted(ncbs)
    user = User.objects.create(username="bench.public", organisation_id=ncbs["FR"], role=Role.NCB_OFFICER,
                               clearance=Classification.RESTRICTED)
    subjects = persons(int(total * 0.08) + 100, seed=SEED)
    kinds, weights = list(MIX), list(MIX.values())
    now = datetime.now(UTC)
    counters: dict[int, int] = {}
    began = time.perf_counter()
    done = 0
    while done < total:
        batch, public = [], []
        for _ in range(min(5000, total - done)):
            kind = rng.choices(kinds, weights)[0]
            owner = rng.choice(owners)
            published = now - timedelta(seconds=rng.randint(3600, 5 * 365 * 86400))
            counters[published.year] = number = counters.get(published.year, 0) + 1
            content = _content(kind, rng, owner)
            consented = rng.random() < PUBLIC_SHARE.get(kind, 0.0)
            batch.append(Notice(
                owner_country_id=owner, owner_ncb_id=ncbs[owner], requested_by_id=user.pk, notice_type=kind,
                state="published", title=f"notice {published.year}/{number}", content=content,
                public_consent=consented, year=published.year, number=number, created_at=published,
                submitted_at=published, published_at=published, expires_at=published + timedelta(days=5 * 365),
                updated_at=published))
            public.append((kind, owner, content) if consented else None)
        created = Notice.objects.bulk_create(batch, batch_size=1000)
        extracts = []
        for notice, spec in zip(created, public, strict=True):
            if spec is None:
                continue
            kind, owner, content = spec
            facts = _facts(next(subjects), rng)
            chosen = [] if rng.random() < 0.8 else ["name", "forename", "nationalities", "photos"]
            f = extract_fields(NoticeType(kind), owner, content, facts, chosen)
            extracts.append(PublicExtract(
                notice_id=notice.pk, notice_type=kind, entity_id=notice.control_number, name=f.name,
                forename=f.forename, name_key=f.name_key, nationalities=f.nationalities, sex=f.sex,
                birth_year=f.birth_year, birth_date=f.birth_date, warrant_countries=f.warrant_countries,
                free_text=f.free_text, data=f.data, photos=f.photos, published_at=notice.published_at,
                updated_at=notice.published_at))
        PublicExtract.objects.bulk_create(extracts, batch_size=1000)
        done += len(batch)
        log(f"  {done:,} notices")
    with connection.cursor() as cur:
        for table in ("notices_notice", "notices_publicextract"):
            cur.execute(f"VACUUM (ANALYZE) {table}" if connection.vendor == "postgresql" else f"ANALYZE {table}")
    return {"load_seconds": time.perf_counter() - began}


# ============================================================================================ the URLs asked

def urls(rng: random.Random) -> dict[str, list[str]]:
    """The requests of each kind, drawn from what is stored (names, nationalities, charges of real extracts)."""
    from ncbnet.members.models import Country
    from ncbnet.notices.models import PublicExtract

    known = set(Country.objects.values_list("code", flat=True))
    rows = list(PublicExtract.objects.values_list("notice_type", "entity_id", "name", "forename", "nationalities",
                                                  "warrant_countries", "free_text"))
    by_kind = {k: sum(1 for r in rows if r[0] == k) for k in ("red", "yellow", "un")}
    kinds, weights = ["red", "yellow", "un"], [70, 20, 10]

    def plain() -> str:
        kind = rng.choices(kinds, weights)[0]
        return f"/notices/v1/{kind}?page={rng.randint(1, max(1, by_kind[kind] // 20))}"

    def filtered() -> str:
        kind, _, name, forename, nats, warrants, text = rng.choice(rows)
        nat = next((c for c in nats.split(",") if c in known), "FR")
        low = rng.randint(18, 60)
        choices = [
            f"name={name.split()[0][:4] if name else 'a'}", f"forename={forename.split()[0][:5] if forename else 'a'}",
            f"nationality={nat}", f"ageMin={low}&ageMax={low + 10}", f"sexId={rng.choice('MF')}&nationality={nat}",
            f"freeText={rng.choice(text.split() or ['x'])}", f"name={name[:3] if name else 'a'}&nationality={nat}",
        ]
        if kind == "red" and warrants.strip(","):
            choices.append(f"arrestWarrantCountryId={warrants.strip(',').split(',')[0]}")
        query = "&".join(f"{k}={quote(v)}" for k, v in (p.split("=", 1) for p in rng.choice(choices).split("&")))
        return f"/notices/v1/{kind}?{query}"

    def detail() -> str:
        kind, entity = rng.choice(rows)[:2]
        return f"/notices/v1/{kind}/{entity.replace('/', '-')}"

    return {"plain": [plain() for _ in range(3000)], "filtered": [filtered() for _ in range(3000)],
            "detail": [detail() for _ in range(3000)]}


# ============================================================================================ HTTP clients

def _client(port: int, pool: list[str], seconds: float, cached: bool, results: Any, limit: int = 0,
            warm: bool = False) -> None:
    """One client on one keep-alive connection; ``limit`` requests (one after another) or for ``seconds``.
    With ``cached`` it keeps each URL's ETag and sends it back; with ``warm`` it first asks its whole pool
    once, untimed (a browser or proxy that has been running a while)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    etags: dict[str, str] = {}
    for url in pool if warm else []:
        conn.request("GET", url)
        response = conn.getresponse()
        response.read()
        if cached and response.status == 200:
            etags[url] = response.getheader("ETag") or ""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    failures: list[str] = []
    i = 0
    began = time.perf_counter()
    while (i < limit) if limit else (time.perf_counter() - began < seconds):
        url = pool[i % len(pool)]
        i += 1
        headers = {"If-None-Match": etags[url]} if cached and url in etags else {}
        t = time.perf_counter()
        conn.request("GET", url, headers=headers)
        response = conn.getresponse()
        body = response.read()
        latencies.append(time.perf_counter() - t)
        statuses[response.status] = statuses.get(response.status, 0) + 1
        if response.status == 200 and cached:
            etags[url] = response.getheader("ETag") or ""
        elif response.status not in (200, 304) and len(failures) < 3:
            failures.append(f"{url}: {response.status} {body[:200]!r}")
    conn.close()
    results.put((latencies, time.perf_counter() - began, statuses, failures))


def _run(port: int, pools: list[list[str]], seconds: float, cached: bool, limit: int = 0, warm: bool = False) -> tuple:
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    procs = [ctx.Process(target=_client, args=(port, pool, seconds, cached, results, limit, warm)) for pool in pools]
    for p in procs:
        p.start()
    answers = [results.get() for _ in procs]
    for p in procs:
        p.join()
    statuses: dict[int, int] = {}
    for a in answers:
        for status, n in a[2].items():
            statuses[status] = statuses.get(status, 0) + n
    rate = sum(len(a[0]) / a[1] for a in answers)
    return rate, [x for a in answers for x in a[0]], statuses, [f for a in answers for f in a[3]]


def _ms(samples: list[float]) -> str:
    return f"p50 {percentile(samples, 50) * 1000:.1f} ms, p99 {percentile(samples, 99) * 1000:.1f} ms"


def _statuses(statuses: dict[int, int]) -> str:
    return ", ".join(f"{n:,} x {s}" for s, n in sorted(statuses.items()))


def measure(f: Figures, port: int, asked: dict[str, list[str]], seconds: float, rng: random.Random) -> None:
    for name, label in (("plain", "list, no filter (random page)"), ("filtered", "list with filters"),
                        ("detail", "notice detail")):
        pool = asked[name]
        _run(port, [pool[-WARM_UP:]], 0, False, limit=WARM_UP)
        _, lat, statuses, failures = _run(port, [pool[:LATENCY_REQUESTS]], 0, False, limit=LATENCY_REQUESTS)
        ok = percentile(lat, 99) * 1000 < TARGET_P99_MS and not failures
        f.add(f"{label}, 1 client, {len(lat):,} requests", f"{_ms(lat)} ({_statuses(statuses)})",
              f"p99 < {TARGET_P99_MS:.0f} ms", ok)
        for failure in failures:
            f.log(f"FAILED {failure}")
    mixed = asked["plain"] + asked["filtered"] + asked["detail"]
    rng.shuffle(mixed)
    full = [mixed[i::CLIENTS] for i in range(CLIENTS)]
    rate, lat, statuses, failures = _run(port, full, seconds, False)
    f.add(f"mixed, {CLIENTS} clients, no caching", f"{rate:,.0f}/s ({_ms(lat)}; {_statuses(statuses)})")
    popular = mixed[:CACHED_POOL]
    pools = [popular[i:] + popular[:i] for i in range(0, CLIENTS * 7, 7)]
    rate, lat, statuses, failures2 = _run(port, pools, seconds, True, warm=True)
    f.add(f"mixed, {CLIENTS} clients, If-None-Match ({CACHED_POOL} URLs)", f"{rate:,.0f}/s ({_ms(lat)}; "
          f"{_statuses(statuses)})", f">= {TARGET_RATE}/s", rate >= TARGET_RATE and not failures2)
    for failure in failures + failures2:
        f.log(f"FAILED {failure}")


def search_in_process(f: Figures, asked: dict[str, list[str]]) -> None:
    """The database part alone (parse + count + page), without HTTP, Django's request cycle or JSON."""
    from urllib.parse import parse_qs, urlsplit

    from django.utils import timezone as dj_timezone

    from ncbnet.public import catalogue
    from ncbnet.public.query import parse_query

    samples = []
    for url in asked["filtered"][:LATENCY_REQUESTS]:
        parts = urlsplit(url)
        t = time.perf_counter()
        q = parse_query(parse_qs(parts.query), catalogue.country_codes())
        catalogue.search(parts.path.rsplit("/", 1)[1], q, dj_timezone.localdate())
        samples.append(time.perf_counter() - t)
    f.add(f"list with filters, in process (parse_query + catalogue.search), {len(samples):,}", _ms(samples))


def run_worker(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from ncbnet.notices.models import Notice, PublicExtract

    f = Figures(args.db)
    f.log("migrating")
    call_command("migrate", verbosity=0, interactive=False)
    f.log(f"loading {args.notices:,} notices")
    loaded = load(args.notices, f.log)
    rng = random.Random(SEED + 1)
    asked = urls(rng)
    search_in_process(f, asked)
    engine_name, durability = engine()
    by_type = ", ".join(f"{k} {PublicExtract.objects.filter(notice_type=k).count():,}" for k in ("red", "yellow", "un"))
    counts = {"notices": Notice.objects.count(), "extracts": PublicExtract.objects.count()}
    connection.close()
    port = free_port()
    os.environ["NCBNET_PUBLIC_RATE_LIMIT"] = "100000000"
    server = start_server(port)
    try:
        measure(f, port, asked, args.seconds, rng)
    finally:
        server.terminate()
        server.wait(timeout=30)
    Path(args.results).write_text(json.dumps({
        "db": args.db, "engine": engine_name, "durability": durability, **counts, "by_type": by_type, **loaded,
        "figures": f.figures, "tables": f.tables}, indent=1))


def main() -> int:
    parser = parser_for(__doc__)
    parser.add_argument("--notices", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    return dispatch(args, run_parent, run_worker)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
