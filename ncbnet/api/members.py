"""/api/v1/members: the member network, organisations, agency authorisations."""

from __future__ import annotations

from ninja import Router

from ncbnet.access.policy import Action, require
from ncbnet.api.auth import actor_of
from ncbnet.api.problems import Problem
from ncbnet.api.schemas import (
    AuthorisationIn,
    AuthorisationOut,
    CountryOut,
    OrganisationOut,
    RegionalGroupOut,
    WhoAmI,
)
from ncbnet.members import services
from ncbnet.members.models import Country, Organisation, OrgKind, RegionalGroup

router = Router(tags=["members"])


def _org(o: Organisation) -> dict:
    return {"code": o.code, "kind": o.kind, "name": o.name, "country": o.country_id,
            "parent": o.parent.code if o.parent_id else None}


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
    agency = Organisation.objects.filter(code=code, kind=OrgKind.AGENCY).first()
    if agency is None:
        raise Problem(404, "Not found", f"no national agency {code}", kind="not-found")
    try:
        auth = services.authorise_agency(actor, agency, databases=payload.databases,
                                         may_contribute=payload.may_contribute, valid_until=payload.valid_until)
    except ValueError as exc:
        raise Problem(422, "Invalid authorisation", str(exc), errors=[{"field": "databases", "message": str(exc)}]) from exc
    return {"agency": agency.code, "databases": auth.databases, "may_contribute": auth.may_contribute,
            "valid_until": auth.valid_until, "valid": auth.is_valid()}
