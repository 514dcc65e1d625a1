"""Long-lived objects are kept out of the cycle collector's walk (ncbnet/longlived.py): a full collection over
everything a server process keeps paused requests for tens of milliseconds (bench/README.md)."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from ncbnet.records import person_index as index_module
from ncbnet.records import services
from ncbnet.records.person_index import person_index


def test_the_wsgi_application_freezes_what_it_loaded(tmp_path):
    env = {**os.environ, "NCBNET_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "ncbnet.settings"}
    code = "import gc; before = gc.get_freeze_count(); import ncbnet.wsgi; print(before, gc.get_freeze_count())"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120,
                          cwd=settings.BASE_DIR)
    assert done.returncode == 0, done.stderr[-2000:]
    before, after = map(int, done.stdout.split())
    assert before == 0 and after > 10_000  # Django and the project, loaded once, never walked again


@pytest.fixture
def unfrozen():
    """Whatever a test froze goes back to the collector afterwards, so the suite's own garbage is still collected."""
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_big_person_index_is_frozen_once_built_and_a_small_one_is_not(desk, monkeypatch, unfrozen):
    services.create_record(desk.fr, "person", {"national_reference": "P1", "names": ["Maria Garcia Marquez"],
                                               "birth_date": "1985-11-03", "role": "wanted"})
    person_index().build()
    assert gc.get_freeze_count() == 0  # one person is below FREEZE_FROM

    monkeypatch.setattr(index_module, "FREEZE_FROM", 1)
    person_index().build()
    assert gc.get_freeze_count() > 0
    assert person_index().stats()["persons"] == 1


def test_a_bulk_load_runs_with_the_collector_paused_and_leaves_it_as_it_was(desk, monkeypatch):
    from ncbnet import longlived
    from ncbnet.records import bulk
    from tests.records.conftest import passport

    seen = []
    checking = bulk._Check.chunks

    def spy(*args, **kw):
        seen.append(gc.isenabled())
        return checking(*args, **kw)

    monkeypatch.setattr(bulk._Check, "chunks", spy)
    assert gc.isenabled()
    report = bulk.bulk_load(desk.fr, "travel_document", [(json.dumps(passport()) + "\n").encode()], "ndjson")
    assert report.ok and seen == [False] and gc.isenabled()
    with longlived.paused():  # nested: the collector comes back only when the outer block ends
        with longlived.paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with longlived.paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()
