"""ncbnet settings: the one place configuration is read, all of it from the environment.

Environment variables (see docs/operations.md):
  DATABASE_URL            PostgreSQL in production (postgres://user@host:5432/name); unset = embedded SQLite
  NCBNET_DATA_DIR         where SQLite, attachments and the generated secret key live (default ./var)
  NCBNET_SECRET_KEY       Django secret key; generated into NCBNET_DATA_DIR when unset
  NCBNET_DEMO             "1" for demo mode (second factor optional, demo accounts)
  NCBNET_DEBUG            "1" for Django debug pages (never in production)
  NCBNET_ALLOWED_HOSTS    comma-separated host names
  NCBNET_ACK_URGENT_SECONDS, NCBNET_ACK_IMMEDIATE_SECONDS   acknowledgement deadlines
  NCBNET_ATTACHMENT_MAX_BYTES   per-attachment size limit
  NCBNET_HIT_THRESHOLD    score (0 to 1) at or above which a result on another country's record raises a hit
  NCBNET_HIT_ANSWER_SECONDS, NCBNET_HIT_ANSWER_URGENT_SECONDS   the owner's deadline to confirm a hit
  NCBNET_PORTAL_IDLE_SECONDS   portal: a session without activity this long ends (default 1800)
  NCBNET_PUBLIC_RATE_LIMIT   public site and API: requests a minute per client address, per process (0: no limit)
  NCBNET_PUBLIC_CACHE_SECONDS   public answers: Cache-Control max-age
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("NCBNET_DATA_DIR", BASE_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """The key comes from the environment; failing that, from a file generated once beside the data."""
    if key := os.environ.get("NCBNET_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_flag("NCBNET_DEBUG")
DEMO_MODE = _env_flag("NCBNET_DEMO")
ALLOWED_HOSTS = [h for h in os.environ.get("NCBNET_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",
    "ncbnet.members",
    "ncbnet.access",
    "ncbnet.audit",
    "ncbnet.messaging",
    "ncbnet.records",
    "ncbnet.hits",
    "ncbnet.notices",
    "ncbnet.public",
    "ncbnet.portal",
    "ncbnet.api",
    "ncbnet.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ncbnet.audit.context.AuditContextMiddleware",
    "ncbnet.api.problems.NulRefusalMiddleware",  # inside the audit context, as the next: its refusals are audited
    "ncbnet.api.problems.ApiProblemsMiddleware",  # inside the audit context: its refusals are audited with it
]

ROOT_URLCONF = "ncbnet.urls"
WSGI_APPLICATION = "ncbnet.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

SQLITE_PATH = DATA_DIR / "ncbnet.sqlite3"
PG_PREPARED = False  # see below
# Server processes keep API tokens' actors until PostgreSQL notifies a change (ncbnet/members/actor_cache.py).
# Off behind a pooler in transaction mode, whose connections do not keep a LISTEN.
ACTOR_CACHE = _env_flag("NCBNET_ACTOR_CACHE", default=True)
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
    if "postgresql" in DATABASES["default"]["ENGINE"] and _env_flag("NCBNET_PG_PREPARED", default=True):
        # The server binds the parameters; the few hot writes that ask for it (ncbnet/prepared.py) are prepared
        # once per connection and skip parsing and planning. Nothing else is prepared: a plan made once for any
        # value chose to walk a million messages for a word a GIN index finds in a few (mailbox search 40 ms ->
        # 1.1 s), and an unnamed statement is always planned for its own values. Off behind a pooler in
        # transaction mode (PgBouncer before 1.21), which cannot keep a prepared statement with its session.
        # (psycopg prepares nothing at all when prepare_threshold is None, not even on request: a threshold no
        # connection reaches in its CONN_MAX_AGE leaves preparing to the statements that ask.)
        DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=2**31)
        # Those statements are planned once, for any values (their plans do not depend on them): left to choose,
        # PostgreSQL planned the identifier look-up that also audits a check that finds nothing (records.services.
        # searchable_or_audited) afresh at every execution, 0.3 ms of a 0.6 ms check, as its generic plan's estimate
        # counts the audit it mostly skips. Only prepared statements are affected; nothing else is prepared.
        options = DATABASES["default"]["OPTIONS"]
        options["options"] = f"{options.get('options', '')} -c plan_cache_mode=force_generic_plan".strip()
        PG_PREPARED = True
    # Long reads (the person index's build, the audit chain's verification) go through server-side cursors, chunk
    # by chunk. A pooler in transaction mode cannot keep a cursor between transactions: NCBNET_PG_SERVER_CURSORS=0.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = not _env_flag("NCBNET_PG_SERVER_CURSORS", default=True)
else:
    DATABASES = {
        "default": {
            "ENGINE": "ncbnet.sqlite",
            "NAME": str(SQLITE_PATH),
            "CONN_MAX_AGE": 60,
            "OPTIONS": {
                # WAL lets readers run beside the one writer; synchronous=FULL makes every commit
                # durable (a message acknowledged to its sender survives a power cut). Write transactions
                # flush their log after the writer gate instead (ncbnet/sqlite/base.py), as durably.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                    " PRAGMA busy_timeout=30000;"
                ),
                # Writers take the lock when the transaction starts, so two writers never deadlock
                # upgrading a read lock (SQLITE_BUSY_SNAPSHOT).
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
            },
            "TEST": {"NAME": str(DATA_DIR / "test.sqlite3")},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "members.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Second factor: required for every human login unless the server runs in demo mode.
OTP_REQUIRED = _env_flag("NCBNET_OTP_REQUIRED", default=not DEMO_MODE)
OTP_TOTP_ISSUER = "ncbnet"
LOGIN_MAX_FAILURES = int(os.environ.get("NCBNET_LOGIN_MAX_FAILURES", "5"))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("NCBNET_LOGIN_LOCKOUT_SECONDS", "900"))
API_TOKEN_DEFAULT_DAYS = int(os.environ.get("NCBNET_API_TOKEN_DAYS", "90"))

# Durable writes made at the same moment by threads of one process share a commit (ncbnet/groupcommit.py). On by
# default for SQLite, whose one writer at a time cannot otherwise share an fsync; off for PostgreSQL, where
# concurrent transactions already share WAL flushes and the audit trail's lanes let them append side by side.
GROUP_COMMIT = _env_flag("NCBNET_GROUP_COMMIT", default=not os.environ.get("DATABASE_URL"))

# Messaging
ACK_DEADLINE_SECONDS = {
    "urgent": int(os.environ.get("NCBNET_ACK_URGENT_SECONDS", "3600")),
    "immediate": int(os.environ.get("NCBNET_ACK_IMMEDIATE_SECONDS", "600")),
}
ATTACHMENT_MAX_BYTES = int(os.environ.get("NCBNET_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
ATTACHMENTS_PER_MESSAGE = 20
BLOB_ROOT = Path(os.environ.get("NCBNET_BLOB_ROOT", DATA_DIR / "blobs"))
DATA_UPLOAD_MAX_MEMORY_SIZE = ATTACHMENTS_PER_MESSAGE * ATTACHMENT_MAX_BYTES * 4 // 3 + 1024 * 1024

# Databases, search and hits
HIT_THRESHOLD = float(os.environ.get("NCBNET_HIT_THRESHOLD", "0.85"))
HIT_ANSWER_SECONDS = int(os.environ.get("NCBNET_HIT_ANSWER_SECONDS", str(24 * 3600)))
HIT_ANSWER_URGENT_SECONDS = int(os.environ.get("NCBNET_HIT_ANSWER_URGENT_SECONDS", "900"))
SEARCH_BATCH_MAX = 1000

# The officers' portal (docs/portal.md): a session left without activity this long ends
PORTAL_IDLE_SECONDS = int(os.environ.get("NCBNET_PORTAL_IDLE_SECONDS", str(30 * 60)))
LOGIN_URL = "/portal/sign-in/"

# The public site and the public notices API (docs/public.md)
PUBLIC_RATE_LIMIT = int(os.environ.get("NCBNET_PUBLIC_RATE_LIMIT", "600"))
PUBLIC_CACHE_SECONDS = int(os.environ.get("NCBNET_PUBLIC_CACHE_SECONDS", "60"))

LANGUAGE_CODE = "en"
LANGUAGES = [("ar", "العربية"), ("en", "English"), ("fr", "Français"), ("es", "Español")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_AGE = 12 * 3600  # one duty shift; the portal also ends a session idle for PORTAL_IDLE_SECONDS
CSRF_COOKIE_SAMESITE = "Strict"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("NCBNET_LOG_LEVEL", "WARNING")},
}
