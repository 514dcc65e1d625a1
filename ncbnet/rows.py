"""Model rows written with plain SQL on the hot paths (a send, a hit), where ``Model.save()`` spent more time
compiling than the database spent writing: the INSERT, the instance's values in the database's form, and the
instance marked as stored."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from django.db import connection, models

# Fields whose database form is the Python value itself when it has exactly this type (a subclass, such as a
# TextChoices member, takes Django's own conversion).
_PLAIN: dict[str, type] = {
    "CharField": str, "TextField": str, "SlugField": str, "EmailField": str, "IntegerField": int,
    "BigIntegerField": int, "SmallIntegerField": int, "PositiveIntegerField": int,
    "PositiveBigIntegerField": int, "PositiveSmallIntegerField": int, "AutoField": int, "BigAutoField": int,
    "BooleanField": bool,
}


def insert_sql(model: type[models.Model], fields: list[Any], *extra_columns: str) -> str:
    """``INSERT INTO <table> (<fields' columns>, <extra columns>) VALUES (%s, ...) RETURNING id``."""
    columns = [f.column for f in fields] + list(extra_columns)
    return (f"INSERT INTO {model._meta.db_table} ({', '.join(columns)})"
            f" VALUES ({', '.join(['%s'] * len(columns))}) RETURNING id")


@lru_cache(maxsize=1024)
def converter(field: Any, vendor: str) -> Callable[[Any], Any]:
    """``field.get_db_prep_save(value, connection)`` for ``vendor``, without Django's generic walk for the usual
    values (a str, an int, a UTC datetime): a hit's two rows spent a fifth of its Python time converting values
    that needed no conversion. Anything else goes through Django's own conversion."""
    target = field.target_field if field.get_internal_type() == "ForeignKey" else field
    internal = target.get_internal_type()
    slow = field.get_db_prep_save
    plain = _PLAIN.get(internal)
    if plain is not None:
        return lambda v: v if v is None or type(v) is plain else slow(v, connection)
    if internal == "DateTimeField" and vendor == "postgresql":
        return lambda v: v if type(v) is datetime and v.tzinfo is UTC else slow(v, connection)
    if internal == "DateTimeField" and vendor == "sqlite":  # Django's form: naive UTC, str()
        return lambda v: str(v.replace(tzinfo=None)) if type(v) is datetime and v.tzinfo is UTC else slow(v, connection)
    if internal == "JSONField" and field.encoder is None:  # Django's form: json.dumps(v), as Jsonb on PostgreSQL
        if vendor == "sqlite":
            return lambda v: json.dumps(v) if type(v) is dict or type(v) is list else slow(v, connection)
        if vendor == "postgresql":
            from psycopg.types.json import Jsonb

            return lambda v: Jsonb(v, json.dumps) if type(v) is dict or type(v) is list else slow(v, connection)
    return lambda v: slow(v, connection)


_plans: dict[tuple[int, str], tuple[list[Any], list[tuple[str, Callable[[Any], Any]]]]] = {}


def db_values(obj: models.Model, fields: list[Any]) -> list[Any]:
    """The instance's values of ``fields`` (a list kept for the process's life, e.g. a module constant), as the
    database takes them."""
    key = (id(fields), connection.vendor)
    plan = _plans.get(key)
    if plan is None:  # the plan holds the list itself, so its id is never reused for another list
        plan = _plans[key] = (fields, [(f.attname, converter(f, connection.vendor)) for f in fields])
    return [convert(getattr(obj, name)) for name, convert in plan[1]]


@lru_cache(maxsize=64)
def unnest_sql(fields: tuple[Any, ...], alias: str) -> str:
    """PostgreSQL: ``unnest(%s::<type>[], ...) AS <alias>(c0, c1, ...)``, the rows of ``fields`` passed column by
    column (``column_values``), one array per column: a statement that writes any number of rows then has one
    text, prepared once, and a handful of parameters (one per field, not one per value)."""
    arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in fields)
    return f"unnest({arrays}) AS {alias}({', '.join(f'c{i}' for i in range(len(fields)))})"


def column_values(objs: list[models.Model], fields: list[Any]) -> list[list[Any]]:
    """The instances' values of ``fields`` as the database takes them (``db_values``), one list per field."""
    return [list(column) for column in zip(*(db_values(obj, fields) for obj in objs), strict=True)]


def stored(obj: models.Model, pk: int) -> None:
    """Mark ``obj`` as the row just written with id ``pk``."""
    obj.pk, obj._state.adding, obj._state.db = pk, False, connection.alias
