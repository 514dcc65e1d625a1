"""Search by identifier: travel-document numbers (typed or read from an MRZ), VINs, plates, firearm serials.

One call answers up to ``SEARCH_BATCH_MAX`` items (a flight's passenger list), each on its own: an item that
cannot be searched gets its own error and the others are still answered. Candidates come from the indexed
search keys computed at write time, already narrowed by the access policy inside the query; a result on
another country's record at or above the hit threshold raises a hit in the same transaction as the audit
entry of the search.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection

from ncbnet.access.policy import Actor, require_database
from ncbnet.audit.services import StatementAppend, postgres_append
from ncbnet.hits.models import Hit
from ncbnet.hits.services import Found, record_search
from ncbnet.hits.texts import record_summary
from ncbnet.matching.identifiers import (
    InvalidIdentifier,
    country_iso2,
    document_key,
    fold_scanned,
    iso2_to_icao,
    parse_vin,
    plate_key,
    serial_text,
)
from ncbnet.matching.mrz import InvalidMrz, parse_mrz
from ncbnet.records.kinds import kind
from ncbnet.records.models import PoliceRecord
from ncbnet.records.services import FOUND_NOTHING, BatchTooLarge, searchable_by_keys, searchable_or_audited

FOLDED_SCORE = 0.9  # the same number once O/0, I/1 and the like are folded: probably, not surely, the same


@dataclass(frozen=True)
class IdentifierQuery:
    """One thing to look up. ``field``: number, mrz, vin, plate or serial_number."""

    field: str
    value: str
    country: str | None = None  # issuing country of a document, or the plate's country
    document_type: str | None = None


@dataclass
class Match:
    kind: str
    record: PoliceRecord
    score: float
    explanation: list[str]
    summary: str  # one line naming the record, in English (``hits.texts.record_summary``): the hit notice and
    # the answer both show it
    hit: Hit | None = None


@dataclass
class ItemAnswer:
    index: int
    query: IdentifierQuery
    kind: str = ""
    key: str = ""
    matches: list[Match] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # e.g. an MRZ check digit that failed; the item was searched
    error: str | None = None  # the item could not be searched at all
    parsed: dict | None = None  # what was read from an MRZ

    @property
    def hit(self) -> bool:
        return any(m.hit is not None for m in self.matches)


_KIND_OF_FIELD = {"number": "travel_document", "mrz": "travel_document", "vin": "vehicle", "plate": "vehicle",
                  "serial_number": "firearm"}


@dataclass
class _Prepared:
    answer: ItemAnswer
    exact: str = ""  # normalised, unfolded, to tell an exact match from a folded one
    country: str = ""  # ICAO code for documents, ISO2 for plates
    document_type: str = ""


def _prepare(i: int, q: IdentifierQuery) -> _Prepared:
    a = ItemAnswer(i, q, kind=_KIND_OF_FIELD.get(q.field, ""))
    p = _Prepared(a)
    try:
        if q.field == "mrz":
            m = parse_mrz(q.value)
            p.exact, p.document_type = m.document_number, m.document_type
            p.country = m.issuing_state if m.issuing_country else ""
            a.problems.extend(m.problems)
            a.parsed = {"format": m.format, "document_number": m.document_number, "issuing_state": m.issuing_state,
                        "document_type": m.document_type, "surname": m.surname, "given_names": list(m.given_names),
                        "nationality": m.nationality, "birth_date": m.birth_date, "sex": m.sex,
                        "expiry_date": m.expiry_date, "valid": m.valid}
            if not p.exact:
                raise InvalidIdentifier("the MRZ holds no document number")
            p.exact = document_key(p.exact)
        elif q.field == "number":
            p.exact = document_key(q.value)
            if q.country:
                p.country = iso2_to_icao(country_iso2(q.country))
            p.document_type = q.document_type or ""
        elif q.field == "vin":
            v = parse_vin(q.value)
            p.exact, a.key = v.vin, v.key
            a.problems.extend(v.warnings or (("the VIN's check digit does not match",) if v.check_digit == "invalid" else ()))
        elif q.field == "plate":
            p.exact = plate_key(q.value)
            if not q.country:
                raise InvalidIdentifier("a plate is searched with the country that issued it", "country")
            p.country = country_iso2(q.country)
        elif q.field == "serial_number":
            p.exact = serial_text(q.value)  # its key is folded below: serials are read off worn metal
        else:
            raise InvalidIdentifier(f"cannot search by {q.field!r}; one of {', '.join(_KIND_OF_FIELD)}")
    except InvalidMrz as exc:
        a.error = f"MRZ: {exc.reason}"
    except InvalidIdentifier as exc:
        a.error = exc.reason
    if a.error is None and not a.key:
        a.key = fold_scanned(p.exact) if q.field != "plate" else p.exact
    return p


def _candidates(actor: Actor, kind_name: str, items: list[_Prepared],
                entry: StatementAppend | None = None) -> tuple[dict[str, list[PoliceRecord]], bool]:
    """The records each item's key finds, and whether ``entry`` (given only when the items take one look-up) was
    appended with it, which it is when nothing was found (``searchable_or_audited``)."""
    column = {"travel_document": "number_key", "vehicle": "vin_key", "firearm": "serial_key"}[kind_name]
    by_key: dict[str, list[PoliceRecord]] = defaultdict(list)
    appended = False
    plates = [p for p in items if p.answer.query.field == "plate"]
    others = [p for p in items if p.answer.query.field != "plate"]
    for col, group, prefix in ((column, others, ""), ("plate_key", plates, "plate:")):
        keys = sorted({p.answer.key for p in group})
        if entry is not None and keys:
            records, appended = searchable_or_audited(actor, kind_name, col, keys, entry)
        else:
            records = searchable_by_keys(actor, kind_name, col, keys)
        for rec in records:
            by_key[prefix + getattr(rec, col)].append(rec)
    return by_key, appended


def _score(p: _Prepared, rec: PoliceRecord) -> Match | None:
    a, q = p.answer, p.answer.query
    why: list[str] = []
    if a.kind == "travel_document":
        if p.country and rec.issuing_country != p.country:  # type: ignore[attr-defined]
            return None
        if p.document_type and rec.document_type != p.document_type:  # type: ignore[attr-defined]
            return None
        exact = rec.number == p.exact  # type: ignore[attr-defined]
        why.append("document number matches exactly" if exact else
                   f"document number {rec.number} matches once scanned-text confusions are folded")  # type: ignore[attr-defined]
        if p.country:
            why.append("issuing country matches")
        if p.document_type:
            why.append("document type matches")
    elif q.field == "plate":
        if rec.plate_country != p.country:  # type: ignore[attr-defined]
            return None
        exact = True
        why.append("plate and its country match")
    elif a.kind == "vehicle":
        exact = rec.vin == p.exact  # type: ignore[attr-defined]
        why.append("VIN matches exactly" if exact else f"VIN {rec.vin} matches once confusions are folded")  # type: ignore[attr-defined]
    else:
        exact = serial_text(rec.serial_number) == p.exact  # type: ignore[attr-defined]
        why.append("serial number matches exactly" if exact else
                   f"serial number {rec.serial_number} matches once confusions are folded")  # type: ignore[attr-defined]
    return Match(a.kind, rec, 1.0 if exact else FOLDED_SCORE, why, record_summary(a.kind, rec))


def check_identifiers(
    actor: Actor, queries: list[IdentifierQuery], *, location: str = "", purpose: str = "", urgent: bool = False,
    action: str = "search.identifiers",
) -> list[ItemAnswer]:
    if len(queries) > settings.SEARCH_BATCH_MAX:
        raise BatchTooLarge(f"a batch holds at most {settings.SEARCH_BATCH_MAX} items; this one has {len(queries)}")
    prepared = [_prepare(i, q) for i, q in enumerate(queries)]
    groups: dict[str, list[_Prepared]] = defaultdict(list)
    for p in prepared:
        if p.answer.error is None:
            groups[p.answer.kind].append(p)
    for kind_name in groups:
        require_database(actor, kind(kind_name).database)  # before anything is read
    searched = [f"{p.answer.query.field}:{p.country}:{p.exact}" for p in prepared if p.answer.error is None]
    query = {"items": searched, "refused_items": sum(p.answer.error is not None for p in prepared), "location": location}
    # PostgreSQL, items that take one look-up (one kind; plates or not): the look-up and, if it finds nothing, the
    # search's audit entry are one statement (``searchable_or_audited``), the entry record_search would write.
    entry = None
    if connection.vendor == "postgresql" and len(groups) == 1:
        items = next(iter(groups.values()))
        if len({p.answer.query.field == "plate" for p in items}) == 1:
            entry = postgres_append(actor, action, only_if=FOUND_NOTHING, object_type="search", purpose=purpose,
                                    query=query, result_ids=[])
    audited = False
    found: list[Found] = []
    for kind_name, items in groups.items():
        by_key, audited = _candidates(actor, kind_name, items, entry)
        for p in items:
            candidates = by_key.get(("plate:" if p.answer.query.field == "plate" else "") + p.answer.key)
            if not candidates:  # nearly every item of a passenger list
                continue
            matches = p.answer.matches
            matches.extend(m for m in (_score(p, rec) for rec in candidates) if m is not None)
            matches.sort(key=lambda m: (-m.score, m.record.pk))
            asked = {"field": p.answer.query.field, "value": p.exact, "country": p.country}
            found.extend(Found(m.kind, m.record, m.score, m.summary, asked) for m in matches)
    if audited:  # nothing found: the look-up's statement appended the entry
        return [p.answer for p in prepared]
    hits = record_search(
        actor, found, action=action, purpose=purpose, location=location, urgent=urgent, query=query,
        result_ids=[f"{m.kind}:{m.record.pk}" for p in prepared for m in p.answer.matches])
    by_record = {(h.record_type, h.record_id): h for h in hits}
    for p in prepared:
        for m in p.answer.matches:
            m.hit = by_record.get((m.kind, m.record.pk))
    return [p.answer for p in prepared]
