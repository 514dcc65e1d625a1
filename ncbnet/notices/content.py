"""The nine notice types and what each one's request must contain.

Plain data (pydantic models, ``extra="forbid"``), with no database: the API validates a request's ``content``
against the model of its type, the services store it as JSON, and screening reads it. The subject's identity
(names, date of birth, nationality, photos) is not repeated here: it is the person record the notice points to
(``records.Person``), so that a published notice's subject is found by person search.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

Text = Annotated[str, Field(min_length=1, max_length=4000)]
Short = Annotated[str, Field(min_length=1, max_length=300)]
Country = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]


class NoticeType(enum.StrEnum):
    RED = "red"
    YELLOW = "yellow"
    BLUE = "blue"
    BLACK = "black"
    GREEN = "green"
    ORANGE = "orange"
    PURPLE = "purple"
    SILVER = "silver"
    UN = "un"


PURPOSE = {
    NoticeType.RED: "locate and provisionally arrest a person for extradition",
    NoticeType.YELLOW: "locate a missing person, or identify someone unable to identify themselves",
    NoticeType.BLUE: "collect information on a person's identity, location or activities",
    NoticeType.BLACK: "seek information on an unidentified body",
    NoticeType.GREEN: "warn about a person's criminal activities",
    NoticeType.ORANGE: "warn of a serious and imminent threat from a person, object, event or process",
    NoticeType.PURPLE: "share modus operandi, objects, devices and concealment methods",
    NoticeType.SILVER: "locate and obtain information on criminal assets",
    NoticeType.UN: "inform of persons and entities under United Nations Security Council sanctions",
}

# Which types must name a person record as their subject, which may, and which have none.
SUBJECT_REQUIRED = {NoticeType.RED, NoticeType.YELLOW, NoticeType.BLUE, NoticeType.BLACK, NoticeType.GREEN}
SUBJECT_OPTIONAL = {NoticeType.ORANGE, NoticeType.SILVER, NoticeType.UN}
SUBJECT_NONE = {NoticeType.PURPLE}
# Only these types may have a public extract (as on the real public site: wanted, missing, UN sanctions).
PUBLIC_TYPES = {NoticeType.RED, NoticeType.YELLOW, NoticeType.UN}


class _Content(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    summary: Text = Field(description="the facts of the case, as the reviewers and members should read them")


class Charge(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    description: Short = Field(description="the offence as charged, e.g. 'armed robbery'")
    law: Short = Field(description="the provision that makes it an offence, e.g. 'Penal Code art. 311-1'")
    maximum_penalty_months: int = Field(ge=0, le=1200, description="the maximum penalty the law provides, in months")
    translation: str = Field(default="", max_length=300, description="the charge in English, when written in another language")


class Warrant(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: Literal["arrest_warrant", "judgment"]
    authority: Short = Field(description="the court or judicial authority that issued it")
    issued_on: date
    reference: Short
    issuing_country: Country | None = Field(default=None, description="ISO code; the requesting country when omitted")


class RedContent(_Content):
    charges: list[Charge] = Field(min_length=1, max_length=50)
    sought_for: Literal["prosecution", "sentence"]
    sentence_remaining_months: int | None = Field(default=None, ge=0, le=1200,
                                                  description="when sought to serve a sentence: what remains of it")
    warrants: list[Warrant] = Field(default_factory=list, max_length=20,
                                    description="the arrest warrant or judgment: required (checked by screening)")
    extradition_assurance: bool = Field(description="the requesting country will seek extradition")

    @model_validator(mode="after")
    def _sentence(self) -> RedContent:
        if self.sought_for == "sentence" and self.sentence_remaining_months is None:
            raise ValueError("sentence_remaining_months is required when the person is sought to serve a sentence")
        return self


class YellowContent(_Content):
    reason: Literal["missing", "cannot_identify_self"]
    disappeared_on: date | None = None
    disappeared_at: str = Field(default="", max_length=300)
    minor: bool = False


class BlueContent(_Content):
    information_sought: list[Literal["identity", "location", "activities"]] = Field(min_length=1)
    offences: list[Short] = Field(default_factory=list, max_length=50)


class BlackContent(_Content):
    found_on: date
    found_at: Short
    cause_of_death: str = Field(default="", max_length=300)


class GreenContent(_Content):
    criminal_activities: Text
    offences: list[Short] = Field(min_length=1, max_length=50)


class OrangeContent(_Content):
    threat_from: Literal["person", "object", "event", "process"]
    threat: Text = Field(description="what the threat is and why it is imminent")
    recommended_measures: str = Field(default="", max_length=4000)


class PurpleContent(_Content):
    modus_operandi: Text
    objects: list[Short] = Field(default_factory=list, max_length=50)
    devices: list[Short] = Field(default_factory=list, max_length=50)
    concealment_methods: list[Short] = Field(default_factory=list, max_length=50)


class Asset(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: Literal["bank_account", "real_estate", "vehicle", "vessel", "company", "cryptoasset", "other"]
    description: Short
    location: str = Field(default="", max_length=300)
    estimated_value: str = Field(default="", max_length=100)


class SilverContent(_Content):
    assets: list[Asset] = Field(min_length=1, max_length=100)
    linked_offences: list[Short] = Field(min_length=1, max_length=50)


class Entity(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Short
    aliases: list[Short] = Field(default_factory=list, max_length=50)
    address: str = Field(default="", max_length=300)


class UNContent(_Content):
    committee: Short = Field(description="the Security Council committee, e.g. '1267/1989/2253 ISIL (Da'esh) and Al-Qaida'")
    un_reference: Annotated[str, Field(min_length=1, max_length=40)] = Field(description="e.g. QDi.431")
    sanctions: list[Literal["asset_freeze", "travel_ban", "arms_embargo"]] = Field(min_length=1)
    entity: Entity | None = Field(default=None, description="when the sanctioned party is an entity, not a person")


CONTENT: dict[NoticeType, type[_Content]] = {
    NoticeType.RED: RedContent, NoticeType.YELLOW: YellowContent, NoticeType.BLUE: BlueContent,
    NoticeType.BLACK: BlackContent, NoticeType.GREEN: GreenContent, NoticeType.ORANGE: OrangeContent,
    NoticeType.PURPLE: PurpleContent, NoticeType.SILVER: SilverContent, NoticeType.UN: UNContent,
}

# A change of one of these fields of a published notice is material: the notice goes back to review.
# Others (the summary's wording aside) are corrections the owner may make at once.
NOT_MATERIAL = {"summary", "recommended_measures", "disappeared_at"}


class InvalidNotice(ValueError):
    """A request that cannot be accepted, with the reason per field, in words an officer understands."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def notice_type(value: str) -> NoticeType:
    try:
        return NoticeType(value)
    except ValueError:
        raise InvalidNotice({"type": f"unknown notice type {value!r}; one of {', '.join(t.value for t in NoticeType)}"}) from None


def parse_content(kind: NoticeType, raw: dict) -> dict:
    """The request's content checked against its type; returns it as plain JSON values, or raises InvalidNotice."""
    if not isinstance(raw, dict):
        raise InvalidNotice({"content": "must be an object"})
    try:
        model = CONTENT[kind].model_validate(raw)
    except ValidationError as exc:
        errors = {}
        for e in exc.errors():
            where = ".".join(str(x) for x in e["loc"]) or "content"
            errors[f"content.{where}"] = e["msg"].removeprefix("Value error, ")
        raise InvalidNotice(errors) from None
    return model.model_dump(mode="json")


def material_changes(before: dict, after: dict) -> list[str]:
    return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k) and k not in NOT_MATERIAL)
