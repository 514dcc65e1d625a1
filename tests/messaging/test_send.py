import pytest

from ncbnet.access.levels import Role
from ncbnet.access.policy import Denied
from ncbnet.audit.models import AuditEntry
from ncbnet.messaging import services
from ncbnet.messaging.models import Delivery, Message
from ncbnet.messaging.recipients import UnknownRecipient


def test_message_to_all_members_gets_one_delivery_per_ncb_but_not_the_sender(world):
    fr = world.officer("FR")
    msg = world.send(fr, ["ALL"], priority="urgent")
    deliveries = Delivery.objects.filter(message=msg)
    assert deliveries.count() == 195
    assert not deliveries.filter(recipient_org__country_id="FR").exists()
    assert all(d.ack_due_at is not None for d in deliveries)


def test_regional_group_expands_to_its_ncbs(world):
    msg = world.send(world.officer("FR"), ["REGION:americas"])
    countries = set(Delivery.objects.filter(message=msg).values_list("recipient_org__country_id", flat=True))
    assert {"US", "BR", "MX", "CA"} <= countries
    assert "FR" not in countries and "EG" not in countries


def test_deny_list_keeps_broadcast_from_excluded_country(world):
    msg = world.send(world.officer("FR"), ["ALL"], restriction_mode="deny", restricted_countries=["RU", "BY"])
    countries = set(Delivery.objects.filter(message=msg).values_list("recipient_org__country_id", flat=True))
    assert "RU" not in countries and "BY" not in countries and "DE" in countries


def test_addressing_an_excluded_country_directly_is_refused_and_writes_nothing(world):
    before = Message.objects.count()
    with pytest.raises(Denied):
        world.send(world.officer("FR"), ["NCB:DE", "NCB:RU"], restriction_mode="deny", restricted_countries=["RU"])
    assert Message.objects.count() == before


def test_idempotent_send_returns_the_first_message(world):
    fr = world.officer("FR")
    actor = world.actor(fr)
    d = services.Draft(subject="s", body="b", recipients=["DE"], language="en")
    first = services.send_message(actor, d, idempotency_key="k-1")
    again = services.send_message(actor, d, idempotency_key="k-1")
    assert first.created and not again.created
    assert first.message.pk == again.message.pk
    assert Message.objects.filter(author=fr).count() == 1
    assert Delivery.objects.filter(message=first.message).count() == 1


def test_same_key_for_a_different_message_is_a_conflict(world):
    actor = world.actor(world.officer("FR"))
    services.send_message(actor, services.Draft(subject="s", body="b", recipients=["DE"]), idempotency_key="k")
    with pytest.raises(services.IdempotencyConflict):
        services.send_message(actor, services.Draft(subject="other", body="b", recipients=["DE"]), idempotency_key="k")


def test_language_is_detected_when_not_given(world):
    fr = world.officer("FR")
    actor = world.actor(fr)
    m = services.send_message(actor, services.Draft(
        subject="Demande d'entraide", body="Nous sollicitons votre assistance concernant un individu recherché.",
        recipients=["ES"])).message
    assert m.language == "fr" and m.language_detected
    m = services.send_message(actor, services.Draft(subject="طلب معلومات", body="نرجو التحقق من سجلاتكم", recipients=["EG"])).message
    assert m.language == "ar"


def test_agency_can_address_only_its_own_ncb(world):
    agent = world.user(world.agency("FR", "FR-PAF"), Role.AGENCY_OFFICER)
    with pytest.raises(Denied, match="only its own NCB"):
        world.send(agent, ["NCB:DE"])
    with pytest.raises(Denied):
        world.send(agent, ["ALL"])
    msg = world.send(agent, ["NCB:FR"])
    assert list(msg.deliveries.values_list("recipient_org__code", flat=True)) == ["NCB-FR"]


def test_forward_keeps_the_chain_and_the_owner(world):
    agent = world.user(world.agency("FR", "FR-PAF"), Role.AGENCY_OFFICER)
    asked = world.send(agent, ["NCB:FR"], subject="Please check this passport")
    fr = world.actor(world.officer("FR"))
    fw = services.forward_message(fr, asked.pk, ["NCB:ES"], note="On behalf of PAF").message
    assert fw.forwarded_from_id == asked.pk and fw.thread_root_id == asked.pk
    assert [h["organisation"] for h in fw.chain] == ["FR-PAF", "NCB-FR"]
    assert fw.owner_country_id == "FR" and fw.sender_org.code == "NCB-FR"
    assert "On behalf of PAF" in fw.body


def test_forward_may_not_reach_a_country_the_owner_excluded(world):
    msg = world.send(world.officer("US"), ["NCB:FR"], restriction_mode="deny", restricted_countries=["RU"])
    with pytest.raises(Denied, match="exclude RU"):
        services.forward_message(world.actor(world.officer("FR")), msg.pk, ["NCB:RU"])


def test_unknown_and_empty_recipients_are_refused(world):
    fr = world.officer("FR")
    for bad in (["NCB:ZZ"], ["REGION:atlantis"], ["nonsense"], []):
        with pytest.raises(UnknownRecipient):
            world.send(fr, bad)
    assert Message.objects.count() == 0


def test_every_send_is_audited(world):
    msg = world.send(world.officer("FR"), ["DE"])
    entry = AuditEntry.objects.filter(action="message.send").latest("id")
    assert entry.object_ids == [str(msg.pk)]
