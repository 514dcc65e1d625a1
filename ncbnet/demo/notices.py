"""The demo world's notices and diffusions, made through the notice services as real ones are: published Red,
Yellow and UN notices with public extracts (the UN one requested by the Security Council, an international body) (so the public site has something to show), one published without
one, a request in review, one flagged by screening with one approval of two, a draft, a Purple Notice, and a
diffusion."""

from __future__ import annotations

from ncbnet.access.policy import Actor
from ncbnet.members.models import User
from ncbnet.notices import diffusions, review, services
from ncbnet.notices.models import Notice
from ncbnet.records.models import Person


def _actor(username: str) -> Actor:
    return Actor.of(User.objects.select_related("organisation").get(username=username))


def _person(country: str) -> int:
    return Person.objects.filter(owner_country_id=country).order_by("id").values_list("pk", flat=True)[0]


def _red(summary: str, charge: str, law: str, months: int, authority: str, reference: str) -> dict:
    return {"summary": summary, "sought_for": "prosecution", "extradition_assurance": True,
            "charges": [{"description": charge, "law": law, "maximum_penalty_months": months, "translation": ""}],
            "warrants": [{"kind": "arrest_warrant", "authority": authority, "issued_on": "2025-02-11",
                          "reference": reference}]}


REQUESTS = [  # country, type, content, public consent, how far it goes: draft | review | flagged | published
    ("FR", "red", _red("Vol à main armée d'une bijouterie à Nice, le 3 mars 2024.", "vol à main armée",
                       "Code pénal, art. 311-8", 360, "Juge d'instruction, Nice", "MA-2024-0311"), True, "published"),
    ("DE", "red", _red("Large-scale investment fraud, 2,300 victims.", "fraud on a commercial scale",
                       "StGB § 263 (3)", 120, "Amtsgericht Frankfurt am Main", "HB-2025-17"), False, "published"),
    ("ES", "yellow", {"summary": "Desaparecida el 14 de agosto de 2025 en Málaga.", "reason": "missing",
                      "disappeared_on": "2025-08-14", "disappeared_at": "Málaga"}, True, "published"),
    ("KE", "yellow", {"summary": "Missing child, possibly taken abroad.", "reason": "missing",
                      "disappeared_on": "2026-01-05", "disappeared_at": "Nairobi", "minor": True}, True, "published"),
    ("US", "red", _red("Trafficking of cocaine from Colombia, 2019-2023.", "conspiracy to distribute cocaine",
                       "21 U.S.C. § 846", 480, "U.S. District Court, S.D. Florida", "23-CR-20117"), False, "review"),
    ("BR", "red", _red("Lavagem de dinheiro e espionagem industrial.", "money laundering and espionage",
                       "Lei 9.613/1998, art. 1", 120, "Justiça Federal, São Paulo", "0004512-88.2025"), False,
     "flagged"),
    ("MA", "red", _red("Traite d'êtres humains.", "traite d'êtres humains", "Code pénal, art. 448-1", 240,
                       "Juge d'instruction, Casablanca", "TEH-2025-9"), False, "draft"),
]


def create_notices() -> int:
    for country, kind, content, public, stage in REQUESTS:
        owner = _actor(f"supervisor.{country.lower()}")
        notice = services.request_notice(owner, services.NoticeRequest(
            notice_type=kind, content=content, subject_person_id=_person(country), public_consent=public,
            language="fr" if country in ("FR", "MA") else "es" if country == "ES" else "en"))
        if stage == "draft":
            continue
        services.submit_notice(owner, notice.pk)
        if stage in ("published", "flagged"):
            review.review_notice(_actor("reviewer.gs"), notice.pk, "approve")
    unsc = _actor("officer.unsc")  # an international body keeps no records: it describes its subject
    un = services.request_notice(unsc, services.NoticeRequest(
        notice_type="un", public_consent=True,
        content={"summary": "Listed for financing terrorism.", "committee": "1267/1989/2253 ISIL (Da'esh) and Al-Qaida",
                 "un_reference": "QDi.901", "sanctions": ["asset_freeze", "travel_ban"]},
        subject={"names": ["AL-TIKRITI, Hamid Youssef", {"full": "حامد يوسف التكريتي", "kind": "original_script"}],
                 "birth_date": "1971-03-02", "sex": "M", "nationalities": ["IQ"], "height_cm": 175}))
    services.submit_notice(unsc, un.pk)
    review.review_notice(_actor("reviewer2.gs"), un.pk, "approve")
    purple = services.request_notice(_actor("supervisor.mx"), services.NoticeRequest(
        notice_type="purple", content={"summary": "Cocaine hidden in the walls of shipping containers.",
                                       "modus_operandi": "False walls welded inside refrigerated containers.",
                                       "concealment_methods": ["false container walls"]}))
    services.submit_notice(_actor("supervisor.mx"), purple.pk)
    review.review_notice(_actor("reviewer.gs"), purple.pk, "approve")
    diffusions.send_diffusion(_actor("officer.fr"), diffusions.DiffusionRequest(
        kind="wanted", title="Wanted: suspect of the Nice jewellery robbery",
        body="The suspect may travel to Spain or Morocco. Please check your records and tell us of any trace.",
        recipients=["NCB:ES", "NCB:MA"], urgent=True))
    return Notice.objects.count()
