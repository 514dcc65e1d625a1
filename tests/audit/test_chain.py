"""The hash chain as pure functions: every way of tampering with a list of entries is named by seq."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ncbnet.audit.chain import GENESIS, HASHED_FIELDS, entry_hash, payload, payload_around_seq, verify

T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def build_chain(n: int) -> list[dict]:
    entries, prev = [], GENESIS
    for seq in range(1, n + 1):
        fields = {
            "seq": seq, "at": T0 + timedelta(seconds=seq), "username": f"officer{seq % 3}",
            "organisation": "NCB-FR", "action": "message.read" if seq % 2 else "message.send", "outcome": "ok",
            "object_type": "message", "object_ids": [str(100 + seq)], "query": {"q": f"term {seq}"},
            "result_ids": [str(seq), str(seq + 1)], "purpose": "", "reason": "", "ip": "10.0.0.1", "token_id": seq,
        }
        digest = entry_hash(prev, fields)
        entries.append({**fields, "prev_hash": prev, "entry_hash": digest})
        prev = digest
    return entries


def head_of(entries: list[dict]) -> tuple[int, str]:
    return entries[-1]["seq"], entries[-1]["entry_hash"]


def test_intact_chain_verifies():
    chain = build_chain(8)
    assert verify(chain, *head_of(chain)) is None


def test_empty_chain_with_empty_head_verifies():
    assert verify([], 0, GENESIS) is None


def test_entry_hash_depends_on_the_previous_hash():
    e = build_chain(1)[0]
    assert entry_hash(GENESIS, e) != entry_hash("1" * 64, e)


def test_edited_field_is_named_by_its_seq():
    chain = build_chain(8)
    chain[4]["username"] = "someone.else"
    broken = verify(chain, *head_of(build_chain(8)))
    assert broken is not None and broken.seq == 5
    assert "edited" in broken.problem


def test_edited_entry_with_recomputed_hash_breaks_the_next_entry():
    """An attacker who rehashes the edited entry still leaves the next entry pointing at the old hash."""
    chain = build_chain(8)
    chain[4]["result_ids"] = []
    chain[4]["entry_hash"] = entry_hash(chain[4]["prev_hash"], chain[4])
    broken = verify(chain)
    assert broken is not None and broken.seq == 6


def test_deleted_middle_entry_is_named_at_the_gap():
    chain = build_chain(8)
    head = head_of(chain)
    del chain[3]  # seq 4
    broken = verify(chain, *head)
    assert broken is not None and broken.seq == 5
    assert "4..4" in broken.problem and "missing" in broken.problem


def test_deleted_last_entry_is_caught_by_the_head():
    chain = build_chain(8)
    head = head_of(chain)
    chain.pop()
    broken = verify(chain, *head)
    assert broken is not None and broken.seq == 8
    assert "head says 8" in broken.problem


def test_deleted_last_entry_with_rewound_seq_is_caught_by_the_head_hash():
    chain = build_chain(8)
    _, head_hash = head_of(chain)
    chain.pop()
    broken = verify(chain, 7, head_hash)  # the attacker rewound the head's seq but not its hash
    assert broken is not None and broken.seq == 7


def test_reordered_entries_are_named():
    chain = build_chain(8)
    chain[2], chain[3] = chain[3], chain[2]  # storage order now 1, 2, 4, 3, ...
    broken = verify(chain, *head_of(build_chain(8)))
    assert broken is not None and broken.seq == 4


def test_swapped_seq_numbers_are_caught_by_the_hash():
    chain = build_chain(8)
    chain[2]["seq"], chain[3]["seq"] = chain[3]["seq"], chain[2]["seq"]
    chain[2], chain[3] = chain[3], chain[2]  # sorted by seq again, as a reader ordering by seq would see them
    broken = verify(chain, *head_of(build_chain(8)))
    assert broken is not None and broken.seq == 3


def test_inserted_entry_with_its_own_seq_is_named():
    chain = build_chain(6)
    forged_fields = {**chain[2], "seq": 4, "username": "forger"}
    forged = {**forged_fields, "prev_hash": chain[2]["entry_hash"],
              "entry_hash": entry_hash(chain[2]["entry_hash"], forged_fields)}
    chain.insert(3, forged)  # now 1, 2, 3, forged 4, real 4, 5, 6
    broken = verify(chain, *head_of(build_chain(6)))
    assert broken is not None and broken.seq == 4
    assert "out of order" in broken.problem


def test_inserted_entry_renumbering_the_rest_is_named_where_the_chain_stops_following():
    """An attacker who inserts and renumbers every later entry still cannot fix their prev_hash links."""
    chain = build_chain(6)
    forged_fields = {**chain[2], "seq": 4, "username": "forger"}
    forged = {**forged_fields, "prev_hash": chain[2]["entry_hash"],
              "entry_hash": entry_hash(chain[2]["entry_hash"], forged_fields)}
    rest = [{**e, "seq": e["seq"] + 1} for e in chain[3:]]
    broken = verify(chain[:3] + [forged] + rest, 7, rest[-1]["entry_hash"])
    assert broken is not None and broken.seq == 5


def test_forged_entry_appended_after_the_head_is_caught():
    chain = build_chain(5)
    head = head_of(chain)
    fields = {**chain[-1], "seq": 6, "action": "forged"}
    chain.append({**fields, "prev_hash": chain[-1]["entry_hash"], "entry_hash": entry_hash(chain[-1]["entry_hash"], fields)})
    broken = verify(chain, *head)
    assert broken is not None and broken.seq == 6
    assert "appended" in broken.problem


def test_replaced_first_entry_breaks_at_seq_1():
    chain = build_chain(4)
    chain[0]["prev_hash"] = "f" * 64
    broken = verify(chain)
    assert broken is not None and broken.seq == 1


def _changed(value):
    if isinstance(value, datetime):
        return value + timedelta(microseconds=1)
    if isinstance(value, int):
        return value + 1
    if isinstance(value, list):
        return [*value, "x"]
    if isinstance(value, dict):
        return {**value, "x": 1}
    return value + "x"


@pytest.mark.parametrize("name", HASHED_FIELDS)
def test_every_hashed_field_is_covered_by_the_hash(name):
    e = build_chain(1)[0]
    assert entry_hash(GENESIS, {**e, name: _changed(e[name])}) != entry_hash(GENESIS, e)


EDITABLE = [f for f in HASHED_FIELDS if f != "seq"]  # editing seq is a reorder, proved above


def _different(value):
    if isinstance(value, datetime):
        return st.integers(min_value=1, max_value=10**9).map(lambda us: value + timedelta(microseconds=us))
    if isinstance(value, int):
        return st.integers().filter(lambda v: v != value)
    if isinstance(value, list):
        return st.lists(st.text(max_size=5), max_size=3).filter(lambda v: v != value)
    if isinstance(value, dict):
        return st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3).filter(lambda v: v != value)
    return st.text(max_size=20).filter(lambda v: v != value)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), n=st.integers(min_value=1, max_value=12))
def test_any_single_field_edit_of_any_entry_is_caught_at_that_entry(data, n):
    chain = build_chain(n)
    head = head_of(chain)
    index = data.draw(st.integers(min_value=0, max_value=n - 1), label="entry")
    name = data.draw(st.sampled_from(EDITABLE), label="field")
    chain[index][name] = data.draw(_different(chain[index][name]), label="new value")
    broken = verify(chain, *head)
    assert broken is not None and broken.seq == index + 1


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)  # any script, quotes, backslashes


@given(
    seq=st.integers(min_value=1, max_value=10**12), username=_TEXT, purpose=_TEXT,
    query=st.dictionaries(st.sampled_from(["seq", "q", "token_id", "a", "z"]),
                          st.one_of(_TEXT, st.integers(), st.lists(_TEXT, max_size=3)), max_size=4),
    token_id=st.one_of(st.none(), st.integers(min_value=1, max_value=10**9)),
)
@settings(max_examples=200, deadline=None)
def test_the_payload_split_around_seq_joins_back_into_the_hashed_payload(seq, username, purpose, query, token_id):
    """PostgreSQL hashes ``before || seq || after`` as it appends: that text must be exactly what the chain hashes,
    whatever the fields hold (a nested "seq", quotes, any script)."""
    fields = {
        "seq": seq, "at": T0, "username": username, "organisation": "NCB-FR", "action": "person.search",
        "outcome": "ok", "object_type": "search", "object_ids": ["1"], "query": query, "result_ids": [],
        "purpose": purpose, "reason": "", "ip": "", "token_id": token_id,
    }
    before, after = payload_around_seq(fields)
    assert before + str(seq) + after == payload(fields)
    assert payload_around_seq({**fields, "seq": 0}) == (before, after)
