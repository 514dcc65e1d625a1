"""PostgreSQL: every change to what an API token's actor is made of sends NOTIFY ncbnet_actors, so that the server
processes' actor caches (``ncbnet/members/actor_cache.py``) forget what they kept.

What an actor is made of is the row of ``services._ACTOR_BY_TOKEN``: the token (its digest, prefix, user, expiry,
revocation; not its last use, written once a minute per token), the user (name, role, clearance, organisation,
active), the user's organisation (any column) and the organisation's agency authorisation (any column). Row
triggers with a WHEN on the columns that matter, statement triggers where any change counts; deletions and
TRUNCATE too. PostgreSQL sends the notification when the transaction commits, and not at all if it rolls back.
SQLite has no notifications: there the cache stays off and nothing is created."""

from django.db import migrations

FUNCTION = ("CREATE OR REPLACE FUNCTION ncbnet_actors_changed() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN PERFORM pg_notify('ncbnet_actors', TG_TABLE_NAME); RETURN NULL; END $$")


def _changed(columns: tuple[str, ...]) -> str:
    return " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)


TRIGGERS = {  # name -> (table, when and how)
    "apitoken_actor_update": ("members_apitoken", "AFTER UPDATE ON members_apitoken FOR EACH ROW WHEN ("
                              + _changed(("digest", "prefix", "user_id", "expires_at", "revoked_at")) + ")"),
    "user_actor_update": ("members_user", "AFTER UPDATE ON members_user FOR EACH ROW WHEN ("
                          + _changed(("username", "role", "clearance", "organisation_id", "is_active")) + ")"),
    "apitoken_actor_delete": ("members_apitoken", "AFTER DELETE OR TRUNCATE ON members_apitoken FOR EACH STATEMENT"),
    "user_actor_delete": ("members_user", "AFTER DELETE OR TRUNCATE ON members_user FOR EACH STATEMENT"),
    "organisation_actor_change": ("members_organisation",
                                  "AFTER UPDATE OR DELETE OR TRUNCATE ON members_organisation FOR EACH STATEMENT"),
    "authorisation_actor_change": ("members_agencyauthorisation", "AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "
                                   "members_agencyauthorisation FOR EACH STATEMENT"),
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for name, (_, how) in TRIGGERS.items():
        schema_editor.execute(f"CREATE TRIGGER {name} {how} EXECUTE FUNCTION ncbnet_actors_changed()")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, _) in TRIGGERS.items():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS ncbnet_actors_changed()")


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0004_international_bodies"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
