"""The owner's care of its records: those due for review by a date (those past it are out of search until renewed),
renewed many at once; and, on a record's page, renewing or deleting that one (deleting asks why: the reason is kept
in the audit trail)."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from ncbnet.access.policy import Actor, Denied
from ncbnet.portal.contribute_forms import FIELDS
from ncbnet.portal.explain import translate
from ncbnet.portal.forms import int_param
from ncbnet.portal.record_fields import kind_or_404
from ncbnet.portal.records import title_of
from ncbnet.portal.session import page, portal_view
from ncbnet.records import services
from ncbnet.records.cleaning import InvalidRecord
from ncbnet.records.models import PersonName

WINDOWS = (30, 90, 365)  # days ahead the list looks
PAGE = 100


class DeleteForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Why the record no longer stands"), max_length=500)


def _refusal(exc: Exception) -> str:
    if isinstance(exc, InvalidRecord):
        return "; ".join(translate(text) for text in exc.errors.values())
    return translate(str(getattr(exc, "reason", exc)))


@portal_view
@require_POST
def lifecycle(request: HttpRequest, actor: Actor, kind_name: str, record_id: int, action: str) -> HttpResponse:
    """Renew or delete one record, from its page."""
    kind_name = kind_or_404(kind_name)
    back = HttpResponseRedirect(reverse("portal:record", args=[kind_name, record_id]))
    try:
        if action == "renew":
            rec = services.renew_record(actor, kind_name, record_id)
            messages.success(request, _("Renewed: the record stays in search until %(date)s.")
                             % {"date": formats.date_format(rec.review_due, "SHORT_DATE_FORMAT")})
        elif action == "delete":
            form = DeleteForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Not deleted: say why the record no longer stands."))
                return back
            services.delete_record(actor, kind_name, record_id, purpose=form.cleaned_data["reason"])
            messages.success(request, _("Deleted: the record left search at once; its history stays."))
        else:
            raise Http404(action)
    except services.RecordNotFound as exc:
        raise Http404(str(exc)) from exc
    except (Denied, services.RecordDeleted) as exc:
        messages.error(request, _("Not done: %(reason)s") % {"reason": _refusal(exc)})
    return back


def _titles(kind_name: str, records: list) -> dict[int, str]:
    if kind_name != "person":
        return {r.pk: title_of(kind_name, r) for r in records}
    first: dict[int, str] = {}
    for person_id, full in (PersonName.objects.filter(person_id__in=[r.pk for r in records]).order_by("id")
                            .values_list("person_id", "full")):
        first.setdefault(person_id, full)
    return first


@portal_view
@require_http_methods(["GET", "POST"])
def due(request: HttpRequest, actor: Actor) -> HttpResponse:
    """Our records due for review within a window; those chosen renewed together."""
    kind_name = kind_or_404(request.GET.get("kind") or "travel_document")
    within = int_param(request.GET.get("within"))
    within = within if within in WINDOWS else WINDOWS[1]
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("ids") if v.isdigit()]
        if not ids:
            messages.error(request, _("Choose the records to renew."))
        else:
            try:
                renewed = services.renew_records(actor, kind_name, ids)
            except (services.RecordNotFound, Denied, services.RecordDeleted, services.BatchTooLarge,
                    InvalidRecord) as exc:
                messages.error(request, _("Nothing was renewed: %(reason)s") % {"reason": _refusal(exc)})
            else:
                messages.success(request, ngettext(
                    "%(count)d record renewed: it stays in search until %(date)s.",
                    "%(count)d records renewed: they stay in search until %(date)s.", len(renewed))
                    % {"count": len(renewed), "date": formats.date_format(renewed[0].review_due, "SHORT_DATE_FORMAT")})
        return HttpResponseRedirect(reverse("portal:review") + "?" + urlencode({"kind": kind_name, "within": str(within)}))
    today = timezone.now().date()
    records, next_after, refused, status = [], None, "", 200
    try:
        found = services.due_for_review(actor, kind_name, before=today + timedelta(days=within),
                                        after=request.GET.get("after") or None, limit=PAGE)
        records, next_after = found.records, found.next
    except (Denied, InvalidRecord) as exc:
        refused, status = _refusal(exc), 403 if isinstance(exc, Denied) else 400
    titles = _titles(kind_name, records)
    return page(request, "portal/review.html", {
        "section": "contribute", "kind": kind_name, "kinds": list(FIELDS), "within": within, "windows": WINDOWS,
        "rows": [(r, titles.get(r.pk, ""), r.review_due < today) for r in records], "refused": refused,
        "next": urlencode({"kind": kind_name, "within": str(within), "after": next_after}) if next_after else "",
    }, status=status)
