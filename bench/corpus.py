"""A large, realistic mailbox for the messaging benchmark, loaded with bulk SQL (not the services).

Senders are officers of ~40 busy NCBs; most messages go to 1 to 3 NCBs, a few to ALL; text is in the
four working languages, drawn with Zipf weights from a domain vocabulary plus rare personal names and
place names, so that a full-text search has the selectivity of real traffic: a few words in most
messages, many in some, names in a handful.
"""

from __future__ import annotations

import importlib
import io
import json
import os
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate

from django.contrib.auth.hashers import make_password
from django.db import connection

from ncbnet.access.levels import Classification, Role
from ncbnet.members.models import Organisation, OrgKind, User

LANGUAGE_SHARE = {"en": 0.45, "fr": 0.2, "es": 0.2, "ar": 0.15}

VOCABULARY = {
    "en": """information request suspect investigation police please records border passport wanted fugitive
        person travelled country reply urgent vehicle stolen identity fraud drugs trafficking cocaine heroin
        firearms weapons terrorism missing child victim warrant arrest extradition money laundering bank account
        cybercrime ransomware network organised crime group smuggling migrants container port airport flight
        fingerprints photograph description nationality alias address telephone evidence court prosecutor
        confirmation check databases notice diffusion cooperation liaison officer agency investigators
        surveillance seizure shipment customs forged document counterfeit artwork painting museum theft
        stolen license plate chassis number sexual exploitation hostage kidnapping homicide murder robbery
        burglary cartel informant witness testimony interpol bureau assistance""",
    "fr": """renseignements demande suspect enquête police merci fichiers frontière passeport recherché fugitif
        individu séjourné pays réponse urgent véhicule volé identité fraude stupéfiants trafic cocaïne héroïne
        armes terrorisme disparition mineur victime mandat arrêt extradition blanchiment argent banque compte
        cybercriminalité rançongiciel réseau criminalité organisée groupe passeurs migrants conteneur port
        aéroport vol empreintes photographie signalement nationalité alias adresse téléphone preuves tribunal
        procureur confirmation vérification bases notice diffusion coopération officier liaison service
        enquêteurs surveillance saisie cargaison douane faux document contrefaçon œuvre tableau musée
        immatriculation châssis exploitation sexuelle otage enlèvement homicide meurtre braquage cambriolage
        cartel informateur témoin témoignage bureau assistance""",
    "es": """información solicitud sospechoso investigación policía gracias registros frontera pasaporte buscado
        prófugo persona viajó país respuesta urgente vehículo robado identidad fraude drogas tráfico cocaína
        heroína armas terrorismo desaparición menor víctima orden detención extradición blanqueo dinero banco
        cuenta ciberdelincuencia secuestro red crimen organizado grupo contrabando migrantes contenedor puerto
        aeropuerto vuelo huellas fotografía descripción nacionalidad alias dirección teléfono pruebas tribunal
        fiscal confirmación verificación bases notificación difusión cooperación oficial enlace agencia
        investigadores vigilancia incautación cargamento aduana falsificado documento obra cuadro museo
        matrícula chasis explotación sexual rehén homicidio asesinato atraco robo cártel informante testigo
        testimonio oficina asistencia""",
    "ar": """معلومات طلب مشتبه تحقيق الشرطة الرجاء السجلات الحدود جواز مطلوب هارب شخص سافر البلد الرد عاجل
        مركبة مسروقة هوية احتيال مخدرات الاتجار كوكايين هيروين أسلحة إرهاب اختفاء قاصر ضحية مذكرة توقيف
        تسليم غسل الأموال مصرف حساب الجرائم الإلكترونية شبكة الجريمة المنظمة مجموعة تهريب المهاجرين حاوية
        ميناء مطار رحلة بصمات صورة أوصاف الجنسية اسم مستعار عنوان هاتف أدلة المحكمة النيابة تأكيد التحقق
        قواعد البيانات نشرة تعميم تعاون ضابط اتصال جهاز المحققين مراقبة ضبط شحنة الجمارك مزور وثيقة
        تزييف عمل فني لوحة متحف لوحة الترخيص رقم الهيكل استغلال جنسي رهينة اختطاف قتل سطو سرقة كارتل
        مخبر شاهد شهادة المكتب مساعدة""",
}
FUNCTION_WORDS = {
    "en": "the of and to in a is that for on was with as by from at this we our your has been have".split(),
    "fr": "le la les de des du et à en un une est que pour sur dans par avec au nous notre votre a été".split(),
    "es": "el la los las de del y a en un una es que para por con se al nuestro su ha sido fue".split(),
    "ar": "في من إلى على أن عن هذا هذه التي الذي مع قد كان تم وقد لدى بعد قبل".split(),
}
CITIES = """Paris Lyon Marseille Madrid Barcelona Sevilla Cairo Alexandria Casablanca Rabat Dubai Nairobi Mombasa
    London Manchester Berlin Hamburg Munich Rome Milan Naples Lisbon Porto Brussels Antwerp Amsterdam Rotterdam
    Vienna Prague Warsaw Krakow Budapest Bucharest Sofia Athens Istanbul Ankara Moscow Kyiv Tbilisi Baku Tehran
    Karachi Lahore Delhi Mumbai Dhaka Colombo Bangkok Manila Jakarta Singapore Sydney Auckland Tokyo Seoul
    Beijing Shanghai Lagos Abuja Accra Dakar Abidjan Kinshasa Luanda Johannesburg Bogota Medellin Lima Quito
    Caracas Santiago Montevideo Asuncion Panama Havana Miami Houston Chicago Toronto Montreal Vancouver""".split()
