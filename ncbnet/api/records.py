"""/api/v1/records: contribute, read, change, delete and renew records; their history and hits."""

from __future__ import annotations

import base64
import binascii
import io
import json
from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Status
from pydantic import Field

from ncbnet.access.restrictions import decode_countries
from ncbnet.api.auth import actor_of
from ncbnet.api.problems import Problem
from ncbnet.api.record_schemas import (
    BulkReport,
    DuePageOut,
    FirearmIn,
    PersonIn,
    RecordChange,
    RecordOut,
    RenewedOut,
    RenewIn,
    TravelDocumentIn,
    VehicleIn,
    VersionOut,
    WorkOfArtIn,
)
from ncbnet.api.schemas import Strict
from ncbnet.hits.services import record_hit_stats
from ncbnet.records import services
from ncbnet.records.attachments import add_photo, link_record, links_and_photos, photo_content
from ncbnet.records.bulk import bulk_load
from ncbnet.records.kinds import KINDS
from ncbnet.records.models import Person, PersonName, PoliceRecord

router = Router(tags=["records"])

# URL segment -> record kind
SEGMENTS = {"persons": "person", "travel-documents": "travel_document", "vehicles": "vehicle",
            "works-of-art": "work_of_art", "firearms": "firearm"}
_HIDDEN = {"id", "owner_country_id", "owner_ncb_id", "national_reference", "status", "version", "review_due",
           "created_at", "updated_at", "created_by_id", "updated_by_id", "restriction_mode", "restricted_countries",
           "agencies_may_view", "classification", "number_key", "vin_key", "plate_key", "serial_key",
           "birth_earliest", "birth_latest"}


def kind_of(segment: str) -> str:
    try:
        return SEGMENTS[segment]
    except KeyError:
        raise Problem(404, "Not found", f"no database {segment!r}; one of {', '.join(SEGMENTS)}", kind="not-found") from None


def _plain(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date | datetime) else v


def record_out(kind: str, rec: PoliceRecord, warnings: tuple[str, ...] = ()) -> dict:
    fields = {f.attname: _plain(getattr(rec, f.attname)) for f in rec._meta.concrete_fields if f.attname not in _HIDDEN}
    if "nationalities" in fields:
        fields["nationalities"] = decode_countries(fields["nationalities"])
    r = rec.restrictions
    out = {
        "kind": kind, "id": rec.pk, "owner_country": rec.owner_country_id,
        "owner_ncb": services.owner_ncb_code(rec),
        "national_reference": rec.national_reference, "status": rec.status, "version": rec.version,
        "review_due": rec.review_due, "created_at": rec.created_at, "updated_at": rec.updated_at,
        "restrictions": {"mode": r.mode, "countries": list(r.countries), "agencies_may_view": r.agencies_may_view,
                         "classification": r.classification},
        "fields": fields, "warnings": list(warnings),
    }
    links, photos = links_and_photos(rec, kind)
    out["links"] = [{"target_type": x.target_type, "target_ref": x.target_ref} for x in links]
    out["photos"] = [{"sha256": p.blob_id, "content_type": p.blob.content_type, "caption": p.caption} for p in photos]
    if isinstance(rec, Person):
        out["names"] = [{"full": n.full, "kind": n.kind, "script": n.script}
                        for n in PersonName.objects.filter(person_id=rec.pk).order_by("id")]
    return out


def _create(request: HttpRequest, kind: str, payload) -> Status:
    raw = payload.model_dump(exclude_unset=True)
    result = services.create_record(actor_of(request), kind, raw)
    return Status(201, record_out(kind, result.record, result.warnings))


@router.post("/persons", response={201: RecordOut}, summary="Contribute a person")
def create_person(request, payload: PersonIn):
    return _create(request, "person", payload)


@router.post("/travel-documents", response={201: RecordOut},
             summary="Contribute a stolen, lost, revoked or invalid travel document (issuing country's NCB only)")
def create_document(request, payload: TravelDocumentIn):
    return _create(request, "travel_document", payload)


@router.post("/vehicles", response={201: RecordOut}, summary="Contribute a stolen vehicle")
def create_vehicle(request, payload: VehicleIn):
    return _create(request, "vehicle", payload)


