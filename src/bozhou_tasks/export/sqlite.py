"""One SQLite database with every table, its keys, and views ready for datasette.

Built in memory from `tables.TABLES` and serialised to bytes, so the file is written in
one atomic step. Identifiers are those of the CSV tables; `number` columns have NUMERIC
affinity (SQLite has no exact decimal: the exact value is in the CSV and in `text`).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal

from .tables import TABLES, Row, Table, Value

SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "NUMERIC", "boolean": "INTEGER", "date": "TEXT"}

VIEWS = {
    "breakdown_parts_by_item": """
        SELECT p.notice, p.item, i.category, c.name AS category_name, c.name_en AS category_name_en,
               i.headline, p.breakdown, b.subject, b.dimension,
               b.total_value, b.total_unit, b.total_qualifier,
               p.part, p.label, p.region, p.region_en, p.value, p.unit, p.unit_en, p.qualifier,
               p.text, p.span_start, p.span_end
        FROM breakdown_parts AS p
        JOIN breakdowns AS b ON b.notice = p.notice AND b.item = p.item AND b.breakdown = p.breakdown
        JOIN items AS i ON i.notice = p.notice AND i.item = p.item
        LEFT JOIN categories AS c ON c.notice = i.notice AND c.category = i.category
        ORDER BY p.notice, p.item, p.breakdown, p.part""",
}
"""Views created in the database: name → SELECT."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_table(spec: Table) -> str:
    """The CREATE TABLE statement of a table: typed columns, NOT NULL, primary and foreign keys."""
    lines = []
    for column in spec.columns:
        line = f"{_quote(column.name)} {SQL_TYPES[column.type]}"
        if column.required:
            line += " NOT NULL"
        if column.type == "boolean":
            line += f" CHECK ({_quote(column.name)} IN (0, 1))"
        if column.enum:
            values = ", ".join("'" + value.replace("'", "''") + "'" for value in column.enum)
            line += f" CHECK ({_quote(column.name)} IN ({values}))"
        lines.append(line)
    lines.append(f"PRIMARY KEY ({', '.join(map(_quote, spec.primary_key))})")
    lines.extend(
        f"FOREIGN KEY ({', '.join(map(_quote, key.columns))}) "
        f"REFERENCES {_quote(key.table)} ({', '.join(map(_quote, key.table_columns))})"
        for key in spec.foreign_keys
    )
    body = ",\n  ".join(lines)
    return f"CREATE TABLE {_quote(spec.name)} (\n  {body}\n)"


def _sql_value(value: Value) -> str | int | float | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def database(rows: dict[str, list[Row]]) -> bytes:
    """The SQLite database holding `rows` (as built by `tables.build`), as the bytes of a file."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        for spec in TABLES:  # in dependency order: referenced tables come first
            connection.execute(create_table(spec))
            names = spec.column_names
            statement = (
                f"INSERT INTO {_quote(spec.name)} ({', '.join(map(_quote, names))}) "
                f"VALUES ({', '.join('?' for _ in names)})"
            )
            connection.executemany(statement, ([_sql_value(row[name]) for name in names] for row in rows[spec.name]))
        for name, select in VIEWS.items():
            connection.execute(f"CREATE VIEW {_quote(name)} AS {select}")
        connection.commit()
        return connection.serialize()
    finally:
        connection.close()
