"""The desks of the portal: the CCC's network board and its feed, the auditors' trail and chain verification, the
supervisors' bureau (agencies, accounts, API tokens). Each refuses the roles the policy does not allow, shows its
own data, and hides what it must: bodies and others' bureaus."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from ncbnet.access.levels import Classification, Role
from ncbnet.audit import services as audit_services
from ncbnet.audit.models import AuditEntry
from ncbnet.hits.models import Hit
from ncbnet.hits.services import Found, record_search
from ncbnet.members.models import AgencyAuthorisation, ApiToken
from ncbnet.members.services import actor_for_token, issue_token
from ncbnet.messaging.models import Delivery
from ncbnet.notices.models import Notice
from ncbnet.portal.session import SEEN_KEY
from tests.notices.conftest import Bureau
from tests.portal.conftest import signed_in

pytestmark = pytest.mark.django_db

SECRET_BODY = "The informant is Marcel Quentin, flat 4, rue des Lilas."


@pytest.fixture
def ccc(world):
    return world.user(world.gs(), Role.CCC_OFFICER)


@pytest.fixture
def auditor(world):
    return world.user(world.gs(), Role.AUDITOR, clearance=Classification.OFFICIAL_USE)


@pytest.fixture
def supervisor(world):
    return world.officer("FR", role=Role.NCB_SUPERVISOR, clearance=Classification.CONFIDENTIAL)


def _refused(response, username: str, reason: str) -> None:
    """A 403 page that says so, and the refusal with the policy's reason in the trail."""
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()
    assert AuditEntry.objects.filter(username=username, action__startswith="portal ", outcome="refused",
                                     reason__contains=reason).exists()


def _section(page: str, testid: str) -> str:
    """The HTML of one table of a page (by its data-testid), so that a test looks where the thing should be."""
    found = re.search(rf'<table data-testid="{testid}">.*?</table>', page, re.S)
    return found[0] if found else ""


# ------------------------------------------------------------------------------ who sees which desk

@pytest.mark.parametrize("path", ["/portal/ccc/", "/portal/ccc/feed", "/portal/audit/", "/portal/bureau/"])
def test_a_plain_ncb_officer_is_refused_every_desk(world, path):
    officer = world.officer("FR")
    response = signed_in(officer).get(path)
    assert response.status_code == 403 and "Not allowed" in response.content.decode()
    assert AuditEntry.objects.filter(username=officer.username, outcome="refused", object_ids=[path]).exists()


def test_each_desk_is_in_the_menu_only_of_those_who_may_use_it(world, ccc, auditor, supervisor):
    menu = {
        "officer": signed_in(world.officer("FR")).get("/portal/").content.decode(),
        "ccc": signed_in(ccc).get("/portal/ccc/").content.decode(),
        "auditor": signed_in(auditor).get("/portal/audit/").content.decode(),
        "supervisor": signed_in(supervisor).get("/portal/bureau/").content.decode(),
    }
    links = {who: {href for href in ("/portal/ccc/", "/portal/audit/", "/portal/bureau/") if f'href="{href}"' in page}
             for who, page in menu.items()}
    assert links == {"officer": set(), "ccc": {"/portal/ccc/"}, "auditor": {"/portal/audit/"},
                     "supervisor": {"/portal/bureau/"}}


def test_the_auditor_and_the_supervisor_are_refused_the_network_board(auditor, supervisor):
    _refused(signed_in(auditor).get("/portal/ccc/"), auditor.username, "may not perform overdue.network")
    _refused(signed_in(supervisor).get("/portal/ccc/feed"), supervisor.username, "may not perform overdue.network")


def test_the_ccc_and_the_supervisor_are_refused_the_audit_trail(ccc, supervisor):
    _refused(signed_in(ccc).get("/portal/audit/"), ccc.username, "may not perform audit.search")
    _refused(signed_in(supervisor).post("/portal/audit/verify/"), supervisor.username, "may not perform audit.search")
    assert not AuditEntry.objects.filter(action="audit.verify").exists()


def test_the_ccc_and_the_auditor_are_refused_the_bureau(ccc, auditor):
    _refused(signed_in(ccc).get("/portal/bureau/"), ccc.username, "may not perform agency.authorise")
    _refused(signed_in(auditor).get("/portal/bureau/"), auditor.username, "may not perform agency.authorise")


