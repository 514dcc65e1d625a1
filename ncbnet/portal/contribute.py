"""Contributing records: a form per kind to add one, the same form to change one (the record's version guards
against two officers changing it at once), and a bulk file with its validation report (every line checked first;
if one is bad nothing is loaded, and the report names each bad line, field and reason)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ncbnet.access.policy import Actor, Denied
from ncbnet.portal.contribute_forms import FIELDS, BulkForm, RecordForm
from ncbnet.portal.explain import translate
from ncbnet.portal.once import AlreadyDone, once
from ncbnet.portal.record_fields import kind_or_404
from ncbnet.portal.session import page, portal_view
from ncbnet.records import services
from ncbnet.records.bulk import bulk_load
from ncbnet.records.cleaning import InvalidRecord
from ncbnet.records.models import PersonName


class _Refused(Exception):
    """A bulk file with bad lines: the report is shown, and the form's id stays free."""


def _refused(form: RecordForm, exc: Exception) -> None:
    if isinstance(exc, InvalidRecord):
        for key, text in exc.errors.items():
            field = key.split(".")[0].split("[")[0]
            if field in form.fields:
                form.add_error(field, translate(text))
            else:
                form.add_error(None, f"{key}: {translate(text)}")
    elif isinstance(exc, services.VersionConflict):
        form.add_error(None, _("Someone changed this record while you were editing it. Open it again to see the "
                               "changes, then make yours."))
    elif isinstance(exc, services.RecordDeleted):
        form.add_error(None, translate(str(exc)))
    elif isinstance(exc, Denied):
        form.add_error(None, _("Not allowed: %(reason)s") % {"reason": translate(exc.reason)})
    else:
        raise exc


@portal_view
@require_http_methods(["GET", "POST"])
def add(request: HttpRequest, actor: Actor, kind_name: str) -> HttpResponse:
    form = RecordForm(kind_or_404(kind_name), actor, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        warnings: tuple[str, ...] = ()

        def act() -> str:
            nonlocal warnings
            result = services.create_record(actor, kind_name, form.raw())
            warnings = result.warnings
            return reverse("portal:record", args=[kind_name, result.record.pk])

        try:
            target = once(actor, form.cleaned_data["submission"], act)
        except AlreadyDone as done:
            messages.info(request, _("This form had already been sent: it was carried out once."))
            return HttpResponseRedirect(done.result or reverse("portal:contribute"))
        except (InvalidRecord, Denied) as exc:
            _refused(form, exc)
        else:
            for warning in warnings:
                messages.warning(request, translate(warning))
            messages.success(request, _("Recorded. Other members can find it from now on."))
            return HttpResponseRedirect(target)
    return page(request, "portal/record_form.html", {"section": "contribute", "kind": kind_name, "form": form,
                                                     "record": None}, status=400 if form.errors else 200)


@portal_view
@require_http_methods(["GET", "POST"])
def change(request: HttpRequest, actor: Actor, kind_name: str, record_id: int) -> HttpResponse:
    try:
        rec = services.read_record(actor, kind_or_404(kind_name), record_id)
    except services.RecordNotFound as exc:
        raise Http404(str(exc)) from exc
    names = list(PersonName.objects.filter(person_id=rec.pk).order_by("id").values_list("full", flat=True)) \
        if kind_name == "person" else []
    initial = RecordForm.initial_of(kind_name, rec, names)
    form = RecordForm(kind_name, actor, request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = form.raw(only_changed=True)
        if not changed:
            messages.info(request, _("Nothing was changed."))
            return HttpResponseRedirect(reverse("portal:record", args=[kind_name, record_id]))
        try:
            services.update_record(actor, kind_name, record_id, changed, expected_version=form.cleaned_data["version"])
        except (InvalidRecord, services.VersionConflict, services.RecordDeleted, Denied) as exc:
            _refused(form, exc)
        except services.RecordNotFound as exc:
            raise Http404(str(exc)) from exc
        else:
            messages.success(request, _("Changed. The previous version stays in the record's history."))
            return HttpResponseRedirect(reverse("portal:record", args=[kind_name, record_id]))
    return page(request, "portal/record_form.html", {"section": "contribute", "kind": kind_name, "form": form,
                                                     "record": rec}, status=400 if form.errors else 200)


@portal_view
@require_http_methods(["GET", "POST"])
def bulk(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = BulkForm(request.POST if request.method == "POST" else None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        fmt = form.format()
        if fmt is None:
            form.add_error("file", _("Send a .csv, .ndjson or .jsonl file."))
        else:
            def act() -> str:
                nonlocal report
                report = bulk_load(actor, form.cleaned_data["kind"], iter(form.cleaned_data["file"]), fmt)  # by line
                if not report.ok:  # nothing was loaded: the same form may be sent again, corrected
                    raise _Refused
                return ""

            try:
                once(actor, form.cleaned_data["submission"], act)
            except _Refused:
                pass
            except AlreadyDone:
                messages.info(request, _("This file had already been sent with this form: it was loaded once."))
            except InvalidRecord as exc:  # the file itself cannot be read: not UTF-8, or not CSV
                for text in exc.errors.values():
                    form.add_error("file", translate(text))
            except Denied as exc:
                form.add_error(None, _("Not allowed: %(reason)s") % {"reason": translate(exc.reason)})
    return page(request, "portal/bulk.html", {"section": "contribute", "form": form, "report": report},
                status=400 if form.errors or (report is not None and not report.ok) else 200)


@portal_view
def home(request: HttpRequest, actor: Actor) -> HttpResponse:
    return page(request, "portal/contribute.html", {"section": "contribute", "kinds": list(FIELDS)})
