"""The test suite: fast hashing, mail kept in memory, tasks run at once."""

import os
import tempfile
from pathlib import Path

from config.settings.base import *  # noqa: F403
from config.settings.base import LOGGING

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LOGGING["handlers"]["console"]["formatter"] = "plain"
LOGGING["root"]["level"] = "WARNING"
ACCOUNT_RATE_LIMITS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ROSETTE_ALLOW_DEMO = True

# Browser tests run a live server whose request threads need their own connections; an
# in-memory SQLite database cannot be shared between threads, so tests use a file (WAL),
# one per test process so that runs side by side never share one.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"rosette-test-{os.getpid()}.sqlite3")
    }
    # Live-server threads open and close their own connections, as before persistent ones.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
