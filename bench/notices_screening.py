"""Notice screening benchmark: how long the automatic screening of a request takes, on SQLite and PostgreSQL.

    .venv/bin/python bench/notices_screening.py [--db sqlite|postgres|both] [--requests 1000]

For each database: a fresh database (SQLite: var/bench-notices/sqlite/; PostgreSQL: bench_notices, dropped and
recreated), migrated (so the installed screening list of the four languages is in place), 200 person records of
France, and ``--requests`` notice requests of every type (70% Red), drafted through ``notices.services``. Their
content is generated: summaries of 20 to 600 words in English, French, Spanish or Arabic (bench/corpus.py's
texts), Red Notices with 1 to 20 charges, and about one request in five carrying an excluded offence or a
political, military, religious or racial signal in one of the four languages. Then, per request:

  1. screening as submission runs it: ``notices.services.screen_notice`` (the subject's facts and the active
     terms read from the database, then the criteria and the term matching); target p99 under 50 ms;
  2. the pure rule alone: ``notices.screening.screen`` with facts and terms already in memory;
  3. the whole submission, ``submit_notice`` (screening, the state change, the message to the General
     Secretariat, the audit entry, one durable transaction) for the requests that pass.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

from harness import ROOT, Figures, dispatch, engine, figure_lines, machine, parser_for, percentile, prepare

BENCH_DIR = ROOT / "var" / "bench-notices"
PG_DB = "bench_notices"
SEED = 20261125
PERSONS = 200
TARGET_MS = 50.0
SIGNALS = ["espionage", "blasphème", "deserción", "إهانة رئيس الدولة", "sedition", "apostasía", "origine ethnique"]
EXCLUDED = ["breach of contract", "litige commercial", "deuda civil", "مخالفة مرورية", "adultery"]
CHARGES = ["armed robbery", "homicide", "fraude en bande organisée", "tráfico de drogas", "الاتجار بالبشر",
           "money laundering", "kidnapping", "extorsion", "trata de personas", "cybercrime"]


def run_parent(args: argparse.Namespace) -> int:
    reports = []
    for db in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
        env = prepare(db, False, BENCH_DIR / db, PG_DB)
        out = BENCH_DIR / f"{db}-results.json"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", "--db", db, "--requests", str(args.requests),
               "--results", str(out)]
        print(f"== {db}: {' '.join(cmd[1:])}", flush=True)
        subprocess.run(cmd, env=env, cwd=ROOT, check=True)
        reports.append(json.loads(out.read_text()))
    print(f"\nnotice screening benchmark, {machine()}, {time.strftime('%Y-%m-%d %H:%M')}")
    print(f"command: {' '.join([Path(sys.argv[0]).name, *sys.argv[1:]])}")
    for r in reports:
        print(f"\n{r['engine']}: {r['requests']:,} requests, {r['terms']} screening terms; durability: {r['durability']}")
        print("\n".join(figure_lines(r["figures"], r["tables"])))
    return 0 if all(f["pass"] is not False for r in reports for f in r["figures"]) else 1


def _content(rng: random.Random, kind: str, texts) -> dict:
    lang = rng.choice(("en", "fr", "es", "ar"))
    words = " ".join(texts.message(lang)[1] for _ in range(rng.randint(1, 12))).split()[:rng.randint(20, 600)]
    summary = " ".join(words)[:3900] or "Facts."
    twist = rng.random()
    if twist < 0.1:
        summary += " " + rng.choice(SIGNALS)
    if kind == "red":
        charges = [{"description": rng.choice(CHARGES), "law": f"art. {rng.randint(1, 900)}",
                    "maximum_penalty_months": rng.choice((36, 60, 120, 240, 360)), "translation": ""}
                   for _ in range(rng.randint(1, 20))]
        if 0.1 <= twist < 0.2:
            charges[0]["description"] = rng.choice(EXCLUDED + SIGNALS)
        return {"summary": summary, "charges": charges, "sought_for": "prosecution", "extradition_assurance": True,
                "warrants": [{"kind": "arrest_warrant", "authority": "Tribunal", "issued_on": "2025-01-02",
                              "reference": f"W-{rng.randint(1, 10**6)}"}]}
    if kind == "green":
        return {"summary": summary, "criminal_activities": summary[:2000], "offences": rng.sample(CHARGES, 3)}
    if kind == "yellow":
        return {"summary": summary, "reason": "missing", "disappeared_on": "2026-01-01", "disappeared_at": "Lyon"}
    return {"summary": summary, "information_sought": ["location", "activities"], "offences": rng.sample(CHARGES, 2)}


def run_worker(args: argparse.Namespace) -> None:
    import django

    django.setup()
    import corpus
    from django.core.management import call_command

    from ncbnet.access.levels import Classification, Role
    from ncbnet.access.policy import Actor
    from ncbnet.members.models import Organisation, OrgKind, User
    from ncbnet.notices import services
    from ncbnet.notices.content import InvalidNotice, NoticeType
    from ncbnet.notices.models import Notice, ScreeningTerm
    from ncbnet.notices.publication import subject_facts
    from ncbnet.notices.screening import screen
    from ncbnet.records.models import Person
    from ncbnet.records.services import create_record

    f = Figures(args.db)
    f.log("migrating")
    call_command("migrate", verbosity=0, interactive=False)
    ncb = Organisation.objects.get(kind=OrgKind.NCB, country_id="FR")
    user = User.objects.create(username="bench.fr", organisation=ncb, role=Role.NCB_SUPERVISOR,
                               clearance=Classification.CONFIDENTIAL)
    actor = Actor.of(User.objects.select_related("organisation").get(pk=user.pk))
    rng = random.Random(SEED)
    texts = corpus.TextMaker(random.Random(SEED))
    f.log(f"{PERSONS} persons, {args.requests} requests")
    people = [create_record(actor, "person", {
        "national_reference": f"B-{i}", "names": [f"{texts.message('en')[0].split()[0]} DUPONT{i}"], "role": "wanted",
        "sex": "M", "birth_date": f"19{rng.randint(50, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "height_cm": rng.randint(150, 200)}).record.pk for i in range(PERSONS)]
    kinds = ["red"] * 7 + ["green", "yellow", "blue"]
    notices = []
    for _ in range(args.requests):
        kind = rng.choice(kinds)
        notices.append(services.request_notice(actor, services.NoticeRequest(
            notice_type=kind, content=_content(rng, kind, texts), subject_person_id=rng.choice(people))))
    for n in notices[:20]:  # warm the compiled patterns and the query caches
        services.screen_notice(n)
    screening, pure, outcomes = [], [], {"passed": 0, "flagged": 0, "refused": 0}
    terms = services.screening_terms()
    for n in notices:
        t0 = time.perf_counter()
        result = services.screen_notice(n)
        screening.append((time.perf_counter() - t0) * 1000)
        facts = subject_facts(Person.objects.get(pk=n.subject_id))
        t0 = time.perf_counter()
        screen(NoticeType(n.notice_type), n.content, facts, terms)
        pure.append((time.perf_counter() - t0) * 1000)
        outcomes["refused" if not result.passed else "flagged" if result.flagged else "passed"] += 1
    submits = []
    for n in notices:
        t0 = time.perf_counter()
        try:
            services.submit_notice(actor, n.pk)
        except InvalidNotice:
            continue
        submits.append((time.perf_counter() - t0) * 1000)

    def ms(samples: list[float]) -> str:
        return ", ".join(f"p{p} {percentile(samples, p):.1f} ms" for p in (50, 95, 99)) + f", max {max(samples):.1f} ms"

    f.add(f"screening (screen_notice), {len(screening):,} requests", ms(screening), f"p99 < {TARGET_MS:.0f} ms",
          percentile(screening, 99) < TARGET_MS)
    f.add("the rule alone (screen, facts and terms in memory)", ms(pure))
    f.add(f"whole submission (submit_notice, durable), {len(submits):,}", ms(submits))
    f.table("screening outcomes", ["passed", "flagged (passed, two reviewers)", "refused"],
            [[str(outcomes["passed"]), str(outcomes["flagged"]), str(outcomes["refused"])]])
    engine_name, durability = engine()
    Path(args.results).write_text(json.dumps({
        "db": args.db, "engine": engine_name, "durability": durability, "requests": Notice.objects.count(),
        "terms": ScreeningTerm.objects.filter(active=True).count(), "figures": f.figures, "tables": f.tables}, indent=1))


def main() -> int:
    parser = parser_for(__doc__)
    parser.add_argument("--requests", type=int, default=1000)
    args = parser.parse_args()
    return dispatch(args, run_parent, run_worker)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
