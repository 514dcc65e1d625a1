"""Bulk files: checked whole first, loaded whole or not at all, with a report naming each bad line."""

import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ncbnet.api.records import record_out
from ncbnet.audit.models import AuditEntry
from ncbnet.records import services
from ncbnet.records.bulk import bulk_load
from ncbnet.records.cleaning import InvalidRecord, clean, fast_document
from ncbnet.records.models import Person, PersonName, TravelDocument
from ncbnet.records.person_search import PersonSearch, search_persons
from tests.records.conftest import passport


def _ndjson(rows) -> list[bytes]:
    return [(json.dumps(r) + "\n").encode() for r in rows]


def test_a_good_ndjson_file_loads_whole_with_one_audit_entry(desk):
    rows = [passport(f"AB{i:07d}") for i in range(500)]
    report = bulk_load(desk.fr, "travel_document", _ndjson(rows), "ndjson")
    assert report.ok and report.loaded == 500 and report.lines == 500
    assert TravelDocument.objects.filter(owner_country_id="FR").count() == 500
    doc = TravelDocument.objects.get(number="AB0000042")
    assert doc.number_key == "A80000042" and doc.review_due and doc.owner_ncb_id == desk.fr_user.organisation_id
    entry = AuditEntry.objects.get(action="travel_document.bulk_load")
    assert entry.object_ids == [f"{report.first_id}..{report.last_id}"] and entry.query["lines"] == 500
    assert report.last_id - report.first_id == 499


def test_one_bad_line_among_many_loads_nothing_and_names_the_line(desk):
    rows = [passport(f"AB{i:07d}") for i in range(2000)]
    rows[1234]["expiry_date"] = "2031-02-31"
    lines = _ndjson(rows)
    lines.insert(10, b"{not json\n")
    report = bulk_load(desk.fr, "travel_document", lines, "ndjson")
    assert not report.ok and report.loaded == 0
    assert [(e.line, e.field) for e in report.errors] == [(11, "line"), (1236, "expiry_date")]
    assert "February 2031 has 28 days" in report.errors[1].message
    assert not TravelDocument.objects.exists()
    assert not AuditEntry.objects.filter(action="travel_document.bulk_load").exists()


@pytest.mark.parametrize("kind,rows,field", [
    ("travel_document", [passport("AB0000001"), passport("AB0000002", ref="R\ud800")], "national_reference"),
    ("travel_document", [passport("AB0000001"), {**passport("AB0000002"), "event_place": "L\udfffyon"}], "event_place"),
    ("person", [{"national_reference": "P1", "names": ["Jean Dupont"], "role": "wanted"},
                {"national_reference": "P2", "names": [{"full": "Jean \ud800", "kind": "alias"}], "role": "wanted"}],
     "names"),
])
def test_half_a_character_in_a_line_is_reported_not_a_failure(desk, kind, rows, field):
    """A JSON escape such as \\ud800 without its partner decodes to text no database can store: the write failed
    (a 500 through the API); now the line and field are named, and nothing is loaded."""
    report = bulk_load(desk.fr, kind, _ndjson(rows), "ndjson")
    assert [(e.line, e.field) for e in report.errors] == [(2, field)] and report.loaded == 0
    assert "half of a character" in report.errors[0].message
    assert not TravelDocument.objects.exists() and not Person.objects.exists()


def test_duplicates_foreign_documents_and_existing_references_are_reported(desk):
    services.create_record(desk.fr, "travel_document", passport("ZZ0000001", ref="EXISTING"))
    rows = [passport("AA0000001", ref="R1"), passport("AA0000002", ref="R1"),
            passport("AA0000003", ref="R3", issuing_country="DEU"), passport("AA0000004", ref="EXISTING")]
    report = bulk_load(desk.fr, "travel_document", _ndjson(rows), "ndjson")
    assert [(e.line, e.field) for e in report.errors] == [(2, "national_reference"), (3, "issuing_country"),
                                                          (4, "national_reference")]
    assert TravelDocument.objects.count() == 1