@router.post("/works-of-art", response={201: RecordOut}, summary="Contribute a stolen work of art")
def create_work_of_art(request, payload: WorkOfArtIn):
    return _create(request, "work_of_art", payload)


@router.post("/firearms", response={201: RecordOut}, summary="Contribute a lost or stolen firearm")
def create_firearm(request, payload: FirearmIn):
    return _create(request, "firearm", payload)


@router.get("/{segment}/{int:record_id}", response=RecordOut, summary="Read one record (audited)")
def read(request, segment: str, record_id: int, purpose: str = ""):
    kind = kind_of(segment)
    return record_out(kind, services.read_record(actor_of(request), kind, record_id, purpose=purpose[:500]))


def _expected_version(request: HttpRequest) -> int | None:
    tag = request.headers.get("If-Match")
    if tag is None:
        return None
    try:
        return int(tag.strip('"W/'))
    except ValueError:
        raise Problem(400, "Invalid If-Match", "If-Match carries the record's version number, e.g. \"3\"") from None


@router.patch("/{segment}/{int:record_id}", response=RecordOut,
              summary="Change a record (owner only); the previous version stays in its history",
              description="Send `If-Match: \"<version>\"` to refuse the change (409) if someone changed it since.")
def change(request, segment: str, record_id: int, payload: RecordChange):
    kind = kind_of(segment)
    # The schema only documents the shape; the fields are checked per kind by records.cleaning. (The body has
    # already been through the strict parser; the schema, which allows any field, let a list or a scalar through.)
    raw = json.loads(request.body or b"{}")
    if not isinstance(raw, dict):
        raise Problem(422, "Invalid request", "the body is an object of the fields to change, e.g. "
                      '{"document_status": "revoked"}', errors=[{"field": "body", "message": "not an object"}])
    result = services.update_record(actor_of(request), kind, record_id, raw, expected_version=_expected_version(request))
    return record_out(kind, result.record, result.warnings)


@router.delete("/{segment}/{int:record_id}", response=RecordOut,
               summary="Delete a record (owner only): it leaves search at once; its history stays")
def delete(request, segment: str, record_id: int):
    kind = kind_of(segment)
    return record_out(kind, services.delete_record(actor_of(request), kind, record_id))


@router.post("/{segment}/{int:record_id}/renew", response=RecordOut,
             summary="Renew a record (owner only): its review date moves on by the database's period")
def renew(request, segment: str, record_id: int):
    kind = kind_of(segment)
    return record_out(kind, services.renew_record(actor_of(request), kind, record_id))


@router.get("/{segment}/due-for-review", response=DuePageOut,
            summary="The records of my country due for review by a date, earliest first (contributors)",
            description="Active records owned by the caller's country whose review date is on or before `before` "
                        "(today by default); those already past it (`out_of_search`) are found by no search until "
                        "they are renewed. Pages of `limit` (at most 200): pass the page's `next` as `after`.")
def due_for_review(request, segment: str, before: date | None = None, after: str | None = Query(None, max_length=40),
                   limit: int = Query(50, ge=1, le=services.DUE_PAGE_MAX)):
    kind = kind_of(segment)
    today = timezone.now().date()
    page = services.due_for_review(actor_of(request), kind, before=before or today, after=after, limit=limit)
    return {"items": [{"id": r.pk, "national_reference": r.national_reference, "review_due": r.review_due,
                       "out_of_search": r.review_due < today, "version": r.version, "updated_at": r.updated_at}
                      for r in page.records], "next": page.next}


@router.post("/{segment}/renew", response=RenewedOut,
             summary="Renew several records at once (owner only), all or none: those due for review")
def renew_many(request, segment: str, payload: RenewIn):
    kind = kind_of(segment)
    records = services.renew_records(actor_of(request), kind, payload.ids, purpose=payload.purpose or "")
    return {"renewed": [r.pk for r in records], "review_due": records[0].review_due}


@router.get("/{segment}/{int:record_id}/history", response=list[VersionOut], summary="Every version of a record")
def history(request, segment: str, record_id: int):
    kind = kind_of(segment)
    return [{"version": v.version, "action": v.action, "at": v.at, "username": v.username,
             "organisation": v.organisation, "changes": v.changes, "data": v.data}
            for v in services.history(actor_of(request), kind, record_id)]


