"""Attachment bytes: sniffed, size-checked, stored by SHA-256 outside the database, verified on every read."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import filetype
from django.conf import settings

ALLOWED_TYPES = {
    "application/pdf", "image/jpeg", "image/png", "image/gif", "image/tiff", "image/webp", "image/bmp",
    "text/plain", "text/csv", "application/zip", "application/x-7z-compressed",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/msword", "application/vnd.ms-excel", "audio/mpeg", "video/mp4",
}
# Declared types that are the same thing as what sniffing finds.
_EQUIVALENT = {
    "text/csv": "text/plain",
    "application/x-zip-compressed": "application/zip",
    "image/jpg": "image/jpeg",
}


class AttachmentRejected(ValueError):
    def __init__(self, filename: str, reason: str):
        super().__init__(f"attachment {filename!r}: {reason}")
        self.filename = filename
        self.reason = reason


class IntegrityFailure(RuntimeError):
    """Stored bytes no longer hash to their name: the file was altered or damaged on disk."""


@dataclass(frozen=True)
class CheckedAttachment:
    filename: str
    content: bytes
    sha256: str
    content_type: str


def sniff(content: bytes) -> str | None:
    kind = filetype.guess(content)
    if kind is not None:
        return kind.mime
    if b"\x00" in content[:8192]:
        return None
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text/plain"


def check(filename: str, declared_type: str | None, content: bytes) -> CheckedAttachment:
    """Refuse what is too big, of an unknown or disallowed kind, or labelled as something it is not."""
    if not filename or "/" in filename or "\\" in filename or filename in {".", ".."}:
        raise AttachmentRejected(filename, "a plain file name is required")
    if len(content) == 0:
        raise AttachmentRejected(filename, "is empty")
    if len(content) > settings.ATTACHMENT_MAX_BYTES:
        raise AttachmentRejected(filename, f"is {len(content)} bytes; the limit is {settings.ATTACHMENT_MAX_BYTES}")
    real = sniff(content)
    if real is None or real not in ALLOWED_TYPES:
        raise AttachmentRejected(filename, f"content type {real or 'unknown binary'} is not accepted")
    if declared_type:
        declared = declared_type.split(";")[0].strip().lower()
        if _EQUIVALENT.get(declared, declared) != _EQUIVALENT.get(real, real):
            raise AttachmentRejected(filename, f"is labelled {declared} but its content is {real}")
    return CheckedAttachment(filename, content, hashlib.sha256(content).hexdigest(), real)


def blob_path(sha256: str) -> Path:
    return Path(settings.BLOB_ROOT) / sha256[:2] / sha256[2:4] / sha256


def store(att: CheckedAttachment) -> Path:
    """Write once, atomically (temporary file, fsync, rename): a crash leaves the old state or the new."""
    path = blob_path(att.sha256)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(att.content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read(sha256: str) -> bytes:
    path = blob_path(sha256)
    try:
        content = path.read_bytes()
    except FileNotFoundError as exc:
        raise IntegrityFailure(f"attachment {sha256} is missing from the store") from exc
    if hashlib.sha256(content).hexdigest() != sha256:
        raise IntegrityFailure(f"attachment {sha256} failed its integrity check")
    return content
