"""The demo world: every NCB, the General Secretariat, a few agencies and officers, and a few hundred
messages in the four working languages (replies, forwards, overdue urgent traffic). Deterministic from
a seed; messages go through the same services as real traffic."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ncbnet.access.levels import Classification, Role
from ncbnet.access.policy import Actor
from ncbnet.members.models import AgencyAuthorisation, Division, Organisation, OrgKind, User
from ncbnet.members.services import issue_token
from ncbnet.messaging import services
from ncbnet.messaging.models import Delivery, Message

DEMO_PASSWORD = "demo-only-password"  # demo mode only; real accounts are created with `ncbnet createsuperuser`/admin

COUNTRIES = {  # country: language its officers write in
    "FR": "fr", "ES": "es", "MX": "es", "AR": "es", "EG": "ar", "MA": "ar", "AE": "ar", "US": "en",
    "GB": "en", "KE": "en", "DE": "en", "BR": "en",
}
AGENCIES = [
    ("FR", "FR-PAF", "Police aux frontières", ["travel_documents", "persons", "vehicles"], False),
    ("FR", "FR-PM-VILLEFRANCHE", "Police municipale de Villefranche", ["vehicles"], False),
    ("US", "US-FBI", "Federal Bureau of Investigation", ["persons", "travel_documents", "vehicles", "firearms"], True),
    ("US", "US-SPRINGFIELD-PD", "Springfield Police Department", ["persons", "vehicles"], False),
    ("EG", "EG-BORDER", "Egyptian Border Guard", ["travel_documents", "persons"], False),
    ("KE", "KE-DCI", "Directorate of Criminal Investigations", ["persons", "vehicles", "firearms"], True),
]

TEXTS = {
    "en": [
        ("Request for information: suspect in {crime} case {ref}",
         "Our investigators request any information held on a person of interest in a {crime} investigation. "
         "The subject is believed to have travelled through your country last month. Please check your records."),
        ("Wanted fugitive possibly in your territory",
         "We have reason to believe a fugitive wanted for {crime} is hiding in your territory. "
         "Kindly confirm whether your services hold any trace of him."),
        ("Missing child: urgent assistance requested",
         "A twelve-year-old girl has been reported missing; she may have been taken abroad by a relative. "
         "Please alert border posts and reply as soon as possible."),
    ],
    "fr": [
        ("Demande de renseignements : suspect dans l'affaire {ref}",
         "Nos enquêteurs sollicitent tout renseignement détenu sur un individu impliqué dans une enquête pour {crime}. "
         "L'intéressé aurait séjourné dans votre pays le mois dernier. Merci de consulter vos fichiers."),
        ("Individu recherché susceptible de se trouver sur votre territoire",
         "Un individu recherché pour {crime} se cacherait sur votre territoire. "
         "Pourriez-vous vérifier si vos services disposent d'éléments le concernant ?"),
        ("Disparition d'un mineur : demande d'assistance urgente",
         "Une enfant de douze ans a été signalée disparue ; elle aurait été emmenée à l'étranger par un proche. "
         "Merci d'alerter les postes frontières et de répondre au plus vite."),
    ],
    "es": [
        ("Solicitud de información: sospechoso en el caso {ref}",
         "Nuestros investigadores solicitan cualquier información sobre una persona de interés en una investigación "
         "por {crime}. Se cree que el sujeto viajó por su país el mes pasado. Les rogamos consulten sus archivos."),
        ("Prófugo buscado posiblemente en su territorio",
         "Tenemos motivos para creer que un prófugo buscado por {crime} se oculta en su territorio. "
         "Les agradeceríamos confirmar si sus servicios tienen algún rastro de él."),
        ("Menor desaparecida: se solicita asistencia urgente",
         "Se ha denunciado la desaparición de una niña de doce años; podría haber sido llevada al extranjero por un "
         "familiar. Por favor alerten a los puestos fronterizos y respondan cuanto antes."),
    ],
    "ar": [
        ("طلب معلومات: مشتبه به في القضية {ref}",
         "يطلب المحققون لدينا أي معلومات متوفرة عن شخص مشتبه به في تحقيق يتعلق بجريمة {crime}. "
         "ويعتقد أن الشخص المعني قد سافر عبر بلدكم في الشهر الماضي. يرجى التحقق من سجلاتكم."),
        ("هارب مطلوب قد يكون في أراضيكم",
         "لدينا ما يدعو إلى الاعتقاد بأن هاربا مطلوبا بتهمة {crime} يختبئ في أراضيكم. "
         "نرجو التأكد مما إذا كانت أجهزتكم تملك أي أثر له."),
        ("اختفاء طفلة: طلب مساعدة عاجلة",
         "أبلغ عن اختفاء طفلة تبلغ من العمر اثني عشر عاما، وربما نقلها أحد الأقارب إلى الخارج. "
         "يرجى تنبيه المراكز الحدودية والرد في أقرب وقت ممكن."),
    ],
}
CRIMES = {
    "en": {"drugs": "drug trafficking", "financial_crime": "fraud", "terrorism": "terrorism", "fugitives": "murder",
           "cybercrime": "ransomware extortion", "human_trafficking": "human trafficking"},
    "fr": {"drugs": "trafic de stupéfiants", "financial_crime": "escroquerie", "terrorism": "terrorisme",
           "fugitives": "meurtre", "cybercrime": "extorsion par rançongiciel", "human_trafficking": "traite des êtres humains"},
    "es": {"drugs": "narcotráfico", "financial_crime": "fraude", "terrorism": "terrorismo", "fugitives": "homicidio",
           "cybercrime": "extorsión con ransomware", "human_trafficking": "trata de personas"},
    "ar": {"drugs": "الاتجار بالمخدرات", "financial_crime": "الاحتيال", "terrorism": "الإرهاب", "fugitives": "القتل",
           "cybercrime": "الابتزاز ببرامج الفدية", "human_trafficking": "الاتجار بالبشر"},
}
REPLIES = {
    "en": "Thank you for your message. Our checks are under way; we will revert with results shortly.",
    "fr": "Nous accusons réception de votre message. Les vérifications sont en cours ; nous reviendrons vers vous.",
    "es": "Acusamos recibo de su mensaje. Las verificaciones están en curso; les responderemos en breve.",
    "ar": "نشكركم على رسالتكم. التحقيقات جارية وسنوافيكم بالنتائج قريبا.",
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    organisation: str
    role: str
    note: str = ""


def _user(username: str, org: Organisation, role: str, clearance=Classification.RESTRICTED, **kw) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"organisation": org, "role": role, "clearance": clearance, **kw}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


@transaction.atomic
def create_people() -> list[DemoAccount]:
    accounts: list[DemoAccount] = []
    gs = Organisation.objects.get(kind=OrgKind.GENERAL_SECRETARIAT)
    for code in COUNTRIES:
        ncb = Organisation.objects.get(kind=OrgKind.NCB, country_id=code)
        if ncb.language != COUNTRIES[code]:  # its working language: hits on its data are told to it in it
            ncb.language = COUNTRIES[code]
            ncb.save(update_fields=["language"])
        c = code.lower()
        _user(f"officer.{c}", ncb, Role.NCB_OFFICER)
        accounts.append(DemoAccount(f"officer.{c}", ncb.code, Role.NCB_OFFICER))
        supervisor = _user(f"supervisor.{c}", ncb, Role.NCB_SUPERVISOR, Classification.CONFIDENTIAL)
        accounts.append(DemoAccount(f"supervisor.{c}", ncb.code, Role.NCB_SUPERVISOR))
        Division.objects.get_or_create(ncb=ncb, name="Fugitives and missing persons",
                                       defaults={"crime_areas": ["fugitives", "missing_persons"]})
        Division.objects.get_or_create(ncb=ncb, name="Organised and emerging crime",
                                       defaults={"crime_areas": ["drugs", "cybercrime", "financial_crime",
                                                                 "human_trafficking", "firearms"]})
        for country, acode, name, dbs, contrib in AGENCIES:
            if country != code:
                continue
            agency, _ = Organisation.objects.get_or_create(
                code=acode, defaults={"kind": OrgKind.AGENCY, "name": name, "country_id": code, "parent": ncb}
            )
            AgencyAuthorisation.objects.get_or_create(
                agency=agency, defaults={"databases": dbs, "may_contribute": contrib, "granted_by": supervisor,
                                         "valid_until": (timezone.now() + timedelta(days=730)).date()}
            )
            uname = f"agent.{acode.lower()}"
            _user(uname, agency, Role.AGENCY_OFFICER, Classification.OFFICIAL_USE)
            accounts.append(DemoAccount(uname, acode, Role.AGENCY_OFFICER))
    # Reviewers' nationalities matter: none reviews a request of their own country (four-eyes review).
    for uname, role, clearance, nationality in [
            ("reviewer.gs", Role.GS_REVIEWER, Classification.CONFIDENTIAL, "CH"),
            ("reviewer2.gs", Role.GS_REVIEWER, Classification.CONFIDENTIAL, "JP"),
            ("duty.ccc", Role.CCC_OFFICER, Classification.CONFIDENTIAL, ""),
            ("auditor.dpo", Role.AUDITOR, Classification.OFFICIAL_USE, "")]:
        _user(uname, gs, role, clearance, nationality=nationality)
        accounts.append(DemoAccount(uname, "GS", role, f"nationality {nationality}" if nationality else ""))
    unsc, _ = Organisation.objects.get_or_create(
        code="UN-SC", defaults={"kind": OrgKind.INTERNATIONAL_BODY, "name": "United Nations Security Council"})
    _user("officer.unsc", unsc, Role.INTL_BODY_OFFICER, Classification.RESTRICTED)
    accounts.append(DemoAccount("officer.unsc", "UN-SC", Role.INTL_BODY_OFFICER, "an authorised international body"))
    border = Organisation.objects.get(code="FR-PAF")
    _user("gate.cdg", border, Role.FRONTLINE_SYSTEM, Classification.OFFICIAL_USE, is_machine=True)
    accounts.append(DemoAccount("gate.cdg", "FR-PAF", Role.FRONTLINE_SYSTEM, "machine client: use its API token"))
    return accounts


def create_traffic(seed: int = 2026, count: int = 300) -> int:
    """Send ``count`` messages through the messaging services, with replies, forwards and overdue urgent ones."""
    rng = random.Random(seed)
    officers = {c: Actor.of(User.objects.get(username=f"officer.{c.lower()}")) for c in COUNTRIES}
    agents = [Actor.of(u) for u in User.objects.filter(role=Role.AGENCY_OFFICER).order_by("username")]
    member_codes = list(Organisation.objects.filter(kind=OrgKind.NCB).order_by("country_id").values_list("country_id", flat=True))
    sent: list[tuple[Message, str]] = []
    overdue_ids: list[int] = []
    for i in range(count):
        sender_code = rng.choice(list(COUNTRIES))
        actor = officers[sender_code]
        lang = COUNTRIES[sender_code]
        crime = rng.choice(list(CRIMES[lang]))
        subject, body = rng.choice(TEXTS[lang])
        ref = f"{sender_code}-{2026}-{1000 + i}"
        roll = rng.random()
        if roll < 0.05:
            recipients = ["ALL"]
        elif roll < 0.12:
            recipients = [f"REGION:{rng.choice(['europe', 'africa', 'americas', 'mena', 'asia_south_pacific'])}"]
        elif roll < 0.2:
            recipients = ["GS"]
        else:
            others = [c for c in COUNTRIES if c != sender_code]
            recipients = rng.sample(others, k=rng.choice([1, 1, 1, 2, 3]))
            if rng.random() < 0.2:
                recipients.append(rng.choice(member_codes))
            recipients = [r for r in recipients if r != sender_code] or [others[0]]
        priority = rng.choices(["routine", "urgent", "immediate"], weights=[70, 22, 8])[0]
        draft = services.Draft(
            subject=subject.format(ref=ref, crime=CRIMES[lang][crime]), body=body.format(ref=ref, crime=CRIMES[lang][crime]),
            recipients=recipients, language=None if rng.random() < 0.5 else lang, priority=priority,
            crime_area=crime, classification=rng.choice([1, 1, 2]), case_reference=ref,
        )
        msg = services.send_message(actor, draft, idempotency_key=f"demo-{seed}-{i}").message
        sent.append((msg, sender_code))
        if priority != "routine" and rng.random() < 0.35:
            overdue_ids.append(msg.pk)

    # Replies from a recipient, in its own language.
    for msg, _sender in rng.sample(sent, k=min(len(sent) // 3, len(sent))):
        dest = msg.deliveries.filter(recipient_org__country_id__in=list(COUNTRIES)).select_related("recipient_org").first()
        if dest is None:
            continue
        code = str(dest.recipient_org.country_id)
        replier = officers[code]
        services.read_message(replier, msg.pk)
        if msg.pk not in overdue_ids:
            services.acknowledge(replier, msg.pk)
        services.reply_message(replier, msg.pk, services.Draft(subject="", body=REPLIES[COUNTRIES[code]], recipients=[]),
                               idempotency_key=f"demo-{seed}-reply-{msg.pk}")

    # Agencies ask their NCB; the NCB forwards abroad, keeping the chain.
    for j, agent in enumerate(agents):
        home = str(agent.country)
        lang = COUNTRIES[home]
        subject, body = TEXTS[lang][j % 3]
        crime = list(CRIMES[lang])[j % 6]
        asked = services.send_message(agent, services.Draft(
            subject=subject.format(ref=f"AG-{j}", crime=CRIMES[lang][crime]),
            body=body.format(ref=f"AG-{j}", crime=CRIMES[lang][crime]), recipients=[f"NCB:{agent.country}"],
            crime_area=crime, priority="urgent"), idempotency_key=f"demo-{seed}-agency-{j}").message
        ncb_officer = officers[home]
        services.acknowledge(ncb_officer, asked.pk)
        abroad = [c for c in COUNTRIES if c != agent.country][j % (len(COUNTRIES) - 1)]
        services.forward_message(ncb_officer, asked.pk, [f"NCB:{abroad}"],
                                 note="Forwarded on behalf of a national agency.", idempotency_key=f"demo-{seed}-fw-{j}")

    # Make some urgent traffic overdue, as if sent hours ago and never acknowledged.
    past = timezone.now() - timedelta(hours=3)
    for mid in overdue_ids:
        Message.objects.filter(pk=mid).update(created_at=past)
        for d in Delivery.objects.filter(message_id=mid):
            seconds = settings.ACK_DEADLINE_SECONDS.get(d.priority, 3600)
            Delivery.objects.filter(pk=d.pk).update(delivered_at=past, ack_due_at=past + timedelta(seconds=seconds))
    return Message.objects.count()


def create_frontline_token(days: int = 365) -> str:
    return issue_token(User.objects.get(username="gate.cdg"), "demo border gate", days=days).plaintext
