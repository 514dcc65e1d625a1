"""Test data: real users, organisations and tokens in the real database (the member network itself comes
from the migrations: 196 NCBs and the General Secretariat)."""

from __future__ import annotations

import base64
import json

import factory
from django.test import Client

from ncbnet.access.levels import Classification, Role
from ncbnet.access.policy import Actor
from ncbnet.members.models import AgencyAuthorisation, Organisation, OrgKind, User
from ncbnet.members.services import issue_token
from ncbnet.messaging import services


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.NCB_OFFICER
    clearance = Classification.RESTRICTED
    password = factory.django.Password("correct horse battery staple")


class World:
    """Shortcuts over the factories: ncb('FR'), agency('FR', 'FR-PAF'), officer('FR'), actor(user)."""

    def ncb(self, country: str) -> Organisation:
        return Organisation.objects.get(kind=OrgKind.NCB, country_id=country)

    def gs(self) -> Organisation:
        return Organisation.objects.get(kind=OrgKind.GENERAL_SECRETARIAT)

    def agency(self, country: str, code: str | None = None, databases=("persons",), may_contribute=False) -> Organisation:
        code = code or f"{country}-AGENCY"
        org, _ = Organisation.objects.get_or_create(
            code=code, defaults={"kind": OrgKind.AGENCY, "name": code, "country_id": country, "parent": self.ncb(country)}
        )
        AgencyAuthorisation.objects.get_or_create(agency=org, defaults={"databases": list(databases), "may_contribute": may_contribute})
        return org

    def user(self, org: Organisation, role: str = Role.NCB_OFFICER, clearance: int = Classification.RESTRICTED, **kw) -> User:
        return UserFactory(organisation=org, role=role, clearance=clearance, **kw)

    def officer(self, country: str, clearance: int = Classification.RESTRICTED, role: str = Role.NCB_OFFICER) -> User:
        return self.user(self.ncb(country), role, clearance)

    def actor(self, user: User) -> Actor:
        return Actor.of(User.objects.select_related("organisation").get(pk=user.pk))

    def token(self, user: User, days: int = 30) -> str:
        return issue_token(user, "test", days=days).plaintext

    def send(self, user: User, recipients: list[str], subject="Test subject", body="A test message body.", **kw):
        draft = services.Draft(subject=subject, body=body, recipients=recipients, language=kw.pop("language", "en"), **kw)
        return services.send_message(self.actor(user), draft, idempotency_key=kw.pop("key", None)).message


class ApiClient:
    """Django's test client speaking to the real API stack (middleware, auth, schemas, problems)."""

    def __init__(self):
        self.client = Client()

    def _headers(self, token: str | None, extra: dict | None) -> dict:
        h = {}
        if token:
            h["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        for k, v in (extra or {}).items():
            h["HTTP_" + k.upper().replace("-", "_")] = v
        return h

    def get(self, path: str, token: str | None = None, **params):
        return self.client.get(path, params, **self._headers(token, None))

    def post(self, path: str, body=None, token: str | None = None, headers: dict | None = None, raw: bytes | None = None):
        data = raw if raw is not None else json.dumps(body or {})
        return self.client.post(path, data, content_type="application/json", **self._headers(token, headers))

    def put(self, path: str, body=None, token: str | None = None):
        return self.client.put(path, json.dumps(body or {}), content_type="application/json", **self._headers(token, None))


# A valid 1x1 PNG image, for photos and attachments.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
