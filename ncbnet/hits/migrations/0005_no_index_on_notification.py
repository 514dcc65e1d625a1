"""A hit's message is not indexed: nothing looks a hit up by its message (only a message's deletion would, and
messages are never deleted), and every hit wrote the index.

The field's db_index goes in the state only; the database drops the index by name (an AlterField would make SQLite
copy the whole hits table)."""

import django.db.models.deletion
from django.db import migrations, models

DROPPED = "hits_hit_notification_id_81e17f05"


class Migration(migrations.Migration):

    dependencies = [
        ('hits', '0004_hit_on_records_the_gs_holds'),
        ('messaging', '0004_fewer_message_indexes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='hit',
                    name='notification',
                    field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='messaging.message'),
                ),
            ],
            database_operations=[migrations.RunSQL(f"DROP INDEX IF EXISTS {DROPPED}",
                                                   reverse_sql=f"CREATE INDEX {DROPPED} ON hits_hit (notification_id)")],
        ),
    ]
