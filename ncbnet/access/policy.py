"""The one access policy of ncbnet: who may do what, and which rows each actor may see.

Two questions, answered only here:
  * may this actor perform this action at all?  ``require(actor, Action.X)``  (role table below)
  * which rows of police data may this actor see? ``restriction_q(actor)``, a Q object that callers put
    into their query, so that limits, counts, searches and exports all agree.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np
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
    RECORD_SEARCH = "record.search"
    RECORD_CONTRIBUTE = "record.contribute"
    FRONTLINE_CHECK = "frontline.check"
    HIT_VIEW = "hit.view"
    HIT_ANSWER = "hit.answer"
    HITS_NETWORK = "hits.network"
    NOTICE_VIEW = "notice.view"
    NOTICE_REQUEST = "notice.request"
    NOTICE_REVIEW = "notice.review"
    NOTICE_CANCEL = "notice.cancel"
    SCREENING_LIST_MANAGE = "screening_list.manage"
    DIFFUSION_SEND = "diffusion.send"
    DIFFUSION_REVIEW = "diffusion.review"


_OFFICER = {
    Action.MESSAGE_SEND, Action.MESSAGE_READ, Action.MESSAGE_FORWARD, Action.MESSAGE_ACKNOWLEDGE,
    Action.OVERDUE_OWN, Action.MEMBERS_VIEW, Action.RECORD_SEARCH, Action.FRONTLINE_CHECK, Action.HIT_VIEW,
    Action.NOTICE_VIEW,
}
# Notices and diffusions are requested by a member country's bureau (not by its agencies: they go through it).
_BUREAU = _OFFICER | {Action.RECORD_CONTRIBUTE, Action.HIT_ANSWER, Action.NOTICE_REQUEST, Action.DIFFUSION_SEND}

PERMISSIONS: dict[str, frozenset[Action]] = {
    Role.NCB_OFFICER: frozenset(_BUREAU),
    Role.NCB_SUPERVISOR: frozenset(_BUREAU | {Action.AGENCY_AUTHORISE, Action.TOKEN_MANAGE}),
    # An agency writes only to its own NCB (enforced in messaging.recipients) and never forwards. It searches
    # and contributes only within the scope its NCB granted (require_database, require_contribution).
    Role.AGENCY_OFFICER: frozenset(
        {Action.MESSAGE_SEND, Action.MESSAGE_READ, Action.MESSAGE_ACKNOWLEDGE, Action.OVERDUE_OWN, Action.MEMBERS_VIEW,
         Action.RECORD_SEARCH, Action.RECORD_CONTRIBUTE, Action.FRONTLINE_CHECK, Action.HIT_VIEW, Action.NOTICE_VIEW}
    ),
    Role.FRONTLINE_SYSTEM: frozenset({Action.MEMBERS_VIEW, Action.RECORD_SEARCH, Action.FRONTLINE_CHECK, Action.HIT_VIEW}),
    # The General Secretariat is not a member country: it searches, it contributes no national records.
    # The General Secretariat reviews notices (four-eyes: never its reviewers' own country's, see notices.review)
    # and diffusions, cancels notices, records the data-protection commission's orders, keeps the screening list.
    # Its reviewers also answer the hits on the records the GS holds (subjects of international bodies' notices).
    Role.GS_REVIEWER: frozenset(_OFFICER | {Action.NOTICE_REVIEW, Action.NOTICE_CANCEL, Action.SCREENING_LIST_MANAGE,
                                            Action.DIFFUSION_REVIEW, Action.HIT_ANSWER}),
    Role.CCC_OFFICER: frozenset(_OFFICER | {Action.OVERDUE_NETWORK, Action.HITS_NETWORK}),
    # An authorised international body requests notices and sees them; it has no police databases.
    Role.INTL_BODY_OFFICER: frozenset({Action.NOTICE_REQUEST, Action.NOTICE_VIEW, Action.MEMBERS_VIEW}),
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
    org_kind: str  # ncb | gs | agency | intl
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

    @property
    def is_international_body(self) -> bool:
        return self.org_kind == "intl"

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


def require_database(actor: Actor, database: str) -> None:
    """A national agency searches only the databases its NCB authorised; bureaus and the GS search all."""
    require(actor, Action.RECORD_SEARCH)
    if actor.is_agency and database not in actor.agency_databases:
        raise Denied(f"your agency is not authorised to search {database.replace('_', ' ')}",
                     action=str(Action.RECORD_SEARCH))


def require_contribution(actor: Actor, database: str) -> None:
    """Records are contributed by a member country's NCB, or by an agency its NCB authorised to contribute."""
    require(actor, Action.RECORD_CONTRIBUTE)
    if actor.country is None:
        raise Denied("only a member country contributes records", action=str(Action.RECORD_CONTRIBUTE))
    if actor.is_agency and not (actor.agency_may_contribute and database in actor.agency_databases):
        raise Denied(f"your agency is not authorised to contribute to {database.replace('_', ' ')}",
                     action=str(Action.RECORD_CONTRIBUTE))


