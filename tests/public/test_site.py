"""The public site: four languages (Arabic right to left), the warning, search with the API's rules, notice pages."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils.html import escape

from ncbnet.public.texts import LANGUAGES, TEXTS
from tests.public.cases import BAD_INPUT, RED_FILTERS
from tests.public.conftest import png

pytestmark = pytest.mark.django_db
PAGES = ["/{lang}/", "/{lang}/guidance/", "/{lang}/notices/red/", "/{lang}/notices/yellow/?name=novak",
         "/{lang}/notices/un/", "/{lang}/notices/red/2026-1/", "/{lang}/notices/un/2024-5/"]


class Page(HTMLParser):
    """What the tests look for in a page: the html element's attributes, links, images, form fields and labels."""

    def __init__(self, html: str):
        super().__init__()
        self.html_attrs: dict[str, str | None] = {}
        self.links: list[str] = []
        self.images: list[str] = []
        self.fields: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_attrs = a
        elif tag == "a":
            self.links.append(a.get("href") or "")
        elif tag == "img":
            self.images.append(a.get("src") or "")
        elif tag in ("input", "select", "textarea"):
            self.fields.append(a)
        elif tag == "label" and a.get("for"):
            self.label_for.add(a["for"])


def page(path: str, status: int = 200, **headers) -> tuple[Page, str]:
    response = Client().get(path, **headers)
    assert response.status_code == status, (path, response.status_code)
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    return Page(html), html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_shows_the_warning(public, lang):
    t = TEXTS[lang]
    _, home = page(f"/{lang}/")
    for key in ("warning_title", "warning_body", "warning_what"):
        assert escape(t[key]) in home
    _, guidance = page(f"/{lang}/guidance/")
    for key in ("guidance_intro", "guidance_emergency", "warning_body", "warning_what"):
        assert escape(t[key]) in guidance
    _, listing = page(f"/{lang}/notices/red/")
    assert escape(t["warning_short"]) in listing  # every page's footer


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_pages_render_in_their_language_and_direction(public, lang, path):
    parsed, html = page(path.format(lang=lang))
    assert parsed.html_attrs == {"lang": lang, "dir": "rtl" if lang == "ar" else "ltr"}
    assert escape(TEXTS[lang]["site_name"]) in html
    for other in LANGUAGES:  # the switcher leads to the same page in each language
        assert path.format(lang=other).split("?")[0] in " ".join(parsed.links)


@pytest.mark.parametrize("path, status", [("/ar/notices/red/?page=0", 400), ("/ar/notices/red/2026-50/", 404)])
def test_arabic_error_pages_are_right_to_left(public, path, status):
    parsed, _ = page(path, status)
    assert parsed.html_attrs == {"lang": "ar", "dir": "rtl"}


@pytest.mark.parametrize("accept, lang", [("ar", "ar"), ("fr-CH, fr;q=0.9, en;q=0.8", "fr"), ("de-DE, es;q=0.5", "es"),
                                          ("de", "en"), ("", "en"), ("en;q=0.2, ar;q=0.9", "ar")])
def test_root_speaks_the_visitors_language(public, accept, lang):
    response = Client().get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200 and response["Vary"] == "Accept-Language"
    assert Page(response.content.decode()).html_attrs["lang"] == lang
    assert escape(TEXTS[lang]["warning_title"]) in response.content.decode()


@pytest.mark.parametrize("query, expected", RED_FILTERS)
def test_site_search_finds_what_the_api_finds(public, query, expected):
    parsed, _ = page(f"/en/notices/red/?{query}")
    shown = [link for link in parsed.links if link.startswith("/en/notices/red/20")]
    assert shown == [f"/en/notices/red/{public.extracts[k].entity_id.replace('/', '-')}/" for k in expected]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("query, parameter", BAD_INPUT)
def test_site_refuses_what_the_api_refuses_in_the_page(public, lang, query, parameter):
    t = TEXTS[lang]
    _, html = page(f"/{lang}/notices/red/?{query}", 400)
    label = t.get(f"label_{parameter}", parameter)
    assert escape(t["error_heading"]) in html
    assert f"<li>{escape(label)}: " in html
    assert "/notices/red/20" not in html  # no results shown


def test_site_search_keeps_the_form_and_paginates(public):
    parsed, html = page("/fr/notices/red/?sexId=M&resultPerPage=1")
    assert TEXTS["fr"]["page_of"].format(page=1, pages=2) in html
    [next_link] = [link for link in parsed.links if "page=2" in link]
    assert next_link == "/fr/notices/red/?sexId=M&page=2&resultPerPage=1"
    second, html = page(next_link)
    assert not [link for link in second.links if "page=3" in link]
    assert "/fr/notices/red/2026-2/" in second.links
    assert '<option value="M" selected>' in html


def test_every_form_field_has_a_label(public):
    for kind in ("red", "yellow", "un"):
        parsed, _ = page(f"/en/notices/{kind}/")
        assert parsed.fields
        assert all(f.get("id") in parsed.label_for for f in parsed.fields)


def test_notice_page_shows_the_public_fields_and_photos(public):
    parsed, html = page("/es/notices/red/2026-1/")
    assert "MÜLLER HANS PETER" in html and "2026/1" in html
    assert "Alemania" in html and "Austria" in html  # nationalities named in Spanish
    assert "1.82 m" in html and "armed robbery" in html
    photos = [public.photos["muller_1"], public.photos["muller_2"]]
    assert parsed.images == [f"/notices/v1/red/2026-1/images/{p}" for p in photos]
    assert Client().get(parsed.images[1]).content == png(2)


def test_notice_page_without_published_fields(public):
    parsed, html = page("/en/notices/red/2026-4/")
    assert "DUBOIS JEAN" in html
    assert not parsed.images
    assert TEXTS["en"]["f_date_of_birth"] not in html


def test_un_entity_page(public):
    _, html = page("/fr/notices/un/2024-5/")
    assert "ACME TRADING LLC" in html and "QDe.999" in html and "Gel des avoirs" in html


@pytest.mark.parametrize("path", ["/en/notices/red/2026-50/", "/en/notices/red/2026-51/", "/en/notices/red/2026-9999/",
                                  "/en/notices/yellow/2026-1/", "/en/notices/red/nonsense/"])
def test_not_public_notice_page_is_404(public, path):
    _, html = page(path, 404)
    assert escape(TEXTS["en"]["not_found_body"]) in html


def test_pages_are_cacheable_and_set_no_cookie(public):
    response = Client().get("/en/notices/red/?name=muller")
    assert response["Cache-Control"].startswith("public, max-age=") and response["ETag"]
    assert not response.cookies
    assert Client().get("/en/notices/red/?name=muller", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_site_rate_limit_page(public, settings):
    settings.PUBLIC_RATE_LIMIT = 1
    client = Client()
    assert client.get("/fr/guidance/").status_code == 200
    refused = client.get("/fr/guidance/")
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert escape(TEXTS["fr"]["too_many_title"]) in refused.content.decode()


def test_site_refuses_post(public):
    response = Client(enforce_csrf_checks=True).post("/en/notices/red/", {"name": "x"})
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
