"""Everything the public side reads from the database, in one module: public extracts, country names, and
the content type of a public photo.

The public never reaches police data: this module reads ``notices.PublicExtract`` (which holds only what the
requesting country agreed to publish, and exists only while the notice is published) and nothing of the
notice behind it, never a record. A photo's bytes are served only when its SHA-256 is listed in the extract
asked for; the same blob store holds police attachments, so a hash known from elsewhere opens nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection

from ncbnet.members.models import country_names
from ncbnet.messaging import attachments
from ncbnet.messaging.models import Blob
from ncbnet.notices.models import PublicExtract
from ncbnet.public.models import CatalogueVersion
from ncbnet.public.query import NoticeQuery, birth_bounds

PUBLIC_TYPES = ("red", "yellow", "un")
_TABLE = PublicExtract._meta.db_table
# The only columns read; ``notice`` (the police record's id) is never among them.
_COLUMNS = "entity_id, data, photos"
# A page chosen on narrow rows, then only its extracts read whole; with filters, counted in the same pass.
_PAGE = (f"SELECT e.entity_id, e.data, e.photos FROM {_TABLE} e JOIN (SELECT id, published_at FROM {_TABLE} "
         f"WHERE notice_type = %s ORDER BY published_at DESC, id LIMIT %s OFFSET %s) p ON p.id = e.id "
         f"ORDER BY p.published_at DESC, p.id")
_COUNTED_PAGE = (f"SELECT e.entity_id, e.data, e.photos, p.total FROM {_TABLE} e JOIN (SELECT id, published_at, "
                 f"COUNT(*) OVER () AS total FROM {_TABLE} WHERE {{where}} ORDER BY published_at DESC, id "
                 f"LIMIT %s OFFSET %s) p ON p.id = e.id ORDER BY p.published_at DESC, p.id")
_URL_ID = re.compile(r"^([0-9]{4})-([0-9]{1,9})$")


@dataclass(frozen=True)
class Extract:
    entity_id: str  # 2026/1234
    data: dict
    photos: list[str]


@dataclass(frozen=True)
class SearchResult:
    total: int
    extracts: list[Extract]


def entity_id(url_id: str) -> str | None:
    """2026-1234 (as in URLs) to 2026/1234 (as in JSON and in the extract); None when not of that form."""
    found = _URL_ID.match(url_id)
    return f"{found[1]}/{found[2]}" if found else None


def url_id(entity: str) -> str:
    return entity.replace("/", "-")


def version() -> int | None:
    """The public catalogue's version (changed by the database on every write of an extract; see public.cache),
    or None when the row is missing (a flushed test database): then nothing is kept."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {CatalogueVersion._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


def country_codes() -> frozenset[str]:
    """Member countries are created by the migrations and change with a release, not at run time."""
    return frozenset(country_names("en"))


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its own % and _ taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _filters(query: NoticeQuery, today: date) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []

    def add(clause: str, value: Any) -> None:
        clauses.append(clause)
        params.append(value)

    for text in (query.name, query.forename):
        if text:
            add(r"name_key LIKE %s ESCAPE '\'", _like(text))
    if query.nationality:
        add(r"nationalities LIKE %s ESCAPE '\'", _like(f",{query.nationality},"))
    if query.warrant_country:
        add(r"warrant_countries LIKE %s ESCAPE '\'", _like(f",{query.warrant_country},"))
    if query.sex:
        add("sex = %s", "" if query.sex == "U" else query.sex)
    latest, after = birth_bounds(query, today)
    if latest is not None:
        add("birth_date <= %s", latest)
    if after is not None:
        add("birth_date > %s", after)
    for word in query.words:
        add(r"free_text LIKE %s ESCAPE '\'", _like(word))
    return clauses, params


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def search(kind: str, query: NoticeQuery, today: date) -> SearchResult:
    """One page of the ``kind`` list, newest publication first, and the number of extracts that match.

    Names: ``name`` and ``forename`` are each looked for anywhere in the folded full name (``name_key``), so a
    family name typed as a forename still finds the person. Countries: one LIKE on the ',FR,DZ,' columns.
    Ages: on the latest possible date of birth; extracts that show no date of birth drop out of an age search.
    ``freeText``: every word must appear in the folded public text.

    Plain parameterised SQL, shaped for a few thousand extracts per type (bench/notices_public.py): the ORM
    spent more time building the statements than the database spent answering them. The page is chosen on
    narrow rows (id, date) and only its 20 extracts are read whole, so a deep page does not sort every
    extract's JSON. Without filters the count comes from the (type, date) index alone. With filters every
    extract of the type is read anyway, so one pass counts and pages (``COUNT(*) OVER ()``), and the type is
    compared as an expression (``|| ''``) so that SQLite reads the table in order rather than jumping to each
    row through the type index (2.6 times slower at 5,000 rows)."""
    filters, params = _filters(query, today)
    with connection.cursor() as cursor:
        if not filters:
            cursor.execute(f"SELECT COUNT(*) FROM {_TABLE} WHERE notice_type = %s", [kind])
            total = cursor.fetchone()[0]
            if query.offset >= total:
                return SearchResult(total, [])
            cursor.execute(_PAGE, [kind, query.per_page, query.offset])
            rows = cursor.fetchall()
        else:
            where = " AND ".join(["notice_type || '' = %s", *filters])
            cursor.execute(_COUNTED_PAGE.format(where=where), [kind, *params, query.per_page, query.offset])
            rows = cursor.fetchall()
            if rows:
                total = rows[0][3]
            elif query.offset == 0:
                total = 0
            else:  # beyond the last page: nothing to show, but the total is still owed
                cursor.execute(f"SELECT COUNT(*) FROM {_TABLE} WHERE {where}", [kind, *params])
                total = cursor.fetchone()[0]
    return SearchResult(total, [Extract(row[0], _json(row[1]), _json(row[2])) for row in rows])


def extract(kind: str, entity_id: str) -> Extract | None:
    """The public extract of one notice, or None: never published, not public, withdrawn or of another type
    all look the same from outside."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_COLUMNS} FROM {_TABLE} WHERE entity_id = %s AND notice_type = %s", [entity_id, kind])
        row = cursor.fetchone()
    return Extract(row[0], _json(row[1]), _json(row[2])) if row else None


def photo_type(found: Extract, sha256: str) -> str | None:
    """The content type of a photo this extract lists; None when it lists no such photo, or it is not an image."""
    if sha256 not in found.photos:
        return None
    content_type = Blob.objects.filter(sha256=sha256).values_list("content_type", flat=True).first()
    return content_type if content_type and content_type.startswith("image/") else None


def photo_bytes(sha256: str) -> bytes:
    """The stored bytes, re-hashed on read: ``attachments.IntegrityFailure`` when missing or altered on disk.
    Call only with a hash ``photo_type`` accepted."""
    return attachments.read(sha256)
