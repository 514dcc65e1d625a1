"""What a hit's messages say, in the working language of the organisation that reads them (``Organisation.language``):
the notice to the record's owner (and the CCC), and the owner's answer to the searcher's NCB.

The reference ("HIT-...") and the record's identifiers stay as they are in every language: they are what an officer
quotes back. The record's kind, type and status come from the portal's catalogues (the same words the portal shows).
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime

from django.utils import translation
from django.utils.translation import gettext

from ncbnet.records.kinds import kind as record_kind
from ncbnet.records.models import PersonRole, PoliceRecord


@dataclass(frozen=True)
class _Texts:
    plate: str  # the words of a record's one line the portal's catalogues do not hold
    serial: str
    general_secretariat: str
    at: str  # " at {location}"
    found: str
    searched_with: str
    please_answer: str
    confirmed: str
    denied: str


TEXTS = {
    "en": _Texts(
        plate="plate",
        serial="serial",
        general_secretariat="General Secretariat",
        at=" at {location}",
        found="Your record {summary} (national reference {national_reference}) was found by a search of {searcher} "
              "({country}){at} on {when} UTC, score {score}.",
        searched_with="Searched with: {searched_with}.",
        please_answer="Please confirm or deny that the record still stands by {due} UTC (hit reference {reference}).",
        confirmed="CONFIRMED: the record still stands",
        denied="DENIED: the record no longer stands",
    ),
    "fr": _Texts(
        plate="plaque",
        serial="n° de série",
        general_secretariat="Secrétariat général",
        at=" à {location}",
        found="Votre fiche {summary} (référence nationale {national_reference}) a été trouvée par une recherche de "
              "{searcher} ({country}){at} le {when} UTC, score {score}.",
        searched_with="Critères de recherche : {searched_with}.",
        please_answer="Veuillez confirmer ou infirmer que la fiche est toujours valable avant le {due} UTC "
                      "(référence du hit {reference}).",
        confirmed="CONFIRMÉ : la fiche est toujours valable",
        denied="INFIRMÉ : la fiche n'est plus valable",
    ),
    "es": _Texts(
        plate="matrícula",
        serial="n.º de serie",
        general_secretariat="Secretaría General",
        at=" en {location}",
        found="Su registro {summary} (referencia nacional {national_reference}) ha sido encontrado por una búsqueda de "
              "{searcher} ({country}){at} el {when} UTC, puntuación {score}.",
        searched_with="Datos de la búsqueda: {searched_with}.",
        please_answer="Sírvase confirmar o negar que el registro sigue vigente antes del {due} UTC "
                      "(referencia de la coincidencia {reference}).",
        confirmed="CONFIRMADO: el registro sigue vigente",
        denied="NEGADO: el registro ya no está vigente",
    ),
    "ar": _Texts(
        plate="لوحة",
        serial="الرقم التسلسلي",
        general_secretariat="الأمانة العامة",
        at=" في {location}",
        found="عُثر على سجلّكم {summary} (المرجع الوطني {national_reference}) في بحث أجرته {searcher} ({country}){at} "
              "في {when} بالتوقيت العالمي، بدرجة تطابق {score}.",
        searched_with="معايير البحث: {searched_with}.",
        please_answer="يُرجى تأكيد أو نفي استمرار صلاحية السجل قبل {due} بالتوقيت العالمي (مرجع الإصابة {reference}).",
        confirmed="مؤكَّد: السجل لا يزال ساريًا",
        denied="منفيّ: السجل لم يعد ساريًا",
    ),
}


def texts(language: str) -> _Texts:
    return TEXTS.get(language, TEXTS["en"])


def record_summary(kind: str, rec: PoliceRecord, language: str = "en") -> str:
    """One line naming a record (hit notices, front-line answers): in English, the labels as the models give them;
    in another language, the record's words from the portal's catalogues and ``TEXTS``; identifiers as they are."""
    r, t, translated = rec, texts(language), language != "en" and language in TEXTS

    def word(label: str) -> str:
        return gettext(label) if translated else label

    with translation.override(language) if translated else nullcontext():
        if kind == "travel_document":
            return (f"{word(r.get_document_type_display())} {r.issuing_country} {r.number}"  # type: ignore[attr-defined]
                    f" ({word(r.get_document_status_display())})")  # type: ignore[attr-defined]
        if kind == "vehicle":
            return (f"{word('vehicle')} VIN {r.vin or '-'} {t.plate} {r.plate or '-'} {r.plate_country}"  # type: ignore[attr-defined]
                    f" ({r.make} {r.model})")
        if kind == "firearm":
            return f"{word('firearm')} {r.make} {r.model} {t.serial} {r.serial_number}"  # type: ignore[attr-defined]
        return f"{word(record_kind(kind).label)} {r.pk}"


def record_line(kind: str, rec: PoliceRecord, summary: str, language: str) -> str:
    """``summary`` (the searching side's one line, in English) in ``language``. A person's line is made by the
    search that found it (with the name it matched), so only its words are translated."""
    if language == "en" or language not in TEXTS:
        return summary
    if kind != "person":
        return record_summary(kind, rec, language)
    if not summary.startswith("person "):  # "person <name>", "person <name> (<role>)"
        return summary
    with translation.override(language):
        name, role = summary[len("person "):], getattr(rec, "role", "")
        label = PersonRole(role).label if role in PersonRole.values else ""
        if label and name.endswith(f" ({label})"):
            return f"{gettext('person')} {name[:-len(label) - 3]} ({gettext(label)})"
        return f"{gettext('person')} {name}"


def notification(language: str, *, summary: str, national_reference: str, searcher: str, country: str | None,
                 location: str, when: datetime, score: float, searched_with: dict, due: datetime,
                 reference: str) -> tuple[str, str]:
    """The subject and body of a hit's notice to the record's owner."""
    t = texts(language)
    body = "\n".join((
        t.found.format(summary=summary, national_reference=national_reference, searcher=searcher,
                       country=country or t.general_secretariat, at=t.at.format(location=location) if location else "",
                       when=f"{when:%Y-%m-%d %H:%M}", score=f"{score:.2f}"),
        t.searched_with.format(searched_with=searched_with),
        t.please_answer.format(due=f"{due:%Y-%m-%d %H:%M}", reference=reference),
    ))
    return f"HIT {reference}: {summary}", body


def answer(language: str, *, confirmed: bool, reference: str, note: str) -> tuple[str, str]:
    """The subject and body of the owner's answer, to the searcher's NCB."""
    t = texts(language)
    verdict = t.confirmed if confirmed else t.denied
    return f"HIT {reference} {verdict}", f"{verdict}.\n{note}".strip()
