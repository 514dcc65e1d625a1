"""The screening list as first installed (migration ``notices/0002``); the General Secretariat maintains it after
that through the API (``/api/v1/notices/screening-terms``), so this module is only the starting point.

Sources of the categories: the organisation's rules on the processing of data (a Red Notice is for a serious
ordinary-law crime; not for offences that originate in private disputes, administrative offences, or behaviour
that is lawful in many member countries) and the neutrality rule (no intervention in matters of a political,
military, religious or racial character). Excluded offences make screening refuse; signals only flag the request
for the reviewers (two of them must then approve): screening never decides alone on character.
"""

from __future__ import annotations

# (list, category, language, term). Terms are matched as whole words after folding (see notices.screening).
EXCLUDED: dict[str, dict[str, tuple[str, ...]]] = {
    "private_dispute": {
        "en": ("private dispute", "breach of contract", "civil debt", "unpaid debt", "commercial dispute",
               "family dispute", "inheritance dispute"),
        "fr": ("litige privé", "rupture de contrat", "dette civile", "dette impayée", "litige commercial",
               "différend familial", "litige successoral"),
        "es": ("disputa privada", "incumplimiento de contrato", "deuda civil", "deuda impagada", "disputa comercial",
               "disputa familiar", "disputa de herencia"),
        "ar": ("نزاع خاص", "خرق العقد", "دين مدني", "دين غير مسدد", "نزاع تجاري", "نزاع عائلي", "نزاع على الميراث"),
    },
    "administrative": {
        "en": ("administrative offence", "traffic violation", "traffic offence", "parking offence",
               "failure to pay a fine", "customs formality", "breach of residence rules"),
        "fr": ("infraction administrative", "contravention routière", "infraction au code de la route",
               "infraction de stationnement", "amende impayée", "formalité douanière"),
        "es": ("infracción administrativa", "infracción de tráfico", "infracción de estacionamiento",
               "multa impagada", "formalidad aduanera"),
        "ar": ("مخالفة إدارية", "مخالفة مرورية", "مخالفة وقوف", "غرامة غير مدفوعة", "إجراء جمركي"),
    },
    "lawful_elsewhere": {
        "en": ("adultery", "homosexuality", "same-sex relations", "abortion", "consumption of alcohol",
               "illegitimate relationship", "cross-dressing", "sorcery", "witchcraft"),
        "fr": ("adultère", "homosexualité", "relations homosexuelles", "avortement", "consommation d'alcool",
               "relation illégitime", "sorcellerie"),
        "es": ("adulterio", "homosexualidad", "relaciones homosexuales", "aborto", "consumo de alcohol",
               "relación ilegítima", "brujería"),
        "ar": ("زنا", "مثلية", "المثلية الجنسية", "إجهاض", "شرب الخمر", "تعاطي الكحول", "علاقة غير شرعية", "سحر",
               "شعوذة"),
    },
}

SIGNALS: dict[str, dict[str, tuple[str, ...]]] = {
    "political": {
        "en": ("insulting the head of state", "insulting the president", "insulting the king", "lese-majesty",
               "lèse-majesté", "sedition", "subversion", "opposition party", "unauthorised demonstration",
               "unauthorized demonstration", "political activity", "defamation of the state", "undermining the state"),
        "fr": ("offense au chef de l'état", "outrage au président", "lèse-majesté", "sédition", "subversion",
               "parti d'opposition", "manifestation non autorisée", "activité politique", "atteinte à la sûreté de l'état"),
        "es": ("injurias al jefe de estado", "ultraje al presidente", "lesa majestad", "sedición", "subversión",
               "partido de oposición", "manifestación no autorizada", "actividad política", "desacato"),
        "ar": ("إهانة رئيس الدولة", "إهانة الرئيس", "العيب في الذات الملكية", "إثارة الفتنة", "التحريض على النظام",
               "حزب معارض", "مظاهرة غير مرخصة", "نشاط سياسي", "تقويض الدولة"),
    },
    "military": {
        "en": ("espionage", "desertion", "treason", "high treason", "military secrets", "draft evasion",
               "conscientious objection", "insubordination"),
        "fr": ("espionnage", "désertion", "trahison", "haute trahison", "secret militaire", "secrets militaires",
               "insoumission", "objection de conscience"),
        "es": ("espionaje", "deserción", "traición", "alta traición", "secretos militares", "evasión del servicio militar",
               "objeción de conciencia", "insubordinación"),
        "ar": ("تجسس", "التجسس", "فرار من الخدمة العسكرية", "الفرار من الجندية", "خيانة", "الخيانة العظمى",
               "أسرار عسكرية", "التهرب من التجنيد"),
    },
    "religious": {
        "en": ("blasphemy", "apostasy", "heresy", "proselytism", "insulting religion", "defamation of religion"),
        "fr": ("blasphème", "apostasie", "hérésie", "prosélytisme", "outrage à la religion", "offense à la religion"),
        "es": ("blasfemia", "apostasía", "herejía", "proselitismo", "ofensa a la religión", "ultraje a la religión"),
        "ar": ("تجديف", "ازدراء الأديان", "ردة", "الردة", "هرطقة", "تبشير", "الإساءة إلى الدين"),
    },
    "racial": {
        "en": ("ethnic origin", "ethnic minority", "racial origin", "belonging to the tribe", "member of the ethnic group"),
        "fr": ("origine ethnique", "minorité ethnique", "origine raciale", "appartenance ethnique"),
        "es": ("origen étnico", "minoría étnica", "origen racial", "pertenencia étnica"),
        "ar": ("أصل عرقي", "أقلية عرقية", "أصل عنصري", "انتماء قبلي", "انتماء عرقي"),
    },
}


def default_terms() -> list[tuple[str, str, str, str]]:
    rows = []
    for term_list, table in (("excluded", EXCLUDED), ("signal", SIGNALS)):
        for category, by_language in table.items():
            for language, terms in by_language.items():
                rows += [(term_list, category, language, t) for t in terms]
    return rows
