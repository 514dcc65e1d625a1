"""Links from a record to cases, messages and notices, and photos of persons and works of art (stored by hash in
the same blob store as message attachments). Only the owner country adds them; whoever may see the record sees
them; each addition is a new version of the record."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from ncbnet.access.policy import Actor
from ncbnet.audit.services import record as audit
from ncbnet.messaging import attachments as blobs
from ncbnet.messaging.models import Blob
from ncbnet.records.cleaning import InvalidRecord
from ncbnet.records.kinds import kind
from ncbnet.records.models import LinkTarget, Photo, PoliceRecord, RecordLink
from ncbnet.records.services import RecordNotFound, bump_version, owned_record, visible_records

PHOTO_TYPES = ("image/jpeg", "image/png", "image/webp", "image/tiff")
PHOTO_KINDS = ("person", "work_of_art")
MAX_PHOTOS = 20


def link_record(actor: Actor, kind_name: str, record_id: int, target_type: str, target_ref: str) -> RecordLink:
    k = kind(kind_name)
    errors = {}
    if target_type not in LinkTarget.values:
        errors["target_type"] = f"one of {', '.join(LinkTarget.values)}"
    target_ref = (target_ref or "").strip()
    if not target_ref or len(target_ref) > 64:
        errors["target_ref"] = "1 to 64 characters"
    if errors:
        raise InvalidRecord(errors)
    now = timezone.now()
    with transaction.atomic():
        rec = owned_record(actor, k, record_id)
        try:
            with transaction.atomic():
                link = RecordLink.objects.create(record_type=k.name, record_id=rec.pk, target_type=target_type,
                                                 target_ref=target_ref, created_at=now, created_by_id=actor.user_id)
        except IntegrityError:
            raise InvalidRecord({"target_ref": "this record is already linked to it"}) from None
        bump_version(actor, k, rec, "link", {"links": [None, f"{target_type}:{target_ref}"]}, now)
        audit(actor, f"{k.name}.link", object_type=k.name, object_ids=[rec.pk], query={target_type: target_ref})
    return link


def add_photo(actor: Actor, kind_name: str, record_id: int, filename: str, content: bytes, caption: str = "") -> Photo:
    k = kind(kind_name)
    if k.name not in PHOTO_KINDS:
        raise InvalidRecord({"kind": "photos are kept for persons and works of art"})
    try:
        checked = blobs.check(filename, None, content)
    except blobs.AttachmentRejected as exc:
        raise InvalidRecord({"content": exc.reason}) from None
    if checked.content_type not in PHOTO_TYPES:
        raise InvalidRecord({"content": f"a photo is JPEG, PNG, WebP or TIFF, not {checked.content_type}"})
    if len(caption) > 200:
        raise InvalidRecord({"caption": "at most 200 characters"})
    blobs.store(checked)  # before the transaction: a crash leaves at most an unreferenced file
    now = timezone.now()
    with transaction.atomic():
        rec = owned_record(actor, k, record_id)
        if Photo.objects.filter(record_type=k.name, record_id=rec.pk).count() >= MAX_PHOTOS:
            raise InvalidRecord({"content": f"at most {MAX_PHOTOS} photos per record"})
        blob, _ = Blob.objects.get_or_create(sha256=checked.sha256,
                                             defaults={"size": len(content), "content_type": checked.content_type})
        photo = Photo.objects.create(record_type=k.name, record_id=rec.pk, blob=blob, caption=caption)
        bump_version(actor, k, rec, "photo", {"photos": [None, checked.sha256]}, now)
        audit(actor, f"{k.name}.photo", object_type=k.name, object_ids=[rec.pk], query={"sha256": checked.sha256})
    return photo


def links_and_photos(rec: PoliceRecord, kind_name: str) -> tuple[list[RecordLink], list[Photo]]:
    """For a record the caller has already read through the policy."""
    links = list(RecordLink.objects.filter(record_type=kind_name, record_id=rec.pk).order_by("id"))
    photos = list(Photo.objects.filter(record_type=kind_name, record_id=rec.pk).select_related("blob").order_by("id"))
    return links, photos


def photo_content(actor: Actor, kind_name: str, record_id: int, sha256: str) -> tuple[Photo, bytes]:
    """The photo's bytes, integrity-checked, for whoever may see the record; the read is audited."""
    k = kind(kind_name)
    rec = visible_records(actor, k.name).filter(pk=record_id).first()
    photo = (Photo.objects.select_related("blob").filter(record_type=k.name, record_id=record_id, blob_id=sha256).first()
             if rec is not None else None)
    if photo is None:
        raise RecordNotFound(f"no photo {sha256} of {k.label} {record_id}")
    content = blobs.read(sha256)
    with transaction.atomic():
        audit(actor, f"{k.name}.photo_read", object_type=k.name, object_ids=[record_id], query={"sha256": sha256})
    return photo, content
