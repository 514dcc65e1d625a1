"""What every change of a notice shares: the subject's facts, the history event, the messages to whom it
concerns, and keeping the public extract in step with the notice's state. Called inside the service's
transaction (``notices.services``, ``notices.review``, ``notices.changes``)."""

from __future__ import annotations

from django.utils import timezone

from ncbnet.access.policy import Actor
from ncbnet.access.restrictions import Restrictions
from ncbnet.members.models import Organisation
from ncbnet.messaging.models import CrimeArea, Message, Priority
from ncbnet.messaging.recipients import bureau_directory
from ncbnet.messaging.services import notify
from ncbnet.notices.content import PUBLIC_TYPES, NoticeType
from ncbnet.notices.extracts import SubjectFacts, extract_fields
from ncbnet.notices.models import Notice, NoticeCounter, NoticeEvent, NoticeState, PublicExtract
from ncbnet.records.cleaning import clean
from ncbnet.records.models import NameKind, Person, PersonName, Photo

_CRIME_AREA = {NoticeType.RED: CrimeArea.FUGITIVES, NoticeType.YELLOW: CrimeArea.MISSING_PERSONS,
               NoticeType.BLACK: CrimeArea.MISSING_PERSONS, NoticeType.UN: CrimeArea.TERRORISM,
               NoticeType.SILVER: CrimeArea.FINANCIAL_CRIME}
LABEL = {NoticeType.RED: "Red Notice", NoticeType.YELLOW: "Yellow Notice", NoticeType.BLUE: "Blue Notice",
         NoticeType.BLACK: "Black Notice", NoticeType.GREEN: "Green Notice", NoticeType.ORANGE: "Orange Notice",
         NoticeType.PURPLE: "Purple Notice", NoticeType.SILVER: "Silver Notice",
         NoticeType.UN: "INTERPOL-United Nations Security Council Special Notice"}


def reference(notice: Notice) -> str:
    """How people name a notice: 'Red Notice 2026/12' once published, 'Red Notice request 57' before."""
    label = LABEL[NoticeType(notice.notice_type)]
    return f"{label} {notice.control_number}" if notice.year else f"{label} request {notice.pk}"


def subject_facts(person: Person | None) -> SubjectFacts | None:
    if person is None:
        return None
    names = list(PersonName.objects.filter(person_id=person.pk).order_by("id"))
    primary = next((n.full for n in names if n.kind == NameKind.PRIMARY), names[0].full if names else "")
    photos = tuple(Photo.objects.filter(record_type="person", record_id=person.pk).order_by("id")
                   .values_list("blob_id", flat=True))
    fields = {f.attname: getattr(person, f.attname) for f in person._meta.concrete_fields}
    return _facts(fields, primary, len(names), photos)


def particulars_facts(particulars: dict | None) -> SubjectFacts | None:
    """The facts of a subject an international body described (checked as a person record at its request)."""
    if not particulars:
        return None
    c = clean("person", particulars)
    primary = next((n.full for n in c.names if n.kind == NameKind.PRIMARY), c.names[0].full if c.names else "")
    return _facts(c.fields, primary, len(c.names), ())


def _facts(f: dict, primary: str, names: int, photos: tuple[str, ...]) -> SubjectFacts:
    family, forenames = split_name(primary) if primary else ("", "")
    return SubjectFacts(
        family_name=family, forenames=forenames, birth_date=f.get("birth_date") or "",
        birth_latest=f.get("birth_latest"), nationalities=tuple(c for c in (f.get("nationalities") or "").split(",") if c),
        sex=f.get("sex") or "", birth_place=f.get("birth_place") or "", birth_country=f.get("birth_country") or "",
        height_cm=f.get("height_cm"), weight_kg=f.get("weight_kg"), eye_colour=f.get("eye_colour") or "",
        hair_colour=f.get("hair_colour") or "", languages=tuple(f.get("languages") or ()),
        distinguishing_marks=f.get("distinguishing_marks") or "", photos=photos,
        id_documents=len(f.get("identity_documents") or ()) + len(f.get("national_ids") or ()), names=names,
    )


