"""The names the portal shows for the stored codes (priorities, crime areas, roles...), in the officer's language.

The models keep their English labels (they are part of the migrations and of the API); the portal shows these.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

PRIORITY = {"routine": pgettext_lazy("priority", "routine"), "urgent": pgettext_lazy("priority", "urgent"),
            "immediate": pgettext_lazy("priority", "immediate")}
CRIME_AREA = {
    "fugitives": _("fugitives"), "missing_persons": _("missing persons"), "terrorism": _("terrorism"),
    "drugs": _("drugs"), "cybercrime": _("cybercrime"), "human_trafficking": _("trafficking in human beings"),
    "financial_crime": _("financial crime"), "firearms": _("firearms"), "vehicles": _("vehicles"),
    "works_of_art": _("works of art"), "other": _("other"),
}
CLASSIFICATION = {1: _("official use only"), 2: _("restricted"), 3: _("confidential")}
RESTRICTION = {"none": _("all members"), "allow": _("only the listed countries"),
               "deny": _("all members but the listed countries")}
ROLE = {
    "ncb_officer": _("NCB officer"), "ncb_supervisor": _("NCB supervisor"),
    "agency_officer": _("national agency officer"), "frontline_system": _("border / front-line system"),
    "gs_reviewer": _("General Secretariat reviewer"),
    "ccc_officer": _("Command and Coordination Centre duty officer"), "auditor": _("data-protection auditor"),
    "intl_body_officer": _("officer of an authorised international body"), "": _("no role"),
}
ORG_KIND = {"ncb": _("National Central Bureau"), "gs": _("General Secretariat"), "agency": _("national agency"),
            "intl": _("international body")}
LANGUAGE = {"ar": _("Arabic"), "en": _("English"), "fr": _("French"), "es": _("Spanish")}

KINDS: dict[str, dict[Any, Any]] = {"priority": PRIORITY, "crime_area": CRIME_AREA, "classification": CLASSIFICATION,
         "restriction": RESTRICTION, "role": ROLE, "org_kind": ORG_KIND, "language": LANGUAGE}


def label(kind: str, code: object) -> str:
    """The translated name of ``code``; the code itself when it has none (never an error on a page)."""
    return str(KINDS[kind].get(code, code))


def choices(kind: str) -> list[tuple[object, str]]:
    return [(code, str(name)) for code, name in KINDS[kind].items()]
