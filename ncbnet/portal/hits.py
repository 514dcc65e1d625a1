"""Hits: those on the bureau's data that await its answer (with their deadlines), those its searches raised, and
one hit's page where the owner confirms or denies. The hits services decide who sees and answers what."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ncbnet.access.policy import Action, Actor, Denied, allows
from ncbnet.hits import services
from ncbnet.hits.models import HitStatus
from ncbnet.portal.explain import translate
from ncbnet.portal.search_forms import HitAnswerForm
from ncbnet.portal.session import page, portal_view


@portal_view
def hit_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    owner = allows(actor, Action.HIT_ANSWER) and services.answering_org(actor) is not None
    awaiting = services.list_hits(actor, role="owner", status=HitStatus.PENDING) if owner else []
    raised = services.list_hits(actor, role="searcher")
    return page(request, "portal/hits.html", {"section": "hits", "awaiting": awaiting, "raised": raised,
                                              "owner": owner, "now": timezone.now()})


@portal_view
@require_http_methods(["GET", "POST"])
def hit(request: HttpRequest, actor: Actor, hit_reference: str) -> HttpResponse:
    form = HitAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_hit(actor, hit_reference, confirmed=form.cleaned_data["decision"] == "confirm",
                                note=form.cleaned_data["note"])
        except services.HitNotFound as exc:
            raise Http404(str(exc)) from exc
        except Denied as exc:
            form.add_error(None, _("This hit cannot be answered: %(reason)s") % {"reason": translate(exc.reason)})
        else:
            messages.success(request, _("Your answer was sent to the searching bureau."))
            return HttpResponseRedirect(reverse("portal:hit", args=[hit_reference]))
    try:
        found = services.get_hit(actor, hit_reference)
    except services.HitNotFound as exc:
        raise Http404(str(exc)) from exc
    may_answer = (found.status == HitStatus.PENDING and allows(actor, Action.HIT_ANSWER)
                  and found.owner_ncb_id == services.answering_org(actor))
    return page(request, "portal/hit.html", {"section": "hits", "hit": found, "form": form, "may_answer": may_answer,
                                             "now": timezone.now()}, status=400 if form.errors else 200)
