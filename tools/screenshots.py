"""Screenshots of the portal's main pages for the README's tour and docs/portal.md.

    .venv/bin/python tools/screenshots.py            # writes docs/screenshots/*.png

Starts the real server with the demo world on a throwaway SQLite database (as the end-to-end tests do), signs in
with demo accounts in Debian's Chromium and saves each page, in English and one in Arabic."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ncbnet.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    from ncbnet.demo.world import DEMO_PASSWORD
    from tests import realserver
    from tests.e2e.conftest import chromium_path

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
                page = browser.new_context(base_url=server.base, viewport={"width": 1280, "height": 860}).new_page()
                page.goto("/portal/sign-in/")
                page.screenshot(path=OUT / "portal-sign-in.png")
                page.get_by_label("User name").fill("officer.fr")
                page.get_by_label("Password").fill(DEMO_PASSWORD)
                page.get_by_role("button", name="Sign in").click()
                page.screenshot(path=OUT / "portal-inbox.png")
                page.locator("[data-testid=inbox] a").first.click()
                page.screenshot(path=OUT / "portal-message.png", full_page=True)
                page.goto("/portal/messages/new/")
                page.screenshot(path=OUT / "portal-compose.png")
                page.get_by_label("Language").select_option("ar")
                page.get_by_role("button", name="Change").click()
                page.goto("/portal/")
                page.screenshot(path=OUT / "portal-inbox-ar.png")
                page.locator("#language-choice").select_option("en")
                page.locator("#language-choice").locator("xpath=..").get_by_role("button").click()
                browser.close()
        finally:
            server.kill()
    for shot in sorted(OUT.glob("portal-*.png")):
        print(shot.relative_to(ROOT), shot.stat().st_size, "bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
