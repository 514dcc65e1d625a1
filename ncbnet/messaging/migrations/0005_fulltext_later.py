"""SQLite: a message's full-text entry is written after the message, in batches (``messaging.fulltext``), instead of
by a trigger in the message's own transaction. ``messaging_fts_indexed.upto``: every message up to this id has its
entry; the delete and update triggers touch the index only for those. PostgreSQL: nothing changes (the stored
tsvector is the row's own)."""

import importlib

from django.db import migrations

_BEFORE = importlib.import_module("ncbnet.messaging.migrations.0002_fulltext")
_INDEXED = "(SELECT upto FROM messaging_fts_indexed WHERE id = 1)"

TRIGGERS = [
    "CREATE TRIGGER messaging_message_fts_ad AFTER DELETE ON messaging_message"
    f" WHEN old.id <= {_INDEXED} BEGIN"
    " INSERT INTO messaging_message_fts(messaging_message_fts, rowid, subject, body)"
    " VALUES ('delete', old.id, old.subject, old.body); END",
    "CREATE TRIGGER messaging_message_fts_au AFTER UPDATE OF subject, body ON messaging_message"
    f" WHEN old.id <= {_INDEXED} BEGIN"
    " INSERT INTO messaging_message_fts(messaging_message_fts, rowid, subject, body)"
    " VALUES ('delete', old.id, old.subject, old.body);"
    " INSERT INTO messaging_message_fts(rowid, subject, body) VALUES (new.id, new.subject, new.body); END",
]
SQLITE = [
    "CREATE TABLE messaging_fts_indexed (id INTEGER PRIMARY KEY CHECK (id = 1), upto INTEGER NOT NULL)",
    "INSERT INTO messaging_fts_indexed (id, upto) SELECT 1, coalesce(max(id), 0) FROM messaging_message",
    "DROP TRIGGER messaging_message_fts_ai",
    "DROP TRIGGER messaging_message_fts_ad",
    "DROP TRIGGER messaging_message_fts_au",
    *TRIGGERS,
]
SQLITE_REVERSE = [
    "INSERT INTO messaging_message_fts(rowid, subject, body) SELECT id, subject, body FROM messaging_message"
    f" WHERE id > {_INDEXED} ORDER BY id",
    "DROP TRIGGER messaging_message_fts_ad",
    "DROP TRIGGER messaging_message_fts_au",
    *_BEFORE.SQLITE[1:],  # the triggers as 0002 made them
    "DROP TABLE messaging_fts_indexed",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_REVERSE:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("messaging", "0004_fewer_message_indexes")]
    operations = [migrations.RunPython(forwards, backwards)]