# ------------------------------------------------------------------------------ the CCC's network board

def test_the_board_shows_urgent_traffic_as_metadata_and_never_a_body(world, ccc):
    fr, de = world.officer("FR"), world.officer("DE")
    urgent = world.send(fr, ["NCB:DE"], subject="Urgent: lorry with migrants at Kehl", body=SECRET_BODY,
                        priority="urgent", crime_area="human_trafficking")
    world.send(de, ["NCB:FR", "NCB:IT"], subject="Immediate: hostage taking", priority="immediate")
    world.send(fr, ["NCB:DE"], subject="Routine: statistics for 2025", body=SECRET_BODY)
    Delivery.objects.filter(message=urgent).update(acknowledged_at=timezone.now())

    response = signed_in(ccc).get("/portal/ccc/")
    page = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    traffic = _section(page, "ccc-traffic")
    assert "Urgent: lorry with migrants at Kehl" in traffic and "Immediate: hostage taking" in traffic
    assert "Routine: statistics for 2025" not in page  # routine traffic is not the CCC's
    assert "NCB:FR, NCB:IT" in traffic and "trafficking in human beings" in traffic
    assert "1 of 1" in traffic and "0 of 2" in traffic  # acknowledged or not, per recipient
    assert "Marcel Quentin" not in page
    entry = AuditEntry.objects.filter(action="message.network", username=ccc.username).latest("id")
    assert str(urgent.pk) in entry.result_ids


def test_the_board_withholds_the_subject_of_a_message_above_the_officers_clearance(world, ccc):
    secret = world.send(world.officer("FR", clearance=Classification.CONFIDENTIAL), ["NCB:DE"],
                        subject="Confidential: undercover operation Nightjar", priority="urgent",
                        classification=Classification.CONFIDENTIAL)
    traffic = _section(signed_in(ccc).get("/portal/ccc/").content.decode(), "ccc-traffic")
    assert f"<td>{secret.pk}</td>" in traffic  # the message is on the board ...
    assert "Nightjar" not in traffic and "withheld" in traffic  # ... its subject is not


def test_the_feed_carries_a_new_urgent_subject_but_not_its_body(world, ccc):
    client = signed_in(ccc)
    before = client.get("/portal/ccc/feed").json()
    assert "Wanted man boarding at Orly" not in before["sections"]["traffic"]["html"]

    world.send(world.officer("FR"), ["NCB:ES"], subject="Wanted man boarding at Orly", body=SECRET_BODY,
               priority="immediate")
    response = client.get("/portal/ccc/feed")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "application/json"
    feed = response.json()
    assert set(feed["sections"]) == {"traffic", "overdue", "hits", "notices"}
    assert "Wanted man boarding at Orly" in feed["sections"]["traffic"]["html"]
    assert feed["sections"]["traffic"]["digest"] != before["sections"]["traffic"]["digest"]
    assert feed["sections"]["hits"]["digest"] == before["sections"]["hits"]["digest"]  # unchanged: not replaced
    assert "Marcel Quentin" not in response.content.decode()


def test_the_feed_is_what_the_page_shows(world, ccc):
    world.send(world.officer("FR"), ["NCB:DE"], subject="Urgent: same on both", priority="urgent")
    client = signed_in(ccc)
    page = client.get("/portal/ccc/").content.decode()
    feed = client.get("/portal/ccc/feed").json()
    assert set(feed) == {"updated", "sections"}
    for name, section in feed["sections"].items():
        assert f'data-section="{name}" data-digest="{section["digest"]}" role="status" aria-live="polite"' in page
        assert section["html"] in page
    assert "<noscript>" in page and 'data-feed="/portal/ccc/feed"' in page  # static without the script


def test_overdue_acknowledgements_are_listed_by_delivery_without_subject(world, ccc):
    late = world.send(world.officer("FR"), ["NCB:DE", "NCB:IT"], subject="Late: please acknowledge",
                      priority="urgent", body=SECRET_BODY)
    Delivery.objects.filter(message=late, recipient_org__code="NCB-DE").update(
        ack_due_at=timezone.now() - timedelta(minutes=5))
    overdue = _section(signed_in(ccc).get("/portal/ccc/").content.decode(), "ccc-overdue")
    assert f"<td>{late.pk}</td>" in overdue and "NCB-DE" in overdue and "NCB-IT" not in overdue
    assert "Late: please acknowledge" not in overdue and "Marcel Quentin" not in overdue


