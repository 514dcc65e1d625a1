"""Synthetic stolen and lost objects: travel documents, vehicles, firearms and works of art.

Benchmarks load millions of these rows and the demo world a few thousand, so the generators are
streams of plain dicts, deterministic from a seed (random.Random only, never the clock) and cheap per
row: every choice is an index into a table built once. Document numbers are unique per issuing
country and VINs unique within a stream, by construction (an affine permutation of a counter over
all numbers of the country's shape), so nothing has to be remembered.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from functools import cache
from typing import Any, TypeVar

from ncbnet.demo.synthetic.catalogue import (
    ANONYMOUS_ARTISTS,
    ART_CATEGORIES,
    ART_PERSONS,
    ART_THINGS,
    ARTIST_FIRST,
    ARTIST_LAST,
    ARTIST_QUALIFIERS,
    COLOURS,
    DESCRIPTION_LANGUAGES,
    DESCRIPTION_PARTS,
    EMPERORS,
    FIREARMS,
    VEHICLE_MAKERS,
)
from ncbnet.demo.synthetic.places import (
    ISSUING_COUNTRIES,
    PATTERN_ALPHABETS,
    PLATE_PATTERNS,
    PLATE_WEIGHTS,
    IssuingCountry,
)
from ncbnet.matching.identifiers import VIN_ALPHABET, icao_to_iso2, vin_check_digit

AS_OF = date(2026, 1, 1)  # the generated world's "today": fixed, so a seed gives the same rows every day
_FIRST_DAY = date(1980, 1, 1)
_T = TypeVar("_T")

DOCUMENT_TYPES = {"passport": 72, "identity_card": 17, "residence_permit": 5, "visa": 4, "other": 2}
DOCUMENT_STATUSES = {"lost": 45, "stolen_from_bearer": 33, "stolen_blank": 10, "revoked": 7, "invalid": 5}
# Days of validity by type: passports 10 years (5 for minors and some countries), visas months.
_VALIDITY = {
    "passport": (3652, 3652, 3652, 1826),
    "identity_card": (3652, 5479),
    "residence_permit": (1826, 3652),
    "visa": (90, 180, 365),
    "other": (1826,),
}
# ISO 3779 / 49 CFR 565.15: model-year character of VIN position 10, a 30-year cycle from 1980 (A).
_MODEL_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"


def _table(weights: dict[_T, int]) -> tuple[_T, ...]:
    """Each item repeated by its weight: a uniform index into it is a weighted choice."""
    return tuple(item for item, weight in weights.items() for _ in range(weight))


@cache
def _day_strings(as_of: date) -> tuple[str, ...]:
    """ISO dates from 1980 to 15 years after as_of, indexed by days since 1980-01-01."""
    days = (as_of - _FIRST_DAY).days + 15 * 366
    return tuple((_FIRST_DAY + timedelta(days=d)).isoformat() for d in range(days))


class _Shape:
    """All strings of a pattern ('#' digit, '@' letter...), numbered 0..capacity-1 in mixed radix."""

    def __init__(self, pattern: str) -> None:
        # Right to left: (literal text, 1, None), (alphabet, radix, None) or, for a run of digits,
        # ("", 10**length, format) so a whole run costs one divmod.
        self.segments: list[tuple[str, int, str | None]] = []
        self.capacity = 1
        for run in re.findall(r"#+|.", pattern)[::-1]:
            if run[0] == "#":
                self.segments.append(("", 10 ** len(run), f"%0{len(run)}d"))
            elif run in PATTERN_ALPHABETS:
                self.segments.append((PATTERN_ALPHABETS[run], len(PATTERN_ALPHABETS[run]), None))
            else:
                self.segments.append((run, 1, None))
            self.capacity *= self.segments[-1][1]

    def render(self, k: int) -> str:
        out = []
        for alphabet, radix, digits in self.segments:
            if radix == 1:
                out.append(alphabet)
            else:
                k, r = divmod(k, radix)
                out.append(digits % r if digits else alphabet[r])
        return "".join(reversed(out))


class _UniqueSequence:
    """Distinct integers below `size` in scattered order: i -> (a*i + b) mod size, gcd(a, size) = 1."""

    def __init__(self, size: int, rng: random.Random) -> None:
        self.size = size
        self.multiplier = rng.randrange(size // 3, size) | 1 if size > 3 else 1
        while math.gcd(self.multiplier, size) != 1:
            self.multiplier += 2
        self.offset = rng.randrange(size)
        self.taken = 0

    def take(self) -> int:
        if self.taken >= self.size:
            raise ValueError(f"all {self.size} numbers of this shape are used")
        value = (self.multiplier * self.taken + self.offset) % self.size
        self.taken += 1
        return value


def _issuers(countries: Sequence[str] | None) -> list[IssuingCountry]:
    if countries is None:
        return list(ISSUING_COUNTRIES)
    known = {c.icao: c for c in ISSUING_COUNTRIES}
    chosen = []
    for icao in dict.fromkeys(code.strip().upper() for code in countries):  # once each: numbers stay unique
        if icao not in known:
            icao_to_iso2(icao)  # refuses codes that designate no country
        chosen.append(known.get(icao) or IssuingCountry(icao, 1, "@@#######", ()))
    if not chosen:
        raise ValueError("countries is empty")
    return chosen


def _all_cities() -> tuple[str, ...]:
    return tuple(city for country in ISSUING_COUNTRIES for city in country.cities)


def travel_documents(
    n: int, seed: int = 1, countries: Sequence[str] | None = None, *, as_of: date = AS_OF
) -> Iterator[dict[str, Any]]:
    """Stolen, lost, revoked and invalid travel documents (issue_date/expiry_date are None for
    stolen blanks, which were never issued)."""
    rng = random.Random(seed)
    rnd = rng.random
    issuers = _issuers(countries)
    by_weight = _table({i: c.weight for i, c in enumerate(issuers)})
    shapes = [_Shape(c.document_pattern) for c in issuers]
    numbers = [_UniqueSequence(shape.capacity, rng) for shape in shapes]
    iso2 = [icao_to_iso2(c.icao) for c in issuers]
    world_cities = _all_cities()
    cities = [c.cities or world_cities for c in issuers]
    types, statuses = _table(DOCUMENT_TYPES), _table(DOCUMENT_STATUSES)
    days = _day_strings(as_of)
    today = (as_of - _FIRST_DAY).days
    for i in range(n):
        c = by_weight[int(rnd() * len(by_weight))]
        kind = types[int(rnd() * len(types))]
        status = statuses[int(rnd() * len(statuses))]
        age = int(rnd() * 4383)  # issued up to 12 years ago
        if status == "stolen_blank":
            issue_date = expiry_date = None
            event = today - age
        else:
            validities = _VALIDITY[kind]
            validity = validities[int(rnd() * len(validities))]
            issued = today - age
            issue_date, expiry_date = days[issued], days[issued + validity - 1]
            event = issued + int(rnd() * min(age, validity + 365))
        local = cities[c]
        place = (
            local[int(rnd() * len(local))] if rnd() < 0.8 else world_cities[int(rnd() * len(world_cities))]
        )
        event_date = days[event]
        yield {
            "number": shapes[c].render(numbers[c].take()),
            "issuing_country": issuers[c].icao,
            "type": kind,
            "status": status,
            "issue_date": issue_date,
            "expiry_date": expiry_date,
            "event_date": event_date,
            "event_place": place,
            "national_reference": f"{iso2[c]}-{event_date[:4]}-{i + 1:08d}",
        }


def _cities_by_iso2() -> dict[str, tuple[str, ...]]:
    return {icao_to_iso2(c.icao): c.cities for c in ISSUING_COUNTRIES}


def vehicles(n: int, seed: int = 1, *, as_of: date = AS_OF) -> Iterator[dict[str, Any]]:
    """Stolen vehicles with valid VINs (check digit per 49 CFR 565, unique in the stream)."""
    rng = random.Random(seed)
    rnd = rng.random
    makers = _table({m: m[3] for m in VEHICLE_MAKERS})
    plate_countries = _table(PLATE_WEIGHTS)
    plate_shapes = {code: [_Shape(p) for p in patterns] for code, patterns in PLATE_PATTERNS.items()}
    cities = _cities_by_iso2()
    # VIN positions 4-8 (descriptor) and 12-17 (serial) numbered together, so no VIN repeats.
    pairs = [a + b for a in VIN_ALPHABET for b in VIN_ALPHABET]
    triples = [a + b for a in pairs for b in VIN_ALPHABET]
    serials = _UniqueSequence(len(pairs) * len(triples) * 1_000_000, rng)
    days = _day_strings(as_of)
    today = (as_of - _FIRST_DAY).days
    year_starts = {y: (date(y, 1, 1) - _FIRST_DAY).days for y in range(as_of.year - 25, as_of.year + 1)}
    for i in range(n):
        wmi, make, models, _ = makers[int(rnd() * len(makers))]
        year = as_of.year - int(rnd() * rnd() * 25)  # recent cars are stolen more
        descriptor, serial = divmod(serials.take(), 1_000_000)
        head, tail = divmod(descriptor, len(triples))
        plant = VIN_ALPHABET[int(rnd() * len(VIN_ALPHABET))]
        year_code = _MODEL_YEAR_CODES[(year - 1980) % 30]
        body = f"{wmi}{pairs[head]}{triples[tail]}0{year_code}{plant}{serial:06d}"
        country = plate_countries[int(rnd() * len(plate_countries))]
        shapes = plate_shapes[country]
        shape = shapes[int(rnd() * len(shapes))]
        first = year_starts[year]
        event_date = days[first + int(rnd() * (today - first))]
        local = cities[country]
        yield {
            "vin": body[:8] + vin_check_digit(body) + body[9:],
            "plate": shape.render(int(rnd() * shape.capacity)),
            "plate_country": country,
            "make": make,
            "model": models[int(rnd() * len(models))],
            "colour": COLOURS[int(rnd() * len(COLOURS))],
            "year": year,
            "event_date": event_date,
            "event_place": local[int(rnd() * len(local))],
            "national_reference": f"{country}-V-{event_date[:4]}-{i + 1:08d}",
        }


def firearms(n: int, seed: int = 1) -> Iterator[dict[str, Any]]:
    """Stolen or trafficked firearms, weighted towards the commonest pistols."""
    rng = random.Random(seed)
    rnd = rng.random
    models = _table({m: m[5] for m in FIREARMS})
    shapes = {m[4]: _Shape(m[4]) for m in FIREARMS}
    owners = [icao_to_iso2(c.icao) for c in ISSUING_COUNTRIES]
    for i in range(n):
        make, model, calibre, kind, pattern, _ = models[int(rnd() * len(models))]
        shape = shapes[pattern]
        yield {
            "make": make,
            "model": model,
            "calibre": calibre,
            "type": kind,
            "serial_number": shape.render(int(rnd() * shape.capacity)),
            "national_reference": f"{owners[int(rnd() * len(owners))]}-F-{i + 1:08d}",
        }


def _pick(rnd: Any, items: Sequence[_T]) -> _T:
    return items[int(rnd() * len(items))]


def _dimensions(category: str, rnd: Any) -> str:
    if category in ("painting", "icon", "manuscript"):
        height = 15 + int(rnd() * 150)
        return f"{height} x {10 + int(rnd() * height * 1.4)} cm"
    if category == "coin":
        return f"diameter {14 + int(rnd() * 30)} mm, {1 + rnd() * 30:.1f} g"
    if category == "jewellery":
        return f"{10 + int(rnd() * 400)} mm"
    return f"height {8 + int(rnd() * 180)} cm"


def works_of_art(n: int, seed: int = 1, *, as_of: date = AS_OF) -> Iterator[dict[str, Any]]:
    """Stolen cultural property: paintings, sculptures, icons, manuscripts, coins, jewellery..."""
    rng = random.Random(seed)
    rnd = rng.random
    categories = _table({c: c[1] for c in ART_CATEGORIES})
    countries = _table({c: c.weight for c in ISSUING_COUNTRIES})
    iso2 = {c.icao: icao_to_iso2(c.icao) for c in ISSUING_COUNTRIES}
    languages = DESCRIPTION_LANGUAGES
    days = _day_strings(as_of)
    today = (as_of - _FIRST_DAY).days
    for i in range(n):
        category, _, titles, materials, periods = _pick(rnd, categories)
        title = _pick(rnd, titles).format(
            a=_pick(rnd, ART_PERSONS), b=_pick(rnd, ART_THINGS), n=1 + int(rnd() * 40), e=_pick(rnd, EMPERORS)
        )
        if category in ("painting", "sculpture") and rnd() < 0.75:
            artist = f"{_pick(rnd, ARTIST_QUALIFIERS)}{_pick(rnd, ARTIST_FIRST)} {_pick(rnd, ARTIST_LAST)}"
        else:
            artist = _pick(rnd, ANONYMOUS_ARTISTS[category])
        country = _pick(rnd, countries)
        city = _pick(rnd, country.cities)
        taken, marks, state = DESCRIPTION_PARTS[_pick(rnd, languages)]
        event_date = days[today - int(rnd() * 14610)]  # reported up to 40 years ago
        yield {
            "title": title,
            "artist": artist,
            "category": category,
            "period": _pick(rnd, periods),
            "materials": _pick(rnd, materials),
            "dimensions": _dimensions(category, rnd),
            "description": f"{_pick(rnd, taken).format(city=city)} {_pick(rnd, marks)} {_pick(rnd, state)}",
            "event_date": event_date,
            "event_place": city,
            "national_reference": f"{iso2[country.icao]}-A-{event_date[:4]}-{i + 1:08d}",
        }
