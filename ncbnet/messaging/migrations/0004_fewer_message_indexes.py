"""Fewer indexes on messages: every send writes each of them, and nothing looked messages up by these columns.

The fields' db_index goes in the state only; the database drops the indexes by name. (An AlterField would make
SQLite copy the whole table, and the copy would lose the full-text triggers of 0002.) The ``_like`` twins exist
only on PostgreSQL, hence IF EXISTS.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


DROPPED = [
    "messaging_message_author_id_40198c92",
    "messaging_message_case_reference_53ec9e19",
    "messaging_message_case_reference_53ec9e19_like",
    "messaging_message_created_at_f4945c0f",
    "messaging_message_forwarded_from_id_10730e8b",
    "messaging_message_owner_country_id_7ecdb5d3",
    "messaging_message_owner_country_id_7ecdb5d3_like",
    "messaging_message_reply_to_id_f28e3285",
]


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0004_international_bodies'),
        ('messaging', '0003_search_statistics'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='message',
                    name='author',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='authored_messages', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AlterField(
                    model_name='message',
                    name='case_reference',
                    field=models.CharField(blank=True, max_length=64),
                ),
                migrations.AlterField(
                    model_name='message',
                    name='created_at',
                    field=models.DateTimeField(),
                ),
                migrations.AlterField(
                    model_name='message',
                    name='forwarded_from',
                    field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='forwards', to='messaging.message'),
                ),
                migrations.AlterField(
                    model_name='message',
                    name='owner_country',
                    field=models.ForeignKey(db_index=False, help_text="the country whose data this is (empty for the General Secretariat's own)", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='members.country'),
                ),
                migrations.AlterField(
                    model_name='message',
                    name='reply_to',
                    field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='replies', to='messaging.message'),
                ),
            ],
            database_operations=[migrations.RunSQL([f"DROP INDEX IF EXISTS {name}" for name in DROPPED],
                                                   reverse_sql=migrations.RunSQL.noop)],
        ),
        migrations.AddIndex(
            model_name='message',
            index=models.Index(condition=models.Q(('case_reference', ''), _negated=True), fields=['case_reference'], name='message_case'),
        ),
        migrations.AddIndex(
            model_name='message',
            index=models.Index(condition=models.Q(('priority__in', ['urgent', 'immediate'])), fields=['created_at'], name='message_urgent_since'),
        ),
    ]