def test_hits_of_the_last_hour_show_without_what_was_searched(world, ccc):
    bureau = Bureau(world)
    record = bureau.person()
    searcher = world.actor(world.officer("DE"))
    [fresh, old] = [record_search(searcher, [Found("person", record, 0.97, "person DUPONT", {"names": "Zebulon Quixote"})],
                                  action="search.persons", query={}, result_ids=[f"person:{record.pk}"])[0]
                    for _ in range(2)]
    Hit.objects.filter(pk=old.pk).update(raised_at=timezone.now() - timedelta(hours=2))
    hits = _section(signed_in(ccc).get("/portal/ccc/").content.decode(), "ccc-hits")
    assert fresh.reference in hits and old.reference not in hits
    assert "NCB-FR" in hits and "NCB-DE" in hits and "awaiting the owner" in hits
    assert "Zebulon" not in hits


def test_notices_published_in_the_last_day_are_on_the_board(world, ccc):
    bureau = Bureau(world)
    recent, older = bureau.published(), bureau.published()
    Notice.objects.filter(pk=older.pk).update(published_at=timezone.now() - timedelta(days=2))
    notices = _section(signed_in(ccc).get("/portal/ccc/").content.decode(), "ccc-notices")
    assert recent.control_number in notices and older.control_number not in notices
    assert "Red Notice" in notices and "NCB-FR" in notices


def test_the_feed_does_not_keep_an_unattended_session_alive(world, ccc, settings):
    client = signed_in(ccc)
    session = client.session
    seen = time.time() - 120
    session[SEEN_KEY] = seen
    session.save()
    assert client.get("/portal/ccc/feed").status_code == 200
    assert client.session[SEEN_KEY] == seen  # polling is not activity

    settings.PORTAL_IDLE_SECONDS = 60
    response = client.get("/portal/ccc/feed")
    assert response.status_code == 302 and response["Location"].startswith("/portal/sign-in/")


# ------------------------------------------------------------------------------ the auditors' trail

def test_the_auditor_searches_the_trail_and_sees_each_entry_but_no_police_data(world, auditor):
    fr = world.officer("FR")
    sent = world.send(fr, ["NCB:DE"], subject="Shipment of cocaine in Le Havre", body=SECRET_BODY)
    signed_in(world.officer("DE")).get(f"/portal/messages/{sent.pk}/")  # DE reads it: an entry
    client = signed_in(auditor)
    response = client.get("/portal/audit/", {"organisation": "NCB-DE", "action": "message.read"})
    page = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    entries = _section(page, "audit-entries")
    assert "message.read" in entries and "NCB-DE" in entries and f"message: {sent.pk}" in entries
    assert "message.send" not in entries  # the filter holds
    assert "Marcel Quentin" not in page and "Shipment of cocaine" not in page  # the trail, not what is behind it
    assert AuditEntry.objects.filter(action="audit.search", username=auditor.username,
                                     query__organisation="NCB-DE").exists()  # the search itself is audited


def test_the_trail_shows_the_query_results_purpose_and_reason_of_an_entry(world, auditor):
    refused = world.user(world.ncb("FR"), Role.NCB_OFFICER)
    audit_services.record(world.actor(refused), "record.search", outcome="refused", object_type="person",
                          object_ids=[77], query={"name": "Quixote"}, result_ids=[101, 102],
                          purpose="case FR-2026-9", reason="clearance too low")
    entries = _section(signed_in(auditor).get("/portal/audit/", {"username": refused.username}).content.decode(),
                       "audit-entries")
    for shown in ("record.search", "refused", "person: 77", "&quot;name&quot;: &quot;Quixote&quot;", "101, 102",
                  "case FR-2026-9", "clearance too low", refused.username, "NCB-FR"):
        assert shown in entries, shown


