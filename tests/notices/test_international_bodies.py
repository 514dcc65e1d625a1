"""An authorised international body requests notices: it keeps no records, so it gives its subject's
particulars, and the General Secretariat holds the subject's record from publication."""

from __future__ import annotations

import pytest

from ncbnet.access.levels import Role
from ncbnet.access.policy import Denied
from ncbnet.hits.models import Hit, HitStatus
from ncbnet.hits.services import answer_hit, list_hits
from ncbnet.members.models import Organisation, OrgKind
from ncbnet.messaging.models import Delivery
from ncbnet.notices import changes, review, services
from ncbnet.notices.content import InvalidNotice
from ncbnet.notices.models import NoticeState
from ncbnet.records.person_search import PersonSearch, search_persons
from ncbnet.records.services import read_record
from tests.notices.conftest import CONTENTS

SUBJECT = {"names": ["AL-TIKRITI, Hamid Youssef", {"full": "حامد يوسف التكريتي", "kind": "original_script"}],
           "birth_date": "1971-03-02", "sex": "M", "nationalities": ["IQ"], "height_cm": 175}


@pytest.fixture
def body(world):
    org = Organisation.objects.create(code="UN-SC", kind=OrgKind.INTERNATIONAL_BODY,
                                      name="United Nations Security Council")
    return world.actor(world.user(org, Role.INTL_BODY_OFFICER))


def request(body, **kw):
    r = services.NoticeRequest(notice_type=kw.pop("kind", "un"), content=kw.pop("content", CONTENTS["un"]),
                               subject=kw.pop("subject", SUBJECT), **kw)
    return services.request_notice(body, r)


def test_a_un_special_notice_requested_by_the_security_council(bureau, body):
    notice = request(body, public_consent=True)
    assert notice.owner_country_id is None and notice.title == "AL-TIKRITI, Hamid Youssef"
    assert notice.subject_id is None
    # seen by the body and the General Secretariat, not by members, until published
    assert notice.pk in {n.pk for n in services.list_notices(body)}
    assert notice.pk not in {n.pk for n in services.list_notices(bureau.de)}
    services.submit_notice(body, notice.pk)
    review.review_notice(bureau.rev_fr, notice.pk, "approve")  # no country of its own: any reviewer may decide
    notice.refresh_from_db()
    assert notice.state == NoticeState.PUBLISHED and notice.subject_id is not None
    person = notice.subject
    assert person.owner_country_id is None and person.owner_ncb.code == "GS"
    # the subject is found by person search, in any script (the hit it raises: below)
    results = search_persons(bureau.de, PersonSearch(names=["Hamid Al Tikriti"], birth_date="1971"))
    assert results[0].person.pk == person.pk
    assert notice.public_extract.data["name"] == "AL-TIKRITI"
    # the body is told of the publication like a requesting NCB
    assert Delivery.objects.filter(recipient_org__code="UN-SC", message__subject__endswith="published").exists()


def _published_subject(bureau, body):
    notice = request(body)
    services.submit_notice(body, notice.pk)
    review.review_notice(bureau.rev_br, notice.pk, "approve")
    notice.refresh_from_db()
    return notice.subject


def test_a_match_on_a_subject_the_gs_holds_raises_a_hit_the_gs_answers(bureau, body, world):
    """The General Secretariat holds the subject's record for the body: it is told of a match, once (it is also
    where the CCC reads), and its reviewers confirm or deny; the searching NCB reads the answer."""
    person = _published_subject(bureau, body)
    results = search_persons(bureau.de, PersonSearch(names=["Hamid Al Tikriti"], birth_date="1971"))
    assert results[0].person.pk == person.pk and results[0].hit is not None
    hit = Hit.objects.get(record_type="person", record_id=person.pk)
    assert hit.owner_country_id is None and hit.owner_ncb.code == "GS" and hit.searcher_org.code == "NCB-DE"
    told = Delivery.objects.filter(message=hit.notification)
    assert [d.recipient_org.code for d in told] == ["GS"]
    assert hit.reference in hit.notification.subject and hit.notification.owner_country_id is None
    assert [h.reference for h in list_hits(bureau.rev_jp, role="owner")] == [hit.reference]
    assert list_hits(bureau.de, role="owner") == []
    with pytest.raises(Denied, match="owner's NCB"):
        answer_hit(bureau.de, hit.reference, confirmed=True)  # the searcher does not answer
    ccc = world.actor(world.user(world.gs(), Role.CCC_OFFICER))
    with pytest.raises(Denied):
        answer_hit(ccc, hit.reference, confirmed=True)  # the CCC watches; the reviewers answer
    answer_hit(bureau.rev_jp, hit.reference, confirmed=True, note="still listed by the committee")
    hit.refresh_from_db()
    assert hit.status == HitStatus.CONFIRMED
    answer = Delivery.objects.get(recipient_org__code="NCB-DE", message__reply_to=hit.notification).message
    assert answer.sender_org.code == "GS" and "still listed" in answer.body


def test_the_gs_searching_what_it_holds_raises_no_hit(bureau, body):
    person = _published_subject(bureau, body)
    results = search_persons(bureau.rev_jp, PersonSearch(names=["Hamid Al Tikriti"], birth_date="1971"))
    assert results[0].person.pk == person.pk and results[0].hit is None
    assert not Hit.objects.filter(record_id=person.pk).exists()


def test_the_body_changes_only_its_own_notices(bureau, body, world):
    notice = request(body)
    services.submit_notice(body, notice.pk)
    review.review_notice(bureau.rev_br, notice.pk, "approve")
    with pytest.raises(Denied, match="requesting international body"):
        changes.withdraw_notice(bureau.de, notice.pk, "not ours")
    other = Organisation.objects.create(code="ICC", kind=OrgKind.INTERNATIONAL_BODY, name="International Criminal Court")
    icc = world.actor(world.user(other, Role.INTL_BODY_OFFICER))
    with pytest.raises(Denied, match="international body"):
        changes.withdraw_notice(icc, notice.pk, "not ours either")
    changes.withdraw_notice(body, notice.pk, "delisted by the committee")
    notice.refresh_from_db()
    assert notice.state == NoticeState.WITHDRAWN


@pytest.mark.parametrize("kw, field", [
    ({"subject": {**SUBJECT, "birth_date": "1971-02-30"}}, "subject.birth_date"),
    ({"subject": {**SUBJECT, "names": ["--"]}}, "subject.names[0]"),
    ({"subject": None, "subject_person_id": 1}, "subject_person_id"),
    ({"kind": "red", "content": {"summary": "x"}, "subject": None}, "content"),
    ({"kind": "purple", "content": CONTENTS["purple"]}, "subject"),
])
def test_bad_requests_of_a_body(body, kw, field):
    with pytest.raises(InvalidNotice) as caught:
        request(body, **kw)
    assert any(k.startswith(field) for k in caught.value.errors), caught.value.errors


def test_an_ncb_names_its_subject_by_record_not_particulars(bureau):
    with pytest.raises(InvalidNotice, match="subject_person_id"):
        services.request_notice(bureau.fr, services.NoticeRequest("un", CONTENTS["un"], subject=SUBJECT))


def test_a_body_has_no_police_databases(body):
    with pytest.raises(Denied):
        search_persons(body, PersonSearch(names=["Hamid"]))
    with pytest.raises(Denied):
        read_record(body, "person", 1)
