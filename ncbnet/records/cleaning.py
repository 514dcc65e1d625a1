"""Validation and normalisation of a record at the edge, shared by single writes and bulk files.

``clean(kind, raw)`` takes the values as they arrive (JSON values, or the strings of a CSV line), checks every
field, and returns the model's field values with the search keys computed once, here, at write time. All the
problems of a record are reported together, each naming its field, in words an officer understands.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import msgspec

from ncbnet.access.levels import Classification, RestrictionMode
from ncbnet.access.restrictions import Restrictions, encode_countries
from ncbnet.matching.dates import InvalidDate, parse_date_spec
from ncbnet.matching.identifiers import (
    InvalidIdentifier,
    country_iso2,
    document_key,
    fold_scanned,
    iso2_to_icao,
    parse_vin,
    plate_key,
    serial_key,
)
from ncbnet.matching.names import InvalidName, analyse_name, index_keys
from ncbnet.records.models import (
    ArtCategory,
    DocumentStatus,
    DocumentType,
    FirearmType,
    NameKind,
    PersonRole,
    Sex,
)

MAX_NAMES = 20


class InvalidRecord(ValueError):
    """A record that cannot be stored; ``errors`` maps each field to what is wrong with it."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class CleanName:
    full: str
    script: str
    kind: str
    tokens: str
    keys: str


@dataclass
class Cleaned:
    fields: dict[str, Any]
    restrictions: Restrictions
    names: list[CleanName] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class _Bad(ValueError):
    pass


# --- field parsers: each takes the raw value and returns the stored one, or raises _Bad(reason) ---------

def _text(max_len: int, required: bool = False) -> Callable[[Any], str]:
    def parse(v: Any) -> str:
        if type(v) is str:  # nearly always
            s = v.strip()
        elif v is None:
            s = ""
        elif isinstance(v, str | int):
            s = str(v).strip()
        else:
            raise _Bad("must be text")
        if required and not s:
            raise _Bad("is required")
        if len(s) > max_len:
            raise _Bad(f"at most {max_len} characters")
        if "\x00" in s:
            raise _Bad("contains a NUL character")
        if _half_character(s):
            raise _Bad(HALF_CHARACTER)
        return s
    return parse


def _choice(choices: type, required: bool = True) -> Callable[[Any], str]:
    values = tuple(choices.values)  # type: ignore[attr-defined]

    def parse(v: Any) -> str:
        if v in (None, "") and not required:
            return ""
        if v not in values:
            raise _Bad(f"one of {', '.join(values)}")
        return str(v)
    return parse


def parse_date(v: Any) -> date | None:
    """An ISO date (YYYY-MM-DD); an impossible one such as 31 February is named as such."""
    if v in (None, ""):
        return None
    if not isinstance(v, str) or len(v) != 10 or v[4] != "-" or v[7] != "-":
        raise _Bad("a date is written YYYY-MM-DD")
    try:
        parsed = date.fromisoformat(v)  # the common case, in C; the slow path below says what is wrong
        if parsed.year >= 1800:
            return parsed
    except ValueError:
        pass
    try:
        y, m, d = int(v[:4]), int(v[5:7]), int(v[8:])
    except ValueError:
        raise _Bad("a date is written YYYY-MM-DD") from None
    if not 1 <= m <= 12:
        raise _Bad(f"{v}: there is no month {m}")
    last = calendar.monthrange(y, m)[1] if y >= 1 else 31
    if not 1 <= d <= last:
        raise _Bad(f"{v}: {calendar.month_name[m]} {y} has {last} days")
    if y < 1800:
        raise _Bad(f"{v}: year before 1800")
    return date(y, m, d)


_LONG_AGO = date.today() - timedelta(days=2)  # any date before it is in the past, whatever the time zone


