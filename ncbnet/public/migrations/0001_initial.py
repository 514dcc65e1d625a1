"""The catalogue version and the triggers that change it, in the same transaction as every insert, update
or delete of a public extract, whoever writes it (the notices services, a bulk load, raw SQL).

The new value is never one used before, even across a rolled-back transaction: a sequence on PostgreSQL (not
rolled back), a random 64-bit number on SQLite. An answer cached at one value can then never be taken for
the answer at another."""

from django.db import migrations, models

SQLITE = [
    *(f"CREATE TRIGGER public_catalogue_{event.lower()} AFTER {event} ON notices_publicextract BEGIN"
      " INSERT INTO public_catalogueversion (id, version) VALUES (1, random())"
      " ON CONFLICT (id) DO UPDATE SET version = excluded.version; END" for event in ("INSERT", "UPDATE", "DELETE")),
]
SQLITE_REVERSE = [f"DROP TRIGGER public_catalogue_{event}" for event in ("insert", "update", "delete")]
POSTGRES = [
    "CREATE SEQUENCE public_catalogue_version",
    "CREATE FUNCTION public_catalogue_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " INSERT INTO public_catalogueversion (id, version) VALUES (1, nextval('public_catalogue_version'))"
    " ON CONFLICT (id) DO UPDATE SET version = excluded.version; RETURN NULL; END $$",
    "CREATE TRIGGER public_catalogue_rows AFTER INSERT OR UPDATE OR DELETE ON notices_publicextract"
    " FOR EACH ROW EXECUTE FUNCTION public_catalogue_changed()",
    "CREATE TRIGGER public_catalogue_truncate AFTER TRUNCATE ON notices_publicextract"
    " FOR EACH STATEMENT EXECUTE FUNCTION public_catalogue_changed()",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER public_catalogue_rows ON notices_publicextract",
    "DROP TRIGGER public_catalogue_truncate ON notices_publicextract",
    "DROP FUNCTION public_catalogue_changed()", "DROP SEQUENCE public_catalogue_version",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in SQLITE if vendor == "sqlite" else POSTGRES if vendor == "postgresql" else []:
        schema_editor.execute(sql)
    apps.get_model("public", "CatalogueVersion").objects.create(id=1, version=0)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in SQLITE_REVERSE if vendor == "sqlite" else POSTGRES_REVERSE if vendor == "postgresql" else []:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    initial = True
    dependencies = [("notices", "0001_initial")]
    operations = [
        migrations.CreateModel(
            name="CatalogueVersion",
            fields=[
                ("id", models.PositiveSmallIntegerField(primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(
                    help_text="a new value on every change of a public extract; never reused")),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
