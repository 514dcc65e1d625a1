"""Review reminders: each week, every member country's NCB is told how many of its records are out of search (past
their review date) and how many fall due within the coming weeks, database by database, in its working language.

``ncbnet records remind-reviews`` runs it; run it daily (a systemd timer, as for ``ncbnet notices lifecycle``): an
NCB gets at most one reminder per ISO week (the message's case reference, ``REVIEW-<country>-<year>-W<week>``, is
looked up before it is sent), and none when nothing is due. The counts are read from the owner and review date
index of each record table; the message names no record, only numbers, and points to where the records are listed
and renewed (the portal's *Records due for review*, ``GET /api/v1/records/<database>/due-for-review``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from ncbnet.access.restrictions import Restrictions
from ncbnet.audit.services import record as audit
from ncbnet.members.models import Organisation
from ncbnet.members.services import system_actor
from ncbnet.messaging.models import CrimeArea, Message, Priority
from ncbnet.messaging.recipients import bureau_directory
from ncbnet.messaging.services import notify
from ncbnet.records.kinds import KINDS
from ncbnet.records.models import RecordStatus

WINDOW_DAYS = 30  # how far ahead a reminder looks

TEXTS = {
    "en": {
        "subject": "Records due for review: {country}",
        "intro": "Records of yours whose review date is past or near, by database. A record past its review date is "
                 "found by no search until you renew it: the portal lists them under Contribute > Records due for "
                 "review, the API under GET /api/v1/records/<database>/due-for-review.",
        "line": "{database}: out of search (review date passed) {lapsed}; review due by {horizon}: {due}.",
    },
    "fr": {
        "subject": "Fiches à réexaminer : {country}",
        "intro": "Vos fiches dont la date de réexamen est passée ou proche, par base de données. Une fiche dont la "
                 "date de réexamen est passée n’est trouvée par aucune recherche jusqu’à son renouvellement : le "
                 "portail les liste sous Contribuer > Fiches à réexaminer, l’API sous "
                 "GET /api/v1/records/<database>/due-for-review.",
        "line": "{database} : hors recherche (date de réexamen passée) {lapsed} ; réexamen à faire d’ici le "
                "{horizon} : {due}.",
    },
    "es": {
        "subject": "Registros pendientes de revisión: {country}",
        "intro": "Sus registros cuya fecha de revisión ha pasado o está próxima, por base de datos. Un registro cuya "
                 "fecha de revisión ha pasado no aparece en ninguna búsqueda hasta que lo renueve: el portal los "
                 "muestra en Contribuir > Registros pendientes de revisión, la API en "
                 "GET /api/v1/records/<database>/due-for-review.",
        "line": "{database}: fuera de las búsquedas (fecha de revisión pasada) {lapsed}; revisión pendiente antes "
                "del {horizon}: {due}.",
    },
    "ar": {
        "subject": "سجلات مستحقة للمراجعة: {country}",
        "intro": "سجلاتكم التي انقضى موعد مراجعتها أو اقترب، حسب قاعدة البيانات. لا يظهر السجل الذي انقضى موعد "
                 "مراجعته في أي بحث حتى تجددوه: تعرضها البوابة تحت المساهمة > السجلات المستحقة للمراجعة، والواجهة "
                 "البرمجية تحت GET /api/v1/records/<database>/due-for-review.",
        "line": "{database}: خارج البحث (انقضى موعد المراجعة) {lapsed}؛ تستحق المراجعة قبل {horizon}: {due}.",
    },
}


@dataclass
class ReminderRun:
    sent: list[str] = field(default_factory=list)  # the countries told
    already: list[str] = field(default_factory=list)  # told already this week


def _counts(country: str, today: date, horizon: date) -> dict[str, tuple[int, int]]:
    """Per kind with something to say: (out of search, due by the horizon)."""
    out = {}
    for name, k in KINDS.items():
        c = k.model._default_manager.filter(owner_country_id=country, status=RecordStatus.ACTIVE,
                                            review_due__lte=horizon).aggregate(
            lapsed=Count("id", filter=Q(review_due__lt=today)), due=Count("id", filter=Q(review_due__gte=today)))
        if c["lapsed"] or c["due"]:
            out[name] = (c["lapsed"], c["due"])
    return out


def _message(language: str, country: str, counts: dict[str, tuple[int, int]], horizon: date) -> tuple[str, str]:
    t = TEXTS.get(language, TEXTS["en"])
    with translation.override(language):  # the databases' names as the portal gives them
        lines = [t["line"].format(database=gettext(KINDS[name].label), lapsed=lapsed, due=due,
                                  horizon=horizon.isoformat()) for name, (lapsed, due) in counts.items()]
    return t["subject"].format(country=country), "\n".join([t["intro"], "", *lines])


def remind(now: datetime | None = None, window_days: int = WINDOW_DAYS) -> ReminderRun:
    """One reminder per NCB with records out of search or due within ``window_days``, at most one per ISO week;
    each NCB in a transaction of its own (a failure leaves the others sent)."""
    now = now or timezone.now()
    today = now.date()
    horizon = today + timedelta(days=window_days)
    year, week, _ = today.isocalendar()
    actor = system_actor()
    ncbs, gs = bureau_directory()
    run = ReminderRun()
    if gs is None:
        return run
    for country, ncb in sorted(ncbs.items()):
        reference = f"REVIEW-{country}-{year}-W{week:02d}"
        with transaction.atomic():
            Organisation.objects.select_for_update().filter(pk=ncb.pk).first()  # one sender per NCB at a time
            if Message.objects.filter(case_reference=reference, sender_org_id=gs.pk).exists():
                run.already.append(country)
                continue
            counts = _counts(country, today, horizon)
            if not counts:
                continue
            subject, body = _message(ncb.language, country, counts, horizon)
            msg = notify(actor, sender_org_id=gs.pk, recipients_=[ncb], subject=subject, body=body,
                         priority=Priority.ROUTINE, crime_area=CrimeArea.OTHER, owner_country=country,
                         restrictions=Restrictions(), case_reference=reference, now=now, language=ncb.language)
            audit(actor, "record.review_reminder", object_type="message", object_ids=[msg.pk],
                  query={"country": country, "counts": {k: list(v) for k, v in counts.items()},
                         "horizon": horizon.isoformat()})
            run.sent.append(country)
    return run
