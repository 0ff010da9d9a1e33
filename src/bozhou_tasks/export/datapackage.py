"""The Frictionless data package (`datapackage.json`) that describes the CSV tables.

Generated from the table descriptions in `tables.TABLES`: field types, meanings, enums,
primary and foreign keys, plus the sources, version and licence note. Validate it with
``frictionless validate datapackage.json``.
"""

from __future__ import annotations

import json
from typing import Any

from ..models import Notice
from .tables import TABLES, Column, Table

PROFILE = "tabular-data-package"

LICENCE_NOTE = (
    "The tables are compiled by bz-tasks and released under the MIT licence, like the code. The text they quote "
    "comes from official documents of Chinese government bodies; documents of an administrative nature are "
    "excluded from copyright by Article 5 of the Copyright Law of the People's Republic of China, but check the "
    "publishing site's terms before republishing its pages."
)


def descriptor(documents: list[tuple[str, Notice]], *, bom: bool = False) -> dict[str, Any]:
    """The data package descriptor for the CSV tables of `documents` (`bom`: CSVs start with a BOM)."""
    from .. import __version__

    titles = [notice.plan.title if notice.plan else notice_id for notice_id, notice in documents]
    return {
        "profile": PROFILE,
        "name": "bz-tasks-livelihood-projects",
        "title": "; ".join(titles) if titles else "Livelihood projects (民生实事)",
        "description": (
            "Municipal livelihood projects (民生实事) as tidy tables: categories, items, lead units, measures, "
            "quantities, breakdowns (long format), rates and findings, each value with the character span of "
            "the source text it was read from. Columns ending in _en are English from the bz-tasks glossary. "
            + LICENCE_NOTE
        ),
        "version": __version__,
        "licenses": [{"name": "MIT", "path": "https://opensource.org/licenses/MIT", "title": "MIT License"}],
        "sources": [
            {
                "title": notice.notice.title or notice_id,
                "path": notice.source.path or "",
                "description": f"Parsed into the structured document {notice_id} (sha256 {notice.source.sha256}).",
            }
            for notice_id, notice in documents
        ],
        "keywords": ["民生实事", "livelihood projects", "local government", "China", "public policy targets"],
        "resources": [resource(spec, bom=bom) for spec in TABLES],
    }


def resource(spec: Table, *, bom: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [field(column) for column in spec.columns],
        "primaryKey": list(spec.primary_key),
        "missingValues": [""],
    }
    required = {column.name for column in spec.columns if column.required}
    # Frictionless checks a composite key even when one of its columns is empty (a finding about the
    # page as a whole has no item), so keys over optional columns are left to the codebook and SQLite.
    keys = [key for key in spec.foreign_keys if required.issuperset(key.columns)]
    if keys:
        schema["foreignKeys"] = [
            {
                "fields": list(key.columns),
                # a reference to the table itself is written as an empty resource name
                "reference": {
                    "resource": "" if key.table == spec.name else key.table,
                    "fields": list(key.table_columns),
                },
            }
            for key in keys
        ]
    return {
        "profile": "tabular-data-resource",
        "name": spec.name,
        "path": f"{spec.name}.csv",
        "title": spec.title,
        "description": spec.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig" if bom else "utf-8",
        "schema": schema,
    }


def field(column: Column) -> dict[str, Any]:
    out: dict[str, Any] = {"name": column.name, "type": column.type, "description": column.description}
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if constraints:
        out["constraints"] = constraints
    return out


def to_json(documents: list[tuple[str, Notice]], *, bom: bool = False) -> str:
    return json.dumps(descriptor(documents, bom=bom), ensure_ascii=False, indent=2) + "\n"
