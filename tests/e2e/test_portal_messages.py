"""An officer sends and answers a message, in a real browser; the Arabic portal is right to left; the main
pages pass an automated accessibility check (axe-core)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.conftest import sign_in


def test_an_officer_sends_an_urgent_message_and_another_country_acknowledges_and_answers(site, new_page):
    subject = "Urgent: man seen at Frankfurt airport"
    fr = new_page()
    sign_in(fr, "officer.fr")
    fr.get_by_role("link", name="New message").click()
    fr.get_by_label("National Central Bureaus").select_option("DE")
    fr.get_by_label("Subject").fill(subject)
    fr.get_by_label("Message", exact=True).fill("Please check whether Jean Dupont, born 1970, is known to you.")
    fr.get_by_label("Priority").select_option("urgent")
    fr.get_by_label("Crime area").select_option("fugitives")
    fr.get_by_role("button", name="Send").click()
    expect(fr.get_by_role("status")).to_contain_text("Message sent to 1 recipient")
    [(message_id, addressed, priority)] = site.rows(
        "SELECT id, addressed_to, priority FROM messaging_message WHERE subject = %s", (subject,))
    assert "NCB:DE" in str(addressed) and priority == "urgent"

    de = new_page()
    sign_in(de, "officer.de")
    due = de.get_by_role("region", name="Awaiting acknowledgement")
    due.get_by_role("link", name=subject).click()
    expect(de.get_by_test_id("body")).to_contain_text("Jean Dupont")
    de.get_by_role("button", name="Acknowledge").click()
    expect(de.get_by_role("status")).to_contain_text("Acknowledged")
    [(acknowledged,)] = site.rows("SELECT acknowledged_at FROM messaging_delivery WHERE message_id = %s", (message_id,))
    assert acknowledged is not None
    de.get_by_label("Your answer").fill("Known to us: wanted in Germany for fraud.")
    de.get_by_role("button", name="Send the reply").click()
    expect(de.get_by_role("status")).to_contain_text("Message sent")

    fr.goto("/portal/")
    fr.get_by_role("link", name=f"Re: {subject}").click()
    expect(fr.get_by_test_id("body")).to_contain_text("wanted in Germany for fraud")


def test_the_arabic_portal_renders_right_to_left(site, new_page):
    page = new_page()
    sign_in(page, "officer.eg")
    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", name="صندوق الوارد", exact=True)).to_be_visible()
    menu = page.locator("nav.main a")
    first, second = menu.nth(0).bounding_box(), menu.nth(1).bounding_box()
    assert first is not None and second is not None
    assert first["x"] > second["x"]  # right to left: the first entry stands to the right of the second
    page.get_by_label("اللغة").select_option("en")  # back, for the other tests of this module
    page.get_by_role("button").first.click()


def _serious(page: Page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']}" for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_main_pages_have_no_serious_accessibility_violations(site, new_page, lang):
    page = new_page()
    page.goto("/portal/sign-in/")
    found = {"sign-in": _serious(page)}
    sign_in(page, "officer.es")
    if lang != "en":
        page.get_by_label("Language").select_option(lang)
        page.get_by_role("button", name="Change").click()
    page.goto("/portal/")
    first_message = page.locator("[data-testid=inbox] a").first.get_attribute("href")
    assert first_message, "the demo inbox of NCB-ES is empty"
    for name, path in [("inbox", "/portal/"), ("message", first_message), ("compose", "/portal/messages/new/"),
                       ("sent", "/portal/messages/sent/"), ("search", "/portal/messages/search/?q=passport"),
                       ("databases", "/portal/search/persons/"), ("documents", "/portal/search/documents/"),
                       ("hits", "/portal/hits/"), ("notices", "/portal/notices/"),
                       ("red notice request", "/portal/notices/new/red/"), ("diffusions", "/portal/notices/diffusions/"),
                       ("contribute", "/portal/contribute/"), ("add a person", "/portal/records/new/person/"),
                       ("bulk upload", "/portal/contribute/bulk/")]:
        page.goto(path)
        found[name] = _serious(page)
    page.goto("/portal/search/persons/")  # a results page and a record page
    page.locator("textarea[name=names]").fill("Al Rashid")
    page.locator("main form button[type=submit]").click()
    found["results"] = _serious(page)
    record = page.locator("[data-testid=results] a").first.get_attribute("href")
    if record:
        page.goto(record)
        found["record"] = _serious(page)
    if lang != "en":
        page.locator("#language-choice").select_option("en")
        page.locator("#language-choice").locator("xpath=..").get_by_role("button").click()
    assert {name: v for name, v in found.items() if v} == {}


def test_the_accessibility_check_finds_what_it_should(browser):
    """The check above is only as good as axe: on a page made bad on purpose it reports serious violations."""
    page = browser.new_page()
    try:
        page.set_content('<html><body><img src="x.png"><input type="text"><a href="#"></a></body></html>')
        assert any(v.startswith(("image-alt", "label", "link-name")) for v in _serious(page))
    finally:
        page.close()
