import pytest
from django.db import IntegrityError, transaction

from ncbnet.members.countries import member_countries
from ncbnet.members.models import Country, Organisation, OrgKind, RegionalGroup


def test_the_network_has_196_members_each_with_exactly_one_ncb(db):
    assert Country.objects.filter(is_member=True).count() == 196
    assert Organisation.objects.filter(kind=OrgKind.NCB).count() == 196
    assert not Country.objects.filter(organisations__isnull=True).exists()
    assert Organisation.objects.filter(kind=OrgKind.GENERAL_SECRETARIAT).count() == 1


def test_members_iso_lacks_are_present(db):
    kosovo = Country.objects.get(code="XK")
    assert kosovo.alpha3 == "XKX" and Organisation.objects.get(country=kosovo).code == "NCB-XK"


def test_each_member_is_in_exactly_one_of_the_five_regional_groups(db):
    assert set(RegionalGroup.objects.values_list("code", flat=True)) == {
        "africa", "americas", "asia_south_pacific", "europe", "mena"
    }
    through = RegionalGroup.countries.through.objects
    assert through.count() == 196
    assert through.values("country_id").distinct().count() == 196


def test_country_names_come_in_the_working_languages():
    egypt = next(m for m in member_countries() if m.code == "EG")
    assert egypt.names == {"ar": "مصر", "fr": "Égypte", "es": "Egipto"}


def test_a_second_ncb_for_a_country_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(code="NCB-FR-2", kind=OrgKind.NCB, name="dup", country_id="FR")


def test_an_agency_needs_a_parent_ncb(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(code="FR-ORPHAN", kind=OrgKind.AGENCY, name="orphan", country_id="FR")


def test_members_api_lists_countries_with_their_ncb_and_groups(api_client, world):
    token = world.token(world.officer("FR"))
    r = api_client.get("/api/v1/members/countries", token=token)
    assert r.status_code == 200
    by_code = {c["code"]: c for c in r.json()}
    assert len(by_code) == 196
    assert by_code["FR"]["ncb"] == "NCB-FR" and by_code["FR"]["regional_groups"] == ["europe"]


def test_agencies_of_other_countries_are_not_listed(api_client, world):
    world.agency("US", "US-FBI")
    world.agency("FR", "FR-PAF")
    r = api_client.get("/api/v1/members/organisations", token=world.token(world.officer("FR")), kind="agency")
    assert [o["code"] for o in r.json()] == ["FR-PAF"]


def test_organisations_show_their_working_language(api_client, world):
    ncb = world.ncb("ES")
    ncb.language = "es"
    ncb.save(update_fields=["language"])
    r = api_client.get("/api/v1/members/organisations", token=world.token(world.officer("FR")), kind="ncb")
    by_code = {o["code"]: o for o in r.json()}
    assert by_code["NCB-ES"]["language"] == "es" and by_code["NCB-FR"]["language"] == "en"  # English unless set


def test_supervisor_authorises_only_own_agencies(api_client, world):
    from ncbnet.access.levels import Role

    world.agency("FR", "FR-PAF")
    world.agency("US", "US-FBI")
    sup = world.token(world.officer("FR", role=Role.NCB_SUPERVISOR))
    ok = api_client.put("/api/v1/members/agencies/FR-PAF/authorisation",
                        {"databases": ["persons", "vehicles"], "may_contribute": True, "valid_until": "2030-01-01"}, token=sup)
    assert ok.status_code == 200 and ok.json()["databases"] == ["persons", "vehicles"] and ok.json()["valid"]
    foreign = api_client.put("/api/v1/members/agencies/US-FBI/authorisation", {"databases": ["persons"]}, token=sup)
    assert foreign.status_code == 403
    officer = world.token(world.officer("FR"))
    assert api_client.put("/api/v1/members/agencies/FR-PAF/authorisation", {"databases": []}, token=officer).status_code == 403
    bad = api_client.put("/api/v1/members/agencies/FR-PAF/authorisation", {"databases": ["tarot"]}, token=sup)
    assert bad.status_code == 422 and "tarot" in bad.json()["detail"]
    for code in ("FR-NONE", world.ncb("FR").code):  # no such organisation; an NCB, not an agency
        missing = api_client.put(f"/api/v1/members/agencies/{code}/authorisation", {"databases": []}, token=sup)
        assert missing.status_code == 404 and missing.json()["detail"] == f"no national agency {code}"
        gone = api_client.client.delete(f"/api/v1/members/agencies/{code}/authorisation", HTTP_AUTHORIZATION=f"Bearer {sup}")
        assert gone.status_code == 404 and gone.json()["detail"] == f"no national agency {code}"


def test_a_supervisor_revokes_an_agencys_authorisation_and_its_token_stops_at_once(api_client, world):
    from ncbnet.access.levels import Role
    from ncbnet.audit.models import AuditEntry

    agency = world.agency("FR", "FR-PAF", databases=("persons", "travel_documents"))
    agent = world.token(world.user(agency, Role.AGENCY_OFFICER))
    world.agency("US", "US-FBI", databases=("persons",))
    sup = world.token(world.officer("FR", role=Role.NCB_SUPERVISOR))
    check = {"items": [{"field": "number", "value": "12AB34567"}]}
    assert api_client.post("/api/v1/search/identifiers", check, token=agent).status_code == 200
    url = "/api/v1/members/agencies/FR-PAF/authorisation"
    r = api_client.client.delete(url, HTTP_AUTHORIZATION=f"Bearer {sup}")
    assert r.status_code == 200 and r.json()["valid"] is False and r.json()["databases"] == ["persons", "travel_documents"]
    assert api_client.post("/api/v1/search/identifiers", check, token=agent).status_code == 403
    assert AuditEntry.objects.filter(action="agency.revoke", object_ids=["FR-PAF"]).exists()
    assert api_client.client.delete("/api/v1/members/agencies/US-FBI/authorisation",
                                    HTTP_AUTHORIZATION=f"Bearer {sup}").status_code == 403
    officer = world.token(world.officer("FR"))
    assert api_client.client.delete(url, HTTP_AUTHORIZATION=f"Bearer {officer}").status_code == 403
    again = api_client.put(url, {"databases": ["persons"]}, token=sup)  # granting again lifts it
    assert again.json()["valid"] and api_client.post("/api/v1/search/identifiers", check, token=agent).status_code == 403
    assert api_client.post("/api/v1/search/persons", {"names": ["Jean Dupont"]}, token=agent).status_code == 200
