"""Every kind of actor against every kind of owner restriction, through the services and through the API.

The expected answer comes from ``oracle_sees``, a plain restatement of the rule written here, not from
``access.policy.restriction_q``; the test then looks for the message everywhere an actor could find it
(the visible set, the inbox or outbox, a full-text search, opening it) and requires every answer to agree.
Every actor's organisation is given a delivery of the message, even where the owner's restrictions
exclude it (the send service would refuse that address), so the filter is proved to hold even if a
message has been delivered where it should not have been.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from ncbnet.access.levels import Classification, RestrictionMode, Role
from ncbnet.access.policy import Denied
from ncbnet.messaging import services
from ncbnet.messaging.models import Delivery, Message

OWNER = "FR"
CLEARANCE = Classification.RESTRICTED  # every actor in the table holds this clearance
SEARCH_WORD = "kestrelwatch"
READERS = {Role.NCB_OFFICER, Role.NCB_SUPERVISOR, Role.AGENCY_OFFICER, Role.GS_REVIEWER, Role.CCC_OFFICER}


@dataclass(frozen=True)
class ActorKind:
    org: str  # "NCB:<iso>", "AGENCY:<iso>", "GS", or "" for no organisation
    role: str

    @property
    def country(self) -> str | None:
        return self.org.partition(":")[2] or None

    @property
    def is_agency(self) -> bool:
        return self.org.startswith("AGENCY:")


ACTORS = {
    "owner_ncb_officer": ActorKind("NCB:FR", Role.NCB_OFFICER),
    "other_ncb_officer": ActorKind("NCB:DE", Role.NCB_OFFICER),  # the country the allow-lists name
    "excluded_ncb_officer": ActorKind("NCB:RU", Role.NCB_OFFICER),  # the country the deny-lists name
    "ncb_supervisor": ActorKind("NCB:US", Role.NCB_SUPERVISOR),
    "owner_agency_officer": ActorKind("AGENCY:FR", Role.AGENCY_OFFICER),
    "other_agency_officer": ActorKind("AGENCY:DE", Role.AGENCY_OFFICER),
    "gs_reviewer": ActorKind("GS", Role.GS_REVIEWER),
    "ccc_duty_officer": ActorKind("GS", Role.CCC_OFFICER),
    "auditor": ActorKind("GS", Role.AUDITOR),
    "frontline_system": ActorKind("AGENCY:FR", Role.FRONTLINE_SYSTEM),
    "no_organisation": ActorKind("", Role.NCB_OFFICER),
}


@dataclass(frozen=True)
class Restriction:
    mode: str = RestrictionMode.NONE
    countries: tuple[str, ...] = ()
    agencies_may_view: bool = True
    classification: int = Classification.OFFICIAL_USE


RESTRICTIONS = {
    "none": Restriction(),
    "allow_list_including_DE": Restriction(RestrictionMode.ALLOW, ("DE", "IT")),
    "allow_list_including_nobody_here": Restriction(RestrictionMode.ALLOW, ("IT",)),
    "allow_list_of_the_owner_only": Restriction(RestrictionMode.ALLOW, ("FR",)),
    "deny_list_including_RU": Restriction(RestrictionMode.DENY, ("RU",)),
    "deny_list_including_DE_and_RU": Restriction(RestrictionMode.DENY, ("DE", "RU")),
    "deny_list_including_nobody_here": Restriction(RestrictionMode.DENY, ("IT",)),
    "deny_list_naming_the_owner": Restriction(RestrictionMode.DENY, ("FR",)),
    "agencies_may_not_view": Restriction(agencies_may_view=False),
    "allow_list_including_DE_agencies_may_not_view": Restriction(RestrictionMode.ALLOW, ("DE",), agencies_may_view=False),
    "classification_below_clearance": Restriction(classification=Classification.OFFICIAL_USE),
    "classification_at_clearance": Restriction(classification=Classification.RESTRICTED),
    "classification_above_clearance": Restriction(classification=Classification.CONFIDENTIAL),
}


def oracle_may_read(kind: ActorKind) -> bool:
    return bool(kind.org) and kind.role in READERS


def oracle_sees(kind: ActorKind, r: Restriction) -> bool:
    """The rule in words: within clearance; the General Secretariat is not a member country and is not
    bound by country lists; the owner country always sees its own data; anyone else needs the allow-list
    to name them or the deny-list not to; an agency also needs 'agencies may view'."""
    if not oracle_may_read(kind) or r.classification > CLEARANCE:
        return False
    if kind.org == "GS":
        return True
    if kind.is_agency and not r.agencies_may_view:
        return False
    if kind.country == OWNER:
        return True
    if r.mode == RestrictionMode.ALLOW:
        return kind.country in r.countries
    if r.mode == RestrictionMode.DENY:
        return kind.country not in r.countries
    return True


def _organisation(world, org: str):
    if not org:
        return None
    if org == "GS":
        return world.gs()
    kind, _, country = org.partition(":")
    return world.ncb(country) if kind == "NCB" else world.agency(country)


def _owner_sends(world, r: Restriction, subject: str) -> Message:
    """The owner NCB sends to the General Secretariat (no country list applies to it)."""
    sender = world.officer(OWNER, clearance=Classification.CONFIDENTIAL)
    return world.send(
        sender, ["GS"], subject=subject, body=f"Suspect seen near the border. {SEARCH_WORD}",
        restriction_mode=r.mode, restricted_countries=list(r.countries), agencies_may_view=r.agencies_may_view,
        classification=r.classification,
    )


def _deliver_directly(msg: Message, org) -> None:
    """Give an organisation a delivery the send service would have refused: the filter must still hold."""
    if org is not None and org.pk != msg.sender_org_id:
        Delivery.objects.get_or_create(
            message=msg, recipient_org=org,
            defaults={"crime_area": msg.crime_area, "priority": msg.priority, "delivered_at": msg.created_at},
        )


@pytest.mark.parametrize("restriction_name", list(RESTRICTIONS))
@pytest.mark.parametrize("actor_name", list(ACTORS))
def test_actor_sees_a_restricted_message_exactly_when_the_rule_admits_it(world, api_client, actor_name, restriction_name):
    kind, r = ACTORS[actor_name], RESTRICTIONS[restriction_name]
    org = _organisation(world, kind.org)
    msg = _owner_sends(world, r, subject=f"Matrix {actor_name} {restriction_name}")
    _deliver_directly(msg, org)
    user = world.user(org, kind.role, CLEARANCE)
    actor = world.actor(user)
    token = world.token(user)
    expected = oracle_sees(kind, r)
    is_sender_org = org is not None and org.pk == msg.sender_org_id

    # --- the service layer
    if not oracle_may_read(kind):
        with pytest.raises(Denied):
            services.visible_messages(actor)
        with pytest.raises(Denied):
            services.read_message(actor, msg.pk)
        with pytest.raises(Denied):
            services.inbox(actor)
        with pytest.raises(Denied):
            services.search(actor, SEARCH_WORD)
    else:
        assert services.visible_messages(actor).filter(pk=msg.pk).exists() is expected
        assert (msg.pk in [m.pk for m in services.search(actor, SEARCH_WORD).items]) is expected
        if is_sender_org:
            assert (msg.pk in [m.pk for m in services.outbox(actor).items]) is expected
        else:
            assert (msg.pk in [d.message_id for d in services.inbox(actor).items]) is expected
        if expected:
            opened, _ = services.read_message(actor, msg.pk)
            assert opened.pk == msg.pk
        else:
            with pytest.raises(services.NotVisible):
                services.read_message(actor, msg.pk)
            assert not Delivery.objects.filter(message=msg, read_at__isnull=False).exists()

    # --- the API
    response = api_client.get(f"/api/v1/messages/{msg.pk}", token=token)
    inbox = api_client.get("/api/v1/messages/inbox", token=token)
    found = api_client.get("/api/v1/messages/search", token=token, q=SEARCH_WORD)
    if not oracle_may_read(kind):
        for refused in (response, inbox, found):
            assert refused.status_code == 403
            assert refused["Content-Type"] == "application/problem+json"
        return
    if expected:
        assert response.status_code == 200
        assert response.json()["body"].endswith(SEARCH_WORD)
    else:
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert SEARCH_WORD not in response.content.decode()
    assert inbox.status_code == 200 and found.status_code == 200
    assert (msg.pk in [i["id"] for i in found.json()["items"]]) is expected
    if not is_sender_org:
        assert (msg.pk in [i["id"] for i in inbox.json()["items"]]) is expected


def test_the_oracle_table_covers_both_answers_for_every_reading_actor():
    """A matrix whose oracle always says yes (or always no) for someone would prove little."""
    for name, kind in ACTORS.items():
        answers = {oracle_sees(kind, r) for r in RESTRICTIONS.values()}
        assert answers == ({True, False} if oracle_may_read(kind) else {False}), name


# ------------------------------------------------------------------------------------ limits and pages

def _page_through_services(fetch) -> list[int]:
    ids: list[int] = []
    before = None
    for _ in range(50):
        page = fetch(before)
        ids += [getattr(item, "message_id", None) or item.pk for item in page.items]
        if page.next_before is None:
            return ids
        before = page.next_before
    raise AssertionError("pagination did not end")


def _page_through_api(api_client, path: str, token: str, **params) -> list[int]:
    ids: list[int] = []
    cursor = None
    for _ in range(50):
        response = api_client.get(path, token=token, limit=5, **({"cursor": cursor} if cursor else {}), **params)
        assert response.status_code == 200, response.content
        body = response.json()
        assert len(body["items"]) <= 5
        ids += [item["id"] for item in body["items"]]
        if not body["next_cursor"]:
            return ids
        cursor = body["next_cursor"]
    raise AssertionError("pagination did not end")


def test_count_limit_pages_and_search_agree_and_never_show_a_hidden_message(world, api_client):
    """30 messages delivered to DE, 10 of them hidden from it for three different reasons, interleaved
    so that every page of 5 has hidden neighbours: pages, counts and searches must all give the same 20."""
    sender = world.officer(OWNER, clearance=Classification.CONFIDENTIAL)
    reader = world.officer("DE")
    de = world.ncb("DE")
    hidden_kinds = [
        {"classification": Classification.CONFIDENTIAL},
        {"restriction_mode": RestrictionMode.DENY, "restricted_countries": ["DE"]},
        {"restriction_mode": RestrictionMode.ALLOW, "restricted_countries": ["IT"]},
    ]
    visible, hidden = [], []
    for i in range(30):
        body = f"Routine exchange number {i}. {SEARCH_WORD}"
        if i % 3 == 1:
            msg = world.send(sender, ["NCB:IT"], subject=f"Hidden {i}", body=body, **hidden_kinds[len(hidden) % len(hidden_kinds)])
            _deliver_directly(msg, de)  # delivered anyway: only the query filter stands between DE and it
            hidden.append(msg.pk)
        else:
            visible.append(world.send(sender, ["NCB:DE"], subject=f"Visible {i}", body=body).pk)
    assert len(visible) == 20 and len(hidden) == 10
    actor = world.actor(reader)
    token = world.token(reader)

    assert services.visible_messages(actor).count() == 20
    assert set(services.visible_messages(actor).values_list("pk", flat=True)) == set(visible)

    by_inbox = _page_through_services(lambda before: services.inbox(actor, before=before, limit=5))
    by_search = _page_through_services(lambda before: services.search(actor, SEARCH_WORD, before=before, limit=5))
    api_inbox = _page_through_api(api_client, "/api/v1/messages/inbox", token)
    api_search = _page_through_api(api_client, "/api/v1/messages/search", token, q=SEARCH_WORD)
    for ids in (by_inbox, by_search, api_inbox, api_search):
        assert len(ids) == len(set(ids)) == 20
        assert set(ids) == set(visible)
        assert ids == sorted(ids, reverse=True)  # newest first, no page skipped or repeated

    for pk in hidden:
        with pytest.raises(services.NotVisible):
            services.read_message(actor, pk)
        assert api_client.get(f"/api/v1/messages/{pk}", token=token).status_code == 404


# ------------------------------------------------------------------------------------ the role table

@pytest.mark.parametrize("role", [Role.AUDITOR, Role.FRONTLINE_SYSTEM])
@pytest.mark.parametrize(
    "path", ["/api/v1/messages/inbox", "/api/v1/messages/outbox", "/api/v1/messages/overdue",
             f"/api/v1/messages/search?q={SEARCH_WORD}"],
)
def test_auditor_and_frontline_system_are_refused_every_messaging_endpoint(world, api_client, role, path):
    org = world.gs() if role == Role.AUDITOR else world.agency("FR")
    token = world.token(world.user(org, role))
    response = api_client.get(path, token=token)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 403


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.FRONTLINE_SYSTEM])
def test_auditor_and_frontline_system_may_not_send(world, api_client, role):
    org = world.gs() if role == Role.AUDITOR else world.agency("FR")
    token = world.token(world.user(org, role))
    response = api_client.post("/api/v1/messages", {"subject": "s", "body": "b", "recipients": ["NCB:FR"]}, token=token)
    assert response.status_code == 403
    assert not Message.objects.exists()


def test_auditor_reads_the_trail_and_an_officer_is_refused_it(world, api_client):
    world.send(world.officer("FR"), ["NCB:DE"])
    auditor = world.token(world.user(world.gs(), Role.AUDITOR))
    officer = world.token(world.officer("DE"))

    allowed = api_client.get("/api/v1/audit/entries", token=auditor)
    assert allowed.status_code == 200
    assert "message.send" in [e["action"] for e in allowed.json()["items"]]

    refused = api_client.get("/api/v1/audit/entries", token=officer)
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
