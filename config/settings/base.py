"""WIR-Portal settings. Everything comes from the environment; defaults are safe for development.

Production sets DJANGO_DEBUG=0 (the default), SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
# Development gets a fixed, clearly unsafe key; production must set SECRET_KEY (checked below).
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "wirportal.accounts.apps.PortalAdminConfig",  # django.contrib.admin, portal login + TOTP
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_tables2",
    "django_filters",
    "django_htmx",
    "django_tasks_db",
    "ninja",  # its Swagger UI files from /static/ (no CDN; /api/docs, issue #12)
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # our apps, lowest layer first
    "wirportal.core",
    "wirportal.audit",
    "wirportal.notifications",
    "wirportal.documents",
    "wirportal.accounts",
    "wirportal.offices",
    "wirportal.events",
    "wirportal.opening",
    "wirportal.antidiscrimination",
    "wirportal.programmes",
    "wirportal.applications",
    "wirportal.reviews",
    "wirportal.decisions",
    "wirportal.payments",
    "wirportal.settlement",
    "wirportal.reports",
    "wirportal.opendata",
    "wirportal.dashboards",
    "wirportal.finder",
    "wirportal.partnership",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # outside CommonMiddleware, so that the 400 page for a bad host carries it too
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wirportal.core.middleware.ChosenLanguageMiddleware",
    "wirportal.core.middleware.StripNullBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "wirportal.core.middleware.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wirportal.core.middleware.MethodNotAllowedPageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wirportal.accounts.middleware.RequireStaffMFAMiddleware",
]
if os.environ.get("DATABASE_REPLICA_URL"):  # read your own writes (core.routers)
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.common.CommonMiddleware"),
        "wirportal.core.routers.ReplicaPinMiddleware",
    )

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wirportal.core.context_processors.portal",
                "wirportal.core.csrf.csrf",  # one masked token per request (core/csrf.py)
            ],
            "builtins": ["wirportal.core.templatetags.kern"],
        },
    }
]
FORM_RENDERER = "wirportal.core.forms.KernFormRenderer"

# --- Database: SQLite (WAL) by default, PostgreSQL through DATABASE_URL -------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "600"))  # persistent connections per worker
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=CONN_MAX_AGE)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "var" / "wirportal.sqlite3")),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
            },
            "CONN_MAX_AGE": CONN_MAX_AGE,
        }
    }
# Survive a database restart without an app restart (reliability brief T4).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A PostgreSQL read replica (streaming replication) for read-heavy pages that opt in
# (wirportal.core.routers: `replica_reads`); everything else, and every read a write depends on,
# stays on the primary. After a write a browser reads from the primary for
# WIR_REPLICA_PIN_SECONDS (read your own writes, ReplicaPinMiddleware).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
DATABASE_ROUTERS = ["wirportal.core.routers.ReplicaRouter"]
WIR_REPLICA_PIN_SECONDS = int(os.environ.get("WIR_REPLICA_PIN_SECONDS", "15"))
# Opted-in reads go to the replica only while this is on (WIR_REPLICA_READS=0: all on the primary,
# e.g. while the replica lags); the test settings keep it off (their "replica" is a mirror).
WIR_REPLICA_READS = bool(DATABASE_REPLICA_URL) and os.environ.get("WIR_REPLICA_READS", "1") != "0"
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=CONN_MAX_AGE),
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caches: Redis when REDIS_URL is set (production, several app servers), else embedded ----------
# "default": login throttling, worker beat, scheduler, sessions (cached_db) and the signed-in user
# (accounts.cache); "versions": the content tokens of the page cache (core.caching); "pages":
# rendered pages and fragments, each entry with the tokens it was rendered under. With Redis all
# three are shared by every worker and server. The embedded default needs no server: "default" is
# a table of the database (`manage.py createcachetable`), the tokens are rows of
# core.ContentVersion (one upsert per write) and the pages are kept per process.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    from config.release import code_fingerprint

    # Shared pages carry the release in their keys (config/release.py, core.caching._key): a
    # deployment never serves the HTML of the code before it.
    WIR_RELEASE = os.environ.get("WIR_RELEASE") or code_fingerprint(
        [BASE_DIR / "wirportal", BASE_DIR / "templates", BASE_DIR / "locale"]
    )
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"wir-{alias}",
        }
        for alias in ("default", "pages", "ratelimit")
    }
    # The content tokens share the pages' database and prefix, so that a page's tokens and its
    # entry come in one MGET (core.caching._lookup: a round trip less per cached page). The tokens
    # are the same for every release: during a rolling deployment both see every write.
    CACHES["versions"] = CACHES["pages"]
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "wirportal_cache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "wirportal-pages",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("WIR_PAGE_CACHE_ENTRIES", "2000"))},
        },
        # The API tokens' request counters (accounts.api_auth): counted in memory, not by a write
        # transaction per request in the database. Per process, so with N workers a token may
        # make up to N times its rate (ADR 0016, amendment 2); Redis (REDIS_URL) counts exactly.
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "wirportal-ratelimit",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }
# Upper bound for how long a cached page or fragment may be served (seconds).
WIR_PAGE_CACHE_TTL = int(os.environ.get("WIR_PAGE_CACHE_TTL", "300"))

# Events with e-mail confirmation (double opt-in): how long an unconfirmed registration holds its
# place (at most until the registration deadline); then the waiting list moves on (events.schedule).
WIR_EVENT_CONFIRMATION_HOURS = int(os.environ.get("WIR_EVENT_CONFIRMATION_HOURS", "24"))

# --- Accounts, allauth, MFA -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # Django's and allauth's backends, the user and permissions read through the cache
    "wirportal.accounts.backends.ModelBackend",
    "wirportal.accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboards:start"  # what waits for the person (issue #12)
ACCOUNT_LOGOUT_REDIRECT_URL = "core:home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ALLOW_REGISTRATION = env_bool("ACCOUNT_ALLOW_REGISTRATION", True)
ACCOUNT_ADAPTER = "wirportal.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_RATE_LIMITS = {
    # reliability brief T10: 6th wrong password within 5 minutes is refused
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "signup": "20/m/ip",
    # issue #9, events.throttle: public event registration per e-mail address (no mail bombing)
    # and per client network (IPv4 /24, IPv6 /64: nobody books out an event)
    "event_registration_email": "3/h/key,10/d/key",
    "event_registration_network": "30/h/key,200/d/key",
    # issue #16, antidiscrimination.throttle: reports and receipt-code attempts per client network
    # (keyed with SECRET_KEY and the date: no address reaches the cache)
    "antidiscrimination_report": "5/h/key,20/d/key",
    "antidiscrimination_code": "10/h/key,40/d/key",
}
# issue #14, accounts.api_auth: requests per personal API token and window (429 with Retry-After)
WIR_API_TOKEN_RATE = os.environ.get("WIR_API_TOKEN_RATE", "600/m")
# The login throttle counts per client address. Behind the TLS proxy (the production set-up, see
# README) every request comes from the proxy: the client is the last X-Forwarded-For entry, the one
# the proxy appended (earlier entries are whatever the client sent). TRUSTED_PROXY_COUNT is the
# number of proxies of ours in front of gunicorn: 1 by default in production, 0 for runserver.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0" if DEBUG else "1"))
# A proxy that puts the client address into a header of its own instead (e.g. X-Real-IP).
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[WIR-Portal] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "wirportal.accounts.adapters.MFAAdapter"
MFA_TOTP_ISSUER = "WIR-Portal"
# the activation code is spent like a login code (RFC 6238 § 5.2)
MFA_FORMS = {"activate_totp": "wirportal.accounts.forms.ActivateTOTPForm"}
# Staff roles must use TOTP. Production keeps this on; only a developer may switch it off locally.
WIR_REQUIRE_STAFF_MFA = env_bool("WIR_REQUIRE_STAFF_MFA", True)
PASSWORD_RESET_TIMEOUT = 60 * 60  # one hour

# Sessions in the database, read through the shared cache (written to both)
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 60 * 60 * 10  # absolute: one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "wirportal.core.views.csrf_failure"  # the portal's page, not Django's

# --- Security headers ------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],  # KERN icons are CSS masks with data: URLs
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # the load balancer's health check may ask over plain HTTP (it gets no redirect)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Internationalisation ------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("Deutsch")),
    ("en", _("English")),
    # the public finder's languages (issue #17, wirportal/finder/languages.py, ADR 0017); the
    # portal's own language switch offers German and English only
    ("de-ls", _("Leichte Sprache")),
    ("ar", _("Arabisch")),
    ("tr", _("Türkisch")),
    ("uk", _("Ukrainisch")),
    ("fa", _("Farsi / Dari")),
]
# Leichte Sprache is no language Django knows: its entry for get_language_info() (German in
# simple words; catalog locale/de_LS, falling back to German). Django's own table, extended.
LANG_INFO.setdefault(
    "de-ls",
    {
        "bidi": False,
        "code": "de-ls",
        "name": "German (Easy Language)",
        "name_local": "Leichte Sprache",
    },
)
# the lang attribute of a language whose Django code is no BCP 47 tag of its own (templates/base.html)
WIR_HTML_LANG = {"de-ls": "de-x-ls"}
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and times per language (German DIN 5008, British English, 24 hours), incl. named formats
FORMAT_MODULE_PATH = ["wirportal.core.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and media ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"


def object_storage(environ: Mapping[str, str]) -> dict[str, Any] | None:
    """The `default` storage on S3-compatible object storage when WIR_S3_BUCKET is set (ADR 0015).

    Several app servers then share the uploads without a shared disk. The bucket stays private:
    the portal never hands out a URL of it (`PrivateS3Storage.url` refuses), every download goes
    through the authorised views as on the local disk. Credentials: WIR_S3_ACCESS_KEY_ID and
    WIR_S3_SECRET_ACCESS_KEY, or when unset boto3's own chain (AWS_* variables, instance role).
    """
    bucket = environ.get("WIR_S3_BUCKET", "").strip()
    if not bucket:
        return None
    return {
        "BACKEND": "wirportal.documents.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": environ.get("WIR_S3_ENDPOINT_URL") or None,  # MinIO, Ceph, moto …
            "region_name": environ.get("WIR_S3_REGION") or None,
            "access_key": environ.get("WIR_S3_ACCESS_KEY_ID") or None,
            "secret_key": environ.get("WIR_S3_SECRET_ACCESS_KEY") or None,
            "location": environ.get("WIR_S3_PREFIX", "").strip("/"),  # key prefix in the bucket
            "addressing_style": environ.get("WIR_S3_ADDRESSING_STYLE") or None,  # "path" for MinIO
            "signature_version": "s3v4",
            "file_overwrite": False,  # as on the disk: a name is never written twice
            "default_acl": None,  # the bucket's own (private); no object is made public
            "querystring_auth": True,
            # a download is buffered in memory up to this size, beyond it in a temporary file
            "max_memory_size": 2 * 1024 * 1024,
        },
    }


STORAGES = {
    "default": object_storage(os.environ)
    or {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploaded files are never served directly: only through authorised download views. MEDIA_ROOT
# holds them unless object storage is configured (then the bucket does; operations.md says how
# its files are backed up, `manage.py backup` archives MEDIA_ROOT only).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/_private_media_not_served/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
WIR_UPLOAD_MAX_BYTES = int(os.environ.get("WIR_UPLOAD_MAX_BYTES", 20 * 1024 * 1024))
# ClamAV daemon socket (e.g. /run/clamav/clamd.ctl); required in production, uploads are refused
# when it is configured but unreachable. Empty: only the built-in signature checks run.
WIR_CLAMD_SOCKET = os.environ.get("WIR_CLAMD_SOCKET", "")
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750

# --- Mail (Django 6.1 MAILERS) -------------------------------------------------------------
_mail_backend = os.environ.get(
    "MAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": _mail_backend,
        "OPTIONS": (
            {
                "host": os.environ.get("MAIL_HOST", "localhost"),
                "port": int(os.environ.get("MAIL_PORT", "25")),
                "username": os.environ.get("MAIL_USER", ""),
                "password": os.environ.get("MAIL_PASSWORD", ""),
                "use_tls": env_bool("MAIL_USE_TLS", False),
            }
            if _mail_backend.endswith("smtp.EmailBackend")
            else {"file_path": str(BASE_DIR / "var" / "mail")}
            if _mail_backend.endswith("filebased.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "WIR-Portal <noreply@wir-portal.hessen.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks (django.tasks + django-tasks-db) --------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# `manage.py worker` records a beat after every task and every look at the queue. /healthz answers
# 503 when that beat is older than this, or when a ready task has waited longer than
# WIR_TASK_MAX_WAIT (such mails are also listed for staff as undelivered). Seconds.
WIR_WORKER_BEAT_MAX_AGE: int | None = int(os.environ.get("WIR_WORKER_BEAT_MAX_AGE", "300"))
WIR_TASK_MAX_WAIT: int | None = int(os.environ.get("WIR_TASK_MAX_WAIT", "600"))
# A failed mail is sent again by itself after WIR_MAIL_RETRY_PAUSE × 2^(n−1) seconds, up to
# WIR_MAIL_RETRY_ATTEMPTS attempts in all; then it waits for staff on the undelivered page.
WIR_MAIL_RETRY_PAUSE = int(os.environ.get("WIR_MAIL_RETRY_PAUSE", "300"))
WIR_MAIL_RETRY_ATTEMPTS = int(os.environ.get("WIR_MAIL_RETRY_ATTEMPTS", "5"))

# --- Logging: no personal data, UTC timestamps ---------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "pikepdf": {"level": "WARNING"},
        # Pillow logs an image's EXIF tags at DEBUG: a reporter's photo may name them (#16)
        "PIL": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Portal -------------------------------------------------------------------------------
WIR_OPERATOR = {
    "name": "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales",
    "unit": "Landesprogramm WIR",
    "street": "Sonnenberger Straße 2/2a",
    "city": "65193 Wiesbaden",
    "email": os.environ.get("WIR_CONTACT_EMAIL", "wir-portal@hessen.example"),
    "accessibility_email": os.environ.get(
        "WIR_A11Y_EMAIL", "barrierefreiheit@wir-portal.hessen.example"
    ),
}
# Absolute base for links in e-mails (self-service links, receipts).
WIR_SITE_URL = os.environ.get("WIR_SITE_URL", "http://127.0.0.1:8000")
NINJA_PAGINATION_PER_PAGE = 50
# § 41 Abs. 2 Satz 1 HVwVfG: a letter by post counts as bekanntgegeben on the third day after
# posting (the federal VwVfG says the fourth day since 2025; set 4 if Hessen follows).
WIR_BEKANNTGABE_POST_DAYS = int(os.environ.get("WIR_BEKANNTGABE_POST_DAYS", "3"))
# The paying authority's account: debtor of every SEPA payment run (pain.001). The default is
# the well-known example IBAN; set the real account of the Landeshauptkasse in production.
WIR_PAYING_ACCOUNT = {
    "name": os.environ.get("WIR_PAYING_NAME", "Land Hessen RP Darmstadt"),
    "iban": os.environ.get("WIR_PAYING_IBAN", "DE89370400440532013000"),
    "bic": os.environ.get("WIR_PAYING_BIC", "COBADEFFXXX"),
}
