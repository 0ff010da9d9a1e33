"""Parquet files of the tables, for readers who prefer typed columnar files.

Optional: needs pyarrow (``pip install 'bz-tasks[parquet]'``), which is large, so the
core install does without it. `number` columns are exact decimals (decimal128).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..errors import OutputError
from .tables import Row, Table


def _pyarrow() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise OutputError(
            "Parquet output needs pyarrow, which is not installed; run pip install 'bz-tasks[parquet]' "
            "or leave parquet out of --format"
        ) from None
    return pa, pq


def _scale(values: list[Decimal]) -> int:
    """Digits after the point needed to hold every value exactly."""
    exponents = [value.normalize().as_tuple().exponent for value in values]
    return max([0, *(-exponent for exponent in exponents if isinstance(exponent, int))])


def to_parquet(spec: Table, rows: list[Row]) -> bytes:
    """The table as the bytes of a Parquet file."""
    pa, pq = _pyarrow()
    arrays = []
    fields = []
    for column in spec.columns:
        values = [row[column.name] for row in rows]
        if column.type == "number":
            decimals = [value for value in values if isinstance(value, Decimal)]
            kind = pa.decimal128(38, _scale(decimals))
        else:
            kind = {"string": pa.string(), "integer": pa.int64(), "boolean": pa.bool_(), "date": pa.date32()}[
                column.type
            ]
        arrays.append(pa.array(values, type=kind))
        fields.append(pa.field(column.name, kind, nullable=not column.required))
    table = pa.Table.from_arrays(arrays, schema=pa.schema(fields))
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    data: bytes = sink.getvalue().to_pybytes()
    return data
