"""Notices in the portal: a Red Notice requested through the form, screened before submission, submitted, reviewed
by a reviewer of another country and published; every type's form; refusals on the fields; renewal and
withdrawal; the review queue; diffusions."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ncbnet.notices.content import NoticeType
from ncbnet.notices.models import Notice, NoticeState, PublicExtract
from tests.notices.conftest import Bureau
from tests.portal.conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau(world):
    return Bureau(world)


def _user(actor):
    from ncbnet.members.models import User

    return User.objects.get(pk=actor.user_id)


def _red_form(person_id: int, **over) -> dict:
    data = {"subject_person_id": str(person_id), "language": "fr", "classification": "1", "restriction_mode": "none",
            "summary": "Vol à main armée d'une bijouterie à Lyon le 3 mars 2025.", "sought_for": "prosecution",
            "extradition_assurance": "on", "public_consent": "on",
            "charges_0_description": "vol à main armée", "charges_0_law": "Code pénal art. 311-8",
            "charges_0_maximum_penalty_months": "360", "charges_0_translation": "armed robbery",
            "warrants_0_kind": "arrest_warrant", "warrants_0_authority": "Juge d'instruction, Lyon",
            "warrants_0_issued_on": "2025-03-20", "warrants_0_reference": "MA-2025-118"}
    data.update(over)
    return data


def test_a_red_notice_from_form_to_publication(world, bureau):
    person = bureau.person()
    paris = signed_in(_user(bureau.fr))
    response = paris.post("/portal/notices/new/red/", _red_form(person.pk))
    notice = Notice.objects.get(subject=person)
    assert response.status_code == 302 and response["Location"] == f"/portal/notices/{notice.pk}/"
    assert notice.state == NoticeState.DRAFT and notice.public_consent
    assert notice.content["charges"] == [{"description": "vol à main armée", "law": "Code pénal art. 311-8",
                                          "maximum_penalty_months": 360, "translation": "armed robbery"}]
    assert notice.content["warrants"][0]["issued_on"] == "2025-03-20"

    draft_page = paris.get(response["Location"]).content.decode()
    assert "Meets the minimum criteria." in draft_page and "Submit for review" in draft_page
    paris.post(f"/portal/notices/{notice.pk}/submit/")
    notice.refresh_from_db()
    assert notice.state == NoticeState.IN_REVIEW

    french_reviewer = signed_in(_user(bureau.rev_fr))
    assert f"/portal/notices/{notice.pk}/" not in french_reviewer.get("/portal/notices/review/").content.decode()
    assert 'name="decision"' not in french_reviewer.get(f"/portal/notices/{notice.pk}/").content.decode()

    reviewer = signed_in(_user(bureau.rev_br))
    assert f"/portal/notices/{notice.pk}/" in reviewer.get("/portal/notices/review/").content.decode()
    page = reviewer.get(f"/portal/notices/{notice.pk}/").content.decode()
    assert 'name="decision"' in page and "Screening at submission" in page and "vol à main armée" in page
    content = page[page.index('data-testid="content"'):page.index("</dl>", page.index('data-testid="content"'))]
    assert "Extradition assurance" in content and "yes" in content and "arrest warrant" in content
    assert "arrest_warrant" not in content and "None" not in content and "True" not in content
    assert reviewer.post(f"/portal/notices/{notice.pk}/review/", {"decision": "refuse"}).status_code == 400
    notice.refresh_from_db()
    assert notice.state == NoticeState.IN_REVIEW  # a refusal needs reasons: nothing changed
    reviewer.post(f"/portal/notices/{notice.pk}/review/", {"decision": "approve"})
    notice.refresh_from_db()
    assert notice.state == NoticeState.PUBLISHED and notice.year is not None
    assert PublicExtract.objects.filter(notice=notice).exists()
    assert notice.title in signed_in(_user(bureau.de)).get("/portal/notices/?type=red").content.decode()


def test_a_request_short_of_the_criteria_shows_why_and_cannot_be_submitted(world, bureau):
    person = bureau.person()
    paris = signed_in(_user(bureau.fr))
    form = _red_form(person.pk, warrants_0_kind="", warrants_0_authority="", warrants_0_issued_on="",
                     warrants_0_reference="", charges_0_maximum_penalty_months="6")
    response = paris.post("/portal/notices/new/red/", form)
    notice = Notice.objects.get(subject=person)
    page = paris.get(response["Location"]).content.decode()
    assert "Does not meet the minimum criteria:" in page and "Submit for review" not in page
    paris.post(f"/portal/notices/{notice.pk}/submit/")
    notice.refresh_from_db()
    assert notice.state == NoticeState.DRAFT


def test_a_refused_form_shows_the_reasons_by_the_fields_and_saves_nothing(world, bureau):
    person = bureau.person()
    paris = signed_in(_user(bureau.fr))
    response = paris.post("/portal/notices/new/red/", _red_form(
        person.pk, summary="", charges_0_law="", sought_for="sentence", charges_0_maximum_penalty_months="-1"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in page  # the summary
    assert "Ensure this value is greater than or equal to 0." in page  # the penalty
    assert 'value="vol à main armée"' in page  # what was typed is kept
    assert not Notice.objects.filter(subject=person).exists()


def test_the_service_refusals_come_back_to_their_fields(world, bureau):
    person = bureau.person()
    paris = signed_in(_user(bureau.fr))
    missing_law = paris.post("/portal/notices/new/red/", _red_form(person.pk, charges_0_law=""))
    page = missing_law.content.decode()
    assert missing_law.status_code == 400
    law = page[page.index('name="charges_0_law"'):]
    assert law[:law.index("</div>")].count("Field required") == 1  # next to the field it is about
    no_sentence = paris.post("/portal/notices/new/red/", _red_form(person.pk, sought_for="sentence"))
    assert no_sentence.status_code == 400
    assert "sentence_remaining_months is required" in no_sentence.content.decode()
    assert not Notice.objects.filter(subject=person).exists()


@pytest.mark.parametrize("kind", [t.value for t in NoticeType])
def test_every_type_has_its_form(world, bureau, kind):
    page = signed_in(_user(bureau.fr)).get(f"/portal/notices/new/{kind}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert ('name="subject_person_id"' in text) == (kind != "purple")
    assert ('name="public_consent"' in text) == (kind in ("red", "yellow", "un"))


def test_a_yellow_notice_through_the_form(world, bureau):
    child = bureau.person(role="missing", names=["Léa Martin"], birth_date="2015-02-01")
    response = signed_in(_user(bureau.fr)).post("/portal/notices/new/yellow/", {
        "subject_person_id": str(child.pk), "language": "fr", "classification": "1", "restriction_mode": "none",
        "summary": "Disparue à la sortie de l'école.", "reason": "missing", "disappeared_on": "2026-06-01",
        "disappeared_at": "Lyon", "minor": "on"})
    assert response.status_code == 302
    notice = Notice.objects.get(subject=child)
    assert notice.content == {"summary": "Disparue à la sortie de l'école.", "reason": "missing",
                              "disappeared_on": "2026-06-01", "disappeared_at": "Lyon", "minor": True}


def test_a_purple_notice_has_no_subject_and_lists_one_per_line(world, bureau):
    response = signed_in(_user(bureau.fr)).post("/portal/notices/new/purple/", {
        "language": "en", "classification": "1", "restriction_mode": "none", "summary": "Concealment in tyres.",
        "modus_operandi": "Cocaine hidden in car tyres.", "concealment_methods": "tyres\n\nspare wheel\n"})
    assert response.status_code == 302
    notice = Notice.objects.get(notice_type="purple")
    assert notice.subject_id is None and notice.content["concealment_methods"] == ["tyres", "spare wheel"]


def test_another_countrys_draft_answers_as_if_it_did_not_exist(world, bureau):
    draft = bureau.draft()
    assert signed_in(_user(bureau.de)).get(f"/portal/notices/{draft.pk}/").status_code == 404


def test_the_owner_withdraws_and_renews_in_the_window(world, bureau):
    notice = bureau.published()
    paris = signed_in(_user(bureau.fr))
    page = paris.get(f"/portal/notices/{notice.pk}/").content.decode()
    assert "Withdraw" in page and ">Renew<" not in page  # not yet in its last six months
    Notice.objects.filter(pk=notice.pk).update(expires_at=timezone.now() + timezone.timedelta(days=30))
    listing = paris.get("/portal/notices/").content.decode()
    assert "Our notices to renew" in listing and f"/portal/notices/{notice.pk}/" in listing
    assert paris.post(f"/portal/notices/{notice.pk}/renew/", {"reasons": ""}).status_code == 400
    paris.post(f"/portal/notices/{notice.pk}/renew/", {"reasons": "Still wanted: the trial is pending."})
    notice.refresh_from_db()
    assert notice.expires_at > timezone.now() + timezone.timedelta(days=365 * 4)
    paris.post(f"/portal/notices/{notice.pk}/withdraw/", {"reasons": "Arrested in Spain."})
    notice.refresh_from_db()
    assert notice.state == NoticeState.WITHDRAWN and not PublicExtract.objects.filter(notice=notice).exists()


def test_a_member_does_not_withdraw_anothers_notice(world, bureau):
    notice = bureau.published()
    berlin = signed_in(_user(bureau.de))
    assert "Withdraw" not in berlin.get(f"/portal/notices/{notice.pk}/").content.decode()
    berlin.post(f"/portal/notices/{notice.pk}/withdraw/", {"reasons": "No."})
    notice.refresh_from_db()
    assert notice.state == NoticeState.PUBLISHED


def test_diffusions_received(world, bureau):
    from ncbnet.notices import diffusions

    diffusions.send_diffusion(bureau.fr, diffusions.DiffusionRequest(
        kind="wanted", title="Jean Dupont, wanted for armed robbery", body="Please locate.", recipients=["NCB:DE"]))
    page = signed_in(_user(bureau.de)).get("/portal/notices/diffusions/?received=1").content.decode()
    assert "Jean Dupont, wanted for armed robbery" in page
    assert "Jean Dupont, wanted" not in signed_in(world.officer("IT")).get(
        "/portal/notices/diffusions/?received=1").content.decode()


def test_the_review_queue_is_for_reviewers(world, bureau):
    bureau.draft()
    page = signed_in(_user(bureau.de)).get("/portal/notices/review/").content.decode()
    assert 'data-testid="queue"' not in page and "Nothing awaits your review." in page
    assert "Review queue" not in signed_in(_user(bureau.de)).get("/portal/notices/").content.decode()


def test_a_diffusion_sent_from_the_form_reaches_only_the_chosen_countries(world, bureau):
    paris = signed_in(_user(bureau.fr))
    page = paris.get("/portal/notices/diffusions/new/").content.decode()
    import re

    submission = re.search(r'name="submission" value="([0-9a-f]+)"', page)[1]
    response = paris.post("/portal/notices/diffusions/new/", {
        "submission": submission, "countries": ["DE", "ES"], "kind": "wanted", "title": "Karim B., wanted for fraud",
        "body": "Please locate and tell us.", "classification": "1", "restriction_mode": "none"})
    assert response.status_code == 302
    assert "Karim B., wanted for fraud" in signed_in(_user(bureau.de)).get(
        "/portal/notices/diffusions/?received=1").content.decode()
    assert "Karim B." not in signed_in(world.officer("IT")).get("/portal/notices/diffusions/?received=1").content.decode()
    refused = paris.post("/portal/notices/diffusions/new/", {"submission": "x", "kind": "wanted", "title": "",
                                                             "body": "b", "classification": "1",
                                                             "restriction_mode": "none"})
    assert refused.status_code == 400 and "Choose at least one recipient." in refused.content.decode()


def test_only_notices_in_their_last_months_are_listed_to_renew(world, bureau):
    soon, later = bureau.published(), bureau.published()
    Notice.objects.filter(pk=soon.pk).update(expires_at=timezone.now() + timezone.timedelta(days=30))
    listing = signed_in(_user(bureau.fr)).get("/portal/notices/").content.decode()
    renew = listing[listing.index("Our notices to renew"):listing.index('id="list-title"')]
    assert f"/portal/notices/{soon.pk}/" in renew and f"/portal/notices/{later.pk}/" not in renew
