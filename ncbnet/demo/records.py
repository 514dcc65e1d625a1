"""The demo world's databases: a few thousand records contributed by the demo NCBs through the same bulk and
record services as real data, a handful of wanted and missing persons in several scripts, and a few searches
from abroad that raised hits (one of them overdue), so that every screen and endpoint has something to show."""

from __future__ import annotations

import json
from datetime import timedelta

from django.utils import timezone

from ncbnet.access.policy import Actor
from ncbnet.demo.synthetic.documents import firearms, travel_documents, vehicles, works_of_art
from ncbnet.hits.models import Hit
from ncbnet.matching.identifiers import iso2_to_icao
from ncbnet.members.models import User
from ncbnet.records import services
from ncbnet.records.bulk import bulk_load
from ncbnet.records.identifier_search import IdentifierQuery, check_identifiers
from ncbnet.records.models import TravelDocument
from ncbnet.records.person_search import PersonSearch, search_persons

CONTRIBUTORS = ("FR", "ES", "MX", "EG", "MA", "US", "GB", "KE", "DE", "BR")

PERSONS = [  # owner, names, birth date, sex, role, nationalities, marks, circumstances
    ("FR", ["Mohammed bin Salman Al-Rashid", {"full": "محمد بن سلمان الرشيد", "kind": "original_script"}], "1980-05-17",
     "M", "wanted", ["SA"], "scar over the left eyebrow", "armed robbery of a jewellery shop in Nice, 2024"),
    ("DE", ["Aleksandr Sergeyevich Volkov", {"full": "Александр Сергеевич Волков", "kind": "original_script"}],
     "1975-11-02", "M", "wanted", ["RU"], "tattoo of an eagle on the right forearm", "large-scale fraud"),
    ("ES", ["María José García Márquez"], "1992-03-08", "F", "missing", ["ES"], "", "missing since 2025-08-14, Málaga"),
    ("US", ["John Michael Smith", {"full": "Jack Smith", "kind": "alias"}], "1968", "M", "wanted", ["US"],
     "dragon tattoo on the neck", "drug trafficking"),
    ("EG", ["Youssef Ahmed El-Sayed", {"full": "يوسف أحمد السيد", "kind": "original_script"}], "1988-07-04", "M",
     "person_of_interest", ["EG"], "", "terrorist financing investigation"),
    ("KE", ["Grace Wanjiru Kamau"], "2009-01-19", "F", "missing", ["KE"], "birthmark on the left cheek",
     "missing child, possibly taken abroad"),
    ("MA", ["Fatima Zahra Benali", {"full": "فاطمة الزهراء بن علي", "kind": "original_script"}], "1995-12-01", "F",
     "wanted", ["MA", "FR"], "", "human trafficking"),
    ("BR", ["Wei Zhang", {"full": "张伟", "kind": "original_script"}], "1983-09-30", "M", "wanted", ["CN", "BR"], "",
     "money laundering"),
]


def _actor(username: str) -> Actor:
    return Actor.of(User.objects.select_related("organisation").get(username=username))


def _lines(rows) -> list[bytes]:
    return [(json.dumps(r, ensure_ascii=False) + "\n").encode() for r in rows]


def create_records(seed: int = 2026, per_country: int = 200) -> int:
    """Load the demo databases; returns how many records were written."""
    written = 0
    for i, country in enumerate(CONTRIBUTORS):
        supervisor = _actor(f"supervisor.{country.lower()}")
        docs = [{**{k: v for k, v in d.items() if k not in ("type", "status")}, "document_type": d["type"],
                 "document_status": d["status"]}
                for d in travel_documents(per_country, seed + i, countries=[iso2_to_icao(country)])]
        written += bulk_load(supervisor, "travel_document", _lines(docs), "ndjson").loaded
        cars = [{**v, "national_reference": f"{country}-V-{n:05d}"} for n, v in enumerate(vehicles(per_country // 4, seed + i))]
        written += bulk_load(supervisor, "vehicle", _lines(cars), "ndjson").loaded
        guns = [{**{k: v for k, v in g.items() if k != "type"}, "firearm_type": g["type"],
                 "national_reference": f"{country}-F-{n:05d}"} for n, g in enumerate(firearms(per_country // 10, seed + i))]
        written += bulk_load(supervisor, "firearm", _lines(guns), "ndjson").loaded
        art = [{**a, "national_reference": f"{country}-A-{n:05d}"} for n, a in enumerate(works_of_art(per_country // 10, seed + i))]
        written += bulk_load(supervisor, "work_of_art", _lines(art), "ndjson").loaded
    for n, (owner, names, birth, sex, role, nats, marks, circumstances) in enumerate(PERSONS):
        services.create_record(_actor(f"supervisor.{owner.lower()}"), "person", {
            "national_reference": f"{owner}-P-{n:04d}", "names": names, "birth_date": birth, "sex": sex, "role": role,
            "nationalities": nats, "distinguishing_marks": marks, "circumstances": circumstances,
            "height_cm": 158 + 3 * n})
        written += 1
    _due_for_review()
    _searches_with_hits()
    return written


def _due_for_review() -> None:
    """Six of France's travel documents as if loaded ten years ago: two already past their review date (out of
    search until renewed), four due within weeks: what *Records due for review* shows officer.fr."""
    today = timezone.now().date()
    ids = TravelDocument.objects.filter(owner_country_id="FR").order_by("id").values_list("id", flat=True)[:6]
    for pk, days in zip(list(ids), (-20, -3, 5, 12, 40, 75), strict=False):
        TravelDocument.objects.filter(pk=pk).update(review_due=today + timedelta(days=days))


def _searches_with_hits() -> None:
    """A border check in Paris finds a Spanish passport; an officer in Madrid finds the man France wants; one
    hit is left past its deadline so the overdue list is not empty."""
    spanish = TravelDocument.objects.filter(owner_country_id="ES").order_by("id").first()
    if spanish is not None:
        check_identifiers(_actor("gate.cdg"), [IdentifierQuery("number", spanish.number)], location="Paris CDG T2",
                          urgent=True, action="frontline.document")
    search_persons(_actor("officer.es"), PersonSearch(names=["Muhammad Al Rashid"], birth_date="1980-05-17"),
                   location="Madrid", purpose="demo: robbery suspect seen in Madrid")
    oldest = Hit.objects.order_by("id").first()
    if oldest is not None:
        Hit.objects.filter(pk=oldest.pk).update(due_at=timezone.now() - timedelta(minutes=5))
