"""Validation reports as text: a table for people, JSON for machines."""

from __future__ import annotations

import json

from .checks import Report

MARKS = {True: "✓", False: "✗"}


def render_table(reports: list[Report], *, strict: bool = False) -> str:
    """Every check with its arithmetic, then the findings, then a one-line summary with the verdict.

    The verdict is the exit code's: FAILED on any error, and with `strict` on any warning too.
    """
    lines: list[str] = []
    for report in reports:
        lines.append(report.path or "input")
        width = max((len(check.code) for check in report.checks), default=0)
        lines.extend(
            f"  {MARKS[check.passed]} {check.code:<{width}}  {check.subject}: {check.detail}" for check in report.checks
        )
        if report.findings:
            lines.append("  findings:")
        for finding in report.findings:
            where = " ".join(
                part
                for part in (
                    f"item {finding.item}" if finding.item is not None else "",
                    f"[{finding.span[0]}, {finding.span[1]})" if finding.span else "",
                )
                if part
            )
            lines.append(f"    {finding.severity:<7} {finding.code}  {where}{': ' if where else ''}{finding.message}")
    lines.append(_summary(reports, strict))
    return "\n".join(lines) + "\n"


def render_json(reports: list[Report], *, strict: bool = False) -> str:
    """The reports as JSON (a list, one object per document, each with `failed`), with a summary.

    `summary.failed` is the verdict the exit code gives (1 when true); `summary.strict` says
    whether warnings counted.
    """
    data = {
        "reports": [{**report.model_dump(mode="json"), "failed": report.failed(strict)} for report in reports],
        "summary": {**_counts(reports), "strict": strict, "failed": failed(reports, strict)},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _counts(reports: list[Report]) -> dict[str, int]:
    checks = [check for report in reports for check in report.checks]
    return {
        "documents": len(reports),
        "checks": len(checks),
        "passed": sum(check.passed for check in checks),
        "errors": sum(report.count("error") for report in reports),
        "warnings": sum(report.count("warning") for report in reports),
        "info": sum(report.count("info") for report in reports),
    }


def failed(reports: list[Report], strict: bool = False) -> bool:
    """The verdict: True if any report failed (errors; with `strict`, warnings too)."""
    return any(report.failed(strict) for report in reports)


def _summary(reports: list[Report], strict: bool) -> str:
    c = _counts(reports)
    verdict = "FAILED" if failed(reports, strict) else "ok"
    if strict and verdict == "FAILED" and not c["errors"]:
        verdict += " (--strict: warnings fail)"
    return (
        f"{verdict}: {c['checks']} checks, {c['passed']} passed; "
        f"{c['errors']} errors, {c['warnings']} warnings, {c['info']} info"
    )
