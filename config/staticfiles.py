"""Static files as the site serves and production collects them: the site's own assets and
the front-end libraries it uses, never a test tool. axe-core is loaded by the browser tests
themselves (tests/browser/conftest.py); this finder keeps even a stale copy in static/vendor/
(left by an older bin/assets) out of collectstatic and the development server alike."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.utils import matches_patterns

TEST_TOOLS = ["*axe-core*", "*axe.min.js", "*axe.js"]


class FileSystemFinder(finders.FileSystemFinder):
    """Django's finder for STATICFILES_DIRS, blind to test tools."""

    def find_location(self, root: str, path: str, prefix: str | None = None) -> str | None:
        if matches_patterns(path, TEST_TOOLS):
            return None
        return super().find_location(root, path, prefix)

    def list(self, ignore_patterns: Iterable[str] | None) -> Iterable[Any]:
        return super().list([*(ignore_patterns or []), *TEST_TOOLS])
