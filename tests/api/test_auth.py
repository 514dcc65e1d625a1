"""Who may call the API: portal sessions with a second factor and lock-out, API tokens shown once and
stored hashed, every token use audited, passwords hashed with Argon2."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp

from ncbnet.audit.models import AuditEntry
from ncbnet.members.models import ApiToken, User
from ncbnet.members.services import enrol_totp, issue_token

SESSION = "/api/v1/session"
PASSWORD = "correct horse battery staple"


def _login(client: Client, **body):
    return client.post(SESSION, body, content_type="application/json")


def _code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def test_password_alone_is_refused_when_the_second_factor_is_required(world, settings):
    settings.OTP_REQUIRED = True
    officer = world.officer("FR")
    enrol_totp(officer)
    client = Client()
    response = _login(client, username=officer.username, password=PASSWORD)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert "second factor" in response.json()["detail"]
    assert client.get("/api/v1/members/me").status_code == 401
    assert AuditEntry.objects.filter(action="login", outcome="refused", username=officer.username).exists()


def test_password_and_totp_code_open_a_session_that_can_call_the_api(world, settings):
    settings.OTP_REQUIRED = True
    officer = world.officer("FR")
    device = enrol_totp(officer)
    client = Client()
    response = _login(client, username=officer.username, password=PASSWORD, otp=_code(device))
    assert response.status_code == 200, response.content
    assert response.json()["organisation"] == "NCB-FR"

    me = client.get("/api/v1/members/me")
    assert me.status_code == 200
    assert me.json() == {"username": officer.username, "organisation": "NCB-FR", "role": "ncb_officer",
                         "clearance": officer.clearance, "country": "FR"}
    assert AuditEntry.objects.filter(action="login", outcome="ok", username=officer.username).exists()


def test_wrong_totp_code_is_refused(world, settings):
    settings.OTP_REQUIRED = True
    officer = world.officer("FR")
    device = enrol_totp(officer)
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    response = _login(Client(), username=officer.username, password=PASSWORD, otp=wrong)
    assert response.status_code == 401


def test_account_locks_after_too_many_wrong_passwords_even_for_the_right_one(world, settings):
    settings.OTP_REQUIRED = False
    settings.LOGIN_MAX_FAILURES = 3
    officer = world.officer("FR")
    client = Client()
    statuses = [_login(client, username=officer.username, password=f"guess-{i}").status_code for i in range(3)]
    assert statuses == [401, 401, 401]

    response = _login(client, username=officer.username, password=PASSWORD)
    assert response.status_code == 423
    assert "locked" in response.json()["detail"]
    assert client.get("/api/v1/members/me").status_code == 401

    User.objects.filter(pk=officer.pk).update(locked_until=timezone.now() - timedelta(seconds=1))
    assert _login(client, username=officer.username, password=PASSWORD).status_code == 200


def test_wrong_passwords_below_the_limit_do_not_lock(world, settings):
    settings.OTP_REQUIRED = False
    settings.LOGIN_MAX_FAILURES = 3
    officer = world.officer("FR")
    client = Client()
    for _ in range(2):
        assert _login(client, username=officer.username, password="nope").status_code == 401
    assert _login(client, username=officer.username, password=PASSWORD).status_code == 200


def test_token_is_shown_once_and_only_its_digest_is_stored(world):
    officer = world.officer("FR")
    issued = issue_token(officer, "script")
    stored = ApiToken.objects.get(pk=issued.token.pk)
    assert stored.digest != issued.plaintext
    assert len(stored.digest) == 64
    secret = issued.plaintext.split("_", 2)[2]
    with connection.cursor() as cur:
        cur.execute("SELECT prefix, digest, name FROM members_apitoken")
        dumped = " ".join(str(v) for row in cur.fetchall() for v in row)
        cur.execute("SELECT object_ids, query, reason FROM audit_auditentry")
        dumped += " ".join(str(v) for row in cur.fetchall() for v in row)
    assert secret not in dumped and issued.plaintext not in dumped


def test_expired_token_is_refused_with_the_reason(world, api_client):
    officer = world.officer("FR")
    issued = issue_token(officer, "script")
    ApiToken.objects.filter(pk=issued.token.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = api_client.get("/api/v1/members/me", token=issued.plaintext)
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_token_of_a_disabled_account_is_refused(world, api_client):
    officer = world.officer("FR")
    token = world.token(officer)
    User.objects.filter(pk=officer.pk).update(is_active=False)
    response = api_client.get("/api/v1/members/me", token=token)
    assert response.status_code == 401
    assert "disabled" in response.json()["detail"]


def test_every_token_use_is_audited_with_the_token_id(world, api_client):
    officer = world.officer("FR")
    issued = issue_token(officer, "script")
    response = api_client.get("/api/v1/members/countries", token=issued.plaintext)
    assert response.status_code == 200
    assert len(response.json()) == 196
    entry = AuditEntry.objects.latest("id")
    assert entry.action == "token.use"
    assert entry.token_id == issued.token.pk
    assert entry.username == officer.username and entry.organisation == "NCB-FR"
    assert entry.query == {"method": "GET", "path": "/api/v1/members/countries", "status": 200}


def test_a_request_that_writes_its_own_entry_carries_the_token_id_and_no_extra_token_use(world, api_client):
    issued = issue_token(world.officer("FR"), "script")
    last = AuditEntry.objects.latest("id").pk
    response = api_client.get("/api/v1/messages/inbox", token=issued.plaintext)
    assert response.status_code == 200
    new = list(AuditEntry.objects.filter(pk__gt=last))
    assert [(e.action, e.token_id) for e in new] == [("message.inbox", issued.token.pk)]


def test_passwords_are_hashed_with_argon2(world, settings):
    from ncbnet import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS  # the world fixture's accounts take a fast hash
    officer = world.officer("FR")
    officer.refresh_from_db()
    assert officer.password.startswith("argon2")
    assert PASSWORD not in officer.password
    assert officer.check_password(PASSWORD)


def test_a_request_without_credentials_is_told_to_authenticate_and_a_session_still_needs_its_csrf_token(world):
    """As the real server answers (CSRF enforced): no token and no session is 401 with what to send; a session
    cookie without the CSRF token is refused as a possible forged request."""
    client = Client(enforce_csrf_checks=True)
    r = client.post("/api/v1/search/identifier", {"field": "number", "value": "A1"}, content_type="application/json")
    assert r.status_code == 401 and "Bearer" in r.json()["detail"] and r["WWW-Authenticate"].startswith("Bearer")
    user = world.officer("FR")
    client.force_login(user)
    r = client.post("/api/v1/search/identifier", {"field": "number", "value": "A1"}, content_type="application/json")
    assert r.status_code == 403 and "CSRF" in r.json()["detail"]
