"""Searching the police databases and reading their records: one search page (persons; travel documents typed or
their machine-readable zone pasted; vehicles; firearms; works of art), record pages with history, photos, links,
notices and hits.

Every search goes through the records services, which apply the access policy in the query, write the audit
entry and raise the hits (a match on another country's record tells its owner), exactly as through the API. A
search is a POST: it is recorded and may raise hits, so a page reload must not repeat it unasked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ncbnet.access.policy import Action, Actor, Denied, allows
from ncbnet.access.restrictions import decode_countries
from ncbnet.hits.services import record_hit_stats
from ncbnet.messaging.attachments import IntegrityFailure
from ncbnet.notices.services import published_notices_of
from ncbnet.portal import search_forms
from ncbnet.portal.explain import translate
from ncbnet.portal.labels import label, notice_reference
from ncbnet.portal.record_fields import COMMON, FIELDS, kind_or_404
from ncbnet.portal.session import page, portal_view
from ncbnet.records import services
from ncbnet.records.attachments import links_and_photos, photo_content
from ncbnet.records.identifier_search import IdentifierQuery, ItemAnswer, check_identifiers
from ncbnet.records.kinds import UnknownKind
from ncbnet.records.models import Person, PersonName, PoliceRecord
from ncbnet.records.person_search import InvalidSearch, PersonSearch, search_persons
from ncbnet.records.text_search import InvalidTextSearch, search_text

# The tabs of the search page: URL segment -> (form, label)
SEARCHES: dict[str, type[forms.Form]] = {
    "persons": search_forms.PersonSearchForm, "documents": search_forms.DocumentSearchForm,
    "vehicles": search_forms.VehicleSearchForm, "firearms": search_forms.FirearmSearchForm,
    "art": search_forms.ArtSearchForm,
}
KIND_OF_TAB = {"persons": "person", "documents": "travel_document", "vehicles": "vehicle", "firearms": "firearm",
               "art": "work_of_art"}


@dataclass
class Row:
    """One result, whatever the kind: what the results table shows."""

    kind: str
    record: PoliceRecord
    title: str
    score: float | None = None  # 0..1; None for a free-text result
    explanation: list[str] = field(default_factory=list)
    hit: Any = None
    notices: list[tuple[int, str, str]] = field(default_factory=list)  # (id, reference, type)
    details: list[tuple[str, str]] = field(default_factory=list)


def title_of(kind_name: str, rec: Any, names: tuple[str, ...] = ()) -> str:
    """One line naming a record, in the officer's language."""
    if kind_name == "person":
        return names[0] if names else " / ".join(PersonName.objects.filter(person_id=rec.pk).values_list("full", flat=True)[:1])
    if kind_name == "travel_document":
        return (f"{label('document_type', rec.document_type)} {rec.issuing_country} {rec.number} "
                f"({label('document_status', rec.document_status)})")
    if kind_name == "vehicle":
        return " ".join(p for p in (rec.make, rec.model, rec.vin, rec.plate and f"[{rec.plate} {rec.plate_country}]") if p)
    if kind_name == "firearm":
        return f"{rec.make} {rec.model} {label('firearm_type', rec.firearm_type)} · {rec.serial_number}"
    return f"{rec.title} ({rec.artist or _('unknown artist')})"


def _person_rows(actor: Actor, data: dict) -> list[Row]:
    q = PersonSearch(names=data["names"], birth_date=data["birth_date"] or None, sex=data["sex"] or None,
                     nationality=data["nationality"] or None)
    results = search_persons(actor, q, purpose=data.get("purpose", ""))
    notices = published_notices_of(actor, [r.person.pk for r in results])
    return [Row("person", r.person, title_of("person", r.person, r.names), r.score, r.explanation, r.hit,
                [(n.pk, notice_reference(n), n.notice_type) for n in notices.get(r.person.pk, [])],
                [(_("Date of birth"), r.person.birth_date), (_("Sex"), label("sex", r.person.sex)),
                 (_("Nationalities"), ", ".join(decode_countries(r.person.nationalities))),
                 (_("Role"), label("person_role", r.person.role))])
            for r in results]


def _identifier_rows(actor: Actor, queries: list[IdentifierQuery], purpose: str) -> tuple[list[Row], list[ItemAnswer]]:
    answers = check_identifiers(actor, queries, purpose=purpose)
    rows = [Row(m.kind, m.record, title_of(m.kind, m.record), m.score, m.explanation, m.hit)
            for a in answers for m in a.matches]
    return rows, answers