@router.get("/{segment}/{int:record_id}/hits", summary="Hit counts and history of a record")
def hits(request, segment: str, record_id: int):
    kind = kind_of(segment)
    actor = actor_of(request)
    services.read_record(actor, kind, record_id)  # the record must be visible first
    stats = record_hit_stats(actor, kind, record_id)
    return {"total": stats["total"], "by_status": stats["by_status"],
            "history": [{"reference": h.reference, "searcher": h.searcher_org.code, "raised_at": h.raised_at,
                         "status": h.status, "score": h.score} for h in stats["history"]]}


assert set(SEGMENTS.values()) == set(KINDS)


_FORMATS = {"application/x-ndjson": "ndjson", "application/ndjson": "ndjson", "application/jsonl": "ndjson",
            "text/csv": "csv"}


@router.post("/{segment}/bulk", response={201: BulkReport},
             summary="Contribute a whole file: NDJSON (one JSON object per line) or CSV (a header line, then one "
                     "record per line)",
             description="Send the file as the body with `Content-Type: application/x-ndjson` or `text/csv`. Every "
                         "line is checked first; if any is bad nothing is loaded and the 422 problem lists each bad "
                         "line with the field and the reason. In CSV, list cells (names, nationalities, "
                         "restricted_countries) separate items with `|`.",
             openapi_extra={"requestBody": {"content": {"application/x-ndjson": {"schema": {"type": "string"}},
                                                        "text/csv": {"schema": {"type": "string"}}}}})
def bulk(request, segment: str):
    kind = kind_of(segment)
    content_type = (request.content_type or "").split(";")[0].strip().lower()
    fmt = _FORMATS.get(content_type)
    if fmt is None:
        raise Problem(415, "Unsupported media type", "send application/x-ndjson or text/csv")
    report = bulk_load(actor_of(request), kind, io.BytesIO(request.body), fmt)
    out = {"loaded": report.loaded, "lines": report.lines, "first_id": report.first_id, "last_id": report.last_id,
           "errors": [{"line": e.line, "field": e.field, "message": e.message} for e in report.errors],
           "error_count": report.error_count, "errors_truncated": report.error_count > len(report.errors)}
    if not report.ok:
        raise Problem(422, "Invalid bulk file",
                      f"{report.error_count} bad line(s) in {report.lines}; nothing was loaded",
                      errors=[{"field": f"line {e.line}: {e.field}", "message": e.message} for e in report.errors])
    return Status(201, out)


class LinkIn(Strict):
    target_type: Literal["case", "message", "notice"]
    target_ref: str = Field(min_length=1, max_length=64, description="a case reference, a message id, a notice id")


class PhotoIn(Strict):
    filename: str = Field(min_length=1, max_length=255)
    content_base64: str
    caption: str = Field("", max_length=200)


@router.post("/{segment}/{int:record_id}/links", response={201: dict}, summary="Link a record to a case, message or notice")
def add_link(request, segment: str, record_id: int, payload: LinkIn):
    link = link_record(actor_of(request), kind_of(segment), record_id, payload.target_type, payload.target_ref)
    return Status(201, {"target_type": link.target_type, "target_ref": link.target_ref, "created_at": link.created_at})


@router.post("/{segment}/{int:record_id}/photos", response={201: dict},
             summary="Add a photo (persons and works of art; JPEG, PNG, WebP or TIFF, checked from its bytes)")
def add_photo_(request, segment: str, record_id: int, payload: PhotoIn):
    try:
        content = base64.b64decode(payload.content_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise Problem(422, "Invalid photo", "content_base64 is not valid base64",
                      errors=[{"field": "content_base64", "message": "not valid base64"}]) from exc
    photo = add_photo(actor_of(request), kind_of(segment), record_id, payload.filename, content, payload.caption)
    return Status(201, {"sha256": photo.blob_id, "caption": photo.caption})


@router.get("/{segment}/{int:record_id}/photos/{sha256}", summary="A photo's bytes (integrity-checked, audited)")
def photo(request, segment: str, record_id: int, sha256: str):
    p, content = photo_content(actor_of(request), kind_of(segment), record_id, sha256)
    return HttpResponse(content, content_type=p.blob.content_type)
