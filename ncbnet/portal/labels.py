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


# The police databases
RECORD_KIND = {"person": _("person"), "travel_document": _("travel document"), "vehicle": _("vehicle"),
               "work_of_art": _("work of art"), "firearm": _("firearm")}
RECORD_STATUS = {"active": _("active"), "deleted": _("deleted by its owner")}
SEX = {"M": _("male"), "F": _("female"), "X": pgettext_lazy("sex", "other"), "U": _("unknown")}
PERSON_ROLE = {"wanted": _("wanted"), "missing": _("missing"), "unidentified": _("unidentified"),
               "person_of_interest": _("person of interest")}
NAME_KIND = {"primary": _("primary name"), "alias": _("alias"), "birth_name": _("birth name"),
             "original_script": _("name in original script")}
DOCUMENT_TYPE = {"passport": _("passport"), "identity_card": _("identity card"), "visa": _("visa"),
                 "residence_permit": _("residence permit"), "other": pgettext_lazy("document", "other")}
DOCUMENT_STATUS = {"stolen_blank": _("stolen blank"), "stolen_from_bearer": _("stolen from its bearer"),
                   "lost": _("lost"), "revoked": _("revoked"), "invalid": _("invalid")}
ART_CATEGORY = {"painting": _("painting"), "sculpture": _("sculpture"), "drawing": _("drawing"), "print": _("print"),
                "icon": _("icon"), "manuscript": _("manuscript"), "coin": _("coin"), "jewellery": _("jewellery"),
                "textile": _("textile"), "archaeological_object": _("archaeological object"),
                "other": pgettext_lazy("art", "other")}
FIREARM_TYPE = {"pistol": _("pistol"), "revolver": _("revolver"), "rifle": _("rifle"), "shotgun": _("shotgun"),
                "submachine_gun": _("submachine gun"), "other": pgettext_lazy("firearm", "other")}
HIT_STATUS = {"pending": _("awaiting the owner's answer"), "confirmed": _("confirmed by the owner"),
              "denied": _("denied by the owner")}
VERSION_ACTION = {"create": _("created"), "update": _("changed"), "renew": _("renewed"), "delete": _("deleted")}
LINK_TARGET = {"case": _("case"), "message": _("message"), "notice": _("notice")}
NOTICE_TYPE = {"red": _("Red Notice"), "yellow": _("Yellow Notice"), "blue": _("Blue Notice"),
               "black": _("Black Notice"), "green": _("Green Notice"), "orange": _("Orange Notice"),
               "purple": _("Purple Notice"), "silver": _("Silver Notice"), "un": _("UN Security Council Special Notice")}
NOTICE_STATE = {"draft": _("draft"), "in_review": _("submitted, in review"), "returned": _("returned for more information"),
                "refused": _("refused"), "published": _("published"), "suspended": _("suspended"),
                "withdrawn": _("withdrawn by the requesting country"), "cancelled": _("cancelled by the General Secretariat"),
                "deleted": _("deleted on an order of the data-protection commission"), "expired": _("expired")}
DIFFUSION_KIND = {"wanted": _("wanted person"), "missing": _("missing person"), "information": _("information"),
                  "alert": _("alert")}
KINDS.update({"notice_state": NOTICE_STATE, "diffusion_kind": DIFFUSION_KIND})
KINDS.update({"version_action": VERSION_ACTION, "link_target": LINK_TARGET, "notice_type": NOTICE_TYPE})
KINDS.update({"record_kind": RECORD_KIND, "record_status": RECORD_STATUS, "sex": SEX, "person_role": PERSON_ROLE,
              "name_kind": NAME_KIND, "document_type": DOCUMENT_TYPE, "document_status": DOCUMENT_STATUS,
              "art_category": ART_CATEGORY, "firearm_type": FIREARM_TYPE, "hit_status": HIT_STATUS})


def label(kind: str, code: object) -> str:
    """The translated name of ``code``; the code itself when it has none (never an error on a page)."""
    return str(KINDS[kind].get(code, code))


def choices(kind: str) -> list[tuple[object, str]]:
    return [(code, str(name)) for code, name in KINDS[kind].items()]


# The desks: the CCC board, the auditors' trail, the supervisors' bureau
DATABASE = {"persons": _("persons"), "travel_documents": _("travel documents"), "vehicles": _("vehicles"),
            "works_of_art": _("works of art"), "firearms": _("firearms")}
AUDIT_OUTCOME = {"ok": pgettext_lazy("audit outcome", "done"), "refused": pgettext_lazy("audit outcome", "refused"),
                 "failed": pgettext_lazy("audit outcome", "failed")}
KINDS.update({"database": DATABASE, "audit_outcome": AUDIT_OUTCOME})


def notice_reference(notice: Any) -> str:
    """How officers name a notice, in their language: 'Red Notice 2026/12' once published, 'Red Notice request
    57' before (``notices.publication.reference`` gives the English for the API and the trail)."""
    kind = label("notice_type", notice.notice_type)
    if notice.year:
        return f"{kind} {notice.control_number}"
    return _("%(type)s request %(number)s") % {"type": kind, "number": notice.pk}