def _search(actor: Actor, what: str, data: dict) -> tuple[list[Row], list[ItemAnswer]]:
    purpose = data.get("purpose", "")
    if what == "persons":
        return _person_rows(actor, data), []
    if what == "documents":
        mrz = data["mrz"].strip()
        q = (IdentifierQuery("mrz", mrz) if mrz else
             IdentifierQuery("number", data["number"].strip(), data["country"].strip().upper() or None))
        return _identifier_rows(actor, [q], purpose)
    if what == "vehicles":
        queries = [IdentifierQuery("vin", data["vin"].strip())] if data["vin"].strip() else []
        if data["plate"].strip():
            queries.append(IdentifierQuery("plate", data["plate"].strip()))
        return _identifier_rows(actor, queries, purpose)
    if what == "firearms":
        return _identifier_rows(actor, [IdentifierQuery("serial_number", data["serial_number"].strip())], purpose)
    results = search_text(actor, "work_of_art", data["text"], purpose=purpose)
    return [Row("work_of_art", r.record, title_of("work_of_art", r.record)) for r in results], []


@portal_view
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest, actor: Actor, what: str = "persons") -> HttpResponse:
    if what not in SEARCHES:
        raise Http404(what)
    form = SEARCHES[what](request.POST if request.method == "POST" else None)
    rows: list[Row] | None = None
    answers: list[ItemAnswer] = []
    if request.method == "POST" and form.is_valid():
        try:
            rows, answers = _search(actor, what, form.cleaned_data)
        except InvalidSearch as exc:
            for key, text in exc.errors.items():
                form.add_error(key if key in form.fields else None, translate(text))
        except (InvalidTextSearch, ValueError) as exc:
            form.add_error(None, translate(str(exc)))
        except Denied:
            form.add_error(None, _("Your agency is not authorised to search this database."))
    problems = [(a.error, a.problems, a.parsed) for a in answers if a.error or a.problems or a.parsed]
    return page(request, "portal/records_search.html", {
        "section": "records", "what": what, "form": form, "rows": rows, "problems": problems,
        "tabs": [(tab, label("record_kind", KIND_OF_TAB[tab])) for tab in SEARCHES],
    }, status=400 if form.errors else 200)


def _facts(kind_name: str, rec: Any) -> list[tuple[str, str]]:
    facts = []
    for attname, name, coded in [*FIELDS[kind_name], *COMMON]:
        value: Any = getattr(rec, attname, None)
        if value in (None, "", []):
            continue
        if coded == "countries":
            shown = ", ".join(decode_countries(value))
        elif coded == "list":
            shown = ", ".join(str(v) for v in value)
        elif coded:
            shown = label(coded, value)
        else:
            shown = str(value)
        facts.append((str(name), shown))
    return facts


@portal_view
def record(request: HttpRequest, actor: Actor, kind_name: str, record_id: int) -> HttpResponse:
    try:
        rec = services.read_record(actor, kind_or_404(kind_name), record_id)
        versions = services.history(actor, kind_name, record_id)
    except (services.RecordNotFound, UnknownKind) as exc:
        raise Http404(str(exc)) from exc
    links, photos = links_and_photos(rec, kind_name)
    names = list(PersonName.objects.filter(person_id=rec.pk).order_by("id")) if isinstance(rec, Person) else []
    notices = published_notices_of(actor, [rec.pk]).get(rec.pk, []) if isinstance(rec, Person) else []
    try:
        hits = record_hit_stats(actor, kind_name, record_id)
    except Denied:
        hits = None
    return page(request, "portal/record.html", {
        "section": "records", "kind": kind_name, "rec": rec, "title": title_of(kind_name, rec), "names": names,
        "facts": _facts(kind_name, rec), "photos": photos, "links": links, "versions": versions,
        "notices": [(n.pk, notice_reference(n), n.notice_type) for n in notices], "hits": hits,
        "restrictions": rec.restrictions,
        "may_change": allows(actor, Action.RECORD_CONTRIBUTE) and rec.owner_country_id == actor.country,
        "lapsed": rec.review_due < timezone.now().date(),
    })


@portal_view
def photo(request: HttpRequest, actor: Actor, kind_name: str, record_id: int, sha256: str) -> HttpResponse:
    try:
        found, content = photo_content(actor, kind_or_404(kind_name), record_id, sha256)
    except (services.RecordNotFound, UnknownKind, IntegrityFailure) as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(content, content_type=found.blob.content_type)
    response["Cache-Control"] = "no-store"
    return response
