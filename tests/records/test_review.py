"""Records due for review: the owner lists its records by review date (those past it are out of search) and renews
them, one at a time or many at once, all or none; each renewal a version of its own, each call audited."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from ncbnet.access.policy import Denied
from ncbnet.audit.models import AuditEntry
from ncbnet.records import services
from ncbnet.records.cleaning import InvalidRecord
from ncbnet.records.identifier_search import IdentifierQuery, check_identifiers
from ncbnet.records.models import RecordVersion, TravelDocument
from tests.records.conftest import passport


def _documents(desk, n, due_in_days, prefix="RV"):
    """n French passports whose review dates fall ``due_in_days`` from today (a list: one date each)."""
    out = []
    for i in range(n):
        rec = services.create_record(desk.fr, "travel_document", passport(f"{prefix}{i:07d}")).record
        TravelDocument.objects.filter(pk=rec.pk).update(review_due=date.today() + timedelta(days=due_in_days[i]))
        out.append(rec.pk)
    return out


def test_the_owner_lists_its_records_due_by_a_date_earliest_first_in_pages(desk):
    ids = _documents(desk, 6, [30, -2, 400, 10, 10, -30])
    services.create_record(desk.de, "travel_document", passport("DE0000001", country="D"))  # another country's
    deleted = _documents(desk, 1, [5], prefix="DL")[0]
    services.delete_record(desk.fr, "travel_document", deleted)
    before = date.today() + timedelta(days=60)
    first = services.due_for_review(desk.fr, "travel_document", before=before, limit=3)
    assert [r.pk for r in first.records] == [ids[5], ids[1], ids[3]]
    assert first.next == f"{first.records[-1].review_due.isoformat()}.{ids[3]}"
    second = services.due_for_review(desk.fr, "travel_document", before=before, after=first.next, limit=3)
    assert [r.pk for r in second.records] == [ids[4], ids[0]] and second.next is None  # the two due the same day split
    entry = AuditEntry.objects.filter(action="travel_document.due_for_review").latest("id")
    assert entry.result_ids == [str(ids[4]), str(ids[0])] and entry.organisation == desk.fr_user.organisation.code


def test_only_whoever_may_contribute_for_the_country_lists_or_renews(desk):
    ids = _documents(desk, 1, [-1])
    with pytest.raises(Denied):
        services.renew_records(desk.de, "travel_document", ids)
    assert services.due_for_review(desk.de, "travel_document", before=date.today()).records == []  # DE's own: none
    reader = desk.agency_actor("FR", databases=("travel_documents",), may_contribute=False)
    with pytest.raises(Denied):
        services.due_for_review(reader, "travel_document", before=date.today())
    contributor = desk.agency_actor("FR", databases=("travel_documents",), may_contribute=True)
    assert [r.pk for r in services.due_for_review(contributor, "travel_document", before=date.today()).records] == ids


def test_renewing_many_brings_them_back_into_search_each_with_a_version(desk):
    ids = _documents(desk, 3, [-1, -5, 20])

    def found(number):
        return bool(check_identifiers(desk.de, [IdentifierQuery("number", number)])[0].matches)

    assert not found("RV0000000") and not found("RV0000001") and found("RV0000002")
    renewed = services.renew_records(desk.fr, "travel_document", [ids[1], ids[0], ids[1]], purpose="yearly review")
    assert [r.pk for r in renewed] == [ids[1], ids[0]]
    assert found("RV0000000") and found("RV0000001")
    ten_years = services.review_due(services.kind("travel_document"))
    assert set(TravelDocument.objects.filter(pk__in=ids[:2]).values_list("review_due", flat=True)) == {ten_years}
    versions = RecordVersion.objects.filter(record_id__in=ids[:2], action="renew").order_by("record_id")
    assert [v.record_id for v in versions] == sorted(ids[:2])
    assert all(v.changes["review_due"][1] == ten_years.isoformat() for v in versions)
    entry = AuditEntry.objects.filter(action="travel_document.renew").latest("id")
    assert entry.object_ids == [str(ids[1]), str(ids[0])] and entry.purpose == "yearly review"


@pytest.mark.parametrize("case", ["missing", "deleted", "foreign"])
def test_one_record_that_cannot_be_renewed_renews_none(desk, case):
    ids = _documents(desk, 2, [-1, -1])
    if case == "missing":
        bad, error = 10**9, services.RecordNotFound
    elif case == "deleted":
        bad, error = ids[1], services.RecordDeleted
        services.delete_record(desk.fr, "travel_document", bad)
    else:
        bad = services.create_record(desk.de, "travel_document", passport("DE0000002", country="D")).record.pk
        error = Denied
    versions, entries = RecordVersion.objects.count(), AuditEntry.objects.filter(action="travel_document.renew").count()
    with pytest.raises(error, match=str(bad) if case != "foreign" else "owner country"):
        services.renew_records(desk.fr, "travel_document", [ids[0], bad])
    assert TravelDocument.objects.get(pk=ids[0]).review_due < date.today()  # the first was not renewed either
    assert RecordVersion.objects.count() == versions
    assert AuditEntry.objects.filter(action="travel_document.renew").count() == entries


def test_too_many_or_none_and_a_bad_page_mark_are_refused(desk):
    with pytest.raises(services.BatchTooLarge, match="at most 1000"):
        services.renew_records(desk.fr, "travel_document", list(range(1, 1002)))
    with pytest.raises(InvalidRecord):
        services.renew_records(desk.fr, "travel_document", [])
    with pytest.raises(InvalidRecord):
        services.due_for_review(desk.fr, "travel_document", before=date.today(), after="yesterday.7")
    with pytest.raises(InvalidRecord):
        services.due_for_review(desk.fr, "travel_document", before=date.today(), limit=0)


def test_the_list_reads_the_owner_and_review_date_index(desk):
    _documents(desk, 3, [1, 2, 3])
    qs = TravelDocument.objects.filter(owner_country_id="FR", status="active",
                                       review_due__lte=timezone.now().date() + timedelta(days=9)).order_by("review_due", "pk")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET enable_seqscan = off")
        try:
            plan = qs.explain()
        finally:
            if connection.vendor == "postgresql":
                cursor.execute("RESET enable_seqscan")
    assert "document_owner_review" in plan
    with connection.cursor() as cursor:
        indexes = {name: info["columns"] for name, info in
                   connection.introspection.get_constraints(cursor, "records_traveldocument").items() if info["index"]}
    assert ["owner_country_id"] not in indexes.values()  # the plain index it replaced
