"""Every setting lives here; dev, test and production only override (STYLE.md point 12)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.env import EnvError, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("ROSETTE_VAR_DIR", str(BASE_DIR / "var")))

# Development-only values. production.py refuses to start while any of these is in use.
DEV_SECRET_KEY = "dev-only-insecure-secret-key-never-use-in-production"  # noqa: S105
DEV_CREDENTIAL_KEK = "dev-only-insecure-key-encryption-key"

SECRET_KEY = env_str("DJANGO_SECRET_KEY", DEV_SECRET_KEY)
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

# The public base URL. Hosted credential URLs and the issuer's did:web derive from it, so the
# same data verifies on a laptop and in production.
SITE_URL = env_str("ROSETTE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [SITE_URL])

# How many reverse proxies in front of Rosette append to X-Forwarded-For: the client's address
# is the one the outermost of them saw (rosette/core/ratelimit.py). 0, the default, is for
# direct connections: the header is ignored, since anyone can write it.
ROSETTE_TRUSTED_PROXIES = env_int("ROSETTE_TRUSTED_PROXIES", 0)
if ROSETTE_TRUSTED_PROXIES < 0:
    raise EnvError("ROSETTE_TRUSTED_PROXIES must be 0 or more.")

# Key-encryption key for issuers' signing keys (credentials/).
CREDENTIAL_KEK = env_str("ROSETTE_CREDENTIAL_KEK", DEV_CREDENTIAL_KEK)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "rosette.core",
    "rosette.accounts",
    "rosette.teams",
    "rosette.catalogue",
    "rosette.awards",
    "rosette.credentials",
    "rosette.applications",
    "rosette.assessment",
    "rosette.toolkits",
    "rosette.workspace",
    "rosette.managers",
    "rosette.home",
    "rosette.demo",
]

MIDDLEWARE = [
    # Anonymous readers of public pages and documents are answered from here (ADR 0013).
    "rosette.core.public_cache.PublicCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A page not yet whole in the reader's language is shown in English, saying so once.
    "rosette.core.i18n.UntranslatedPageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "rosette.accounts.middleware.RequireMFAMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "rosette.core.context_processors.site",
            ],
        },
    },
]
FORM_RENDERER = "rosette.core.forms.DesignSystemFormRenderer"

_sqlite_path = VAR_DIR / "rosette.sqlite3"
# Connections persist between requests (ADR 0013: opening one per request cost more than the
# request); each is checked before reuse, so a restarted PostgreSQL costs one failed check.
DATABASES: dict[str, dict[str, Any]] = {
    "default": dict(
        dj_database_url.parse(
            env_str("DATABASE_URL", f"sqlite:///{_sqlite_path}"),
            conn_max_age=env_int("ROSETTE_DB_CONN_MAX_AGE", 600),
            conn_health_checks=True,
        )
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers carry on while one writer commits; IMMEDIATE takes the write lock
        # at BEGIN so select_for_update-style sections serialise instead of failing late.
        # A connection lives for many requests, so it may keep pages in memory (64 MB cache,
        # reads through mmap) and sort in memory.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home:home"

# django-allauth: email is the only identifier; several verified emails per account (rule 16).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_MAX_EMAIL_ADDRESSES = 5
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_SIGNUP_FORM_CLASS = "rosette.accounts.forms.SignupForm"
ACCOUNT_FORMS = {
    "login": "rosette.accounts.allauth_forms.LoginForm",
    "signup": "rosette.accounts.allauth_forms.SignupForm",
}
# Mail goes through the task worker; the client's address comes from ROSETTE_TRUSTED_PROXIES.
ACCOUNT_ADAPTER = "rosette.accounts.adapter.AccountAdapter"
# Staff may not remove their authenticator (the middleware would only ask for a new one).
MFA_ADAPTER = "rosette.accounts.adapter.MFAAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Rosette] "
ACCOUNT_RATE_LIMITS: dict[str, str] | bool = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Rosette"
# Every staff sign-in asks for the code: no "trust this browser" that would skip it.
MFA_TRUST_ENABLED = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English")), ("gd", _("Gaelic"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Django's finders, the one for STATICFILES_DIRS blind to test tools (axe-core is the browser
# tests' own, never served: config/staticfiles.py).
STATICFILES_FINDERS = [
    "config.staticfiles.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The evidence form sends a recording per question and one attachment: a request with more
# files than any form of ours has is refused before they are read (a 400).
DATA_UPLOAD_MAX_NUMBER_FILES = 30

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "Rosette <no-reply@rosette.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Content Security Policy: nothing from anywhere but our own host; no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env_str("ROSETTE_LOG_FORMAT", "json"),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("ROSETTE_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Rosette's own settings.
ROSETTE_DEFAULT_ASSESSMENT_DAYS = 28
ROSETTE_CATALOGUE_PAGE_SIZE = env_int("ROSETTE_CATALOGUE_PAGE_SIZE", 12)
# Memory per process for public pages and documents kept for anonymous readers (ADR 0013);
# 0 keeps none (every request is rendered).
ROSETTE_PUBLIC_CACHE_BYTES = env_int("ROSETTE_PUBLIC_CACHE_BYTES", 32 * 1024 * 1024)
# The verify page's HTTP client (credentials/fetch.py): https only unless DEBUG or this is set;
# private, loopback and link-local addresses only when ROSETTE_FETCH_ALLOW_PRIVATE (tests).
ROSETTE_FETCH_ALLOW_HTTP = env_bool("ROSETTE_FETCH_ALLOW_HTTP", False)
ROSETTE_FETCH_ALLOW_PRIVATE = False
