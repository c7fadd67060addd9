"""Strict environment parsing: every setting read from the environment goes through here.

A malformed value fails loudly at start-up instead of silently falling back to a default.
Secrets may also be given as ``NAME_FILE`` pointing at a file that holds the value.
"""

from __future__ import annotations

import os
from pathlib import Path


class EnvError(RuntimeError):
    """An environment variable is missing or malformed."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    file_path = os.environ.get(f"{name}_FILE")
    if value is not None and file_path is not None:
        raise EnvError(f"Set {name} or {name}_FILE, not both.")
    if file_path is not None:
        try:
            return Path(file_path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise EnvError(f"{name}_FILE={file_path!r} cannot be read: {exc}") from exc
    return value


def env_str(name: str, default: str | None = None) -> str:
    value = _raw(name)
    if value is None:
        if default is None:
            raise EnvError(f"Environment variable {name} is required.")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise EnvError(f"{name}={value!r} is not a boolean (use true or false).")


def env_int(name: str, default: int) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise EnvError(f"{name}={value!r} is not a whole number.") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = _raw(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]
