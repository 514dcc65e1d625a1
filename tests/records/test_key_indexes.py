"""The identifier keys are looked up by equality only: on PostgreSQL through hash indexes (records migration
0004), which the policy-filtered look-up of a passenger list uses; SQLite keeps its B-trees."""

import json

import pytest
from django.db import connection

from ncbnet.records.bulk import bulk_load
from ncbnet.records.identifier_search import IdentifierQuery, check_identifiers
from ncbnet.records.services import create_record
from tests.records.conftest import passport

KEY_INDEXES = {"document_number_key": "records_traveldocument", "vehicle_vin_key": "records_vehicle",
               "firearm_serial_key": "records_firearm"}


def _definitions() -> dict[str, str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)", [list(KEY_INDEXES)])
        else:
            cursor.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN "
                           f"({', '.join(['%s'] * len(KEY_INDEXES))})", list(KEY_INDEXES))
        return dict(cursor.fetchall())


def test_each_key_index_exists_with_the_method_of_its_database(db):
    definitions = _definitions()
    assert set(definitions) == set(KEY_INDEXES)
    for name, table in KEY_INDEXES.items():
        assert table in definitions[name]
        assert ("USING hash" in definitions[name]) == (connection.vendor == "postgresql")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="hash indexes are PostgreSQL's")
def test_a_passenger_list_is_looked_up_through_the_hash_index(desk):
    for i in range(30):
        create_record(desk.de, "travel_document", passport(f"DE{i:07d}", country="DEU"))
    # Enough of France's own for the planner to weigh the table as it is (a few rows make any index as cheap as the
    # key's, such as the owner and review date index, which also holds the review date every look-up filters on).
    lines = (json.dumps(passport(f"FR{i:07d}", ref=f"FR-{i}")).encode() + b"\n" for i in range(3000))
    assert bulk_load(desk.fr, "travel_document", lines, "ndjson").ok
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE records_traveldocument")
        cursor.execute("SET enable_seqscan = off")  # a table of 30 rows is read whole otherwise
    explained = _Explain()
    try:
        with connection.execute_wrapper(explained):
            answers = check_identifiers(desk.fr, [IdentifierQuery("number", f"DE{i:07d}") for i in range(0, 60, 2)])
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_seqscan")
    assert [bool(a.matches) for a in answers] == [i < 30 for i in range(0, 60, 2)]
    assert explained.plans and all("document_number_key" in plan for plan in explained.plans)


class _Explain:
    """Records the plan of each look-up of travel documents by key."""

    def __init__(self) -> None:
        self.plans: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        # (PostgreSQL: the look-up of one kind is "WITH found AS (SELECT ...), <its audit entry, if nothing is found>")
        if "number_key" in sql and sql.lstrip().upper().startswith(("SELECT", "WITH FOUND AS")):
            cursor = context["cursor"]
            cursor.execute("EXPLAIN " + sql, params)
            self.plans.append("\n".join(row[0] for row in cursor.fetchall()))
        return execute(sql, params, many, context)
