"""Screenshots of the portal's main pages for the README's tour and docs/portal.md.

    .venv/bin/python tools/screenshots.py            # writes docs/screenshots/*.png

Starts the real server with the demo world on a throwaway SQLite database (as the end-to-end tests do), signs in
with demo accounts in Debian's Chromium and saves each page (one in Arabic)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 860}


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ncbnet.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from playwright.sync_api import Browser, Page, sync_playwright

    from ncbnet.demo.world import DEMO_PASSWORD
    from tests import realserver
    from tests.e2e.conftest import chromium_path

    def signed_in(browser: Browser, base: str, username: str) -> Page:
        page = browser.new_context(base_url=base, viewport=VIEWPORT, locale="en-GB").new_page()
        page.goto("/portal/sign-in/")
        page.get_by_label("User name").fill(username)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        return page

    def shot(page: Page, name: str, full: bool = False) -> None:
        page.screenshot(path=OUT / f"portal-{name}.png", full_page=full)

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, realserver.fresh_database(Path(tmp), "shots") as db:
        realserver.ncbnet(db.env, "migrate", "--noinput")
        realserver.ncbnet(db.env, "demo")
        server = realserver.Server(db.env, Path(tmp) / "server.log")
        server.start()
        try:
            server.wait_ready("/portal/sign-in/")
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=["--no-sandbox"])
                page = browser.new_context(base_url=server.base, viewport=VIEWPORT).new_page()
                page.goto("/portal/sign-in/")
                shot(page, "sign-in")
                page = signed_in(browser, server.base, "officer.de")
                shot(page, "inbox")
                page.locator("[data-testid=inbox] a").first.click()
                shot(page, "message", full=True)
                page.goto("/portal/search/persons/")
                page.locator("textarea[name=names]").fill("Mohamed Al-Rasheed")
                page.locator("input[name=birth_date]").fill("1980")
                page.locator("main form button[type=submit]").click()
                shot(page, "search-results", full=True)
                page.goto("/portal/notices/new/red/")
                shot(page, "red-notice-request", full=True)
                page.goto("/portal/hits/")
                shot(page, "hits")
                reviewer = signed_in(browser, server.base, "reviewer2.gs")
                reviewer.goto("/portal/notices/review/")
                reviewer.locator("[data-testid=queue] a").first.click()
                shot(reviewer, "notice-review", full=True)
                shot(signed_in(browser, server.base, "duty.ccc"), "ccc-board", full=True)
                shot(signed_in(browser, server.base, "auditor.dpo"), "audit-trail")
                arabic = signed_in(browser, server.base, "officer.eg")
                arabic.locator("#language-choice").select_option("ar")
                arabic.locator("#language-choice").locator("xpath=..").get_by_role("button").click()
                arabic.goto("/portal/")
                shot(arabic, "inbox-ar")
                arabic.locator("#language-choice").select_option("en")
                arabic.locator("#language-choice").locator("xpath=..").get_by_role("button").click()
                browser.close()
        finally:
            server.kill()
    for image in sorted(OUT.glob("portal-*.png")):
        print(image.relative_to(ROOT), image.stat().st_size, "bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
