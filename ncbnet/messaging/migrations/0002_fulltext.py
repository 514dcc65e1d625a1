"""Full-text index over messages: SQLite FTS5 (kept by triggers) or a PostgreSQL stored tsvector + GIN."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE messaging_message_fts USING fts5(subject, body, content='messaging_message',"
    " content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER messaging_message_fts_ai AFTER INSERT ON messaging_message BEGIN"
    " INSERT INTO messaging_message_fts(rowid, subject, body) VALUES (new.id, new.subject, new.body); END",
    "CREATE TRIGGER messaging_message_fts_ad AFTER DELETE ON messaging_message BEGIN"
    " INSERT INTO messaging_message_fts(messaging_message_fts, rowid, subject, body)"
    " VALUES ('delete', old.id, old.subject, old.body); END",
    "CREATE TRIGGER messaging_message_fts_au AFTER UPDATE OF subject, body ON messaging_message BEGIN"
    " INSERT INTO messaging_message_fts(messaging_message_fts, rowid, subject, body)"
    " VALUES ('delete', old.id, old.subject, old.body);"
    " INSERT INTO messaging_message_fts(rowid, subject, body) VALUES (new.id, new.subject, new.body); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER messaging_message_fts_au", "DROP TRIGGER messaging_message_fts_ad",
    "DROP TRIGGER messaging_message_fts_ai", "DROP TABLE messaging_message_fts",
]

_DOC = "coalesce(subject, '') || ' ' || coalesce(body, '')"
POSTGRES = [
    "ALTER TABLE messaging_message ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS ("
    f"to_tsvector('simple'::regconfig, {_DOC}) || CASE language"
    f" WHEN 'en' THEN to_tsvector('english'::regconfig, {_DOC})"
    f" WHEN 'fr' THEN to_tsvector('french'::regconfig, {_DOC})"
    f" WHEN 'es' THEN to_tsvector('spanish'::regconfig, {_DOC})"
    f" WHEN 'ar' THEN to_tsvector('arabic'::regconfig, {_DOC})"
    " ELSE ''::tsvector END) STORED",
    "CREATE INDEX messaging_message_search_tsv ON messaging_message USING gin (search_tsv)",
]
POSTGRES_REVERSE = ["DROP INDEX messaging_message_search_tsv", "ALTER TABLE messaging_message DROP COLUMN search_tsv"]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in SQLITE if vendor == "sqlite" else POSTGRES if vendor == "postgresql" else []:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in SQLITE_REVERSE if vendor == "sqlite" else POSTGRES_REVERSE if vendor == "postgresql" else []:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("messaging", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
