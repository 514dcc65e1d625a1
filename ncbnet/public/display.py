"""A public extract's fields as the site shows them: labelled, in the page's language, country codes named.

Only the keys of ``PublicExtract.data`` are shown, in a fixed order; a key the requesting country did not
publish is not in ``data`` and so has no row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ncbnet.public.catalogue import country_names

ORDER = ("name", "forename", "date_of_birth", "sex_id", "nationalities", "place_of_birth", "country_of_birth_id",
         "height", "weight", "eyes_colors_id", "hairs_id", "languages_spoken_ids", "distinguishing_marks",
         "arrest_warrants", "date_of_event", "place", "un_reference", "sanctions", "entity")
_COUNTRY_FIELDS = {"nationalities", "country_of_birth_id"}


@dataclass(frozen=True)
class Row:
    label: str
    values: list[str]


def country(code: str, lang: str) -> str:
    return country_names(lang).get(code, code)


def full_name(data: dict[str, Any]) -> str:
    return " ".join(p for p in (data.get("name"), data.get("forename")) if p) or "-"


def _charge(warrant: dict[str, Any], lang: str, t: dict[str, str]) -> str:
    text = warrant.get("charge") or ""
    if warrant.get("charge_translation"):
        text += f" ({warrant['charge_translation']})"
    if warrant.get("issuing_country_id"):
        text += " - " + t["charge_by"].format(country=country(warrant["issuing_country_id"], lang))
    return text


def _values(key: str, value: Any, lang: str, t: dict[str, str]) -> list[str]:
    if key in _COUNTRY_FIELDS:
        return [country(c, lang) for c in (value if isinstance(value, list) else [value])]
    if key == "sex_id":
        return [t.get(f"sex_{value}", str(value))]
    if key == "height":
        return [f"{value} {t['unit_m']}"]
    if key == "weight":
        return [f"{value} {t['unit_kg']}"]
    if key == "arrest_warrants":
        return [_charge(w, lang, t) for w in value]
    if key == "sanctions":
        return [t.get(f"sanction_{s}", s) for s in value]
    if key == "entity" and isinstance(value, dict):
        lines = [value.get("name", "")]
        if value.get("aliases"):
            lines.append(f"{t['also_known_as']}: {', '.join(value['aliases'])}")
        if value.get("address"):
            lines.append(f"{t['address']}: {value['address']}")
        return [line for line in lines if line]
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def rows(data: dict[str, Any], lang: str, t: dict[str, str]) -> list[Row]:
    """The labelled rows of a notice's page, for the fields present and not empty."""
    return [Row(t[f"f_{key}"], _values(key, data[key], lang, t)) for key in ORDER
            if data.get(key) not in (None, "", [], {})]


def summary(data: dict[str, Any], lang: str) -> dict[str, str]:
    """What a list shows of each notice."""
    return {"name": full_name(data), "date_of_birth": data.get("date_of_birth") or "",
            "nationalities": ", ".join(country(c, lang) for c in data.get("nationalities") or [])}
