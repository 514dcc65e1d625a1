"""A creating form sent twice acts once: a notice request, a diffusion, a record, a bulk file. A refused form
leaves its id free, so the corrected form goes through."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ncbnet.notices.models import Diffusion, Notice
from ncbnet.portal.models import Submission
from ncbnet.records.models import Firearm
from tests.portal.conftest import signed_in

pytestmark = pytest.mark.django_db


def _submission(client, path: str) -> str:
    return re.search(r'name="submission" value="([0-9a-f]+)"', client.get(path).content.decode())[1]


def _twice(client, path: str, data: dict, files: dict | None = None):
    first = client.post(path, {**data, **(files or {})})
    if files:  # an upload is read once: send a fresh copy
        files = {k: SimpleUploadedFile(v.name, v.file.getvalue()) for k, v in files.items()}
    second = client.post(path, {**data, **(files or {})})
    return first, second


def test_a_record_form_sent_twice_records_once(world):
    client = signed_in(world.officer("FR"))
    data = {"submission": _submission(client, "/portal/records/new/firearm/"), "national_reference": "F-ONCE",
            "make": "Glock", "firearm_type": "pistol", "serial_number": "ONCE1", "classification": "1",
            "restriction_mode": "none"}
    first, second = _twice(client, "/portal/records/new/firearm/", data)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert Firearm.objects.filter(national_reference="F-ONCE").count() == 1


def test_a_refused_form_can_be_corrected_and_sent_with_the_same_id(world):
    client = signed_in(world.officer("FR"))
    data = {"submission": _submission(client, "/portal/records/new/firearm/"), "national_reference": "F-FIX",
            "make": "Glock", "firearm_type": "pistol", "serial_number": "", "classification": "1",
            "restriction_mode": "none"}
    assert client.post("/portal/records/new/firearm/", data).status_code == 400
    assert client.post("/portal/records/new/firearm/", {**data, "serial_number": "FIX1"}).status_code == 302
    assert Firearm.objects.filter(national_reference="F-FIX").count() == 1
    assert Submission.objects.filter(key=data["submission"]).count() == 1


def test_a_diffusion_sent_twice_goes_once(world):
    client = signed_in(world.officer("FR"))
    data = {"submission": _submission(client, "/portal/notices/diffusions/new/"), "countries": ["DE"],
            "kind": "alert", "title": "Stolen explosives", "body": "200 kg stolen near Lyon.", "classification": "1",
            "restriction_mode": "none"}
    first, second = _twice(client, "/portal/notices/diffusions/new/", data)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert Diffusion.objects.filter(title="Stolen explosives").count() == 1


def test_a_notice_request_sent_twice_makes_one_draft(world):
    officer = world.officer("FR")
    client = signed_in(officer)
    data = {"submission": _submission(client, "/portal/notices/new/purple/"), "language": "en",
            "classification": "1", "restriction_mode": "none", "summary": "Cocaine in tyres.",
            "modus_operandi": "Cocaine hidden in car tyres."}
    first, second = _twice(client, "/portal/notices/new/purple/", data)
    assert first["Location"] == second["Location"]
    assert Notice.objects.filter(notice_type="purple").count() == 1


def test_a_bulk_file_sent_twice_loads_once(world):
    client = signed_in(world.officer("FR"))
    line = json.dumps({"national_reference": "B-ONCE", "make": "Glock", "firearm_type": "pistol",
                       "serial_number": "BONCE"}).encode() + b"\n"
    data = {"submission": _submission(client, "/portal/contribute/bulk/"), "kind": "firearm"}
    first, second = _twice(client, "/portal/contribute/bulk/", data, {"file": SimpleUploadedFile("f.ndjson", line)})
    assert first.status_code == 200 and second.status_code in (200, 302)
    assert Firearm.objects.filter(national_reference="B-ONCE").count() == 1
