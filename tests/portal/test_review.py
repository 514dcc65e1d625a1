"""The owner's care of its records in the portal: the list of those due for review, renewed together; renewing and
deleting one from its page (deleting asks why); whoever may not change the record sees neither."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from ncbnet.audit.models import AuditEntry
from ncbnet.records import services
from ncbnet.records.models import RecordVersion, TravelDocument
from tests.portal.conftest import signed_in
from tests.records.conftest import passport

pytestmark = pytest.mark.django_db


def _due(world, user, n, days):
    ids = []
    for i in range(n):
        rec = services.create_record(world.actor(user), "travel_document", passport(f"RV{i:07d}")).record
        TravelDocument.objects.filter(pk=rec.pk).update(review_due=date.today() + timedelta(days=days[i]))
        ids.append(rec.pk)
    return ids


def test_the_records_due_are_listed_and_those_ticked_renewed(world):
    paris = world.officer("FR")
    ids = _due(world, paris, 3, [-4, 20, 200])
    client = signed_in(paris)
    html = client.get("/portal/contribute/review/?kind=travel_document&within=30").content.decode()
    assert f'value="{ids[0]}"' in html and f'value="{ids[1]}"' in html and f'value="{ids[2]}"' not in html
    assert "out of search" in html
    response = client.post("/portal/contribute/review/?kind=travel_document&within=30", {"ids": [str(ids[0])]})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "1 record renewed" in page and f'value="{ids[0]}"' not in page and f'value="{ids[1]}"' in page
    assert TravelDocument.objects.get(pk=ids[0]).review_due.year == date.today().year + 10
    assert TravelDocument.objects.get(pk=ids[1]).version == 1


def test_renewing_with_nothing_ticked_or_another_countrys_record_renews_nothing(world):
    paris, berlin = world.officer("FR"), world.officer("DE")
    ids = _due(world, paris, 1, [-1])
    client = signed_in(berlin)
    page = client.get(client.post("/portal/contribute/review/", {"ids": [str(ids[0])]})["Location"]).content.decode()
    assert "Nothing was renewed" in page and "owner country" in page
    page = client.get(client.post("/portal/contribute/review/", {})["Location"]).content.decode()
    assert "Choose the records to renew" in page
    assert TravelDocument.objects.get(pk=ids[0]).version == 1


def test_the_owner_renews_or_deletes_a_record_from_its_page_and_others_cannot(world):
    paris, berlin = world.officer("FR"), world.officer("DE")
    ids = _due(world, paris, 2, [-1, 100])
    client = signed_in(paris)
    page = client.get(f"/portal/records/travel_document/{ids[0]}/").content.decode()
    assert "out of search until renewed" in page and "/renew/" in page and "/delete/" in page
    assert page.count("Review due") == 1 and "To be reviewed by" not in page  # the review date on one line
    assert "/renew/" not in signed_in(berlin).get(f"/portal/records/travel_document/{ids[1]}/").content.decode()
    response = client.post(f"/portal/records/travel_document/{ids[0]}/renew/")
    assert response.status_code == 302 and "Renewed" in client.get(response["Location"]).content.decode()
    assert TravelDocument.objects.get(pk=ids[0]).review_due > date.today()
    # deleting asks why; without a reason nothing happens
    client.post(f"/portal/records/travel_document/{ids[1]}/delete/", {"reason": ""})
    assert TravelDocument.objects.get(pk=ids[1]).status == "active"
    client.post(f"/portal/records/travel_document/{ids[1]}/delete/", {"reason": "passport found by its holder"})
    assert TravelDocument.objects.get(pk=ids[1]).status == "deleted"
    entry = AuditEntry.objects.filter(action="travel_document.delete").latest("id")
    assert entry.purpose == "passport found by its holder" and entry.object_ids == [str(ids[1])]
    assert [v.action for v in RecordVersion.objects.filter(record_id=ids[1]).order_by("version")] == ["create", "delete"]
    # Germany's officer posting to France's record changes nothing
    other = signed_in(berlin).post(f"/portal/records/travel_document/{ids[0]}/delete/", {"reason": "mine now"})
    assert TravelDocument.objects.get(pk=ids[0]).status == "active" and other.status_code == 302
    assert signed_in(paris).post(f"/portal/records/travel_document/{ids[0]}/archive/").status_code == 404
    for path in (f"/portal/records/spaceship/{ids[0]}/renew/", "/portal/contribute/review/?kind=spaceship",
                 "/portal/records/new/spaceship/", f"/portal/records/spaceship/{ids[0]}/change/"):  # no such database
        assert signed_in(paris).generic("POST" if path.endswith("renew/") else "GET", path).status_code == 404, path
    assert TravelDocument.objects.get(pk=ids[0]).review_due > date.today()


@pytest.mark.parametrize("lang,heading", [("fr", "Fiches à réexaminer"), ("es", "Registros pendientes de revisión"),
                                          ("ar", "السجلات المستحقة للمراجعة")])
def test_the_list_and_the_record_page_in_each_language(world, lang, heading):
    paris = world.officer("FR")
    ids = _due(world, paris, 1, [-1])
    client = signed_in(paris, lang)
    for path in ("/portal/contribute/review/", f"/portal/records/travel_document/{ids[0]}/"):
        html = client.get(path).content.decode()
        text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S))
        for english in ("Records due for review", "Renew the records ticked", "out of search", "Renew or delete",
                        "Review due", "Delete", "Why the record no longer stands", "Due within", "days"):
            assert english not in text, (lang, path, english)
    assert heading in client.get("/portal/contribute/review/").content.decode()