LATIN_SYLLABLES = "ka lo mi ran sev dor tu bel zan fi nor gu vel ost rik ma ne lu dra sko pet ani jo ha ber mun".split()
ARABIC_SYLLABLES = "سا مي لو كر دا ني حم رب فا طو جا زي عب نو قا شر".split()
NAMES = 40_000

# Search terms: (query, how common). Rare ones are personal names from the corpus.
COMMON_QUERIES = ["suspect", "passport stolen", "enquête", "fichiers frontière", "sospechoso", "pasaporte robado",
                  "مشتبه", "جواز مزور", "cocaine", "blanchiment", "extradición", "إرهاب"]


def _zipf(n: int, s: float = 1.0) -> list[float]:
    return list(accumulate(1.0 / (rank + 1) ** s for rank in range(n)))


@dataclass
class Cast:
    """Who sends and who receives: officer users of the busy NCBs, and every NCB's organisation id."""

    ncb_ids: dict[str, int]
    active: list[str]
    officers: dict[str, list[int]] = field(default_factory=dict)


def create_cast(active_count: int = 40, officers_per_ncb: int = 2) -> Cast:
    ncbs = dict(Organisation.objects.filter(kind=OrgKind.NCB).values_list("country_id", "pk"))
    # Busiest first: these get the Zipf head of the traffic.
    preferred = ["FR", "US", "DE", "GB", "ES", "IT", "MX", "AR", "BR", "EG", "MA", "AE", "KE", "NG", "ZA", "IN",
                 "CN", "JP", "RU", "TR", "NL", "BE", "CH", "PL", "CO", "PE", "CL", "SA", "DZ", "TN", "PK", "ID",
                 "AU", "CA", "PT", "GR", "RO", "UA", "TH", "PH"]
    active = [c for c in preferred if c in ncbs][:active_count]
    password = make_password(None)
    users = [
        User(username=f"bench-{c.lower()}-{i}", password=password, organisation_id=ncbs[c], role=Role.NCB_OFFICER,
             clearance=Classification.RESTRICTED)
        for c in active for i in range(officers_per_ncb)
    ]
    User.objects.bulk_create(users)
    return existing_cast()


