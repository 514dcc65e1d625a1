"""Every word of the portal in Arabic, French and Spanish: the catalogues are complete, in step with the code
and templates, compiled, and used."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.portal.conftest import signed_in

PORTAL = Path(__file__).resolve().parents[2] / "ncbnet" / "portal"
LANGS = ("ar", "fr", "es")
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def _catalogue(lang: str, kind: str = "po"):
    path = PORTAL / "locale" / lang / "LC_MESSAGES" / f"django.{kind}"
    return polib.pofile(str(path)) if kind == "po" else polib.mofile(str(path))


def _key(entry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_is_translated_with_the_same_placeholders(lang):
    po = _catalogue(lang)
    assert len(po) > 100
    assert [e.msgid for e in po if not e.translated() or "fuzzy" in e.flags or e.obsolete] == []
    for e in po:
        wanted = set(PLACEHOLDER.findall(e.msgid))
        for text in (e.msgstr_plural.values() if e.msgid_plural else [e.msgstr]):
            assert set(PLACEHOLDER.findall(text)) == wanted, (lang, e.msgid, text)


@pytest.mark.parametrize("lang", LANGS)
def test_the_compiled_catalogue_is_the_source_catalogue(lang):
    po = {_key(e): (e.msgstr, dict(e.msgstr_plural)) for e in _catalogue(lang) if e.msgid}
    mo = {_key(e): (e.msgstr, dict(e.msgstr_plural)) for e in _catalogue(lang, "mo") if e.msgid}
    assert mo == po, "run `make messages` to compile the catalogues"


def test_the_catalogues_hold_every_text_of_the_code_and_templates(tmp_path):
    """Extract the texts afresh (Django's makemessages, xgettext) from a copy of the portal: nothing new, nothing
    gone."""
    if shutil.which("xgettext") is None:
        pytest.fail("xgettext (Debian's gettext package) is needed: `make browser` installs it")
    copy = tmp_path / "portal"
    shutil.copytree(PORTAL, copy)
    done = subprocess.run([sys.executable, "-m", "django", "makemessages", "-l", "fr", "--no-location", "--no-obsolete"],
                          cwd=copy, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin",
                                                                         "DJANGO_SETTINGS_MODULE": ""})
    assert done.returncode == 0, done.stderr
    fresh = {_key(e) for e in polib.pofile(str(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po")) if e.msgid}
    kept = {_key(e) for e in _catalogue("fr") if e.msgid}
    assert fresh - kept == set(), "texts not in the catalogues: run `make messages` and translate them"
    assert kept - fresh == set(), "texts no longer used: run `make messages`"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_pages_leave_no_english_behind(world, lang):
    officer = world.officer("FR")
    world.send(world.officer("DE"), ["NCB:FR"], subject="Ref 2026-114", priority="urgent")
    client = signed_in(officer, lang)
    for path in ("/portal/", "/portal/messages/new/", "/portal/messages/sent/", "/portal/messages/search/"):
        page = client.get(path).content.decode()
        text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S))
        for english in ("Inbox", "New message", "Sign out", "Search messages", "Priority", "Crime area",
                        "Awaiting acknowledgement", "Recipients", "Subject", "urgent"):
            assert not re.search(rf"\b{english}\b", text), (lang, path, english)
