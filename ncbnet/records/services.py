"""Contribution: the only writers of records. Each takes the actor, checks the policy, writes the record, its
version and its audit entry in one transaction, and returns the model object."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from ncbnet import prepared
from ncbnet.access.policy import Actor, Denied, require_contribution, require_database, restriction_q
from ncbnet.audit.services import StatementAppend
from ncbnet.audit.services import record as audit
from ncbnet.matching.identifiers import icao_to_iso2
from ncbnet.members.models import Organisation, User
from ncbnet.messaging.recipients import bureau_directory
from ncbnet.records.cleaning import RESTRICTION_FIELDS, Cleaned, InvalidRecord, clean
from ncbnet.records.kinds import Kind, kind
from ncbnet.records.models import (
    Person,
    PersonName,
    PoliceRecord,
    RecordStatus,
    RecordVersion,
    SearchIndexChange,
)


class RecordNotFound(LookupError):
    """No such record, or the actor may not see it; the two are not told apart."""


class VersionConflict(ValueError):
    """The record changed since the version the actor read."""


class BatchTooLarge(ValueError):
    """More items in one call than it takes (a batch of searches, of travellers, of records to renew)."""

    def __init__(self, message: str, field: str = "items") -> None:
        super().__init__(message)
        self.field = field


class RecordDeleted(ValueError):
    """The record was deleted: nothing about it may change any more (its state, not the request, is the reason)."""


@dataclass(frozen=True)
class WriteResult:
    record: PoliceRecord
    warnings: tuple[str, ...] = ()


def review_due(k: Kind, today: date | None = None) -> date:
    today = today or timezone.now().date()
    try:
        return today.replace(year=today.year + k.review_years)
    except ValueError:  # 29 February
        return today.replace(year=today.year + k.review_years, day=28)


def visible_records(actor: Actor, kind_name: str) -> QuerySet:
    """Every record of this kind the actor may see, whatever its status: the policy's filter inside the query."""
    k = kind(kind_name)
    require_database(actor, k.database)
    return k.model._default_manager.filter(restriction_q(actor))


def searchable_records(actor: Actor, kind_name: str, today: date | None = None) -> QuerySet:
    """What search may return: visible, active, and not past its review date."""
    today = today or timezone.now().date()
    return visible_records(actor, kind_name).filter(status=RecordStatus.ACTIVE, review_due__gte=today)


_SENTINEL_DAY = date(1801, 1, 1)
_IN_LIST = 500  # keys per SQLite statement
_compiled: dict[tuple, tuple[str, list, list[int], list[int], list[str]]] = {}


def _shape(actor: Actor) -> tuple:
    """Everything restriction_q reads of an actor: actors of one shape get the same SQL."""
    return (actor.organisation_id is None, actor.role, actor.is_general_secretariat, actor.is_agency, actor.country,
            actor.clearance)


def _compile(actor: Actor, k: Kind, column: str, n: int, as_array: bool) -> tuple:
    """The ORM's SQL for ``searchable_records(...).filter(<column>__in=<n keys>)``, with where each key and the day go
    among its parameters; ``as_array``: the one key's ``IN (%s)`` made ``= ANY(%s)``, to take a list."""
    sentinels = [f"\x01key{i}\x01" for i in range(n)]
    qs = searchable_records(actor, k.name, today=_SENTINEL_DAY).filter(**{f"{column}__in": sentinels})
    sql, compiled_params = qs.query.sql_with_params()
    if as_array:
        qn = connection.ops.quote_name
        fragment = f"{qn(k.model._meta.db_table)}.{qn(column)} IN (%s)"  # the key fields are named as their columns
        if sql.count(fragment) != 1:
            raise AssertionError(f"cannot find {fragment} in {sql}")
        sql = sql.replace(fragment, fragment.replace(" IN (%s)", " = ANY(%s)"))
    template = list(compiled_params)
    key_at = [template.index(s) for s in sentinels]
    day_at = [i for i, p in enumerate(template) if p in (_SENTINEL_DAY, _SENTINEL_DAY.isoformat())]
    return sql, template, key_at, day_at, [f.attname for f in k.model._meta.concrete_fields]


