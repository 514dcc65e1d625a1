"""The audit trail and the hits keep only the indexes something reads (audit migration 0004, hits 0003), and the
trail stays append-only through the change (on SQLite a table rebuild would have dropped its triggers)."""

import pytest
from django.db import DatabaseError, connection, transaction

from ncbnet.audit.models import AuditEntry
from ncbnet.audit.services import record


def _indexes(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {name for name, info in connection.introspection.get_constraints(cursor, table).items()
                if info["index"] or info["unique"]}


def test_the_auditors_filters_have_plain_indexes_and_no_pattern_twins(db):
    indexes = _indexes("audit_auditentry")
    assert {"audit_entry_username", "audit_entry_organisation", "audit_entry_action"} <= indexes
    assert not [i for i in indexes if i.endswith("_like") or i.startswith(("audit_auditentry_action",
                                                                           "audit_auditentry_username"))]


def test_a_hit_reference_is_unique_by_a_constraint_without_a_pattern_twin(db):
    indexes = _indexes("hits_hit")
    assert not [i for i in indexes if i.endswith("_like")]
    with connection.cursor() as cursor:
        unique = [info["columns"] for info in connection.introspection.get_constraints(cursor, "hits_hit").values()
                  if info["unique"]]
    assert ["reference"] in unique


def test_the_trail_is_still_append_only(db):
    record(None, "test.entry", reason="before")
    entry = AuditEntry.objects.order_by("-id").first()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(reason="after")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).reason == "before"
