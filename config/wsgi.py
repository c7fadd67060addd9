"""WSGI entry point. Production sets DJANGO_SETTINGS_MODULE=config.settings.production."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

django_application = get_wsgi_application()

# Public documents kept for anonymous readers are answered before Django (ADR 0013).
from rosette.core.public_cache import PublicCacheApplication  # noqa: E402 - after set-up

application = PublicCacheApplication(django_application)

# Everything loaded so far lives as long as the process: keep it out of the garbage
# collector's full passes, which otherwise pause a worker for tens of milliseconds (p99).
gc.collect()
gc.freeze()
