"""Every kind of bad request gets a clear 4xx problem naming the reason, and leaves nothing behind but the
audit entry of its refusal: no message, delivery, attachment, blob row or blob file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from ncbnet.access.levels import Role
from ncbnet.audit.models import AuditEntry
from ncbnet.members.models import ApiToken
from ncbnet.members.services import revoke_token
from ncbnet.messaging.models import Attachment, Blob, Delivery, Message
from tests.factories import b64

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
MESSAGES = "/api/v1/messages"


def draft(**overrides) -> dict:
    return {"recipients": ["NCB:DE"], "subject": "Wanted: J. Doe", "body": "Please check your records.",
            "language": "en", **overrides}


@dataclass
class Request:
    method: str = "post"
    path: str = MESSAGES
    body: dict | None = None
    raw: bytes | None = None
    token: str | None = None
    headers: dict = field(default_factory=dict)


def malformed_json(world):
    return Request(raw=b'{"recipients": ["NCB:DE"], "subject": ', token=world.token(world.officer("FR")))


def invalid_utf8(world):
    return Request(raw=b'{"recipients": ["NCB:DE"], "subject": "caf\xe9", "body": "x"}',
                   token=world.token(world.officer("FR")))


def nul_character_in_body(world):
    """PostgreSQL text cannot hold U+0000: refused up front on both databases, not a 500 at the INSERT."""
    return Request(raw=b'{"recipients": ["NCB:DE"], "subject": "a\\u0000b", "body": "x", "language": "en"}',
                   token=world.token(world.officer("FR")))


def lone_surrogate_in_body(world):
    """A JSON escape of half a character: no database can encode it; refused up front, not a 500 at the INSERT."""
    return Request(raw=b'{"recipients": ["NCB:DE"], "subject": "a\\ud800b", "body": "x", "language": "en"}',
                   token=world.token(world.officer("FR")))


def nul_character_in_query(world):
    return Request(method="get", path=f"{MESSAGES}/search?q=heroin%00", token=world.token(world.officer("FR")))


def nul_character_in_token(world):
    world.token(world.officer("FR"))
    return Request(body=draft(), token="ncb_0123\x00456789ab_secret")


def unknown_recipient(world):
    return Request(body=draft(recipients=["NCB:DE", "NCB:ZZ"]), token=world.token(world.officer("FR")))


def empty_recipient_list(world):
    return Request(body=draft(recipients=[]), token=world.token(world.officer("FR")))


def oversize_attachment(world):
    text = b"Statement of the witness, page after page. " * 100  # about 4 KB against a 1 KB limit
    return Request(body=draft(attachments=[{"filename": "statement.txt", "content_type": "text/plain",
                                            "content_base64": b64(text)}]),
                   token=world.token(world.officer("FR")))


def mislabelled_attachment(world):
    return Request(body=draft(attachments=[{"filename": "report.pdf", "content_type": "application/pdf",
                                            "content_base64": b64(PNG)}]),
                   token=world.token(world.officer("FR")))


def unknown_language(world):
    return Request(body=draft(language="de"), token=world.token(world.officer("FR")))


def agency_addresses_foreign_ncb(world):
    agent = world.user(world.agency("FR", "FR-PAF"), Role.AGENCY_OFFICER)
    return Request(body=draft(recipients=["NCB:DE"]), token=world.token(agent))


def officer_reads_another_countrys_message(world):
    msg = world.send(world.officer("DE"), ["NCB:IT"], subject="Between Germany and Italy")
    return Request(method="get", path=f"{MESSAGES}/{msg.pk}", token=world.token(world.officer("FR")))


def expired_token(world):
    token = world.token(world.officer("FR"))
    ApiToken.objects.filter(prefix=token.split("_")[1]).update(expires_at=timezone.now() - timedelta(seconds=1))
    return Request(body=draft(), token=token)


def revoked_token(world):
    token = world.token(world.officer("FR"))
    revoke_token(ApiToken.objects.get(prefix=token.split("_")[1]))
    return Request(body=draft(), token=token)


def unknown_token(world):
    world.token(world.officer("FR"))
    return Request(body=draft(), token="ncb_0123456789ab_not-a-token-anyone-was-given")


def missing_authentication(world):
    return Request(body=draft())


def unknown_field(world):
    return Request(body=draft(colour="red"), token=world.token(world.officer("FR")))


def invalid_cursor(world):
    return Request(method="get", path=f"{MESSAGES}/inbox?cursor=not-a-cursor!",
                   token=world.token(world.officer("FR")))


def idempotency_key_reused_for_another_message(world):
    token = world.token(world.officer("FR"))
    from tests.factories import ApiClient

    first = ApiClient().post(MESSAGES, draft(), token=token, headers={"Idempotency-Key": "case-2024-17"})
    assert first.status_code == 201
    return Request(body=draft(subject="Something else entirely"), token=token,
                   headers={"Idempotency-Key": "case-2024-17"})


CASES = [
    (malformed_json, 400, "JSON"),
    (invalid_utf8, 400, "UTF-8"),
    (nul_character_in_body, 400, "NUL"),
    (nul_character_in_query, 400, "NUL"),
    (lone_surrogate_in_body, 400, "lone surrogate (\\ud800)"),
    (nul_character_in_token, 401, "malformed"),
    (unknown_recipient, 422, "ZZ"),
    (empty_recipient_list, 422, "at least 1"),
    (oversize_attachment, 422, "limit"),
    (mislabelled_attachment, 422, "labelled"),
    (unknown_language, 422, "language"),
    (agency_addresses_foreign_ncb, 403, "own NCB"),
    (officer_reads_another_countrys_message, 404, "not visible"),
    (expired_token, 401, "expired"),
    (revoked_token, 401, "revoked"),
    (unknown_token, 401, "unknown API token"),
    (missing_authentication, 401, "Authorization"),
    (unknown_field, 422, "colour"),
    (invalid_cursor, 400, "cursor"),
    (idempotency_key_reused_for_another_message, 409, "case-2024-17"),
]


def _blob_files() -> set[Path]:
    root = Path(settings.BLOB_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Message, Delivery, Attachment, Blob)}


@pytest.mark.parametrize(("case", "status", "reason"), CASES, ids=[c[0].__name__ for c in CASES])
def test_bad_request_is_refused_with_a_problem_naming_the_reason_and_writes_only_its_audit_entry(
    world, api_client, settings, case, status, reason
):
    settings.ATTACHMENT_MAX_BYTES = 1024
    req = case(world)
    rows, files, last_id = _counts(), _blob_files(), AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()

    if req.method == "get":
        response = api_client.client.get(req.path, **api_client._headers(req.token, req.headers))
    else:
        response = api_client.post(req.path, req.body, token=req.token, headers=req.headers, raw=req.raw)

    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert {"type", "title", "status", "detail"} <= problem.keys()
    assert problem["status"] == status
    messages = [problem["detail"], *(e["message"] for e in problem.get("errors", []))]
    assert any(reason in m for m in messages), problem
    if status == 401:
        assert response["WWW-Authenticate"].startswith("Bearer")

    assert _counts() == rows
    assert _blob_files() == files
    new = list(AuditEntry.objects.filter(pk__gt=last_id or 0))
    assert len(new) == 1, [(e.action, e.outcome) for e in new]
    assert new[0].outcome == "refused"
    assert str(status) in new[0].reason


def test_refused_request_does_not_leave_a_blob_file_even_when_another_attachment_was_fine(world, api_client, settings):
    """A good PDF beside a mislabelled image: the whole message is refused before anything is stored."""
    settings.ATTACHMENT_MAX_BYTES = 1024
    token = world.token(world.officer("FR"))
    good = {"filename": "a.pdf", "content_type": "application/pdf", "content_base64": b64(b"%PDF-1.4\n%\xe2\xe3\n1 0 obj")}
    bad = {"filename": "b.pdf", "content_type": "application/pdf", "content_base64": b64(PNG)}
    response = api_client.post(MESSAGES, draft(attachments=[good, bad]), token=token)
    assert response.status_code == 422
    assert any(e["field"] == "attachments[1]" for e in response.json()["errors"])
    assert _blob_files() == set()
    assert Blob.objects.count() == 0


def test_problem_of_an_unauthenticated_request_does_not_echo_the_token(world, api_client):
    secret = "ncb_0123456789ab_s3cr3t-value-that-must-not-leak"
    response = api_client.post(MESSAGES, draft(), token=secret)
    assert response.status_code == 401
    assert secret not in response.content.decode()
    assert not AuditEntry.objects.filter(reason__contains="s3cr3t").exists()
