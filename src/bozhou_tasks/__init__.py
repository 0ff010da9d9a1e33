"""bz-tasks: turn Chinese municipal livelihood-project notices (民生实事) into datasets.

Library first: `parse` a saved page into a `Notice`; the `bz-tasks` command is a thin
adapter over these functions.

The names below are imported on first use (PEP 562), so that `bz-tasks --help` and
`bz-tasks --version` start without building the pydantic models or loading lxml.

`bozhou_tasks.validate` is the function, in any import order: the submodule of the same
name is `bozhou_tasks.validate` in `sys.modules` (``from bozhou_tasks.validate import Report``).
"""

from __future__ import annotations

import importlib
import sys
import types
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


_SHADOWED = frozenset(name for name, module in _LAZY.items() if name == module)
"""Public functions named like the submodule that holds them (`validate`)."""


class _Package(types.ModuleType):
    """This package's module type: a public function keeps its name when its submodule is imported.

    Importing a submodule binds it on its package (`import bozhou_tasks.validate`, which
    parsing does, sets `bozhou_tasks.validate` to the module), and would hide the function
    of the same name that the API documents.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            return  # the module stays reachable through sys.modules and `from … import`
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
