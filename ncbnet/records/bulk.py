"""Bulk contribution: a whole file (NDJSON or CSV) is loaded in one transaction, or not at all.

Every line is checked; the report names each bad line and why (all of them, up to ``MAX_REPORTED``). Good lines
are written in chunks while the rest of the file is still being checked (``_Sink``: COPY on PostgreSQL, a writer
thread on SQLite), inside the one transaction, which commits only if every line was good: otherwise nothing is
kept. One audit entry names the id range: a bulk-created record's history starts there, and its first change
saves its bulk version before changing it (``services``).
"""

from __future__ import annotations

import csv
import hashlib
import json
import queue
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from itertools import chain
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ncbnet import longlived
from ncbnet.access.policy import Actor, Denied, require_contribution
from ncbnet.access.restrictions import Restrictions
from ncbnet.audit.services import record as audit
from ncbnet.matching.identifiers import icao_to_iso2
from ncbnet.records.cleaning import UNRESTRICTED, Cleaned, CleanName, InvalidRecord, clean, fast_document
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


_Line = tuple[int, dict[str, Any] | None, Cleaned | None]


def _lines(data: Iterable[bytes], fmt: str, report: BulkReport, digest,
           fast: Callable[[bytes], Cleaned | None] | None = None) -> Iterator[_Line]:
    """(line number, raw record, None) for every non-empty line; the raw record is None when the line itself could
    not be read. With ``fast`` (NDJSON), a line it cleans comes as (line number, None, cleaned) instead."""
    if fmt == "ndjson":
        for n, line in enumerate(data, start=1):
            digest.update(line)
            if not line.strip():
                continue
            report.lines += 1
            if len(line) > MAX_LINE_BYTES:
                report.refuse(n, "line", f"longer than {MAX_LINE_BYTES} bytes")
                yield n, None, None
                continue
            if fast is not None and (cleaned := fast(line)) is not None:
                yield n, None, cleaned
                continue
            try:
                value = json.loads(line)
            except UnicodeDecodeError as exc:
                report.refuse(n, "line", f"not valid UTF-8 (byte {exc.start})")
                yield n, None, None
                continue
            except ValueError as exc:
                report.refuse(n, "line", f"not valid JSON: {exc}")
                yield n, None, None
                continue
            if not isinstance(value, dict):
                report.refuse(n, "line", "each line is one JSON object")
                yield n, None, None
                continue
            yield n, value, None
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
                yield n, None, None
                continue
            yield n, {k: v for k, v in row.items() if v not in (None, "")}, None
    except csv.Error as exc:
        raise InvalidRecord({"file": f"line {reader.line_num}: {exc}"}) from None


@dataclass
class _Row:
    line: int
    values: tuple  # the record's columns in _Layout order (its id first), already in the database's form
    names: list[CleanName]


class _Layout:
    """The columns of a kind's table, what fills each, and how each value is written (decided once per load,
    not once per value: converting per value through Django's connection proxy cost 40% of a load)."""

    BOOKKEEPING = ("id", "owner_country_id", "owner_ncb_id", "status", "review_due", "version", "created_at",
                   "updated_at", "created_by_id", "updated_by_id")

    def __init__(self, k: Kind, actor: Actor, now: datetime):
        fields = [f for f in k.model._meta.concrete_fields]
        self.columns = [f.attname for f in fields]
        postgres = connection.vendor == "postgresql"
        self.convert: list[Callable[[Any], Any] | None] = []
        self.defaults: list[Any] = []
        fixed = {"owner_country_id": actor.country, "owner_ncb_id": actor.ncb_id, "status": RecordStatus.ACTIVE,
                 "review_due": review_due(k), "version": 1, "created_at": now, "updated_at": now,
                 "created_by_id": actor.user_id, "updated_by_id": actor.user_id}
        for f in fields:
            internal = f.get_internal_type()
            conv: Callable[[Any], Any] | None = None
            if internal == "JSONField":
                conv = _json
            elif not postgres and internal == "DateField":
                conv = date.isoformat  # a DateField's value is a date
            elif not postgres and internal == "DateTimeField":
                conv = _sqlite_time
            self.convert.append(conv)
            default = fixed.get(f.attname, None if f.attname == "id" else f.get_default())
            self.defaults.append(conv(default) if conv and default is not None else default)
        # Where each value a cleaned record gives goes, and how it is converted (bookkeeping columns are fixed).
        self.slots = {c: (i, self.convert[i]) for i, c in enumerate(self.columns) if c not in self.BOOKKEEPING}
        for name, value in _restriction_columns(UNRESTRICTED).items():  # an unrestricted record's columns
            i, conv = self.slots[name]
            self.defaults[i] = conv(value) if conv is not None and value is not None else value
        assert self.columns[0] == "id", "ids are drawn up front and written as the first column"

    def row(self, c: Cleaned, record_id: int | None) -> tuple:
        values = list(self.defaults)
        values[0] = record_id
        slots = self.slots
        items = c.fields.items()
        if c.restrictions is not UNRESTRICTED and c.restrictions != UNRESTRICTED:  # most have none: the defaults
            items = {**c.fields, **_restriction_columns(c.restrictions)}.items()
        for name, v in items:
            slot = slots.get(name)
            if slot is not None:
                i, conv = slot
                values[i] = conv(v) if conv is not None and v is not None else v
        return tuple(values)


