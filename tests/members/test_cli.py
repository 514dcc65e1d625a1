import io

import pytest
from django.core.management import CommandError, call_command

from ncbnet.members.models import ApiToken
from ncbnet.members.services import AuthenticationFailed, actor_for_token


def test_token_cli_prints_a_working_token_once_and_revokes_it(world):
    user = world.officer("FR")
    out = io.StringIO()
    call_command("token", "create", user.username, "--days", "5", stdout=out, stderr=io.StringIO())
    plaintext = out.getvalue().strip()
    assert actor_for_token(plaintext).user_id == user.pk
    token = ApiToken.objects.get(user=user)
    assert plaintext not in (token.digest, token.prefix)
    call_command("token", "revoke", token.prefix, stdout=io.StringIO())
    with pytest.raises(AuthenticationFailed, match="revoked"):
        actor_for_token(plaintext)


def test_token_cli_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="no user"):
        call_command("token", "create", "nobody", stdout=io.StringIO())


def test_otp_enrol_prints_an_otpauth_url(world):
    out = io.StringIO()
    call_command("otp", "enrol", world.officer("FR").username, stdout=out)
    assert out.getvalue().startswith("otpauth://totp/")


def test_user_cli_creates_an_officer_with_an_argon2_password(db, monkeypatch):
    from ncbnet.members.models import User

    monkeypatch.setenv("NCBNET_NEW_PASSWORD", "a long enough passphrase 42")
    call_command("user", "create", "officer.test", "--org", "NCB-FR", "--role", "ncb_officer", stdout=io.StringIO())
    user = User.objects.get(username="officer.test")
    assert user.organisation.code == "NCB-FR" and user.password.startswith("argon2")
    assert user.check_password("a long enough passphrase 42")


def test_user_cli_refuses_a_weak_password_and_an_unknown_organisation(db, monkeypatch):
    from ncbnet.members.models import User

    monkeypatch.setenv("NCBNET_NEW_PASSWORD", "short")
    with pytest.raises(CommandError, match="too short"):
        call_command("user", "create", "weak", "--org", "NCB-FR", "--role", "ncb_officer", stdout=io.StringIO())
    with pytest.raises(CommandError, match="no organisation"):
        call_command("user", "create", "x", "--org", "NCB-ZZ", "--role", "ncb_officer", stdout=io.StringIO())
    assert not User.objects.filter(username__in=["weak", "x"]).exists()


def test_user_cli_records_a_reviewers_nationality(db, monkeypatch):
    from ncbnet.members.models import User

    monkeypatch.setenv("NCBNET_NEW_PASSWORD", "a long enough passphrase 42")
    call_command("user", "create", "rev", "--org", "GS", "--role", "gs_reviewer", "--nationality", "br",
                 stdout=io.StringIO())
    assert User.objects.get(username="rev").nationality == "BR"
    with pytest.raises(CommandError, match="unknown country code QQ"):
        call_command("user", "create", "rev2", "--org", "GS", "--role", "gs_reviewer", "--nationality", "QQ",
                     stdout=io.StringIO())
    assert not User.objects.filter(username="rev2").exists()


def test_admin_shows_no_police_data(db):
    from django.contrib import admin

    from ncbnet.audit.models import AuditEntry
    from ncbnet.messaging.models import Delivery, Message

    for model in (Message, Delivery, AuditEntry):
        assert not admin.site.is_registered(model)


@pytest.mark.parametrize("kind", ["ncb", "agency", "gs", "expired_agency_authorisation"])
def test_token_actor_is_the_same_actor_the_orm_builds(world, kind):
    import datetime
    from dataclasses import replace

    from ncbnet.access.levels import Role
    from ncbnet.members.models import AgencyAuthorisation

    if kind == "ncb":
        user = world.officer("FR", role=Role.NCB_SUPERVISOR)
    elif kind == "gs":
        user = world.user(world.gs(), Role.CCC_OFFICER)
    else:
        agency = world.agency("US", "US-FBI", databases=("persons", "vehicles"), may_contribute=True)
        if kind == "expired_agency_authorisation":
            AgencyAuthorisation.objects.filter(agency=agency).update(valid_until=datetime.date(2020, 1, 1))
        user = world.user(agency, Role.AGENCY_OFFICER)
    plaintext = world.token(user)
    from_token = actor_for_token(plaintext)
    assert from_token == replace(world.actor(user), token_id=from_token.token_id)
    assert from_token.token_id == ApiToken.objects.get(user=user).pk
    if kind == "agency":
        assert from_token.agency_databases == {"persons", "vehicles"} and from_token.agency_may_contribute
    if kind == "expired_agency_authorisation":
        assert from_token.agency_databases == frozenset()
