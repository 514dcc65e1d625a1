"""Full-text search over messages behind one small interface: SQLite FTS5 or PostgreSQL tsvector.

Callers get a SQL fragment that selects matching message ids; they put it into their own query, next
to the access policy's filter, so the database applies both before any limit.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models.expressions import RawSQL

_WORD = re.compile(r"\w+", re.UNICODE)


def terms(query: str) -> list[str]:
    return _WORD.findall(query.lower())[:20]


class SQLiteFullText:
    """FTS5 with the unicode61 tokenizer (diacritics folded), prefix matching on every term."""

    def matching_ids(self, query: str) -> RawSQL:
        expr = " AND ".join(f'"{t}"*' for t in terms(query))
        return RawSQL("SELECT rowid FROM messaging_message_fts WHERE messaging_message_fts MATCH %s", (expr,))


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


def backend() -> SQLiteFullText | PostgresFullText:
    return PostgresFullText() if connection.vendor == "postgresql" else SQLiteFullText()
