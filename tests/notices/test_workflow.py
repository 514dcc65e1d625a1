"""Request, screening, four-eyes review and publication, through the services on the real database."""

from __future__ import annotations

import pytest

from ncbnet.access.policy import Denied
from ncbnet.access.restrictions import Restrictions
from ncbnet.audit.models import AuditEntry
from ncbnet.messaging.models import Delivery, Message
from ncbnet.notices import review, services
from ncbnet.notices.content import InvalidNotice
from ncbnet.notices.lifecycle import NotAllowedNow
from ncbnet.notices.models import Notice, NoticeState, PublicExtract
from ncbnet.records.models import RecordLink
from tests.notices.conftest import CONTENTS, red_content


def _state(notice) -> str:
    return Notice.objects.get(pk=notice.pk).state


def test_red_notice_from_request_to_publication(bureau):
    notice = bureau.draft(public_consent=True)
    assert notice.state == NoticeState.DRAFT and notice.title == "DUPONT, Jean Pierre"
    notice, result = services.submit_notice(bureau.fr, notice.pk)
    assert notice.state == NoticeState.IN_REVIEW and result.passed and not notice.flagged
    gs_messages = Message.objects.filter(case_reference=f"NOTICE-{notice.pk}", subject__contains="request for review")
    assert gs_messages.count() == 1
    published = review.review_notice(bureau.rev_br, notice.pk, "approve")
    assert published.state == NoticeState.PUBLISHED
    assert published.year == published.published_at.year and published.number >= 1
    assert published.expires_at.year == published.published_at.year + 5
    # every member told, by one message with a delivery per NCB (the requester's own included)
    announcement = Message.objects.get(case_reference=f"NOTICE-{notice.pk}", subject__endswith="published")
    assert Delivery.objects.filter(message=announcement).count() == 196
    assert RecordLink.objects.filter(record_type="person", record_id=notice.subject_id, target_type="notice",
                                     target_ref=published.control_number).exists()
    extract = PublicExtract.objects.get(notice=notice)
    assert extract.data["name"] == "DUPONT" and extract.data["forename"] == "JEAN PIERRE"
    assert extract.data["arrest_warrants"][0]["charge"] == "armed robbery"
    actions = [e.action for e in AuditEntry.objects.filter(object_type="notice") if str(notice.pk) in e.object_ids]
    assert {"notice.request", "notice.submit", "notice.review.approve"} <= set(actions)


def test_a_request_that_fails_screening_is_refused_and_stays_a_draft(bureau):
    notice = bureau.draft(content=red_content(warrants=[]))
    with pytest.raises(InvalidNotice) as caught:
        services.submit_notice(bureau.fr, notice.pk)
    assert "content.warrants" in caught.value.errors
    assert _state(notice) == NoticeState.DRAFT
    assert not Message.objects.filter(case_reference=f"NOTICE-{notice.pk}").exists()


def test_an_excluded_offence_is_refused_at_submission(bureau):
    notice = bureau.draft(content=red_content(charges=[{"description": "breach of contract", "law": "Civil code",
                                                        "maximum_penalty_months": 60}]))
    with pytest.raises(InvalidNotice, match="private dispute"):
        services.submit_notice(bureau.fr, notice.pk)
    assert _state(notice) == NoticeState.DRAFT


def test_a_reviewer_never_reviews_a_request_of_their_own_country(bureau):
    notice = bureau.draft()
    services.submit_notice(bureau.fr, notice.pk)
    with pytest.raises(Denied, match="national of FR"):
        review.review_notice(bureau.rev_fr, notice.pk, "approve")
    with pytest.raises(Denied, match="nationality is not recorded"):
        review.review_notice(bureau.rev_none, notice.pk, "approve")
    assert _state(notice) == NoticeState.IN_REVIEW
    assert notice.pk not in [n.pk for n in review.review_queue(bureau.rev_fr)]
    assert notice.pk in [n.pk for n in review.review_queue(bureau.rev_br)]


def test_only_reviewers_review(bureau):
    notice = bureau.draft()
    services.submit_notice(bureau.fr, notice.pk)
    with pytest.raises(Denied):
        review.review_notice(bureau.de, notice.pk, "approve")
    assert _state(notice) == NoticeState.IN_REVIEW


def test_a_flagged_request_needs_two_different_reviewers(bureau):
    notice = bureau.draft(content=red_content(
        charges=[{"description": "espionage", "law": "Code pénal art. 411-6", "maximum_penalty_months": 180}]))
    notice, result = services.submit_notice(bureau.fr, notice.pk)
    assert notice.flagged and result.signals[0].category == "military"
    review.review_notice(bureau.rev_br, notice.pk, "approve")
    assert _state(notice) == NoticeState.IN_REVIEW
    with pytest.raises(Denied, match="already decided"):
        review.review_notice(bureau.rev_br, notice.pk, "approve")
    assert notice.pk not in [n.pk for n in review.review_queue(bureau.rev_br)]
    review.review_notice(bureau.rev_jp, notice.pk, "approve")
    assert _state(notice) == NoticeState.PUBLISHED


