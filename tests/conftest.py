"""Shared fixtures: the bundled page, parsed once per test session."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import bozhou_tasks
from bozhou_tasks.models import Notice

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
PAGE_HTML = RAW / "bozhou-2024-50.html"
PAGE_TXT = RAW / "bozhou-2024-50.txt"


@pytest.fixture(scope="session")
def html_notice() -> Notice:
    return bozhou_tasks.parse(PAGE_HTML)


@pytest.fixture(scope="session")
def txt_notice() -> Notice:
    return bozhou_tasks.parse(PAGE_TXT)


@pytest.fixture(scope="session", params=["html", "txt"])
def notice(request: pytest.FixtureRequest, html_notice: Notice, txt_notice: Notice) -> Notice:
    """The bundled page, once from its HTML save and once from its text capture."""
    return html_notice if request.param == "html" else txt_notice


@pytest.fixture(scope="session")
def page_html() -> str:
    return PAGE_HTML.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def page_txt() -> str:
    return PAGE_TXT.read_text(encoding="utf-8")


PROPERTY_RUNS = pytest.StashKey[Counter[str]]()
"""Generated inputs the property tests ran, by property and outcome (see test_properties.py)."""


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    runs = config.stash.get(PROPERTY_RUNS, None)
    if runs:
        detail = ", ".join(f"{count} {name}" for name, count in sorted(runs.items()))
        terminalreporter.write_line(f"property tests ran {sum(runs.values())} generated inputs ({detail})")