def test_the_trail_is_newest_first_and_pages_to_older_entries(world, auditor, monkeypatch):
    monkeypatch.setattr("ncbnet.portal.audit.PAGE_SIZE", 3)
    fr = world.officer("FR")
    for i in range(5):
        world.send(fr, ["NCB:DE"], subject=f"Paged {i}")
    sends = list(AuditEntry.objects.filter(action="message.send").order_by("-id").values_list("seq", flat=True))
    ids = list(AuditEntry.objects.filter(action="message.send").order_by("-id").values_list("id", flat=True))
    client = signed_in(auditor)
    first = client.get("/portal/audit/", {"action": "message.send"}).content.decode()
    shown = [int(s) for s in re.findall(r"<tr>\s*<td>(\d+)</td>", _section(first, "audit-entries"))]
    assert shown == sends[:3]
    older = re.search(r'href="(\?[^"]+)">Older entries', first)[1].replace("&amp;", "&")
    assert "action=message.send" in older and f"before={ids[2]}" in older
    second = client.get("/portal/audit/" + older).content.decode()
    assert [int(s) for s in re.findall(r"<tr>\s*<td>(\d+)</td>", _section(second, "audit-entries"))] == sends[3:]
    assert "Older entries" not in second


def test_dates_must_be_in_order(auditor):
    response = signed_in(auditor).get("/portal/audit/", {"since": "2026-03-02", "until": "2026-03-01"})
    assert response.status_code == 400 and "This date is before the first one." in response.content.decode()


def test_verifying_an_intact_chain_says_how_many_entries_and_keeps_the_result_in_the_trail(world, auditor):
    world.send(world.officer("FR"), ["NCB:DE"])
    client = signed_in(auditor)
    assert "The chain has not been verified yet." in client.get("/portal/audit/").content.decode()
    count = AuditEntry.objects.count()
    response = client.post("/portal/audit/verify/", follow=True)
    page = response.content.decode()
    assert f"The audit chain is intact: {count} entries verified." in page
    assert f"Intact: {count} entries verified on" in page
    check = AuditEntry.objects.get(action="audit.verify")
    assert check.outcome == "ok" and check.username == auditor.username and check.query["entries"] == count
    assert check.query["fingerprint"] in page
    # another auditor sees the same last check
    other = world.user(world.gs(), Role.AUDITOR)
    assert f"Intact: {count} entries verified on" in signed_in(other).get("/portal/audit/").content.decode()


