"""An NCB requests a Red Notice in a real browser, sees its screening, submits it; a reviewer of another country
publishes it from the review queue."""

from __future__ import annotations

import json
import urllib.request

from playwright.sync_api import expect

from tests import realserver
from tests.e2e.conftest import sign_in


def _contribute_person(site) -> int:
    """France records the wanted man through the API, as its national system would."""
    token = realserver.ncbnet(site.db.env, "token", "create", "officer.fr").strip().splitlines()[-1]
    body = {"national_reference": "FR-E2E-1", "names": ["Jean-Marc Lefèvre"], "role": "wanted", "sex": "M",
            "birth_date": "1979-04-02", "nationalities": ["FR"], "height_cm": 178, "eye_colour": "brown",
            "distinguishing_marks": "tattoo of an anchor on the right forearm"}
    request = urllib.request.Request(f"{site.url}/api/v1/records/persons", data=json.dumps(body).encode(),
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["id"]


def test_a_red_notice_requested_by_france_is_published_by_a_reviewer_of_another_country(site, new_page):
    person_id = _contribute_person(site)
    fr = new_page()
    sign_in(fr, "officer.fr")
    fr.get_by_role("link", name="Notices", exact=True).click()
    fr.get_by_text("Request a notice").click()
    fr.get_by_role("link", name="Red Notice", exact=True).click()
    fr.get_by_label("Subject: person record number").fill(str(person_id))
    fr.get_by_label("Summary of the facts").fill("Armed robbery of a jewellery shop in Lyon on 3 March 2025.")
    fr.get_by_label("Sought for").select_option("prosecution")
    fr.get_by_label("We will seek extradition").check()
    charge = fr.get_by_role("group", name="Charges 1")
    charge.get_by_label("Offence charged").fill("armed robbery")
    charge.get_by_label("Legal provision").fill("Code pénal art. 311-8")
    charge.get_by_label("Maximum penalty (months)").fill("360")
    warrant = fr.get_by_role("group", name="Arrest warrants and judgments 1")
    warrant.get_by_label("Kind").select_option("arrest_warrant")
    warrant.get_by_label("Issuing authority").fill("Juge d'instruction, Lyon")
    warrant.get_by_label("Date of issue").fill("2025-03-20")
    warrant.get_by_label("Reference").fill("MA-2025-118")
    fr.get_by_role("button", name="Save the draft and screen it").click()
    expect(fr.get_by_test_id("screening")).to_contain_text("Meets the minimum criteria.")
    fr.get_by_role("button", name="Submit for review").click()
    expect(fr.get_by_test_id("notice-state")).to_have_text("submitted, in review")
    notice_url = fr.url

    reviewer = new_page()
    sign_in(reviewer, "reviewer2.gs")
    reviewer.get_by_role("link", name="Notices", exact=True).click()
    reviewer.get_by_role("link", name="Review queue").click()
    reviewer.get_by_test_id("queue").locator(f"a[href='{notice_url.removeprefix(site.url)}']").click()
    expect(reviewer.get_by_test_id("content")).to_contain_text("armed robbery")
    reviewer.get_by_label("approve").check()
    reviewer.get_by_role("button", name="Record my decision").click()
    expect(reviewer.get_by_test_id("notice-state")).to_have_text("published")

    fr.reload()
    expect(fr.get_by_test_id("notice-state")).to_have_text("published")
