"""bz-tasks: turn Chinese municipal livelihood-project notices (民生实事) into datasets.

Library first: `parse` a saved page into a `Notice`; the `bz-tasks` command is a thin
adapter over these functions.
"""

from __future__ import annotations

from .errors import BzTasksError, InputError, OutputError
from .models import SCHEMA_VERSION, Category, Finding, Item, Measure, Notice
from .pipeline import parse
from .validate import Check, Report, validate

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "BzTasksError",
    "Category",
    "Check",
    "Finding",
    "InputError",
    "Item",
    "Measure",
    "Notice",
    "OutputError",
    "Report",
    "__version__",
    "parse",
    "validate",
]
