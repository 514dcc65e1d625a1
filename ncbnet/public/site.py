"""The public site: server-rendered pages in Arabic (right to left), English, French and Spanish.

No login, no session, no cookie, no script. The search form is read by ``query.parse_query``, the same
function as the API's, so the site refuses what the API refuses and shows the reasons in the page (400).
Photos are the API's image URLs.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ncbnet.public import catalogue, display
from ncbnet.public.query import DEFAULT_PER_PAGE, PARAMETERS, SEX_IDS, InvalidQuery, QueryProblem, parse_query
from ncbnet.public.responses import public_view
from ncbnet.public.texts import RTL, TEXTS, negotiate

HTML = "text/html; charset=utf-8"


def _page(request: HttpRequest, lang: str, url_name: str, kwargs: dict[str, Any], template: str,
          context: dict[str, Any], status: int = 200, vary: str | None = None) -> HttpResponse:
    """Render one page with what every page has: language, direction, navigation, language switcher."""
    t = TEXTS[lang]
    query_string = request.META.get("QUERY_STRING", "")
    switcher = [{"code": code, "label": label, "current": code == lang,
                 "url": reverse(url_name, kwargs={**kwargs, "lang": code}) + (f"?{query_string}" if query_string else "")}
                for code, label in settings.LANGUAGES]
    nav = [{"label": t["nav_home"], "url": reverse("public:home-lang", kwargs={"lang": lang})}]
    nav += [{"label": t[f"nav_{kind}"], "url": reverse("public:site-list", kwargs={"lang": lang, "kind": kind})}
            for kind in catalogue.PUBLIC_TYPES]
    nav.append({"label": t["nav_guidance"], "url": reverse("public:guidance", kwargs={"lang": lang})})
    body = render_to_string(template, {
        "lang": lang, "dir": "rtl" if lang in RTL else "ltr", "t": t, "switcher": switcher, "nav": nav,
        "guidance_url": reverse("public:guidance", kwargs={"lang": lang}), **context,
    }).encode()
    response = HttpResponse(body, status=status, content_type=HTML)
    if status != 200:
        response["Cache-Control"] = "no-store"
    if vary:
        response["Vary"] = vary
    return response


def _refusal(request: HttpRequest, status: int, detail: str, wait: int, kwargs: dict[str, Any]) -> HttpResponse:
    lang = kwargs.get("lang") or negotiate(request.headers.get("Accept-Language", ""))
    t = TEXTS[lang]
    if status == 429:
        title, text = t["too_many_title"], t["too_many_body"].format(wait=wait)
    else:
        title, text = t["not_allowed_title"], t["not_allowed_body"]
    return _page(request, lang, "public:home-lang", {}, "public/error.html", {"title": title, "text": text}, status)


site_view = public_view(_refusal)
home_view = public_view(_refusal, cached=False)  # / answers in the visitor's language: not one answer per URL


@home_view
def home(request: HttpRequest, lang: str | None = None) -> HttpResponse:
    """``/`` speaks the visitor's language (Accept-Language); ``/ar/``, ``/en/``... the one chosen."""
    vary = None
    if lang is None:
        lang, vary = negotiate(request.headers.get("Accept-Language", "")), "Accept-Language"
    t = TEXTS[lang]
    lists = [{"title": t[f"{kind}_title"], "intro": t[f"{kind}_intro"],
              "url": reverse("public:site-list", kwargs={"lang": lang, "kind": kind})} for kind in catalogue.PUBLIC_TYPES]
    return _page(request, lang, "public:home-lang", {}, "public/home.html",
                 {"title": t["nav_home"], "lists": lists}, vary=vary)


@site_view
def guidance(request: HttpRequest, lang: str) -> HttpResponse:
    t = TEXTS[lang]
    return _page(request, lang, "public:guidance", {}, "public/guidance.html",
                 {"title": t["guidance_title"], "steps": [t["guidance_step_1"], t["guidance_step_2"], t["guidance_step_3"]]})


def _error_line(p: QueryProblem, t: dict[str, str]) -> str:
    label = t.get(f"label_{p.parameter}", p.parameter)
    return f"{label}: {t['err_' + p.code].format(**p.values)}"


def _image_url(kind: str, entity: str, sha256: str) -> str:
    return reverse("public:api-image", kwargs={"kind": kind, "notice_id": catalogue.url_id(entity), "picture_id": sha256})


@site_view
def notice_list(request: HttpRequest, lang: str, kind: str) -> HttpResponse:
    t = TEXTS[lang]
    kwargs = {"kind": kind}
    form = {name: request.GET.get(name, "") for name in PARAMETERS}
    context: dict[str, Any] = {
        "kind": kind, "title": t[f"{kind}_title"], "intro": t[f"{kind}_intro"], "form": form,
        "countries": list(catalogue.country_names(lang).items()), "sexes": [(s, t[f"sex_{s}"]) for s in SEX_IDS],
    }
    try:
        query = parse_query(dict(request.GET.lists()), catalogue.country_codes())
    except InvalidQuery as exc:
        context["errors"] = [_error_line(p, t) for p in exc.problems]
        return _page(request, lang, "public:site-list", kwargs, "public/list.html", context, status=400)
    result = catalogue.search(kind, query, timezone.localdate())
    pages = max(1, math.ceil(result.total / query.per_page))
    here = reverse("public:site-list", kwargs={"lang": lang, "kind": kind})

    def page_url(number: int) -> str:
        params: dict[str, Any] = {**query.filters(), "page": number}
        if query.per_page != DEFAULT_PER_PAGE:
            params["resultPerPage"] = query.per_page
        return f"{here}?{urlencode(params)}"

    context.update({
        "searched": True, "total": result.total,
        "results_count": t["results_count"].format(total=result.total),
        "page_of": t["page_of"].format(page=query.page, pages=pages),
        "previous_url": page_url(query.page - 1) if 1 < query.page <= pages else "",
        "next_url": page_url(query.page + 1) if query.page < pages else "",
        "items": [{"entity_id": e.entity_id, **display.summary(e.data, lang),
                   "url": reverse("public:site-detail", kwargs={"lang": lang, "kind": kind,
                                                                "notice_id": catalogue.url_id(e.entity_id)}),
                   "thumbnail": _image_url(kind, e.entity_id, e.photos[0]) if e.photos else ""}
                  for e in result.extracts],
    })
    return _page(request, lang, "public:site-list", kwargs, "public/list.html", context)


@site_view
def notice_detail(request: HttpRequest, lang: str, kind: str, notice_id: str) -> HttpResponse:
    t = TEXTS[lang]
    kwargs = {"kind": kind, "notice_id": notice_id}
    entity = catalogue.entity_id(notice_id)
    found = catalogue.extract(kind, entity) if entity else None
    if found is None:
        return _page(request, lang, "public:site-detail", kwargs, "public/error.html",
                     {"title": t["not_found_title"], "text": t["not_found_body"]}, status=404)
    name = display.full_name(found.data)
    return _page(request, lang, "public:site-detail", kwargs, "public/detail.html", {
        "title": name, "entity_id": found.entity_id, "rows": display.rows(found.data, lang, t),
        "photos": [{"url": _image_url(kind, found.entity_id, sha), "alt": t["photo_alt"].format(name=name)}
                   for sha in found.photos],
        "list_url": reverse("public:site-list", kwargs={"lang": lang, "kind": kind}), "list_title": t[f"{kind}_title"],
    })
