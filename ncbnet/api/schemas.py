"""Request and response shapes of the HTTP API (they are also its OpenAPI description)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field

LanguageCode = Literal["ar", "en", "fr", "es"]
PriorityName = Literal["routine", "urgent", "immediate"]
CrimeAreaName = Literal[
    "fugitives", "missing_persons", "terrorism", "drugs", "cybercrime", "human_trafficking",
    "financial_crime", "firearms", "vehicles", "works_of_art", "other",
]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_8601(value: object) -> object:
    """A date and time as ISO 8601 text only: pydantic would also take a number, or a numeric string, for seconds
    since 1970 (``until=0.5`` read as 1970-01-01T00:00:00.5), which no one means."""
    if isinstance(value, datetime) or (isinstance(value, str) and _ISO_DATE.match(value)):
        return value
    raise ValueError("expected an ISO 8601 date and time, e.g. 2026-12-06T10:00:00Z")


def _utc_if_naive(value: datetime) -> datetime:
    """Without an offset, a date and time is UTC (the network's one clock)."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


# What the API takes as a date and time: ISO 8601 text, UTC unless it gives an offset.
IsoDateTime = Annotated[datetime, BeforeValidator(_iso_8601), AfterValidator(_utc_if_naive)]


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class AttachmentIn(Strict):
    filename: str = Field(min_length=1, max_length=255)
    content_type: str | None = Field(None, description="what the client believes it is; checked against the bytes")
    content_base64: str


class RestrictionsIn(Strict):
    mode: Literal["none", "allow", "deny"] = "none"
    countries: list[str] = Field(default_factory=list, description="ISO 3166 alpha-2 codes")
    agencies_may_view: bool = True


class MessageIn(Strict):
    recipients: list[str] = Field(
        min_length=1, max_length=300,
        description="NCB:<ISO code> (or the bare code), REGION:<group>, AGENCY:<code>, GS, ALL",
    )
    subject: str = Field(min_length=1, max_length=300)
    body: str = Field(min_length=1, max_length=200_000)
    language: LanguageCode | None = Field(None, description="detected from the text when omitted")
    priority: PriorityName = "routine"
    crime_area: CrimeAreaName = "other"
    classification: int = Field(1, ge=1, le=3, description="1 official use only, 2 restricted, 3 confidential")
    restrictions: RestrictionsIn = Field(default_factory=RestrictionsIn)
    case_reference: str = Field("", max_length=64)
    purpose: str = Field("", max_length=500, description="why this is sent, for the audit trail")
    attachments: list[AttachmentIn] = Field(default_factory=list, max_length=20)


class ReplyIn(Strict):
    recipients: list[str] | None = Field(None, description="default: the sender of the message replied to")
    subject: str | None = Field(None, max_length=300)
    body: str = Field(min_length=1, max_length=200_000)
    language: LanguageCode | None = None
    priority: PriorityName = "routine"
    classification: int = Field(1, ge=1, le=3)
    restrictions: RestrictionsIn = Field(default_factory=RestrictionsIn)
    attachments: list[AttachmentIn] = Field(default_factory=list, max_length=20)


class ForwardIn(Strict):
    recipients: list[str] = Field(min_length=1, max_length=300)
    note: str = Field("", max_length=5000)
    purpose: str = Field("", max_length=500)


class AttachmentOut(Schema):
    filename: str
    sha256: str
    size: int
    content_type: str


class DeliveryOut(Schema):
    recipient: str
    state: Literal["delivered", "read", "acknowledged"]
    delivered_at: datetime
    read_at: datetime | None
    acknowledged_at: datetime | None
    ack_due_at: datetime | None


class RestrictionsOut(Schema):
    owner_country: str | None
    mode: str
    countries: list[str]
    agencies_may_view: bool
    classification: int


class MessageSummary(Schema):
    id: int
    sender: str
    subject: str
    language: str
    priority: str
    crime_area: str
    classification: int
    case_reference: str
    created_at: datetime
    reply_to: int | None
    thread_root: int | None
    forwarded_from: int | None


class InboxItem(MessageSummary):
    state: str
    ack_due_at: datetime | None
    overdue: bool


class MessageOut(MessageSummary):
    author: str
    addressed_to: list[str]
    body: str
    language_detected: bool
    restrictions: RestrictionsOut
    chain: list[dict]
    attachments: list[AttachmentOut]
    deliveries: list[DeliveryOut]


class InboxPage(Schema):
    items: list[InboxItem]
    next_cursor: str | None


class MessagePage(Schema):
    items: list[MessageSummary]
    next_cursor: str | None


class OverdueItem(Schema):
    message_id: int
    sender: str
    recipient: str
    priority: str
    crime_area: str
    delivered_at: datetime
    ack_due_at: datetime
    overdue_seconds: int
    read: bool


class CountryOut(Schema):
    code: str
    alpha3: str
    name: str
    names: dict[str, str]
    regional_groups: list[str]
    ncb: str | None


class OrganisationOut(Schema):
    code: str
    kind: str
    name: str
    country: str | None
    parent: str | None
    language: str = Field(description="working language (ar, en, es, fr): what the service writes to it, such as "
                                      "a hit on its data, is in it")


class RegionalGroupOut(Schema):
    code: str
    name: str
    countries: list[str]


class AuthorisationIn(Strict):
    databases: list[str]
    may_contribute: bool = False
    valid_until: date | None = None


class AuthorisationOut(Schema):
    agency: str
    databases: list[str]
    may_contribute: bool
    valid_until: date | None
    valid: bool


class AuditEntryOut(Schema):
    id: int = Field(description="the entry's number in the whole trail (the order entries were written)")
    lane: int = Field(description="which chain the entry belongs to")
    seq: int = Field(description="its position in its lane's chain")
    at: datetime
    username: str
    organisation: str
    action: str
    outcome: str
    object_type: str
    object_ids: list[str]
    query: dict
    result_ids: list[str]
    purpose: str
    reason: str
    ip: str
    token_id: int | None
    entry_hash: str


class AuditPage(Schema):
    items: list[AuditEntryOut]
    next_cursor: str | None


class LoginIn(Strict):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=1024)
    otp: str | None = Field(None, max_length=12, description="the 6-digit code of the officer's authenticator")


class WhoAmI(Schema):
    username: str
    organisation: str
    role: str
    clearance: int
    country: str | None


class TokenIn(Strict):
    username: str = Field(min_length=1, max_length=150)
    name: str = Field(min_length=1, max_length=100)
    days: int = Field(90, ge=1, le=366)


class TokenOut(Schema):
    prefix: str
    username: str
    name: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None


class IssuedTokenOut(TokenOut):
    token: str = Field(description="the secret: shown this once, only its hash is stored")
