"""Diffusions: sent straight to chosen countries, found by their recipients, found non-compliant by the GS."""

from __future__ import annotations

import pytest

from ncbnet.access.policy import Denied
from ncbnet.messaging.recipients import UnknownRecipient
from ncbnet.notices import diffusions
from ncbnet.notices.content import InvalidNotice
from ncbnet.notices.models import Diffusion, DiffusionState


def send(actor, recipients=("NCB:DE", "NCB:ES"), **kw):
    r = diffusions.DiffusionRequest(kind=kw.pop("kind", "wanted"), title=kw.pop("title", "Wanted: Jean DUPONT"),
                                    body=kw.pop("body", "Armed robbery in Lyon; may travel to Spain."),
                                    recipients=list(recipients), **kw)
    return diffusions.send_diffusion(actor, r)


def test_sent_to_chosen_countries_and_found_by_them_only(bureau, world):
    d = send(bureau.fr)
    assert d.message.deliveries.count() == 2
    assert [x.pk for x in diffusions.list_diffusions(bureau.de, text="dupont")] == [d.pk]
    assert [x.pk for x in diffusions.list_diffusions(bureau.fr, kind="wanted")] == [d.pk]
    it = world.actor(world.officer("IT"))
    assert diffusions.list_diffusions(it) == []
    with pytest.raises(diffusions.DiffusionNotFound):
        diffusions.read_diffusion(it, d.pk)


def test_to_all_members_within_restrictions(bureau):
    d = send(bureau.fr, ["ALL"], restrictions={"restriction_mode": "deny", "restricted_countries": ["DE"]})
    assert d.message.deliveries.count() == 194  # 196 members less France itself and the excluded Germany
    assert diffusions.list_diffusions(bureau.de) == []
    assert [x.pk for x in diffusions.list_diffusions(bureau.es)] == [d.pk]


@pytest.mark.parametrize("kw, field", [
    ({"kind": "rumour"}, "kind"), ({"title": " "}, "title"),
    ({"restrictions": {"restriction_mode": "allow", "restricted_countries": []}}, "restricted_countries"),
    ({"subject_person_id": 999999}, "subject_person_id"),
])
def test_bad_diffusions_are_refused_and_nothing_is_sent(bureau, kw, field):
    with pytest.raises(InvalidNotice) as caught:
        send(bureau.fr, **kw)
    assert field in caught.value.errors
    assert not Diffusion.objects.exists()


def test_recipients_must_be_member_bureaus(bureau):
    with pytest.raises(InvalidNotice, match="member countries"):
        send(bureau.fr, ["GS"])
    with pytest.raises(UnknownRecipient):
        send(bureau.fr, ["NCB:QQ"])
    assert not Diffusion.objects.exists()


def test_the_general_secretariat_finds_one_non_compliant(bureau):
    d = send(bureau.fr)
    with pytest.raises(Denied):
        diffusions.find_non_compliant(bureau.de, d.pk, "no")
    diffusions.find_non_compliant(bureau.rev_br, d.pk, "Political character: opposition activist.")
    d.refresh_from_db()
    assert d.state == DiffusionState.NON_COMPLIANT
    notice = d.message.replies.get()
    assert "update your national records" in notice.body
    assert {x.recipient_org.country_id for x in notice.deliveries.all()} == {"DE", "ES", "FR"}
    with pytest.raises(InvalidNotice, match="already"):
        diffusions.find_non_compliant(bureau.rev_br, d.pk, "again")
