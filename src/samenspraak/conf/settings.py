"""All settings, read once from the environment with safe defaults.

`SAMENSPRAAK_ENV=production` switches on the production baseline (secure cookies, HSTS,
required secret key). Everything else defaults to a local development setup on SQLite.
"""

import warnings
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from samenspraak.conf.env import (
    development_secret,
    env_bool,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent  # src/samenspraak
REPO_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(env_str("SAMENSPRAAK_VAR_DIR", str(REPO_DIR / "var")))

ENVIRONMENT = env_str("SAMENSPRAAK_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("DJANGO_DEBUG", False)

if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY")
    if not SECRET_KEY:
        raise RuntimeError("SECRET_KEY must be set when SAMENSPRAAK_ENV=production")
else:
    SECRET_KEY = env_str("SECRET_KEY") or development_secret(VAR_DIR)

# Finds a resident's own secret ballot again (budgeting.models.voting). Kept out of the database
# on purpose: with the database alone, nobody can join a ballot to a voter.
SAMENSPRAAK_BALLOT_KEY = env_str("SAMENSPRAAK_BALLOT_KEY") or ("ballot:" + SECRET_KEY)
if PRODUCTION and SAMENSPRAAK_BALLOT_KEY in (SECRET_KEY, "ballot:" + SECRET_KEY):
    # Whoever has SECRET_KEY (and most operators do) must not hold the ballot key too.
    raise RuntimeError(
        "SAMENSPRAAK_BALLOT_KEY must be set, and differ from SECRET_KEY, when "
        "SAMENSPRAAK_ENV=production (docs/ballot-secrecy.md)"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Before allauth, so its templates in accounts/templates/ override allauth's own.
    "samenspraak.accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "samenspraak.core",
    "samenspraak.organisations",
    "samenspraak.processes",
    "samenspraak.information",
    "samenspraak.dialogue",
    "samenspraak.conversations",
    "samenspraak.consultation",
    "samenspraak.discussions",
    "samenspraak.surveys",
    "samenspraak.representation",
    "samenspraak.budgeting",
    "samenspraak.initiatives",
    "samenspraak.assemblies",
    "samenspraak.delivery",
    # Before rest_framework: its locale/nl keeps Django's Dutch where DRF's differs.
    "samenspraak.api",
    "samenspraak.webhooks",
    "rest_framework",
    "drf_spectacular",
    "samenspraak.web",
    "samenspraak.demo",
    "samenspraak.web.staff",
    "samenspraak.web.search",
    # Last, so web/templates/django/forms/ overrides Django's widget templates.
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # /api/ only: API-Version, CORS allow-list (answers preflights), ETags.
    "samenspraak.api.middleware.ApiMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "samenspraak.core.audit.AuditRequestMiddleware",
    "samenspraak.core.ratelimit.RateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "samenspraak.accounts.middleware.StaffMFARequiredMiddleware",
]

ROOT_URLCONF = "samenspraak.conf.urls"
# Form widgets render through our templates, so web/ can correct Django's widget markup.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "samenspraak.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samenspraak.web.context_processors.site",
            ],
        },
    },
]

# --- Database: SQLite under var/ by default, PostgreSQL through DATABASE_URL -----------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'samenspraak.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent web + worker processes on one file: wait for locks instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (and with it the rate limits): local memory, or Redis when REDIS_URL is set -------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "samenspraak"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background work: a real queue in the database, run by `samenspraak db_worker` -----------
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# --- Accounts --------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
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
LOGIN_REDIRECT_URL = "accounts:overview"
LOGOUT_REDIRECT_URL = "web:home"

