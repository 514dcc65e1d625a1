"""Tampering with the real audit table. The database refuses UPDATE and DELETE; an attacker with the
rights to drop those triggers can then edit, delete, forge and reorder rows, and `ncbnet audit verify`
names the first broken entry every time.

Triggers dropped inside a test come back with the test's rollback (DDL is transactional on both SQLite
and PostgreSQL); the last test of this module proves it.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from ncbnet.audit import chain
from ncbnet.audit.models import AuditEntry, AuditHead
from ncbnet.audit.services import fingerprint

TABLE = "audit_auditentry"


@pytest.fixture
def trail(world) -> list[int]:
    """Eight entries, written the ordinary way: by sending messages."""
    sender = world.officer("FR")
    for i in range(8):
        world.send(sender, ["NCB:DE"], subject=f"Audited message {i}")
    seqs = list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1)) and len(seqs) >= 8
    return seqs


def sql(statement: str, params: list | tuple = ()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def drop_append_only_triggers() -> None:
    """What an attacker with DDL rights on the database does first."""
    if connection.vendor == "postgresql":
        sql(f"DROP TRIGGER audit_entry_append_only ON {TABLE}")
    else:
        sql("DROP TRIGGER audit_entry_no_update")
        sql("DROP TRIGGER audit_entry_no_delete")


def verify_fails_at(seq: int) -> str:
    with pytest.raises(CommandError) as caught:
        call_command("audit", "verify", stdout=StringIO())
    message = str(caught.value)
    assert f"audit entry {seq}:" in message, message
    return message


def verify_passes() -> str:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


# ------------------------------------------------------------------------------ the database refuses

def test_untouched_chain_verifies(trail):
    assert f"audit chain intact: {len(trail)} entries in 8 lanes" in verify_passes()
    assert fingerprint()[1] in verify_passes()


@pytest.mark.parametrize(
    "statement",
    [f"UPDATE {TABLE} SET username = 'nobody' WHERE seq = 3", f"UPDATE {TABLE} SET seq = seq + 100",
     f"DELETE FROM {TABLE} WHERE seq = 3", f"DELETE FROM {TABLE}"],
)
def test_database_refuses_update_and_delete_of_audit_entries(trail, statement):
    before = list(AuditEntry.objects.order_by("seq").values_list("seq", "username", "entry_hash"))
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic():
            sql(statement)
    assert list(AuditEntry.objects.order_by("seq").values_list("seq", "username", "entry_hash")) == before
    verify_passes()


# ------------------------------------------------------------------------------ an attacker drops the triggers

def test_edited_field_is_named_by_verify(trail):
    drop_append_only_triggers()
    sql(f"UPDATE {TABLE} SET username = %s WHERE seq = %s", ["someone.else", 4])
    assert AuditEntry.objects.get(seq=4).username == "someone.else"  # the edit really happened
    assert "edited" in verify_fails_at(4)


def test_edited_json_field_is_named_by_verify(trail):
    drop_append_only_triggers()
    victim = AuditEntry.objects.get(seq=6)
    AuditEntry.objects.filter(pk=victim.pk).update(result_ids=[])  # through the ORM this time
    verify_fails_at(6)


def test_edited_entry_with_recomputed_hash_is_named_at_the_next_entry(trail):
    """Rehashing the edited entry does not help: the next entry still points at the old hash."""
    drop_append_only_triggers()
    sql(f"UPDATE {TABLE} SET purpose = %s WHERE seq = %s", ["cover story", 3])
    row = AuditEntry.objects.filter(seq=3).values(*chain.HASHED_FIELDS, "prev_hash").get()
    sql(f"UPDATE {TABLE} SET entry_hash = %s WHERE seq = %s", [chain.entry_hash(row["prev_hash"], row), 3])
    assert "does not follow" in verify_fails_at(4)


def test_deleted_middle_entry_is_named_by_verify(trail):
    drop_append_only_triggers()
    sql(f"DELETE FROM {TABLE} WHERE seq = %s", [5])
    assert not AuditEntry.objects.filter(seq=5).exists()
    message = verify_fails_at(6)
    assert "entries 5..5 are missing" in message


def test_deleted_last_entry_is_named_by_verify(trail):
    drop_append_only_triggers()
    last = trail[-1]
    sql(f"DELETE FROM {TABLE} WHERE seq = %s", [last])
    assert f"head says {last}" in verify_fails_at(last)


def test_deleted_last_entry_with_the_head_rewound_is_named_by_verify(trail):
    """The head row has no trigger; rewinding its seq still leaves the old hash, which names the entry."""
    drop_append_only_triggers()
    last = trail[-1]
    sql(f"DELETE FROM {TABLE} WHERE seq = %s", [last])
    AuditHead.objects.filter(pk=1).update(seq=last - 1)
    assert "not the one the chain head recorded" in verify_fails_at(last - 1)


def _forge_after(seq: int, username: str) -> None:
    """Insert a forged entry after ``seq`` with a correct hash of its own, as a careful attacker would."""
    (at,) = sql(f"SELECT at FROM {TABLE} WHERE seq = %s", [seq])[0]
    prev = AuditEntry.objects.get(seq=seq).entry_hash
    sql(
        f"INSERT INTO {TABLE} (seq, at, username, organisation, action, outcome, object_type, object_ids, query,"
        " result_ids, purpose, reason, ip, token_id, prev_hash, entry_hash)"
        " VALUES (%s, %s, %s, 'NCB-FR', 'message.read', 'ok', 'message', %s, %s, %s, '', '', '', NULL, %s, %s)",
        [seq + 1, at, username, '["1"]', "{}", "[]", prev, "0" * 64],
    )
    row = AuditEntry.objects.filter(username=username).values(*chain.HASHED_FIELDS, "prev_hash").get()
    sql(f"UPDATE {TABLE} SET entry_hash = %s WHERE username = %s", [chain.entry_hash(prev, row), username])


def test_forged_entry_appended_behind_the_head_is_named_by_verify(trail):
    drop_append_only_triggers()
    last = trail[-1]
    _forge_after(last, "forger")
    assert AuditEntry.objects.filter(seq=last + 1, username="forger").exists()
    assert "appended behind the head" in verify_fails_at(last + 1)


def test_forged_entry_inserted_in_the_middle_is_named_by_verify(trail):
    """Make room at seq 5 by moving 5.. up by one, then write the forgery there with a correct hash."""
    drop_append_only_triggers()
    last = trail[-1]
    for seq in range(last, 4, -1):  # top down, so the unique seq never collides
        sql(f"UPDATE {TABLE} SET seq = %s WHERE seq = %s", [seq + 1, seq])
    AuditHead.objects.filter(pk=1).update(seq=last + 1)
    _forge_after(4, "forger")
    # storage order now puts the forgery (newest id, seq 5) last: the renumbered entries break first
    verify_fails_at(6)


def test_forged_chain_with_the_head_moved_is_only_caught_by_a_head_hash_kept_elsewhere(trail):
    """The limit of verify: a forger who appends correctly and moves the head leaves a valid chain. That is
    why verify prints the fingerprint of the heads, to be recorded outside the database, and it changes."""
    recorded = fingerprint()[1]
    drop_append_only_triggers()
    last = trail[-1]
    _forge_after(last, "forger")
    forged = AuditEntry.objects.get(seq=last + 1)
    AuditHead.objects.filter(pk=1).update(seq=last + 1, entry_hash=forged.entry_hash)
    out = verify_passes()
    assert recorded not in out and fingerprint()[1] in out


def test_swapped_seq_of_two_entries_is_named_by_verify(trail):
    drop_append_only_triggers()
    sql(f"UPDATE {TABLE} SET seq = -1 WHERE seq = %s", [3])
    sql(f"UPDATE {TABLE} SET seq = %s WHERE seq = %s", [3, 6])
    sql(f"UPDATE {TABLE} SET seq = %s WHERE seq = %s", [6, -1])
    assert set(AuditEntry.objects.values_list("seq", flat=True)) == set(trail)  # no gap left behind
    # the row stored third now claims seq 6: verify stops there
    verify_fails_at(6)


def test_swapped_rows_with_rehashed_content_are_named_by_verify(trail):
    """Swapping the seq *and* everything else of two adjacent rows is still a broken prev_hash link."""
    drop_append_only_triggers()
    cols = ["username", "action", "object_ids", "result_ids", "prev_hash", "entry_hash"]
    rows = {seq: sql(f"SELECT {', '.join(cols)} FROM {TABLE} WHERE seq = %s", [seq])[0] for seq in (3, 4)}
    for seq, other in ((3, 4), (4, 3)):
        assignments = ", ".join(f"{c} = %s" for c in cols)
        sql(f"UPDATE {TABLE} SET {assignments} WHERE seq = %s", [*rows[other], seq])
    verify_fails_at(3)


# ------------------------------------------------------------------------------ the triggers come back

def test_triggers_dropped_by_an_earlier_test_are_back(trail):
    """Runs after the tampering tests above: their rollback must have restored the append-only triggers."""
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic():
            sql(f"UPDATE {TABLE} SET username = 'nobody' WHERE seq = 1")
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic():
            sql(f"DELETE FROM {TABLE} WHERE seq = 1")


def test_an_entry_in_any_script_with_quotes_and_backslashes_verifies(world):
    """On PostgreSQL the database hashes the entry as it appends it; the hash must be the one Python computes."""
    from ncbnet.audit.services import record, verify_chain

    actor = world.actor(world.officer("FR"))
    record(actor, "person.search", object_type="search", purpose='طلب "عاجل" \\ urgent\ttab',
           query={"seq": 5, "names": ["Мухаммед", "محمد", "O'Brien"], "note": "é\u00a0\u200f"}, result_ids=["person:1"])
    stored = AuditEntry.objects.filter(action="person.search").values(*chain.HASHED_FIELDS, "prev_hash", "entry_hash").get()
    assert chain.entry_hash(stored["prev_hash"], stored) == stored["entry_hash"]
    assert verify_chain() is None
