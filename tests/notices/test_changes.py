"""After publication: update, suspension, withdrawal, cancellation, deletion on order, renewal, expiry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ncbnet.access.policy import Denied
from ncbnet.messaging.models import Message
from ncbnet.notices import changes, review, services
from ncbnet.notices.content import InvalidNotice
from ncbnet.notices.lifecycle import NotAllowedNow, add_months
from ncbnet.notices.models import Notice, NoticeEvent, NoticeState, PublicExtract
from tests.notices.conftest import red_content


def fresh(notice) -> Notice:
    return Notice.objects.get(pk=notice.pk)


def test_a_correction_applies_at_once(bureau):
    notice = bureau.published(public_consent=True)
    changes.update_notice(bureau.fr, notice.pk, red_content(summary="Armed robbery in Lyon (corrected date)."))
    n = fresh(notice)
    assert n.content["summary"].endswith("(corrected date).") and n.pending_content is None


def test_a_material_change_waits_for_review_while_the_notice_stays_published(bureau):
    notice = bureau.published()
    new = red_content(charges=[{"description": "armed robbery and kidnapping", "law": "art. 224-1",
                                "maximum_penalty_months": 360}])
    changes.update_notice(bureau.fr, notice.pk, new, "kidnapping charge added")
    n = fresh(notice)
    assert n.state == NoticeState.PUBLISHED and n.content["charges"][0]["description"] == "armed robbery"
    assert n.pending_content["charges"][0]["description"] == "armed robbery and kidnapping"
    assert n.pk in [x.pk for x in review.review_queue(bureau.rev_jp)]
    with pytest.raises(InvalidNotice, match="already in review"):
        changes.update_notice(bureau.fr, notice.pk, red_content(summary="again"))
    review.review_notice(bureau.rev_jp, notice.pk, "approve")
    n = fresh(notice)
    assert n.content["charges"][0]["description"] == "armed robbery and kidnapping" and n.pending_content is None


def test_a_change_in_review_lapses_when_the_notice_is_withdrawn(bureau):
    notice = bureau.published()
    changes.update_notice(bureau.fr, notice.pk, red_content(sought_for="sentence", sentence_remaining_months=48))
    changes.withdraw_notice(bureau.fr, notice.pk, "arrested")
    assert fresh(notice).pending_content is None
    assert notice.pk not in [n.pk for n in review.review_queue(bureau.rev_jp)]


def test_a_refused_change_leaves_the_notice_as_published(bureau):
    notice = bureau.published()
    changes.update_notice(bureau.fr, notice.pk, red_content(extradition_assurance=True, sought_for="sentence",
                                                            sentence_remaining_months=48))
    review.review_notice(bureau.rev_jp, notice.pk, "refuse", "The judgment is not attached.")
    n = fresh(notice)
    assert n.pending_content is None and n.content["sought_for"] == "prosecution" and n.state == NoticeState.PUBLISHED


def test_a_change_that_fails_screening_is_refused_at_once(bureau):
    notice = bureau.published()
    with pytest.raises(InvalidNotice, match="arrest warrant"):
        changes.update_notice(bureau.fr, notice.pk, red_content(warrants=[]))
    assert fresh(notice).pending_content is None


def test_suspension_of_at_most_six_months_hides_the_notice_and_its_extract(bureau):
    notice = bureau.published(public_consent=True)
    assert PublicExtract.objects.filter(notice=notice).exists()
    too_long = add_months(timezone.now(), 6) + timedelta(days=1)
    with pytest.raises(InvalidNotice, match="at most 6 months"):
        changes.suspend_notice(bureau.fr, notice.pk, too_long, "extradition talks")
    assert fresh(notice).state == NoticeState.PUBLISHED
    with pytest.raises(InvalidNotice, match="reasons"):
        changes.suspend_notice(bureau.fr, notice.pk, timezone.now() + timedelta(days=30), " ")
    changes.suspend_notice(bureau.fr, notice.pk, timezone.now() + timedelta(days=30), "extradition talks")
    assert fresh(notice).state == NoticeState.SUSPENDED
    assert not PublicExtract.objects.filter(notice=notice).exists()
    assert notice.pk not in {n.pk for n in services.list_notices(bureau.de)}
    changes.resume_notice(bureau.fr, notice.pk)
    assert fresh(notice).state == NoticeState.PUBLISHED and PublicExtract.objects.filter(notice=notice).exists()


def test_withdrawal_by_the_owner_and_cancellation_by_the_general_secretariat(bureau):
    a, b = bureau.published(public_consent=True), bureau.published()
    with pytest.raises(Denied):
        changes.withdraw_notice(bureau.de, a.pk, "not mine")
    changes.withdraw_notice(bureau.fr, a.pk, "arrested in Spain")
    assert fresh(a).state == NoticeState.WITHDRAWN and not PublicExtract.objects.filter(notice=a).exists()
    with pytest.raises(Denied):
        changes.cancel_notice(bureau.fr, b.pk, "owner cannot cancel")
    changes.cancel_notice(bureau.rev_br, b.pk, "Article 3: political character found on review")
    assert fresh(b).state == NoticeState.CANCELLED
    with pytest.raises(NotAllowedNow):
        changes.withdraw_notice(bureau.fr, b.pk, "too late")
    told = Message.objects.get(case_reference=f"NOTICE-{b.pk}", subject__contains="cancelled")
    assert "Article 3" in told.body and told.deliveries.count() == 196


def test_deletion_on_order_erases_the_content(bureau):
    notice = bureau.published(public_consent=True)
    with pytest.raises(InvalidNotice, match="record the order first"):
        changes.delete_notice(bureau.rev_br, notice.pk)
    changes.order_deletion(bureau.rev_br, notice.pk, "CCF-2026-17")
    assert fresh(notice).deletion_due_at > timezone.now()
    changes.delete_notice(bureau.rev_br, notice.pk)
    n = fresh(notice)
    assert n.state == NoticeState.DELETED and n.content == {} and "DUPONT" not in n.title
    assert not NoticeEvent.objects.filter(notice=notice, content__isnull=False).exists()
    assert not PublicExtract.objects.filter(notice=notice).exists()


def test_renewal_needs_reasons_and_the_last_six_months(bureau):
    notice = bureau.published()
    with pytest.raises(InvalidNotice, match="reasons"):
        changes.renew_notice(bureau.fr, notice.pk, "")
    with pytest.raises(InvalidNotice, match="last 6 months"):
        changes.renew_notice(bureau.fr, notice.pk, "still at large")
    expires = timezone.now() + timedelta(days=30)
    Notice.objects.filter(pk=notice.pk).update(expires_at=expires)
    changes.renew_notice(bureau.fr, notice.pk, "still at large; seen in Marseille")
    assert fresh(notice).expires_at == add_months(expires, 60)


def test_the_daily_lifecycle(bureau):
    now = timezone.now()
    expiring, asked, suspended, ordered = (bureau.published(public_consent=True) for _ in range(4))
    Notice.objects.filter(pk=expiring.pk).update(expires_at=now - timedelta(minutes=1))
    Notice.objects.filter(pk=asked.pk).update(expires_at=now + timedelta(days=100))
    changes.suspend_notice(bureau.fr, suspended.pk, now + timedelta(days=1), "talks")
    Notice.objects.filter(pk=suspended.pk).update(suspended_until=now - timedelta(minutes=1))
    changes.order_deletion(bureau.rev_br, ordered.pk, "CCF-9", now + timedelta(days=1))
    Notice.objects.filter(pk=ordered.pk).update(deletion_due_at=now - timedelta(minutes=1))
    run = changes.run_lifecycle(now)
    assert (run.expired, run.asked, run.resumed, run.deleted) == (1, 1, 1, 1)
    assert fresh(expiring).state == NoticeState.EXPIRED and not PublicExtract.objects.filter(notice=expiring).exists()
    assert fresh(asked).renewal_asked_at is not None
    assert Message.objects.filter(case_reference=f"NOTICE-{asked.pk}", subject__contains="still needed").count() == 1
    assert fresh(suspended).state == NoticeState.PUBLISHED
    assert fresh(ordered).state == NoticeState.DELETED
    again = changes.run_lifecycle(now)  # nothing twice
    assert (again.expired, again.asked, again.resumed, again.deleted) == (0, 0, 0, 0)


def test_the_public_extract_follows_the_subjects_record(bureau):
    from ncbnet.records.attachments import add_photo
    from ncbnet.records.services import update_record
    from tests.factories import PNG

    notice = bureau.published(public_consent=True)
    update_record(bureau.fr, "person", notice.subject_id, {"height_cm": 190, "hair_colour": "black"})
    extract = PublicExtract.objects.get(notice=notice)
    assert extract.data["height"] == 1.9 and extract.data["hairs_id"] == ["BLA"]
    photo = add_photo(bureau.fr, "person", notice.subject_id, "face.png", PNG)
    assert PublicExtract.objects.get(notice=notice).photos == [photo.blob_id]
