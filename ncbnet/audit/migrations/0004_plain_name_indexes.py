"""The auditor's exact-match filters (username, organisation, action) keep one plain index each. ``db_index=True``
on a text column had also built a pattern-ops twin on PostgreSQL (for LIKE), which no query uses and every audit
entry paid for (about 30 microseconds of the database's time per entry).

The database side is written out instead of Django's AlterField: on SQLite that would rebuild the table, and
the table's append-only triggers would go with the old one. Dropping and creating indexes leaves the table (and
its triggers) alone on both databases."""

from django.db import migrations, models

COLUMNS = {"username": "a55758fd", "organisation": "6a5ece96", "action": "dee621eb"}  # Django's names of 0001


def _statements(vendor: str, forward: bool) -> list[str]:
    sql = []
    for column, suffix in COLUMNS.items():
        old = f"audit_auditentry_{column}_{suffix}"
        if forward:
            sql += [f"DROP INDEX IF EXISTS {old}", f"DROP INDEX IF EXISTS {old}_like",
                    f"CREATE INDEX audit_entry_{column} ON audit_auditentry ({column})"]
        else:
            sql += [f"DROP INDEX IF EXISTS audit_entry_{column}", f"CREATE INDEX {old} ON audit_auditentry ({column})"]
            if vendor == "postgresql":
                sql.append(f"CREATE INDEX {old}_like ON audit_auditentry ({column} varchar_pattern_ops)")
    return sql


def forwards(apps, schema_editor):
    for sql in _statements(schema_editor.connection.vendor, True):
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    for sql in _statements(schema_editor.connection.vendor, False):
        schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0003_lanes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forwards, backwards)],
            state_operations=[
                migrations.AlterField(model_name='auditentry', name='action', field=models.CharField(max_length=64)),
                migrations.AlterField(model_name='auditentry', name='organisation',
                                      field=models.CharField(blank=True, max_length=40)),
                migrations.AlterField(model_name='auditentry', name='username',
                                      field=models.CharField(blank=True, max_length=150)),
                migrations.AddIndex(model_name='auditentry',
                                    index=models.Index(fields=['username'], name='audit_entry_username')),
                migrations.AddIndex(model_name='auditentry',
                                    index=models.Index(fields=['organisation'], name='audit_entry_organisation')),
                migrations.AddIndex(model_name='auditentry',
                                    index=models.Index(fields=['action'], name='audit_entry_action')),
            ],
        ),
    ]
