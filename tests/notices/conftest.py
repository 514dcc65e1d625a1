from __future__ import annotations

import pytest

from ncbnet.access.levels import Role
from ncbnet.notices import review, services
from ncbnet.records.services import create_record


def red_content(**over) -> dict:
    content = {
        "summary": "Armed robbery of a jewellery shop in Lyon on 3 March 2025.",
        "charges": [{"description": "armed robbery", "law": "Code pénal art. 311-8", "maximum_penalty_months": 360,
                     "translation": ""}],
        "sought_for": "prosecution",
        "warrants": [{"kind": "arrest_warrant", "authority": "Juge d'instruction, Lyon", "issued_on": "2025-03-20",
                      "reference": "MA-2025-118"}],
        "extradition_assurance": True,
    }
    content.update(over)
    return content


# A valid content of every other type, for tests that take each type through its life.
CONTENTS = {
    "yellow": {"summary": "Missing child.", "reason": "missing", "disappeared_on": "2026-06-01", "minor": True},
    "blue": {"summary": "Whereabouts sought.", "information_sought": ["location"], "offences": ["fraud"]},
    "black": {"summary": "Body found in the Rhône.", "found_on": "2026-02-03", "found_at": "Lyon"},
    "green": {"summary": "Serial fraudster.", "criminal_activities": "Romance scams.", "offences": ["fraud"]},
    "orange": {"summary": "Parcel bombs.", "threat_from": "object", "threat": "Parcel bombs posted from Lyon."},
    "purple": {"summary": "Concealment.", "modus_operandi": "Cocaine in car tyres.", "concealment_methods": ["tyres"]},
    "silver": {"summary": "Assets.", "assets": [{"kind": "real_estate", "description": "Villa"}],
               "linked_offences": ["money laundering"]},
    "un": {"summary": "Sanctioned.", "committee": "1267", "un_reference": "QDi.999", "sanctions": ["asset_freeze"]},
}


class Bureau:
    """France requests; Germany and Spain are other members; the General Secretariat has reviewers of three
    nationalities (one of them French)."""

    def __init__(self, world):
        self.world = world
        self.fr = world.actor(world.officer("FR"))
        self.de = world.actor(world.officer("DE"))
        self.es = world.actor(world.officer("ES"))
        gs = world.gs()
        self.rev_br = world.actor(world.user(gs, Role.GS_REVIEWER, nationality="BR"))
        self.rev_jp = world.actor(world.user(gs, Role.GS_REVIEWER, nationality="JP"))
        self.rev_fr = world.actor(world.user(gs, Role.GS_REVIEWER, nationality="FR"))
        self.rev_none = world.actor(world.user(gs, Role.GS_REVIEWER))
        self._n = 0

    def person(self, actor=None, **over):
        self._n += 1
        raw = {"national_reference": f"FR-P-{self._n}", "names": ["DUPONT, Jean Pierre"], "role": "wanted", "sex": "M",
               "birth_date": "1980-05-17", "nationalities": ["FR"], "height_cm": 181, "eye_colour": "brown",
               "distinguishing_marks": "scar on the left cheek"}
        raw.update(over)
        return create_record(actor or self.fr, "person", raw).record

    def draft(self, kind="red", content=None, actor=None, **kw):
        actor = actor or self.fr
        if "subject_person_id" not in kw and kind != "purple":
            kw["subject_person_id"] = self.person(actor).pk
        r = services.NoticeRequest(notice_type=kind, content=content or red_content(), **kw)
        return services.request_notice(actor, r)

    def published(self, **kw):
        notice = self.draft(**kw)
        services.submit_notice(self.fr, notice.pk)
        return review.review_notice(self.rev_br, notice.pk, "approve")


@pytest.fixture
def bureau(world):
    return Bureau(world)
