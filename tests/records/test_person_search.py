"""Person search through the service: variants found, scores explained, restrictions honoured, index current."""

import numpy as np
import pytest

from ncbnet.access.levels import Classification, RestrictionMode, Role
from ncbnet.access.policy import MODE_CODES, admits, admits_many, restriction_q
from ncbnet.audit.models import AuditEntry
from ncbnet.records import services
from ncbnet.records.models import Person
from ncbnet.records.person_search import InvalidSearch, PersonSearch, search_persons


def _person(actor, ref, names, birth="1980-05-17", role="wanted", **kw):
    return services.create_record(actor, "person", {"national_reference": ref, "names": names, "birth_date": birth,
                                                    "role": role, **kw}).record


def _ids(results):
    return [r.person.pk for r in results]


@pytest.fixture
def people(desk):
    return {
        "salman": _person(desk.fr, "P1", ["Mohammed bin Salman Al-Rashid", {"full": "محمد بن سلمان الرشيد",
                                                                            "kind": "original_script"}]),
        "pushkin": _person(desk.fr, "P2", ["Aleksandr Sergeyevich Pushkin"], birth="1979-06-06"),
        "garcia": _person(desk.fr, "P3", ["Maria Garcia Marquez"], birth="1985-11-03", sex="F"),
        "other": _person(desk.fr, "P4", ["John Smith"], birth="1970-01-01"),
    }


@pytest.mark.parametrize("query,birth,who", [
    ("Muhammad bin Salman Al Rashid", "1980-05-17", "salman"),
    ("محمد الرشيد", None, "salman"),
    ("Rashid, Mohamed", "1980", "salman"),
    ("Alexander Pushkin", "1979-06-06", "pushkin"),
    ("Александр Пушкин", None, "pushkin"),
    ("Marquez Garcia Maria", "1985-03-11", "garcia"),  # order swapped; day and month swapped
    ("Maria Garcia-Marquez", None, "garcia"),
    ("Jon Smiht", "1970", "other"),
])
def test_variants_find_the_person_first_with_an_explanation(desk, people, query, birth, who):
    results = search_persons(desk.de, PersonSearch(names=[query], birth_date=birth))
    assert results and results[0].person.pk == people[who].pk
    assert 0 < results[0].score <= 1 and results[0].explanation


def test_top_k_and_threshold_are_honoured(desk, people):
    assert len(search_persons(desk.de, PersonSearch(names=["Maria Garcia"], top_k=1, threshold=0.0))) == 1
    assert search_persons(desk.de, PersonSearch(names=["Zbigniew Brzezinski"], threshold=0.6)) == []


def test_a_search_is_audited_with_what_it_returned(desk, people):
    results = search_persons(desk.de, PersonSearch(names=["Alexander Pushkin"]), purpose="case 42")
    entry = AuditEntry.objects.filter(action="person.search").latest("id")
    assert entry.username == desk.de.username and entry.purpose == "case 42"
    assert entry.query["names"] == ["Alexander Pushkin"]
    assert entry.result_ids == [f"person:{r.person.pk}" for r in results]


def test_a_strong_foreign_match_raises_a_hit(desk, people):
    results = search_persons(desk.de, PersonSearch(names=["Aleksandr Pushkin"], birth_date="1979-06-06"))
    assert results[0].hit is not None and results[0].hit.owner_country_id == "FR"
    assert search_persons(desk.fr, PersonSearch(names=["Aleksandr Pushkin"], birth_date="1979-06-06"))[0].hit is None


def test_a_person_hit_is_told_in_the_owners_working_language(desk, people, world):
    from ncbnet.hits.models import Hit

    ncb = world.ncb("FR")
    ncb.language = "es"
    ncb.save(update_fields=["language"])
    hit = search_persons(desk.de, PersonSearch(names=["Aleksandr Pushkin"], birth_date="1979-06-06"))[0].hit
    notice = Hit.objects.select_related("notification").get(pk=hit.pk).notification
    assert notice.language == "es"
    assert notice.subject == f"HIT {hit.reference}: persona Aleksandr Sergeyevich Pushkin (persona buscada)"
    assert notice.body.startswith("Su registro persona Aleksandr Sergeyevich Pushkin (persona buscada) (referencia "
                                  "nacional P2) ha sido encontrado por una búsqueda de NCB-DE (DE) el ")


def test_restricted_persons_never_appear_even_among_many_namesakes(desk, world):
    # 30 visible namesakes and the one the searcher may not see: the limit must not let it through or push
    # visible ones out.
    hidden = _person(desk.fr, "H", ["Ivan Petrov"], restriction_mode="deny", restricted_countries=["DE"])
    secret = _person(desk.fr, "S", ["Ivan Petrov"], classification=3)
    visible = [_person(desk.fr, f"V{i}", ["Ivan Petrov"], birth=f"19{50 + i}-01-01") for i in range(30)]
    results = search_persons(desk.de, PersonSearch(names=["Ivan Petrov"], top_k=50, threshold=0.0))
    assert hidden.pk not in _ids(results) and secret.pk not in _ids(results)
    assert set(_ids(results)) == {p.pk for p in visible}
    assert hidden.pk in _ids(search_persons(desk.us, PersonSearch(names=["Ivan Petrov"], top_k=50, threshold=0.0)))
    agency = desk.agency_actor("DE", databases=("travel_documents",))
    with pytest.raises(Exception, match="not authorised to search persons"):
        search_persons(agency, PersonSearch(names=["Ivan Petrov"]))