# Residents sign up with e-mail + public name only and log in with a code sent by e-mail.
# Staff (accounts.models.STAFF_ROLES) log in with password + TOTP; see accounts/forms.py.
ACCOUNT_ADAPTER = "samenspraak.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*"]  # no password: residents never get one
ACCOUNT_SIGNUP_FORM_CLASS = "samenspraak.accounts.signup_forms.SignupExtraForm"
ACCOUNT_FORMS = {
    "login": "samenspraak.accounts.forms.LoginForm",
    "request_login_code": "samenspraak.accounts.forms.RequestLoginCodeForm",
    "reset_password": "samenspraak.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "samenspraak.accounts.forms.ResetPasswordKeyForm",
}
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_TIMEOUT = env_int("ACCOUNT_CODE_TIMEOUT", 10 * 60)
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = env_int("ACCOUNT_CODE_TIMEOUT", 10 * 60)
ACCOUNT_LOGIN_TIMEOUT = 15 * 60  # the whole log-in, code and second factor included
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_SESSION_REMEMBER = False
# allauth applies "no remember" only to the password log-in; a log-in by code or at sign-up
# would get a two-week cookie. Every session cookie ends when the browser closes.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# A password reset never logs anyone in: staff then log in with password and second factor.
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Samenspraak: "
ACCOUNT_RATE_LIMITS = {
    # Per IP address and per e-mail address ("key"); counted in the cache (Redis in production).
    "login": "30/m/ip",
    # The key is address + source IP (accounts.adapter); our lock-out (below) comes first.
    "login_failed": "20/m/ip,10/15m/key",
    "request_login_code": "20/m/ip,3/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/10s/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Samenspraak"
# Accept the code of the period before or after the current one: a code typed as the 30 s
# window turns over (or on a phone whose clock is a little off) still works, as RFC 6238 advises.
MFA_TOTP_TOLERANCE = 1
MFA_FORMS = {"authenticate": "samenspraak.accounts.mfa_forms.AuthenticateForm"}
# Lock-out per e-mail address *and* source IP (accounts.selectors.lockout_until): after this
# many failed log-ins (password or second factor) from one source, that source waits
# SAMENSPRAAK_LOCKOUT_SECONDS, doubling with each further failure up to the maximum. Failures
# are remembered a week. Other sources, such as the owner, are not held up.
SAMENSPRAAK_LOCKOUT_ATTEMPTS = env_int("SAMENSPRAAK_LOCKOUT_ATTEMPTS", 5)
SAMENSPRAAK_LOCKOUT_SECONDS = env_int("SAMENSPRAAK_LOCKOUT_SECONDS", 15 * 60)
SAMENSPRAAK_LOCKOUT_MAX_SECONDS = env_int("SAMENSPRAAK_LOCKOUT_MAX_SECONDS", 24 * 3600)

# --- Language: Dutch first, English complete ------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files: built from npm packages into web/static/vendor, served by WhiteNoise -------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
# Uploads (made safe by core/uploads.py). Samenspraak serves MEDIA_ROOT at MEDIA_URL itself
# (core/media.py), unless MEDIA_URL is another origin that a proxy serves, e.g.
# https://media.doemee.voorbeeldstad.nl/ (cookieless: safer); then SAMENSPRAAK_SERVE_MEDIA is off.
MEDIA_URL = env_str("MEDIA_URL", "/media/").rstrip("/") + "/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
SAMENSPRAAK_SERVE_MEDIA = env_bool("SAMENSPRAAK_SERVE_MEDIA", MEDIA_URL.startswith("/"))
_MEDIA_ORIGIN = "/".join(MEDIA_URL.split("/")[:3]) if "://" in MEDIA_URL else ""
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    # Development serves straight from the apps' static folders (finders), so an empty or
    # missing STATIC_ROOT is expected there; in production collectstatic fills it.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

# --- E-mail: SMTP in production; in development written to var/mail (see /dev/mail/) ---------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Samenspraak <noreply@samenspraak.localhost>")
# The development mailbox page shows what was "sent"; never in production.
SAMENSPRAAK_DEV_MAILBOX = env_bool("SAMENSPRAAK_DEV_MAILBOX", not PRODUCTION)

# --- Security baseline ----------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# An expired form gets a friendly Dutch page that says to go back and send again.
CSRF_FAILURE_VIEW = "samenspraak.web.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500
if PRODUCTION:
    if DEBUG:
        # Debug pages leak settings and code; refuse to start rather than run like that.
        raise RuntimeError("DJANGO_DEBUG must be off when SAMENSPRAAK_ENV=production")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Rate limits and allauth's counters live in the cache: per process without Redis, so
    # several web processes (gunicorn reads WEB_CONCURRENCY) would each allow the full limit.
    if (
        not REDIS_URL
        and max(env_int("WEB_CONCURRENCY", 1), env_int("SAMENSPRAAK_WEB_PROCESSES", 1)) > 1
    ):
        raise RuntimeError(
            "REDIS_URL must be set when more than one web process runs (WEB_CONCURRENCY or "
            "SAMENSPRAAK_WEB_PROCESSES > 1): without a shared cache every process counts its "
            "own rate limits"
        )
    if not SECURE_HSTS_PRELOAD:
        # Joining the browsers' HSTS preload list is a decision for the owner of the whole
        # (municipal) domain, not for this application: opt in with SECURE_HSTS_PRELOAD=1.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Rate limit on every submission, per person (or IP) per page; see core/ratelimit.py.
# Views can be stricter with @rate_limit("5/m"). Empty switches the limit off.
SAMENSPRAAK_RATE_LIMIT = env_str("SAMENSPRAAK_RATE_LIMIT", "30/m")
# Behind a reverse proxy: its addresses or networks (e.g. "10.0.0.0/8,192.0.2.10"). The client
# is then the right-most address in X-Forwarded-For that is not a trusted proxy; empty means
# REMOTE_ADDR, and X-Forwarded-For is ignored. Every limiter, the lock-out and the audit log
# use this one rule (core.ratelimit.client_ip).
SAMENSPRAAK_TRUSTED_PROXIES = env_list("SAMENSPRAAK_TRUSTED_PROXIES", [])

from csp.constants import NONE, SELF  # noqa: E402

from samenspraak.core import maps as _maps  # noqa: E402 (plain constants, no Django models)

# Map tiles for Leaflet: by default PDOK's BRT-Achtergrondkaart (free, no key; core/maps.py),
# shown with its attribution. Another {z}/{x}/{y} template may replace it; empty draws only the
# area shapes and contacts no other origin. The CSP allows images from this one origin.
SAMENSPRAAK_MAP_TILES = env_str("SAMENSPRAAK_MAP_TILES", _maps.PDOK_TILES)
SAMENSPRAAK_MAP_ATTRIBUTION = env_str(
    "SAMENSPRAAK_MAP_ATTRIBUTION",
    _maps.PDOK_ATTRIBUTION if SAMENSPRAAK_MAP_TILES == _maps.PDOK_TILES else "",
)
_MAP_TILE_ORIGIN = _maps.tile_origin(SAMENSPRAAK_MAP_TILES)
# A place as a street name (core/places.py), looked up once when an input is saved: from the
# municipality's own CSV of streets/addresses (naam,breedtegraad,lengtegraad) and/or PDOK's
# Locatieserver, e.g. https://api.pdok.nl/bzk/locatieserver/search/v3_1/reverse. Both empty
# (the default): places are shown as coordinates and no lookup is made.
SAMENSPRAAK_PLACE_ADDRESSES = env_str("SAMENSPRAAK_PLACE_ADDRESSES")
SAMENSPRAAK_PLACE_LOOKUP_URL = env_str("SAMENSPRAAK_PLACE_LOOKUP_URL")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"]
        + ([_MAP_TILE_ORIGIN] if _MAP_TILE_ORIGIN else [])
        + ([_MEDIA_ORIGIN] if _MEDIA_ORIGIN else []),
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "client_errors_one_line": {"()": "samenspraak.core.logging.ClientErrorsWithoutTraceback"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    # A 403 or 400 is one line in the log, not a traceback.
    "loggers": {"django.request": {"filters": ["client_errors_one_line"]}},
}

# --- Samenspraak --------------------------------------------------------------------------
# The public address, for links in e-mails. Unset: the address of the request that queued the
# mail, or http://127.0.0.1:8000 in the worker (see core/links.py; production must set it).
SAMENSPRAAK_SITE_URL = env_str("SITE_URL", "").rstrip("/")
SAMENSPRAAK_DEMO = env_bool("SAMENSPRAAK_DEMO", not PRODUCTION)

# --- REST API v1 (/api/v1/, see docs/api/README.md) ------------------------------------------
# Origins (scheme://host[:port], comma-separated) whose browser scripts may call the API; no "*".
SAMENSPRAAK_API_CORS_ORIGINS = env_list("SAMENSPRAAK_API_CORS_ORIGINS", [])
# Requests per integration token (or per address without a token); empty switches it off.
SAMENSPRAAK_API_RATE_LIMIT = env_str("SAMENSPRAAK_API_RATE_LIMIT", "120/m")
# Webhooks (docs/api/webhooks.md): the municipality's OIN names this system in every CloudEvent;
# outside production a placeholder. Targets are https on public addresses; networks listed here
# (e.g. "127.0.0.1/32" for a receiver on this machine) are allowed although private.
SAMENSPRAAK_OIN = env_str("SAMENSPRAAK_OIN", "" if PRODUCTION else "0" * 20)
SAMENSPRAAK_WEBHOOKS_ALLOWED_NETWORKS = env_list("SAMENSPRAAK_WEBHOOKS_ALLOWED_NETWORKS", [])
# Plain http:// to a loopback address, for development and tests only.
SAMENSPRAAK_WEBHOOKS_ALLOW_HTTP = env_bool("SAMENSPRAAK_WEBHOOKS_ALLOW_HTTP", False)
if PRODUCTION and SAMENSPRAAK_WEBHOOKS_ALLOW_HTTP:
    raise RuntimeError(
        "SAMENSPRAAK_WEBHOOKS_ALLOW_HTTP must be off when SAMENSPRAAK_ENV=production"
    )
SAMENSPRAAK_WEBHOOKS_TIMEOUT = env_int("SAMENSPRAAK_WEBHOOKS_TIMEOUT", 10)
REST_FRAMEWORK = {
    # Tokens only: no session, so no cookies and no CSRF on the API.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "samenspraak.api.authentication.IntegrationTokenAuthentication"
    ],
    "DEFAULT_PERMISSION_CLASSES": ["samenspraak.api.permissions.ScopesRequired"],
    "DEFAULT_THROTTLE_CLASSES": ["samenspraak.api.throttling.IntegrationRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["samenspraak.api.filters.QueryParameters"],
    "DEFAULT_PAGINATION_CLASS": "samenspraak.api.pagination.PageLinks",
    "DEFAULT_SCHEMA_CLASS": "samenspraak.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "samenspraak.api.problems.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samenspraak API",
    "DESCRIPTION": "Openbare gegevens over participatie (lezen zonder sleutel) en schrijven "
    "voor koppelingen van de gemeente (met sleutel en recht). Zie docs/api/README.md.",
    "VERSION": "1.0.0",
    "CONTACT": {
        "name": "Samenspraak",
        "email": "samenspraak@voorbeeldstad.nl",
        "url": "https://doemee.voorbeeldstad.nl",
    },
    "LICENSE": {"name": "EUPL-1.2"},
    "SERVERS": [{"url": "/api/v1", "description": "Deze installatie"}],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share a field name ("kind", "status", "outcome"): the names clients
    # already know stay, the initiatives' sets get their own.
    "ENUM_NAME_OVERRIDES": {
        "KindEnum": "samenspraak.organisations.models.AreaKind",
        "StatusEnum": "samenspraak.consultation.models.InputStatus",
        "OutcomeEnum": "samenspraak.consultation.models.Outcome",
        "InitiativeKindEnum": "samenspraak.initiatives.models.InitiativeKind",
        "InitiativeStatusEnum": "samenspraak.initiatives.models.Status",
        "CouncilDecisionOutcomeEnum": "samenspraak.initiatives.models.Outcome",
        "DeliveryStatusEnum": "samenspraak.delivery.models.ProjectStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "samenspraak.api.schema.nl_api_rules",
    ],
}