def searchable_by_keys(actor: Actor, kind_name: str, column: str, keys: list[str]) -> list[PoliceRecord]:
    """``searchable_records(actor, kind).filter(<column>__in=keys)``, with the SQL compiled once per actor shape,
    kind, column and number of keys (compiling the policy's query cost more than running it: about 1 ms of a
    1.7 ms passport check). The SQL is the ORM's own, so the policy inside it is exactly restriction_q's. Any
    number of keys: SQLite is asked in lists of ``_IN_LIST`` placeholders."""
    k = kind(kind_name)
    require_database(actor, k.database)
    if not keys:
        return []
    # PostgreSQL takes the keys as one array parameter (= ANY(%s)): one statement for any number of keys, and no
    # 500-placeholder text to build and parse on every batch (half of a 1,000-document check).
    as_array = connection.vendor == "postgresql"
    if not as_array and len(keys) > _IN_LIST:
        return [rec for start in range(0, len(keys), _IN_LIST)
                for rec in searchable_by_keys(actor, kind_name, column, keys[start:start + _IN_LIST])]
    sql, params, names = _look_up(actor, k, column, keys, as_array)
    with connection.cursor() as cur:
        # Prepared (PostgreSQL): planning the policy's conditions cost as much as the look-up, and the plan (the
        # key's index) is the same for any actor and any keys.
        prepared.execute(cur, sql, params)
        return [k.model.from_db(connection.alias, names, row) for row in cur.fetchall()]


FOUND_NOTHING = "NOT EXISTS (SELECT 1 FROM found)"  # the condition of an entry that searchable_or_audited appends


def searchable_or_audited(actor: Actor, kind_name: str, column: str, keys: list[str],
                          entry: StatementAppend) -> tuple[list[PoliceRecord], bool]:
    """PostgreSQL: ``searchable_by_keys`` and, in the same statement, ``entry`` (``audit.postgres_append(...,
    only_if=FOUND_NOTHING)``) appended if nothing was found: a check that finds nothing (nearly every one of a
    passenger list) is looked up and audited in one round trip, durable when the database answers. Returns the
    records and whether the entry was appended (exactly when there are none)."""
    k = kind(kind_name)
    require_database(actor, k.database)
    sql, params, names = _look_up(actor, k, column, keys, as_array=True)
    with connection.cursor() as cur:
        prepared.execute(cur, f"WITH found AS ({sql}), {entry.ctes} SELECT * FROM found", [*params, *entry.params])
        records = [k.model.from_db(connection.alias, names, row) for row in cur.fetchall()]
    if not records:
        entry.appended()
    return records, not records


def _look_up(actor: Actor, k: Kind, column: str, keys: list[str], as_array: bool) -> tuple[str, list, list[str]]:
    """The look-up's SQL (compiled once per actor shape), its parameters for ``keys`` and today, and its columns."""
    cache_key = (k.name, column, -1 if as_array else len(keys), _shape(actor))
    compiled = _compiled.get(cache_key)
    if compiled is None:
        compiled = _compile(actor, k, column, 1 if as_array else len(keys), as_array)
        if len(_compiled) > 10_000:
            _compiled.clear()
        _compiled[cache_key] = compiled
    sql, template, key_at, day_at, names = compiled
    params: list = list(template)
    if as_array:
        params[key_at[0]] = list(keys)
    else:
        for i, key in zip(key_at, keys, strict=True):
            params[i] = key
    today = timezone.now().date()
    for i in day_at:
        params[i] = today if isinstance(template[i], date) else today.isoformat()
    return sql, params, names


