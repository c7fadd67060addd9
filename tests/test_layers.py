"""The layers hold, and the checks that hold them fail when they should (docs/adr/0012-layers.md).

bin/lint runs ``lint-imports`` and ``makemigrations --check``; .ci/run runs bin/coverage-floors.
These tests prove each one fails on the mistake it is there to catch, on a copy of the code with
the mistake made, and that templates (which import-linter cannot see) keep the same layers.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.template import engines

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LINT_IMPORTS = str(Path(PYTHON).parent / "lint-imports")


def _env(**extra: str) -> dict[str, str]:
    """This process's environment without the coverage of the test run itself."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COV_CORE")}
    env.update(extra)
    return env


def _copy(tmp_path: Path, *names: str) -> Path:
    for name in names:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    return tmp_path


def _lint_imports(where: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter's tool, on our own files
        [LINT_IMPORTS, "--no-cache", str(where / "pyproject.toml")],
        cwd=where,
        env=_env(PYTHONPATH=str(where)),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _layers() -> list[set[str]]:
    """The layers contract of pyproject.toml, top floor first: one set of apps per floor."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        contracts = tomllib.load(handle)["tool"]["importlinter"]["contracts"]
    (layers,) = (c for c in contracts if c["id"] == "layers")
    return [{app.strip() for app in floor.split("|")} for floor in layers["layers"]]


# --- import contracts ----------------------------------------------------------------------------


def test_the_code_keeps_every_import_contract() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "source", "broken"),
    [
        (
            "catalogue/_mistake.py",
            "from rosette.applications.models import Application\n",
            "rosette.catalogue is not allowed to import rosette.applications",
        ),
        (
            "core/_mistake.py",
            "def later() -> None:\n    from rosette.accounts import roles  # noqa\n",
            "rosette.core is not allowed to import rosette.accounts",
        ),
        (
            "applications/_mistake.py",
            "from rosette.assessment import selectors\n",
            "rosette.applications is not allowed to import rosette.assessment",
        ),
        (
            "privacy/_mistake.py",
            "import django.utils.text\n",
            "rosette.privacy is not allowed to import django",
        ),
    ],
)
def test_an_import_that_breaks_a_layer_fails_lint(
    tmp_path: Path, module: str, source: str, broken: str
) -> None:
    where = _copy(tmp_path, "rosette", "pyproject.toml")
    assert _lint_imports(where).returncode == 0
    (where / "rosette" / module).write_text(source)
    result = _lint_imports(where)
    assert result.returncode != 0
    assert broken in " ".join(result.stdout.split())


def test_a_new_app_must_be_given_its_layer(tmp_path: Path) -> None:
    where = _copy(tmp_path, "rosette", "pyproject.toml")
    (where / "rosette" / "backpack").mkdir()
    (where / "rosette" / "backpack" / "__init__.py").write_text("")
    result = _lint_imports(where)
    assert result.returncode != 0
    assert "rosette.backpack" in result.stdout


# --- migrations ----------------------------------------------------------------------------------


def _makemigrations_check(where: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [PYTHON, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=where,
        env=_env(
            DJANGO_SETTINGS_MODULE="config.settings.test",
            DATABASE_URL=f"sqlite:///{where / 'check.sqlite3'}",
            PYTHONPATH=str(where),
        ),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_model_change_without_its_migration_fails_lint(tmp_path: Path) -> None:
    where = _copy(tmp_path, "rosette", "config", "manage.py")
    (where / "var").mkdir()
    checked = _makemigrations_check(where)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    models = where / "rosette" / "teams" / "models.py"
    source = models.read_text()
    assert "class Organisation(BaseModel):\n" in source
    models.write_text(
        source.replace(
            "class Organisation(BaseModel):\n",
            "class Organisation(BaseModel):\n    motto = models.CharField(max_length=20)\n",
        )
    )
    result = _makemigrations_check(where)
    assert result.returncode == 1
    assert "motto" in result.stdout


# --- coverage floors -----------------------------------------------------------------------------


def test_coverage_below_a_floor_fails_ci(tmp_path: Path) -> None:
    data = tmp_path / ".coverage"
    measure = (
        "import coverage\n"
        f"cov = coverage.Coverage(data_file={str(data)!r}, branch=True, source=['rosette'])\n"
        "cov.start()\n"
        "from rosette.privacy import screen\n"
        "screen('Call me on 07700 900123.')\n"
        "cov.stop()\n"
        "cov.save()\n"
    )
    subprocess.run(  # noqa: S603 - our own interpreter
        [PYTHON, "-c", measure], cwd=ROOT, env=_env(), check=True, timeout=120
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [PYTHON, "bin/coverage_floors.py", "--data-file", str(data)],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if "floor" in line}
    assert "BELOW" in lines["rosette/privacy"]  # a screen is not the whole screener's tests
    assert "BELOW" in lines["rosette/applications"]  # not measured at all


# --- templates -----------------------------------------------------------------------------------


def _app_of_template_dir() -> dict[str, str]:
    return {
        folder.name: folder.parent.parent.name
        for folder in (ROOT / "rosette").glob("*/templates/*")
        if folder.is_dir()
    }


def _template_uses(path: Path) -> tuple[list[str], list[str]]:
    """The tag libraries a template loads, and the template folders it includes or extends."""
    text = path.read_text(encoding="utf-8")
    libraries: list[str] = []
    for found in re.finditer(r"{%\s*load\s+(.+?)\s*%}", text):
        words = found.group(1).split()
        libraries += words[words.index("from") + 1 :] if "from" in words else words
    folders = re.findall(r"{%\s*(?:include|extends)\s+[\"']([\w-]+)/", text)
    return libraries, folders


def test_templates_keep_the_layers_too() -> None:
    """A template may load tags from, and include templates of, its own app or apps below it."""
    floor = {app: n for n, apps in enumerate(_layers()) for app in apps}
    libraries = engines["django"].engine.libraries  # type: ignore[attr-defined]
    app_of_library = {
        name: module.split(".")[1]
        for name, module in libraries.items()
        if module.startswith("rosette.")
    }
    app_of_folder = _app_of_template_dir()
    wrong = []
    for path in (ROOT / "rosette").glob("*/templates/**/*.*"):
        app = path.relative_to(ROOT / "rosette").parts[0]
        loads, folders = _template_uses(path)
        used = {app_of_library[lib] for lib in loads if lib in app_of_library}
        used |= {app_of_folder[f] for f in folders if f in app_of_folder}
        for other in used - {app}:
            if floor[other] <= floor[app]:
                wrong.append(f"{path.relative_to(ROOT)} uses {other}")
    assert wrong == []


_IGNORE = re.compile(r"#\s*type:\s*ignore(?P<codes>\[[^\]]*\])?(?P<rest>.*)$")


def test_every_type_ignore_names_its_error_and_says_why() -> None:
    """Issue 13: no ``type: ignore`` without a reason on the line, in the code CI type-checks
    (config, rosette, bench; tests may silence a checker where a test must misuse a type)."""
    bare = []
    for top in ("config", "rosette", "bench"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                found = _IGNORE.search(line)
                if found and not (found["codes"] and found["rest"].strip().startswith("#")):
                    bare.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert bare == [], "Say which error and why, e.g. `# type: ignore[attr-defined]  # why`"
