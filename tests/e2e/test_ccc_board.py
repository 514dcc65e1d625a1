"""The desks in a real browser: the CCC's network board picks up an urgent message sent elsewhere without being
reloaded; an auditor has the chain verified; the three desks pass the automated accessibility check (axe-core)."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from ncbnet.demo.world import DEMO_PASSWORD
from tests.e2e.conftest import sign_in

BOARD_REFRESH_MS = 25_000  # the board refreshes every 10 s


def test_the_ccc_board_shows_a_new_urgent_message_without_being_reloaded(site, new_page):
    subject = "Urgent: armed man crossing the Kehl bridge"
    body = "Informant Odile Ferrand reports a Glock in the glovebox."
    board = new_page()
    sign_in(board, "duty.ccc")
    board.get_by_role("link", name="Network board").click()
    expect(board.get_by_role("heading", name="Network board of the Command and Coordination Centre")).to_be_visible()
    traffic = board.get_by_role("region", name="Urgent and immediate messages of the last six hours")
    expect(traffic.get_by_text(subject)).to_have_count(0)
    board.evaluate("window.stillTheSamePage = true")  # gone if the page were reloaded

    fr = new_page()
    sign_in(fr, "officer.fr")
    fr.get_by_role("link", name="New message").click()
    fr.get_by_label("National Central Bureaus").select_option("DE")
    fr.get_by_label("Subject").fill(subject)
    fr.get_by_label("Message", exact=True).fill(body)
    fr.get_by_label("Priority").select_option("urgent")
    fr.get_by_role("button", name="Send").click()
    expect(fr.get_by_role("status")).to_contain_text("Message sent to 1 recipient")

    expect(traffic.get_by_text(subject)).to_be_visible(timeout=BOARD_REFRESH_MS)
    row = traffic.get_by_role("row").filter(has_text=subject)
    expect(row).to_contain_text("NCB-FR")
    expect(row).to_contain_text("NCB:DE")
    expect(row).to_contain_text("0 of 1")
    assert board.evaluate("window.stillTheSamePage") is True
    expect(board.get_by_text("Odile Ferrand")).to_have_count(0)  # metadata, never the body


def _sign_in_to(page: Page, path: str, username: str) -> None:
    """Sign in by opening the desk itself (the auditor has no inbox to land on)."""
    page.goto(path)
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_an_auditor_has_the_chain_verified(site, new_page):
    page = new_page()
    _sign_in_to(page, "/portal/audit/", "auditor.dpo")
    expect(page.get_by_role("heading", name="Audit trail", exact=True)).to_be_visible()
    page.get_by_role("button", name="Verify the chain now").click()
    expect(page.get_by_role("status")).to_contain_text("The audit chain is intact:")
    expect(page.get_by_test_id("chain-status")).to_contain_text("entries verified on")
    [(outcome,)] = site.rows("SELECT outcome FROM audit_auditentry WHERE action = 'audit.verify'")
    assert outcome == "ok"


def _serious(page: Page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']}" for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]


def test_the_desks_have_no_serious_accessibility_violations(site, new_page):
    found = {}
    for username, path, heading in [("duty.ccc", "/portal/ccc/", "Network board of the Command and Coordination Centre"),
                                    ("auditor.dpo", "/portal/audit/", "Audit trail"),
                                    ("supervisor.fr", "/portal/bureau/", "Our bureau: ")]:
        page = new_page()
        _sign_in_to(page, path, username)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        found[path] = _serious(page)
    assert {path: v for path, v in found.items() if v} == {}
