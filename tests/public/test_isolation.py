"""The public never reaches police data: not in its code's imports, not in the SQL it runs, not in one byte it
answers, whatever it asks."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import ncbnet.public
from ncbnet.notices.content import PUBLIC_TYPES
from ncbnet.public import catalogue
from ncbnet.public.texts import LANGUAGES
from tests.public.cases import BAD_INPUT, OTHER_FILTERS, RED_FILTERS
from tests.public.conftest import SECRETS, assert_no_secret, png

pytestmark = pytest.mark.django_db
PUBLIC_DIR = Path(ncbnet.public.__file__).parent
# The only names the public app may take from the rest of ncbnet.
ALLOWED = {
    "ncbnet.notices.models": {"PublicExtract"},
    "ncbnet.notices.extracts": {"fold"},
    "ncbnet.members.models": {"country_names"},  # country names: reference data, not police data
    "ncbnet.messaging.models": {"Blob"},  # a public photo's content type
    "ncbnet.messaging": {"attachments"},  # a public photo's bytes, re-hashed on read
    "ncbnet.messaging.attachments": {"IntegrityFailure"},
}
PUBLIC_TABLES = {"notices_publicextract", "members_country", "messaging_blob", "public_catalogueversion"}


def _imports() -> list[tuple[str, str, str]]:
    """(file, module, name) for every import in the public app's source."""
    found = []
    for path in sorted(PUBLIC_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                found += [(path.name, alias.name, "") for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                found += [(path.name, node.module or "", alias.name) for alias in node.names]
    return found


def test_public_code_imports_nothing_of_police_data():
    imports = _imports()
    assert len(imports) > 20  # the walk did see the source
    for file, module, name in imports:
        if module == "ncbnet" or module.startswith("ncbnet."):
            if module.startswith("ncbnet.public"):
                continue
            assert name in ALLOWED.get(module, set()), f"{file} imports {name or module} from {module}"
        else:
            top = module.split(".")[0]
            assert top == "django" or top in sys.stdlib_module_names, f"{file} imports {module}"


def test_public_code_names_no_notice_or_record():
    """No reference to the notice behind an extract (``notice``, ``notice_id``), nor to a notice or record model."""
    for path in PUBLIC_DIR.rglob("*.py"):
        tree = ast.parse(path.read_text())
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        attributes = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        assert not names & {"Notice", "Person", "Diffusion"}, path.name
        assert not attributes & {"notice", "notice_id", "subject", "public_extract"}, path.name
        assert not re.search(r"notice__|subject__", path.read_text()), path.name


def test_public_types_are_those_of_the_notices():
    assert set(catalogue.PUBLIC_TYPES) == {t.value for t in PUBLIC_TYPES}


def _urls(public) -> list[str]:
    urls = [f"/notices/v1/red?{q}" for q, _ in RED_FILTERS + BAD_INPUT]
    urls += [f"/notices/v1/{kind}?{q}" for kind, q, _ in OTHER_FILTERS]
    ids = ["2026-1", "2026-2", "2026-3", "2026-4", "2026-50", "2026-51", "2026-52", "2025-10", "2025-11", "2024-5"]
    for kind in ("red", "yellow", "un"):
        for notice in ids:
            urls += [f"/notices/v1/{kind}/{notice}", f"/notices/v1/{kind}/{notice}/images"]
            urls += [f"/notices/v1/{kind}/{notice}/images/{sha}" for sha in
                     (public.police_attachment, public.photos["hidden"])]
    for lang in LANGUAGES:
        urls += [f"/{lang}/", f"/{lang}/guidance/"]
        urls += [f"/{lang}/notices/red/?{q}" for q, _ in RED_FILTERS + BAD_INPUT]
        urls += [f"/{lang}/notices/{kind}/?{q}" for kind, q, _ in OTHER_FILTERS]
        urls += [f"/{lang}/notices/{kind}/{notice}/" for kind in ("red", "yellow", "un") for notice in ids]
    return urls


def test_no_byte_of_police_data_in_any_public_answer(public):
    client = Client()
    urls = _urls(public)
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 400, 404), (url, response.status_code)
        assert_no_secret(response.content)
        assert png(4) not in response.content and png(5) not in response.content, url
        for header, value in response.items():
            assert not any(s in value.upper() for s in SECRETS), (url, header)


@pytest.mark.parametrize("query", [f"freeText={s}" for s in SECRETS] + [f"name={s}" for s in SECRETS] +
                         ["freeText=informant", "freeText=prosecution", "freeText=WARRANTREF-1"])
def test_police_data_is_not_searchable(public, query):
    """(The answer echoes the question in ``query``: the secret is then in it, put there by the asker.)"""
    for kind in ("red", "yellow", "un"):
        doc = Client().get(f"/notices/v1/{kind}?{query}").json()
        assert doc["total"] == 0 and doc["_embedded"]["notices"] == []


def test_public_requests_read_only_public_tables_and_write_nothing(public):
    tables: set[str] = set()
    statements: list[str] = []
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        for url in _urls(public):
            client.get(url)
        client.get(f"/notices/v1/red/2026-1/images/{public.photos['muller_1']}")
    for q in queries.captured_queries:
        sql = q["sql"]
        statements.append(sql.split()[0].upper())
        tables |= {t.lower() for t in re.findall(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', sql, re.IGNORECASE)}
    assert tables and tables <= PUBLIC_TABLES, tables - PUBLIC_TABLES
    assert set(statements) <= {"SELECT"}, set(statements)
