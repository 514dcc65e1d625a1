"""The few hot statements worth preparing on the PostgreSQL server: a send, an audit append, a hit, the policy-
filtered key look-up of an identifier check, an API token's actor.

Planning a send (one statement of five CTEs) cost the database more than running it: 0.45 of 0.9 ms. A
statement run through ``execute`` is prepared once per connection and planned once (a generic plan: right for
these writes, whose plan does not depend on the values). Everything else is planned afresh for its own values
(settings: a ``prepare_threshold`` never reached), as a search must be. Without ``settings.PG_PREPARED`` (SQLite, or
``NCBNET_PG_PREPARED=0``) it is a plain ``cursor.execute``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.backends.utils import CursorDebugWrapper
from psycopg import _queries as _psycopg_queries

# psycopg turns a statement's %s placeholders into $1..$n with a regular expression, and keeps the result only for
# statements of at most 50 parameters (so that ORM-made INSERTs of varying length do not crowd its cache of 128).
# The hot statements here have up to 70 and never change: re-parsing one on every call cost about 0.1 ms of a hit.
# Above this many parameters (a batch's hits, a bulk INSERT) a statement is still parsed afresh.
HOT_STATEMENT_PARAMS = 100
if getattr(_psycopg_queries, "MAX_CACHED_STATEMENT_PARAMS", HOT_STATEMENT_PARAMS) < HOT_STATEMENT_PARAMS:
    _psycopg_queries.MAX_CACHED_STATEMENT_PARAMS = HOT_STATEMENT_PARAMS


def execute(cursor: Any, sql: str, params: list[Any]) -> None:
    """``cursor.execute(sql, params)``, prepared on the server. ``cursor``: a Django cursor (its execute wrappers,
    its query log under DEBUG and its translation of database errors all still apply)."""
    if not settings.PG_PREPARED:
        cursor.execute(sql, params)
        return
    # Django's cursor has no way to pass psycopg's prepare=True: go through its wrappers with an executor that does.
    if isinstance(cursor, CursorDebugWrapper):
        with cursor.debug_sql(sql, params):
            cursor._execute_with_wrappers(sql, params, False, _prepared)
    else:
        cursor._execute_with_wrappers(sql, params, False, _prepared)


def _prepared(sql: str, params: list[Any], many: bool, context: dict[str, Any]) -> Any:
    wrapper = context["cursor"]
    wrapper.db.validate_no_broken_transaction()
    with wrapper.db.wrap_database_errors:
        return wrapper.cursor.execute(sql, params, prepare=True)
