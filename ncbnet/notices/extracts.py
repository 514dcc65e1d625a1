"""Public extracts: what of a published notice the requesting country agreed to show the public.

``extract_fields`` is pure: from the notice's content and its subject (plain values), it builds the public
fields in the shape of the public notices API (``data``), and nothing that the country did not choose. The
public app serves ``PublicExtract.data`` as it is; it never reads a notice or a record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from anyascii import anyascii

from ncbnet.notices.content import PUBLIC_TYPES, NoticeType

# Every field a public extract may carry, per type; the requesting country picks among them (all by default).
_PERSON_FIELDS = ("name", "forename", "date_of_birth", "nationalities", "sex_id", "place_of_birth", "country_of_birth_id",
                  "height", "weight", "eyes_colors_id", "hairs_id", "languages_spoken_ids", "distinguishing_marks",
                  "photos")
PUBLIC_FIELDS: dict[NoticeType, tuple[str, ...]] = {
    NoticeType.RED: (*_PERSON_FIELDS, "arrest_warrants"),
    NoticeType.YELLOW: (*_PERSON_FIELDS, "date_of_event", "place"),
    NoticeType.UN: (*_PERSON_FIELDS, "un_reference", "sanctions", "entity"),
}
REQUIRED_PUBLIC = ("name",)  # an extract that names nobody helps nobody


@dataclass(frozen=True)
class SubjectFacts:
    """The subject as its person record holds it (plain values, so that this module needs no database)."""

    family_name: str = ""
    forenames: str = ""
    birth_date: str = ""  # as recorded: 1980, 1980-05, 1980-05-17
    birth_latest: date | None = None
    nationalities: tuple[str, ...] = ()
    sex: str = ""
    birth_place: str = ""
    birth_country: str = ""
    height_cm: int | None = None
    weight_kg: int | None = None
    eye_colour: str = ""
    hair_colour: str = ""
    languages: tuple[str, ...] = ()
    distinguishing_marks: str = ""
    photos: tuple[str, ...] = ()  # SHA-256
    id_documents: int = 0
    names: int = 0


@dataclass(frozen=True)
class ExtractFields:
    data: dict
    photos: list[str]
    name: str
    forename: str
    name_key: str
    nationalities: str
    sex: str
    birth_year: int | None
    birth_date: date | None
    warrant_countries: str
    free_text: str = field(default="")


def fold(text: str) -> str:
    """ASCII lower case, for the public API's name and free-text filters (Müller, MULLER, مولر...)."""
    return " ".join(anyascii(text or "").lower().split())


def _public_date(recorded: str) -> str | None:
    """1980-05-17 → 1980/05/17; a partial date keeps its precision (1980, 1980/05); a range is not shown."""
    if not recorded or ".." in recorded:
        return None
    return recorded.replace("-", "/")


def allowed_fields(kind: NoticeType) -> tuple[str, ...]:
    return PUBLIC_FIELDS.get(kind, ())


def extract_fields(kind: NoticeType, owner_country: str, content: dict, subject: SubjectFacts,
                   chosen: list[str]) -> ExtractFields:
    if kind not in PUBLIC_TYPES:
        raise ValueError(f"{kind} notices have no public extract")
    keep = set(chosen or allowed_fields(kind)) & set(allowed_fields(kind))
    full: dict = {
        "name": subject.family_name.upper() or None,
        "forename": subject.forenames.upper() or None,
        "date_of_birth": _public_date(subject.birth_date),
        "nationalities": list(subject.nationalities) or None,
        "sex_id": subject.sex if subject.sex in ("M", "F") else None,
        "place_of_birth": subject.birth_place or None,
        "country_of_birth_id": subject.birth_country or None,
        "height": round(subject.height_cm / 100, 2) if subject.height_cm else None,
        "weight": subject.weight_kg,
        "eyes_colors_id": [subject.eye_colour.upper()[:3]] if subject.eye_colour else None,
        "hairs_id": [subject.hair_colour.upper()[:3]] if subject.hair_colour else None,
        "languages_spoken_ids": list(subject.languages) or None,
        "distinguishing_marks": subject.distinguishing_marks or None,
    }
    warrant_countries: list[str] = []
    if kind == NoticeType.RED:
        countries = [w.get("issuing_country") or owner_country for w in content.get("warrants", [])] or [owner_country]
        warrant_countries = sorted(set(countries))
        full["arrest_warrants"] = [
            {"issuing_country_id": countries[0], "charge": c["description"], "charge_translation": c.get("translation") or None}
            for c in content.get("charges", [])
        ]
    elif kind == NoticeType.YELLOW:
        full["date_of_event"] = (content.get("disappeared_on") or "").replace("-", "/") or None
        full["place"] = content.get("disappeared_at") or None
    elif kind == NoticeType.UN:
        full["un_reference"] = content.get("un_reference")
        full["sanctions"] = content.get("sanctions")
        full["entity"] = content.get("entity")
    data = {k: v for k, v in full.items() if k in keep}
    photos = list(subject.photos) if "photos" in keep else []
    shown_name = data.get("name") or ""
    if kind == NoticeType.UN and not shown_name and data.get("entity"):
        shown_name = data["entity"]["name"].upper()
        data["name"] = shown_name
    text_parts = [str(v) for k, v in data.items() if isinstance(v, str)]
    text_parts += [w["charge"] for w in data.get("arrest_warrants", [])]
    return ExtractFields(
        data=data, photos=photos, name=shown_name, forename=data.get("forename") or "",
        name_key=fold(f"{shown_name} {data.get('forename') or ''}"),
        nationalities="," + ",".join(data["nationalities"]) + "," if data.get("nationalities") else "",
        sex=data.get("sex_id") or "",
        birth_year=int(subject.birth_date[:4]) if "date_of_birth" in data and subject.birth_date[:4].isdigit() else None,
        birth_date=subject.birth_latest if "date_of_birth" in data else None,
        warrant_countries="," + ",".join(warrant_countries) + "," if "arrest_warrants" in data and warrant_countries else "",
        free_text=fold(" ".join(text_parts)),
    )
