"""Production: secure by default, and refuses to start with any development secret."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int
from config.settings.base import *  # noqa: F403
from config.settings.base import (
    CREDENTIAL_KEK,
    DEV_CREDENTIAL_KEK,
    DEV_SECRET_KEY,
    MIDDLEWARE,
    SECRET_KEY,
    SITE_URL,
)

if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of 50 or more characters in production."
    )
if CREDENTIAL_KEK == DEV_CREDENTIAL_KEK or len(CREDENTIAL_KEK) < 32:
    raise ImproperlyConfigured(
        "ROSETTE_CREDENTIAL_KEK must be set to a random value of 32 or more characters in "
        "production; it encrypts issuers' signing keys."
    )
if not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("ROSETTE_SITE_URL must be an https:// URL in production.")

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "rosette_cache",
    }
}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

# Static files are served by the app itself, compressed and cache-busted (right after the
# security middleware, as WhiteNoise asks).
_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_security],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_security:],
]
