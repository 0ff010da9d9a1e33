"""The command starts without loading what only parsing needs (a fast `--help` in CI and shells)."""

from __future__ import annotations

import subprocess
import sys
from types import ModuleType

import pytest

import bozhou_tasks
from bozhou_tasks import models, pipeline

HEAVY = ("bozhou_tasks.models", "bozhou_tasks.pipeline", "pydantic", "lxml", "yaml", "bs4", "charset_normalizer")
"""Modules that cost tens of milliseconds to import and are needed only once a page is parsed."""


def test_importing_the_command_loads_no_heavy_module() -> None:
    code = f"import sys, bozhou_tasks.cli; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"


@pytest.mark.parametrize(
    ("name", "home"),
    [
        ("parse", pipeline),
        ("Notice", models),
        ("Item", models),
        ("Measure", models),
        ("Category", models),
        ("Finding", models),
        ("SCHEMA_VERSION", models),
    ],
)
def test_public_names_resolve_on_first_use(name: str, home: ModuleType) -> None:
    assert name in bozhou_tasks.__all__
    assert name in dir(bozhou_tasks)
    assert getattr(bozhou_tasks, name) is getattr(home, name)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        _ = bozhou_tasks.nope  # type: ignore[attr-defined]
