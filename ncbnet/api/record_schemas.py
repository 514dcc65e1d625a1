"""Request and response shapes of the databases, search, hits and front-line API (also its OpenAPI).

Record bodies are checked twice on purpose: here for shape (types, unknown fields), then by
``records.cleaning`` for meaning (dates that exist, country codes, check digits), the same rules a bulk file
meets."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from ncbnet.api.schemas import Strict

Level = Literal[1, 2, 3]


class RecordBase(Strict):
    national_reference: str = Field(description="the owner's own reference; unique within the NCB")
    case_reference: str | None = None
    restriction_mode: Literal["none", "allow", "deny"] | None = None
    restricted_countries: list[str] | None = Field(None, description="ISO 3166 alpha-2 codes")
    agencies_may_view: bool | None = None
    classification: Level | None = Field(None, description="1 official use only, 2 restricted, 3 confidential")


class NameIn(Strict):
    full: str
    kind: Literal["primary", "alias", "birth_name", "original_script"] = "primary"


class IdentityIn(Strict):
    type: str | None = None
    number: str
    country: str | None = None


class PersonIn(RecordBase):
    names: list[NameIn | str] = Field(description="the first is the primary name; any script")
    sex: Literal["M", "F", "X", "U"] | None = None
    birth_date: str | None = Field(None, description="1980-05-17, 1980-05, 1980, or a range 1975..1980")
    birth_place: str | None = None
    birth_country: str | None = None
    nationalities: list[str] | None = None
    height_cm: int | None = None
    weight_kg: int | None = None
    eye_colour: str | None = None
    hair_colour: str | None = None
    distinguishing_marks: str | None = None
    languages: list[str] | None = None
    identity_documents: list[IdentityIn] | None = None
    national_ids: list[IdentityIn] | None = None
    role: Literal["wanted", "missing", "unidentified", "person_of_interest"]
    circumstances: str | None = Field(None, description="the offences, or the circumstances")


class TravelDocumentIn(RecordBase):
    number: str
    issuing_country: str = Field(description="ICAO code (FRA, D, XKX) or ISO alpha-2; must be the owner's own")
    document_type: Literal["passport", "identity_card", "visa", "residence_permit", "other"]
    document_status: Literal["stolen_blank", "stolen_from_bearer", "lost", "revoked", "invalid"]
    issue_date: str | None = None
    expiry_date: str | None = None
    event_date: str | None = Field(None, description="date of theft or loss, YYYY-MM-DD")
    event_place: str | None = None


class VehicleIn(RecordBase):
    vin: str | None = None
    plate: str | None = None
    plate_country: str | None = None
    make: str | None = None
    model: str | None = None
    colour: str | None = None
    year: int | None = None
    event_date: str | None = None
    event_place: str | None = None


class WorkOfArtIn(RecordBase):
    title: str
    artist: str | None = None
    category: Literal["painting", "sculpture", "drawing", "print", "icon", "manuscript", "coin", "jewellery", "textile",
                      "archaeological_object", "other"]
    period: str | None = None
    materials: str | None = None
    dimensions: str | None = None
    description: str | None = None
    event_date: str | None = None
    event_place: str | None = None


class FirearmIn(RecordBase):
    make: str
    model: str | None = None
    calibre: str | None = None
    firearm_type: Literal["pistol", "revolver", "rifle", "shotgun", "submachine_gun", "other"]
    serial_number: str


class RecordChange(Schema):
    """Any of the record's fields; names, when given, replace the whole list."""

    model_config = ConfigDict(extra="allow")


class RecordOut(Schema):
    kind: str
    id: int
    owner_country: str | None
    owner_ncb: str
    national_reference: str
    status: str
    version: int
    review_due: date
    created_at: datetime
    updated_at: datetime
    restrictions: dict[str, Any]
    fields: dict[str, Any]
    names: list[dict[str, str]] | None = None
    links: list[dict[str, str]] = []
    photos: list[dict[str, str]] = []
    warnings: list[str] = []


class DueRecordOut(Schema):
    id: int
    national_reference: str
    review_due: date
    out_of_search: bool = Field(description="past its review date: no search finds it until it is renewed")
    version: int
    updated_at: datetime


class DuePageOut(Schema):
    items: list[DueRecordOut]
    next: str | None = Field(description="pass as `after` for the next page; null on the last one")


class RenewIn(Strict):
    ids: list[int] = Field(min_length=1, description="ids of the records to renew, at most 1,000; all or none")
    purpose: str | None = Field(None, max_length=500)


class RenewedOut(Schema):
    renewed: list[int]
    review_due: date = Field(description="the new review date of every record renewed")


