"""Identity services: logins with lock-out and second factor, API tokens, agency authorisations."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import connection, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from ncbnet import prepared
from ncbnet.access.policy import Action, Actor, Denied, require
from ncbnet.audit.services import record
from ncbnet.members.actor_cache import ACTORS
from ncbnet.members.models import AgencyAuthorisation, ApiToken, Organisation, OrgKind, User

TOKEN_PREFIX = "ncb"
DATABASES = ("persons", "travel_documents", "vehicles", "works_of_art", "firearms")


class AuthenticationFailed(Exception):
    def __init__(self, reason: str, status: int = 401):
        super().__init__(reason)
        self.reason = reason
        self.status = status


# ------------------------------------------------------------------------------------------- tokens

def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    plaintext: str  # shown once, never stored


def _require_manages(actor: Actor, user: User) -> None:
    """A supervisor manages the tokens of accounts of their own NCB and of its national agencies."""
    require(actor, Action.TOKEN_MANAGE)
    if user.organisation is None or (
        user.organisation_id != actor.organisation_id and user.organisation.parent_id != actor.organisation_id
    ):
        raise Denied("a supervisor manages tokens only for accounts of their NCB or its agencies")


def issue_token(user: User, name: str, *, days: int | None = None, issued_by: Actor | None = None) -> IssuedToken:
    if issued_by is not None:
        _require_manages(issued_by, user)
    if days is not None and not 1 <= days <= 366:
        raise ValueError("a token lives 1 to 366 days")
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    plaintext = f"{TOKEN_PREFIX}_{prefix}_{secret}"
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, prefix=prefix, digest=_digest(plaintext),
            expires_at=timezone.now() + timedelta(days=days or settings.API_TOKEN_DEFAULT_DAYS),
        )
        record(issued_by, "token.issue", object_type="api_token", object_ids=[token.pk], query={"for": user.username},
               username=user.username, organisation=user.organisation.code if user.organisation else "")
    return IssuedToken(token, plaintext)


def revoke_token(token: ApiToken, *, by: Actor | None = None) -> None:
    if by is not None:
        _require_manages(by, token.user)
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        record(by, "token.revoke", object_type="api_token", object_ids=[token.pk],
               username=token.user.username if by is None else "")


def _token_prefix(plaintext: str) -> str:
    parts = plaintext.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        raise AuthenticationFailed("malformed API token")
    return parts[1]


def _refuse_unusable(plaintext: str, digest: str | None, revoked_at, expires_at, user_active: bool) -> None:
    """The one list of reasons a token is refused, in the order a client should hear them."""
    if digest is None or not hmac.compare_digest(digest, _digest(plaintext)):
        raise AuthenticationFailed("unknown API token")
    if revoked_at is not None:
        raise AuthenticationFailed("API token revoked")
    if expires_at <= timezone.now():
        raise AuthenticationFailed("API token expired")
    if not user_active:
        raise AuthenticationFailed("account disabled")


def _touch(token_id: int, last_used_at) -> datetime | None:
    """Writes the token's last use, at most once a minute; returns the time written, if it wrote."""
    now = timezone.now()
    if last_used_at is None or now - last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token_id).update(last_used_at=now)
        return now
    return None


_ACTOR_BY_TOKEN = """
SELECT t.id, t.digest, t.expires_at, t.revoked_at, t.last_used_at,
       u.id, u.username, u.role, u.clearance, u.is_active,
       o.id, o.code, o.kind, o.country_id, o.parent_id,
       a.databases, a.may_contribute, a.valid_until, a.revoked_at
  FROM members_apitoken t
  JOIN members_user u ON u.id = t.user_id
  LEFT JOIN members_organisation o ON o.id = u.organisation_id
  LEFT JOIN members_agencyauthorisation a ON a.agency_id = o.id
 WHERE t.prefix = %s"""


def _datetime(value):
    if value is None:
        return None
    if not isinstance(value, datetime):  # SQLite: text
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


_LAST_USED = 4  # the row's column of the token's last use