def owned_records(actor: Actor, k: Kind, record_ids: list[int], *, lock: bool = True) -> Iterator[PoliceRecord]:
    """The records the actor may change, in the order given: each visible to it and owned by its country, read (and
    locked) in one query when the first is asked for; one that is not refuses the call when its turn comes, so a
    caller checking more of each record refuses in the order of the ids."""
    require_contribution(actor, k.database)
    qs = k.model._default_manager.filter(restriction_q(actor))
    if lock:
        qs = qs.select_for_update()
    found = qs.in_bulk(record_ids)
    for record_id in record_ids:
        rec = found.get(record_id)
        if rec is None:
            raise RecordNotFound(f"no {k.label} {record_id}")
        if rec.owner_country_id != actor.country:
            raise Denied(f"only the owner country ({rec.owner_country_id}) may change "
                         + (f"this {k.label}" if len(record_ids) == 1 else f"{k.label} {record_id}"))
        yield rec


def owned_record(actor: Actor, k: Kind, record_id: int, *, lock: bool = True) -> PoliceRecord:
    """A record the actor may change: visible to it, and owned by its country."""
    return next(owned_records(actor, k, [record_id], lock=lock))


def snapshot(rec: PoliceRecord, names: list[PersonName] | None = None) -> dict[str, Any]:
    """The whole record as plain JSON values, kept in every version."""
    data: dict[str, Any] = {}
    for f in rec._meta.concrete_fields:
        value = getattr(rec, f.attname)
        data[f.attname] = value.isoformat() if isinstance(value, date | datetime) else value
    if names is not None:
        data["names"] = [{"full": n.full, "kind": n.kind, "script": n.script} for n in names]
    return data


def _version(actor: Actor, k: Kind, rec: PoliceRecord, action: str, data: dict, changes: dict, now) -> None:
    RecordVersion.objects.create(
        record_type=k.name, record_id=rec.pk, version=rec.version, action=action, at=now,
        username=actor.username, organisation=actor.organisation_code, changes=changes, data=data,
    )


def _current_names(k: Kind, rec: PoliceRecord) -> list[PersonName] | None:
    return list(PersonName.objects.filter(person_id=rec.pk).order_by("id")) if k.model is Person else None


def owner_ncb_code(rec: PoliceRecord) -> str:
    """The code of the NCB that owns the record (its own row, not a code made up from its country)."""
    ncb = bureau_directory()[0].get(rec.owner_country_id or "")
    if ncb is not None and ncb.pk == rec.owner_ncb_id:
        return ncb.code
    return Organisation.objects.filter(pk=rec.owner_ncb_id).values_list("code", flat=True).first() or ""


def _bulk_version(k: Kind, rec: PoliceRecord, names: list[PersonName] | None) -> RecordVersion:
    """Version 1 of a record loaded in bulk (which writes no version rows): the record as it stands, unsaved. Its
    organisation is the loader's (an agency the NCB authorised to contribute, or the NCB)."""
    loader = (User.objects.select_related("organisation").filter(pk=rec.created_by_id).first()
              if rec.created_by_id is not None else None)
    return RecordVersion(
        record_type=k.name, record_id=rec.pk, version=1, action="create", at=rec.created_at,
        username=loader.username if loader else "",
        organisation=loader.organisation.code if loader and loader.organisation else owner_ncb_code(rec),
        changes={}, data=snapshot(rec, names),
    )


def _keep_first_version(k: Kind, rec: PoliceRecord, names: list[PersonName] | None) -> None:
    """A bulk-loaded record has no version row yet: save it as version 1 before its first change."""
    if rec.version == 1 and not RecordVersion.objects.filter(record_type=k.name, record_id=rec.pk).exists():
        _bulk_version(k, rec, names).save()


def _record_change(actor: Actor, k: Kind, rec: PoliceRecord, action: str, changes: dict, now,
                   names: list[PersonName] | None, update_fields: list[str] | None = None) -> None:
    """The record moves to its next version; the version row holds it whole, with what changed."""
    rec.version += 1
    rec.updated_at, rec.updated_by_id = now, actor.user_id
    rec.save(update_fields=update_fields)
    _version(actor, k, rec, action, snapshot(rec, names), changes, now)


