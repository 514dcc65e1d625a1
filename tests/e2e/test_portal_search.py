"""An officer searches a transliterated name and a pasted MRZ in a real browser, which raises hits; the owner
of the record confirms the hit, and the searcher sees the answer."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from ncbnet.matching.mrz import make_td3
from tests.e2e.conftest import sign_in


def test_a_name_search_raises_a_hit_that_the_owner_confirms(site, new_page):
    de = new_page()
    sign_in(de, "officer.de")
    de.get_by_role("link", name="Search the databases").click()
    de.get_by_label("Names").fill("Mohamed Al-Rasheed")
    de.get_by_label("Date of birth").fill("1980")
    de.get_by_role("button", name="Search").click()
    results = de.get_by_test_id("results")
    expect(results).to_be_visible()
    hit_link = results.get_by_role("link", name=re.compile(r"^HIT-"))
    reference = hit_link.first.inner_text()
    [(owner_ncb,)] = site.rows("SELECT o.code FROM hits_hit h JOIN members_organisation o ON o.id = h.owner_ncb_id "
                               "WHERE h.reference = %s", (reference,))
    owner = new_page()
    sign_in(owner, f"officer.{owner_ncb.removeprefix('NCB-').lower()}")
    owner.get_by_role("link", name="Hits", exact=True).click()
    owner.get_by_test_id("awaiting").get_by_role("link", name=reference).click()
    owner.get_by_label("Yes: confirm the hit").check()
    owner.get_by_label("Note to the searching bureau").fill("The warrant stands: please detain.")
    owner.get_by_role("button", name="Send the answer").click()
    expect(owner.get_by_test_id("hit-status")).to_have_text("confirmed by the owner")

    de.goto(f"/portal/hits/{reference}/")
    expect(de.get_by_test_id("hit-status")).to_have_text("confirmed by the owner")
    expect(de.get_by_text("The warrant stands")).to_be_visible()


def test_a_pasted_mrz_finds_a_stolen_passport(site, new_page):
    [(number, country)] = site.rows(
        "SELECT number, issuing_country FROM records_traveldocument WHERE owner_country_id <> 'ES' "
        "AND document_type = 'passport' ORDER BY id LIMIT 1")
    zone = make_td3(document_number=number, issuing_state=country, surname="DOE", given_names=["JOHN"],
                    birth_date="1980-01-01", sex="M", expiry_date="2031-01-01", nationality=country)
    es = new_page()
    sign_in(es, "officer.es")
    es.goto("/portal/search/documents/")
    es.get_by_label("Or the machine-readable zone, pasted as read").fill(zone)
    es.get_by_role("button", name="Search").click()
    results = es.get_by_test_id("results")
    expect(results).to_contain_text(number)
    expect(results.get_by_role("link", name=re.compile(r"^HIT-"))).to_have_count(1)
