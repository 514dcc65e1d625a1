"""Turning what an author addressed ('NCB:FR', 'REGION:europe', 'ALL', 'GS', 'AGENCY:FR-PAF') into
recipient organisations, under the rules of the network:

* a national agency writes only to its own NCB, which forwards abroad for it;
* an NCB may write to its own agencies, never to another country's;
* nobody receives what the data's owner excluded (allow/deny lists, 'agencies may view').
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save

from ncbnet.access.policy import Actor, Denied
from ncbnet.access.restrictions import Restrictions
from ncbnet.members.models import Organisation, OrgKind, RegionalGroup


class UnknownRecipient(ValueError):
    def __init__(self, address: str, reason: str):
        super().__init__(f"recipient {address!r}: {reason}")
        self.address = address
        self.reason = reason


@dataclass(frozen=True)
class Addressing:
    organisations: list[Organisation]
    addressed_to: list[str]


# The NCBs and the General Secretariat change a few times a year but are looked up on every send: keep
# them in memory for a short while; any change to an organisation in this process clears the copy.
_DIRECTORY_TTL_SECONDS = 30.0
_directory_lock = threading.Lock()
_directory: tuple[float, dict[str, Organisation], Organisation | None] | None = None


def _ncbs_and_gs() -> tuple[dict[str, Organisation], Organisation | None]:
    global _directory
    with _directory_lock:
        if _directory is None or time.monotonic() - _directory[0] > _DIRECTORY_TTL_SECONDS:
            ncbs = {o.country_id or "": o for o in Organisation.objects.filter(kind=OrgKind.NCB, is_active=True)}
            gs = Organisation.objects.filter(kind=OrgKind.GENERAL_SECRETARIAT, is_active=True).first()
            _directory = (time.monotonic(), ncbs, gs)
        return _directory[1], _directory[2]


def bureau_directory() -> tuple[dict[str, Organisation], Organisation | None]:
    """Every active NCB by country code, and the General Secretariat (cached for a few seconds per process)."""
    return _ncbs_and_gs()


def forget_directory(**_kw) -> None:
    global _directory
    with _directory_lock:
        _directory = None


post_save.connect(forget_directory, sender=Organisation, dispatch_uid="recipients.forget_directory.save")
post_delete.connect(forget_directory, sender=Organisation, dispatch_uid="recipients.forget_directory.delete")


def _normalise(address: str) -> tuple[str, str]:
    a = address.strip()
    if not a:
        raise UnknownRecipient(address, "is empty")
    upper = a.upper()
    if upper in {"ALL", "GS"}:
        return upper, ""
    if ":" in a:
        kind, _, value = a.partition(":")
        kind = kind.strip().upper()
        if kind in {"NCB", "REGION", "AGENCY"} and value.strip():
            return kind, value.strip()
        raise UnknownRecipient(address, "use NCB:<country>, REGION:<group>, AGENCY:<code>, GS or ALL")
    if len(upper) == 2 and upper.isalpha():
        return "NCB", upper
    raise UnknownRecipient(address, "use NCB:<country>, REGION:<group>, AGENCY:<code>, GS or ALL")


def resolve(
    actor: Actor, addresses: list[str], restrictions: Restrictions, owner_country: str | None
) -> Addressing:
    if not addresses:
        raise UnknownRecipient("", "at least one recipient is required")
    parsed = [_normalise(a) for a in addresses]
    orgs: dict[int, Organisation] = {}
    canonical: list[str] = []

    if actor.is_agency:
        for kind, value in parsed:
            if not (kind == "NCB" and value.upper() == actor.country):
                raise Denied(
                    f"a national agency may address only its own NCB (NCB:{actor.country}); "
                    f"{kind}{':' + value if value else ''} must go through it", action="message.send",
                )

    ncbs, gs = _ncbs_and_gs()
    for kind, value in parsed:
        if kind == "ALL":
            canonical.append("ALL")
            for org in ncbs.values():
                if restrictions.admits_country(org.country_id, owner_country):
                    orgs[org.pk] = org
        elif kind == "GS":
            canonical.append("GS")
            if gs is None:
                raise UnknownRecipient("GS", "no General Secretariat is configured")
            orgs[gs.pk] = gs
        elif kind == "REGION":
            group = RegionalGroup.objects.filter(code=value.lower()).first()
            if group is None:
                codes = ", ".join(RegionalGroup.objects.values_list("code", flat=True))
                raise UnknownRecipient(value, f"no regional group of that name (known: {codes})")
            canonical.append(f"REGION:{group.code}")
            for code in group.countries.values_list("code", flat=True):
                member = ncbs.get(code)
                if member is not None and restrictions.admits_country(code, owner_country):
                    orgs[member.pk] = member
        elif kind == "NCB":
            code = value.upper()
            ncb = ncbs.get(code)
            if ncb is None:
                raise UnknownRecipient(value, "no member country's NCB has that code")
            if not restrictions.admits_country(code, owner_country):
                raise Denied(f"the owner's restrictions exclude {code}; it may not receive this message")
            canonical.append(f"NCB:{code}")
            orgs[ncb.pk] = ncb
        elif kind == "AGENCY":
            agency = Organisation.objects.filter(kind=OrgKind.AGENCY, code=value, is_active=True).first()
            if agency is None:
                raise UnknownRecipient(value, "no national agency has that code")
            if actor.org_kind != OrgKind.NCB or agency.parent_id != actor.organisation_id:
                raise Denied("only an agency's own NCB may address it")
            if not restrictions.agencies_may_view:
                raise Denied("the owner's restrictions keep this message from national agencies")
            canonical.append(f"AGENCY:{agency.code}")
            orgs[agency.pk] = agency

    if actor.organisation_id is not None:
        orgs.pop(actor.organisation_id, None)  # never deliver to oneself
    if not orgs:
        raise UnknownRecipient(", ".join(addresses), "names no organisation other than the sender")
    return Addressing(sorted(orgs.values(), key=lambda o: o.pk), canonical)