def actor_for_token(plaintext: str) -> Actor:
    """What every API request with a token needs, in one plain query (the ORM version spent a millisecond
    compiling its joins on every request), or the query's row kept by a server process (``actor_cache``).
    Refuses unknown, revoked and expired tokens, each with its reason, checked on the row at every use."""
    prefix = _token_prefix(plaintext)
    row = ACTORS.row(prefix)
    if row is None:
        generation = ACTORS.generation()
        with connection.cursor() as cursor:
            prepared.execute(cursor, _ACTOR_BY_TOKEN, [prefix])  # planning its joins cost more than it
            row = cursor.fetchone()
        if row is None:
            raise AuthenticationFailed("unknown API token")
        ACTORS.keep(prefix, row, generation)
    (token_id, digest, expires_at, revoked_at, last_used_at, user_id, username, role, clearance, active,
     org_id, org_code, org_kind, country, parent_id, databases, may_contribute, valid_until, auth_revoked) = row
    _refuse_unusable(plaintext, digest, revoked_at, _datetime(expires_at), bool(active))
    touched = _touch(token_id, _datetime(last_used_at))
    if touched is not None:
        ACTORS.touched(prefix, _LAST_USED, touched)
    agency_ok = org_kind == OrgKind.AGENCY and databases is not None and auth_revoked is None and (
        valid_until is None or _date(valid_until) >= timezone.now().date()
    )
    if isinstance(databases, str):
        databases = json.loads(databases)
    return Actor(
        user_id=user_id, username=username, role=role or "", clearance=clearance, organisation_id=org_id,
        organisation_code=org_code or "", org_kind=org_kind or "", country=country,
        ncb_id=org_id if org_kind == OrgKind.NCB else parent_id if org_kind == OrgKind.AGENCY else None,
        agency_databases=frozenset(databases) if agency_ok else frozenset(),
        agency_may_contribute=bool(may_contribute) if agency_ok else False, token_id=token_id,
    )


# ------------------------------------------------------------------------------------------- logins

def login(username: str, password: str, otp: str | None) -> User:
    """Password, then lock-out, then second factor. Every attempt is audited."""
    user = User.objects.select_related("organisation").filter(username=username).first()
    now = timezone.now()
    if user is not None and user.locked_until and user.locked_until > now:
        record(None, "login", outcome="refused", username=username, reason="account locked")
        raise AuthenticationFailed(f"account locked until {user.locked_until.isoformat(timespec='seconds')}", status=423)
    ok = authenticate(username=username, password=password) is not None
    if ok and user is not None and settings.OTP_REQUIRED and not user.is_machine:
        ok = _verify_totp(user, otp)
        reason = "second factor missing or wrong"
    else:
        reason = "wrong user name or password"
    if not ok or user is None:
        if user is not None:
            _count_failure(user, now)
        record(None, "login", outcome="refused", username=username, reason=reason)
        raise AuthenticationFailed(reason)
    User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None, last_login=now)
    record(None, "login", username=user.username, organisation=user.organisation.code if user.organisation else "")
    return user


def _verify_totp(user: User, otp: str | None) -> bool:
    if not otp:
        return False
    return any(d.verify_token(otp) for d in TOTPDevice.objects.devices_for_user(user, confirmed=True))


def _count_failure(user: User, now) -> None:
    with transaction.atomic():
        u = User.objects.select_for_update().get(pk=user.pk)
        u.failed_logins += 1
        if u.failed_logins >= settings.LOGIN_MAX_FAILURES:
            u.locked_until = now + timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
            u.failed_logins = 0
        u.save(update_fields=["failed_logins", "locked_until"])


def enrol_totp(user: User) -> TOTPDevice:
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


# ------------------------------------------------------------------------------------------- agencies

def authorise_agency(
    actor: Actor, agency: Organisation, *, databases: list[str], may_contribute: bool, valid_until: date | None
) -> AgencyAuthorisation:
    """An NCB supervisor sets what one of its own agencies may do."""
    require(actor, Action.AGENCY_AUTHORISE)
    if agency.kind != OrgKind.AGENCY or agency.parent_id != actor.organisation_id:
        raise Denied("an NCB authorises only its own national agencies")
    if unknown := sorted(set(databases) - set(DATABASES)):
        raise ValueError(f"unknown databases: {', '.join(unknown)}")
    with transaction.atomic():
        auth, _ = AgencyAuthorisation.objects.update_or_create(
            agency=agency,
            defaults={"databases": sorted(set(databases)), "may_contribute": may_contribute,
                      "valid_until": valid_until, "granted_by_id": actor.user_id, "revoked_at": None},
        )
        record(actor, "agency.authorise", object_type="organisation", object_ids=[agency.code],
               query={"databases": auth.databases, "may_contribute": may_contribute, "valid_until": str(valid_until)})
    return auth


