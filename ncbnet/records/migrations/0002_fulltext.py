"""Full-text indexes over works of art (title, artist, materials, description) and persons' distinguishing marks:
SQLite FTS5 kept by triggers, or PostgreSQL stored tsvectors with GIN indexes."""

from django.db import migrations

_TABLES = {
    "records_workofart": ("title", "artist", "materials", "description"),
    "records_person": ("distinguishing_marks", "circumstances"),
}


def _sqlite(table: str, cols: tuple[str, ...]) -> list[str]:
    fts, c = f"{table}_fts", ", ".join(cols)
    new, old = ", ".join(f"new.{x}" for x in cols), ", ".join(f"old.{x}" for x in cols)
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({c}, content='{table}', content_rowid='id',"
        " tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN INSERT INTO {fts}(rowid, {c}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN"
        f" INSERT INTO {fts}({fts}, rowid, {c}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {c} ON {table} BEGIN"
        f" INSERT INTO {fts}({fts}, rowid, {c}) VALUES ('delete', old.id, {old});"
        f" INSERT INTO {fts}(rowid, {c}) VALUES (new.id, {new}); END",
    ]


# Accents folded as SQLite's remove_diacritics does ('icone' finds 'Icône'); unaccent is STABLE, and a generated
# column needs an IMMUTABLE function, hence the wrapper with the dictionary named explicitly.
POSTGRES_SETUP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE OR REPLACE FUNCTION ncbnet_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT"
    " AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$",
]


def _postgres(table: str, cols: tuple[str, ...]) -> list[str]:
    doc = "ncbnet_unaccent(" + " || ' ' || ".join(f"coalesce({x}, '')" for x in cols) + ")"
    vector = " || ".join(f"to_tsvector('{cfg}'::regconfig, {doc})" for cfg in ("simple", "english", "french", "spanish"))
    return [
        f"ALTER TABLE {table} ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS ({vector}) STORED",
        f"CREATE INDEX {table}_search_tsv ON {table} USING gin (search_tsv)",
    ]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for sql in POSTGRES_SETUP:
            schema_editor.execute(sql)
    for table, cols in _TABLES.items():
        for sql in _sqlite(table, cols) if vendor == "sqlite" else _postgres(table, cols) if vendor == "postgresql" else []:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in _TABLES:
        if vendor == "sqlite":
            for suffix in ("_au", "_ad", "_ai"):
                schema_editor.execute(f"DROP TRIGGER {table}_fts{suffix}")
            schema_editor.execute(f"DROP TABLE {table}_fts")
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX {table}_search_tsv")
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_tsv")


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
