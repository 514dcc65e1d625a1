"""Answers kept per process while the catalogue version (kept by database triggers) is unchanged: reused
when nothing changed, never after a change, whoever made it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ncbnet.notices.models import PublicExtract
from ncbnet.public import catalogue
from ncbnet.public.cache import MAX_ANSWER_BYTES, Answer, AnswerCache

pytestmark = pytest.mark.django_db


def test_every_write_of_an_extract_changes_the_version(public):
    seen = [catalogue.version()]
    extract = public.extracts["garcia"]
    extract.forename = "MARIA"
    extract.save()  # update
    seen.append(catalogue.version())
    PublicExtract.objects.filter(pk=public.extracts["doe"].pk).update(updated_at=timezone.now())  # queryset update
    seen.append(catalogue.version())
    with connection.cursor() as cursor:  # raw SQL, as a bulk load might
        cursor.execute("UPDATE notices_publicextract SET data = data WHERE id = %s", [public.extracts["acme"].pk])
    seen.append(catalogue.version())
    PublicExtract.objects.filter(pk=public.extracts["novak"].pk).delete()
    seen.append(catalogue.version())
    assert None not in seen and len(set(seen)) == len(seen)


def test_unchanged_catalogue_answers_from_memory(public):
    client = Client()
    first = client.get("/notices/v1/red?nationality=DE")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/notices/v1/red?nationality=DE")
        revalidated = client.get("/notices/v1/red?nationality=DE", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert again["Content-Type"] == "application/hal+json"
    assert revalidated.status_code == 304
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["SELECT", "SELECT"]
    assert all("public_catalogueversion" in q["sql"] for q in queries.captured_queries)


@pytest.mark.parametrize("path", ["/notices/v1/red/2026-1", "/notices/v1/red?name=muller", "/en/notices/red/2026-1/",
                                  "/fr/notices/red/?name=muller", "/notices/v1/red/2026-1/images"])
def test_a_withdrawn_notice_is_gone_from_the_next_answer(public, path):
    client = Client()
    assert client.get(path).status_code == 200 and "2026" in client.get(path).content.decode()
    PublicExtract.objects.filter(pk=public.extracts["muller"].pk).delete()
    after = client.get(path)
    assert after.status_code in (200, 404)
    assert "MÜLLER" not in after.content.decode() and "HANS PETER" not in after.content.decode()


def test_a_changed_answer_is_built_again_whoever_changed_it(public):
    client = Client()
    assert client.get("/notices/v1/red/2026-3").json()["forename"] == "MARÍA"
    with connection.cursor() as cursor:
        cursor.execute("UPDATE notices_publicextract SET data = %s WHERE id = %s",
                       ['{"name": "GARCÍA", "forename": "MARIA JOSE"}', public.extracts["garcia"].pk])
    assert client.get("/notices/v1/red/2026-3").json()["forename"] == "MARIA JOSE"


def test_each_host_has_its_own_answer(public):
    """The API's links are absolute: an answer given through one host name is not given through another."""
    one = Client(HTTP_HOST="localhost").get("/notices/v1/red/2026-1").json()
    other = Client(HTTP_HOST="127.0.0.1").get("/notices/v1/red/2026-1").json()
    assert one["_links"]["self"]["href"].startswith("http://localhost/")
    assert other["_links"]["self"]["href"].startswith("http://127.0.0.1/")


def test_head_of_a_kept_answer(public):
    client = Client()
    full = client.get("/notices/v1/yellow")
    head = client.head("/notices/v1/yellow")
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == full["ETag"]


def test_the_root_page_is_not_kept_across_languages(public):
    client = Client()
    assert 'lang="fr"' in client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'lang="ar"' in client.get("/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()


def _answer(version: int, size: int) -> Answer:
    return Answer(version, '"e"', b"x" * size, (("Content-Type", "application/hal+json"),))


def test_cache_is_bounded_by_bytes_least_recently_used_out():
    cache = AnswerCache(max_bytes=300)
    for key in ("a", "b", "c"):
        cache.put(key, _answer(1, 100))
    assert cache.get("a", 1) is not None  # a is now the most recently used
    cache.put("d", _answer(1, 100))
    assert cache.get("b", 1) is None and cache.get("a", 1) is not None and cache.get("d", 1) is not None


def test_cache_drops_an_answer_of_another_version_and_refuses_big_ones():
    cache = AnswerCache()
    cache.put("a", _answer(1, 10))
    assert cache.get("a", 2) is None and len(cache) == 0
    cache.put("big", _answer(1, MAX_ANSWER_BYTES + 1))
    assert cache.get("big", 1) is None
