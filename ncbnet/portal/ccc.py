"""The Command and Coordination Centre's board: the network's urgent and immediate traffic, the overdue
acknowledgements, the last hour's hits and the last day's notices, kept current in the page by ``/portal/ccc/feed``.

Each section comes from one service, which checks the policy (``overdue.network``, ``hits.network``, the notices the
officer may see) and leaves its audit entry. The page and the feed render the same partials, so the feed returns
exactly what the page shows, and nothing of a message but its metadata: the body is never read.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.safestring import mark_safe

from ncbnet.access.policy import Actor
from ncbnet.hits import services as hits
from ncbnet.messaging import services as messaging
from ncbnet.messaging.models import Delivery
from ncbnet.notices import services as notices
from ncbnet.portal.desk import refusals_shown
from ncbnet.portal.session import SEEN_KEY, page, portal_view

TRAFFIC_WINDOW = timedelta(hours=6)
HITS_WINDOW = timedelta(hours=1)
NOTICES_WINDOW = timedelta(hours=24)
REFRESH_SECONDS = 10  # each refresh writes the audit entries of four reads: every 10 s, about 35,000 a day per open board
SECTIONS = ("traffic", "overdue", "hits", "notices")


def _overdue(d: Delivery) -> dict[str, Any]:
    """A late delivery as the board shows it: metadata only, as the overdue API gives it (no subject, no body)."""
    return {"message_id": d.message_id, "sender": d.message.sender_org.code, "recipient": d.recipient_org.code,
            "priority": d.priority, "crime_area": d.crime_area, "delivered_at": d.delivered_at,
            "ack_due_at": d.ack_due_at, "read": d.read_at is not None}


def _sections(request: HttpRequest, actor: Actor, now: datetime) -> dict[str, dict[str, str]]:
    """Each section rendered, with a digest the page compares to replace only what changed."""
    data: dict[str, Any] = {
        # First the service that refuses whoever is not the CCC, before any other reads the network.
        "traffic": messaging.urgent_traffic(actor, since=now - TRAFFIC_WINDOW),
        "overdue": [_overdue(d) for d in messaging.overdue(actor)],
        "hits": hits.recent_hits(actor, since=now - HITS_WINDOW),
        "notices": notices.recently_published(actor, since=now - NOTICES_WINDOW),
    }
    rendered = {}
    for name in SECTIONS:
        html = render_to_string(f"portal/_ccc_{name}.html", {"items": data[name], "now": now}, request)
        # mark_safe: the partial was rendered (and escaped) by the template engine just above.
        rendered[name] = {"html": mark_safe(html), "digest": hashlib.sha256(html.encode()).hexdigest()[:16]}
    return rendered


def _updated(now: datetime) -> str:
    return formats.date_format(timezone.localtime(now), "SHORT_DATETIME_FORMAT")


@portal_view
@refusals_shown
def board(request: HttpRequest, actor: Actor) -> HttpResponse:
    now = timezone.now()
    return page(request, "portal/ccc.html", {
        "section": "ccc", "sections": _sections(request, actor, now), "updated": _updated(now),
        "refresh_ms": REFRESH_SECONDS * 1000,
    })


def _not_activity(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The board asks for the feed by itself: those requests must not keep an unattended session alive, so the
    idle clock (``PORTAL_IDLE_SECONDS``) is put back where the officer's last real request left it."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        seen = request.session.get(SEEN_KEY)
        response = view(request, *args, **kwargs)
        if seen is not None and SEEN_KEY in request.session and request.session[SEEN_KEY] != seen:
            request.session[SEEN_KEY] = seen
        return response

    return wrapper


@_not_activity
@portal_view
@refusals_shown
def feed(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The sections of the board, as the page renders them (JSON: the time and each section's HTML and digest)."""
    now = timezone.now()
    response = JsonResponse({"updated": _updated(now), "sections": _sections(request, actor, now)})
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = translation.get_language() or "en"
    return response
