"""Hooks let a higher app answer a lower app's question without the lower one importing it."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from rosette.core.hooks import Hook


def test_a_hook_nobody_answers_fails_loudly() -> None:
    hook: Hook[Callable[[], int]] = Hook("a question for this test")
    with pytest.raises(ImproperlyConfigured, match="a question for this test"):
        hook.call()


def test_a_hook_has_one_answer() -> None:
    def answer() -> int:
        return 1

    def other() -> int:
        return 2

    hook: Hook[Callable[[], int]] = Hook("one answer")
    hook.connect(answer)
    hook.connect(answer)  # the same app starting again is fine
    with pytest.raises(ImproperlyConfigured, match="Two functions"):
        hook.connect(other)
    assert hook.call() == 1


def test_every_hook_an_app_declares_is_answered_once_django_has_started() -> None:
    declared = {}
    for config in apps.get_app_configs():
        name = f"{config.name}.hooks"
        if config.name.startswith("rosette.") and importlib.util.find_spec(name):
            module = importlib.import_module(name)
            for attribute, value in vars(module).items():
                if isinstance(value, Hook):
                    declared[f"{name}.{attribute}"] = value
    assert "rosette.core.hooks.holds_role" in declared
    assert [name for name, hook in declared.items() if not hook.connected] == []