def admits(actor: Actor, owner_country: str | None, mode: str, listed: bool, agencies_may_view: bool,
           classification: int) -> bool:
    """``restriction_q`` for one row already in memory (the in-memory person index applies it to candidates
    before ranking, so that a limit never hides what the actor may see). The two are tested to agree."""
    if actor.organisation_id is None or actor.role not in PERMISSIONS or classification > actor.clearance:
        return False
    if actor.is_general_secretariat:
        return True
    if actor.is_agency and not agencies_may_view:
        return False
    if owner_country is not None and owner_country == actor.country:
        return True
    if mode == RestrictionMode.ALLOW:
        return listed
    if mode == RestrictionMode.DENY:
        return not listed
    return mode == RestrictionMode.NONE


MODE_CODES = {RestrictionMode.NONE: 0, RestrictionMode.ALLOW: 1, RestrictionMode.DENY: 2}


def admits_many(actor: Actor, *, own: np.ndarray, mode: np.ndarray, listed: np.ndarray, agencies_may_view: np.ndarray,
                classification: np.ndarray) -> np.ndarray:
    """``admits`` for many rows at once (numpy arrays of equal length; ``mode`` holds MODE_CODES), for the
    in-memory person index, which masks candidates before it ranks them."""
    if actor.organisation_id is None or actor.role not in PERMISSIONS:
        return np.zeros(len(own), dtype=bool)
    ok = classification <= actor.clearance
    if actor.is_general_secretariat:
        return ok
    if actor.is_agency:
        ok &= agencies_may_view
    admitted = (mode == 0) | ((mode == 1) & listed) | ((mode == 2) & ~listed)
    return ok & (own | admitted)


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


def notice_q(actor: Actor, published: Q) -> Q:
    """The notices (or diffusions) an actor may see: its own country's bureau (or the international body that
    requested them) sees them at every stage, the General Secretariat all, anyone else (agencies included) only what ``published`` admits (published notices; diffusions addressed to the
    actor's country), always within the owner's restrictions."""
    if not allows(actor, Action.NOTICE_VIEW):
        return Q(pk__in=[])
    base = restriction_q(actor)
    if actor.is_general_secretariat:
        return base
    if actor.is_agency:  # an agency sees what was published to its country, not its bureau's drafts
        return base & published
    if actor.is_international_body:  # its own requests (it set their restrictions), and what is published
        own = Q(owner_ncb_id=actor.organisation_id, classification__lte=actor.clearance)
        return own | (base & published)
    return base & (Q(owner_country_id=actor.country) | published)


__all__ = [
    "Action", "Actor", "Classification", "Denied", "PERMISSIONS", "admits", "admits_many", "allows", "notice_q", "require", "require_contribution",
    "require_database", "restriction_q",
]