def test_a_file_is_written_while_it_is_checked_and_kept_only_if_every_line_is_good(desk, monkeypatch):
    from ncbnet.records import bulk

    monkeypatch.setattr(bulk, "CHUNK", 5)  # written in chunks of 5 while the rest is still being checked
    services.create_record(desk.fr, "travel_document", passport("ZZ0000001", ref="EXISTING"))
    rows = [passport(f"AB{i:07d}", ref=f"R{i}") for i in range(30)]
    bad = [dict(r) for r in rows]
    bad[21]["document_status"] = "misplaced"  # after four chunks were written
    report = bulk_load(desk.fr, "travel_document", _ndjson(bad), "ndjson")
    assert [(e.line, e.field) for e in report.errors] == [(22, "document_status")] and report.loaded == 0
    taken = [dict(r) for r in rows]
    taken[16]["national_reference"] = "EXISTING"  # only the database knows: its chunk's write fails
    report = bulk_load(desk.fr, "travel_document", _ndjson(taken), "ndjson")
    assert [(e.line, e.field, e.message) for e in report.errors] == [
        (17, "national_reference", "your NCB already has a record with this reference")]
    assert report.loaded == 0 and report.first_id is None
    assert TravelDocument.objects.count() == 1 and not AuditEntry.objects.filter(action="travel_document.bulk_load")
    report = bulk_load(desk.fr, "travel_document", _ndjson(rows), "ndjson")  # the good file, afterwards
    assert report.ok and report.loaded == 30 and report.last_id - report.first_id == 29
    stored = list(TravelDocument.objects.filter(national_reference__startswith="R").order_by("id")
                  .values_list("id", "national_reference"))
    assert stored == [(report.first_id + i, f"R{i}") for i in range(30)]  # the file's order, ids without a gap
    later = services.create_record(desk.fr, "travel_document", passport("ZZ0000002", ref="LATER")).record
    assert later.pk > report.last_id  # the id sequence moved past the load


def test_csv_persons_load_and_become_searchable(desk):
    csv_text = ("national_reference,names,birth_date,sex,role,nationalities\n"
                "C1,Ahmed Benali|أحمد بن علي,1975-03-02,M,wanted,DZ|FR\n"
                "C2,Svetlana Ivanova,1990,F,missing,RU\n")
    report = bulk_load(desk.fr, "person", [line.encode() + b"\n" for line in csv_text.splitlines()], "csv")
    assert report.ok and report.loaded == 2
    p = Person.objects.get(national_reference="C1")
    assert p.nationalities == ",DZ,FR," and PersonName.objects.filter(person=p).count() == 2
    results = search_persons(desk.de, PersonSearch(names=["Ahmad Ben Ali"], birth_date="1975-03-02"))
    assert results and results[0].person.pk == p.pk
    # a change after a bulk load keeps the loaded version as version 1
    services.update_record(desk.fr, "person", p.pk, {"sex": "U"})
    versions = services.history(desk.fr, "person", p.pk)
    assert [v.version for v in versions] == [1, 2] and versions[0].data["sex"] == "M"


def test_a_csv_line_with_too_many_cells_is_reported(desk):
    lines = [b"national_reference,number,issuing_country,document_type,document_status\n",
             b"R1,AA1,FRA,passport,lost\n", b"R2,AA2,FRA,passport,lost,extra\n"]
    report = bulk_load(desk.fr, "travel_document", lines, "csv")
    assert [(e.line, e.field) for e in report.errors] == [(3, "line")]


def test_the_cli_loads_a_file_and_refuses_a_bad_one(desk, tmp_path, capsys):
    good = tmp_path / "docs.ndjson"
    good.write_bytes(b"".join(_ndjson([passport(f"CL{i:07d}") for i in range(50)])))
    call_command("records", "load", "travel_document", str(good), "--user", desk.fr_user.username)
    assert "loaded 50" in capsys.readouterr().out
    bad = tmp_path / "bad.ndjson"
    bad.write_bytes(b"".join(_ndjson([passport("XX1", ref="A"), passport("XX2", ref="B", document_type="scroll")])))
    with pytest.raises(CommandError, match="1 bad line"):
        call_command("records", "load", "travel_document", str(bad), "--user", desk.fr_user.username)
    assert "line 2: document_type" in capsys.readouterr().err
    assert TravelDocument.objects.count() == 50


