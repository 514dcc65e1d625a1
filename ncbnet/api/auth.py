"""API authentication: bearer tokens for machines and scripts, Django sessions (with a verified second
factor) for the portal. Either way the request ends with an ``Actor`` for the access policy."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth

from ncbnet.access.policy import Actor
from ncbnet.audit.context import current
from ncbnet.members.services import AuthenticationFailed, actor_for_token


def authenticate_token(token: str) -> Actor:
    """The actor of a bearer token, named in the request's audit context; AuthenticationFailed with the reason."""
    if not (token.isascii() and token.isprintable()):  # ours are; a NUL would fail in PostgreSQL as a 500
        raise AuthenticationFailed("malformed API token")
    actor = actor_for_token(token)
    ctx = current()
    if ctx is not None:
        ctx.token_id, ctx.username, ctx.organisation = actor.token_id, actor.username, actor.organisation_code
    return actor


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        actor = authenticate_token(token)
        request.ncbnet_actor = actor  # type: ignore[attr-defined]
        return actor


def _verified(user) -> bool:
    """A session's user may act: outside demo mode its login passed the second factor."""
    return not settings.OTP_REQUIRED or user.is_machine or user.is_verified()


class VerifiedSessionAuth(SessionAuth):
    """A logged-in session; outside demo mode the login must have passed the second factor."""

    def _get_key(self, request: HttpRequest):
        # Without a session cookie there is nothing a forged cross-site request could ride on, so no CSRF check:
        # a request with no credentials at all is told 401 (send a token or log in), not "CSRF check failed".
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key):
        user = super().authenticate(request, key)
        if user is None or not _verified(user):
            return None
        request.ncbnet_actor = Actor.of(user)  # type: ignore[attr-defined]
        return user


def caller(request: HttpRequest) -> Actor | None:
    """Who sent a request that no operation took (a path or a method the API does not have), for its audit entry:
    the actor of its bearer token, or of its verified session; None when it names nobody the API would accept."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        try:
            return authenticate_token(token.strip())
        except AuthenticationFailed:
            return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and _verified(user):
        return Actor.of(user)
    return None


def actor_of(request: HttpRequest) -> Actor:
    actor: Actor = request.ncbnet_actor  # type: ignore[attr-defined]  # set by TokenAuth or VerifiedSessionAuth
    return actor


AUTH = [TokenAuth(), VerifiedSessionAuth()]
