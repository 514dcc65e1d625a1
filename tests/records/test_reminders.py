"""Review reminders: each NCB with records out of search or due soon is told once a week, in its working language,
with numbers only; an NCB with nothing due is not told; the job run again in the same week sends nothing more."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import call_command

from ncbnet.audit.models import AuditEntry
from ncbnet.messaging.models import Delivery, Message
from ncbnet.records import services
from ncbnet.records.models import TravelDocument, Vehicle
from ncbnet.records.reminders import remind
from tests.records.conftest import passport


def _aged(desk, number, days, country="FRA", actor=None):
    rec = services.create_record(actor or desk.fr, "travel_document", passport(number, country=country)).record
    TravelDocument.objects.filter(pk=rec.pk).update(review_due=date.today() + timedelta(days=days))
    return rec.pk


def test_each_ncb_with_records_due_is_told_once_a_week_in_its_language(desk, world):
    fr_ncb = world.ncb("FR")
    fr_ncb.language = "fr"
    fr_ncb.save(update_fields=["language"])
    for i, days in enumerate([-10, -1, 3, 29, 31, 400]):
        _aged(desk, f"RV{i:07d}", days)
    services.delete_record(desk.fr, "travel_document", _aged(desk, "DL0000001", -5))  # deleted: not counted
    car = services.create_record(desk.fr, "vehicle", {"national_reference": "V-1", "vin": "1HGCM82633A004352"}).record
    Vehicle.objects.filter(pk=car.pk).update(review_due=date.today() + timedelta(days=7))
    _aged(desk, "DE0000001", 400, country="D", actor=desk.de)  # Germany: nothing due

    run = remind()
    assert run.sent == ["FR"]
    [msg] = Message.objects.filter(case_reference__startswith="REVIEW-FR-")
    assert msg.language == "fr" and msg.subject == "Fiches à réexaminer : FR"
    horizon = (date.today() + timedelta(days=30)).isoformat()
    assert f"document de voyage : hors recherche (date de réexamen passée) 2 ; réexamen à faire d’ici le {horizon} : 2." \
        in msg.body
    assert f"véhicule : hors recherche (date de réexamen passée) 0 ; réexamen à faire d’ici le {horizon} : 1." in msg.body
    assert "RV0000000" not in msg.body  # numbers only, no record
    assert list(Delivery.objects.filter(message=msg).values_list("recipient_org__code", flat=True)) == [fr_ncb.code]
    entry = AuditEntry.objects.filter(action="record.review_reminder").latest("id")
    assert entry.object_ids == [str(msg.pk)] and entry.query["counts"] == {"travel_document": [2, 2], "vehicle": [0, 1]}

    again = remind()
    assert again.sent == [] and again.already == ["FR"]
    assert Message.objects.filter(case_reference__startswith="REVIEW-").count() == 1
    next_week = datetime.now(UTC) + timedelta(days=7)
    assert remind(now=next_week).sent == ["FR"]  # a week later the NCB is told again


def test_the_command_reports_and_checks_its_window(desk, capsys):
    _aged(desk, "RV0000001", 50)
    call_command("records", "remind-reviews", "--days", "30")
    assert "reminders sent to 0 NCB(s)" in capsys.readouterr().out
    call_command("records", "remind-reviews", "--days", "60")
    assert "reminders sent to 1 NCB(s): FR" in capsys.readouterr().out
    with pytest.raises(Exception, match="from 1 to 366"):
        call_command("records", "remind-reviews", "--days", "0")
