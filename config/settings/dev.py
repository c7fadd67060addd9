"""Local development: debug on, readable logs, mail to the console."""

from config.settings.base import *  # noqa: F403
from config.settings.base import LOGGING

DEBUG = True
LOGGING["handlers"]["console"]["formatter"] = "plain"
