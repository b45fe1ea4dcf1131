"""The one settings module of Samverkan, configured from environment variables.

See README.md ("Running in production") for every variable. Without any,
the project runs as a local demo on SQLite.
"""

from __future__ import annotations

import sys
from pathlib import Path

import dj_database_url

from samverkan.lib.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
TESTING = "pytest" in sys.modules or envbool("TESTING", False)

DEBUG = envbool("DEBUG", False)
# Outside DEBUG and tests the secret key must come from the environment.
SECRET_KEY = envstr(
    "SECRET_KEY",
    "insecure-demo-key-only-for-local-use" if (DEBUG or TESTING) else None,
)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")
# The county this installation serves by default (its reference data in refdata/counties/<code>/).
COUNTY_CODE = envstr("COUNTY_CODE", "01")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "ninja",
    "mozilla_django_oidc",
    # Samverkan, in dependency order: an app may use the apps above it only.
    "samverkan.core",
    "samverkan.organisations",
    "samverkan.accounts",
    "samverkan.audit",
    "samverkan.documents",
    "samverkan.agreements",
    "samverkan.governance",
    "samverkan.actionplans",
    "samverkan.exchange",
    "samverkan.settlement",
    "samverkan.statecomp",
    "samverkan.reports",
    # The task backend comes after samverkan.core: of two apps with a command of one name the first
    # wins, and core's db_worker (the worker with a lease, core/workers.py) replaces this one's.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "samverkan.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samverkan.core.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "samverkan.urls"
WSGI_APPLICATION = "samverkan.wsgi.application"
FORM_RENDERER = "samverkan.core.forms.GovukFormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "samverkan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samverkan.core.context_processors.shell",
            ],
            "builtins": ["samverkan.core.templatetags.samverkan"],
        },
    }
]

# --- Database -------------------------------------------------------------
# SQLite is the embedded default; DATABASE_URL selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'samverkan.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the task worker write to the same file: WAL lets
    # readers go on while one writes, IMMEDIATE takes the write lock up front
    # so two writers queue instead of failing half-way with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # PostgreSQL compiles a query with LLVM when its estimated cost is high, which the
    # national pages' aggregates over 200,000 participants reach: the compilation took
    # 470 ms of a 750 ms query, whose execution alone is 260 ms. Pages run each query
    # once, so the compiled code never pays back (BENCHMARKS.md, Pages).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ---------------------------------------------------
REDIS_URL = envstr("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "samverkan_session"
CSRF_COOKIE_NAME = "samverkan_csrftoken"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "samverkan.core.views.csrf_failure"

# --- Authentication -------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "reports:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
# Lock-out after repeated failures, per user name (accounts.services.attempt_login).
LOGIN_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = envint("LOGIN_LOCKOUT_MINUTES", 15)

# Optional single sign-on with the municipality's own OpenID Connect provider.
OIDC_RP_CLIENT_ID = envstr("OIDC_RP_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
if OIDC_ENABLED:
    OIDC_RP_CLIENT_SECRET = envstr("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = envstr("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = envstr("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = envstr("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = envstr("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_SIGN_ALGO = envstr("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = envstr("OIDC_RP_SCOPES", "openid email profile")
    OIDC_CREATE_USER = False  # a person gets a role from a coordinator, never by logging in
    AUTHENTICATION_BACKENDS = ["samverkan.accounts.oidc.SamverkanOIDCBackend", *AUTHENTICATION_BACKENDS]

# --- Personal data --------------------------------------------------------
# Identity numbers are encrypted with IDENTITY_KEYS (Fernet keys, newest first,
# comma-separated so a key can be rotated) and found again through an HMAC with
# IDENTITY_HASH_KEY. The demo and tests use fixed keys; production must set both.
_DEMO_FERNET_KEY = "c2FtdmVya2FuLWRlbW8ta2V5LW5vdC1mb3ItcHJvZCE="
IDENTITY_KEYS = envlist("IDENTITY_KEYS", [_DEMO_FERNET_KEY] if (DEBUG or TESTING) else [])
IDENTITY_HASH_KEY = envstr("IDENTITY_HASH_KEY", "samverkan-demo-hash-key" if (DEBUG or TESTING) else "")
# Months after a person's last settled placement before name and identity number are removed.
RETENTION_MONTHS = envint("RETENTION_MONTHS", 24)
# Counts below this are suppressed in everything shared regionally.
SMALL_COUNT_THRESHOLD = envint("SMALL_COUNT_THRESHOLD", 5)

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "samverkan" / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["samverkan.formats"]

# --- Static and uploaded files -------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "samverkan" / "static"]
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"  # never served directly: documents go through views that check access
STORAGES = {
    "default": {"BACKEND": envstr("FILE_STORAGE_BACKEND", "samverkan.core.storage.SafeFileSystemStorage")},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if (DEBUG or TESTING)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
# Uploads: the largest file a form accepts (documents, imports).
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_BYTES", 25 * 1024 * 1024)
# Word and Excel files are ZIP archives: what they may expand to, and how many parts they may
# have, is bounded before they are read (a few kilobytes can expand to gigabytes; lib/archives.py).
UPLOAD_MAX_EXPANDED_BYTES = envint("UPLOAD_MAX_EXPANDED_BYTES", 200 * 1024 * 1024)
UPLOAD_MAX_ARCHIVE_MEMBERS = envint("UPLOAD_MAX_ARCHIVE_MEMBERS", 1000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- E-mail ---------------------------------------------------------------
EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Samverkan <noreply@samverkan.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks -----------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": envstr("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A worker renews its lease every TASKS_HEARTBEAT_SECONDS; a task whose worker has not renewed
# for TASKS_LEASE_SECONDS (or whose process is gone from this machine) runs again (core.workers).
TASKS_HEARTBEAT_SECONDS = envint("TASKS_HEARTBEAT_SECONDS", 10)
TASKS_LEASE_SECONDS = envint("TASKS_LEASE_SECONDS", 120)

# --- API ------------------------------------------------------------------
# Bounded offset: samverkan.core.pagination (an unbounded one overflowed the database).
NINJA_PAGINATION_CLASS = "samverkan.core.pagination.LimitOffsetPagination"
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 200
NINJA_MAX_PER_PAGE_SIZE = 200

# --- Security -------------------------------------------------------------
_SECURE = envbool("SECURE_COOKIES", not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = _SECURE
CSRF_COOKIE_SECURE = _SECURE
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", _SECURE)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if _SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", _SECURE)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", _SECURE)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if envbool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS: list[str] = []

# --- Logging --------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "samverkan.lib.logredact.RedactIdentityNumbers"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
