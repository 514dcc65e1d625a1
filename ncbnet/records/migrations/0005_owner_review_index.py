"""A record's owner country indexed with its review date, in place of the owner country alone: the owner's records due
for review are read in date order from it (``records.services.due_for_review``), and it serves any filter by owner
country as the plain index did. The plain index and PostgreSQL's pattern-ops twin (nothing looks up an owner country
with LIKE) are dropped by name: the field's db_index goes in the state only, as an AlterField would make SQLite copy
each whole table."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

DROPPED = [
    "records_firearm_owner_country_id_ba61f5b0",
    "records_person_owner_country_id_9dc4191a",
    "records_traveldocument_owner_country_id_00cadb8b",
    "records_vehicle_owner_country_id_39da828b",
    "records_workofart_owner_country_id_c6b617dd",
]

OWNER_REVIEW = {"records_firearm": "firearm_owner_review", "records_person": "person_owner_review",
                "records_traveldocument": "document_owner_review", "records_vehicle": "vehicle_owner_review",
                "records_workofart": "artwork_owner_review"}


def _create_owner_review(apps, schema_editor):
    """PostgreSQL: (owner_country_id, review_due, id), so that a page in (review date, id) order is read in order. SQLite
    appends every index entry's rowid (the id) by itself: (owner_country_id, review_due) gives the same order, and
    each entry is smaller for every record a bulk load writes."""
    columns = "owner_country_id, review_due" + (", id" if schema_editor.connection.vendor == "postgresql" else "")
    for table, name in OWNER_REVIEW.items():
        schema_editor.execute(f"CREATE INDEX {name} ON {table} ({columns})")


def _drop_owner_review(apps, schema_editor):
    for name in OWNER_REVIEW.values():
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0006_organisation_language'),
        ('records', '0004_hash_key_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='firearm',
                    name='owner_country',
                    field=models.ForeignKey(db_index=False, help_text="the country whose data this is (empty for the General Secretariat's own)", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='members.country'),
                ),
                migrations.AlterField(
                    model_name='person',
                    name='owner_country',
                    field=models.ForeignKey(db_index=False, help_text="the country whose data this is (empty for the General Secretariat's own)", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='members.country'),
                ),
                migrations.AlterField(
                    model_name='traveldocument',
                    name='owner_country',
                    field=models.ForeignKey(db_index=False, help_text="the country whose data this is (empty for the General Secretariat's own)", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='members.country'),
                ),
                migrations.AlterField(
                    model_name='vehicle',
                    name='owner_country',
                    field=models.ForeignKey(db_index=False, help_text="the country whose data this is (empty for the General Secretariat's own)", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='members.country'),
                ),
                migrations.AlterField(
                    model_name='workofart',
                    name='owner_country',
                    field=models.ForeignKey(db_index=False, help_text="the country whose data this is (empty for the General Secretariat's own)", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='members.country'),
                ),
            ],
            database_operations=[migrations.RunSQL(
                [f"DROP INDEX IF EXISTS {name}" for name in DROPPED] + [f"DROP INDEX IF EXISTS {name}_like" for name in DROPPED],
                reverse_sql=migrations.RunSQL.noop)],
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name='firearm',
                    index=models.Index(fields=['owner_country', 'review_due', 'id'], name='firearm_owner_review'),
                ),
                migrations.AddIndex(
                    model_name='person',
                    index=models.Index(fields=['owner_country', 'review_due', 'id'], name='person_owner_review'),
                ),
                migrations.AddIndex(
                    model_name='traveldocument',
                    index=models.Index(fields=['owner_country', 'review_due', 'id'], name='document_owner_review'),
                ),
                migrations.AddIndex(
                    model_name='vehicle',
                    index=models.Index(fields=['owner_country', 'review_due', 'id'], name='vehicle_owner_review'),
                ),
                migrations.AddIndex(
                    model_name='workofart',
                    index=models.Index(fields=['owner_country', 'review_due', 'id'], name='artwork_owner_review'),
                ),
            ],
            database_operations=[migrations.RunPython(_create_owner_review, _drop_owner_review)],
        ),
    ]
