import os

import pytest
from django.conf import settings

from tests.factories import World


def pytest_sessionstart(session):
    if os.environ.get("NCBNET_REQUIRE_POSTGRES") == "1":
        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            pytest.exit(f"the PostgreSQL half was asked for but the database engine is {engine}", returncode=1)


def pytest_report_header(config):
    return f"ncbnet database: {settings.DATABASES['default']['ENGINE']}"


@pytest.fixture
def world(db, settings, tmp_path):
    settings.BLOB_ROOT = tmp_path / "blobs"
    # The world's accounts are made by the dozen and rarely sign in: a fast hash, not Argon2's tenth of a second each
    # (tests/api/test_auth.py and tests/members/test_cli.py check the production setting, Argon2).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return World()


@pytest.fixture
def api_client(world):
    from tests.factories import ApiClient

    return ApiClient()


@pytest.fixture(autouse=True)
def _fresh_recipient_directory():
    """Rolled-back test transactions fire no signals: start each test with an empty NCB directory cache."""
    from ncbnet.messaging.recipients import forget_directory

    forget_directory()
    yield
    forget_directory()


@pytest.fixture(autouse=True)
def _fresh_person_index():
    """Rolled-back test transactions leave a stale in-memory person index behind: start and end each test without."""
    from ncbnet.records.person_index import forget_person_index

    forget_person_index()
    yield
    forget_person_index()


@pytest.fixture(autouse=True)
def _fresh_screening_terms():
    """Rolled-back test transactions leave the cached screening list behind."""
    from ncbnet.notices.services import forget_screening_terms

    forget_screening_terms()
    yield
    forget_screening_terms()
