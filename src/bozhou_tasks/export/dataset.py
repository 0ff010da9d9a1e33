"""The research dataset: structured documents in; CSV tables, a data package, SQLite and Parquet out.

Every output is built in memory first and only then written, each file atomically, so a
failure (bad input, a missing optional library) leaves the output folder as it was.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, OutputError
from ..load.decode import PAGE_SUFFIXES
from ..models import Notice
from .documents import ensure_dir, read_document, write_atomic

FORMATS = ("csv", "sqlite", "parquet")
DEFAULT_FORMATS = ("csv", "sqlite")
SQLITE_NAME = "bz-tasks.sqlite"
DOCUMENT_SUFFIXES = (".json", ".yaml", ".yml")
"""Structured documents, in order of preference when a folder holds one under several names."""


def document_paths(paths: list[Path]) -> list[Path]:
    """The structured documents named by `paths` (files, or folders of them), one per document id.

    A folder holding `x.json` and `x.yaml` (the two files `parse` writes) gives `x.json`.
    """
    chosen: dict[str, Path] = {}
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
            if not found:
                raise InputError(f"{path}: no structured documents (.json, .yaml) in this folder; run 'bz-tasks parse'")
            for candidate in sorted(found, key=lambda p: DOCUMENT_SUFFIXES.index(p.suffix.lower())):
                chosen.setdefault(candidate.stem, candidate)
            continue
        if path.suffix.lower() in PAGE_SUFFIXES:
            raise InputError(
                f"{path}: this is a saved page, not a structured document; run 'bz-tasks parse {path}' first"
            )
        if not path.exists():
            raise InputError(
                f"{path}: no such file; give a structured document (.json or .yaml) written by 'bz-tasks parse'"
            )
        if path.stem in chosen and chosen[path.stem] != path:
            raise InputError(f"{path}: another document is also called {path.stem!r}; document ids must be unique")
        chosen[path.stem] = path
    return list(chosen.values())


def read_documents(paths: list[Path]) -> list[tuple[str, Notice]]:
    """Read the documents named by `paths`; each comes with its id (the file name without extension)."""
    return [(path.stem, read_document(path)) for path in document_paths(paths)]


def outputs(
    documents: list[tuple[str, Notice]], formats: tuple[str, ...] = DEFAULT_FORMATS, *, excel: bool = False
) -> dict[str, str | bytes]:
    """Every file of the dataset (file name → content), built in memory."""
    from . import datapackage, tables

    unknown = [name for name in formats if name not in FORMATS]
    if unknown:
        raise OutputError(f"unknown format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    rows = tables.build(documents)
    files: dict[str, str | bytes] = {}
    if "csv" in formats:
        for spec in tables.TABLES:
            files[f"{spec.name}.csv"] = tables.to_csv(spec, rows[spec.name], bom=excel)
        files["datapackage.json"] = datapackage.to_json(documents, bom=excel)
    if "sqlite" in formats:
        from .sqlite import database

        files[SQLITE_NAME] = database(rows)
    if "parquet" in formats:
        from .parquet import to_parquet

        for spec in tables.TABLES:
            files[f"{spec.name}.parquet"] = to_parquet(spec, rows[spec.name])
    return files


def export_dataset(
    documents: list[tuple[str, Notice]],
    out_dir: Path,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    *,
    excel: bool = False,
) -> list[Path]:
    """Write the dataset of `documents` into `out_dir`; return the paths written."""
    files = outputs(documents, formats, excel=excel)
    ensure_dir(out_dir)
    written = []
    for name, content in files.items():
        write_atomic(out_dir / name, content)
        written.append(out_dir / name)
    return written
