"""Sign-in with the second factor, lock-out, the idle timeout, sign-out, the language; CSRF and framing."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django_otp.oath import totp

from ncbnet.audit.models import AuditEntry
from ncbnet.members.services import enrol_totp
from ncbnet.portal.session import SEEN_KEY
from tests.portal.conftest import PASSWORD, signed_in

pytestmark = pytest.mark.django_db


def _code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def test_pages_need_a_signed_in_officer(world):
    response = Client().get("/portal/messages/sent/")
    assert response.status_code == 302
    assert response["Location"] == "/portal/sign-in/?next=/portal/messages/sent/"


def test_sign_in_shows_who_is_at_the_desk_and_goes_where_asked(officers):
    fr, _de = officers
    client = Client()
    response = client.post("/portal/sign-in/", {"username": fr.username, "password": PASSWORD,
                                                "next": "/portal/messages/sent/"})
    assert response.status_code == 302 and response["Location"] == "/portal/messages/sent/"
    page = client.get("/portal/").content.decode()
    assert fr.username in page and "NCB-FR" in page and "NCB officer" in page
    assert AuditEntry.objects.filter(action="login", username=fr.username, outcome="ok").exists()


def test_an_outside_next_is_not_followed(officers):
    fr, _de = officers
    response = Client().post("/portal/sign-in/", {"username": fr.username, "password": PASSWORD,
                                                  "next": "https://evil.example/"})
    assert response["Location"] == "/portal/"


def test_a_wrong_password_is_refused_in_the_visitors_language_and_keeps_the_user_name(officers):
    fr, _de = officers
    response = Client(HTTP_ACCEPT_LANGUAGE="fr").post("/portal/sign-in/", {"username": fr.username, "password": "no"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nom d’utilisateur ou mot de passe incorrect." in page
    assert f'value="{fr.username}"' in page and 'value="no"' not in page  # the password is never sent back
    assert AuditEntry.objects.filter(action="login", username=fr.username, outcome="refused").exists()


def test_repeated_failures_lock_the_account(officers, settings):
    fr, _de = officers
    settings.LOGIN_MAX_FAILURES = 3
    client = Client()
    for _ in range(3):
        client.post("/portal/sign-in/", {"username": fr.username, "password": "wrong"})
    response = client.post("/portal/sign-in/", {"username": fr.username, "password": PASSWORD})
    assert response.status_code == 400 and "locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_second_factor_is_required_outside_demo_mode(officers, settings):
    fr, _de = officers
    settings.OTP_REQUIRED = True
    device = enrol_totp(fr)
    client = Client()
    refused = client.post("/portal/sign-in/", {"username": fr.username, "password": PASSWORD})
    assert refused.status_code == 400 and "authenticator" in refused.content.decode()
    assert client.get("/portal/").status_code == 302
    accepted = client.post("/portal/sign-in/", {"username": fr.username, "password": PASSWORD, "code": _code(device)})
    assert accepted.status_code == 302
    assert client.get("/portal/").status_code == 200


def test_a_session_without_the_second_factor_is_not_enough_when_it_becomes_required(officers, settings):
    fr, _de = officers
    client = signed_in(fr)  # demo mode: no code
    settings.OTP_REQUIRED = True
    assert client.get("/portal/").status_code == 302


def test_a_machine_client_cannot_use_the_portal(world):
    machine = world.user(world.agency("FR", "FR-GATE"), role="frontline_system", is_machine=True)
    response = Client().post("/portal/sign-in/", {"username": machine.username, "password": PASSWORD})
    assert response.status_code == 400 and "token" in response.content.decode()


def test_an_idle_session_ends(officers, settings):
    fr, _de = officers
    client = signed_in(fr)
    session = client.session
    session[SEEN_KEY] = time.time() - settings.PORTAL_IDLE_SECONDS - 5
    session.save()
    response = client.get("/portal/", follow=True)
    assert response.request["PATH_INFO"] == "/portal/sign-in/"
    assert "without activity" in response.content.decode()
    assert client.get("/portal/").status_code == 302  # signed out, not just redirected once
    assert AuditEntry.objects.filter(action="logout", username=fr.username, reason="session idle").exists()


def test_sign_out(officers):
    fr, _de = officers
    client = signed_in(fr)
    assert client.post("/portal/sign-out/").status_code == 302
    assert client.get("/portal/").status_code == 302
    assert client.get("/portal/sign-out/").status_code == 405  # never by a link: a GET changes nothing


def test_the_language_is_the_officers_own_and_arabic_is_right_to_left(officers):
    fr, _de = officers
    client = signed_in(fr)
    client.post("/portal/language/", {"language": "ar", "next": "/portal/"})
    page = client.get("/portal/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page and "صندوق الوارد" in page
    fr.refresh_from_db()
    assert fr.preferred_language == "ar"
    again = signed_in(fr)  # a new session in the language chosen before
    assert '<html lang="ar" dir="rtl">' in again.get("/portal/").content.decode()


def test_an_unknown_language_changes_nothing(officers):
    fr, _de = officers
    client = signed_in(fr)
    client.post("/portal/language/", {"language": "xx"})
    fr.refresh_from_db()
    assert fr.preferred_language == "en"


def test_forms_need_the_csrf_token_and_pages_refuse_framing(officers):
    fr, _de = officers
    client = Client(enforce_csrf_checks=True)
    assert client.post("/portal/sign-in/", {"username": fr.username, "password": PASSWORD}).status_code == 403
    page = client.get("/portal/sign-in/")
    assert page["X-Frame-Options"] == "DENY" and page["Cache-Control"] == "no-store"


def test_an_auditor_lands_on_the_trail_and_is_refused_the_mailbox(world):
    from ncbnet.access.levels import Role

    auditor = world.user(world.gs(), role=Role.AUDITOR)
    client = signed_in(auditor)
    landing = client.get("/portal/")
    assert landing.status_code == 302 and landing["Location"] == "/portal/audit/"
    page = client.get("/portal/audit/").content.decode()
    assert "/portal/messages/new/" not in page and ">Inbox<" not in page
    refused = client.get("/portal/messages/new/")
    assert refused.status_code == 403
    assert AuditEntry.objects.filter(username=auditor.username, outcome="refused").exists()


def test_every_refusal_leaves_an_audit_entry(world):
    officer = world.officer("FR")
    client = signed_in(officer)
    client.post("/portal/messages/new/", {"subject": ""})
    client.get("/portal/messages/999999999/")
    refused = AuditEntry.objects.filter(username=officer.username, outcome="refused")
    assert sorted(e.reason.split()[0] for e in refused) == ["400", "404"]
    assert {e.action for e in refused} == {"portal POST portal/messages/new/",
                                           "portal GET portal/messages/<int:message_id>/"}