def _names(rec: PoliceRecord, c: Cleaned) -> list[PersonName]:
    return PersonName.objects.bulk_create(
        [PersonName(person_id=rec.pk, full=n.full, script=n.script, kind=n.kind, tokens=n.tokens, keys=n.keys)
         for n in c.names]
    )


def _index_changed(k: Kind, record_id: int, now) -> None:
    if k.model is Person:  # the in-memory person index reads this log (records.person_index)
        SearchIndexChange.objects.create(record_id=record_id, at=now)


def create_record(actor: Actor, kind_name: str, raw: dict[str, Any], *, purpose: str = "") -> WriteResult:
    k = kind(kind_name)
    require_contribution(actor, k.database)
    c = clean(k.name, raw, clearance=actor.clearance)
    if actor.ncb_id is None or actor.country is None:  # require_contribution refuses such actors already
        raise Denied("only a member country contributes records")
    if k.name == "travel_document" and icao_to_iso2(c.fields["issuing_country"]) != actor.country:
        # Only the issuing country knows which of its documents are stolen, lost or revoked.
        raise Denied(f"only the issuing country's NCB may add a travel document issued by "
                     f"{c.fields['issuing_country']}; you act for {actor.country}")
    return WriteResult(_insert(actor, k, c, actor.country, actor.ncb_id, purpose), tuple(c.warnings))


def register_notice_subject(actor: Actor, raw: dict[str, Any], *, purpose: str = "") -> Person:
    """The person record of a notice's subject named by an authorised international body (which keeps no
    databases): held by the General Secretariat (no owner country), written when the notice is published, so that
    person search finds the subject. Called by the notice services inside their transaction, for a request the
    General Secretariat's review approved."""
    if not actor.is_general_secretariat or actor.organisation_id is None:
        raise Denied("only the General Secretariat holds the records of international bodies' notice subjects")
    c = clean("person", raw, clearance=actor.clearance)
    rec = _insert(actor, kind("person"), c, None, actor.organisation_id, purpose)
    assert isinstance(rec, Person)
    return rec


def _insert(actor: Actor, k: Kind, c: Cleaned, owner_country: str | None, owner_ncb_id: int, purpose: str) -> PoliceRecord:
    now = timezone.now()
    rec = k.model(**c.fields, owner_country_id=owner_country, owner_ncb_id=owner_ncb_id, review_due=review_due(k),
                  created_at=now, updated_at=now, created_by_id=actor.user_id, updated_by_id=actor.user_id)
    rec.set_restrictions(c.restrictions)
    try:
        with transaction.atomic():
            rec.save(force_insert=True)
            names = _names(rec, c) if k.model is Person else None
            _version(actor, k, rec, "create", snapshot(rec, names), {}, now)
            _index_changed(k, rec.pk, now)
            audit(actor, f"{k.name}.create", object_type=k.name, object_ids=[rec.pk], purpose=purpose)
    except IntegrityError as exc:
        if "reference" in str(exc).lower() or "unique" in str(exc).lower():
            raise InvalidRecord({"national_reference": "your NCB already has a record with this reference"}) from exc
        raise
    return rec


