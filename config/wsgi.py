"""WSGI entry point. Production sets DJANGO_SETTINGS_MODULE=config.settings.production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

django_application = get_wsgi_application()

# Public documents kept for anonymous readers are answered before Django (ADR 0013).
from rosette.core.public_cache import PublicCacheApplication  # noqa: E402 - after set-up

application = PublicCacheApplication(django_application)
