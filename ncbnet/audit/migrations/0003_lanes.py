"""Several audit chains ("lanes"), so that concurrent transactions on PostgreSQL do not all wait for one row lock
held across each other's commits. An entry's seq is now its position in its lane; existing entries are lane 1."""

import importlib

from django.db import migrations, models

LANES = 8


def heads(apps, schema_editor):
    head = apps.get_model("audit", "AuditHead")
    for lane in range(1, LANES + 1):
        head.objects.get_or_create(pk=lane)


def append_only_again(apps, schema_editor):
    """On SQLite, altering ``seq`` rebuilt the table, and its append-only triggers went with the old one."""
    if schema_editor.connection.vendor != "sqlite":
        return
    append_only = importlib.import_module("ncbnet.audit.migrations.0002_append_only")
    for sql in append_only.SQLITE_REVERSE:
        schema_editor.execute(sql.replace("DROP TRIGGER", "DROP TRIGGER IF EXISTS"))
    for sql in append_only.SQLITE:
        schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_append_only'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='auditentry',
            options={'ordering': ['id'], 'verbose_name_plural': 'audit entries'},
        ),
        migrations.AddField(
            model_name='auditentry',
            name='lane',
            field=models.PositiveSmallIntegerField(default=1, db_default=1, help_text='which of the chains (one per AuditHead row)'),
        ),
        migrations.AddField(
            model_name='audithead',
            name='prev_hash',
            field=models.CharField(default='0' * 64, max_length=64),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='seq',
            field=models.BigIntegerField(help_text="gapless position in its lane's chain"),
        ),
        migrations.AddConstraint(
            model_name='auditentry',
            constraint=models.UniqueConstraint(fields=('lane', 'seq'), name='audit_entry_lane_seq'),
        ),
        migrations.RunPython(heads, migrations.RunPython.noop),
        migrations.RunPython(append_only_again, migrations.RunPython.noop),
    ]
