"""ncbnet/rows.py converts a hot path's values as Django would: the same database values, by a shorter road."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from ncbnet import rows
from ncbnet.audit.models import AuditEntry
from ncbnet.hits.models import Hit
from ncbnet.messaging.models import Message, Priority


def _plain(value):
    """A database value in a comparable form (psycopg's Jsonb wrapper compared by the text it sends)."""
    obj = getattr(value, "obj", None)
    if obj is not None or type(value).__name__ == "Jsonb":
        return ("jsonb", (value.dumps or json.dumps)(obj))
    return value


SAMPLES = {
    "JSONField": [{"items": ["number::12AB34567"], "nested": {"a": [1, 2.5, None, True]}}, [], {}, ["x", "é ü"],
                  [{"k": "v"}], None, "a bare string", 3],
    "DateTimeField": [datetime(2026, 12, 6, 4, 1, 2, 345678, tzinfo=UTC), None,
                      datetime(2026, 12, 6, 5, 1, 2, tzinfo=UTC).astimezone(tz=None)],
    "CharField": ["abc", "", None, Priority.URGENT],
    "TextField": ["multi\nline", ""],
    "BooleanField": [True, False],
    "FloatField": [0.9, 1],
}


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Hit, Message, AuditEntry])
def test_each_fields_converter_gives_what_django_would_store(model):
    checked = 0
    for field in model._meta.concrete_fields:
        internal = field.get_internal_type()
        convert = rows.converter(field, connection.vendor)
        for value in SAMPLES.get(internal, []):
            if value is None and not field.null:
                continue
            assert _plain(convert(value)) == _plain(field.get_db_prep_save(value, connection)), (field.name, value)
            checked += 1
    assert checked >= 5  # the model has the kinds of field the samples cover


@pytest.mark.django_db
def test_a_row_written_with_the_converted_values_reads_back_as_the_orm_wrote_it(world):
    now = datetime(2026, 12, 6, 4, 0, tzinfo=UTC)
    searched = {"field": "number", "value": "12AB34567", "country": "", "extra": ["ü", 1, None]}
    kw = dict(record_type="travel_document", record_id=1, owner_country_id="FR", owner_ncb_id=world.ncb("FR").pk,
              searcher_org_id=world.ncb("DE").pk, searcher_user_id=world.officer("DE").pk, searched_with=searched, score=0.9, urgent=True, raised_at=now,
              due_at=now + timedelta(hours=1))
    by_orm = Hit.objects.create(reference="HIT-TEST-ORM", **kw)
    fast = Hit(reference="HIT-TEST-ROWS", **kw)
    fields = [f for f in Hit._meta.concrete_fields if not f.primary_key and f.name != "notification"]
    with connection.cursor() as cursor:
        cursor.execute(rows.insert_sql(Hit, fields, "notification_id"), [*rows.db_values(fast, fields), None])
        rows.stored(fast, cursor.fetchone()[0])
    a, b = Hit.objects.get(pk=by_orm.pk), Hit.objects.get(pk=fast.pk)
    for f in fields:
        if f.name != "reference":
            assert getattr(a, f.attname) == getattr(b, f.attname), f.name
    assert b.searched_with == searched