def _past_date(v: Any) -> date | None:
    d = parse_date(v)
    if d is not None and d > _LONG_AGO and d > date.today():  # date.today() only for recent dates (a bulk file
        raise _Bad(f"{v} is in the future")                   # checks millions)
    return d


def _int(lo: int, hi: int) -> Callable[[Any], int | None]:
    def parse(v: Any) -> int | None:
        if v in (None, ""):
            return None
        try:
            n = int(v)
        except (TypeError, ValueError):
            raise _Bad("must be a whole number") from None
        if isinstance(v, float | bool) or not lo <= n <= hi:
            raise _Bad(f"a whole number from {lo} to {hi}")
        return n
    return parse


def _country(v: Any) -> str:
    if v in (None, ""):
        return ""
    try:
        return country_iso2(str(v))
    except InvalidIdentifier as exc:
        raise _Bad(exc.reason) from None


def _list(v: Any) -> list:
    """A JSON list, or in a CSV cell items separated by '|'."""
    if v in (None, ""):
        return []
    if isinstance(v, str):
        return [s.strip() for s in v.split("|") if s.strip()]
    if isinstance(v, list):
        return v
    raise _Bad("must be a list")


def _countries(v: Any) -> str:
    return encode_countries([_country(c) for c in _list(v)])


def _bool(v: Any, default: bool) -> bool:
    if v in (None, ""):
        return default
    if isinstance(v, bool):
        return v
    if isinstance(v, str) and v.lower() in ("true", "yes", "1", "false", "no", "0"):
        return v.lower() in ("true", "yes", "1")
    raise _Bad("true or false")


def _key(normalise: Callable[[str], str]) -> Callable[[Any], str]:
    def parse(v: Any) -> str:
        try:
            return normalise(_text(40, required=True)(v))
        except InvalidIdentifier as exc:
            raise _Bad(exc.reason) from None
    return parse


# --- the kinds --------------------------------------------------------------------------------------

Spec = dict[str, Callable[[Any], Any]]

_COMMON: Spec = {"national_reference": _text(64, required=True), "case_reference": _text(64)}
_EVENT: Spec = {"event_date": _past_date, "event_place": _text(200)}

SPECS: dict[str, Spec] = {
    "person": {
        "sex": lambda v: _choice(Sex)(v or Sex.UNKNOWN),
        "birth_place": _text(200), "birth_country": _country, "nationalities": _countries,
        "height_cm": _int(30, 260), "weight_kg": _int(1, 400),
        "eye_colour": _text(30), "hair_colour": _text(30), "distinguishing_marks": _text(4000),
        "languages": lambda v: [_text(40, required=True)(x) for x in _list(v)],
        "role": _choice(PersonRole), "circumstances": _text(8000),
    },
    "travel_document": {
        "document_type": _choice(DocumentType), "document_status": _choice(DocumentStatus),
        "issue_date": parse_date, "expiry_date": parse_date, **_EVENT,
    },
    "vehicle": {
        "make": _text(60), "model": _text(60), "colour": _text(30), "year": _int(1885, date.today().year + 1),
        **_EVENT,
    },
    "work_of_art": {
        "title": _text(300, required=True), "artist": _text(200),
        "category": _choice(ArtCategory),
        "period": _text(100), "materials": _text(200), "dimensions": _text(100), "description": _text(8000),
        **_EVENT,
    },
    "firearm": {
        "make": _text(60, required=True), "model": _text(60), "calibre": _text(30),
        "firearm_type": _choice(FirearmType), "serial_number": _text(30, required=True),
    },
}

# Fields each kind accepts beyond its spec (handled by its own step below).
_EXTRA: dict[str, tuple[str, ...]] = {
    "person": ("names", "birth_date", "identity_documents", "national_ids"),
    "travel_document": ("number", "issuing_country"),
    "vehicle": ("vin", "plate", "plate_country"),
    "work_of_art": (),
    "firearm": (),
}
RESTRICTION_FIELDS = ("restriction_mode", "restricted_countries", "agencies_may_view", "classification")


