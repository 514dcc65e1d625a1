"""A small published world for the public side: notices with public extracts, and police data beside them that
must never reach the public (notices without an extract, the unpublished parts of public ones, a police
message's attachment in the same blob store).

Rows are inserted directly (Notice, PublicExtract, Blob), the extract's fields built by the real
``notices.extracts.extract_fields``, as publication does."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from ncbnet.messaging import attachments
from ncbnet.messaging.models import Blob
from ncbnet.messaging.services import AttachmentUpload
from ncbnet.notices.content import NoticeType
from ncbnet.notices.extracts import SubjectFacts, extract_fields
from ncbnet.notices.models import Notice, NoticeState, PublicExtract
from ncbnet.public.cache import ANSWERS
from ncbnet.public.query import years_before
from ncbnet.public.ratelimit import LIMITER

# Police data that exists beside the extracts: none of these may appear in any public answer, in any case.
SECRETS = ("SECRETSUMMARY", "SECRETTITLE", "HIDDENLAW", "WARRANTREF", "HIDDENPLACE", "HIDDENMARK", "HIDDENAUTHORITY",
           "HIDDENNAME", "HIDDENASSET", "HIDDENCOMMITTEE")


def png(seed: int) -> bytes:
    """A distinct PNG (the blob store sniffs content, so it has to look like one)."""
    return (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
            + seed.to_bytes(4, "big") * 8)


def store_photo(content: bytes) -> str:
    checked = attachments.check("photo.png", "image/png", content)
    attachments.store(checked)
    Blob.objects.get_or_create(sha256=checked.sha256, defaults={"size": len(content), "content_type": checked.content_type})
    return checked.sha256


def red_content(charge: str, issuing: str | None = None) -> dict:
    return {"summary": "SECRETSUMMARY of the investigation", "sought_for": "prosecution", "extradition_assurance": True,
            "charges": [{"description": charge, "law": "HIDDENLAW art. 1", "maximum_penalty_months": 120,
                         "translation": ""}],
            "warrants": [{"kind": "arrest_warrant", "authority": "HIDDENAUTHORITY court", "issued_on": "2025-01-02",
                          "reference": "WARRANTREF-1", "issuing_country": issuing}]}


@dataclass
class PublicWorld:
    today: date
    user: object
    extracts: dict[str, PublicExtract] = field(default_factory=dict)
    hidden: dict[str, Notice] = field(default_factory=dict)
    photos: dict[str, str] = field(default_factory=dict)
    police_attachment: str = ""

    def notice(self, key: str, kind: NoticeType, owner: str, year: int, number: int, content: dict, *,
               state: str = NoticeState.PUBLISHED, title: str = "SECRETTITLE") -> Notice:
        from ncbnet.members.models import Organisation, OrgKind

        now = timezone.now()
        return Notice.objects.create(
            owner_country_id=owner, owner_ncb=Organisation.objects.get(kind=OrgKind.NCB, country_id=owner),
            requested_by=self.user, notice_type=kind, title=title, content=content, created_at=now, updated_at=now,
            state=state, year=year, number=number, published_at=now if state == NoticeState.PUBLISHED else None,
        )

    def publish(self, key: str, kind: NoticeType, owner: str, year: int, number: int, content: dict,
                subject: SubjectFacts, chosen: list[str] | None = None, days_ago: int = 1) -> PublicExtract:
        notice = self.notice(key, kind, owner, year, number, content)
        notice.public_consent, notice.public_fields = True, chosen or []
        notice.save(update_fields=["public_consent", "public_fields"])
        fields = extract_fields(kind, owner, content, subject, chosen or [])
        published = datetime.combine(self.today, datetime.min.time(), tzinfo=timezone.get_current_timezone()) \
            - timedelta(days=days_ago)
        extract = PublicExtract.objects.create(
            notice=notice, notice_type=kind, entity_id=f"{year}/{number}", name=fields.name, forename=fields.forename,
            name_key=fields.name_key, nationalities=fields.nationalities, sex=fields.sex, birth_year=fields.birth_year,
            birth_date=fields.birth_date, warrant_countries=fields.warrant_countries, free_text=fields.free_text,
            data=fields.data, photos=fields.photos, published_at=published, updated_at=published,
        )
        self.extracts[key] = extract
        return extract


def _born(today: date, years: int) -> tuple[str, date]:
    day = years_before(today, years)
    return day.isoformat(), day


def build_public_world(world) -> PublicWorld:
    today = timezone.localdate()
    pw = PublicWorld(today=today, user=world.officer("FR"))
    pw.photos = {"muller_1": store_photo(png(1)), "muller_2": store_photo(png(2)), "novak": store_photo(png(3)),
                 "hidden": store_photo(png(4))}
    police = world.send(pw.user, ["NCB:DE"], subject="Photo of the informant",
                        attachments=[AttachmentUpload("informant.png", png(5), "image/png")])
    pw.police_attachment = police.attachments.get().blob_id

    born, latest = _born(today, 30)
    pw.publish("muller", NoticeType.RED, "DE", 2026, 1, red_content("armed robbery"), SubjectFacts(
        family_name="Müller", forenames="Hans Peter", birth_date=born, birth_latest=latest, nationalities=("DE", "AT"),
        sex="M", birth_place="Berlin", birth_country="DE", height_cm=182, weight_kg=80, eye_colour="brown",
        hair_colour="black", languages=("GER",), distinguishing_marks="tattoo of an anchor",
        photos=(pw.photos["muller_1"], pw.photos["muller_2"])), days_ago=1)
    year = years_before(today, 45).year
    pw.publish("rashid", NoticeType.RED, "FR", 2026, 2, red_content("fraude en bande organisée", issuing="ES"), SubjectFacts(
        family_name="Al-Rashid", forenames="Mohammed", birth_date=str(year), birth_latest=date(year, 12, 31),
        nationalities=("DZ", "FR"), sex="M"), days_ago=2)
    born, latest = _born(today, 22)
    pw.publish("garcia", NoticeType.RED, "ES", 2026, 3, red_content("drug trafficking"), SubjectFacts(
        family_name="García", forenames="María", birth_date=born, birth_latest=latest, nationalities=("ES",), sex="F"),
        days_ago=3)
    born, latest = _born(today, 50)
    pw.publish("dubois", NoticeType.RED, "IT", 2026, 4, red_content("murder"), SubjectFacts(
        family_name="Dubois", forenames="Jean", birth_date=born, birth_latest=latest, nationalities=("IT",), sex="M",
        birth_place="HIDDENPLACE", distinguishing_marks="HIDDENMARK scar", photos=(pw.photos["hidden"],)),
        chosen=["name", "forename"], days_ago=4)
    born, latest = _born(today, 12)
    pw.publish("novak", NoticeType.YELLOW, "HR", 2025, 10, {
        "summary": "SECRETSUMMARY", "reason": "missing", "disappeared_on": "2025-06-01", "disappeared_at": "Zagreb"},
        SubjectFacts(family_name="Novak", forenames="Ana", birth_date=born, birth_latest=latest, nationalities=("HR",),
                     sex="F", photos=(pw.photos["novak"],)), days_ago=1)
    pw.publish("doe", NoticeType.YELLOW, "US", 2025, 11, {"summary": "SECRETSUMMARY", "reason": "cannot_identify_self"},
               SubjectFacts(family_name="Doe"), days_ago=2)
    pw.publish("acme", NoticeType.UN, "US", 2024, 5, {
        "summary": "SECRETSUMMARY", "committee": "HIDDENCOMMITTEE", "un_reference": "QDe.999",
        "sanctions": ["asset_freeze", "travel_ban"], "entity": {"name": "Acme Trading LLC", "aliases": ["ACT"]}},
        SubjectFacts(), days_ago=1)

    # Police data with no public extract: not consented, withdrawn, a type that is never public.
    pw.hidden["unconsented"] = pw.notice("unconsented", NoticeType.RED, "FR", 2026, 50, red_content("HIDDENNAME theft"))
    pw.hidden["withdrawn"] = pw.notice("withdrawn", NoticeType.RED, "FR", 2026, 51, red_content("HIDDENNAME theft"),
                                       state=NoticeState.WITHDRAWN)
    pw.hidden["blue"] = pw.notice("blue", NoticeType.BLUE, "FR", 2026, 52, {
        "summary": "SECRETSUMMARY HIDDENASSET", "information_sought": ["identity"]})
    return pw


@pytest.fixture
def public(world, settings) -> PublicWorld:
    settings.PUBLIC_RATE_LIMIT = 10_000
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # nobody logs in here: no Argon2
    return build_public_world(world)


@pytest.fixture(autouse=True)
def _fresh_process_state():
    """The limiter and the answer cache live in the process: every test starts with full buckets and no answer
    kept (the catalogue version never repeats, so a kept answer could not be reused anyway; this is hygiene)."""
    LIMITER.reset()
    ANSWERS.clear()
    yield
    LIMITER.reset()
    ANSWERS.clear()


def assert_no_secret(body: bytes) -> None:
    text = body.decode("utf-8", "replace").upper()
    leaked = [s for s in SECRETS if s in text]
    assert not leaked, f"police data in a public answer: {leaked}"
