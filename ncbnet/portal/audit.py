"""The auditors' desk: search the trail (newest first, a page at a time, older pages by ``before``) and have the hash
chain checked on demand.

Auditors see the trail and nothing behind it: who did what, when, from which organisation, to which objects, with
which query, which ids came back, the purpose and the reason given. The audit services join no police data in, and
the policy gives the auditor no action on messages or records. The last check of the chain is not kept in the
session or a table of its own: it is the latest ``audit.verify`` entry of the trail itself (``audit.services``).
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ncbnet.access.policy import Actor
from ncbnet.audit import services
from ncbnet.audit.models import AuditEntry
from ncbnet.portal.desk import refusals_shown
from ncbnet.portal.desk_forms import AuditSearchForm
from ncbnet.portal.forms import int_param
from ncbnet.portal.session import page, portal_view

PAGE_SIZE = 50


def _entry(e: AuditEntry) -> dict:
    """One entry as the page shows it: every recorded field, the query as compact JSON."""
    return {
        "id": e.pk, "position": e.position, "at": e.at, "username": e.username, "organisation": e.organisation, "action": e.action,
        "outcome": e.outcome, "object_type": e.object_type, "object_ids": e.object_ids,
        "query": json.dumps(e.query, ensure_ascii=False, sort_keys=True) if e.query else "",
        "result_ids": e.result_ids, "purpose": e.purpose, "reason": e.reason, "ip": e.ip, "token_id": e.token_id,
    }


@portal_view
@refusals_shown
@require_GET
def trail(request: HttpRequest, actor: Actor) -> HttpResponse:
    verification = services.last_verification(actor)  # refuses whoever is not an auditor, whatever the form holds
    form = AuditSearchForm(request.GET or None)
    entries: list[dict] = []
    older = None
    if not form.is_bound or form.is_valid():
        search = form.search() if form.is_bound else {"filters": {}, "object_id": ""}
        rows = services.search_trail(actor, **search, before_id=int_param(request.GET.get("before")),
                                     limit=PAGE_SIZE + 1)
        entries = [_entry(e) for e in rows[:PAGE_SIZE]]
        if len(rows) > PAGE_SIZE:
            kept = {k: v for k, v in request.GET.items() if k != "before" and v}
            older = "?" + urlencode({**kept, "before": rows[PAGE_SIZE - 1].pk})
    return page(request, "portal/audit.html", {
        "section": "audit", "form": form, "entries": entries, "older": older, "verification": verification,
    }, status=400 if form.is_bound and form.errors else 200)


@portal_view
@refusals_shown
@require_POST
def verify(request: HttpRequest, actor: Actor) -> HttpResponse:
    result = services.verify_trail(actor)
    if result.broken_at is None:
        messages.success(request, _("The audit chain is intact: %(count)s entries verified.") % {"count": result.entries})
    else:
        messages.error(request, _("The audit chain is broken at entry %(seq)s.") % {"seq": result.broken_at})
    return HttpResponseRedirect(reverse("portal:audit"))
