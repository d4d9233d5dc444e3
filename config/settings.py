"""EnforceDesk settings, read from the environment (12-factor, django-environ).

With no environment at all the app runs on SQLite with Celery on kombu's filesystem
transport, so nothing but Python is needed. ``DATABASE_URL`` switches to PostgreSQL,
``REDIS_URL`` to Redis for the Celery broker and the cache. ``DJANGO_ENV=production``
turns on the hardened mode checked by ``manage.py check --deploy``.
"""

import datetime as dt
import secrets
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("ENFORCEDESK_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
PRODUCTION = DJANGO_ENV == "production"

# Off unless asked for: a debug page lists every URL and setting to whoever mistypes one.
# `DJANGO_DEBUG=1` (or `.env`) turns it on for local work; static files are served by
# whitenoise either way.
DEBUG = env.bool("DJANGO_DEBUG", default=False)


def _development_secret_key() -> str:
    """A per-checkout key kept out of the repository (var/ is ignored by git)."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


if PRODUCTION:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY")
else:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="") or _development_secret_key()

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=[] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "clients.admin_site.FirmAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # trigram indexes for search (clients.trigram); inert on SQLite
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "django_countries",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files from PyPI: the docs page needs no CDN
    "clients",
    "enforcement",
]

MIDDLEWARE = [
    "clients.scoping.ScopeMiddleware",  # every request starts with no scope: see scoping.py
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "clients.middleware.UserLanguageMiddleware",  # after LocaleMiddleware: the user's own
    "django.contrib.messages.middleware.MessageMiddleware",
    "clients.middleware.SessionExpiryMiddleware",
    "clients.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "clients.middleware.UserTimezoneMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "enforcement.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'enforcedesk.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the Celery worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not memory, so that real worker processes started by tests share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "clients.User"
AUTHENTICATION_BACKENDS = [
    "clients.throttle.SignInThrottleBackend",  # django-axes first: refuses a locked-out pair
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date format per language for every page and export (config/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
# Moments are stored in UTC; each user sees them in their own zone (User.time_zone).
TIME_ZONE = "UTC"
FIRM_TIME_ZONE = env.str("FIRM_TIME_ZONE", default="Asia/Shanghai")
FIRM_NAME = env.str("FIRM_NAME", default="EnforceDesk Demo Law Firm")

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise expects it even before collectstatic
# Outside production whitenoise serves straight from the source folders, DEBUG or not.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Case files are never served from a public URL: every download goes through a view
# that checks the user's scope (clients.files). MEDIA_URL is deliberately unused.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MAX_UPLOAD_MB = env.int("MAX_UPLOAD_MB", default=25)
MAX_LINKS_FILE_MB = env.int("MAX_LINKS_FILE_MB", default=5)  # a list of links to import
FILE_UPLOAD_PERMISSIONS = 0o640

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# POAs and IP rights are flagged "expiring" this many days before they end.
EXPIRING_SOON_DAYS = env.int("EXPIRING_SOON_DAYS", default=30)
PAGE_SIZE = env.int("PAGE_SIZE", default=25)
# A seller at or above this risk score (0-100) is on the high-risk shortlist.
SELLER_HIGH_RISK_SCORE = env.int("SELLER_HIGH_RISK_SCORE", default=50)
# A list counts its rows no further than this ("more than 10,000"): an exact count of a
# table of millions would cost more than the page itself.
LIST_COUNT_CAP = env.int("LIST_COUNT_CAP", default=10_000)
# A record's page shows this many rows of each child list, with a link to the rest.
DETAIL_CHILD_ROWS = env.int("DETAIL_CHILD_ROWS", default=20)
# How long the dashboard keeps a reader's charts (they read the whole outcome summary).
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=300)

# --- Cache and Celery -------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
else:
    # A file cache is shared by the web process and the worker (a memory cache is not).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")

# Sessions live in the database (read through the Redis cache when there is one), never in
# a process: any web process, on any host, serves any request. Nothing else is kept per
# process either: uploads go to MEDIA_ROOT (a volume every process shares), the cache and
# the broker to Redis.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

CELERY_BROKER_TRANSPORT_OPTIONS: dict = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "celery" / "broker"
    _broker_dir.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "control_folder": str(VAR_DIR / "celery" / "control"),
    }
    (VAR_DIR / "celery" / "control").mkdir(parents=True, exist_ok=True)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Beat's sweeps have a queue of their own: behind a backlog of deliveries on a shared queue
# they expire unrun. Declared here so a worker started without -Q still consumes all three.
CELERY_TASK_QUEUES = {"sweeps": {}, "outbox": {}, "celery": {}}
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {
    "enforcement.tasks.sweep_deadlines": {"queue": "sweeps"},
    "enforcement.tasks.deliver_message": {"queue": "outbox"},
    "enforcement.tasks.know_sellers": {"queue": "sweeps"},
    "enforcement.tasks.queue_monthly_reports": {"queue": "sweeps"},
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celery" / "beat-schedule")
CELERY_BEAT_SCHEDULE: dict = {
    "worker-heartbeat": {
        "task": "clients.tasks.record_heartbeat",
        "schedule": 60.0,
        "options": {"expires": 50},
    },
    "warm-numbers": {
        # The numbers page's default period, kept ready before its figures expire.
        "task": "enforcement.tasks.warm_numbers",
        "schedule": DASHBOARD_CACHE_SECONDS * 0.8,
        "options": {"expires": DASHBOARD_CACHE_SECONDS * 0.8},
    },
    "know-sellers": {
        # Networks from shared contact details, then risk scores: each night, 02:30 UTC.
        "task": "enforcement.tasks.know_sellers",
        "schedule": crontab(hour=2, minute=30),
        "options": {"expires": 3600},
    },
    "deadline-sweep": {
        "task": "enforcement.tasks.sweep_deadlines",
        "schedule": float(env.int("DEADLINE_SWEEP_SECONDS", default=120)),
        # Expires before the next run so sweeps never pile up behind an outage.
        "options": {"expires": max(env.int("DEADLINE_SWEEP_SECONDS", default=120) - 10, 5)},
    },
    # Last month's client reports to the contacts who opted in (keyed per client and month:
    # the hourly runs after the first write nothing).
    # Removed listings checked again (does nothing unless RELIST_CHECKS_ENABLED). On the
    # default queue: paced per platform, a run may take long and must not hold the sweeps.
    "relist-checks": {
        "task": "enforcement.tasks.check_relists",
        "schedule": crontab(hour="*/6", minute=15),
        "options": {"expires": 3 * 3600},
    },
    "monthly-client-reports": {
        "task": "enforcement.tasks.queue_monthly_reports",
        "schedule": 3600.0,
        "options": {"expires": 3000},
    },
}
CELERY_TIMEZONE = "UTC"

# --- E-mail -----------------------------------------------------------------------------
# EMAIL_URL: smtp://user:password@host:587/?tls=True, consolemail://, filemail://…
# (django-environ's syntax), translated into Django's MAILERS setting.
_email = env.email_url(
    "EMAIL_URL", default="consolemail://" if not PRODUCTION else "smtp://localhost:25"
)
_mailer: dict = {"BACKEND": _email["EMAIL_BACKEND"]}
if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend"):
    _mailer["OPTIONS"] = {
        "host": _email.get("EMAIL_HOST") or "localhost",
        "port": _email.get("EMAIL_PORT") or 25,
        "username": _email.get("EMAIL_HOST_USER", ""),
        "password": _email.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": bool(_email.get("EMAIL_USE_TLS")),
        "use_ssl": bool(_email.get("EMAIL_USE_SSL")),
        "timeout": env.int("EMAIL_TIMEOUT", default=30),
    }
elif _email["EMAIL_BACKEND"].endswith("filebased.EmailBackend"):
    _mailer["OPTIONS"] = {
        "file_path": env.str(
            "EMAIL_FILE_PATH", default=_email.get("EMAIL_FILE_PATH") or str(VAR_DIR / "mail")
        )
    }
if env.str("EMAIL_BACKEND", default=""):
    # A custom backend class (e.g. a provider's API); EMAIL_URL still gives its options.
    _mailer = {"BACKEND": env.str("EMAIL_BACKEND"), "OPTIONS": _mailer.get("OPTIONS", {})}
MAILERS = {"default": _mailer}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="enforcedesk@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Deadlines and reminders ------------------------------------------------------------
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
MESSAGE_ID_DOMAIN = env.str("MESSAGE_ID_DOMAIN", default="enforcedesk.local")
FIRM_CALENDAR = env.str("FIRM_CALENDAR", default="CN")
DIGEST_HOUR = env.int("DIGEST_HOUR", default=7)  # local hour of each user's daily digest
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", default=600)
OUTBOX_REQUEUE_SECONDS = env.int("OUTBOX_REQUEUE_SECONDS", default=300)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=8)
# A send must give up (the mail backend's timeout) well before its lease is presumed dead,
# or the repair hands the row to a second sender while the first is still talking to SMTP.
_mail_timeout = MAILERS["default"].get("OPTIONS", {}).get("timeout") or 0
if 2 * _mail_timeout > OUTBOX_LEASE_SECONDS:
    raise environ.ImproperlyConfigured(
        f"OUTBOX_LEASE_SECONDS={OUTBOX_LEASE_SECONDS} must be at least twice the mail "
        f"timeout (EMAIL_TIMEOUT={_mail_timeout})."
    )

# --- Relist checks ----------------------------------------------------------------------
# Removed listings looked at again (enforcement.services.relists): off unless turned on, as
# it makes requests to the platforms. The rule for "gone" and the pace per platform family
# are data (LiveCheckRule, in the admin).
RELIST_CHECKS_ENABLED = env.bool("RELIST_CHECKS_ENABLED", default=False)
RELIST_CHECK_TIMEOUT_SECONDS = env.float("RELIST_CHECK_TIMEOUT_SECONDS", default=10.0)
RELIST_CHECK_BATCH = env.int("RELIST_CHECK_BATCH", default=200)
RELIST_CONTACT_EMAIL = env.str("RELIST_CONTACT_EMAIL", default=DEFAULT_FROM_EMAIL)
RELIST_USER_AGENT = env.str(
    "RELIST_USER_AGENT", default=f"EnforceDesk relist check (+mailto:{RELIST_CONTACT_EMAIL})"
)

# --- Security ---------------------------------------------------------------------------
# Sessions: a new login after SESSION_ABSOLUTE_HOURS whatever happens, and after
# SESSION_IDLE_MINUTES without a request (clients.middleware.SessionExpiryMiddleware).
SESSION_ABSOLUTE_HOURS = env.int("SESSION_ABSOLUTE_HOURS", default=12)
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_HOURS * 60 * 60
SESSION_COOKIE_HTTPONLY = True
# Throttling (django-axes): the pair of user name and address is locked, not either alone,
# so one person's typos do not lock out an office behind one address.
# django-axes locks at the failure that reaches the limit: 5 wrong tries pass, the 6th waits.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURES_ALLOWED", default=5) + 1
AXES_COOLOFF_TIME = dt.timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "clients.throttle.locked_out"
AXES_IPWARE_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1 if PRODUCTION else 0)
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if PRODUCTION else ["REMOTE_ADDR"]
)
# Password-reset and invitation pages: this many tries per address and account per window.
FORM_THROTTLE_LIMIT = env.int("FORM_THROTTLE_LIMIT", default=5)
# Second factor: staff always; client users when they enrolled or their client requires it.
OTP_TOTP_ISSUER = env.str("OTP_ISSUER", default="EnforceDesk")
OTP_TOTP_THROTTLE_FACTOR = 1
# ClamAV: uploads are scanned when a clamd address is set (tcp://host:3310 or a socket path).
CLAMD = env.str("CLAMD", default="")
# Content-Security-Policy (Django's own middleware): no inline script or style anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# --- REST API (/api/) and calendar feeds (/calendar/) -------------------------------------
# Bearer tokens only (no session, so no CSRF to weaken); JSON in and out (the browsable
# API's pages would need inline script); cursor pages without COUNT(*).
API_THROTTLE_RATE = env.str("API_THROTTLE_RATE", default="120/minute")
API_ANON_THROTTLE_RATE = env.str("API_ANON_THROTTLE_RATE", default="30/minute")
API_DETECTIONS_MAX_ROWS = env.int("API_DETECTIONS_MAX_ROWS", default=5000)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["enforcement.api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": [
        "enforcement.api.throttling.ApiUserThrottle",
        "enforcement.api.throttling.ApiAnonThrottle",
    ],
    "DEFAULT_PAGINATION_CLASS": "enforcement.api.pagination.IdCursorPagination",
    "PAGE_SIZE": PAGE_SIZE,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "enforcement.api.errors.handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "EnforceDesk API",
    "DESCRIPTION": (
        "Clients, IP rights, listings, complaints with their links, counter-notifications "
        "and deadlines, as the pages show them to the token's user; record a platform's "
        "outcome for links. Authenticate with `Authorization: Bearer <token>` (make one on "
        "your account's API tokens page)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "COMPONENT_NO_READ_ONLY_REQUIRED": True,
    "ENUM_NAME_OVERRIDES": {
        "ClientKindEnum": "clients.models.Client.Kind",
        "RightKindEnum": "enforcement.models.rights.IPR.Kind",
        "TargetKindEnum": "enforcement.models.listings.TargetKind",
    },
    "SWAGGER_UI_SETTINGS": {"persistAuthorization": False, "tryItOutEnabled": False},
}
# A calendar feed lists at most this many deadlines (overdue first, then by due moment).
CALENDAR_FEED_MAX_EVENTS = env.int("CALENDAR_FEED_MAX_EVENTS", default=2000)
