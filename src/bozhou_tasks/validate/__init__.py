"""Stage 4, validate: check a parsed notice and return a report.

`checks` holds the checks and `validate`, which runs them into a `Report`; `anomalies`
finds what a page gets wrong in its numbering; `arithmetic` decides whether a breakdown's
parts agree with its total; `output` prints reports as a table or as JSON.
"""

from __future__ import annotations

from .checks import Check, Report, validate

__all__ = ["Check", "Report", "validate"]
