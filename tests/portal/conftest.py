from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import World

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _portal_settings(settings):
    settings.OTP_REQUIRED = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # signing in is not what is timed


def signed_in(user, lang: str | None = None) -> Client:
    """A browser session of ``user``, signed in through the portal's own form."""
    client = Client(HTTP_ACCEPT_LANGUAGE=lang) if lang else Client()
    response = client.post("/portal/sign-in/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    if lang:
        client.post("/portal/language/", {"language": lang, "next": "/portal/"})
    return client


@pytest.fixture
def officers(world: World):
    """An officer of NCB France and one of NCB Germany."""
    return world.officer("FR"), world.officer("DE")
