"""Attachments: sniffed and size-checked on the way in, stored once under their SHA-256 outside the
database, verified on every read; a tampered file is an integrity failure, never silently served."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.conf import settings

from ncbnet.audit.models import AuditEntry
from ncbnet.messaging import attachments
from ncbnet.messaging.attachments import AttachmentRejected, check
from ncbnet.messaging.models import Attachment, Blob
from tests.factories import b64

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< >>\n%%EOF\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
MESSAGES = "/api/v1/messages"


def _send_with(api_client, token, files: list[tuple[str, str, bytes]]) -> dict:
    body = {"recipients": ["NCB:DE"], "subject": "Documents of the suspect", "body": "See the attached files.",
            "language": "en",
            "attachments": [{"filename": n, "content_type": t, "content_base64": b64(c)} for n, t, c in files]}
    response = api_client.post(MESSAGES, body, token=token)
    assert response.status_code == 201, response.content
    return response.json()


def test_attachments_round_trip_through_the_api_byte_for_byte(world, api_client):
    msg = _send_with(api_client, world.token(world.officer("FR")),
                     [("report.pdf", "application/pdf", PDF), ("photo.png", "image/png", PNG)])
    listed = {a["filename"]: a for a in msg["attachments"]}
    assert listed["report.pdf"] == {"filename": "report.pdf", "sha256": hashlib.sha256(PDF).hexdigest(),
                                    "size": len(PDF), "content_type": "application/pdf"}
    assert listed["photo.png"]["content_type"] == "image/png"

    de_token = world.token(world.officer("DE"))
    for name, content in (("report.pdf", PDF), ("photo.png", PNG)):
        sha = listed[name]["sha256"]
        stored = Path(settings.BLOB_ROOT) / sha[:2] / sha[2:4] / sha
        assert stored.read_bytes() == content
        response = api_client.get(f"{MESSAGES}/{msg['id']}/attachments/{sha}", token=de_token)
        assert response.status_code == 200
        assert response.content == content
        assert response["Content-Type"] == listed[name]["content_type"]
        assert f'filename="{name}"' in response["Content-Disposition"]
    assert AuditEntry.objects.filter(action="attachment.read", outcome="ok").count() == 2


def test_the_same_bytes_are_stored_once_however_often_they_are_sent(world, api_client):
    token = world.token(world.officer("FR"))
    _send_with(api_client, token, [("report.pdf", "application/pdf", PDF)])
    _send_with(api_client, token, [("copy-of-report.pdf", None, PDF)])
    assert Blob.objects.count() == 1 and Attachment.objects.count() == 2
    assert len([p for p in Path(settings.BLOB_ROOT).rglob("*") if p.is_file()]) == 1


def test_organisation_outside_the_message_cannot_download_its_attachment(world, api_client):
    msg = _send_with(api_client, world.token(world.officer("FR")), [("report.pdf", "application/pdf", PDF)])
    sha = msg["attachments"][0]["sha256"]
    response = api_client.get(f"{MESSAGES}/{msg['id']}/attachments/{sha}", token=world.token(world.officer("IT")))
    assert response.status_code == 404
    assert PDF not in response.content


def test_tampered_attachment_is_an_integrity_failure_and_is_audited(world, api_client):
    msg = _send_with(api_client, world.token(world.officer("FR")), [("report.pdf", "application/pdf", PDF)])
    sha = msg["attachments"][0]["sha256"]
    stored = attachments.blob_path(sha)
    stored.write_bytes(PDF.replace(b"Catalog", b"Katalog"))

    response = api_client.get(f"{MESSAGES}/{msg['id']}/attachments/{sha}", token=world.token(world.officer("DE")))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["title"] == "Integrity failure"
    assert b"Katalog" not in response.content
    failed = AuditEntry.objects.filter(action="attachment.read", outcome="failed")
    assert list(failed.values_list("object_ids", flat=True)) == [[sha]]
    assert "integrity" in failed.get().reason


def test_missing_attachment_file_is_an_integrity_failure(world, api_client):
    msg = _send_with(api_client, world.token(world.officer("FR")), [("report.pdf", "application/pdf", PDF)])
    sha = msg["attachments"][0]["sha256"]
    attachments.blob_path(sha).unlink()
    response = api_client.get(f"{MESSAGES}/{msg['id']}/attachments/{sha}", token=world.token(world.officer("DE")))
    assert response.status_code == 500
    assert "missing" in response.json()["detail"]


@pytest.mark.parametrize(
    ("filename", "declared", "content", "real"),
    [
        ("report.pdf", "application/pdf", PDF, "application/pdf"),
        ("photo.png", "image/png", PNG, "image/png"),
        ("photo.png", None, PNG, "image/png"),
        ("notes.txt", "text/plain; charset=utf-8", "Témoin entendu à Lyon".encode(), "text/plain"),
        ("list.csv", "text/csv", b"name,dob\nDOE,1980-01-01\n", "text/plain"),
    ],
)
def test_check_accepts_what_is_what_it_claims_to_be(world, filename, declared, content, real):
    checked = check(filename, declared, content)
    assert checked.content_type == real
    assert checked.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize(
    ("filename", "declared", "content", "reason"),
    [
        ("photo.pdf", "application/pdf", PNG, "labelled application/pdf but its content is image/png"),
        ("report.png", "image/png", PDF, "labelled image/png but its content is application/pdf"),
        ("notes.txt", "text/plain", PDF, "labelled text/plain"),
        ("program.exe", None, b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64, "not accepted"),
        ("blob.bin", None, b"\x00\x01\x02\x03" * 20, "not accepted"),
        ("empty.txt", "text/plain", b"", "empty"),
        ("../etc/passwd", "text/plain", b"root:x:0:0", "plain file name"),
        ("dir/notes.txt", "text/plain", b"hello", "plain file name"),
    ],
)
def test_check_refuses_mislabelled_disallowed_and_malformed_attachments(world, filename, declared, content, reason):
    with pytest.raises(AttachmentRejected, match=reason.replace(".", r"\.")):
        check(filename, declared, content)


def test_check_refuses_an_attachment_over_the_limit_and_accepts_one_at_it(world, settings):
    settings.ATTACHMENT_MAX_BYTES = 2048
    at_limit = b"a" * 2048
    assert check("ok.txt", "text/plain", at_limit).content_type == "text/plain"
    with pytest.raises(AttachmentRejected, match="2049 bytes; the limit is 2048"):
        check("big.txt", "text/plain", at_limit + b"a")
