import io

import pytest
from django.core.management import CommandError, call_command

from ncbnet.members.models import ApiToken
from ncbnet.members.services import AuthenticationFailed, authenticate_token


def test_token_cli_prints_a_working_token_once_and_revokes_it(world):
    user = world.officer("FR")
    out = io.StringIO()
    call_command("token", "create", user.username, "--days", "5", stdout=out, stderr=io.StringIO())
    plaintext = out.getvalue().strip()
    assert authenticate_token(plaintext)[0] == user
    token = ApiToken.objects.get(user=user)
    assert plaintext not in (token.digest, token.prefix)
    call_command("token", "revoke", token.prefix, stdout=io.StringIO())
    with pytest.raises(AuthenticationFailed, match="revoked"):
        authenticate_token(plaintext)


def test_token_cli_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="no user"):
        call_command("token", "create", "nobody", stdout=io.StringIO())


def test_otp_enrol_prints_an_otpauth_url(world):
    out = io.StringIO()
    call_command("otp", "enrol", world.officer("FR").username, stdout=out)
    assert out.getvalue().startswith("otpauth://totp/")
