"""The records benchmark's data: officers, travel-document and person files, and the samples searched for.

Everything is loaded through the real bulk contribution (``records.bulk.bulk_load``), as member countries
upload files: travel documents by the NCB of the issuing country (only it may add them), one file of at most
``DOCUMENT_FILE_LINES`` lines at a time; persons by a few NCBs in files of ``PERSON_FILE_LINES``. The rows come
from the deterministic generators of ``ncbnet.demo.synthetic``, so a seed gives the same database every time
and a later run (--reuse) can find again the persons it searches for without storing anything aside.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db import connection
from django.db.models import Max, Min

from ncbnet.access.levels import Classification, Role
from ncbnet.access.policy import Actor
from ncbnet.demo.synthetic.documents import travel_documents
from ncbnet.demo.synthetic.places import ISSUING_COUNTRIES
from ncbnet.matching.identifiers import document_key, fold_scanned, icao_to_iso2
from ncbnet.members.models import Organisation, OrgKind, User
from ncbnet.records.bulk import bulk_load
from ncbnet.records.models import Person, PersonName, TravelDocument

SEED = 20260301
SEARCHER = "FR"  # the NCB whose officers check documents and search persons
PERSON_OWNERS = ("DE", "GB", "ES", "IT", "US")  # the NCBs that contribute the persons (not the searcher)
DOCUMENT_FILE_LINES = 100_000
PERSON_FILE_LINES = 50_000

Log = Callable[[str], None]


# ============================================================================================ officers

def officer(country: str, i: int = 0) -> User:
    """An NCB officer of ``country`` (created on first use, kept for --reuse)."""
    username = f"bench-rec-{country.lower()}-{i}"
    user = User.objects.select_related("organisation").filter(username=username).first()
    if user is None:
        org = Organisation.objects.get(kind=OrgKind.NCB, country_id=country)
        User.objects.create_user(username, password=None, organisation=org, role=Role.NCB_OFFICER,
                                 clearance=Classification.CONFIDENTIAL)
        user = User.objects.select_related("organisation").get(username=username)
    return user


def actor(country: str, i: int = 0) -> Actor:
    return Actor.of(officer(country, i))


# ============================================================================================ loading

@dataclass
class LoadReport:
    records: int
    seconds: float  # inside bulk_load only: checking and writing
    wall: float  # with generating the files
    files: int
    analyze_seconds: float = 0.0


def _load_files(kind_name: str, files: Iterable[tuple[Actor, list[bytes]]], log: Log) -> LoadReport:
    began = time.perf_counter()
    report = LoadReport(0, 0.0, 0.0, 0)
    for who, lines in files:
        t = time.perf_counter()
        result = bulk_load(who, kind_name, lines, "ndjson")
        report.seconds += time.perf_counter() - t
        if not result.ok:
            raise RuntimeError(f"{kind_name} file of {who.organisation_code} refused: {result.error_count} bad lines,"
                               f" first {result.errors[:3]}")
        report.records += result.loaded
        report.files += 1
        if report.files % 10 == 0:
            log(f"  {report.records:,} {kind_name} rows in {report.files} files, {report.seconds:.0f} s in bulk_load,"
                f" {time.perf_counter() - began:.0f} s in all")
    report.analyze_seconds = _analyze(kind_name)
    report.wall = time.perf_counter() - began
    return report


def _analyze(kind_name: str) -> float:
    """Fresh planner statistics after a load, as autovacuum (PostgreSQL) or a nightly ANALYZE would give."""
    began = time.perf_counter()
    tables = ["records_traveldocument"] if kind_name == "travel_document" else ["records_person", "records_personname"]
    with connection.cursor() as cur:
        for table in tables:
            cur.execute(f"VACUUM (ANALYZE) {table}" if connection.vendor == "postgresql" else f"ANALYZE {table}")
        # The load's pages on disk before anything is timed, not written back by the kernel during the checks.
        cur.execute("CHECKPOINT" if connection.vendor == "postgresql" else "PRAGMA wal_checkpoint(TRUNCATE)")
    os.sync()
    return time.perf_counter() - began


@dataclass(frozen=True)
class Issuer:
    icao: str
    iso2: str
    count: int
    seed: int


def document_plan(total: int) -> list[Issuer]:
    """How many documents each issuing country contributes: its generator weight's share of ``total``."""
    ncbs = set(Organisation.objects.filter(kind=OrgKind.NCB).values_list("country_id", flat=True))
    chosen = [(c, icao_to_iso2(c.icao)) for c in ISSUING_COUNTRIES]
    chosen = [(c, iso2) for c, iso2 in chosen if iso2 in ncbs]  # a country without an NCB uploads nothing
    weight = sum(c.weight for c, _ in chosen)
    counts = [total * c.weight // weight for c, _ in chosen]
    for i in range(total - sum(counts)):
        counts[i % len(counts)] += 1
    return [Issuer(c.icao, iso2, n, SEED + i) for i, ((c, iso2), n) in enumerate(zip(chosen, counts, strict=True))]


def document_line(d: dict[str, Any]) -> bytes:
    """A generated document as one NDJSON line of the bulk format (the generator says type/status)."""
    d = dict(d)
    if "type" in d:
        d["document_type"] = d.pop("type")
    if "status" in d:
        d["document_status"] = d.pop("status")
    return json.dumps(d, ensure_ascii=False).encode() + b"\n"


def _chunks(rows: Iterator[Any], size: int, line: Callable[[Any], bytes]) -> Iterator[list[bytes]]:
    while True:
        lines = [line(r) for r in islice(rows, size)]
        if not lines:
            return
        yield lines


def load_documents(total: int, log: Log) -> LoadReport:
    def files() -> Iterator[tuple[Actor, list[bytes]]]:
        for issuer in document_plan(total):
            if issuer.count:
                who = actor(issuer.iso2)
                rows = travel_documents(issuer.count, seed=issuer.seed, countries=[issuer.icao])
                for lines in _chunks(rows, DOCUMENT_FILE_LINES, document_line):
                    yield who, lines

    return _load_files("travel_document", files(), log)


def person_line(p: Any) -> bytes:
    """A generated person (demo.synthetic.persons.SyntheticPerson) as one NDJSON line of the bulk format."""
    birth = p.birth_date
    return json.dumps({
        "national_reference": p.ref,
        "names": [{"full": n.full, "kind": n.kind} for n in p.names],
        "sex": p.sex, "birth_date": str(birth) if birth else "", "birth_place": p.birth_place or "",
        "birth_country": p.birth_country or "", "nationalities": list(p.nationalities), "role": p.role,
    }, ensure_ascii=False).encode() + b"\n"


def _sample_indices(total: int, k: int) -> set[int]:
    return set(random.Random(SEED + 3).sample(range(total), min(k, total)))


def load_persons(total: int, sample_size: int, log: Log) -> tuple[LoadReport, list[Any]]:
    """Load ``total`` generated persons; return the report and a uniform sample of them to search for."""
    from ncbnet.demo.synthetic.persons import persons

    wanted = _sample_indices(total, sample_size)
    sample: list[Any] = []

    def kept(stream: Iterator[Any]) -> Iterator[Any]:
        for i, p in enumerate(stream):
            if i in wanted:
                sample.append(p)
            yield p

    def files() -> Iterator[tuple[Actor, list[bytes]]]:
        owners = [actor(c) for c in PERSON_OWNERS]
        for n, lines in enumerate(_chunks(kept(persons(total, SEED)), PERSON_FILE_LINES, person_line)):
            yield owners[n % len(owners)], lines

    return _load_files("person", files(), log), sample


def sample_persons(total: int, sample_size: int) -> list[Any]:
    """The sample ``load_persons`` returned, generated again (for --reuse)."""
    from ncbnet.demo.synthetic.persons import persons

    wanted = _sample_indices(total, sample_size)
    return [p for i, p in enumerate(persons(total, SEED)) if i in wanted]


def unchanged_persons(sample: list[Any]) -> list[Any]:
    """Those of ``sample`` stored under exactly their generated names (for --reuse: the generator may have
    changed since the load)."""
    stored: dict[str, set[str]] = {}
    refs = [p.ref for p in sample]
    for start in range(0, len(refs), 500):
        for ref, full in PersonName.objects.filter(person__national_reference__in=refs[start:start + 500]).values_list(
                "person__national_reference", "full"):
            stored.setdefault(ref, set()).add(full)
    return [p for p in sample if stored.get(p.ref) == {n.full for n in p.names}]


def person_ids(refs: Iterable[str]) -> dict[str, int]:
    """Record id of each generated person (by its national reference)."""
    refs = list(refs)
    out: dict[str, int] = {}
    for start in range(0, len(refs), 500):
        out.update(Person.objects.filter(national_reference__in=refs[start:start + 500])
                   .values_list("national_reference", "id"))
    return out


# ============================================================================================ samples

def present_numbers(k: int, rng: random.Random) -> list[str]:
    """Numbers of ``k`` stored documents, drawn uniformly (ids of a bulk load are contiguous)."""
    bounds = TravelDocument.objects.aggregate(lo=Min("id"), hi=Max("id"))
    if bounds["lo"] is None:
        return []
    ids = rng.sample(range(bounds["lo"], bounds["hi"] + 1), min(k, bounds["hi"] - bounds["lo"] + 1))
    out: list[str] = []
    for start in range(0, len(ids), 500):
        out.extend(TravelDocument.objects.filter(id__in=ids[start:start + 500]).values_list("number", flat=True))
    rng.shuffle(out)
    return out[:k]


def absent_numbers(k: int, seed: int) -> list[str]:
    """``k`` numbers of the same shapes as the stored ones (another seed), none of them stored."""
    by_key = {fold_scanned(document_key(d["number"])): d["number"] for d in travel_documents(k * 2, seed=seed)}
    keys = list(by_key)
    stored: set[str] = set()
    for start in range(0, len(keys), 500):
        stored.update(TravelDocument.objects.filter(number_key__in=keys[start:start + 500])
                      .values_list("number_key", flat=True))
    return [n for key, n in by_key.items() if key not in stored][:k]


def stored_names() -> tuple[list[int], list[str]]:
    """(person id, name transliterated to ASCII and lowercased) for every stored name: the baselines' choices."""
    from anyascii import anyascii

    ids: list[int] = []
    names: list[str] = []
    with connection.cursor() as cur:
        cur.execute('SELECT person_id, "full" FROM records_personname ORDER BY id')
        for person_id, full in cur.fetchall():
            ids.append(person_id)
            names.append(anyascii(full).lower())
    return ids, names


TRGM_TABLE = "bench_person_trgm"


def build_trigram_table(ids: list[int], names: list[str]) -> float:
    """PostgreSQL pg_trgm baseline: (person id, ASCII name) with a GIN trigram index. Returns seconds."""
    began = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cur.execute(f"DROP TABLE IF EXISTS {TRGM_TABLE}")
        cur.execute(f"CREATE TABLE {TRGM_TABLE} (person_id bigint NOT NULL, name text NOT NULL)")
        with cur.cursor.copy(f"COPY {TRGM_TABLE} (person_id, name) FROM STDIN") as copy:
            for row in zip(ids, names, strict=True):
                copy.write_row(row)
        cur.execute(f"CREATE INDEX {TRGM_TABLE}_name ON {TRGM_TABLE} USING gin (name gin_trgm_ops)")
        cur.execute(f"ANALYZE {TRGM_TABLE}")
    return time.perf_counter() - began


def trigram_search(cur: Any, name: str) -> list[int]:
    """The ten most similar names by pg_trgm (``cur``: a psycopg cursor, threshold set by the caller)."""
    cur.execute(f"SELECT person_id FROM {TRGM_TABLE} WHERE name %% %s ORDER BY similarity(name, %s) DESC LIMIT 10",
                (name, name))
    return [r[0] for r in cur.fetchall()]