def update_record(
    actor: Actor, kind_name: str, record_id: int, raw: dict[str, Any], *, expected_version: int | None = None,
    purpose: str = "",
) -> WriteResult:
    """Change some fields; the previous version stays in the history. Names, when given, replace the old list."""
    k = kind(kind_name)
    c = clean(k.name, raw, clearance=actor.clearance, partial=True)
    if "issuing_country" in c.fields and icao_to_iso2(c.fields["issuing_country"]) != actor.country:
        raise Denied("a travel document's issuing country can only be the owner's own")
    now = timezone.now()
    with transaction.atomic():
        rec = owned_record(actor, k, record_id)
        if rec.status != RecordStatus.ACTIVE:
            raise RecordDeleted(f"this {k.label} was deleted; it can no longer change")
        if expected_version is not None and expected_version != rec.version:
            raise VersionConflict(f"the {k.label} is at version {rec.version}, not {expected_version}: read it again")
        before = snapshot(rec)
        old_names = _current_names(k, rec)
        _keep_first_version(k, rec, old_names)
        for name, value in c.fields.items():
            setattr(rec, name, value)
        if any(f in raw for f in RESTRICTION_FIELDS):
            rec.set_restrictions(c.restrictions)
        after = snapshot(rec)
        changes = {f: [before[f], after[f]] for f in after if before[f] != after[f] and f not in ("updated_at",)}
        names = None
        if k.model is Person:
            if "names" in raw:
                PersonName.objects.filter(person_id=rec.pk).delete()
                names = _names(rec, c)
                changes["names"] = [None, [n.full for n in names]]
            else:
                names = old_names
        if not changes:
            return WriteResult(rec, tuple(c.warnings))
        _record_change(actor, k, rec, "update", changes, now, names)
        _index_changed(k, rec.pk, now)
        audit(actor, f"{k.name}.update", object_type=k.name, object_ids=[rec.pk], purpose=purpose,
              query={"fields": sorted(changes)})
    return WriteResult(rec, tuple(c.warnings))


def bump_version(actor: Actor, k: Kind, rec: PoliceRecord, action: str, changes: dict, now) -> None:
    """A change beside the record's own fields (a link, a photo): a new version saying what was added."""
    names = _current_names(k, rec)
    _keep_first_version(k, rec, names)
    _record_change(actor, k, rec, action, changes, now, names, update_fields=["version", "updated_at", "updated_by"])


def _lifecycle(actor: Actor, kind_name: str, record_ids: list[int], action: str, apply, purpose: str) -> list[PoliceRecord]:
    """``apply`` to each record, each to its next version, all or none: one record not found, not the actor's
    country's or deleted refuses the whole call. One audit entry names them all."""
    k = kind(kind_name)
    now = timezone.now()
    with transaction.atomic():
        records = []
        for rec in owned_records(actor, k, record_ids):
            if rec.status != RecordStatus.ACTIVE:
                raise RecordDeleted(f"{k.label} {rec.pk} was already deleted" if len(record_ids) > 1
                                    else f"this {k.label} was already deleted")
            before = snapshot(rec)
            names = _current_names(k, rec)
            _keep_first_version(k, rec, names)
            apply(rec, k)
            after = snapshot(rec)
            changes = {f: [before[f], after[f]] for f in ("status", "review_due") if before[f] != after[f]}
            _record_change(actor, k, rec, action, changes, now, names)
            _index_changed(k, rec.pk, now)
            records.append(rec)
        audit(actor, f"{k.name}.{action}", object_type=k.name, object_ids=[r.pk for r in records], purpose=purpose)
    return records


def delete_record(actor: Actor, kind_name: str, record_id: int, *, purpose: str = "") -> PoliceRecord:
    """The record leaves search at once; its versions stay, so the deletion itself is on the record."""
    def apply(rec: PoliceRecord, k: Kind) -> None:
        rec.status = RecordStatus.DELETED
    return _lifecycle(actor, kind_name, [record_id], "delete", apply, purpose)[0]


def _renew(rec: PoliceRecord, k: Kind) -> None:
    rec.review_due = review_due(k)


def renew_record(actor: Actor, kind_name: str, record_id: int, *, purpose: str = "") -> PoliceRecord:
    """The owner confirms the record is still needed: its review date moves on by the kind's period."""
    return _lifecycle(actor, kind_name, [record_id], "renew", _renew, purpose)[0]


RENEW_MAX = 1000  # records renewed in one call
DUE_PAGE_MAX = 200


def renew_records(actor: Actor, kind_name: str, record_ids: list[int], *, purpose: str = "") -> list[PoliceRecord]:
    """Several of the owner's records renewed at once (those due for review), all or none, each to a version of its
    own; in the order given, each named once."""
    ids = list(dict.fromkeys(record_ids))
    if not ids:
        raise InvalidRecord({"ids": "name at least one record to renew"})
    if len(ids) > RENEW_MAX:
        raise BatchTooLarge(f"at most {RENEW_MAX} records are renewed in one call; this one names {len(ids)}", field="ids")
    return _lifecycle(actor, kind_name, ids, "renew", _renew, purpose)


