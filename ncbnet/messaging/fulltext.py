"""Full-text search over messages behind one small interface: SQLite FTS5 or PostgreSQL tsvector.

Callers hand in their own query (already narrowed by the access policy) and get it back narrowed to the
matching messages, newest first, so the database applies both before any limit.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

_WORD = re.compile(r"\w+", re.UNICODE)


def terms(query: str) -> list[str]:
    return _WORD.findall(query.lower())[:20]


class SQLiteFullText:
    """FTS5 with the unicode61 tokenizer (diacritics folded), prefix matching on every term."""

    def matching_ids(self, query: str) -> RawSQL:
        expr = " AND ".join(f'"{t}"*' for t in terms(query))
        return RawSQL("SELECT rowid FROM messaging_message_fts WHERE messaging_message_fts MATCH %s", (expr,))

    def newest_first(self, qs: QuerySet, query: str, before: int | None = None) -> QuerySet:
        """Join the index and walk it newest first: FTS5 yields rowids in descending order, so a page of
        a common word costs a page's worth of rows. (``pk IN (MATCH ...)`` built the list of every match
        first: 150 ms for a word in half a million messages.)"""
        where = ["messaging_message_fts.rowid = messaging_message.id", "messaging_message_fts MATCH %s"]
        params: list = [" AND ".join(f'"{t}"*' for t in terms(query))]
        if before:
            where.append("messaging_message_fts.rowid < %s")
            params.append(before)
        return qs.extra(  # noqa: S610 -- a join on a table Django has no model for; the values are parameters
            tables=["messaging_message_fts"], where=where, params=params,
            select={"fts_rowid": "messaging_message_fts.rowid"}, order_by=["-fts_rowid"],
        )


class PostgresFullText:
    """A stored tsvector: the words as written ('simple') plus each language's stems."""

    def matching_ids(self, query: str) -> RawSQL:
        words = " ".join(terms(query))
        return RawSQL(
            "SELECT id FROM messaging_message WHERE search_tsv @@ ("
            "plainto_tsquery('simple', %s) || plainto_tsquery('english', %s) || plainto_tsquery('french', %s)"
            " || plainto_tsquery('spanish', %s) || plainto_tsquery('arabic', %s))",
            (words,) * 5,
        )

    def newest_first(self, qs: QuerySet, query: str, before: int | None = None) -> QuerySet:
        qs = qs.filter(pk__in=self.matching_ids(query))
        if before:
            qs = qs.filter(pk__lt=before)
        return qs.order_by("-pk")


def backend() -> SQLiteFullText | PostgresFullText:
    return PostgresFullText() if connection.vendor == "postgresql" else SQLiteFullText()
