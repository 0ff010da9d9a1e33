"""Tidy tables from notices: one row per thing, with keys to join on.

Every table is described once, in `TABLES`: its columns (name, type, meaning), primary
key, foreign keys, and a pure function that yields its rows from one `Notice`. The CSV
files, the data package, the SQLite database, the Parquet files and the codebook are all
generated from these descriptions, so they cannot disagree.

Keys: every table starts with `notice` (the document id: its file name without extension,
e.g. ``bozhou-2024-50``), so that several notices can live in one dataset. Positions
(`measure`, `quantity`, `breakdown`, `part`, `rate`, `finding`, `position`) count from 1
in the order of the document. Spans are `span_start`/`span_end` character offsets (half-open) into
the document's `text`, so every value can be traced to its characters.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, get_args

from pydantic import BaseModel

from ..models import (
    Breakdown,
    BreakdownPart,
    Category,
    Finding,
    Item,
    Measure,
    Notice,
    Qualifier,
    Quantity,
    Rate,
    measure_position,
)
from ..numerals import plain
from ..validate.arithmetic import VERDICTS
from .rows import (
    Row,
    Value,
    breakdown_part_rows,
    breakdown_rows,
    category_rows,
    finding_rows,
    item_rows,
    lead_unit_rows,
    measure_rows,
    notice_rows,
    quantity_rows,
    rate_rows,
)

FieldType = Literal["string", "integer", "number", "boolean", "date"]

__all__ = ["TABLES", "Column", "ForeignKey", "Row", "Table", "Value", "build", "measure_position"]


@dataclass(frozen=True)
class Column:
    """One column: its name, Frictionless type, meaning, and an illustrative example."""

    name: str
    type: FieldType
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None
    example: str | None = None
    """Shown in the codebook when the bundled notice has no value for this column yet."""


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    table_columns: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    rows: Callable[[str, Notice], Iterator[Row]]

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


def _doc(model: type[BaseModel], field: str) -> str:
    """The description of a model field (so the models stay the one place a meaning is written)."""
    description = model.model_fields[field].description
    assert description, f"{model.__name__}.{field} has no description"
    return description


def _fk(columns: str, table: str, table_columns: str | None = None) -> ForeignKey:
    return ForeignKey(tuple(columns.split()), table, tuple((table_columns or columns).split()))


# --- shared columns ------------------------------------------------------------------------

NOTICE = Column(
    "notice",
    "string",
    "Document id: the structured document's file name without extension.",
    True,
    example="bozhou-2024-50",
)
ITEM = Column(
    "item",
    "integer",
    "The item's key: its place in the notice, from 1. It is the item's number where the plan numbers its "
    "items 1…n straight through (1…50 on the Bozhou page); `items.number` has the number as printed, which "
    "may start again in every category.",
    True,
    example="1",
)
START = Column(
    "span_start",
    "integer",
    "Start of the quoted text: character offset into the document's `text`.",
    True,
    example="711",
)
END = Column("span_end", "integer", "End (exclusive) of the quoted text in the document's `text`.", True, example="718")
SPAN_START = Column("span_start", "integer", "Start of the quoted text; empty when the finding has no span.")
SPAN_END = Column("span_end", "integer", "End (exclusive) of the quoted text; empty when the finding has no span.")
QUALIFIERS: tuple[str, ...] = get_args(Qualifier)
MEASURE_REF = Column(
    "measure", "integer", "Measure position the value is in; empty when it is in the headline.", example="2"
)
VALUE = "The value in `unit`, exact, scale word applied (3.5万人 → 35000 人); the lower bound of a range."
VALUE_MAX = "The upper bound of a range (2—3个 → 3), in `unit`; empty otherwise."
AMOUNT_YUAN = "The amount in yuan, exact, scale word applied: 5万元 → 50000."
UNIT = "The unit of `value`: the unit as written without its scale word (3.5万人 → 人; 套(间), %, 元 …)."
VALUE_AS_WRITTEN = "The number as written, in `unit_as_written`: 3.5 for 3.5万人 (`value` is 35000)."
UNIT_AS_WRITTEN = "The unit as written, with its scale word: 万人 for 3.5万人, 人 for 8700人."
CHECK_RULES = ("sum = total", "sum ≥ total", "sum ≤ total", "total ≤ sum ≤ total_max", "each part ≤ total")
LOCATION_COL = Column(
    "location", "string", "'headline', or 'measure N' with N the measure position.", True, example="headline"
)


# --- the tables ------------------------------------------------------------------------------

TABLES: tuple[Table, ...] = (
    Table(
        "notices",
        "Notices",
        "One row per notice: its metadata, plan and source file.",
        (
            NOTICE,
            Column("title", "string", "The notice's title as printed (with the site's tag, if any)."),
            Column("issuer", "string", "The issuing office, from the title."),
            Column("doc_number", "string", "Document number (文号); empty when the page gives none."),
            Column("index_no", "string", "Index number of the government information disclosure (索引号)."),
            Column("publisher", "string", "Publishing body (发布机构)."),
            Column("issued_date", "date", "Date the notice was issued (发文日期 / 成文日期)."),
            Column("published_date", "date", "Date the page was published (发布日期)."),
            Column("signed_date", "date", "Date under the cover letter's signature."),
            Column("plan_title", "string", "Title of the plan, e.g. 亳州市2024年50项民生实事实施方案."),
            Column("plan_year", "integer", "Year of the plan, from its title."),
            Column("declared_item_count", "integer", "Number of items the plan's title declares (from '50项')."),
            Column("category_count", "integer", "Number of categories found.", True),
            Column("item_count", "integer", "Number of items found.", True),
            Column("source_path", "string", "Path of the page the document was parsed from."),
            Column("source_sha256", "string", "SHA-256 of the page's bytes.", True),
            Column("source_encoding", "string", "Codec the page was decoded with.", True),
            Column("schema_version", "string", "Version of the structured document's layout.", True),
        ),
        ("notice",),
        (),
        notice_rows,
    ),
    Table(
        "categories",
        "Categories",
        "One row per category heading, e.g. 一、促进就业(3项).",
        (
            NOTICE,
            Column("category", "integer", "Category number (1 for 一).", True),
            Column("numeral", "string", _doc(Category, "numeral"), True),
            Column("name", "string", "Category name as printed.", True),
            Column("name_en", "string", "English name from the glossary; empty when the glossary has none."),
            Column("declared_item_count", "integer", "Number of items the heading declares (from '(3项)')."),
            Column("item_count", "integer", "Number of items found under the heading.", True),
            Column("text", "string", "The heading line as printed.", True),
            START,
            END,
        ),
        ("notice", "category"),
        (_fk("notice", "notices"),),
        category_rows,
    ),
    Table(
        "items",
        "Items",
        "One row per numbered livelihood project.",
        (
            NOTICE,
            ITEM,
            Column("number", "integer", "The item's number as printed, as an integer (十二 → 12).", True),
            Column("numeral", "string", _doc(Item, "numeral"), True),
            Column("category", "integer", "Number of the category the item is listed under."),
            Column("headline", "string", _doc(Item, "headline"), True),
            Column("name", "string", _doc(Item, "name")),
            Column("headline_rest", "string", _doc(Item, "headline_rest")),
            Column("lead_label", "string", _doc(Item, "lead_label")),
            Column("measures_heading", "string", _doc(Item, "measures_heading")),
            Column("measure_count", "integer", "Number of measures (rows in `measures`).", True),
            Column("quantity_count", "integer", "Number of quantities (rows in `quantities`).", True),
            Column("breakdown_count", "integer", "Number of breakdowns (rows in `breakdowns`).", True),
            Column("rate_count", "integer", "Number of rates (rows in `rates`).", True),
            Column("text", "string", _doc(Item, "text"), True),
            START,
            END,
            Column("headline_start", "integer", "Start of the headline in the document's `text`.", True),
            Column("headline_end", "integer", "End (exclusive) of the headline.", True),
            Column("name_start", "integer", "Start of the name in the document's `text`; empty when none."),
            Column("name_end", "integer", "End (exclusive) of the name; empty when none."),
            Column("headline_rest_start", "integer", "Start of the headline's rest in `text`; empty when none."),
            Column("headline_rest_end", "integer", "End (exclusive) of the headline's rest; empty when none."),
        ),
        ("notice", "item"),
        (_fk("notice", "notices"), _fk("notice category", "categories")),
        item_rows,
    ),
    Table(
        "lead_units",
        "Lead units",
        "One row per lead unit (牵头单位) of an item, in the order printed.",
        (
            NOTICE,
            ITEM,
            Column("position", "integer", "Position in the item's list of lead units, from 1.", True),
            Column("lead_unit", "string", "The unit's name as printed.", True),
            Column("lead_unit_en", "string", "English name from the glossary; empty when the glossary has none."),
            START,
            END,
        ),
        ("notice", "item", "position"),
        (_fk("notice item", "items"),),
        lead_unit_rows,
    ),
    Table(
        "measures",
        "Measures",
        "One row per numbered measure (推进措施) of an item, kept as written (misnumbered and empty ones too).",
        (
            NOTICE,
            ITEM,
            Column("measure", "integer", "Position of the measure in the item, from 1 (not the printed number).", True),
            Column("number_as_written", "integer", _doc(Measure, "number_as_written")),
            Column("number_text", "string", _doc(Measure, "number_text")),
            Column("body", "string", _doc(Measure, "body") + " Empty for an empty measure."),
            Column("text", "string", "The whole measure line as printed.", True),
            START,
            END,
            Column("body_start", "integer", "Start of the body in the document's `text`.", True),
            Column("body_end", "integer", "End (exclusive) of the body.", True),
        ),
        ("notice", "item", "measure"),
        (_fk("notice item", "items"),),
        measure_rows,
    ),
    Table(
        "quantities",
        "Quantities",
        "One row per number-with-unit stated in an item's headline or measures.",
        (
            NOTICE,
            ITEM,
            Column("quantity", "integer", "Position of the quantity in the item, from 1.", True, example="1"),
            LOCATION_COL,
            MEASURE_REF,
            Column("value", "number", VALUE, True, example="35000"),
            Column("value_max", "number", VALUE_MAX, example="3"),
            Column("unit", "string", UNIT, True, example="人"),
            Column("unit_en", "string", "English of `unit` from the glossary.", example="people"),
            Column("value_as_written", "number", VALUE_AS_WRITTEN, True, example="3.5"),
            Column("unit_as_written", "string", UNIT_AS_WRITTEN, True, example="万人"),
            Column("qualifier", "string", "How the value is stated.", True, QUALIFIERS, example="approx"),
            Column("subject", "string", _doc(Quantity, "subject"), example="城镇新增就业"),
            Column("role", "string", _doc(Quantity, "role"), enum=("baseline", "target"), example="target"),
            Column("rule", "string", _doc(Quantity, "rule"), True),
            Column("text", "string", _doc(Quantity, "text"), True, example="8700人左右"),
            START,
            END,
        ),
        ("notice", "item", "quantity"),
        (_fk("notice item", "items"), _fk("notice item measure", "measures")),
        quantity_rows,
    ),
    Table(
        "breakdowns",
        "Breakdowns",
        "One row per total that the text splits into parts (by county, component or subset).",
        (
            NOTICE,
            ITEM,
            Column("breakdown", "integer", "Position of the breakdown in the item, from 1.", True, example="1"),
            LOCATION_COL,
            MEASURE_REF,
            Column("subject", "string", "What is broken down.", True, example="城镇新增就业"),
            Column(
                "dimension",
                "string",
                "region: parts are places; component: parts make up the total; subset: parts are within it.",
                True,
                ("region", "component", "subset"),
                example="region",
            ),
            Column("parent", "integer", "Position of the breakdown whose part this total is (nested breakdowns)."),
            Column("derived", "boolean", _doc(Breakdown, "derived"), True, example="false"),
            Column(
                "total_value",
                "number",
                "The total in `total_unit`, exact, scale word applied (3.5万人 → 35000); empty when none is written.",
                example="35000",
            ),
            Column(
                "total_unit",
                "string",
                "The unit of `total_value`: the unit as written without its scale word (3.5万人 → 人).",
                example="人",
            ),
            Column("total_qualifier", "string", "How the total is stated.", enum=QUALIFIERS, example="approx"),
            Column("total_text", "string", "The total as printed.", example="3.5万人左右"),
            Column("total_start", "integer", "Start of the total in the document's `text`."),
            Column("total_end", "integer", "End (exclusive) of the total."),
            Column("part_count", "integer", "Number of parts (rows in `breakdown_parts`).", True, example="4"),
            Column(
                "parts_sum",
                "number",
                "Sum of the parts' values in `parts_unit`; empty when the parts have no common unit.",
                example="35000",
            ),
            Column(
                "parts_unit",
                "string",
                "Unit of `parts_sum`: the parts' common unit, multiples in their base unit (万人 → 人) and units that "
                "count the same thing folded together (名 → 人).",
                example="人",
            ),
            Column(
                "check_rule",
                "string",
                "The rule the parts are checked by: 'sum = total' (exact, approx and target totals), 'sum ≥ total' "
                "(at_least), 'sum ≤ total' (at_most), 'total ≤ sum ≤ total_max' (range), 'each part ≤ total' "
                "(subset); empty when nothing is compared.",
                enum=CHECK_RULES,
                example="sum = total",
            ),
            Column(
                "check_verdict",
                "string",
                "The verdict of the rule, the same `bz-tasks validate` and the report give: pass, fail, units_differ "
                "(parts and total are counted in different units, so not compared), no_total, no_parts.",
                True,
                VERDICTS,
                example="pass",
            ),
            Column(
                "check_detail",
                "string",
                "The arithmetic of the check in one line, as `bz-tasks validate` prints it.",
                True,
                example="8700+8700+8700+8900 = 35000 = total 35000 (approx)",
            ),
            Column("note", "string", "Remark on the breakdown, e.g. how a distributive 各 was read."),
            Column("text", "string", "The sentence the breakdown was read from.", True),
            START,
            END,
        ),
        ("notice", "item", "breakdown"),
        (
            _fk("notice item", "items"),
            _fk("notice item measure", "measures"),
            _fk("notice item parent", "breakdowns", "notice item breakdown"),
        ),
        breakdown_rows,
    ),
    Table(
        "breakdown_parts",
        "Breakdown parts",
        "Long format: one row per part of a breakdown (a county's share, a component, a subset).",
        (
            NOTICE,
            ITEM,
            Column(
                "breakdown", "integer", "Position of the breakdown in the item (joins `breakdowns`).", True, example="1"
            ),
            Column("part", "integer", "Position of the part in the breakdown, from 1.", True, example="1"),
            Column("label", "string", _doc(BreakdownPart, "label"), True, example="涡阳"),
            Column("region", "string", _doc(BreakdownPart, "region"), example="涡阳县"),
            Column("region_code", "string", _doc(BreakdownPart, "region_code"), example="341621"),
            Column("region_en", "string", "English name of the region from the glossary.", example="Guoyang County"),
            Column("value", "number", "The part's value in `unit`, exact, scale word applied.", True, example="8700"),
            Column("unit", "string", UNIT, True, example="人"),
            Column("unit_en", "string", "English of `unit` from the glossary.", example="people"),
            Column("qualifier", "string", "How the value is stated.", True, QUALIFIERS, example="approx"),
            Column("note", "string", "E.g. '含亳州高新区', or how a distributive 各 was expanded."),
            Column("text", "string", "The part's quantity as printed.", True, example="8700人左右"),
            START,
            END,
        ),
        ("notice", "item", "breakdown", "part"),
        (_fk("notice item breakdown", "breakdowns"),),
        breakdown_part_rows,
    ),
    Table(
        "rates",
        "Rates",
        "One row per money amount: a rate per person, month … , a cap, a threshold or a lump sum.",
        (
            NOTICE,
            ITEM,
            Column("rate", "integer", "Position of the rate in the item, from 1.", True, example="1"),
            LOCATION_COL,
            MEASURE_REF,
            Column(
                "kind", "string", "rate, cap, threshold or lump_sum.", True, ("rate", "cap", "threshold", "lump_sum")
            ),
            Column("amount_yuan", "number", AMOUNT_YUAN, True, example="1500"),
            Column(
                "amount_as_written",
                "number",
                "The number as written, in `unit_as_written`: 5 for 5万元 (`amount_yuan` is 50000).",
                True,
                example="5",
            ),
            Column("unit_as_written", "string", _doc(Rate, "unit"), True, example="万元"),
            Column(
                "unit_as_written_en", "string", "English of `unit_as_written` from the glossary.", example="10,000 yuan"
            ),
            Column("currency", "string", "ISO 4217 currency code of `amount_yuan`.", True, example="CNY"),
            Column("per", "string", _doc(Rate, "per"), example="人"),
            Column("per_en", "string", "English of the basis from the glossary.", example="person"),
            Column("qualifier", "string", "How the amount is stated.", True, QUALIFIERS, example="exact"),
            Column("subject", "string", "What the money is for.", example="求职创业补贴"),
            Column("text", "string", "The amount as printed.", True, example="1500元/人"),
            START,
            END,
        ),
        ("notice", "item", "rate"),
        (_fk("notice item", "items"), _fk("notice item measure", "measures")),
        rate_rows,
    ),
    Table(
        "findings",
        "Findings",
        "One row per finding: the page's defects and anything the parser or checks noticed.",
        (
            NOTICE,
            Column("finding", "integer", "Position of the finding in the document, from 1.", True),
            Column("severity", "string", "error, warning or info.", True, ("error", "warning", "info")),
            Column("code", "string", _doc(Finding, "code"), True),
            Column("message", "string", "What was found, in one sentence.", True),
            Column("item", "integer", "Key of the item the finding is about; empty for the page as a whole."),
            Column("text", "string", "The characters the finding points at; empty when it has no span."),
            SPAN_START,
            SPAN_END,
        ),
        ("notice", "finding"),
        (_fk("notice", "notices"), _fk("notice item", "items")),
        finding_rows,
    ),
)


def build(documents: list[tuple[str, Notice]]) -> dict[str, list[Row]]:
    """Every table's rows for these documents (id, notice), in document order."""
    return {spec.name: [row for doc_id, notice in documents for row in spec.rows(doc_id, notice)] for spec in TABLES}


