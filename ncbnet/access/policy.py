"""The one access policy of ncbnet: who may do what, and which rows each actor may see.

Two questions, answered only here:
  * may this actor perform this action at all?  ``require(actor, Action.X)``  (role table below)
  * which rows of police data may this actor see? ``restriction_q(actor)``, a Q object that callers put
    into their query, so that limits, counts, searches and exports all agree.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.db.models import Q

from ncbnet.access.levels import Classification, RestrictionMode, Role


class Action(enum.StrEnum):
    MESSAGE_SEND = "message.send"
    MESSAGE_READ = "message.read"
    MESSAGE_FORWARD = "message.forward"
    MESSAGE_ACKNOWLEDGE = "message.acknowledge"
    OVERDUE_OWN = "overdue.own"
    OVERDUE_NETWORK = "overdue.network"
    AUDIT_SEARCH = "audit.search"
    AGENCY_AUTHORISE = "agency.authorise"
    TOKEN_MANAGE = "token.manage"
    MEMBERS_VIEW = "members.view"


_OFFICER = {
    Action.MESSAGE_SEND, Action.MESSAGE_READ, Action.MESSAGE_FORWARD, Action.MESSAGE_ACKNOWLEDGE,
    Action.OVERDUE_OWN, Action.MEMBERS_VIEW,
}

PERMISSIONS: dict[str, frozenset[Action]] = {
    Role.NCB_OFFICER: frozenset(_OFFICER),
    Role.NCB_SUPERVISOR: frozenset(_OFFICER | {Action.AGENCY_AUTHORISE, Action.TOKEN_MANAGE}),
    # An agency writes only to its own NCB (enforced in messaging.recipients) and never forwards.
    Role.AGENCY_OFFICER: frozenset(
        {Action.MESSAGE_SEND, Action.MESSAGE_READ, Action.MESSAGE_ACKNOWLEDGE, Action.OVERDUE_OWN, Action.MEMBERS_VIEW}
    ),
    Role.FRONTLINE_SYSTEM: frozenset({Action.MEMBERS_VIEW}),
    Role.GS_REVIEWER: frozenset(_OFFICER),
    Role.CCC_OFFICER: frozenset(_OFFICER | {Action.OVERDUE_NETWORK}),
    # The auditor reads the trail and nothing behind it.
    Role.AUDITOR: frozenset({Action.AUDIT_SEARCH, Action.MEMBERS_VIEW}),
}


class Denied(Exception):
    """The policy refuses; the message says why, in words an officer understands."""

    def __init__(self, reason: str, action: str = "", status: int = 403):
        super().__init__(reason)
        self.reason = reason
        self.action = action
        self.status = status


@dataclass(frozen=True)
class Actor:
    """Everything the policy needs to know about whoever is asking, read once per request."""

    user_id: int
    username: str
    role: str
    clearance: int
    organisation_id: int | None
    organisation_code: str
    org_kind: str  # ncb | gs | agency
    country: str | None  # None for the General Secretariat
    ncb_id: int | None  # the actor's own NCB (itself for an NCB, the parent for an agency)
    agency_databases: frozenset[str] = frozenset()
    agency_may_contribute: bool = False
    token_id: int | None = None

    @property
    def is_agency(self) -> bool:
        return self.org_kind == "agency"

    @property
    def is_general_secretariat(self) -> bool:
        return self.org_kind == "gs"

    @classmethod
    def of(cls, user, token_id: int | None = None) -> Actor:
        org = user.organisation
        databases: frozenset[str] = frozenset()
        may_contribute = False
        if org is not None and org.kind == "agency":
            auth = getattr(org, "authorisation", None)
            if auth is not None and auth.is_valid():
                databases = frozenset(auth.databases)
                may_contribute = auth.may_contribute
        return cls(
            user_id=user.pk,
            username=user.username,
            role=user.role or "",
            clearance=user.clearance,
            organisation_id=org.pk if org else None,
            organisation_code=org.code if org else "",
            org_kind=org.kind if org else "",
            country=org.country_id if org else None,
            ncb_id=org.ncb_id if org else None,
            agency_databases=databases,
            agency_may_contribute=may_contribute,
            token_id=token_id,
        )


def allows(actor: Actor, action: Action) -> bool:
    if actor.organisation_id is None:
        return False  # an account outside every organisation (a system administrator) sees no police data
    return action in PERMISSIONS.get(actor.role, frozenset())


def require(actor: Actor, action: Action) -> None:
    if not allows(actor, action):
        raise Denied(f"your role ({actor.role or 'none'}) may not perform {action}", action=str(action))


def restriction_q(actor: Actor, prefix: str = "") -> Q:
    """The rows of an OwnerRestricted model (reached through ``prefix``) that ``actor`` may see.

    * classification never above the actor's clearance;
    * the owner country's own NCB always sees its data (within clearance);
    * the General Secretariat is not a member country: country lists do not apply to it;
    * anyone else is admitted by the owner's allow-list, or not excluded by its deny-list;
    * a national agency additionally needs the owner's 'agencies may view'.
    """
    p = prefix
    q = Q(**{f"{p}classification__lte": actor.clearance})
    if actor.organisation_id is None or actor.role not in PERMISSIONS:
        return Q(pk__in=[])
    if actor.is_general_secretariat:
        return q
    country = actor.country or ""
    listed = Q(**{f"{p}restricted_countries__contains": f",{country},"})
    admitted = (
        Q(**{f"{p}restriction_mode": RestrictionMode.NONE})
        | (Q(**{f"{p}restriction_mode": RestrictionMode.ALLOW}) & listed)
        | (Q(**{f"{p}restriction_mode": RestrictionMode.DENY}) & ~listed)
    )
    own = Q(**{f"{p}owner_country_id": country})
    if actor.is_agency:
        return q & Q(**{f"{p}agencies_may_view": True}) & (own | admitted)
    return q & (own | admitted)


__all__ = [
    "Action", "Actor", "Classification", "Denied", "PERMISSIONS", "allows", "require", "restriction_q",
]
