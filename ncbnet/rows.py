"""Model rows written with plain SQL on the hot paths (a send, a hit), where ``Model.save()`` spent more time
compiling than the database spent writing: the INSERT, the instance's values in the database's form, and the
instance marked as stored."""

from __future__ import annotations

from typing import Any

from django.db import connection, models


def insert_sql(model: type[models.Model], fields: list[Any], *extra_columns: str) -> str:
    """``INSERT INTO <table> (<fields' columns>, <extra columns>) VALUES (%s, ...) RETURNING id``."""
    columns = [f.column for f in fields] + list(extra_columns)
    return (f"INSERT INTO {model._meta.db_table} ({', '.join(columns)})"
            f" VALUES ({', '.join(['%s'] * len(columns))}) RETURNING id")


def db_values(obj: models.Model, fields: list[Any]) -> list[Any]:
    """The instance's values of ``fields``, as the database takes them."""
    return [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]


def stored(obj: models.Model, pk: int) -> None:
    """Mark ``obj`` as the row just written with id ``pk``."""
    obj.pk, obj._state.adding, obj._state.db = pk, False, connection.alias
