"""The test suite: fast hashing, mail kept in memory, tasks run at once."""

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
