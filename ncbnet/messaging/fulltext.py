"""Full-text search over messages behind one small interface: SQLite FTS5 or PostgreSQL tsvector.

Callers hand in their own query (already narrowed by the access policy) and get it back narrowed to the
matching messages, newest first, so the database applies both before any limit.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import QuerySet

# Letters and digits: the underscore, a word character to Python, separates words for FTS5's unicode61 (and for
# PostgreSQL's parser), so "blue_horizon" is searched as the two words the index holds.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def terms(query: str) -> list[str]:
    return _WORD.findall(query.lower())[:20]


class SQLiteFullText:
    """FTS5 with the unicode61 tokenizer (diacritics folded), prefix matching on every term."""

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
    """A stored tsvector: the words as written ('simple') plus the stems of the message's language.

    The query is matched as written and as stemmed by each language its script allows (Arabic script:
    arabic; Latin script: english, french, spanish). Fewer, distinct alternatives keep the planner's
    estimate of how many messages match close to the truth, and with it the choice between walking the
    newest messages and reading the GIN index."""

    def _tsquery(self, query: str) -> tuple[str, list[str]]:
        words = " ".join(terms(query))
        arabic = any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in words)
        configs = ("simple", "arabic") if arabic else ("simple", "english", "french", "spanish")
        return " || ".join(f"plainto_tsquery('{c}', %s)" for c in configs), [words] * len(configs)

    def newest_first(self, qs: QuerySet, query: str, before: int | None = None) -> QuerySet:
        tsquery, params = self._tsquery(query)
        # On the message row itself: no self-join through "id IN (SELECT ...)".
        qs = qs.extra(where=[f"messaging_message.search_tsv @@ ({tsquery})"], params=params)  # noqa: S610
        if before:
            qs = qs.filter(pk__lt=before)
        return qs.order_by("-pk")


def backend() -> SQLiteFullText | PostgresFullText:
    return PostgresFullText() if connection.vendor == "postgresql" else SQLiteFullText()