def accepted_fields(kind: str) -> tuple[str, ...]:
    return (*_COMMON, *SPECS[kind], *_EXTRA[kind], *RESTRICTION_FIELDS)


HALF_CHARACTER = "contains half of a character (a lone surrogate such as \\ud800, which no database can store)"


def lone_surrogate(text: str) -> str | None:
    """The first lone surrogate in ``text``, or None: a JSON escape such as "\\ud800" without its partner decodes to
    half of a character, which no database can encode (the write failed with a 500). Also the API parser's check."""
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return text[exc.start]
    return None


def _half_character(value: Any) -> bool:
    """Whether text anywhere in ``value`` (a field's value, a list of names, a name's parts) holds a lone surrogate."""
    if isinstance(value, str):
        return lone_surrogate(value) is not None
    if isinstance(value, dict):
        return any(_half_character(k) or _half_character(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_half_character(v) for v in value)
    return False


def clean(kind: str, raw: dict[str, Any], *, clearance: int = Classification.CONFIDENTIAL, partial: bool = False) -> Cleaned:
    """Check one record of ``kind``. With ``partial`` (a change), only the fields present are checked."""
    broken = {str(name).encode("utf-8", "replace").decode(): HALF_CHARACTER
              for name, value in raw.items() if _half_character(name) or _half_character(value)}
    if broken:  # before any parser meets it (a name's transliteration, the database)
        raise InvalidRecord(broken)
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    unknown = sorted(set(raw) - set(accepted_fields(kind)))
    for name in unknown:
        errors[name] = "not a field of this record"
    for name, parse in {**_COMMON, **SPECS[kind]}.items():
        if partial and name not in raw:
            continue
        try:
            out[name] = parse(raw.get(name))
        except _Bad as exc:
            errors[name] = str(exc)
    cleaned = Cleaned(out, Restrictions())
    _STEPS[kind](raw, cleaned, errors, partial)
    try:
        cleaned.restrictions = parse_restrictions(raw, clearance)
    except InvalidRecord as exc:
        errors.update(exc.errors)
    if errors:
        raise InvalidRecord(errors)
    return cleaned


_MODES = frozenset(RestrictionMode.values)
UNRESTRICTED = Restrictions()


def parse_restrictions(raw: dict[str, Any], clearance: int) -> Restrictions:
    if not any(f in raw for f in RESTRICTION_FIELDS):
        return UNRESTRICTED  # the common case: no restriction given
    errors = {}
    mode = raw.get("restriction_mode") or RestrictionMode.NONE
    if mode not in _MODES:
        errors["restriction_mode"] = "none, allow or deny"
    codes: list[str] = []
    try:
        codes = sorted({_country(c) for c in _list(raw.get("restricted_countries"))})
    except _Bad as exc:
        errors["restricted_countries"] = str(exc)
    if mode == RestrictionMode.ALLOW and not codes and "restricted_countries" not in errors:
        errors["restricted_countries"] = "an allow-list needs at least one country"
    try:
        agencies = _bool(raw.get("agencies_may_view"), True)
    except _Bad as exc:
        errors["agencies_may_view"], agencies = str(exc), True
    level: int = Classification.OFFICIAL_USE
    try:
        level = _int(1, 3)(raw.get("classification")) or Classification.OFFICIAL_USE
        if level > clearance:
            errors["classification"] = "above your own clearance"
    except _Bad:
        errors["classification"] = "1 (official use only), 2 (restricted) or 3 (confidential)"
    if errors:
        raise InvalidRecord(errors)
    return Restrictions(mode, tuple(codes), agencies, level)


def _person(raw: dict[str, Any], c: Cleaned, errors: dict[str, str], partial: bool) -> None:
    if not partial or "names" in raw:
        _names(raw.get("names"), c, errors)
    if not partial or "birth_date" in raw:
        text = raw.get("birth_date") or ""
        if not isinstance(text, str):
            errors["birth_date"] = "must be text such as 1980-05-17, 1980-05, 1980 or 1975..1980"
        elif text.strip():
            try:
                spec = parse_date_spec(text.strip())
                c.fields["birth_date"] = text.strip()
                c.fields["birth_earliest"] = spec.earliest.earliest()
                c.fields["birth_latest"] = (spec.latest or spec.earliest).latest()
            except InvalidDate as exc:
                errors["birth_date"] = str(exc)
        else:
            c.fields.update(birth_date="", birth_earliest=None, birth_latest=None)
    for name in ("identity_documents", "national_ids"):
        if partial and name not in raw:
            continue
        try:
            items = _list(raw.get(name))
            c.fields[name] = [_identity(x, name) for x in items]
        except _Bad as exc:
            errors[name] = str(exc)


def _identity(x: Any, name: str) -> dict[str, str]:
    if not isinstance(x, dict):
        raise _Bad("each item is an object with country and number")
    unknown = set(x) - {"type", "number", "country"}
    if unknown:
        raise _Bad(f"unknown keys {', '.join(sorted(unknown))}")
    return {"type": _text(30)(x.get("type")), "number": _text(40, required=True)(x.get("number")),
            "country": _country(x.get("country"))}


def _names(value: Any, c: Cleaned, errors: dict[str, str]) -> None:
    try:
        items = _list(value)
    except _Bad as exc:
        errors["names"] = str(exc)
        return
    if not items:
        errors["names"] = "a person needs at least one name"
        return
    if len(items) > MAX_NAMES:
        errors["names"] = f"at most {MAX_NAMES} names"
        return
    for i, item in enumerate(items):
        full, kind = (item, NameKind.PRIMARY if i == 0 else NameKind.ALIAS) if isinstance(item, str) else (
            item.get("full") if isinstance(item, dict) else None, item.get("kind", NameKind.PRIMARY) if isinstance(item, dict) else "")
        if not isinstance(full, str) or kind not in NameKind.values:
            errors[f"names[{i}]"] = f"a name is text, or an object with full and kind ({', '.join(NameKind.values)})"
            continue
        try:
            analysed = analyse_name(full.strip())
        except InvalidName as exc:
            errors[f"names[{i}]"] = str(exc)
            continue
        c.names.append(CleanName(full.strip(), analysed.script, kind, " ".join(analysed.tokens),
                                 " ".join(sorted(index_keys(analysed)))))


def _document(raw: dict[str, Any], c: Cleaned, errors: dict[str, str], partial: bool) -> None:
    if not partial or "number" in raw:
        try:
            number = document_key(_text(20, required=True)(raw.get("number")))
            c.fields["number"], c.fields["number_key"] = number, fold_scanned(number)
        except _Bad as exc:
            errors["number"] = str(exc)
        except InvalidIdentifier as exc:
            errors["number"] = exc.reason
    if not partial or "issuing_country" in raw:
        try:
            iso2 = country_iso2(str(raw.get("issuing_country") or ""))
            c.fields["issuing_country"] = iso2_to_icao(iso2)
        except InvalidIdentifier as exc:
            errors["issuing_country"] = exc.reason
    issued, expires = c.fields.get("issue_date"), c.fields.get("expiry_date")
    if issued and expires and expires < issued:
        errors["expiry_date"] = "before the issue date"


def _vehicle(raw: dict[str, Any], c: Cleaned, errors: dict[str, str], partial: bool) -> None:
    if not partial or "vin" in raw:
        vin = raw.get("vin")
        if vin not in (None, ""):
            try:
                r = parse_vin(str(vin))
                c.fields["vin"], c.fields["vin_key"] = r.vin, r.key
                c.warnings.extend(r.warnings)
            except InvalidIdentifier as exc:
                errors["vin"] = exc.reason
        else:
            c.fields["vin"] = c.fields["vin_key"] = ""
    if not partial or "plate" in raw or "plate_country" in raw:
        plate, country = raw.get("plate"), raw.get("plate_country")
        if plate in (None, ""):
            c.fields["plate"] = c.fields["plate_key"] = c.fields["plate_country"] = ""
        else:
            try:
                c.fields["plate"] = _text(20, required=True)(plate)
                c.fields["plate_key"] = plate_key(c.fields["plate"])
            except _Bad as exc:
                errors["plate"] = str(exc)
            except InvalidIdentifier as exc:
                errors["plate"] = exc.reason
            try:
                c.fields["plate_country"] = _country(country)
                if not c.fields["plate_country"]:
                    errors["plate_country"] = "a plate needs the country that issued it"
            except _Bad as exc:
                errors["plate_country"] = str(exc)
    if not partial and not c.fields.get("vin") and not c.fields.get("plate") and "vin" not in errors:
        errors["vin"] = "a vehicle needs a VIN or a registration plate"


def _firearm(raw: dict[str, Any], c: Cleaned, errors: dict[str, str], partial: bool) -> None:
    if "serial_number" in c.fields:
        try:
            c.fields["serial_key"] = serial_key(c.fields["serial_number"])
        except InvalidIdentifier as exc:
            errors["serial_number"] = exc.reason


def _nothing(raw: dict[str, Any], c: Cleaned, errors: dict[str, str], partial: bool) -> None:
    return None


_STEPS = {"person": _person, "travel_document": _document, "vehicle": _vehicle, "work_of_art": _nothing,
          "firearm": _firearm}


# --- bulk files of travel documents: the common line, decoded and checked in one pass ------------------


class _DocumentLine(msgspec.Struct, forbid_unknown_fields=True):
    """A line of a travel-document file as the generic path would accept it without a second look: every field a
    string (or an absent or null date), no restriction fields. Anything else is left to ``clean``."""

    national_reference: str
    number: str
    issuing_country: str
    document_type: str
    document_status: str
    case_reference: str = ""
    issue_date: str | None = None
    expiry_date: str | None = None
    event_date: str | None = None
    event_place: str = ""


_DOCUMENT_LINE = msgspec.json.Decoder(_DocumentLine)
_DOCUMENT_TYPES = frozenset(DocumentType.values)
_DOCUMENT_STATUSES = frozenset(DocumentStatus.values)
_REFERENCE, _PLACE, _NUMBER = _text(64, required=True), _text(200), _text(20, required=True)
_OPTIONAL_REFERENCE = _text(64)


def fast_document(line: bytes) -> Cleaned | None:
    """``clean("travel_document", json.loads(line))`` for the usual line of a bulk file, at a fraction of the cost
    (the JSON is decoded into typed fields in C): the same fields, or None whenever the line is anything but
    plainly good (malformed, unknown or restricted fields, a bad value), so that ``clean`` says what is wrong."""
    try:
        d = _DOCUMENT_LINE.decode(line)
        if d.document_type not in _DOCUMENT_TYPES or d.document_status not in _DOCUMENT_STATUSES:
            return None
        issued, expires = parse_date(d.issue_date), parse_date(d.expiry_date)
        if issued and expires and expires < issued:
            return None
        number = document_key(_NUMBER(d.number))
        fields = {
            "national_reference": _REFERENCE(d.national_reference), "case_reference": _OPTIONAL_REFERENCE(d.case_reference),
            "document_type": d.document_type, "document_status": d.document_status, "issue_date": issued,
            "expiry_date": expires, "event_date": _past_date(d.event_date), "event_place": _PLACE(d.event_place),
            "number": number, "number_key": fold_scanned(number),
            "issuing_country": iso2_to_icao(country_iso2(d.issuing_country)),
        }
    except (msgspec.MsgspecError, _Bad, InvalidIdentifier):
        return None
    return Cleaned(fields, UNRESTRICTED)
