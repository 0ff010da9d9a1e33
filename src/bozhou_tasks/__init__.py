"""bz-tasks: turn Chinese municipal livelihood-project notices (民生实事) into datasets.

Library first: `parse` a saved page into a `Notice`; the `bz-tasks` command is a thin
adapter over these functions.

The names below are imported on first use (PEP 562), so that `bz-tasks --help` and
`bz-tasks --version` start without building the pydantic models or loading lxml.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .errors import BzTasksError, InputError, OutputError

if TYPE_CHECKING:
    from .fetch import FetchOptions, fetch_all
    from .models import SCHEMA_VERSION, Category, Finding, Item, Measure, Notice
    from .pipeline import parse
    from .validate import Check, Report, validate

__version__ = "0.1.0"

_LAZY = {
    "SCHEMA_VERSION": "models",
    "Category": "models",
    "Finding": "models",
    "Item": "models",
    "Measure": "models",
    "Notice": "models",
    "parse": "pipeline",
    "fetch_all": "fetch",
    "FetchOptions": "fetch",
    "Check": "validate",
    "Report": "validate",
    "validate": "validate",
}
"""Public names that live in heavy modules, and the module each comes from."""

__all__ = [
    "SCHEMA_VERSION",
    "BzTasksError",
    "Category",
    "Check",
    "FetchOptions",
    "Finding",
    "InputError",
    "Item",
    "Measure",
    "Notice",
    "OutputError",
    "Report",
    "__version__",
    "fetch_all",
    "parse",
    "validate",
]


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
