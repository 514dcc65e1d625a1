"""The member countries of the network: 193 UN member states, the Holy See, Palestine and Kosovo (196).

Codes are ISO 3166-1 (pycountry). Kosovo has no ISO code; it uses the user-assigned XK / XKX that the
European Commission, ICAO and most police systems use. Each member belongs to one of the five regional
groups that messages can be addressed to.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache

import pycountry

REGIONS: dict[str, str] = {
    "africa": "Africa",
    "americas": "Americas",
    "asia_south_pacific": "Asia and South Pacific",
    "europe": "Europe",
    "mena": "Middle East and North Africa",
}

_REGION_MEMBERS: dict[str, str] = {
    "africa": (
        "AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ GQ ER SZ ET GA GM GH GN GW KE LS LR MG MW ML MU MZ"
        " NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG UG ZM ZW"
    ),
    "americas": (
        "AG AR BS BB BZ BO BR CA CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR TT"
        " US UY VE"
    ),
    "europe": (
        "AL AD AM AT AZ BY BE BA BG HR CY CZ DK EE FI FR GE DE GR HU IS IE IL IT XK LV LI LT LU MT MD MC"
        " ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH TR UA GB VA"
    ),
    "mena": "DZ BH EG IQ JO KW LB LY MR MA OM PS QA SA SY TN AE YE",
    "asia_south_pacific": (
        "AF AU BD BT BN KH CN FJ IN ID IR JP KZ KI KP KR KG LA MY MV MH FM MN MM NR NP NZ PK PW PG PH WS"
        " SG SB LK TJ TH TL TO TM TV UZ VU VN"
    ),
}

# Members that ISO 3166-1 does not list.
_EXTRA = {"XK": ("XKX", "Kosovo", {"ar": "كوسوفو", "fr": "Kosovo", "es": "Kosovo"})}


@dataclass(frozen=True)
class MemberCountry:
    code: str  # ISO 3166-1 alpha-2
    alpha3: str  # ISO 3166-1 alpha-3, which ICAO uses on travel documents
    name: str  # English
    names: dict[str, str]  # ar, fr, es
    region: str


def _translations(code: str, english: str) -> dict[str, str]:
    names = {}
    for lang in ("ar", "fr", "es"):
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        names[lang] = tr.gettext(english)
    return names


@cache
def member_countries() -> tuple[MemberCountry, ...]:
    members = []
    for region, codes in _REGION_MEMBERS.items():
        for code in codes.split():
            if code in _EXTRA:
                alpha3, name, names = _EXTRA[code]
            else:
                c = pycountry.countries.get(alpha_2=code)
                if c is None:
                    raise LookupError(f"ISO 3166 has no country {code}")
                alpha3, name = c.alpha_3, getattr(c, "common_name", c.name)
                names = _translations(code, c.name)
            members.append(MemberCountry(code, alpha3, name, names, region))
    return tuple(sorted(members, key=lambda m: m.code))
