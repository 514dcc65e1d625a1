"""The five kinds of record, by the names the API, the audit trail and agency scopes use."""

from __future__ import annotations

from dataclasses import dataclass

from ncbnet.records.models import Firearm, Person, PoliceRecord, TravelDocument, Vehicle, WorkOfArt


@dataclass(frozen=True)
class Kind:
    name: str  # the record type in URLs, audit entries, versions and hits
    database: str  # the scope an NCB grants an agency (members.services.DATABASES)
    model: type[PoliceRecord]
    review_years: int  # after this long without renewal a record drops out of search
    label: str


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("person", "persons", Person, 5, "person"),
        Kind("travel_document", "travel_documents", TravelDocument, 10, "travel document"),
        Kind("vehicle", "vehicles", Vehicle, 10, "vehicle"),
        Kind("work_of_art", "works_of_art", WorkOfArt, 20, "work of art"),
        Kind("firearm", "firearms", Firearm, 10, "firearm"),
    )
}


class UnknownKind(LookupError):
    pass


def kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise UnknownKind(f"no database called {name!r}; one of {', '.join(KINDS)}") from None
