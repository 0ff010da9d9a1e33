"""Checks across files: is `data/structured/` what parsing `data/raw/` gives today?

A structured document is fresh when re-parsing its source page gives the same JSON byte
for byte, its YAML says the same as its JSON, and every other save of the page (same
name, another format) parses to the same content. A page in the raw folder without a
document is reported too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .errors import BzTasksError
from .export.documents import read_document, to_json
from .load.decode import PAGE_SUFFIXES
from .models import Finding, Notice
from .pipeline import content_differences, parse
from .validate import Check, Report, validate


def validate_dataset(structured: Path, raw: Path) -> list[Report]:
    """A report per document in `structured`, with its freshness against `raw`."""
    documents = sorted(structured.glob("*.json"))
    reports = [validate_document_file(path, fresh_against=raw) for path in documents]
    covered = {path.stem for path in documents}
    orphans = (
        [page for page in sorted(raw.iterdir()) if page.suffix.lower() in PAGE_SUFFIXES and page.stem not in covered]
        if raw.is_dir()
        else []
    )
    if orphans:
        report = Report(path=str(raw))
        for page in orphans:
            report.findings.append(
                Finding(
                    severity="error",
                    code="stale-document",
                    message=f"{page} has no structured document in {structured}; run bz-tasks parse",
                )
            )
        reports.append(report)
    return reports


def validate_document_file(path: Path, fresh_against: Path | None = None) -> Report:
    """Validate a structured document; with `fresh_against`, also check it is current."""
    notice = read_document(path)
    report = validate(notice, path=str(path))
    if fresh_against is not None:
        results = list(_freshness(path, notice, fresh_against))
        report.checks[:0] = [r for r in results if isinstance(r, Check)]
        report.findings[:0] = [r for r in results if isinstance(r, Finding)]
    return report


def _freshness(path: Path, notice: Notice, raw: Path) -> Iterator[Check | Finding]:
    written = path.read_text(encoding="utf-8")
    source = Path(notice.source.path) if notice.source.path else None
    if source is None or not source.is_file():
        yield _stale(f"{path}: its source page {source} is missing; restore it or run bz-tasks parse")
        return
    try:
        current = parse(source)
    except BzTasksError as exc:
        yield _stale(f"{path}: its source page no longer parses ({exc})")
        return
    fresh = to_json(current) == written
    yield Check(
        code="fresh",
        subject=str(path),
        passed=fresh,
        detail=f"re-parsing {source} gives {'the same' if fresh else 'a different'} document",
    )
    if not fresh:
        changed = "; ".join(content_differences(notice, current)[:3]) or "same content, other spans or findings"
        yield _stale(f"{path} is stale: re-parsing {source} gives a different document ({changed}); run bz-tasks parse")
    yaml_path = path.with_suffix(".yaml")
    if yaml_path.is_file():
        try:
            same = read_document(yaml_path) == notice
        except BzTasksError:
            same = False
        detail = f"{'says the same as' if same else 'differs from'} {path.name}"
        yield Check(code="fresh", subject=str(yaml_path), passed=same, detail=detail)
        if not same:
            yield _stale(f"{yaml_path} differs from {path}; run bz-tasks parse")
    for twin in sorted(raw.glob(f"{path.stem}.*")):
        if twin.suffix.lower() not in PAGE_SUFFIXES or twin.resolve() == source.resolve():
            continue
        differences = content_differences(current, parse(twin))
        yield Check(
            code="twin",
            subject=str(twin),
            passed=not differences,
            detail=f"{'says the same as' if not differences else 'differs from'} {source}",
        )
        if differences:
            yield Finding(
                severity="error",
                code="twin-mismatch",
                message=f"{twin} does not say the same as {source}: {'; '.join(differences[:5])}",
            )


def _stale(message: str) -> Finding:
    return Finding(severity="error", code="stale-document", message=message)
