"""Free-text search over descriptions: works of art (title, artist, materials, description) and persons'
distinguishing marks and circumstances. One small interface over SQLite FTS5 (bm25) and PostgreSQL tsvector
(ts_rank); the caller's query is already narrowed by the access policy, so the database applies both before
the limit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from ncbnet.access.policy import Actor
from ncbnet.audit.services import record as audit
from ncbnet.groupcommit import durable
from ncbnet.records.models import PoliceRecord
from ncbnet.records.services import searchable_records

_WORD = re.compile(r"\w+", re.UNICODE)
TEXT_KINDS = ("work_of_art", "person")


class InvalidTextSearch(ValueError):
    pass


def terms(query: str) -> list[str]:
    return _WORD.findall(query.lower())[:20]


@dataclass
class TextResult:
    record: PoliceRecord
    rank: float


def _sqlite(qs: QuerySet, table: str, words: list[str]) -> QuerySet:
    fts = f"{table}_fts"
    return qs.extra(  # noqa: S610 -- a join on the FTS table Django has no model for; values are parameters
        tables=[fts], where=[f"{fts}.rowid = {table}.id", f"{fts} MATCH %s"],
        params=[" AND ".join(f'"{w}"*' for w in words)],
        select={"text_rank": f"-bm25({fts})"}, order_by=["-text_rank", "-id"],
    )


def _postgres(qs: QuerySet, table: str, words: list[str]) -> QuerySet:
    text = " ".join(words)
    configs = ("simple", "english", "french", "spanish")
    tsquery = " || ".join(f"plainto_tsquery('{c}', ncbnet_unaccent(%s))" for c in configs)
    return qs.extra(  # noqa: S610
        where=[f"{table}.search_tsv @@ ({tsquery})"], params=[text] * len(configs),
        select={"text_rank": f"ts_rank({table}.search_tsv, ({tsquery}))"}, select_params=[text] * len(configs),
        order_by=["-text_rank", "-id"],
    )


def search_text(actor: Actor, kind_name: str, query: str, *, limit: int = 20, purpose: str = "") -> list[TextResult]:
    if kind_name not in TEXT_KINDS:
        raise InvalidTextSearch(f"free text searches {' and '.join(TEXT_KINDS)}, not {kind_name}")
    words = terms(query)
    if not words:
        raise InvalidTextSearch("the text needs at least one word")
    if not 1 <= limit <= 100:
        raise InvalidTextSearch("limit is from 1 to 100")
    qs = searchable_records(actor, kind_name)
    table = qs.model._meta.db_table
    qs = (_postgres if connection.vendor == "postgresql" else _sqlite)(qs, table, words)
    rows = list(qs[:limit])
    durable(lambda: audit(actor, f"{kind_name}.text_search", object_type="search", purpose=purpose,
                          query={"text": query, "limit": limit}, result_ids=[f"{kind_name}:{r.pk}" for r in rows]))
    return [TextResult(r, float(r.text_rank)) for r in rows]
