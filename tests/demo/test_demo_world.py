"""The main job's demo world loads through the real services, and every part has something to show."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from ncbnet.audit.services import verify_chain
from ncbnet.hits.models import Hit
from ncbnet.notices.models import Diffusion, Notice, NoticeState, PublicExtract


def test_the_demo_world_loads_and_shows_every_part(db, settings, tmp_path):
    settings.BLOB_ROOT = tmp_path / "blobs"
    out = StringIO()
    call_command("demo", messages=20, stdout=out)
    states = {s: Notice.objects.filter(state=s).count() for s in NoticeState.values}
    assert states[NoticeState.PUBLISHED] == 6 and states[NoticeState.IN_REVIEW] == 2 and states[NoticeState.DRAFT] == 1
    flagged = Notice.objects.get(flagged=True)
    assert flagged.state == NoticeState.IN_REVIEW and flagged.reviews.count() == 1
    assert set(PublicExtract.objects.values_list("notice_type", flat=True)) == {"red", "yellow", "un"}
    assert Diffusion.objects.count() == 1 and Hit.objects.count() >= 2
    assert "reviewer2.gs" in out.getvalue() and "notices" in out.getvalue()
    assert verify_chain() is None
    call_command("demo", stdout=StringIO())  # idempotent: a second run adds nothing
    assert Notice.objects.count() == sum(states.values())