# --- CSV ---------------------------------------------------------------------------------------


def cell(value: Value) -> str:
    """A value as CSV text: exact decimals without exponents, ISO dates, true/false, '' for null.

    >>> [cell(v) for v in (Decimal("3.5E+4"), Decimal("2.20"), True, None, dt.date(2024, 3, 28), 7)]
    ['35000', '2.2', 'true', '', '2024-03-28', '7']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): the
ASCII four, tab and carriage return, and their full-width forms, which some spreadsheets fold to ASCII."""


def csv_cell(value: Value) -> str:
    """A value as a CSV cell a spreadsheet shows but never runs.

    Text that starts like a formula gets a leading apostrophe, as OWASP advises; numbers,
    dates and booleans are written as they are, so a negative number stays a number.

    >>> [csv_cell(v) for v in ("=1+2", "@cmd", "-1.", "市残联", Decimal("-3"))]
    ["'=1+2", "'@cmd", "'-1.", '市残联', '-3']
    """
    text = cell(value)
    if isinstance(value, str) and text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def to_csv(spec: Table, rows: list[Row], *, bom: bool = False) -> str:
    """The table as CSV text (LF line ends, minimal quoting); `bom` prepends U+FEFF for Excel.

    Text cells that a spreadsheet would run as a formula are neutralised (see `csv_cell`).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(spec.column_names)
    for row in rows:
        writer.writerow([csv_cell(row[name]) for name in spec.column_names])
    return ("\ufeff" if bom else "") + out.getvalue()
