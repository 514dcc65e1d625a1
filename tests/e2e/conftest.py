"""End-to-end tests: the real server (``ncbnet serve``) with the demo world on a database of its own, driven by
Debian's Chromium through Playwright, signing in with the demo accounts. ``make test`` installs Chromium
(``make browser``); without it these tests fail, they do not skip. NCBNET_BROWSER names another Chromium binary.

The tests read the database only through ``Site.rows`` (plain SQL on the server's database), never through
Django: the server is another process, as in production."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from ncbnet.demo.world import DEMO_PASSWORD
from tests import realserver

TIMEOUT_MS = 15_000


@dataclass
class Site:
    url: str
    db: realserver.FreshDatabase

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self.db.rows(sql, params)


def chromium_path() -> str:
    found = os.environ.get("NCBNET_BROWSER") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("Chromium is not installed: run `make browser` (Debian's chromium package) or set NCBNET_BROWSER")
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    """The demo world served by the real server, once per test module."""
    data_dir = tmp_path_factory.mktemp("e2e")
    with realserver.fresh_database(data_dir, "e2e") as db:
        realserver.ncbnet(db.env, "migrate", "--noinput")
        realserver.ncbnet(db.env, "demo")
        server = realserver.Server(db.env, data_dir / "server.log")
        server.start()
        try:
            server.wait_ready("/portal/sign-in/")
            yield Site(server.base, db)
        finally:
            server.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium_path(), headless=True, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser: Browser, site: Site) -> Iterator[Callable[[], Page]]:
    """``new_page()``: a fresh browser window with its own cookies, on the site."""
    contexts = []

    def make() -> Page:
        context = browser.new_context(base_url=site.url, locale="en-GB", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def sign_in(page: Page, username: str) -> None:
    page.goto("/portal/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Inbox", exact=True)).to_be_visible()