def split_name(full: str) -> tuple[str, str]:
    """'DUPONT, Jean Pierre' → ('DUPONT', 'Jean Pierre'); 'Jean Pierre DUPONT' → the same (the family name is the
    part written in capitals, else the last word): the convention of police forms and the public site."""
    if "," in full:
        family, _, given = full.partition(",")
        return family.strip(), given.strip()
    words = full.split()
    upper = [w for w in words if w.isupper() and len(w) > 1]
    if upper and len(upper) < len(words):
        return " ".join(upper), " ".join(w for w in words if w not in upper)
    if len(words) == 1:
        return words[0], ""
    return words[-1], " ".join(words[:-1])


def event(notice: Notice, actor: Actor, action: str, from_state: str, reasons: str = "", *, content: bool = True) -> None:
    NoticeEvent.objects.create(
        notice=notice, action=action, from_state=from_state, to_state=notice.state, at=timezone.now(),
        username=actor.username, organisation=actor.organisation_code, reasons=reasons,
        content=notice.content if content else None,
    )


def tell(actor: Actor, notice: Notice, *, to_owner: bool = False, to_gs: bool = False, to_members: bool = False,
         subject: str, body: str, priority: str = Priority.ROUTINE) -> Message | None:
    """A message about the notice to whom it concerns, within the owner's restrictions (a member the owner
    excluded is never told of it)."""
    ncbs, gs = bureau_directory()
    restrictions: Restrictions = notice.restrictions
    recipients: dict[int, Organisation | None] = {}
    if to_owner:  # the requesting NCB, or the international body
        recipients[notice.owner_ncb_id] = (ncbs.get(notice.owner_country_id or "")
                                           or Organisation.objects.filter(pk=notice.owner_ncb_id).first())
    if to_gs and gs is not None:
        recipients[gs.pk] = gs
    if to_members:
        for country, ncb in ncbs.items():
            if restrictions.admits_country(country, notice.owner_country_id):
                recipients[ncb.pk] = ncb
    sender = actor.organisation_id or (gs.pk if gs else None)
    if sender is None:
        return None
    recipients.pop(sender, None)
    orgs = [o for o in recipients.values() if o is not None]
    if not orgs:
        return None
    return notify(actor, sender_org_id=sender, recipients_=orgs, subject=f"{reference(notice)}: {subject}", body=body,
                  priority=priority, crime_area=_CRIME_AREA.get(NoticeType(notice.notice_type), CrimeArea.OTHER),
                  owner_country=notice.owner_country_id, restrictions=restrictions,
                  case_reference=f"NOTICE-{notice.pk}")


def give_control_number(notice: Notice, now) -> None:
    if notice.year:
        return
    counter, _ = NoticeCounter.objects.select_for_update().get_or_create(year=now.year)
    counter.last += 1
    counter.save(update_fields=["last"])
    notice.year, notice.number = now.year, counter.last


def sync_extract(notice: Notice) -> None:
    """The public extract exists exactly while the notice is published, its type may be public and the
    requesting country consents; it is rewritten from the notice and its subject on every change."""
    kind = NoticeType(notice.notice_type)
    wanted = (notice.state == NoticeState.PUBLISHED and notice.public_consent and kind in PUBLIC_TYPES
              and notice.year is not None)
    if not wanted:
        PublicExtract.objects.filter(notice=notice).delete()
        return
    person = Person.objects.filter(pk=notice.subject_id).first() if notice.subject_id else None
    facts = subject_facts(person) or SubjectFacts()
    f = extract_fields(kind, notice.owner_country_id or "", notice.content, facts, notice.public_fields)
    now = timezone.now()
    PublicExtract.objects.update_or_create(notice=notice, defaults={
        "notice_type": kind.value, "entity_id": notice.control_number, "name": f.name[:200], "forename": f.forename[:200],
        "name_key": f.name_key[:400], "nationalities": f.nationalities[:200], "sex": f.sex, "birth_year": f.birth_year,
        "birth_date": f.birth_date, "warrant_countries": f.warrant_countries[:200], "free_text": f.free_text,
        "data": f.data, "photos": f.photos, "published_at": notice.published_at or now, "updated_at": now,
    })


def refresh_extracts_of(sender, instance: Person, created: bool = False, **_kw) -> None:
    """Signal receiver: the public extracts of the published notices whose subject this person is, rewritten."""
    if created:
        return
    for notice in Notice.objects.filter(subject_id=instance.pk, state=NoticeState.PUBLISHED, public_consent=True):
        sync_extract(notice)
