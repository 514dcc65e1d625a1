import pytest

from ncbnet.access.levels import Role


class Desk:
    """The actors the records tests use, by country."""

    def __init__(self, world):
        self.world = world
        self.fr_user = world.officer("FR", clearance=3)  # may classify confidential; DE and US officers may not read it
        self.de_user = world.officer("DE")
        self.us_user = world.officer("US")
        self.fr = world.actor(self.fr_user)
        self.de = world.actor(self.de_user)
        self.us = world.actor(self.us_user)

    def agency_actor(self, country: str, databases=("persons",), may_contribute=False, code=None):
        org = self.world.agency(country, code or f"{country}-AG-{'-'.join(databases)}-{int(may_contribute)}"[:40],
                                databases=databases, may_contribute=may_contribute)
        return self.world.actor(self.world.user(org, Role.AGENCY_OFFICER))


@pytest.fixture
def desk(world):
    return Desk(world)


def passport(number="12AB34567", country="FRA", ref=None, **kw):
    return {"national_reference": ref or f"REF-{number}", "number": number, "issuing_country": country,
            "document_type": "passport", "document_status": "stolen_from_bearer", "issue_date": "2020-01-15",
            "expiry_date": "2030-01-14", "event_date": "2024-06-01", "event_place": "Lyon", **kw}