class VersionOut(Schema):
    version: int
    action: str
    at: datetime
    username: str
    organisation: str
    changes: dict[str, Any]
    data: dict[str, Any]


class BulkError(Schema):
    line: int
    field: str
    message: str


class BulkReport(Schema):
    loaded: int
    lines: int
    first_id: int | None
    last_id: int | None
    errors: list[BulkError]
    error_count: int
    errors_truncated: bool = False


# --- search --------------------------------------------------------------------------------------------

class IdentifierItem(Strict):
    field: Literal["number", "mrz", "vin", "plate", "serial_number"] = Field(
        description="number: a travel document's number; mrz: its machine-readable zone (2 or 3 lines)")
    value: str = Field(max_length=200)
    country: str | None = Field(None, description="issuing country of the document, or the plate's country")
    document_type: Literal["passport", "identity_card", "visa", "residence_permit", "other"] | None = None


class IdentifierSearchIn(Strict):
    items: list[IdentifierItem] = Field(min_length=1, description="at most 1,000 items, each answered on its own")
    location: str | None = Field(None, max_length=200, description="where the search is made (a border post)")
    purpose: str | None = Field(None, max_length=500)


class MatchOut(Schema):
    kind: str
    record_id: int
    owner_country: str | None
    score: float
    explanation: list[str]
    summary: str
    hit_reference: str | None = None


class ItemAnswerOut(Schema):
    index: int
    field: str
    key: str
    matches: list[MatchOut]
    problems: list[str]
    error: str | None
    parsed_mrz: dict[str, Any] | None = None


class IdentifierSearchOut(Schema):
    items: list[ItemAnswerOut]


class PersonSearchIn(Strict):
    names: list[str] = Field(min_length=1, max_length=10, description="any script, any order; aliases welcome")
    birth_date: str | None = Field(None, description="1980-05-17, 1980-05, 1980 or a range 1975..1980")
    sex: Literal["M", "F", "X", "U"] | None = None
    nationality: str | None = Field(None, description="ISO alpha-2 or alpha-3")
    top_k: int = Field(10, ge=1, le=100)
    threshold: float = Field(0.5, ge=0.0, le=1.0, description="lowest score returned")
    location: str | None = Field(None, max_length=200)
    purpose: str | None = Field(None, max_length=500)


class PersonResultOut(Schema):
    record_id: int
    owner_country: str | None
    role: str
    names: list[str]
    birth_date: str
    sex: str
    nationalities: list[str]
    score: float
    explanation: list[str]
    hit_reference: str | None = None
    notices: list[dict] = Field(default_factory=list, description="published notices whose subject this person is "
                                "(id, reference, type), as far as the searcher may see them")


class PersonSearchOut(Schema):
    results: list[PersonResultOut]


class TravellerIn(Strict):
    document_number: str | None = Field(None, max_length=40)
    issuing_country: str | None = None
    document_type: Literal["passport", "identity_card", "visa", "residence_permit", "other"] | None = None
    mrz: str | None = Field(None, max_length=200, description="the machine-readable zone; checks document and bearer")
    names: list[str] = Field(default_factory=list, max_length=5)
    birth_date: str | None = None
    sex: Literal["M", "F", "X", "U"] | None = None
    nationality: str | None = None


class FrontlineIn(TravellerIn):
    location: str | None = Field(None, max_length=200, description="the border post or patrol")
    purpose: str | None = Field(None, max_length=500)


class FrontlineBatchIn(Strict):
    travellers: list[TravellerIn] = Field(min_length=1, description="at most 1,000 (a passenger list)")
    location: str | None = Field(None, max_length=200)
    purpose: str | None = Field(None, max_length=500)


class FindingOut(Schema):
    kind: str
    owner_country: str | None
    status: str = Field(description="the document's status, or the person's role")
    score: float
    hit_reference: str | None


class FrontlineOut(Schema):
    index: int
    hit: bool
    findings: list[FindingOut]
    problems: list[str]
    errors: list[str]
    instruction: str


class FrontlineBatchOut(Schema):
    travellers: list[FrontlineOut]
    hits: int


class TextSearchIn(Strict):
    kind: Literal["work_of_art", "person"] = Field(
        description="work_of_art: title, artist, materials, description; person: distinguishing marks, circumstances")
    text: str = Field(min_length=1, max_length=500)
    limit: int = Field(20, ge=1, le=100)
    purpose: str | None = Field(None, max_length=500)


class TextResultOut(Schema):
    kind: str
    record_id: int
    owner_country: str | None
    rank: float
    title: str
    excerpt: str
