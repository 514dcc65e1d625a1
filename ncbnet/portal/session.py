"""Who is at the desk: sign-in (password, then the second factor), the idle timeout, sign-out, the language.

Every portal page goes through ``portal_view``: it admits only a signed-in officer (with a verified second factor
outside demo mode; never a machine client), ends a session left idle for ``PORTAL_IDLE_SECONDS``, speaks the
officer's language and hands the view the officer's ``Actor``. The rules themselves stay in the services: the
portal calls ``members.services.login`` (lock-out, audit) and the messaging, records and notices services, and
shows what they refuse.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as django_login
from django.contrib.auth import logout as django_logout
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from ncbnet.access.policy import Action, Actor, Denied, allows
from ncbnet.audit.services import record, record_refusal
from ncbnet.members import services as members
from ncbnet.members.models import User
from ncbnet.portal.forms import SignInForm

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
RTL = frozenset({"ar"})
LANG_KEY = "portal_language"
SEEN_KEY = "portal_seen"
# The session row is rewritten at most this often to move the idle clock (not on every page).
_SEEN_RESOLUTION = 30


def language_of(request: HttpRequest) -> str:
    """The signed-in officer's language; before sign-in, the one chosen on the page, else the browser's."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.preferred_language in LANGUAGES:
        return user.preferred_language
    chosen = request.session.get(LANG_KEY)
    if chosen in LANGUAGES:
        return chosen
    for part in request.headers.get("Accept-Language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "en"


def allowed_actions(actor: Actor) -> frozenset[str]:
    """The actions the policy grants this officer (``{% if "audit.search" in allowed %}``): what the menus offer.
    The services still check each action on use."""
    return frozenset(action.value for action in Action if allows(actor, action))


def page(request: HttpRequest, template: str, context: dict[str, Any] | None = None, status: int = 200) -> HttpResponse:
    """Render a portal page in the request's language (already active inside ``portal_view``)."""
    lang = translation.get_language() or "en"
    actor: Actor | None = getattr(request, "portal_actor", None)  # set by portal_view; none before sign-in
    allowed = allowed_actions(actor) if actor is not None else frozenset()
    response = render(request, template, {"lang": lang, "dir": "rtl" if lang in RTL else "ltr",
                                          "languages": settings.LANGUAGES, "allowed": allowed, **(context or {})},
                      status=status)
    response["Cache-Control"] = "no-store"  # police data: never kept by a browser or a proxy
    response["Content-Language"] = lang
    return response


def _to_sign_in(request: HttpRequest, notice: str | None = None) -> HttpResponse:
    if notice:
        messages.info(request, notice)
    return HttpResponseRedirect(f"{reverse('portal:sign-in')}?next={request.get_full_path()}"
                                if request.method == "GET" else reverse("portal:sign-in"))


def portal_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in, second factor verified, not idle too long; the officer's language; ``view(request, actor, ...)``."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            with translation.override(language_of(request)):
                return _to_sign_in(request)
        assert isinstance(user, User)
        if user.is_machine or (settings.OTP_REQUIRED and not user.is_verified()):  # type: ignore[attr-defined]
            django_logout(request)
            return _to_sign_in(request)
        now = time.time()
        seen = request.session.get(SEEN_KEY, now)
        lang = language_of(request)
        if now - seen > settings.PORTAL_IDLE_SECONDS:
            record(Actor.of(user), "logout", reason="session idle")
            django_logout(request)
            with translation.override(lang):
                return _to_sign_in(request, _("Your session ended after a period without activity. Please sign in again."))
        if now - seen >= _SEEN_RESOLUTION or SEEN_KEY not in request.session:
            request.session[SEEN_KEY] = now
        with translation.override(lang):
            actor = request.portal_actor = Actor.of(user)  # type: ignore[attr-defined]  # once per request
            try:
                response = view(request, actor, *args, **kwargs)
            except Http404:  # not there, or not for this officer: the two look the same
                response = page(request, "portal/not_found.html", status=404)
            except Denied as exc:  # the policy refused an action the page asked of a service
                return refusal_page(request, actor, exc)  # audited there, with the policy's reason
            if response.status_code in _REFUSED:  # as the API does: every refusal leaves its entry
                record_refusal(actor, _action(request), f"{response.status_code} {_REFUSED[response.status_code]}",
                               object_ids=[request.path])
            return response

    return wrapper


_REFUSED = {400: "form refused", 404: "not found or not visible", 409: "conflict"}


def _action(request: HttpRequest) -> str:
    route = request.resolver_match.route if request.resolver_match else request.path
    return f"portal {request.method} {route}"[:64]


def refusal_page(request: HttpRequest, actor: Actor, exc: Denied) -> HttpResponse:
    """The policy's refusal, shown (403, in the officer's language) and in the trail as the API writes its own
    (``api/problems.py``): the request, and the policy's reason."""
    record_refusal(actor, _action(request), exc.reason, object_ids=[request.path],
                   query={"path": request.path, "action": exc.action})
    return page(request, "portal/desk_not_allowed.html", {"role": actor.role}, status=403)


# Where an officer lands after signing in: the first desk the role has.
LANDINGS = ((Action.MESSAGE_READ, "portal:inbox"), (Action.OVERDUE_NETWORK, "portal:ccc"),
            (Action.AUDIT_SEARCH, "portal:audit"), (Action.NOTICE_VIEW, "portal:notices"))


def landing(actor: Actor) -> str:
    for action, name in LANDINGS:
        if allows(actor, action):
            return reverse(name)
    return reverse("portal:inbox")


def _safe_next(request: HttpRequest, target: str | None) -> str:
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return reverse("portal:inbox")


_REFUSALS = {
    "wrong user name or password": lambda: _("Wrong user name or password."),
    "second factor missing or wrong": lambda: _("The code from your authenticator app is missing or wrong."),
}


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    lang = language_of(request)
    with translation.override(lang):
        if request.user.is_authenticated and request.method == "GET":
            return HttpResponseRedirect(_safe_next(request, request.GET.get("next")))
        form = SignInForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                user = members.login(data["username"], data["password"], data["code"] or None)
            except members.AuthenticationFailed as exc:
                if exc.status == 423:
                    form.add_error(None, _("This account is locked after repeated failed sign-ins. Try again later "
                                           "or ask your supervisor."))
                else:
                    form.add_error(None, _REFUSALS.get(exc.reason, _REFUSALS["wrong user name or password"])())
            else:
                if user.is_machine:
                    form.add_error(None, _("Machine clients use the API with their token, not the portal."))
                else:
                    chosen = request.session.get(LANG_KEY)
                    django_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                    _verify_device(request, user, data["code"])
                    request.session[SEEN_KEY] = time.time()
                    if chosen in LANGUAGES and chosen != user.preferred_language:
                        User.objects.filter(pk=user.pk).update(preferred_language=chosen)
                    return HttpResponseRedirect(_safe_next(request, request.POST.get("next")))
        return page(request, "portal/sign_in.html", {
            "form": form, "next": request.GET.get("next") or request.POST.get("next", ""),
            "otp_required": settings.OTP_REQUIRED, "demo": settings.DEMO_MODE,
        }, status=400 if request.method == "POST" else 200)


def _verify_device(request: HttpRequest, user: User, code: str) -> None:
    """Mark the session verified by the device whose code ``members.login`` accepted."""
    if not code:
        return
    for device in TOTPDevice.objects.devices_for_user(user, confirmed=True):
        otp_login(request, device)
        return


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    lang = language_of(request)
    user = request.user
    if user.is_authenticated:
        record(Actor.of(user), "logout")
    django_logout(request)
    request.session[LANG_KEY] = lang
    with translation.override(lang):
        messages.info(request, _("You have signed out."))
    return HttpResponseRedirect(reverse("portal:sign-in"))


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switcher: kept in the session, and as the officer's own choice once signed in."""
    lang = request.POST.get("language", "")
    if lang in LANGUAGES:
        request.session[LANG_KEY] = lang
        if request.user.is_authenticated:
            User.objects.filter(pk=request.user.pk).update(preferred_language=lang)
    return HttpResponseRedirect(_safe_next(request, request.POST.get("next")))
