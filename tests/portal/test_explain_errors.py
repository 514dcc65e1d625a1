"""The services' English refusals, read by the portal's table (``portal/explain.py``, ``ERRORS``): the refusals are
made by calling the services and parsers with bad input, every one is known and comes back word for word in
English, every template of the table is a sentence some service really writes, and the pages show them through the
table (a French catalogue holding a few of them proves the way from the service to the page)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.html import escape

from ncbnet.access.levels import Role
from ncbnet.access.policy import Action, Denied, require, require_contribution, require_database
from ncbnet.access.restrictions import Restrictions
from ncbnet.hits.models import Hit, HitStatus
from ncbnet.hits.services import answer_hit
from ncbnet.matching import identifiers
from ncbnet.matching.dates import InvalidDate, parse_date_spec
from ncbnet.matching.identifiers import InvalidIdentifier, country_iso2
from ncbnet.matching.mrz import make_td3
from ncbnet.members.models import Organisation, OrgKind, User
from ncbnet.members.services import DATABASES, authorise_agency, issue_token
from ncbnet.messaging import services as messaging
from ncbnet.messaging.recipients import UnknownRecipient, forget_directory, resolve
from ncbnet.messaging.services import AttachmentUpload, Draft, InvalidMessage
from ncbnet.notices import changes, diffusions, lifecycle, review
from ncbnet.notices import services as notices
from ncbnet.notices.content import SUBJECT_REQUIRED, InvalidNotice, NoticeType, parse_content
from ncbnet.notices.lifecycle import NotAllowedNow
from ncbnet.notices.models import NoticeState
from ncbnet.portal import explain
from ncbnet.portal.explain import phrases
from ncbnet.records import services as records
from ncbnet.records.bulk import MAX_LINE_BYTES, bulk_load
from ncbnet.records.cleaning import InvalidRecord, clean
from ncbnet.records.frontline import Traveller, check_travellers
from ncbnet.records.identifier_search import IdentifierQuery, check_identifiers
from ncbnet.records.person_search import InvalidSearch, PersonSearch, prepare
from ncbnet.records.text_search import InvalidTextSearch, search_text
from tests.notices.conftest import CONTENTS, Bureau, red_content
from tests.portal.conftest import signed_in
from tests.records.conftest import Desk, passport

TODAY = date(2026, 6, 1)
BODY_SUBJECT = {"names": ["AL-TIKRITI, Hamid Youssef"], "birth_date": "1971-03-02", "sex": "M", "nationalities": ["IQ"]}
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< >>\n%%EOF\n"

# Templates of the table no test can make a service write: each guards a case an earlier check always refuses
# first. Kept, so that the officer still reads them in their language if that check ever changes.
UNREACHABLE = {
    # records.services, records.bulk, access.policy: require_contribution already refused an actor without a country
    "only a member country contributes records",
    # notices.services: every actor allowed to request notices is an NCB's or an international body's
    "notices are requested by a member country's NCB or an authorised international body",
    # notices.diffusions: every actor allowed to send diffusions is an NCB's
    "diffusions are sent by a member country's NCB",
    # notices.diffusions: nothing withdraws a diffusion yet
    "this diffusion is already withdrawn by the sender",
    # messaging.services: require() already refused an account outside every organisation
    "an account outside every organisation sends nothing",
    # messaging.services.forward_message: only a sender or a recipient sees the message in the first place
    "only a recipient or the sender of a message may forward it",
}

# Refusals the table leaves as the services wrote them, and why: none of them reaches an officer's page.
NOT_COVERED = {
    # matching.dates: parse_date_spec's pattern never gives a day without a month
    "a day needs a month",
    # matching.identifiers.vin_check_digit: parse_vin folds or refuses such a letter first
    "a VIN cannot contain 'I'",
    # records.identifier_search, records.frontline: BatchTooLarge, the API's (the portal searches one item at once)
    "a batch holds at most 100 items; this one has 101",
    # records.frontline: the front-line answers' "document: <error>", the front-line API's
    "document: the document number is empty",
    # records.attachments: links and photos, which no portal page adds
    "this record is already linked to it",
    "photos are kept for persons and works of art",
    "a photo is JPEG, PNG, WebP or TIFF, not text/plain",
    "at most 20 photos per record",
    # hits.services and members.services ValueErrors: the portal's forms refuse such input before the service
    "the note is at most 4,000 characters",
    "a token lives 1 to 366 days",
    "unknown databases: ships",
    # not-found texts (the portal shows its one not-found page), and the refusals it words itself
    "no notice 42",
    "message 42 does not exist or is not visible to NCB-FR",
    "idempotency key 'portal:1' was already used for a different message",
    "the person is at version 2, not 1: read it again",
}

# Known sentences one part of which stays English: another library's own diagnostic (the JSON and CSV readers',
# pydantic's about a time or a time zone where a date was asked for), kept as data inside the translated sentence.
PART_IN_ENGLISH = [
    "not valid JSON: Expecting value: line 1 column 2 (char 1)",
    "line 2: ',' expected after '\"'",
    "Input should be a valid date or datetime, hour value is outside expected range of 0-23",
]


def _refusal(call: Callable[[], object]) -> list[str]:
    """What a service refused, as the portal receives it: the errors of each field, or the one reason."""
    try:
        call()
    except (InvalidRecord, InvalidSearch, InvalidNotice, InvalidMessage) as exc:
        return list(exc.errors.values())
    except (Denied, UnknownRecipient, InvalidIdentifier) as exc:
        return [exc.reason]
    except (NotAllowedNow, InvalidDate, InvalidTextSearch, records.RecordDeleted) as exc:
        return [str(exc)]
    pytest.fail(f"not refused: {call}")


def _check(lines: list[str]) -> None:
    assert lines
    assert [line for line in lines if not explain.known(line)] == [], "refusals no template reads"
    with translation.override("en"):
        assert [explain.translate(line) for line in lines] == lines


# --- records: a record's fields, a bulk file, a change ---------------------------------------------------------

FIREARM = {"national_reference": "F-1", "make": "Glock", "firearm_type": "pistol", "serial_number": "BXK472"}
VALID = {
    "person": {"national_reference": "P-1", "names": ["Omar Hassan"], "role": "wanted"},
    "travel_document": passport("12AB34567"),
    "vehicle": {"national_reference": "V-1", "vin": "1HGCM82633A004352"},
    "work_of_art": {"national_reference": "A-1", "title": "The Scream", "category": "painting"},
    "firearm": FIREARM,
}
BAD_FIELDS: list[tuple[str, dict]] = [  # every check of records.cleaning and of the parsers it calls
    ("person", {"national_reference": "", "names": [], "colour_of_hat": "x", "role": "wanted"}),
    ("person", {"national_reference": ["P-1"], "names": ["Omar"] * 21, "sex": "Q", "height_cm": "tall",
                "weight_kg": 999, "languages": {"en": 1}, "birth_date": 1980, "identity_documents": ["passport"],
                "national_ids": [{"number": "1", "colour": "red"}], "distinguishing_marks": "a\x00b",
                "birth_country": "ZZ", "role": "hero"}),
    ("person", {**VALID["person"], "distinguishing_marks": "a\ud800b"}),  # half a character, from a JSON escape
    ("person", {"national_reference": "x" * 65, "role": "wanted", "birth_date": "born in May", "nationalities": 42,
                "names": [{"full": "Omar", "kind": "nickname"}, "x" * 201, "123", "〆"]}),
    *[("person", {**VALID["person"], "birth_date": text}) for text in ("2999", "1700", "1980-13", "1980-02-30",
                                                                          "1985..1980")],
    ("travel_document", {**VALID["travel_document"], "number": "AB#12", "issuing_country": "XPO",
                         "issue_date": "20/01/2020", "event_date": "2999-01-01"}),
    ("travel_document", {**VALID["travel_document"], "number": "-- --", "issuing_country": "",
                         "issue_date": "2020-13-01", "expiry_date": "2031-02-31", "event_date": "1700-01-01"}),
    ("travel_document", {**VALID["travel_document"], "issue_date": "2020-01-01", "expiry_date": "2019-01-01"}),
    ("vehicle", {"national_reference": "V-1", "vin": "1HGCM82633A00435", "plate": "AB#1", "year": 1700}),
    ("vehicle", {"national_reference": "V-2", "vin": "1HGCM82633A00435*", "plate": "---"}),
    ("vehicle", {"national_reference": "V-3", "plate": "AB-123-456-789-0123", "plate_country": "ZZ"}),
    ("vehicle", {"national_reference": "V-4"}),
    ("work_of_art", {"national_reference": "A-1", "title": "", "category": "poster"}),
    ("firearm", {**FIREARM, "serial_number": "AB#1"}),
    ("firearm", {**FIREARM, "serial_number": "---"}),
    ("firearm", {**FIREARM, "restriction_mode": "maybe", "restricted_countries": ["ZZ"], "agencies_may_view": "perhaps",
                 "classification": 9}),
    ("firearm", {**FIREARM, "restriction_mode": "allow", "classification": 3}),
]


def record_field_refusals() -> list[str]:
    lines = [m for kind, raw in BAD_FIELDS for m in _refusal(partial(clean, kind, raw, clearance=2))]
    lines += _refusal(partial(parse_date_spec, "   "))
    lines += _refusal(partial(parse_date_spec, "2026-07", today=TODAY))
    lines += [m for code in identifiers._ICAO_NOT_A_COUNTRY for m in _refusal(partial(country_iso2, code))]
    return lines


def _ndjson(*rows: dict) -> list[bytes]:
    return [json.dumps(r).encode() + b"\n" for r in rows]


def bulk_refusals(world) -> list[str]:
    fr = world.actor(world.officer("FR"))
    records.create_record(fr, "travel_document", passport("ZZ0000001", ref="EXISTING"))
    good = passport("AA0000001", ref="R1")
    lines = [*_ndjson(good, good, passport("AA0000003", ref="R3", issuing_country="DEU"),
                      passport("AA0000004", ref="EXISTING"), {**passport("AA0000005", ref="R5"), "colour": "red"}),
             b"{not json\n", b"[1]\n", b'{"a": "\xff"}\n', b"{" + b" " * MAX_LINE_BYTES + b"}\n"]
    found = [e.message for e in bulk_load(fr, "travel_document", lines, "ndjson").errors]
    found += [e.message for e in bulk_load(fr, "person", [], "ndjson").errors]
    found += [e.message for e in bulk_load(fr, "person", [b"national_reference,names\n", b"P1,Omar,extra\n"],
                                           "csv").errors]
    found += _refusal(partial(bulk_load, fr, "person", [b"national_reference,names\n", b"P1,\xff\n"], "csv"))
    found += _refusal(partial(bulk_load, fr, "person", [b"national_reference,names\n", b'P1,"Omar"x\n'], "csv"))
    found += _refusal(partial(bulk_load, fr, "person", [], "xml"))
    return found


def record_service_refusals(world) -> list[str]:
    fr, de = world.actor(world.officer("FR")), world.actor(world.officer("DE"))
    made = {kind: records.create_record(fr, kind, raw).record for kind, raw in VALID.items()}
    lines = [m for kind, rec in made.items()
             for m in _refusal(partial(records.update_record, de, kind, rec.pk, {"national_reference": "X"}))]
    lines += _refusal(partial(records.create_record, fr, "travel_document", passport("AB0000009", country="DEU")))
    lines += _refusal(partial(records.update_record, fr, "travel_document", made["travel_document"].pk,
                              {"issuing_country": "DEU"}))
    lines += _refusal(partial(records.create_record, fr, "firearm", FIREARM))  # the reference again
    lines += _refusal(partial(records.register_notice_subject, fr, VALID["person"]))
    for kind, rec in made.items():
        records.delete_record(fr, kind, rec.pk)
        lines += _refusal(partial(records.update_record, fr, kind, rec.pk, {"national_reference": "X"}))
        lines += _refusal(partial(records.delete_record, fr, kind, rec.pk))
    return lines


def policy_refusals(world) -> list[str]:
    agency = Desk(world).agency_actor("FR", databases=())
    lines = [m for database in DATABASES for check in (require_database, require_contribution)
             for m in _refusal(partial(check, agency, database))]
    auditor = world.actor(world.user(world.gs(), Role.AUDITOR))
    lines += _refusal(partial(require, auditor, Action.RECORD_SEARCH))
    supervisor = world.actor(world.officer("FR", role=Role.NCB_SUPERVISOR))
    lines += _refusal(partial(issue_token, world.officer("DE"), "stolen", issued_by=supervisor))
    lines += _refusal(partial(authorise_agency, supervisor, world.agency("DE"), databases=[], may_contribute=False,
                              valid_until=None))
    return lines


# --- searches ----------------------------------------------------------------------------------------------------

PERSON_SEARCHES = [
    PersonSearch(names=[]),
    PersonSearch(names=["〆", "123"], birth_date="2999", nationality="ZZ", sex="Q", top_k=0, threshold=2.0),
    PersonSearch(names=["Omar"], birth_date="   ", nationality="XXA", top_k=101),
]


def _zone() -> tuple[str, str]:
    top, bottom = make_td3(document_number="12AB34567", issuing_state="FRA", surname="MARTIN", given_names=["JEAN"],
                           birth_date="1980-05-17", sex="M", expiry_date="2030-01-14", nationality="FRA").splitlines()
    return top, bottom


def search_refusals(world) -> list[str]:
    de = world.actor(world.officer("DE"))
    lines = [m for q in PERSON_SEARCHES for m in _refusal(partial(prepare, q))]
    lines += _refusal(partial(search_text, de, "vehicle", "red car"))
    lines += _refusal(partial(search_text, de, "work_of_art", "!!"))
    lines += _refusal(partial(search_text, de, "work_of_art", "scream", limit=0))
    lines += _refusal(partial(check_travellers, de, [Traveller()]))
    top, bottom = _zone()
    zones = ["", "P<FRA", f"{top}\n{bottom[:-1]}", f"{top[:30]}\n{top[30:]}\n{bottom[:29]}",
             f"{top[:2]}É{top[3:]}\n{bottom}", f"{top}\n{'<' * 9}{bottom[9:]}"]
    queries = [IdentifierQuery("mrz", zone) for zone in zones] + [
        IdentifierQuery("number", "AB#12"), IdentifierQuery("number", "---"), IdentifierQuery("number", "A" * 25),
        IdentifierQuery("number", "12AB34567", "ZZ"), IdentifierQuery("number", "12AB34567", "UNO"),
        IdentifierQuery("plate", "AB-123-CD"), IdentifierQuery("plate", "AB-123-CD", "ZZ"),
        IdentifierQuery("plate", "AB#1", "FR"), IdentifierQuery("plate", "--", "FR"),
        IdentifierQuery("plate", "AB1234567890123456", "FR"), IdentifierQuery("vin", "1HGCM"),
        IdentifierQuery("vin", "1HGCM82633A00435*"), IdentifierQuery("serial_number", "AB#1"),
        IdentifierQuery("serial_number", "--"), IdentifierQuery("serial_number", "A" * 31),
        IdentifierQuery("colour", "red")]
    answers = check_identifiers(de, queries)
    assert [a.query for a in answers if not a.error] == []
    return lines + [a.error for a in answers if a.error]


# --- notices: the content of a request, the services, the lifecycle ----------------------------------------------

CHARGE = {"description": "armed robbery", "law": "art. 1", "maximum_penalty_months": 360}
WARRANT = {"kind": "arrest_warrant", "authority": "Juge d'instruction, Lyon", "issued_on": "2025-03-20",
           "reference": "MA-1"}
ASSET = {"kind": "vessel", "description": "a yacht"}
ISSUED_ON = [None, "abc", "20x5-01-01", "2025-AB-01", "2025-01-AB", "2025/01/01", "2025-00-01", "2025-01-32",
             "2025-01-01x", "2025-01-01T00:00:00ZZ", "0000-01-01", "2025-01-01T10:00:00", "2025-01-01T25:00"]
BAD_CONTENTS: list[tuple[NoticeType, object]] = [  # every message pydantic gives on the schemas of notices.content
    (NoticeType.RED, {}),
    (NoticeType.RED, [CHARGE]),
    (NoticeType.RED, red_content(summary="", charges=[], sought_for="both", extradition_assurance="perhaps",
                                 colour="red")),
    (NoticeType.RED, red_content(summary=None, charges="theft", sentence_remaining_months="abc",
                                 extradition_assurance=None)),
    (NoticeType.RED, red_content(summary="x" * 4001, warrants=[{**WARRANT, "kind": "order", "issuing_country": "fr"}],
                                 charges=[{**CHARGE, "description": "x" * 301, "maximum_penalty_months": -1}])),
    (NoticeType.RED, red_content(charges=[{**CHARGE, "maximum_penalty_months": 1.5}], sentence_remaining_months=[])),
    (NoticeType.RED, red_content(charges=[{**CHARGE, "maximum_penalty_months": 99999}],
                                 sentence_remaining_months="9" * 5000)),
    (NoticeType.RED, red_content(sentence_remaining_months=float("nan"), charges=[1], warrants=[1])),
    (NoticeType.RED, red_content(charges=[CHARGE] * 51, warrants=[WARRANT] * 21)),
    (NoticeType.RED, red_content(sought_for="sentence")),
    (NoticeType.RED, red_content(warrants=[{**WARRANT, "issued_on": issued_on} for issued_on in ISSUED_ON])),
    (NoticeType.YELLOW, {**CONTENTS["yellow"], "reason": "lost"}),
    (NoticeType.BLUE, {**CONTENTS["blue"], "information_sought": ["gossip"]}),
    (NoticeType.ORANGE, {**CONTENTS["orange"], "threat_from": "weather"}),
    (NoticeType.SILVER, {**CONTENTS["silver"], "assets": [{**ASSET, "kind": "gold", "estimated_value": "x" * 101}, 1],
                         "linked_offences": []}),
    (NoticeType.SILVER, {**CONTENTS["silver"], "assets": [ASSET] * 101}),
    (NoticeType.UN, {**CONTENTS["un"], "un_reference": "x" * 41, "sanctions": ["exile"], "entity": []}),
]


def notice_content_refusals() -> list[str]:
    return [m for kind, content in BAD_CONTENTS for m in _refusal(partial(parse_content, kind, content))]


def lifecycle_refusals() -> list[str]:
    """Every action asked of a notice in every state it does not apply to."""
    lines = []
    for action in lifecycle.TABLE:
        for state in NoticeState.values:
            try:
                lifecycle.transition(action, state)
            except NotAllowedNow as exc:
                lines.append(str(exc))
    return lines


def notice_service_refusals(world) -> list[str]:
    b = Bureau(world)
    person = b.person()

    def ask(actor, **kw) -> list[str]:
        r = {"notice_type": "red", "content": red_content(), "subject_person_id": person.pk, **kw}
        return _refusal(partial(notices.request_notice, actor, notices.NoticeRequest(**r)))

    lines = ask(b.fr, notice_type="pink") + ask(b.fr, content=[])
    lines += ask(b.fr, language="de", restrictions=Restrictions(classification=3), public_fields=["x"])
    lines += [m for kind in NoticeType for m in ask(b.fr, notice_type=kind.value, public_fields=["x"])]
    lines += ask(b.fr, notice_type="blue", content=CONTENTS["blue"], public_consent=True)
    lines += ask(b.fr, public_consent=True, public_fields=["arrest_warrants"])
    lines += [m for kind in SUBJECT_REQUIRED for m in ask(b.fr, notice_type=kind.value, content=CONTENTS.get(kind.value, red_content()),
                                                          subject_person_id=None)]
    lines += ask(b.fr, notice_type="purple", content=CONTENTS["purple"])
    lines += ask(b.fr, subject_person_id=999_999) + ask(b.fr, subject={"names": ["Omar"]})
    lines += ask(b.fr, notice_type="orange", content={**CONTENTS["orange"], "threat_from": "person"},
                 subject_person_id=None)
    lines += ask(b.fr, notice_type="un", content=CONTENTS["un"], subject_person_id=None)
    gone = b.person()
    records.delete_record(b.fr, "person", gone.pk)
    lines += ask(b.fr, subject_person_id=gone.pk)
    body_org = Organisation.objects.create(code="UN-SC", kind=OrgKind.INTERNATIONAL_BODY, name="UN Security Council")
    body = world.actor(world.user(body_org, Role.INTL_BODY_OFFICER))
    lines += ask(body) + ask(body, subject_person_id=None, subject={"names": []})
    lines += [m for kind in SUBJECT_REQUIRED for m in ask(body, notice_type=kind.value, content=CONTENTS.get(kind.value, red_content()),
                                                          subject_person_id=None)]
    lines += ask(body, notice_type="purple", content=CONTENTS["purple"], subject_person_id=None, subject=BODY_SUBJECT)
    # a draft, and its submission
    draft = b.draft()
    lines += _refusal(partial(notices.edit_notice, b.fr, draft.pk, notices.NoticeRequest("blue", CONTENTS["blue"],
                                                                                        subject_person_id=person.pk)))
    short = b.draft(content=red_content(warrants=[], extradition_assurance=False))
    lines += _refusal(partial(notices.submit_notice, b.fr, short.pk))
    lines += _refusal(partial(notices.list_notices, b.fr, state="lost"))
    lines += _refusal(partial(notices.add_screening_term, b.rev_br, "maybe", "", "de", ""))
    # review
    notices.submit_notice(b.fr, draft.pk)
    for decision, reasons in (("maybe", ""), ("refuse", ""), ("return", ""), ("refuse", "x" * 4001)):
        lines += _refusal(partial(review.review_notice, b.rev_br, draft.pk, decision, reasons))
    lines += _refusal(partial(review.review_notice, b.rev_none, draft.pk, "approve"))
    lines += _refusal(partial(review.review_notice, b.rev_fr, draft.pk, "approve"))
    flagged = b.draft(content=red_content(charges=[{**CHARGE, "description": "espionage"}]))
    notices.submit_notice(b.fr, flagged.pk)
    review.review_notice(b.rev_br, flagged.pk, "approve")
    lines += _refusal(partial(review.review_notice, b.rev_br, flagged.pk, "approve"))
    # after publication
    published = b.published()
    now = timezone.now()
    lines += _refusal(partial(notices.submit_notice, b.fr, published.pk))
    lines += _refusal(partial(changes.suspend_notice, b.fr, published.pk, now + timedelta(days=7), ""))
    lines += _refusal(partial(changes.suspend_notice, b.fr, published.pk, now - timedelta(days=1), "appeal"))
    lines += _refusal(partial(changes.suspend_notice, b.fr, published.pk, now + timedelta(days=365), "appeal"))
    lines += _refusal(partial(changes.withdraw_notice, b.fr, published.pk, ""))
    lines += _refusal(partial(changes.withdraw_notice, b.de, published.pk, "not ours"))
    lines += _refusal(partial(changes.cancel_notice, b.rev_br, published.pk, ""))
    lines += _refusal(partial(changes.renew_notice, b.fr, published.pk, ""))
    lines += _refusal(partial(changes.renew_notice, b.fr, published.pk, "still wanted"))
    lines += _refusal(partial(changes.order_deletion, b.rev_br, published.pk, ""))
    lines += _refusal(partial(changes.order_deletion, b.rev_br, published.pk, "CCF-1", now - timedelta(days=1)))
    lines += _refusal(partial(changes.delete_notice, b.rev_br, published.pk))
    changes.update_notice(b.fr, published.pk, red_content(charges=[{**CHARGE, "maximum_penalty_months": 240}]))
    lines += _refusal(partial(changes.update_notice, b.fr, published.pk, red_content(sought_for="prosecution",
                                                                                      summary="Corrected.")))
    # an international body's published notice, which only the body changes
    theirs = notices.request_notice(body, notices.NoticeRequest("un", CONTENTS["un"], subject=BODY_SUBJECT))
    notices.submit_notice(body, theirs.pk)
    review.review_notice(b.rev_br, theirs.pk, "approve")
    lines += _refusal(partial(changes.withdraw_notice, b.de, theirs.pk, "not ours"))
    # diffusions
    send = diffusions.send_diffusion
    lines += _refusal(partial(send, b.fr, diffusions.DiffusionRequest("rumour", "", "", ["ALL"],
                                                                      restrictions={"restriction_mode": "maybe"})))
    lines += _refusal(partial(send, b.fr, diffusions.DiffusionRequest("wanted", "t", "b", ["ALL"],
                                                                      subject_person_id=999_999)))
    lines += _refusal(partial(send, b.fr, diffusions.DiffusionRequest("wanted", "t", "b", ["GS"])))
    lines += _refusal(partial(diffusions.list_diffusions, b.fr, kind="rumour"))
    sent = send(b.fr, diffusions.DiffusionRequest("wanted", "Wanted: DUPONT", "Arrest him.", ["NCB:DE"]))
    lines += _refusal(partial(diffusions.find_non_compliant, b.rev_br, sent.pk, ""))
    diffusions.find_non_compliant(b.rev_br, sent.pk, "Political.")
    lines += _refusal(partial(diffusions.find_non_compliant, b.rev_br, sent.pk, "Political."))
    return lines


# --- messages, hits ------------------------------------------------------------------------------------------------

def message_refusals(world, settings) -> list[str]:
    fr_user = world.officer("FR")
    fr = world.actor(fr_user)
    settings.ATTACHMENT_MAX_BYTES = 100
    drafts = [
        Draft(subject="", body="", recipients=["DE"], language="de", priority="at once", crime_area="gossip",
              classification=9, restriction_mode="maybe", restricted_countries=["ZZ"], case_reference="x" * 65,
              attachments=[AttachmentUpload("a/b", PDF), AttachmentUpload("empty.txt", b""),
                           AttachmentUpload("big.txt", b"x" * 101), AttachmentUpload("x.bin", b"\x00\x01\x02"),
                           AttachmentUpload("doc.png", PDF, "image/png")]),
        Draft(subject="x" * 301, body="x" * 200_001, recipients=["DE"], classification=3, restriction_mode="allow",
              attachments=[AttachmentUpload(f"a{i}.txt", b"hello") for i in range(21)]),
        Draft(subject="s", body="b", recipients=["DE"], attachments=[AttachmentUpload("a.txt", b"hello")] * 2),
    ]
    lines = [m for d in drafts for m in _refusal(partial(messaging.send_message, fr, d))]
    lines += _refusal(partial(messaging.search, fr, "!!"))
    msg = world.send(fr_user, ["NCB:DE"])
    lines += _refusal(partial(messaging.acknowledge, fr, msg.pk))
    # recipients
    open_, none = Restrictions(), Restrictions(agencies_may_view=False)
    agency_org = world.agency("FR", "FR-PAF")
    agency = world.actor(world.user(agency_org, Role.AGENCY_OFFICER))
    de = world.actor(world.officer("DE"))
    for actor, addresses, restrictions in [
        (fr, [], open_), (fr, ["  "], open_), (fr, ["XYZ:1"], open_), (fr, ["Q"], open_), (fr, ["REGION:mars"], open_),
        (fr, ["NCB:ZZ"], open_), (fr, ["AGENCY:nobody"], open_), (fr, ["NCB:FR"], open_),
        (agency, ["NCB:DE"], open_), (fr, ["NCB:RU"], Restrictions("deny", ("RU",))), (de, ["AGENCY:FR-PAF"], open_),
        (fr, ["AGENCY:FR-PAF"], none),
    ]:
        lines += _refusal(partial(resolve, actor, addresses, restrictions, actor.country))
    Organisation.objects.filter(kind=OrgKind.GENERAL_SECRETARIAT).update(is_active=False)
    forget_directory()
    lines += _refusal(partial(resolve, fr, ["GS"], open_, "FR"))
    return lines


def hit_refusals(world) -> list[str]:
    fr, de = world.actor(world.officer("FR")), world.actor(world.officer("DE"))
    for number in ("34CD56789", "98ZY76543"):
        records.create_record(fr, "travel_document", passport(number))
    check_identifiers(de, [IdentifierQuery("number", "34CD56789"), IdentifierQuery("number", "98ZY76543")])
    confirmed, denied = Hit.objects.order_by("pk")
    lines = _refusal(partial(answer_hit, de, confirmed.reference, confirmed=True))
    answer_hit(fr, confirmed.reference, confirmed=True)
    answer_hit(fr, denied.reference, confirmed=False)
    return lines + [m for hit in (confirmed, denied) for m in _refusal(partial(answer_hit, fr, hit.reference,
                                                                                confirmed=True))]


def every_refusal(world, settings) -> list[str]:
    return (record_field_refusals() + bulk_refusals(world) + record_service_refusals(world) + policy_refusals(world)
            + search_refusals(world) + notice_content_refusals() + lifecycle_refusals()
            + notice_service_refusals(world) + hit_refusals(world) + message_refusals(world, settings))


# --- every refusal is known and reads back the same in English -----------------------------------------------------

def test_every_refusal_of_a_record_field_is_known_and_reads_back_in_english():
    _check(record_field_refusals())


def test_every_pydantic_message_on_a_notice_request_is_known_and_reads_back_in_english():
    _check(notice_content_refusals())


def test_every_lifecycle_refusal_is_known_and_reads_back_in_english():
    _check(lifecycle_refusals())


@pytest.mark.django_db
@pytest.mark.parametrize("refusals", [bulk_refusals, record_service_refusals, policy_refusals, search_refusals,
                                      notice_service_refusals, hit_refusals])
def test_every_refusal_of_a_service_is_known_and_reads_back_in_english(world, refusals):
    _check(refusals(world))


@pytest.mark.django_db
def test_every_refusal_of_a_message_is_known_and_reads_back_in_english(world, settings):
    _check(message_refusals(world, settings))


@pytest.mark.django_db
def test_every_error_template_is_a_sentence_a_service_writes(world, settings):
    lines = every_refusal(world, settings)
    with translation.override(None):
        table = [str(t) for t in explain.ERRORS]
    assert len(set(table)) == len(table)
    read = {explain.template(line) for line in lines}
    read |= {explain.template(line.removeprefix("MRZ: ")) for line in lines if line.startswith("MRZ: ")}
    assert set(table) - read == UNREACHABLE


def test_what_is_left_uncovered_is_shown_as_written():
    assert [line for line in NOT_COVERED if explain.known(line)] == []
    _check(PART_IN_ENGLISH)


def test_the_fixed_phrases_are_those_the_services_write():
    from ncbnet.notices import content

    assert set(phrases._CODE_HOLDERS) == set(identifiers._ICAO_NOT_A_COUNTRY.values())
    assert set(phrases._NOTICE_TYPES) == {t.value for t in NoticeType}
    assert set(phrases._NOTICE_STATES) == {s.replace("_", " ") for s in NoticeState.values}
    assert set(phrases._NOTICE_ACTIONS) == {lifecycle._past(action) for action in lifecycle.TABLE}
    assert set(phrases._DATABASES) == {d.replace("_", " ") for d in DATABASES}
    assert set(phrases._MODELS) == {content.Charge.__name__, content.Warrant.__name__, content.Asset.__name__,
                                    content.Entity.__name__}
    assert set(phrases._HIT_STATUSES) == set(HitStatus.values) - {HitStatus.PENDING}


@pytest.mark.parametrize("line, template", [
    ("a VIN has 17 characters; this one has 5", "a VIN has 17 characters; this one has %(count)s"),
    ("2026-07 is in the future", "%(when)s is in the future"),
    ("year 2999 is in the future", "year %(year)s is in the future"),
    ("date of birth 2026-09-01 is in the future", "date of birth %(date)s is in the future"),
    ("at most 5", "at most %(count)s"),
    ("at most 300 characters", "at most %(count)s characters"),
    ("is empty", "is empty"),
    ("attachment 'x': is empty", "attachment %(filename)s: is empty"),
    ("line 3: unexpected end of data", "line %(line)s: %(detail)s"),
    ("line 3 is not valid UTF-8 (byte 4)", "line %(line)s is not valid UTF-8 (byte %(byte)s)"),
    ("Input should be 'a' or 'b'", "Input should be %(literals)s"),
    ("Input should be a valid string", "Input should be a valid string"),
])
def test_the_specific_refusal_wins_over_the_general_one(line, template):
    assert explain.template(line) == template


# --- the pages show the refusals through the table -------------------------------------------------------------------

FRENCH = {  # (context, msgid): msgstr, for a catalogue planted before the portal's own
    (None, "the document number contains %(characters)s; only letters A-Z, digits and separators are allowed"):
        "le numéro du document contient %(characters)s ; seuls les lettres A-Z, les chiffres et les séparateurs sont "
        "admis",
    (None, "only the owner country (%(country)s) may change this firearm"):
        "seul le pays propriétaire (%(country)s) peut modifier cette arme",
    (None, "each line is one JSON object"): "chaque ligne est un objet JSON",
    (None, "line %(line)s is not valid UTF-8 (byte %(byte)s)"):
        "la ligne %(line)s n'est pas en UTF-8 valide (octet %(byte)s)",
    (None, "a name needs at least one letter"): "un nom demande au moins une lettre",
    (None, "year %(year)s is in the future"): "l'année %(year)s est dans le futur",
    (None, "List should have at least 1 item after validation, not 0"): "la liste demande au moins un élément",
    (None, "the request does not meet the minimum criteria; nothing was submitted"):
        "la demande ne remplit pas les critères minimaux ; rien n'a été soumis",
    (None, "attachment %(filename)s: content type %(content_type)s is not accepted"):
        "pièce jointe %(filename)s : le type %(content_type)s n'est pas accepté",
    ("content type", "unknown binary"): "binaire inconnu",
}


@pytest.fixture
def french(settings, tmp_path):
    """The officer reads French; the catalogue holds the planted sentences (the real ones come with translation)."""
    mo = polib.MOFile()
    mo.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=2; plural=(n > 1);"}
    for (context, msgid), msgstr in FRENCH.items():
        mo.append(polib.MOEntry(msgctxt=context, msgid=msgid, msgstr=msgstr))
    path = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    path.mkdir(parents=True)
    mo.save(str(path / "django.mo"))
    settings.LOCALE_PATHS = [str(tmp_path / "locale")]  # clears Django's cached catalogues


def _text(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
def test_a_refused_record_and_a_refused_change_read_in_french(world, french):
    paris_user = world.officer("FR")
    gun = records.create_record(world.actor(paris_user), "firearm", FIREARM).record
    common = {"classification": "1", "restriction_mode": "none", "agencies_may_view": "on", "submission": "s1"}
    added = signed_in(paris_user, "fr").post("/portal/records/new/travel_document/", {
        **common, "national_reference": "FR-D-1", "number": "AB#12", "issuing_country": "FRA",
        "document_type": "passport", "document_status": "lost"})
    assert added.status_code == 400
    assert escape("le numéro du document contient '#' ; seuls les lettres A-Z") in _text(added)
    changed = signed_in(world.officer("DE"), "fr").post(f"/portal/records/firearm/{gun.pk}/change/", {
        **common, "submission": "s2", "national_reference": "F-1", "make": "Glock", "model": "19",
        "firearm_type": "pistol", "serial_number": "BXK472", "version": "1"})
    assert changed.status_code == 400 and "seul le pays propriétaire (FR) peut modifier cette arme" in _text(changed)


@pytest.mark.django_db
def test_a_bulk_report_and_an_unreadable_file_read_in_french(world, french):
    client = signed_in(world.officer("FR"), "fr")
    report = client.post("/portal/contribute/bulk/", {"kind": "person", "submission": "b1", "file": SimpleUploadedFile(
        "persons.ndjson", b'{"national_reference": "P1", "names": ["Omar Hassan"], "role": "wanted"}\n[1]\n')})
    assert report.status_code == 400 and "chaque ligne est un objet JSON" in _text(report)
    unreadable = client.post("/portal/contribute/bulk/", {"kind": "person", "submission": "b2", "file": SimpleUploadedFile(
        "persons.csv", b"national_reference,names,role\nP1,Omar \xff,wanted\n")})
    assert unreadable.status_code == 400
    assert escape("la ligne 2 n'est pas en UTF-8 valide (octet 8)") in _text(unreadable)


@pytest.mark.django_db
def test_a_refused_search_reads_in_french(world, french):
    client = signed_in(world.officer("DE"), "fr")
    persons = _text(client.post("/portal/search/persons/", {"names": "123", "birth_date": "2999"}))
    assert "un nom demande au moins une lettre" in persons and escape("l'année 2999 est dans le futur") in persons
    documents = _text(client.post("/portal/search/documents/", {"number": "AB#12"}))
    assert escape("le numéro du document contient '#'") in documents


@pytest.mark.django_db
def test_a_refused_notice_request_and_submission_read_in_french(world, french):
    b = Bureau(world)
    client = signed_in(User.objects.get(pk=b.fr.user_id), "fr")
    refused = client.post("/portal/notices/new/red/", {  # no charge
        "subject_person_id": str(b.person().pk), "language": "fr", "classification": "1", "restriction_mode": "none",
        "summary": "Vol à main armée.", "sought_for": "prosecution", "extradition_assurance": "on", "submission": "n1"})
    assert refused.status_code == 400 and "la liste demande au moins un élément" in _text(refused)
    short = b.draft(content=red_content(warrants=[], extradition_assurance=False))
    submitted = client.post(f"/portal/notices/{short.pk}/submit/", follow=True)
    assert escape("la demande ne remplit pas les critères minimaux ; rien n'a été soumis") in _text(submitted)


@pytest.mark.django_db
def test_a_refused_message_reads_in_french(world, french):
    response = signed_in(world.officer("FR"), "fr").post("/portal/messages/new/", {
        "subject": "Files", "body": "See the attached file.", "priority": "routine", "crime_area": "other",
        "classification": "1", "restriction_mode": "none", "agencies_may_view": "on", "countries": ["DE"],
        "submission": "m1", "attachments": [SimpleUploadedFile("x.bin", b"\x00\x01\x02", "application/octet-stream")]})
    assert response.status_code == 400
    assert escape("pièce jointe 'x.bin' : le type binaire inconnu n'est pas accepté") in _text(response)
