"""What production serves is the site's own assets, never a test tool (issue 12, finding 11):
axe-core, which the browser tests inject into every page, is not among the static files
collected for production."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.core.management import call_command


def test_collected_static_files_hold_no_test_tools(tmp_path: Path, settings: Any) -> None:
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", interactive=False, verbosity=0)
    collected = [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()]
    assert "rosette/site.js" in collected  # the site's own files are there
    assert [name for name in collected if "axe" in name.lower()] == []


def test_a_stale_vendored_copy_of_a_test_tool_is_not_collected(
    tmp_path: Path, settings: Any
) -> None:
    """A copy left in static/vendor/ by an older bin/assets is still not collected."""
    stale = tmp_path / "static"
    (stale / "vendor" / "axe-core").mkdir(parents=True)
    (stale / "vendor" / "axe-core" / "axe.min.js").write_text("/* axe */")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, stale]
    settings.STATIC_ROOT = tmp_path / "collected"
    call_command("collectstatic", interactive=False, verbosity=0)
    collected = [p.name for p in (tmp_path / "collected").rglob("*") if p.is_file()]
    assert "axe.min.js" not in collected
    # Nor served by the development server, which finds files the same way.
    assert finders.find("vendor/axe-core/axe.min.js") is None
    assert finders.find("rosette/site.js") is not None
