"""Settings for the C2Future portal: one module, driven by environment variables.

Defaults are production-safe (DEBUG off, no secret key). `make run` switches on the
development conveniences by setting DEBUG=true. Every variable is listed in README.md.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (see README: Configuration)."
        )
    SECRET_KEY = "django-insecure-dev-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Per-language columns for staff-entered content (README: content translations); its
    # docs require it before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    # Third-party
    "django_filters",
    "django_countries",
    "import_export",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "ninja",
    "corsheaders",
    # Participants' accounts (README: B2B matchmaking): email, verified, password or code.
    "allauth",
    "allauth.account",
    # Project
    "core",
    "clusters",
    "surveys",
    "events",
    "opendata",
    "api",
    "matchmaking",
    # The site shell on top (home, about, health, errors, sitemaps, load_demo), then the
    # benchmark tooling (generate_bench_data; no models, no URLs outside bench.settings).
    "portal",
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # CORS for the JSON API only (CORS_URLS_REGEX), before anything that answers.
    "corsheaders.middleware.CorsMiddleware",
    # Compresses text responses (pages, feeds, JSON) on the way out, after the page cache
    # and the CSRF token are filled in; WhiteNoise above serves static files compressed
    # itself. Django's GZip pads each response randomly against BREACH; downloads stay
    # as they are (core.middleware.COMPRESSIBLE_TYPES).
    "core.middleware.TextGZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # An unprefixed (English) page for a visitor who chose, or whose browser asks for,
    # another language: redirected to that language's page.
    "core.middleware.PreferredLanguageMiddleware",
    # Refuses oversized request bodies (413) before anything reads them.
    "core.middleware.RequestBodyLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    # /api/: read-only methods, rate limit, conditional GET, caching headers, JSON errors.
    "api.middleware.PublicApiMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Axes must be last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "c2future.urls"

# Django's form rendering, with selects written in Python (identical markup, a fraction of
# the time for the 250-country and cluster selects): core/form_rendering.py.
FORM_RENDERER = "core.form_rendering.FastSelectRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "core.context_processors.site",
                "core.context_processors.languages",
            ],
        },
    },
]

WSGI_APPLICATION = "c2future.wsgi.application"

# Database: embedded SQLite for the quick start, PostgreSQL when DATABASE_URL says so.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = env.str("CACHE_URL", default="locmemcache://c2future")
# Whole public pages (core.page_cache) have a cache of their own: a flood of distinct URLs
# can then only push out other pages, never rate-limit counters or the data caches. By
# default it is the same server as CACHE_URL (shared by every app server), or a separate
# bounded local memory when CACHE_URL is local memory.
PAGE_CACHE_URL = env.str(
    "PAGE_CACHE_URL",
    default="locmemcache://c2future-pages" if CACHE_URL.startswith("locmem") else CACHE_URL,
)
CACHES = {"default": env.cache_url_config(CACHE_URL), "pages": env.cache_url_config(PAGE_CACHE_URL)}
for _cache in CACHES.values():
    # django-environ keeps `?key_prefix=` in lower case, which Django would ignore.
    if "key_prefix" in _cache:
        _cache["KEY_PREFIX"] = _cache.pop("key_prefix")
if CACHES["pages"]["BACKEND"].endswith("LocMemCache"):
    # At most 500 compressed pages per process: about 15 MB once full (make bench).
    CACHES["pages"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 500)
# Public pages served whole to visitors without a session; writes show at once, this bounds
# changes that come with time alone (an event becoming "past"). 0 switches it off, the
# default with DEBUG so template and code edits show on the next reload.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0 if DEBUG else 300)
# After a write, the directory's facet panels and the skills matrix are served from their
# previous rendering while a thread renders the new one ({% cache_or_previous %}).
FRAGMENTS_REFRESH_IN_BACKGROUND = env.bool("FRAGMENTS_REFRESH_IN_BACKGROUND", default=True)
# Resilience (README: Failure behaviour). A Redis that is down or slow means cache misses,
# never an error page: short socket timeouts, then core.cache skips the server for a few
# seconds at a time and logs it at most once a minute.
_REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
for _cache in CACHES.values():
    if _cache["BACKEND"] == _REDIS_CACHE:
        _cache["BACKEND"] = "core.cache.ResilientRedisCache"
        _cache.setdefault("OPTIONS", {}).update(socket_connect_timeout=0.5, socket_timeout=0.5)
# Rate-limit counters are shared by every worker in every configuration: in Redis when
# CACHE_URL is Redis (in the database table below while it is down), in the database table
# `core_ratelimit_cache` (created by a core migration) when CACHE_URL is per process.
CACHES["ratelimit-database"] = {
    "BACKEND": "core.cache.DatabaseCounterCache",
    "LOCATION": "core_ratelimit_cache",
    # Culling would forget live counters: expired rows go first, so keep the cull rare.
    "OPTIONS": {"MAX_ENTRIES": 100_000},
}
if CACHES["default"]["BACKEND"] == "core.cache.ResilientRedisCache":
    CACHES["ratelimit"] = {
        **CACHES["default"],
        "OPTIONS": {**CACHES["default"]["OPTIONS"], "FALLBACK": "ratelimit-database"},
    }
elif CACHES["default"]["BACKEND"].endswith(("LocMemCache", "DummyCache")):
    CACHES["ratelimit"] = CACHES["ratelimit-database"]
else:
    CACHES["ratelimit"] = CACHES["default"]
RATELIMIT_USE_CACHE = "ratelimit"

SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Staff: the Django admin sign-in (username), with the axes lockout above.
    "django.contrib.auth.backends.ModelBackend",
    # Participants: django-allauth (email and password, or an emailed code).
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Participants' accounts (django-allauth, no social providers): the email address is the
# login, verified before first use; sign in with the password or a code sent by email.
# One account is one person of one organisation (matchmaking.models.Person).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[C2Future] "
# Emails go through the task queue (core.tasks.queue_email), after the transaction commits.
ACCOUNT_ADAPTER = "matchmaking.accounts.AccountAdapter"
ACCOUNT_USER_DISPLAY = "matchmaking.accounts.user_display"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English without a URL prefix, other languages under /<code>/.
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="en")
LANGUAGES = [
    ("en", _("English")),
    ("it", _("Italian")),
    ("es", _("Spanish")),
    ("bg", _("Bulgarian")),
    ("el", _("Greek")),
    ("sr-latn", _("Serbian (Latin)")),
]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Rome")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as each language writes them (c2future/formats/<language>/formats.py, where Django's
# own differ from what the partners use); numbers follow the language too.
FORMAT_MODULE_PATH = ["c2future.formats"]
# Staff-entered content (taxonomy, events, site pages, survey questions) has a column per
# language (django-modeltranslation, registered in each app's translation.py): `name` reads
# the active language and falls back to English, `name_en` is the English value.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

# Static files: our own under static/, third-party CSS/JS from npm packages pinned by
# package-lock.json (installed by `npm ci` in the make targets), never from a CDN.
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("vendor/leaflet.markercluster", NODE_MODULES / "leaflet.markercluster" / "dist"),
    ("vendor/chart.js", NODE_MODULES / "chart.js" / "dist"),
]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Media on S3-compatible object storage when a bucket is configured (scale-out).
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True

# Uploads: refuse huge request bodies early; per-field limits live in core.validators.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644
# Whole request bodies, by their Content-Length, before a byte is read or spooled to disk
# (core.middleware): public forms are text; the admin takes uploads (documents up to 50 MB).
REQUEST_BODY_LIMIT = 1024 * 1024
ADMIN_REQUEST_BODY_LIMIT = 60 * 1024 * 1024

# Email: console backend unless EMAIL_URL says otherwise (smtp://user:pass@host:587).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="C2Future portal <no-reply@c2future.eu>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
ADMINS = [("Admin", address) for address in env.list("ADMINS", default=[])]
SECRETARIAT_EMAIL = env.str("SECRETARIAT_EMAIL", default="segreteria@clusterlombardomobilita.it")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Background tasks (emails) run off the request path by `manage.py db_worker`. With DEBUG
# (`make run`) they run at once in the request instead, so the console shows every email
# the pages say was sent without a worker; TASKS_BACKEND chooses either way.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND",
            default="django_tasks.backends.immediate.ImmediateBackend"
            if DEBUG
            else "django_tasks_db.DatabaseBackend",
        ),
    }
}

# Security headers. HTTPS-only settings switch on with SECURE_SSL (on when DEBUG is off).
SECURE_SSL = env.bool("SECURE_SSL", default=not DEBUG)
# Links in allauth's emails (verification, sign-in codes).
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SECURE_SSL else "http"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=SECURE_SSL)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if SECURE_SSL else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL
SECURE_HSTS_PRELOAD = SECURE_SSL
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = SECURE_SSL
# The language a visitor chose in the header, for a year (README: Languages).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SECURE = SECURE_SSL
LANGUAGE_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = SECURE_SSL
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# The clusters' own websites that may frame the /embed/ widgets (scheme://host[:port]);
# every other page, and the widgets for any other site, cannot be framed at all.
EMBED_ALLOWED_ORIGINS = env.list("EMBED_ALLOWED_ORIGINS", default=[])
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

# Content-Security-Policy: no inline script or style, no third-party origins. Embedded
# recordings load only after the visitor clicks (frame-src lists the video hosts).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"] + env.list("CSP_IMG_SRC", default=[]),
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": env.list(
            "CSP_FRAME_SRC",
            default=["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        ),
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

# Admin login brute-force protection.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
AXES_RESET_ON_SUCCESS = True
# Locked: the account from the address that guessed (a stranger elsewhere cannot lock staff
# out), and an address guessing across accounts (README: Admin sign-in).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
# Only the admin sign-in is counted and locked: participants behind one venue NAT would
# otherwise lock everyone (the admin too); allauth's ACCOUNT_RATE_LIMITS (on by default)
# protect /accounts/.
AXES_ONLY_ADMIN_SITE = True
AXES_HANDLER = "core.login_attempts.AdminOnlyDatabaseHandler"
# Number of reverse proxies in front of gunicorn that append to X-Forwarded-For; the
# client address for the lockout and rate limits is read from there (core.client_ip).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"

# Rate limits: keys are hashed by django-ratelimit, so raw IPs are never stored.
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
RATELIMIT_VIEW = "portal.views.rate_limited"
RATELIMIT_IP_META_KEY = "core.client_ip.rate_limit_address"
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] if DEBUG else []

# JSON API (README: JSON API): open to every origin for reading, nothing else.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
# Requests per client address (django-ratelimit rate), then 429 with Retry-After.
API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="120/m")
# How long clients and proxies may reuse a response before revalidating it (ETag).
API_CACHE_SECONDS = env.int("API_CACHE_SECONDS", default=60)

# Django 6 behaviour now: scheme-less URLs typed into forms mean https.
FORMS_URLFIELD_ASSUME_HTTPS = True

COUNTRIES_FIRST = ["US", "CA", "MX", "CO", "IT", "ES", "BG", "RS", "GR"]
COUNTRIES_FIRST_BREAK = "──────"

MAP_TILE_URL = env.str("MAP_TILE_URL", default="")

SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=False, traces_sample_rate=0.0)

LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django": {"handlers": ["console", "mail_admins"], "level": "INFO", "propagate": False},
    },
}
