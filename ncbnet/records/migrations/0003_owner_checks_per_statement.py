"""PostgreSQL: a police record's owner and author columns checked once per statement, not once per row.

A record names four members: its owner country, its owner NCB, its creator and its last editor. As foreign keys,
PostgreSQL checked the four values of every new row one row at a time (at commit: Django makes its foreign keys
deferred), about 12 of the 25 microseconds a row cost in a bulk load at 10 million travel documents, while the
rows of one file nearly always name the same four members.

Here, on PostgreSQL only, those four foreign keys of the five record tables are replaced by:
- one trigger per record table, after each INSERT or UPDATE statement, that checks the statement's new rows as a
  set (their distinct values against the members' tables) and refuses the statement if one is missing;
- one trigger per member table (country, organisation, user), before a row is deleted or its key changed, that
  refuses while a police record still names it.
So the database still refuses a record that names a member who does not exist, and a member who is still named.
What is given up: the key-share lock a foreign key takes on the member's row; members are deactivated, never
deleted, and the application's PROTECT (Django's state here is unchanged) refuses the deletion first anyway.

SQLite keeps its foreign keys: they are cheap there, and changing them would make SQLite rebuild the tables,
which drops the full-text triggers of 0002. The model state is unchanged: Django still knows these columns as
foreign keys (PROTECT on delete, joins); a later AlterField of one of them re-creates its foreign key.
"""

from django.db import migrations

RECORD_TABLES = ("records_person", "records_traveldocument", "records_vehicle", "records_workofart",
                 "records_firearm")
# column -> (member table, its key)
MEMBER_COLUMNS = {
    "owner_country_id": ("members_country", "code"),
    "owner_ncb_id": ("members_organisation", "id"),
    "created_by_id": ("members_user", "id"),
    "updated_by_id": ("members_user", "id"),
}
MEMBER_TABLES = dict(MEMBER_COLUMNS.values())


def _record_check(table: str) -> list[str]:
    columns = ", ".join(MEMBER_COLUMNS)
    missing = " OR ".join(
        f"(n.{col} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {member} m WHERE m.{key} = n.{col}))"
        for col, (member, key) in MEMBER_COLUMNS.items())
    function = f"{table}_members_check"
    return [
        f"""CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM (SELECT DISTINCT {columns} FROM new_rows) n WHERE {missing}) THEN
    RAISE foreign_key_violation USING MESSAGE = '{table}: a row names an owner or author who is not a member';
  END IF;
  RETURN NULL;
END $$""",
        f"CREATE TRIGGER {table}_members_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        f"CREATE TRIGGER {table}_members_update AFTER UPDATE ON {table} REFERENCING NEW TABLE AS new_rows"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
    ]


def _member_guard(member: str, key: str) -> list[str]:
    named = " OR ".join(f"EXISTS (SELECT 1 FROM {table} WHERE {col} = OLD.{key})"
                        for table in RECORD_TABLES for col, (m, _) in MEMBER_COLUMNS.items() if m == member)
    function = f"{member}_named_by_records"
    return [
        f"""CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.{key} = OLD.{key} THEN
    RETURN NEW;
  END IF;
  IF {named} THEN
    RAISE foreign_key_violation USING MESSAGE = '{member} ' || OLD.{key} || ' is still named by a police record';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$""",
        f"CREATE TRIGGER {member}_named_by_records BEFORE DELETE OR UPDATE OF {key} ON {member}"
        f" FOR EACH ROW EXECUTE FUNCTION {function}()",
    ]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for table in RECORD_TABLES:
            cursor.execute(
                "SELECT c.conname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid"
                " AND a.attnum = c.conkey[1] WHERE c.conrelid = %s::regclass AND c.contype = 'f'"
                " AND a.attname = ANY(%s)", [table, list(MEMBER_COLUMNS)])
            for (name,) in cursor.fetchall():
                schema_editor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for table in RECORD_TABLES:
        for sql in _record_check(table):
            schema_editor.execute(sql)
    for member, key in MEMBER_TABLES.items():
        for sql in _member_guard(member, key):
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for member in MEMBER_TABLES:
        schema_editor.execute(f"DROP TRIGGER {member}_named_by_records ON {member}")
        schema_editor.execute(f"DROP FUNCTION {member}_named_by_records()")
    for table in RECORD_TABLES:
        schema_editor.execute(f"DROP TRIGGER {table}_members_insert ON {table}")
        schema_editor.execute(f"DROP TRIGGER {table}_members_update ON {table}")
        schema_editor.execute(f"DROP FUNCTION {table}_members_check()")
        for col, (member, key) in MEMBER_COLUMNS.items():
            schema_editor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {table}_{col}_fk FOREIGN KEY ({col})"
                                  f" REFERENCES {member} ({key}) DEFERRABLE INITIALLY DEFERRED")


class Migration(migrations.Migration):
    dependencies = [("records", "0002_fulltext"), ("members", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
