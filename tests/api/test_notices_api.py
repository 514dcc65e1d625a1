"""Notices and diffusions through HTTP: every type through its life; the issue's bad input gets a clear error
with the reason and changes nothing; a published notice's subject is found by person search and hit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from ncbnet.access.levels import Role
from ncbnet.audit.models import AuditEntry
from ncbnet.hits.models import Hit
from ncbnet.messaging.models import Message
from ncbnet.notices.models import Notice, NoticeReview
from tests.notices.conftest import CONTENTS, red_content

CONTENT = {"red": red_content(), **CONTENTS}




@pytest.fixture
def t(world):
    gs = world.gs()
    return {"fr": world.token(world.officer("FR")), "de": world.token(world.officer("DE")),
            "rev": world.token(world.user(gs, Role.GS_REVIEWER, nationality="BR")),
            "rev2": world.token(world.user(gs, Role.GS_REVIEWER, nationality="KE")),
            "rev_fr": world.token(world.user(gs, Role.GS_REVIEWER, nationality="FR"))}


def person(api, token, ref="P-1", names=("DUPONT, Jean Pierre",)) -> int:
    r = api.post("/api/v1/records/persons", {"national_reference": ref, "names": list(names), "role": "wanted",
                                              "sex": "M", "birth_date": "1980-05-17", "nationalities": ["FR"],
                                              "height_cm": 181}, token=token)
    assert r.status_code == 201, r.content
    return r.json()["id"]


def request(api, t, kind="red", content=None, **kw) -> dict:
    body = {"type": kind, "content": content or CONTENT[kind], **kw}
    if kind != "purple" and "subject_person_id" not in kw:
        body["subject_person_id"] = person(api, t["fr"], ref=f"P-{Notice.objects.count() + 1}")
    r = api.post("/api/v1/notices", body, token=t["fr"])
    assert r.status_code == 201, r.content
    return r.json()


def published(api, t, kind="red", **kw) -> dict:
    n = request(api, t, kind, **kw)
    r = api.post(f"/api/v1/notices/{n['id']}/submit", token=t["fr"])
    assert r.status_code == 200, r.content
    r = api.post(f"/api/v1/notices/{n['id']}/reviews", {"decision": "approve"}, token=t["rev"])
    assert r.status_code == 200 and r.json()["state"] == "published", r.content
    return r.json()


def refusals() -> int:
    return AuditEntry.objects.filter(outcome="refused").count()


@pytest.mark.parametrize("kind", list(CONTENT))
def test_every_type_through_its_life(api_client, t, kind):
    n = published(api_client, t, kind)
    assert n["control_number"].startswith(f"{timezone.now().year}/")
    url = f"/api/v1/notices/{n['id']}"
    assert api_client.get(url, token=t["de"]).json()["state"] == "published"
    until = (timezone.now() + timedelta(days=60)).isoformat()
    assert api_client.post(url + "/suspend", {"until": until, "reasons": "talks"}, token=t["fr"]).json()["state"] == "suspended"
    assert api_client.get(url, token=t["de"]).status_code == 404
    assert api_client.post(url + "/resume", token=t["fr"]).json()["state"] == "published"
    Notice.objects.filter(pk=n["id"]).update(expires_at=timezone.now() + timedelta(days=10))
    renewed = api_client.post(url + "/renew", {"reasons": "still sought"}, token=t["fr"]).json()
    assert renewed["expires_at"][:4] == str(timezone.now().year + 5)
    assert api_client.post(url + "/withdraw", {"reasons": "found"}, token=t["fr"]).json()["state"] == "withdrawn"
    history = [e["action"] for e in api_client.get(url + "/history", token=t["fr"]).json()]
    assert history == ["request", "submit", "publish", "suspend", "resume", "renew", "withdraw"]


def test_cancel_by_the_general_secretariat_and_expiry_by_the_daily_job(api_client, t):
    a, b = published(api_client, t), published(api_client, t)
    r = api_client.post(f"/api/v1/notices/{a['id']}/cancel", {"reasons": "non-compliant"}, token=t["fr"])
    assert r.status_code == 403
    r = api_client.post(f"/api/v1/notices/{a['id']}/cancel", {"reasons": "non-compliant"}, token=t["rev"])
    assert r.json()["state"] == "cancelled"
    Notice.objects.filter(pk=b["id"]).update(expires_at=timezone.now() - timedelta(seconds=1))
    call_command("notices", "lifecycle")
    assert api_client.get(f"/api/v1/notices/{b['id']}", token=t["fr"]).json()["state"] == "expired"


def test_deletion_on_the_commission_order(api_client, t):
    n = published(api_client, t)
    url = f"/api/v1/notices/{n['id']}"
    assert api_client.post(url + "/deletion-order", {"order_reference": "CCF/2026/44"}, token=t["rev"]).status_code == 200
    deleted = api_client.post(url + "/delete", token=t["rev"]).json()
    assert deleted["state"] == "deleted" and deleted["content"] == {}


@pytest.mark.parametrize("content, field, words", [
    (red_content(warrants=[]), "content.warrants", "arrest warrant"),
    (red_content(charges=[{"description": "theft", "law": "art. 311-3", "maximum_penalty_months": 12}]),
     "content.charges", "at least 2 years"),
    (red_content(charges=[{"description": "unpaid debt", "law": "civil code", "maximum_penalty_months": 36}]),
     "content.charges.0.description", "excluded offence"),
])
def test_red_notice_requests_that_fail_screening(api_client, t, content, field, words):
    n = request(api_client, t, content=content)
    before = refusals()
    r = api_client.post(f"/api/v1/notices/{n['id']}/submit", token=t["fr"])
    assert r.status_code == 422 and r.headers["Content-Type"] == "application/problem+json"
    errors = {e["field"]: e["message"] for e in r.json()["errors"]}
    assert words in errors[field]
    assert api_client.get(f"/api/v1/notices/{n['id']}", token=t["fr"]).json()["state"] == "draft"
    assert not Message.objects.filter(case_reference=f"NOTICE-{n['id']}").exists()
    assert refusals() == before + 1


def test_a_reviewer_of_the_requesting_country_is_refused(api_client, t):
    n = request(api_client, t)
    api_client.post(f"/api/v1/notices/{n['id']}/submit", token=t["fr"])
    r = api_client.post(f"/api/v1/notices/{n['id']}/reviews", {"decision": "approve"}, token=t["rev_fr"])
    assert r.status_code == 403 and "national of FR" in r.json()["detail"]
    assert not NoticeReview.objects.filter(notice_id=n["id"]).exists()
    assert api_client.get(f"/api/v1/notices/{n['id']}", token=t["fr"]).json()["state"] == "in_review"


def test_a_suspension_longer_than_six_months_and_a_renewal_without_reasons(api_client, t):
    n = published(api_client, t)
    url = f"/api/v1/notices/{n['id']}"
    until = (timezone.now() + timedelta(days=200)).isoformat()
    r = api_client.post(url + "/suspend", {"until": until, "reasons": "talks"}, token=t["fr"])
    assert r.status_code == 422 and "at most 6 months" in r.json()["detail"]
    Notice.objects.filter(pk=n["id"]).update(expires_at=timezone.now() + timedelta(days=10))
    r = api_client.post(url + "/renew", {"reasons": ""}, token=t["fr"])
    assert r.status_code == 422 and "reasons" in r.content.decode()
    after = api_client.get(url, token=t["fr"]).json()
    assert after["state"] == "published" and after["version"] == n["version"]
    assert after["expires_at"][:10] == (timezone.now() + timedelta(days=10)).date().isoformat()


def test_unknown_fields_and_types_are_refused(api_client, t):
    pid = person(api_client, t["fr"])
    r = api_client.post("/api/v1/notices", {"type": "pink", "content": {}, "subject_person_id": pid}, token=t["fr"])
    assert r.status_code == 422
    r = api_client.post("/api/v1/notices", {"type": "red", "content": {**red_content(), "x": 1}, "subject_person_id": pid},
                        token=t["fr"])
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "content.x"
    assert not Notice.objects.exists()


def test_a_published_subject_is_found_by_person_search_and_the_hit_reaches_the_requesting_ncb(api_client, t):
    n = published(api_client, t)
    r = api_client.post("/api/v1/search/persons", {"names": ["Jean-Pierre Dupond"], "birth_date": "1980-05-17",
                                                    "location": "Frankfurt airport"}, token=t["de"])
    assert r.status_code == 200, r.content
    top = r.json()["results"][0]
    assert top["record_id"] == n["subject_person_id"]
    assert top["notices"] == [{"id": n["id"], "reference": f"Red Notice {n['control_number']}", "type": "red"}]
    hit = Hit.objects.get(reference=top["hit_reference"])
    assert hit.owner_ncb.code == "NCB-FR"


def test_diffusions_over_http(api_client, t, world):
    r = api_client.post("/api/v1/diffusions", {"kind": "missing", "title": "Missing: Léa MARTIN", "body": "Aged 14.",
                                               "recipients": ["NCB:DE"], "urgent": True}, token=t["fr"])
    assert r.status_code == 201, r.content
    d = r.json()
    assert d["recipient_countries"] == ["DE"]
    assert [x["id"] for x in api_client.get("/api/v1/diffusions", token=t["de"], text="martin").json()] == [d["id"]]
    it = world.token(world.officer("IT"))
    assert api_client.get(f"/api/v1/diffusions/{d['id']}", token=it).status_code == 404
    r = api_client.post(f"/api/v1/diffusions/{d['id']}/non-compliant", {"reasons": "not a missing person"},
                        token=t["rev"])
    assert r.json()["state"] == "non_compliant"


def test_the_screening_list_is_maintained_by_the_general_secretariat(api_client, t):
    r = api_client.post("/api/v1/notices/screening-terms", {"term_list": "signal", "category": "political",
                                                            "language": "en", "term": "flag burning"}, token=t["fr"])
    assert r.status_code == 403
    r = api_client.post("/api/v1/notices/screening-terms", {"term_list": "signal", "category": "political",
                                                            "language": "en", "term": "flag burning"}, token=t["rev"])
    assert r.status_code == 201
    n = request(api_client, t, content=red_content(summary="Wanted after flag burning and arson."))
    screening = api_client.post(f"/api/v1/notices/{n['id']}/submit", token=t["fr"]).json()["screening"]
    assert screening["flagged"] and screening["signals"][0]["term"] == "flag burning"
    removed = api_client.client.delete(f"/api/v1/notices/screening-terms/{r.json()['id']}",
                                       HTTP_AUTHORIZATION=f"Bearer {t['rev']}")
    assert removed.json()["active"] is False