def existing_cast() -> Cast:
    """The cast of a database loaded before (for --reuse)."""
    cast = Cast(dict(Organisation.objects.filter(kind=OrgKind.NCB).values_list("country_id", "pk")), [])
    for pk, username in User.objects.filter(username__startswith="bench-").order_by("pk").values_list("pk", "username"):
        country = username.split("-")[1].upper()
        if country not in cast.officers:
            cast.active.append(country)
        cast.officers.setdefault(country, []).append(pk)
    return cast


class TextMaker:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.words = {lang: text.split() for lang, text in VOCABULARY.items()}
        self.weights = {lang: _zipf(len(w), 0.9) for lang, w in self.words.items()}
        self.city_weights = _zipf(len(CITIES), 0.7)
        self.latin_names = [self._name(LATIN_SYLLABLES, str.capitalize) for _ in range(NAMES)]
        self.arabic_names = [self._name(ARABIC_SYLLABLES, str) for _ in range(NAMES // 4)]

    def _name(self, syllables: list[str], case) -> str:
        return case("".join(self.rng.choices(syllables, k=self.rng.randint(3, 4))))

    def rare_names(self, count: int) -> list[str]:
        return self.rng.sample(self.latin_names, count) + self.rng.sample(self.arabic_names, max(1, count // 3))

    def message(self, lang: str) -> tuple[str, str]:
        r = self.rng
        words, weights = self.words[lang], self.weights[lang]
        names = self.arabic_names if lang == "ar" and r.random() < 0.6 else self.latin_names
        subject = " ".join(r.choices(words, cum_weights=weights, k=r.randint(3, 7)))
        body = r.choices(words, cum_weights=weights, k=r.randint(12, 30))
        body += r.choices(FUNCTION_WORDS[lang], k=r.randint(8, 16))
        body += r.choices(names, k=r.randint(1, 2))
        body += r.choices(CITIES, cum_weights=self.city_weights, k=1)
        r.shuffle(body)
        return subject, " ".join(body) + "."


@dataclass
class LoadReport:
    messages: int
    deliveries: int
    seconds: float


MESSAGE_COLUMNS = (
    "id", "restriction_mode", "restricted_countries", "agencies_may_view", "classification", "addressed_to",
    "subject", "body", "language", "language_detected", "priority", "crime_area", "case_reference", "chain",
    "idempotency_key", "request_fingerprint", "created_at", "author_id", "forwarded_from_id", "owner_country_id",
    "reply_to_id", "sender_org_id", "thread_root_id",
)
DELIVERY_COLUMNS = (
    "id", "message_id", "recipient_org_id", "crime_area", "priority", "delivered_at", "read_at", "read_by_id",
    "acknowledged_at", "acknowledged_by_id", "ack_due_at",
)
CRIME_AREAS = ["fugitives", "missing_persons", "terrorism", "drugs", "cybercrime", "human_trafficking",
               "financial_crime", "firearms", "vehicles", "works_of_art", "other"]


def generate(cast: Cast, count: int, seed: int = 20260101):
    """Yield (message row, delivery rows) for ``count`` messages, oldest first, spread over three years."""
    rng = random.Random(seed)
    text = TextMaker(rng)
    langs, lang_weights = list(LANGUAGE_SHARE), list(accumulate(LANGUAGE_SHARE.values()))
    active_weights = _zipf(len(cast.active), 0.8)
    all_codes = sorted(cast.ncb_ids)
    end = datetime.now(UTC) - timedelta(hours=1)
    start = end - timedelta(days=3 * 365)
    step = (end - start) / max(count, 1)
    delivery_id = 0
    for i in range(1, count + 1):
        created = start + step * i
        sender = rng.choices(cast.active, cum_weights=active_weights)[0]
        broadcast = rng.random() < 0.003
        if broadcast:
            recipients = [c for c in all_codes if c != sender]
            addressed = ["ALL"]
        else:
            n = rng.choices((1, 2, 3), cum_weights=(0.7, 0.9, 1.0))[0]
            chosen: set[str] = set()
            while len(chosen) < n:
                c = rng.choices(cast.active, cum_weights=active_weights)[0] if rng.random() < 0.75 else rng.choice(all_codes)
                if c != sender:
                    chosen.add(c)
            recipients = sorted(chosen)
            addressed = [f"NCB:{c}" for c in recipients]
        mode, listed = "none", ""
        roll = rng.random()
        if not broadcast and roll < 0.03:
            mode, listed = "allow", "," + ",".join(recipients) + ","
        elif not broadcast and roll < 0.06:
            others = [c for c in rng.sample(all_codes, 3) if c not in recipients and c != sender]
            if others:
                mode, listed = "deny", "," + ",".join(sorted(others)) + ","
        classification = rng.choices((1, 2, 3), cum_weights=(0.85, 0.98, 1.0))[0]
        priority = rng.choices(("routine", "urgent", "immediate"), cum_weights=(0.9, 0.98, 1.0))[0]
        crime_area = rng.choice(CRIME_AREAS)
        lang = rng.choices(langs, cum_weights=lang_weights)[0]
        subject, body = text.message(lang)
        reference = f"{sender}/{created.year}/{i}" if rng.random() < 0.3 else ""
        message = (
            i, mode, listed, True, classification, json.dumps(addressed), subject, body, lang, False, priority,
            crime_area, reference, "[]", None, "", created, rng.choice(cast.officers[sender]), None, sender, None,
            cast.ncb_ids[sender], None,
        )
        due = created + timedelta(seconds=3600 if priority == "urgent" else 600) if priority != "routine" else None
        recent = i > count * 0.98
        deliveries = []
        for c in recipients:
            delivery_id += 1
            read = None if recent and rng.random() < 0.5 else created + timedelta(minutes=rng.randint(1, 600))
            acked = read if due is not None and read is not None and rng.random() < 0.97 else None
            deliveries.append(
                (delivery_id, i, cast.ncb_ids[c], crime_area, priority, created, read, None, acked, None, due)
            )
        yield message, deliveries


def _sqlite_time(value: datetime | None) -> str | None:
    """As Django stores an aware datetime in SQLite: naive UTC text."""
    return value.replace(tzinfo=None).isoformat(" ") if value is not None else None


def _sqlite_load(cast: Cast, count: int, batch: int, progress) -> int:
    fts = importlib.import_module("ncbnet.messaging.migrations.0002_fulltext")
    cur = connection.cursor()
    cur.execute("PRAGMA synchronous=OFF")
    cur.execute("PRAGMA cache_size=-1000000")
    for name in ("messaging_message_fts_ai", "messaging_message_fts_ad", "messaging_message_fts_au"):
        cur.execute(f"DROP TRIGGER {name}")
    msg_sql = (f"INSERT INTO messaging_message ({', '.join(MESSAGE_COLUMNS)}) "
               f"VALUES ({', '.join('?' * len(MESSAGE_COLUMNS))})")
    del_sql = (f"INSERT INTO messaging_delivery ({', '.join(DELIVERY_COLUMNS)}) "
               f"VALUES ({', '.join('?' * len(DELIVERY_COLUMNS))})")
    raw = connection.connection  # the sqlite3 connection: executemany without Django's per-row adaptation
    messages, deliveries, total = [], [], 0

    def flush():
        raw.execute("BEGIN")
        raw.executemany(msg_sql, [(*m[:16], _sqlite_time(m[16]), *m[17:]) for m in messages])
        raw.executemany(del_sql, [
            (*d[:5], _sqlite_time(d[5]), _sqlite_time(d[6]), d[7], _sqlite_time(d[8]), d[9], _sqlite_time(d[10]))
            for d in deliveries])
        raw.execute("COMMIT")
        messages.clear()
        deliveries.clear()

    for m, ds in generate(cast, count):
        messages.append(m)
        deliveries.extend(ds)
        total += len(ds)
        if len(messages) >= batch:
            flush()
            if m[0] % (10 * batch) == 0:
                progress(m[0], total)
    flush()
    progress("full-text index", total)
    raw.execute("BEGIN")
    raw.execute("INSERT INTO messaging_message_fts(messaging_message_fts) VALUES('rebuild')")
    # 'rebuild' leaves the index in many segments, which FTS5's automerge then folds together a step at a time inside
    # later inserts: a 25 ms step every ~50 sends until it is done. One segment now, as a steady state would have it.
    raw.execute("INSERT INTO messaging_message_fts(messaging_message_fts) VALUES('optimize')")
    for sql in fts.SQLITE[1:]:  # the triggers, exactly as the migration creates them
        raw.execute(sql)
    raw.execute("COMMIT")
    progress("analyze", total)
    cur.execute("ANALYZE")
    cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # The load ran with synchronous=OFF, so the checkpoint left a gigabyte of the file in the OS's dirty pages: the
    # kernel wrote them back during the timed sends, whose fsyncs waited behind it (a 25 ms stall every 50 sends,
    # 716/s instead of 1,086/s). On disk now, as PostgreSQL's CHECKPOINT does for its half.
    os.sync()
    return total


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    s = str(value)
    if "\\" in s or "\t" in s or "\n" in s or "\r" in s:
        s = s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return s


def _postgres_load(cast: Cast, count: int, batch: int, progress) -> int:
    fts = importlib.import_module("ncbnet.messaging.migrations.0002_fulltext")
    cur = connection.cursor()
    cur.execute("SET synchronous_commit = off")
    cur.execute("SET session_replication_role = replica")  # skip per-row foreign-key triggers while loading
    cur.execute("SET maintenance_work_mem = '512MB'")
    cur.execute("DROP INDEX messaging_message_search_tsv")  # built once at the end: far faster than per row
    raw = cur.cursor  # the psycopg cursor, for COPY
    total = 0
    msg_buf, del_buf = io.StringIO(), io.StringIO()

    def flush():
        for table, cols, buf in (("messaging_message", MESSAGE_COLUMNS, msg_buf),
                                 ("messaging_delivery", DELIVERY_COLUMNS, del_buf)):
            with raw.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                copy.write(buf.getvalue())
            buf.seek(0)
            buf.truncate()

    n = 0
    for m, ds in generate(cast, count):
        msg_buf.write("\t".join(map(_copy_text, m)) + "\n")
        for d in ds:
            del_buf.write("\t".join(map(_copy_text, d)) + "\n")
        total += len(ds)
        n += 1
        if n % batch == 0:
            flush()
            if n % (10 * batch) == 0:
                progress(m[0], total)
    flush()
    cur.execute("SET session_replication_role = origin")
    progress("full-text index", total)
    cur.execute(fts.POSTGRES[1])
    for table in ("messaging_message", "messaging_delivery"):
        cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    progress("vacuum analyze", total)
    cur.execute("VACUUM (ANALYZE) messaging_message")
    cur.execute("VACUUM (ANALYZE) messaging_delivery")
    cur.execute("CHECKPOINT")  # the load's pages on disk now, as the SQLite half's wal_checkpoint does
    return total


def load(cast: Cast, count: int, batch: int = 10_000, log=print) -> LoadReport:
    began = time.perf_counter()

    def progress(at, deliveries):
        log(f"  loaded {at} ... {deliveries:,} deliveries, {time.perf_counter() - began:.0f} s")

    loader = _postgres_load if connection.vendor == "postgresql" else _sqlite_load
    deliveries = loader(cast, count, batch, progress)
    connection.close()  # the next connection starts with the production settings (synchronous=FULL)
    return LoadReport(count, deliveries, time.perf_counter() - began)