def test_refusal_and_return_need_reasons_and_tell_the_owner(bureau):
    notice = bureau.draft()
    services.submit_notice(bureau.fr, notice.pk)
    with pytest.raises(InvalidNotice, match="reasons"):
        review.review_notice(bureau.rev_br, notice.pk, "return", "")
    review.review_notice(bureau.rev_br, notice.pk, "return", "Please add the judgment's date.")
    assert _state(notice) == NoticeState.RETURNED
    told = Message.objects.get(case_reference=f"NOTICE-{notice.pk}", subject__contains="returned")
    assert "judgment's date" in told.body and told.deliveries.get().recipient_org.code == "NCB-FR"
    # the owner edits the returned request and submits again: a new round, the same reviewer may decide again
    r = services.NoticeRequest("red", red_content(summary="With the judgment's date."), notice.subject_id)
    services.edit_notice(bureau.fr, notice.pk, r)
    services.submit_notice(bureau.fr, notice.pk)
    review.review_notice(bureau.rev_br, notice.pk, "refuse", "Not serious enough.")
    assert _state(notice) == NoticeState.REFUSED
    with pytest.raises(NotAllowedNow):
        services.submit_notice(bureau.fr, notice.pk)


def test_what_other_members_see(bureau, world):
    draft = bureau.draft()
    published = bureau.published()
    hidden = bureau.published(restrictions=Restrictions(mode="deny", countries=("DE",)))
    de_sees = {n.pk for n in services.list_notices(bureau.de)}
    assert published.pk in de_sees and draft.pk not in de_sees and hidden.pk not in de_sees
    assert hidden.pk in {n.pk for n in services.list_notices(bureau.es)}
    assert {draft.pk, published.pk, hidden.pk} <= {n.pk for n in services.list_notices(bureau.fr)}
    assert {draft.pk, published.pk, hidden.pk} <= {n.pk for n in services.list_notices(bureau.rev_br)}
    with pytest.raises(services.NoticeNotFound):
        services.read_notice(bureau.de, draft.pk)
    # the announcement never reached the excluded country
    announcement = Message.objects.get(case_reference=f"NOTICE-{hidden.pk}", subject__endswith="published")
    assert not announcement.deliveries.filter(recipient_org__country_id="DE").exists()
    agency = world.actor(world.user(world.agency("FR", "FR-PJ"), "agency_officer"))
    agency_sees = {n.pk for n in services.list_notices(agency)}
    assert published.pk in agency_sees and draft.pk not in agency_sees


def test_only_the_requesting_country_changes_its_notice(bureau):
    notice = bureau.draft()
    with pytest.raises(services.NoticeNotFound):
        services.submit_notice(bureau.de, notice.pk)
    published = bureau.published()
    with pytest.raises(Denied, match="requesting country"):
        services.submit_notice(bureau.de, published.pk)


def test_agencies_do_not_request_notices(bureau, world):
    agency = world.actor(world.user(world.agency("FR", "FR-GN"), "agency_officer"))
    with pytest.raises(Denied):
        services.request_notice(agency, services.NoticeRequest("red", red_content(), None))


@pytest.mark.parametrize("kind, content, field", [
    ("red", red_content(sought_for="sentence"), "content"),
    ("red", {**red_content(), "colour": "red"}, "content.colour"),
    ("yellow", {"summary": "Missing since May."}, "content.reason"),
    ("purple", {"summary": "Drugs hidden in car tyres."}, "content.modus_operandi"),
    ("pink", {"summary": "x"}, "type"),
])
def test_bad_content_is_refused_with_the_field(bureau, kind, content, field):
    person = bureau.person()
    before = Notice.objects.count()
    with pytest.raises(InvalidNotice) as caught:
        services.request_notice(bureau.fr, services.NoticeRequest(kind, content, None if kind == "purple" else person.pk))
    assert any(k.startswith(field) for k in caught.value.errors), caught.value.errors
    assert Notice.objects.count() == before


def test_the_subject_must_be_a_record_of_the_requesting_country(bureau):
    german = bureau.person(actor=bureau.de, national_reference="DE-1")
    with pytest.raises(InvalidNotice, match="of your country"):
        services.request_notice(bureau.fr, services.NoticeRequest("red", red_content(), german.pk))
    with pytest.raises(InvalidNotice, match="needs its subject"):
        services.request_notice(bureau.fr, services.NoticeRequest("red", red_content(), None))


def test_every_type_can_be_requested_and_published(bureau):
    for kind, content in CONTENTS.items():
        kw = {} if kind != "purple" else {"subject_person_id": None}
        notice = bureau.draft(kind=kind, content=content, **kw)
        services.submit_notice(bureau.fr, notice.pk)
        published = review.review_notice(bureau.rev_jp, notice.pk, "approve")
        assert published.state == NoticeState.PUBLISHED, kind
