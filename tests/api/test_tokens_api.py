from ncbnet.access.levels import Role
from ncbnet.audit.models import AuditEntry
from ncbnet.members.models import ApiToken


def test_supervisor_issues_a_token_shown_once_that_works_then_revokes_it(api_client, world):
    sup = world.token(world.officer("FR", role=Role.NCB_SUPERVISOR))
    gate = world.user(world.agency("FR", "FR-PAF"), Role.FRONTLINE_SYSTEM, is_machine=True)
    r = api_client.post("/api/v1/members/tokens", {"username": gate.username, "name": "gate 3", "days": 30}, token=sup)
    assert r.status_code == 201
    secret = r.json()["token"]
    assert api_client.get("/api/v1/members/me", token=secret).json()["organisation"] == "FR-PAF"
    listed = api_client.get("/api/v1/members/tokens", token=sup).json()
    assert any(t["prefix"] == r.json()["prefix"] for t in listed)
    assert all("token" not in t for t in listed)
    assert not ApiToken.objects.filter(digest=secret).exists()
    gone = api_client.client.delete(f"/api/v1/members/tokens/{r.json()['prefix']}", HTTP_AUTHORIZATION=f"Bearer {sup}")
    assert gone.status_code == 200 and gone.json()["revoked_at"]
    refused = api_client.get("/api/v1/members/me", token=secret)
    assert refused.status_code == 401 and "revoked" in refused.json()["detail"]
    assert AuditEntry.objects.filter(action="token.issue").exists()
    assert AuditEntry.objects.filter(action="token.revoke").exists()


def test_supervisor_cannot_touch_another_countrys_tokens_and_officers_cannot_issue(api_client, world):
    sup_fr = world.token(world.officer("FR", role=Role.NCB_SUPERVISOR))
    us_officer = world.officer("US")
    us_token = world.token(us_officer)
    r = api_client.post("/api/v1/members/tokens", {"username": us_officer.username, "name": "x"}, token=sup_fr)
    assert r.status_code == 403
    prefix = ApiToken.objects.get(user=us_officer).prefix
    r = api_client.client.delete(f"/api/v1/members/tokens/{prefix}", HTTP_AUTHORIZATION=f"Bearer {sup_fr}")
    assert r.status_code == 403
    assert api_client.get("/api/v1/members/me", token=us_token).status_code == 200
    fr_officer = world.token(world.officer("FR"))
    r = api_client.post("/api/v1/members/tokens", {"username": us_officer.username, "name": "x"}, token=fr_officer)
    assert r.status_code == 403
    assert ApiToken.objects.filter(user=us_officer).count() == 1