def test_the_index_follows_changes_and_deletions(desk, people):
    pk = people["other"].pk
    services.update_record(desk.fr, "person", pk, {"names": ["Jonathan Smythe-Williams"]})
    assert pk in _ids(search_persons(desk.de, PersonSearch(names=["Jonathan Williams"])))
    assert pk not in _ids(search_persons(desk.de, PersonSearch(names=["John Smith"], threshold=0.8)))
    services.delete_record(desk.fr, "person", pk)
    assert pk not in _ids(search_persons(desk.de, PersonSearch(names=["Jonathan Williams"], threshold=0.0)))


def _snapshot(index):
    return (index.base_keys.tolist(), index.base_offsets.tolist(), index.base_postings.tolist(), index.stored,
            {name: getattr(index.cols, name)[: index.cols.n].tolist() for name in index.cols._NAMES})


def test_the_index_is_the_same_however_its_build_reads_the_database(desk, people, monkeypatch, settings):
    """The build streams persons and names chunk by chunk (a server-side cursor on PostgreSQL): chunks of one row,
    which split a person's names (Salman has two, sharing keys), or a plain cursor (NCBNET_PG_SERVER_CURSORS=0)
    build the same index: the same keys, each posted once per person, the same persons and columns."""
    from django.db import connection

    from ncbnet.records import person_index

    whole = person_index.PersonIndex()
    whole.build()
    assert len(whole.stored) == len(people) and whole.cols.n == len(whole.cols.pk)  # trimmed to size
    salman = whole.stored[whole.position[people["salman"].pk]]
    assert len(salman.names) == 2 and salman.names[0] == "Mohammed bin Salman Al-Rashid"
    postings = whole.base_postings.tolist()
    for i in range(len(whole.base_keys)):  # no key posted twice for one person
        one_key = postings[whole.base_offsets[i]:whole.base_offsets[i + 1]]
        assert len(one_key) == len(set(one_key))
    monkeypatch.setattr(person_index, "_CHUNK", 1)
    chunked = person_index.PersonIndex()
    chunked.build()
    monkeypatch.setitem(connection.settings_dict, "DISABLE_SERVER_SIDE_CURSORS", True)
    plain = person_index.PersonIndex()
    plain.build()
    assert _snapshot(chunked) == _snapshot(whole) == _snapshot(plain)


@pytest.mark.parametrize("q,field", [
    (PersonSearch(names=["..."]), "names[0]"),
    (PersonSearch(names=["Ann Lee"], birth_date="1980-02-31"), "birth_date"),
    (PersonSearch(names=["Ann Lee"], nationality="ZZZ"), "nationality"),
    (PersonSearch(names=[]), "names"),
])
def test_bad_questions_are_refused_with_the_field(desk, q, field):
    with pytest.raises(InvalidSearch) as err:
        search_persons(desk.de, q)
    assert field in err.value.errors


@pytest.mark.parametrize("role", [Role.NCB_OFFICER, Role.AGENCY_OFFICER, Role.GS_REVIEWER, Role.AUDITOR])
def test_the_in_memory_mask_agrees_with_the_query_filter(desk, world, role):
    """admits / admits_many (the person index) and restriction_q (every query) are one rule."""
    de_owner = world.actor(world.officer("DE", clearance=Classification.CONFIDENTIAL))
    combos = []
    for mode, countries in ([("none", []), ("allow", ["DE"]), ("allow", ["US"]), ("deny", ["DE"]),
                                           ("deny", ["US"])]):
        for agencies in (True, False):
            for level in (1, 2, 3):
                for owner in (desk.fr, de_owner):
                    combos.append(_person(owner, f"M{len(combos)}", ["Ann Lee"], restriction_mode=mode,
                                          restricted_countries=countries, agencies_may_view=agencies,
                                          classification=level))
    org = {Role.AGENCY_OFFICER: world.agency("DE", "DE-MASK", databases=("persons",)), Role.GS_REVIEWER: world.gs()}
    actor = world.actor(world.user(org.get(role, world.ncb("DE")), role, Classification.RESTRICTED))
    by_query = set(Person.objects.filter(restriction_q(actor)).values_list("pk", flat=True))
    one = {p.pk for p in combos if admits(actor, p.owner_country_id, p.restriction_mode,
                                          "DE" in p.restrictions.countries, p.agencies_may_view, p.classification)}
    many = admits_many(
        actor, own=np.array([p.owner_country_id == actor.country for p in combos]),
        mode=np.array([MODE_CODES[p.restriction_mode] for p in combos]),
        listed=np.array(["DE" in p.restrictions.countries for p in combos]),
        agencies_may_view=np.array([p.agencies_may_view for p in combos]),
        classification=np.array([p.classification for p in combos]),
    )
    assert by_query == one == {p.pk for p, ok in zip(combos, many, strict=True) if ok}
    assert RestrictionMode.NONE in MODE_CODES