@dataclass(frozen=True)
class DuePage:
    records: list[PoliceRecord]
    next: str | None  # where the next page starts ("<review date>.<id>" of this page's last record), or None


def due_for_review(actor: Actor, kind_name: str, *, before: date, after: str | None = None, limit: int = 50,
                   purpose: str = "") -> DuePage:
    """The actor's country's records of this kind whose review date is on or before ``before``, earliest first;
    those already past it are out of search until renewed. For whoever may contribute them (the NCB, an agency it
    authorised); read in date order from the owner and review date index, audited."""
    k = kind(kind_name)
    require_contribution(actor, k.database)
    if not 1 <= limit <= DUE_PAGE_MAX:
        raise InvalidRecord({"limit": f"from 1 to {DUE_PAGE_MAX}"})
    qs = k.model._default_manager.filter(restriction_q(actor), owner_country_id=actor.country,
                                         status=RecordStatus.ACTIVE, review_due__lte=before)
    if after:
        day, _, last_id = after.partition(".")
        try:
            start, last = date.fromisoformat(day), int(last_id)
        except ValueError:
            raise InvalidRecord({"after": "the next value of the previous page (a review date, a dot, a record id)"}) from None
        # A row comparison, which both databases read as a start in the (owner, review date, id) index; the same
        # written as "after this date, or on it after this id" made PostgreSQL read the whole date again (0.6 s a
        # page at 400,000 records due on one day).
        qs = qs.extra(where=["(review_due, id) > (%s, %s)"], params=[start, last])
    rows = list(qs.order_by("review_due", "pk")[:limit + 1])
    page = rows[:limit]
    audit(actor, f"{k.name}.due_for_review", object_type=k.name, purpose=purpose,
          query={"before": before.isoformat(), "after": after or ""}, result_ids=[r.pk for r in page])
    last_rec = page[-1] if page else None
    return DuePage(page, f"{last_rec.review_due.isoformat()}.{last_rec.pk}" if last_rec and len(rows) > limit else None)


def read_record(actor: Actor, kind_name: str, record_id: int, *, purpose: str = "") -> PoliceRecord:
    """One record, audited. Others see only active records within their review date; the owner sees all."""
    k = kind(kind_name)
    qs = visible_records(actor, k.name).filter(pk=record_id)
    qs = qs.filter(Q(owner_country_id=actor.country) | Q(status=RecordStatus.ACTIVE,
                                                         review_due__gte=timezone.now().date()))
    rec = qs.first()
    if rec is None:
        raise RecordNotFound(f"no {k.label} {record_id}")
    audit(actor, f"{k.name}.read", object_type=k.name, object_ids=[rec.pk], purpose=purpose)
    return rec


def history(actor: Actor, kind_name: str, record_id: int) -> list[RecordVersion]:
    """Every version of a record, for whoever may see the record."""
    k = kind(kind_name)
    rec = visible_records(actor, k.name).filter(pk=record_id).first()
    if rec is None:
        raise RecordNotFound(f"no {k.label} {record_id}")
    versions = list(RecordVersion.objects.filter(record_type=k.name, record_id=rec.pk).order_by("version"))
    if not versions:  # loaded in bulk and never changed: the record as it stands is its first version
        versions = [_bulk_version(k, rec, _current_names(k, rec))]
    audit(actor, f"{k.name}.history", object_type=k.name, object_ids=[rec.pk])
    return versions


__all__ = [
    "BatchTooLarge", "DuePage", "InvalidRecord", "RecordNotFound", "VersionConflict", "WriteResult", "create_record",
    "delete_record", "due_for_review", "history", "read_record", "renew_record", "renew_records", "searchable_records",
    "snapshot", "update_record", "visible_records",
]