# The fast path of travel-document files must never accept what clean() refuses, nor store anything else.
_TEXTS = st.one_of(st.text(max_size=70), st.sampled_from(["", " ", "  FR-1 ", "\x00", "a" * 64, "a" * 65]))
_VALUES = {
    "national_reference": _TEXTS | st.integers(-5, 10**6) | st.none(),
    "case_reference": _TEXTS | st.none(),
    "number": st.one_of(st.from_regex(r"[A-Z0-9 -]{1,22}", fullmatch=True), _TEXTS, st.integers(0, 10**9)),
    "issuing_country": st.sampled_from(["FRA", "FR", "D", "DEU", "fra", " FRA ", "XXX", "UTO", "", "ZZ", "XKX"]),
    "document_type": st.sampled_from(["passport", "identity_card", "visa", "Passport", "", "other", "pass port"]),
    "document_status": st.sampled_from(["stolen_blank", "lost", "revoked", "invalid", "stolen_from_bearer", "gone"]),
    "issue_date": st.one_of(st.none(), st.sampled_from(["", "2020-01-15", "2031-02-31", "1799-12-31", "20200115"]),
                            st.dates(date(1700, 1, 1), date(2100, 1, 1)).map(date.isoformat)),
    "expiry_date": st.one_of(st.none(), st.dates(date(1800, 1, 1), date(2100, 1, 1)).map(date.isoformat)),
    "event_date": st.one_of(st.none(), st.sampled_from([(date.today() + timedelta(days=d)).isoformat() for d in
                                                        (-3, -2, -1, 0, 1, 2)] + ["2024-13-01"]),
                            st.dates(date(1800, 1, 1), date(2030, 1, 1)).map(date.isoformat)),
    "event_place": _TEXTS | st.none(),
    "classification": st.integers(0, 4),
    "colour": st.just("red"),
}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({}, optional=_VALUES), st.sets(st.sampled_from(sorted(passport())), max_size=2))
def test_the_fast_path_of_document_files_agrees_with_the_checks_of_every_record(changed, dropped):
    raw = {k: v for k, v in {**passport(), **changed}.items() if k not in dropped}  # a good line, a few fields off
    line = (json.dumps(raw, ensure_ascii=bool(len(raw) % 2)) + "\n").encode()
    fast = fast_document(line)
    try:
        slow = clean("travel_document", json.loads(line))
    except InvalidRecord:
        assert fast is None  # refused by clean(): the fast path declined it too, so clean() reports why
        return
    if fast is not None:
        assert (fast.fields, fast.restrictions, fast.names) == (slow.fields, slow.restrictions, slow.names)


def test_restricted_and_unrestricted_lines_of_one_file_keep_their_own_restrictions(desk):
    rows = [passport("AB0000001"), passport("AB0000002", restriction_mode="allow", restricted_countries=["DE", "IT"],
                                             agencies_may_view=False, classification=2), passport("AB0000003")]
    report = bulk_load(desk.fr, "travel_document", _ndjson(rows), "ndjson")
    assert report.ok and report.loaded == 3
    stored = {d.number: (d.restriction_mode, d.restricted_countries, d.agencies_may_view, d.classification, d.id)
              for d in TravelDocument.objects.all()}
    assert stored["AB0000002"][:4] == ("allow", ",DE,IT,", False, 2)
    assert stored["AB0000001"][:4] == stored["AB0000003"][:4] == ("none", "", True, 1)
    assert [stored[f"AB000000{i}"][4] for i in (1, 2, 3)] == list(range(report.first_id, report.last_id + 1))


def test_the_usual_line_takes_the_fast_path_and_a_bad_one_does_not(desk):
    good = _ndjson([passport("AB1234567")])[0]
    assert fast_document(good) is not None
    assert fast_document(good.replace(b"FRA", b"ATL")) is None  # an unknown country: clean() names it
    assert fast_document(_ndjson([passport("AB1234567", classification=2)])[0]) is None  # restrictions: clean()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's page cache")
@pytest.mark.parametrize("good", [True, False])
def test_sqlite_loads_with_a_big_page_cache_and_gives_the_usual_one_back(desk, monkeypatch, good):
    from ncbnet.records import bulk

    monkeypatch.setattr(bulk, "CHUNK", 5)
    before = connection.cursor().execute("PRAGMA cache_size").fetchone()[0]
    during = []
    rows = [passport(f"PC{i:07d}") for i in range(12)] + ([] if good else [{"number": "?"}])
    report = bulk_load(desk.fr, "travel_document", _ndjson(rows), "ndjson",
                       progress=lambda n: during.append(connection.cursor().execute("PRAGMA cache_size").fetchone()[0]))
    assert report.ok == good
    assert during[0] == during[1] == -bulk._SQLiteSink.CACHE_KIB  # while the chunks are written
    assert connection.cursor().execute("PRAGMA cache_size").fetchone()[0] == before


def test_a_bulk_loaded_records_first_version_names_who_loaded_it_and_the_owner_ncb(desk):
    agency = desk.agency_actor("FR", databases=("travel_documents",), may_contribute=True, code="FR-BORDER")
    report = bulk_load(agency, "travel_document", _ndjson([passport("AB0000001")]), "ndjson")
    assert report.ok
    doc = TravelDocument.objects.get(number="AB0000001")
    first = services.history(desk.fr, "travel_document", doc.pk)[0]
    assert (first.version, first.organisation, first.username) == (1, "FR-BORDER", agency.username)
    ncb_code = desk.fr_user.organisation.code
    assert services.owner_ncb_code(doc) == ncb_code  # the record is the NCB's, loaded by its agency
    assert record_out("travel_document", doc)["owner_ncb"] == ncb_code
