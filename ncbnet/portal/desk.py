"""What the three desks (the CCC board, the auditors' trail, the supervisors' bureau) share: when the policy refuses,
the officer gets a page that says so (403, in the officer's language), and the refusal is in the audit trail.

The decision itself stays the services': they call ``require`` and raise ``Denied``; this only shows it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from ncbnet.access.policy import Actor, Denied
from ncbnet.portal.session import refusal_page


def refusals_shown(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """``@portal_view`` above it: a ``Denied`` from the services becomes the not-allowed page."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, actor: Actor, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, actor, *args, **kwargs)
        except Denied as exc:
            return refusal_page(request, actor, exc)

    return wrapper