def agency_or_404(code: str) -> Organisation:
    """The national agency of this code, with its authorisation (the API and the portal answer 404 for none)."""
    agency = Organisation.objects.select_related("authorisation").filter(code=code, kind=OrgKind.AGENCY).first()
    if agency is None:
        raise Http404(f"no national agency {code}")
    return agency


def revoke_agency(actor: Actor, agency: Organisation) -> AgencyAuthorisation | None:
    """An NCB supervisor withdraws what one of its own agencies may do, at once: its officers and systems then search
    and contribute nothing (its tokens' actors are re-read on the change). Granting again lifts it. None: the agency
    had no authorisation."""
    require(actor, Action.AGENCY_AUTHORISE)
    if agency.kind != OrgKind.AGENCY or agency.parent_id != actor.organisation_id:
        raise Denied("an NCB authorises only its own national agencies")
    with transaction.atomic():
        auth = AgencyAuthorisation.objects.select_for_update().filter(agency=agency).first()
        if auth is not None and auth.revoked_at is None:
            auth.revoked_at = timezone.now()
            auth.save(update_fields=["revoked_at"])
        record(actor, "agency.revoke", object_type="organisation", object_ids=[agency.code])
    return auth


# ------------------------------------------------------------------------------------------- a supervisor's bureau

def _bureau(actor: Actor) -> Q:
    """The accounts of the actor's own organisation and of the national agencies it authorises."""
    return Q(organisation_id=actor.organisation_id) | Q(organisation__parent_id=actor.organisation_id)


def bureau_agencies(actor: Actor) -> list[Organisation]:
    """The supervisor's own national agencies, each with its authorisation (``authorisation`` may be missing)."""
    require(actor, Action.AGENCY_AUTHORISE)
    agencies = list(Organisation.objects.filter(kind=OrgKind.AGENCY, parent_id=actor.organisation_id)
                    .select_related("authorisation").order_by("code"))
    record(actor, "agency.list", object_type="organisation", result_ids=[a.code for a in agencies])
    return agencies


def bureau_accounts(actor: Actor) -> list[User]:
    """The officers (and machine clients) of the supervisor's bureau and of its agencies: whose tokens it manages."""
    require(actor, Action.MEMBERS_VIEW)
    require(actor, Action.TOKEN_MANAGE)
    users = list(User.objects.filter(_bureau(actor)).select_related("organisation")
                 .order_by("organisation__code", "username"))
    record(actor, "user.list", object_type="user", result_ids=[u.username for u in users])
    return users


def bureau_tokens(actor: Actor, *, limit: int = 500) -> list[ApiToken]:
    """The API tokens of those accounts, newest first (their digests stay in the database)."""
    require(actor, Action.TOKEN_MANAGE)
    tokens = list(ApiToken.objects.filter(user__in=User.objects.filter(_bureau(actor)))
                  .select_related("user", "user__organisation").order_by("-created_at", "-pk")[:limit])
    record(actor, "token.list", object_type="api_token", result_ids=[t.pk for t in tokens])
    return tokens


SYSTEM_USERNAME = "ncbnet-system"


def system_actor() -> Actor:
    """Who scheduled work (expiry of notices, reminders) acts as: an account of the General Secretariat that cannot
    log in and has no role, so the policy grants it no action; the services that use it check nothing through
    the policy and write what the schedule requires, under this name in the audit trail."""
    gs = Organisation.objects.get(kind=OrgKind.GENERAL_SECRETARIAT)
    user, created = User.objects.get_or_create(username=SYSTEM_USERNAME,
                                               defaults={"organisation": gs, "role": "", "is_active": False})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return Actor.of(user)