@lru_cache(maxsize=256)  # a file's records share a handful of restrictions (most: none)
def _restriction_columns(r: Restrictions) -> dict[str, Any]:
    return r.as_columns()


def _json(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


def _sqlite_time(v: datetime) -> str:
    return v.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f") if v.tzinfo else v.strftime("%Y-%m-%d %H:%M:%S.%f")


# Lines checked between two writes (and two progress reports). Small, so that the writer starts early and the
# checking never waits long for it at the end of a file: with 10,000, files of 14,000 lines loaded at 57,000/s
# (the writer idle a third of the time), with 1,000 at 68,000/s.
CHUNK = 1_000


class _Check:
    """Pass over a file: every line cleaned, duplicates within the file and foreign documents refused. Good rows
    come out in chunks while the report is clean; once a line is bad, the rest is only checked, for the report."""

    def __init__(self, actor: Actor, k: Kind, fmt: str, now: datetime):
        self.actor, self.kind, self.fmt = actor, k, fmt
        self.layout = _Layout(k, actor, now)
        self.report = BulkReport(k.name)
        self.seen: dict[str, int] = {}  # national reference -> line

    def chunks(self, data: Iterable[bytes], progress: Callable[[int], None] | None = None,
               first_id: int | None = None) -> Iterator[list[_Row]]:
        """Rows are numbered on from ``first_id`` (the sink's), in file order; without it their id is None."""
        k, actor, report, layout, seen = self.kind, self.actor, self.report, self.layout, self.seen
        next_id = first_id
        digest = hashlib.sha256()
        issuers: dict[str, str] = {}  # ICAO code -> ISO2, looked up once per code
        rows: list[_Row] = []
        # Travel documents come by the million: their usual line is decoded and checked in one pass (fast_document);
        # any other line, and every line of another kind, goes through clean(), which names what is wrong.
        fast = fast_document if k.name == "travel_document" else None
        for n, raw, c in _lines(data, self.fmt, report, digest, fast):
            if c is None:
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
            if k.name == "travel_document":
                icao = c.fields["issuing_country"]
                if icao not in issuers:
                    issuers[icao] = icao_to_iso2(icao)
                if issuers[icao] != actor.country:
                    report.refuse(n, "issuing_country", f"only the issuing country's NCB may add a document issued "
                                                        f"by {icao}; you act for {actor.country}")
                    continue
            if report.error_count == 0:  # once a line is bad nothing is loaded: stop keeping rows
                rows.append(_Row(n, layout.row(c, next_id), c.names))
                if next_id is not None:
                    next_id += 1
                if len(rows) == CHUNK:
                    yield rows
                    rows = []
            if progress and report.lines % CHUNK == 0:
                progress(report.lines)
        if rows and report.error_count == 0:
            yield rows
        if report.lines == 0:
            report.refuse(0, "file", "the file holds no records")
        report.sha256 = digest.hexdigest()

    def refuse_taken(self) -> None:
        """Report the references the NCB's stored records already use (after the load was rolled back)."""
        for ref in _references_taken(self.kind, self.actor.ncb_id, list(self.seen)):
            self.report.refuse(self.seen[ref], "national_reference", "your NCB already has a record with this reference")


def _contributed_kind(actor: Actor, kind_name: str, fmt: str) -> Kind:
    """The kind, once the actor may contribute to its database and the format is one of ours."""
    k = kind(kind_name)
    require_contribution(actor, k.database)
    if fmt not in FORMATS:
        raise InvalidRecord({"format": "ndjson or csv"})
    return k


def check_file(actor: Actor, kind_name: str, data: Iterable[bytes], fmt: str,
               progress: Callable[[int], None] | None = None) -> BulkReport:
    """The report a load of this file would give, writing nothing."""
    check = _Check(actor, _contributed_kind(actor, kind_name, fmt), fmt, timezone.now())
    for _ in check.chunks(data, progress):
        pass
    check.refuse_taken()
    return check.report


def _references_taken(k: Kind, ncb_id: int | None, refs: list[str]) -> list[str]:
    """Which of ``refs`` the NCB's stored records of this kind already use. PostgreSQL: one array for the whole
    file (in lists of 900 it was 112 statements per 100,000 lines, each planned anew; planned on the statistics of
    a table still loading, each walked every record of the NCB: 47 of every 100 microseconds of a load)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(f"SELECT national_reference FROM {k.model._meta.db_table}"  # noqa: S608 -- a model's table
                        " WHERE owner_ncb_id = %s AND national_reference = ANY(%s::varchar[])", [ncb_id, refs])
            return [row[0] for row in cur.fetchall()]
    taken: list[str] = []
    for start in range(0, len(refs), 900):
        taken.extend(k.model._default_manager.filter(owner_ncb_id=ncb_id, national_reference__in=refs[start:start + 900])
                     .values_list("national_reference", flat=True))
    return taken


class _Sink:
    """Where a load's rows go, inside its transaction: ids numbered on from the table's highest, under a lock that
    keeps other writers of the table out until the load commits."""

    def __init__(self, k: Kind, columns: list[str]):
        self.table, self.columns, self.kind = k.model._meta.db_table, columns, k
        self.names: list[tuple] = []  # a person's names, written after the persons (PostgreSQL: a second COPY)
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                cur.execute(f"LOCK TABLE {self.table} IN SHARE ROW EXCLUSIVE MODE")
            # SQLite: the writer gate and the IMMEDIATE transaction already keep every other writer out
            cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {self.table}")  # noqa: S608 -- a model's table
            self.first = self.next = cur.fetchone()[0] + 1

    def put(self, rows: list[_Row]) -> None:
        """Rows numbered from ``self.next`` on (``_Check.chunks`` with ``first_id=sink.first``)."""
        if rows[0].values[0] != self.next or rows[-1].values[0] != self.next + len(rows) - 1:
            raise RuntimeError("bulk rows out of sequence")  # cannot happen: chunks numbers them in order
        self.next += len(rows)
        if self.kind.model is Person:
            self.names.extend((r.values[0], n.full, n.script, n.kind, n.tokens, n.keys) for r in rows for n in r.names)
        self._write(r.values for r in rows)

    def _write(self, values: Iterable[tuple]) -> None:
        raise NotImplementedError

    def close(self) -> range:
        """Write what is left; the ids given out."""
        if self.names:
            _insert_rows(PersonName._meta.db_table, _NAME_COLUMNS, self.names)
        return range(self.first, self.next)

    def abort(self) -> None:
        pass


_NAME_COLUMNS = ["person_id", "full", "script", "kind", "tokens", "keys"]


def _copy_sql(table: str, columns: list[str]) -> str:
    qn = connection.ops.quote_name
    return f"COPY {qn(table)} ({', '.join(map(qn, columns))}) FROM STDIN"


def _insert_sql(table: str, columns: list[str], rows: int = 1) -> str:
    """SQLite: ``INSERT INTO <table> (<columns>) VALUES (?, ...), ...`` for ``rows`` rows."""
    qn = connection.ops.quote_name
    one = "(" + ", ".join(["?"] * len(columns)) + ")"
    return f"INSERT INTO {qn(table)} ({', '.join(map(qn, columns))}) VALUES {', '.join([one] * rows)}"


def _insert_rows(table: str, columns: list[str], values: Iterable[tuple]) -> None:
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with cur.cursor.copy(_copy_sql(table, columns)) as copy:
                for row in values:
                    copy.write_row(row)
            return
        cur.cursor.executemany(_insert_sql(table, columns), values)  # the sqlite3 cursor: no parameter rewriting


class _SQLiteSink(_Sink):
    """SQLite: a helper thread writes the rows, many to a statement, while this thread checks the next lines. SQLite
    inserts without holding Python's GIL, so checking and storing run on two cores; the thread takes the GIL back
    only between statements (hence big statements, and a shorter switch interval during the load: at Python's
    default of 5 ms the writer waited for the GIL longer than it wrote)."""

    SWITCH_INTERVAL = 0.001
    # SQLite's page cache during the load (KiB; its default is 2 MB). Each row goes into the table's indexes at a
    # place its key decides; once an index outgrows the cache nearly every row read its pages back from the OS:
    # 1,500,000 documents went in at 48,000/s with the default and 56,000/s with this.
    CACHE_KIB = 256 * 1024

    def __init__(self, k: Kind, columns: list[str]):
        super().__init__(k, columns)
        self._raw = connection.connection  # Django opens it with check_same_thread=False; this thread stays off it
        self._cache_size = self._raw.execute("PRAGMA cache_size").fetchone()[0]
        self._raw.execute(f"PRAGMA cache_size=-{self.CACHE_KIB}")
        per = min(1000, self._raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(columns))
        self._per, self._many, self._one = per, _insert_sql(self.table, columns, per), _insert_sql(self.table, columns)
        self._queue: queue.Queue[list[tuple] | None] = queue.Queue(maxsize=8)
        self._error: BaseException | None = None
        self._interval = sys.getswitchinterval()
        sys.setswitchinterval(self.SWITCH_INTERVAL)
        self._thread = threading.Thread(target=self._run, name="bulk-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (rows := self._queue.get()) is not None:
            if self._error is not None:
                continue  # keep taking chunks until told to stop: the checking thread must never block
            try:
                cursor, per, whole = self._raw.cursor(), self._per, len(rows) - len(rows) % self._per
                for start in range(0, whole, per):
                    cursor.execute(self._many, list(chain.from_iterable(rows[start:start + per])))
                cursor.executemany(self._one, rows[whole:])
            except BaseException as exc:  # noqa: BLE001 -- handed to the loading thread, which raises it
                self._error = exc

    def _stop(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        sys.setswitchinterval(self._interval)
        self._raw.execute(f"PRAGMA cache_size={self._cache_size}")  # the connection serves requests again

    def _write(self, values: Iterable[tuple]) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(list(values))

    def close(self) -> range:
        self._stop()
        if self._error is not None:
            raise self._error
        return super().close()

    def abort(self) -> None:
        self._stop()


class _CopySink(_Sink):
    """PostgreSQL: ONE COPY for the whole file, each chunk streamed into it as soon as it is checked, so that the
    server stores rows while this process checks the next ones (checking the whole file first, then copying it,
    left one of the two idle at any time)."""

    def __init__(self, k: Kind, columns: list[str]):
        super().__init__(k, columns)
        self._cursor = connection.cursor()
        self._copying = self._cursor.cursor.copy(_copy_sql(self.table, columns))
        self._copy = self._copying.__enter__()

    def _write(self, values: Iterable[tuple]) -> None:
        for row in values:
            self._copy.write_row(row)

    def close(self) -> range:
        self._copying.__exit__(None, None, None)  # the server's answer: an error raises here
        self._cursor.close()
        with connection.cursor() as cur:
            cur.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [self.table, max(self.next - 1, 1)])
        return super().close()

    def abort(self) -> None:
        try:
            self._copying.__exit__(_Abandoned, _Abandoned(), None)  # ends the COPY with an error: nothing kept
        except Exception:  # noqa: BLE001,S110 -- the transaction is rolled back whatever the COPY's end said
            pass
        self._cursor.close()


class _Abandoned(Exception):
    """The load stops: a line was bad or a write failed; the COPY in progress is abandoned."""


def bulk_load(actor: Actor, kind_name: str, data: Iterable[bytes], fmt: str, *,
              progress: Callable[[int], None] | None = None) -> BulkReport:
    """Check the file and load it in one transaction: committed only if every line is good. Returns the report
    either way."""
    with longlived.paused():  # the rows kept for the load hold no cycles: see ncbnet.longlived
        return _bulk_load(actor, kind_name, data, fmt, progress)


def _bulk_load(actor: Actor, kind_name: str, data: Iterable[bytes], fmt: str,
               progress: Callable[[int], None] | None) -> BulkReport:
    k = _contributed_kind(actor, kind_name, fmt)
    if actor.ncb_id is None or actor.country is None:
        raise Denied("only a member country contributes records")
    now = timezone.now()
    check = _Check(actor, k, fmt, now)
    report = check.report
    taken = False  # a write failed on the unique (owner NCB, national reference): some reference is already used
    # Django's IntegrityError, or the driver's own (the rows are written through the driver's cursor)
    integrity = (IntegrityError, connection.Database.IntegrityError)  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            sink = (_CopySink if connection.vendor == "postgresql" else _SQLiteSink)(k, check.layout.columns)
            try:
                for rows in check.chunks(data, progress, sink.first):
                    if report.ok and not taken:
                        try:
                            sink.put(rows)
                        except integrity:
                            taken = True
                if not report.ok or taken:
                    raise _Abandoned
                ids = sink.close()
            except BaseException:
                sink.abort()
                raise
            if k.model is Person:
                SearchIndexChange.objects.create(record_id=0, at=now)  # every process rebuilds its person index
            report.loaded, report.first_id, report.last_id = len(ids), ids.start, ids.stop - 1
            audit(actor, f"{k.name}.bulk_load", object_type=k.name, object_ids=[f"{ids.start}..{ids.stop - 1}"],
                  query={"format": fmt, "lines": report.lines, "sha256": report.sha256})
    except _Abandoned:
        pass
    except integrity:  # PostgreSQL: the COPY's end reports a reference already used
        taken = True
    if taken or not report.ok:
        report.loaded, report.first_id, report.last_id = 0, None, None
        check.refuse_taken()  # after the rollback: the file's own rows are gone
        if taken and report.ok:
            raise RuntimeError("a bulk load failed on a unique constraint, yet no reference is taken")
    if progress:
        progress(report.lines)
    return report
