"""SQLite: the messages' full-text index without word positions (FTS5 ``detail=none``).

The mailbox search asks for words and word prefixes, never phrases or words near each other, so positions were
never read; they made the index five times bigger (160 MB against 33 MB at a million messages) and every send paid
for them: each commit writes a small segment, which FTS5 later merges into bigger ones a step at a time inside
later sends (stalls of 25 ms every ~50 sends after a busy spell; 14 ms every ~300 without positions).
Triggers and table are made again as 0002 made them, with the new option; the index is rebuilt from the messages.
"""

import importlib

from django.db import migrations

_0002 = importlib.import_module("ncbnet.messaging.migrations.0002_fulltext")
CREATE_WITHOUT_POSITIONS = _0002.SQLITE[0].replace("remove_diacritics 2')", "remove_diacritics 2', detail=none)")
assert CREATE_WITHOUT_POSITIONS != _0002.SQLITE[0]
_REBUILD = "INSERT INTO messaging_message_fts(messaging_message_fts) VALUES('rebuild')"


def _remake(schema_editor, create: str) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in [*_0002.SQLITE_REVERSE, create, *_0002.SQLITE[1:], _REBUILD]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("messaging", "0004_fewer_message_indexes")]
    operations = [migrations.RunPython(lambda apps, se: _remake(se, CREATE_WITHOUT_POSITIONS),
                                       lambda apps, se: _remake(se, _0002.SQLITE[0]))]
