"""/api/v1/members: the member network, organisations, agency authorisations."""

from __future__ import annotations

from django.db.models import Q
from ninja import Router, Status

from ncbnet.access.policy import Action, require
from ncbnet.api.auth import actor_of
from ncbnet.api.problems import Problem
from ncbnet.api.schemas import (
    AuthorisationIn,
    AuthorisationOut,
    CountryOut,
    IssuedTokenOut,
    OrganisationOut,
    RegionalGroupOut,
    TokenIn,
    TokenOut,
    WhoAmI,
)
from ncbnet.members import services
from ncbnet.members.models import (
    AgencyAuthorisation,
    ApiToken,
    Country,
    Organisation,
    OrgKind,
    RegionalGroup,
    User,
)

router = Router(tags=["members"])


def _org(o: Organisation) -> dict:
    return {"code": o.code, "kind": o.kind, "name": o.name, "country": o.country_id,
            "parent": o.parent.code if o.parent else None, "language": o.language}


@router.get("/me", response=WhoAmI, summary="Who the API thinks you are")
def me(request):
    a = actor_of(request)
    return {"username": a.username, "organisation": a.organisation_code, "role": a.role, "clearance": a.clearance,
            "country": a.country}


@router.get("/countries", response=list[CountryOut], summary="The member countries and their NCBs")
def countries(request):
    require(actor_of(request), Action.MEMBERS_VIEW)
    ncbs = dict(Organisation.objects.filter(kind=OrgKind.NCB).values_list("country_id", "code"))
    groups: dict[str, list[str]] = {}
    for code, group in RegionalGroup.countries.through.objects.values_list("country_id", "regionalgroup_id"):
        groups.setdefault(code, []).append(group)
    return [
        {"code": c.code, "alpha3": c.alpha3, "name": c.name, "names": c.names,
         "regional_groups": sorted(groups.get(c.code, [])), "ncb": ncbs.get(c.code)}
        for c in Country.objects.filter(is_member=True).order_by("code")
    ]


@router.get("/regional-groups", response=list[RegionalGroupOut], summary="Regional groups a message can address")
def regional_groups(request):
    require(actor_of(request), Action.MEMBERS_VIEW)
    return [{"code": g.code, "name": g.name, "countries": sorted(c.code for c in g.countries.all())}
            for g in RegionalGroup.objects.prefetch_related("countries").order_by("code")]


@router.get("/organisations", response=list[OrganisationOut], summary="NCBs, the General Secretariat, agencies")
def organisations(request, kind: str | None = None, country: str | None = None):
    actor = actor_of(request)
    require(actor, Action.MEMBERS_VIEW)
    qs = Organisation.objects.filter(is_active=True).select_related("parent")
    # National agencies are each country's own business: others see NCBs and the General Secretariat.
    if not actor.is_general_secretariat:
        qs = qs.exclude(kind=OrgKind.AGENCY) | qs.filter(kind=OrgKind.AGENCY, country_id=actor.country)
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country_id=country.upper())
    return [_org(o) for o in qs.order_by("code")]


@router.put("/agencies/{code}/authorisation", response=AuthorisationOut, summary="Authorise one of your agencies")
def authorise(request, code: str, payload: AuthorisationIn):
    actor = actor_of(request)
    agency = services.agency_or_404(code)
    try:
        auth = services.authorise_agency(actor, agency, databases=payload.databases,
                                         may_contribute=payload.may_contribute, valid_until=payload.valid_until)
    except ValueError as exc:
        raise Problem(422, "Invalid authorisation", str(exc), errors=[{"field": "databases", "message": str(exc)}]) from exc
    return _authorisation(agency, auth)


def _authorisation(agency: Organisation, auth: AgencyAuthorisation | None) -> dict:
    if auth is None:  # never authorised: it may do nothing
        return {"agency": agency.code, "databases": [], "may_contribute": False, "valid_until": None, "valid": False}
    return {"agency": agency.code, "databases": auth.databases, "may_contribute": auth.may_contribute,
            "valid_until": auth.valid_until, "valid": auth.is_valid()}


@router.delete("/agencies/{code}/authorisation", response=AuthorisationOut,
               summary="Revoke one of your agencies' authorisation, at once (PUT grants it again)")
def revoke(request, code: str):
    actor = actor_of(request)
    agency = services.agency_or_404(code)
    return _authorisation(agency, services.revoke_agency(actor, agency))


def _token(t: ApiToken) -> dict:
    return {"prefix": t.prefix, "username": t.user.username, "name": t.name, "created_at": t.created_at,
            "expires_at": t.expires_at, "revoked_at": t.revoked_at, "last_used_at": t.last_used_at}


@router.post("/tokens", response={201: IssuedTokenOut}, summary="Issue an API token (supervisors)",
             description="For an account of your NCB or of one of its agencies. The token is in this answer only.")
def issue_token(request, payload: TokenIn):
    actor = actor_of(request)
    require(actor, Action.TOKEN_MANAGE)
    user = User.objects.select_related("organisation").filter(username=payload.username).first()
    if user is None:
        raise Problem(404, "Not found", f"no account {payload.username}", kind="not-found")
    issued = services.issue_token(user, payload.name, days=payload.days, issued_by=actor)
    return Status(201, {**_token(issued.token), "token": issued.plaintext})


@router.get("/tokens", response=list[TokenOut], summary="Tokens of your NCB's and its agencies' accounts (supervisors)")
def list_tokens(request):
    actor = actor_of(request)
    require(actor, Action.TOKEN_MANAGE)
    qs = ApiToken.objects.select_related("user").filter(
        Q(user__organisation_id=actor.organisation_id) | Q(user__organisation__parent_id=actor.organisation_id)
    )
    return [_token(t) for t in qs.order_by("-created_at")[:500]]


@router.delete("/tokens/{prefix}", response=TokenOut, summary="Revoke an API token (supervisors)")
def revoke_token(request, prefix: str):
    actor = actor_of(request)
    token = ApiToken.objects.select_related("user", "user__organisation").filter(prefix=prefix).first()
    if token is None:
        raise Problem(404, "Not found", f"no token {prefix}", kind="not-found")
    services.revoke_token(token, by=actor)
    token.refresh_from_db()
    return _token(token)