def _drop_append_only_triggers() -> None:
    """As tests/audit/test_tamper.py does: the rollback at the end of the test brings the triggers back."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER audit_entry_append_only ON audit_auditentry")
        else:
            cursor.execute("DROP TRIGGER audit_entry_no_update")
            cursor.execute("DROP TRIGGER audit_entry_no_delete")


def test_verification_names_the_first_tampered_entry(world, auditor):
    fr = world.officer("FR")
    for i in range(4):
        world.send(fr, ["NCB:DE"], subject=f"Audited {i}")
    victim = AuditEntry.objects.filter(action="message.send").order_by("id")[1].seq
    client = signed_in(auditor)
    _drop_append_only_triggers()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET username = %s WHERE seq = %s", ["someone.else", victim])
    page = client.post("/portal/audit/verify/", follow=True).content.decode()
    assert f"The audit chain is broken at entry {victim}." in page
    assert f"the first broken entry is entry {victim}" in page and "edited" in page
    check = AuditEntry.objects.get(action="audit.verify")
    assert check.outcome == "failed" and check.object_ids == [str(victim)]


def test_an_entry_appended_while_the_chain_is_verified_is_not_taken_for_tampering(world, auditor, monkeypatch):
    """Verification reads the head, then walks the entries; others keep writing meanwhile (the portal audits every
    page). Such an entry is not one 'appended behind the head'."""
    world.send(world.officer("FR"), ["NCB:DE"])
    walk = audit_services.chain.verify

    def busy_network(rows, head_seq=None, head_hash=None, lane=1):
        world.send(world.officer("DE"), ["NCB:FR"])  # written after the head was read, before the walk
        return walk(rows, head_seq, head_hash, lane)

    monkeypatch.setattr(audit_services.chain, "verify", busy_network)
    assert audit_services.verify_chain() is None
    monkeypatch.setattr(audit_services.chain, "verify", walk)
    assert audit_services.verify_chain() is None


def test_an_entry_written_behind_the_heads_back_is_still_named(world):
    world.send(world.officer("FR"), ["NCB:DE"])
    last = AuditEntry.objects.order_by("-id").first()
    with connection.cursor() as cursor:  # a forger inserts after the head without moving it
        cursor.execute(
            "INSERT INTO audit_auditentry (seq, at, username, organisation, action, outcome, object_type, object_ids,"
            " query, result_ids, purpose, reason, ip, token_id, prev_hash, entry_hash) VALUES (%s, %s, 'forger',"
            " 'NCB-FR', 'login', 'ok', '', '[]', '{}', '[]', '', '', '', NULL, %s, %s)",
            [last.seq + 1, timezone.now(), last.entry_hash, "0" * 64])
    broken = audit_services.verify_chain()
    assert broken is not None and broken.seq == last.seq + 1 and "behind the head" in broken.problem


# ------------------------------------------------------------------------------ the supervisors' bureau

@pytest.fixture
def two_bureaus(world, supervisor):
    """FR's bureau (its supervisor, an officer, an agency with an agent) and DE's (the same)."""
    fr_agency = world.agency("FR", "FR-PAF", databases=("persons",))
    de_agency = world.agency("DE", "DE-BKA", databases=("vehicles",))
    people = {
        "fr_officer": world.officer("FR"), "fr_agent": world.user(fr_agency, Role.AGENCY_OFFICER),
        "de_officer": world.officer("DE"), "de_agent": world.user(de_agency, Role.AGENCY_OFFICER),
    }
    tokens = {name: issue_token(user, f"token of {name}").token for name, user in people.items()}
    return {"fr_agency": fr_agency, "de_agency": de_agency, "tokens": tokens, **people}


def test_a_supervisor_sees_only_its_own_bureau_and_agencies(supervisor, two_bureaus):
    page = signed_in(supervisor).get("/portal/bureau/").content.decode()
    assert 'data-testid="agency-FR-PAF"' in page and "DE-BKA" not in page
    accounts = _section(page, "accounts")
    for name in ("fr_officer", "fr_agent"):
        assert two_bureaus[name].username in accounts
    for name in ("de_officer", "de_agent"):
        assert two_bureaus[name].username not in page
    tokens = _section(page, "tokens")
    assert two_bureaus["tokens"]["fr_agent"].prefix in tokens and two_bureaus["tokens"]["fr_officer"].prefix in tokens
    assert two_bureaus["tokens"]["de_officer"].prefix not in page and two_bureaus["tokens"]["de_agent"].prefix not in page
    assert AuditEntry.objects.filter(action="token.list", username=supervisor.username).exists()


def test_changing_an_agencys_scope_is_done_by_the_service_and_audited(supervisor, two_bureaus):
    response = signed_in(supervisor).post("/portal/bureau/agencies/FR-PAF/", {
        "FR-PAF-databases": ["persons", "travel_documents"], "FR-PAF-may_contribute": "on",
        "FR-PAF-valid_until": "2027-06-30"})
    assert response.status_code == 302
    auth = AgencyAuthorisation.objects.get(agency__code="FR-PAF")
    assert auth.databases == ["persons", "travel_documents"] and auth.may_contribute
    assert str(auth.valid_until) == "2027-06-30" and auth.granted_by_id == supervisor.pk
    entry = AuditEntry.objects.filter(action="agency.authorise").latest("id")
    assert entry.username == supervisor.username and entry.object_ids == ["FR-PAF"]
    assert entry.query["databases"] == ["persons", "travel_documents"]


def test_a_supervisor_cannot_change_another_countrys_agency(supervisor, two_bureaus):
    response = signed_in(supervisor).post("/portal/bureau/agencies/DE-BKA/", {"DE-BKA-databases": ["persons"]})
    _refused(response, supervisor.username, "an NCB authorises only its own national agencies")
    assert AgencyAuthorisation.objects.get(agency__code="DE-BKA").databases == ["vehicles"]


def test_an_unknown_database_is_refused_on_the_form(supervisor, two_bureaus):
    response = signed_in(supervisor).post("/portal/bureau/agencies/FR-PAF/", {"FR-PAF-databases": ["dna"]})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert AgencyAuthorisation.objects.get(agency__code="FR-PAF").databases == ["persons"]


def _issue_form(client) -> str:
    page = client.get("/portal/bureau/").content.decode()
    return re.search(r'name="submission" value="([0-9a-f]+)"', page)[1]


def test_a_new_token_is_shown_once_works_and_is_stored_only_as_a_digest(supervisor, two_bureaus):
    agent = two_bureaus["fr_agent"]
    client = signed_in(supervisor)
    form = {"submission": _issue_form(client), "account": agent.username, "name": "gate B", "days": "30"}
    response = client.post("/portal/bureau/tokens/", form)
    page = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    plaintext = re.search(r'data-testid="new-token"[^>]*>(ncb_[0-9a-f]+_[\w-]+)</code>', page)[1]
    token = ApiToken.objects.get(user=agent, name="gate B")
    assert plaintext.startswith(f"ncb_{token.prefix}_") and plaintext not in token.digest
    assert actor_for_token(plaintext).username == agent.username  # it works
    assert plaintext not in client.get("/portal/bureau/").content.decode()  # never shown again

    again = client.post("/portal/bureau/tokens/", form, follow=True)  # the same form a second time
    assert ApiToken.objects.filter(user=agent, name="gate B").count() == 1
    assert "already sent" in again.content.decode() and plaintext not in again.content.decode()
    entry = AuditEntry.objects.filter(action="token.issue").latest("id")
    assert entry.object_ids == [str(token.pk)] and entry.query == {"for": agent.username}


def test_a_supervisor_cannot_issue_a_token_for_another_bureaus_account(supervisor, two_bureaus):
    client = signed_in(supervisor)
    response = client.post("/portal/bureau/tokens/", {"submission": _issue_form(client),
                                                       "account": two_bureaus["de_officer"].username,
                                                       "name": "sneaky", "days": "30"})
    assert response.status_code == 400 and not ApiToken.objects.filter(name="sneaky").exists()


def test_revoking_a_token(supervisor, two_bureaus):
    token = two_bureaus["tokens"]["fr_agent"]
    response = signed_in(supervisor).post(f"/portal/bureau/tokens/{token.prefix}/revoke/", follow=True)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert f"The token {token.prefix} was revoked." in response.content.decode()
    assert AuditEntry.objects.filter(action="token.revoke", object_ids=[str(token.pk)],
                                     username=supervisor.username).exists()


def test_a_supervisor_cannot_revoke_another_bureaus_token(supervisor, two_bureaus):
    token = two_bureaus["tokens"]["de_agent"]
    _refused(signed_in(supervisor).post(f"/portal/bureau/tokens/{token.prefix}/revoke/"), supervisor.username,
             "a supervisor manages tokens only for accounts of their NCB or its agencies")
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_bureau_pages_only_accept_the_right_method(supervisor):
    client = signed_in(supervisor)
    assert client.get("/portal/bureau/tokens/").status_code == 405
    assert client.post("/portal/bureau/").status_code == 405



def test_a_supervisor_revokes_an_agencys_authorisation_from_the_bureau(supervisor, two_bureaus):
    client = signed_in(supervisor)
    assert "/portal/bureau/agencies/FR-PAF/revoke/" in client.get("/portal/bureau/").content.decode()
    response = client.post("/portal/bureau/agencies/FR-PAF/revoke/")
    assert response.status_code == 302
    assert AgencyAuthorisation.objects.get(agency__code="FR-PAF").revoked_at is not None
    page = client.get("/portal/bureau/").content.decode()
    assert "was revoked" in page and "/portal/bureau/agencies/FR-PAF/revoke/" not in page
    assert AuditEntry.objects.filter(action="agency.revoke", username=supervisor.username).exists()
    response = client.post("/portal/bureau/agencies/DE-BKA/revoke/")
    _refused(response, supervisor.username, "an NCB authorises only its own national agencies")
    assert AgencyAuthorisation.objects.get(agency__code="DE-BKA").revoked_at is None
    assert client.post("/portal/bureau/agencies/FR-NONE/revoke/").status_code == 404
    assert client.post("/portal/bureau/agencies/FR-NONE/").status_code == 404
