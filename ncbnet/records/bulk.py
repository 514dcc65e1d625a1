"""Bulk contribution: a whole file (NDJSON or CSV) is checked first, then loaded in one transaction or not at all.

The report names each bad line and why (all of them, up to ``MAX_REPORTED``). Nothing is written unless every
line is good. Loading writes plain multi-row statements (SQLite) or COPY (PostgreSQL) with ids drawn up front,
one ``BulkLoad`` row and one audit entry naming the id range: a bulk-created record's history starts there, and
its first change saves its bulk version before changing it (``services``).
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from ncbnet.access.policy import Actor, Denied, require_contribution
from ncbnet.access.restrictions import encode_countries
from ncbnet.audit.services import record as audit
from ncbnet.matching.identifiers import icao_to_iso2
from ncbnet.records.cleaning import Cleaned, CleanName, InvalidRecord, clean
from ncbnet.records.kinds import Kind, kind
from ncbnet.records.models import Person, PersonName, RecordStatus, SearchIndexChange
from ncbnet.records.services import review_due

MAX_REPORTED = 1000
MAX_LINE_BYTES = 64 * 1024
FORMATS = ("ndjson", "csv")


@dataclass(frozen=True)
class LineError:
    line: int
    field: str
    message: str


@dataclass
class BulkReport:
    kind: str
    lines: int = 0
    loaded: int = 0
    errors: list[LineError] = field(default_factory=list)
    error_count: int = 0
    first_id: int | None = None
    last_id: int | None = None
    sha256: str = ""

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def refuse(self, line: int, field_name: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED:
            self.errors.append(LineError(line, field_name, message))


def _lines(data: Iterable[bytes], fmt: str, report: BulkReport, digest) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """(line number, raw record) for every non-empty line; None when the line itself could not be read."""
    if fmt == "ndjson":
        for n, line in enumerate(data, start=1):
            digest.update(line)
            if not line.strip():
                continue
            report.lines += 1
            if len(line) > MAX_LINE_BYTES:
                report.refuse(n, "line", f"longer than {MAX_LINE_BYTES} bytes")
                yield n, None
                continue
            try:
                value = json.loads(line)
            except UnicodeDecodeError as exc:
                report.refuse(n, "line", f"not valid UTF-8 (byte {exc.start})")
                yield n, None
                continue
            except ValueError as exc:
                report.refuse(n, "line", f"not valid JSON: {exc}")
                yield n, None
                continue
            if not isinstance(value, dict):
                report.refuse(n, "line", "each line is one JSON object")
                yield n, None
                continue
            yield n, value
        return

    def text() -> Iterator[str]:
        for n, line in enumerate(data, start=1):
            digest.update(line)
            try:
                yield line.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InvalidRecord({"file": f"line {n} is not valid UTF-8 (byte {exc.start})"}) from None

    reader = csv.DictReader(text(), strict=True)
    try:
        for row in reader:
            report.lines += 1
            n = reader.line_num
            if None in row:
                report.refuse(n, "line", "more cells than the header has columns")
                yield n, None
                continue
            yield n, {k: v for k, v in row.items() if v not in (None, "")}
    except csv.Error as exc:
        raise InvalidRecord({"file": f"line {reader.line_num}: {exc}"}) from None


@dataclass
class _Row:
    line: int
    fields: dict[str, Any]
    names: list[CleanName]


def check_file(actor: Actor, kind_name: str, data: Iterable[bytes], fmt: str,
               progress: Callable[[int], None] | None = None) -> tuple[BulkReport, list[_Row]]:
    """Pass one: every line cleaned, duplicates and foreign documents refused; nothing written."""
    k = kind(kind_name)
    require_contribution(actor, k.database)
    if fmt not in FORMATS:
        raise InvalidRecord({"format": "ndjson or csv"})
    report = BulkReport(k.name)
    digest = hashlib.sha256()
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    for n, raw in _lines(data, fmt, report, digest):
        if progress and report.lines % 10_000 == 0:
            progress(report.lines)
        if raw is None:
            continue
        try:
            c = clean(k.name, raw, clearance=actor.clearance)
        except InvalidRecord as exc:
            for f, msg in exc.errors.items():
                report.refuse(n, f, msg)
            continue
        ref = c.fields["national_reference"]
        if ref in seen:
            report.refuse(n, "national_reference", f"already used on line {seen[ref]} of this file")
            continue
        seen[ref] = n
        if k.name == "travel_document" and icao_to_iso2(c.fields["issuing_country"]) != actor.country:
            report.refuse(n, "issuing_country", f"only the issuing country's NCB may add a document issued by "
                                                f"{c.fields['issuing_country']}; you act for {actor.country}")
            continue
        rows.append(_Row(n, {**c.fields, **_restriction_columns(c)}, c.names))
    if report.lines == 0:
        report.refuse(0, "file", "the file holds no records")
    # References already used by the NCB's stored records.
    refs = list(seen)
    for start in range(0, len(refs), 900):
        chunk = refs[start:start + 900]
        for ref in k.model._default_manager.filter(owner_ncb_id=actor.ncb_id, national_reference__in=chunk).values_list(
                "national_reference", flat=True):
            report.refuse(seen[ref], "national_reference", "your NCB already has a record with this reference")
    report.sha256 = digest.hexdigest()
    return report, rows


def _restriction_columns(c: Cleaned) -> dict[str, Any]:
    r = c.restrictions
    return {"restriction_mode": r.mode, "restricted_countries": encode_countries(r.countries),
            "agencies_may_view": r.agencies_may_view, "classification": r.classification}


def _columns(k: Kind, rows: list[_Row]) -> list[str]:
    wanted = {f for r in rows[:1] for f in r.fields}
    names = [f.attname for f in k.model._meta.concrete_fields]
    return [n for n in names if n in wanted or n in _BOOKKEEPING]


_BOOKKEEPING = ("id", "owner_country_id", "owner_ncb_id", "status", "review_due", "version", "created_at",
                "updated_at", "created_by_id", "updated_by_id")


def _ids(k: Kind, n: int) -> range:
    table = k.model._meta.db_table
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
            cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
            first = cur.fetchone()[0] + 1
            cur.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, first + n - 1])
        else:  # SQLite: the writer gate already serialises writers
            cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
            first = cur.fetchone()[0] + 1
    return range(first, first + n)


def _write(table: str, columns: list[str], values: Iterable[tuple]) -> None:
    qn = connection.ops.quote_name
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with cur.cursor.copy(f"COPY {qn(table)} ({', '.join(map(qn, columns))}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            return
        per = max(1, 30_000 // len(columns))
        batch: list[tuple] = []
        row_sql = "(" + ", ".join(["?"] * len(columns)) + ")"
        head = f"INSERT INTO {qn(table)} ({', '.join(map(qn, columns))}) VALUES "
        raw = cur.cursor  # the sqlite3 cursor itself: no per-row parameter rewriting
        for row in values:
            batch.append(row)
            if len(batch) == per:
                raw.execute(head + ", ".join([row_sql] * per), [v for r in batch for v in r])
                batch = []
        if batch:
            raw.execute(head + ", ".join([row_sql] * len(batch)), [v for r in batch for v in r])


def _db(value: Any) -> Any:
    if connection.vendor != "postgresql":
        if isinstance(value, datetime):
            return value.strftime("%Y-%m-%d %H:%M:%S.%f")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, list | dict):
            return json.dumps(value, ensure_ascii=False)
    elif isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def bulk_load(actor: Actor, kind_name: str, data: Iterable[bytes], fmt: str, *,
              progress: Callable[[int], None] | None = None) -> BulkReport:
    """Check the whole file; if every line is good, load it in one transaction. Returns the report either way."""
    k = kind(kind_name)
    report, rows = check_file(actor, kind_name, data, fmt, progress)
    if not report.ok:
        return report
    if actor.ncb_id is None or actor.country is None:
        raise Denied("only a member country contributes records")
    now = timezone.now()
    due = review_due(k)
    columns = _columns(k, rows)
    defaults = {"owner_country_id": actor.country, "owner_ncb_id": actor.ncb_id, "status": RecordStatus.ACTIVE,
                "review_due": due, "version": 1, "created_at": now, "updated_at": now, "created_by_id": actor.user_id,
                "updated_by_id": actor.user_id}
    with transaction.atomic():
        ids = _ids(k, len(rows))
        _write(k.model._meta.db_table, columns,
               (tuple(_db(i if c == "id" else r.fields.get(c, defaults.get(c))) for c in columns)
                for i, r in zip(ids, rows, strict=True)))
        if k.model is Person:
            name_cols = ["person_id", "full", "script", "kind", "tokens", "keys"]
            _write(PersonName._meta.db_table, name_cols,
                   ((i, n.full, n.script, n.kind, n.tokens, n.keys) for i, r in zip(ids, rows, strict=True)
                    for n in r.names))
            SearchIndexChange.objects.create(record_id=0, at=now)  # every process rebuilds its person index
        report.loaded, report.first_id, report.last_id = len(rows), ids.start, ids.stop - 1
        audit(actor, f"{k.name}.bulk_load", object_type=k.name, object_ids=[f"{ids.start}..{ids.stop - 1}"],
              query={"format": fmt, "lines": report.lines, "sha256": report.sha256})
    if progress:
        progress(report.lines)
    return report
