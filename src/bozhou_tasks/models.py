"""The document model: what `parse` returns and what `data/structured/` holds.

Every object that quotes the source has a `text` and a `span`; `span` is a half-open
`[start, end)` pair of character offsets into `Notice.text`, so that
`notice.text[start:end] == obj.text` holds wherever an object has both.

Field names are a contract with the exports and other tools: add fields freely, never
rename. `SCHEMA_VERSION` changes whenever a field is added or its meaning changes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import re
import typing
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, SerializationInfo

SCHEMA_VERSION = "1.3"

Span = tuple[int, int]
"""Half-open character range `[start, end)` into `Notice.text`."""

Severity = Literal["error", "warning", "info"]


def _decimal_to_json(value: Decimal, info: SerializationInfo) -> int | float:
    """Serialise an exact decimal as a JSON number: integers stay integers.

    A writer that passes a `context` dict learns under `EXPONENT_FLOATS` whether a float
    is small or large enough (below 1e-4, from 1e16) for Python's `repr` to write it with
    an exponent, where other JSON encoders may choose another notation.
    """
    if value == value.to_integral_value():
        return int(value)
    number = float(value)
    if not 1e-4 <= abs(number) < 1e16 and isinstance(info.context, dict):
        info.context[EXPONENT_FLOATS] = True
    return number


EXPONENT_FLOATS = "exponent_floats"
"""The key `_decimal_to_json` sets in a serialization context that met a float written with an exponent."""


Number = Annotated[Decimal, PlainSerializer(_decimal_to_json, return_type=int | float, when_used="json")]
"""An exact value (`Decimal` in Python), written to JSON and YAML as a plain number."""


class Model(BaseModel):
    """Base for all document objects: unknown keys are errors, field order is stable."""

    model_config = ConfigDict(extra="forbid", frozen=False)


class Retrieval(Model):
    """How a fetched page was retrieved: its entry in the provenance manifest of `bz-tasks fetch`."""

    url: str = Field(description="The URL asked for.")
    final_url: str = Field(description="The URL the page came from, after redirects.")
    retrieved_at: dt.datetime = Field(description="When these bytes were received (UTC).")
    status: int = Field(description="HTTP status of the response that carried the bytes.")
    content_type: str | None = Field(description="The Content-Type header as sent, charset included.")
    charset: str | None = Field(description="The header's charset parameter as sent; null when none.")
    etag: str | None = None
    last_modified: str | None = Field(None, description="The Last-Modified header as sent.")


def _unset(value: object) -> bool:
    return value is None


class Source(Model):
    """Where the document came from and how its bytes were read."""

    path: str | None = Field(description="Path as given (relative to the working directory), or null for bytes/stdin.")
    sha256: str = Field(description="SHA-256 of the raw bytes.")
    size: int = Field(description="Size of the raw input in bytes.")
    media_type: Literal["text/html", "text/plain"]
    encoding: str = Field(description="Codec used to decode the bytes (Python codec name), e.g. 'utf-8', 'gb18030'.")
    encoding_rule: Literal["bom", "utf-8", "declared", "http", "detected", "str"] = Field(
        description="Which step of the decoding cascade chose the encoding: the byte-order mark, strict UTF-8, "
        "the page's own <meta> or XML declaration, the HTTP header's charset, or a detector."
    )
    newlines: Literal["lf", "crlf", "cr", "mixed", "none"] = Field(
        description="Line ends found in the input; `text` always uses LF."
    )
    retrieval: Retrieval | None = Field(
        None,
        exclude_if=_unset,
        description="Where and when the page was fetched, for a page `bz-tasks fetch` downloaded and its "
        "manifest lists with these bytes; absent for a page saved by hand.",
    )


class MetadataField(Model):
    """One `label: value` pair of the page's metadata block, as printed."""

    key: str = Field(description="English field name, e.g. 'index_no'.")
    label: str = Field(description="Label as printed, e.g. '索引号'.")
    value: str | None = Field(description="Value as printed, stripped; null when empty.")
    text: str
    span: Span
    block: int = Field(description="Which metadata block (1 = first; the mobile twin repeats it as 2).")


class NoticeMeta(Model):
    """The notice's metadata (from the metadata block, byline and cover letter)."""

    title: str | None = None
    issuer: str | None = Field(None, description="The issuing office, from the title ('…关于印发…').")
    index_no: str | None = None
    classification: str | None = None
    publisher: str | None = None
    topics: list[str] | None = Field(None, description="主题分类 split on '/'; null when empty.")
    validity: str | None = None
    keywords: list[str] | None = Field(None, description="关键词 split on separators; null when empty.")
    doc_number: str | None = None
    issued_date: dt.date | None = None
    published_date: dt.date | None = None
    published_at: str | None = Field(None, description="Publication time from the byline, as printed.")
    source_unit: str | None = Field(None, description="信息来源 from the byline.")
    inquiry_unit: str | None = None
    inquiry_phone: str | None = None
    addressees: list[str] | None = Field(None, description="The cover letter's addressees, split on commas.")
    signed_date: dt.date | None = None


class Block(Model):
    """A line of the page that is not part of the plan's list: chrome, metadata, byline, letter, preamble."""

    role: str = Field(
        description="header | metadata | title | byline | addressees | letter | signed-date | preamble | footer "
        "(preamble: lines between the plan title and its first category or item)"
    )
    text: str
    span: Span


class Numbering(Model):
    """How a plan numbers its levels, as read from the page (see `bozhou_tasks.segment.layout`)."""

    categories: str | None = Field(description="Style of the category headings, e.g. '一、'; null when none.")
    items: str | None = Field(description="Style of the item numbers: '(一)', '一、', '1.', '(1)', '1)'.")
    measures: list[str] = Field(description="Styles of the measure numbers found, in order of first use.")
    rule: str = Field(
        description="Rule that decided the item style: 'lead-units' (the lines with a lead-unit parenthesis) "
        "or 'first-under-heading' (the first numbered line under the plan title or first category)."
    )
    category_rule: str | None = Field(
        description="Rule that decided the category style: 'counts-or-endings' (headings with a count, a name "
        "ending in 方面, or items on their line) or 'outline-rank' (bare headings ranked above the items); "
        "null when there are no categories."
    )


class Plan(Model):
    """The plan's title line, e.g. 亳州市2024年50项民生实事实施方案."""

    title: str
    year: int | None
    declared_item_count: int | None
    text: str
    span: Span
    numbering: Numbering | None = None
    ends_inside_item: int | None = Field(
        None,
        description="The item inside which the page ends (a saved excerpt, a page that did not finish loading); "
        "null when the plan's list ends before the page does.",
    )


class Category(Model):
    """A category heading such as 一、促进就业(3项)."""

    number: int
    numeral: str = Field(description="The number as printed, e.g. '一'.")
    name: str
    declared_item_count: int | None
    item_numbers: list[int] = Field(default_factory=list)
    text: str = Field(
        description="The heading line; when the category's items follow on the same line, the heading up to its colon."
    )
    span: Span


class Measure(Model):
    """One paragraph under an item's measures heading."""

    number_as_written: int | None = Field(description="The number printed before the text, or null when none.")
    number_text: str | None = Field(description="The number marker as printed, e.g. '43.'.")
    body: str = Field(description="The measure's text after its number marker (may be empty).")
    body_span: Span
    text: str
    span: Span


Qualifier = Literal["exact", "approx", "at_least", "at_most", "target", "range"]
"""How a figure binds: exact; approx (左右, 约, 将近); at_least (不少于, 不低于, 以上, 至少, …余, 超过, 逾);
at_most (不超过, 以内, 以下, 低于, 不足); target (力争, 争取, when no bound word is written); range (2—3个)."""


def location_of(measure: int | None) -> str:
    """How a document names where a value is written: 'headline', or 'measure N' for the measure at
    position N in its item (from 1). Build the string here and read it back with `measure_position`.

    >>> location_of(None), location_of(3)
    ('headline', 'measure 3')
    """
    return "headline" if measure is None else f"measure {measure}"


_MEASURE_LOCATION = re.compile(r"^measure (?P<position>\d+)$")


def measure_position(location: str) -> int | None:
    """The measure position a location names, or None for the headline (the inverse of `location_of`).

    >>> measure_position("measure 3"), measure_position("headline")
    (3, None)
    """
    match = _MEASURE_LOCATION.match(location)
    return int(match["position"]) if match else None


class Quantity(Model):
    """A number with its unit, as stated in a headline or measure.

    `value` is exact: the scale word is applied (3.5万人 → 35000, 3.6 亿元 → 360000000) and
    the unit is what remains (人, 元). Money amounts are quantities too (unit 元); each is
    also listed, with its basis, in the item's `rates`.
    """

    text: str = Field(
        description="The characters the quantity was read from: number, scale, unit and the qualifier words "
        "written next to it (不少于710人次, 3.5万人左右, 各0.75万人)."
    )
    value: Number = Field(description="The exact value, scale applied; the lower bound of a range.")
    value_max: Number | None = Field(None, description="The upper bound of a range such as 2—3个; null otherwise.")
    unit: str = Field(description="Unit as written: 人, 人次, 户, 个, 套(间), %, 元 …")
    qualifier: Qualifier
    qualifier_text: str | None = Field(
        None,
        description="The word that set `qualifier` (不少于, 左右, 力争 …) as written; it may lie outside `text` when a "
        "list shares it (不低于80%、75%、60%) or a few words stand between (至少建成1个).",
    )
    qualifier_span: Span | None = None
    aspiration: bool = Field(
        False, description="True when the clause says 力争 or 争取: the figure is aimed at, not promised."
    )
    each: bool = Field(False, description="True when written with 各: the figure applies to each of several things.")
    per: str | None = Field(
        None,
        description="The basis a figure is given per, normalised as entities then time (每人每年 → '人·年', "
        "元/生·年 → '生·年', 人均 → '人'); null when none is written next to it.",
    )
    subject: str | None = Field(
        None,
        description="What is counted, from the words before the number in its clause (or after it when those are "
        "only a verb); for a breakdown part, the breakdown's subject. Best effort.",
    )
    location: str = Field(description="'headline' or 'measure N' (N = position in the item's measures, from 1).")
    role: Literal["baseline", "target"] | None = Field(
        None, description="For '从X提高到Y': X is the baseline, Y the target."
    )
    rule: str = Field(description="Name of the pattern that matched.")
    span: Span


class BreakdownPart(Model):
    """One share of a breakdown: a county, a component or a subset."""

    label: str = Field(description="Label as written (short forms kept), e.g. '涡阳', '每个县(区)', '市法援中心'.")
    region: str | None = Field(
        None, description="Canonical region name from the gazetteer ('涡阳县', '市本级'); null for components."
    )
    region_code: str | None = Field(
        None,
        description="The region's six-digit GB/T 2260 division code ('341621' for 涡阳县), to join county-level "
        "data; null for components, development zones, the city level and labels the gazetteer does not know.",
    )
    includes: list[str] = Field(
        default_factory=list, description="Units the part includes by a 含 note: 谯城区(含亳州高新区) → ['亳州高新区']."
    )
    quantity: Quantity = Field(
        description="The part's figure. A figure written once for several labels (各) is repeated in each part, "
        "with the same span."
    )
    note: str | None = Field(None, description="E.g. '含亳州高新区', or how a distributive 各 was expanded.")


class Breakdown(Model):
    """A total and the parts it is split into.

    `dimension`: region (parts are counties, districts, zones or the city level; they add up
    to the total), component (parts are kinds or sources that add up to the total), subset
    (parts are included in the total and must not be summed; each is at most the total).
    `parent`: when this breakdown's total is itself a part of another breakdown of the item
    (item 10: 1332名 is a component of 12816名 and is split by county), the index of that
    breakdown in `Item.breakdowns`; the total then equals that part.
    """

    subject: str
    dimension: Literal["region", "component", "subset"]
    location: str = Field(description="Where the total is written: 'headline' or 'measure N'.")
    total: Quantity | None
    parts: list[BreakdownPart]
    note: str | None = Field(None, description="Where the parts are when not beside the total, how it was inferred.")
    derived: bool = Field(
        False,
        description="True when the relation is implied rather than written: parts inferred for each county from "
        "每县(区)…, or components found because they add up to a total stated elsewhere.",
    )
    parent: int | None = Field(
        None, description="Index (in the item's breakdowns) of the breakdown one of whose parts is this total."
    )
    rule: str = Field("", description="Name of the rule that built the breakdown.")
    text: str = Field(
        description="The characters where the breakdown is written beside its total: from the total to the last "
        "part in the total's paragraph (only the total when the parts are in other paragraphs)."
    )
    span: Span


class Rate(Model):
    """A money amount tied to a basis (per person, per year …), a cap, a threshold or a lump sum."""

    text: str = Field(description="The amount as written (same characters as its quantity).")
    amount: Number = Field(description="In yuan, scale applied: 1.5万元 → 15000.")
    currency: str = "CNY"
    unit: str = Field(description="Money unit as written: 元, 万元, 亿元.")
    per: str | None = Field(None, description="The basis, e.g. '人·年', '生·天', '月'; null for a lump sum.")
    per_text: str | None = Field(None, description="The basis as written: '每人每年', '/人', '人均'.")
    per_span: Span | None = None
    qualifier: Qualifier
    subject: str | None = None
    kind: Literal["rate", "cap", "threshold", "lump_sum"] = Field(
        "rate",
        description="rate: an amount per basis; cap: a ceiling (限额, 最高); threshold: a line that selects cases "
        "(起付线, …元以上部分, …万元以下的); lump_sum: no basis written (a total or a one-off payment).",
    )
    note: str | None = Field(None, description="E.g. where an inherited basis came from.")
    location: str
    span: Span


class Item(Model):
    """One numbered livelihood project, e.g. (一)促进重点群体稳定就业…"""

    number: int
    numeral: str = Field(description="The number as printed, e.g. '十二'.")
    category_number: int | None
    headline: str = Field(description="The item's text between its number and its lead-unit parenthesis.")
    headline_span: Span
    name: str | None = Field(
        None, description="The item's name where the page gives one, e.g. a table's 项目名称 cell; null elsewhere."
    )
    name_span: Span | None = None
    headline_rest: str | None = Field(
        None,
        description="The rest of the headline where a printed page's chrome (a page number, a running header) cuts "
        "it in two, in PDF or Word text: the text after the chrome up to the lead units. Its figures are read "
        "like the headline's. Null when the headline is whole.",
    )
    headline_rest_span: Span | None = None
    lead_label: str | None = Field(None, description="The lead-unit label as printed, e.g. '牵头单位'.")
    lead_units: list[str] = Field(default_factory=list)
    lead_unit_spans: list[Span] = Field(default_factory=list)
    supporting_label: str | None = Field(
        None, description="The label of the supporting units in the lead-unit parenthesis, e.g. '配合单位'."
    )
    supporting_units: list[str] = Field(default_factory=list)
    supporting_unit_spans: list[Span] = Field(default_factory=list)
    measures_heading: str | None = Field(None, description="The measures heading exactly as written, e.g. '推进措施'.")
    measures_heading_span: Span | None = None
    measures: list[Measure] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    breakdowns: list[Breakdown] = Field(default_factory=list)
    rates: list[Rate] = Field(default_factory=list)
    text: str = Field(
        description="The whole headline line; for an item written on its category's line, its piece of that line."
    )
    span: Span


class Finding(Model):
    """Something the parser or a check noticed, with where it is."""

    severity: Severity
    code: str = Field(description="Stable kebab-case identifier, e.g. 'measure-number-out-of-sequence'.")
    message: str
    item: int | None = None
    span: Span | None = None
    figures: dict[str, Number] | None = Field(
        None, description="The figures a check compared, e.g. {'sum': 34900, 'total': 35000}."
    )


class Unparsed(Model):
    """A line that no rule understood; it is kept, never dropped."""

    text: str
    span: Span


class Notice(Model):
    """A parsed notice: everything the page says, each piece tied to its characters."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    notice: NoticeMeta
    plan: Plan | None
    categories: list[Category]
    items: list[Item]
    findings: list[Finding]
    unparsed: list[Unparsed]
    blocks: list[Block] = Field(description="Lines outside the plan: page chrome, metadata, byline, cover letter.")
    metadata: list[MetadataField]
    text: str = Field(description="The page's text, which every span indexes (LF line ends).")

    def parts(self) -> Iterator[tuple[str, Span]]:
        """Every part of the document (a logical line) with its span, in no particular order.

        Every visible character of `text` lies in exactly one part: parts do not overlap and
        only white space lies between them. Almost every line is exactly one part; a line
        whose items run together is several (a category heading '一、就业创业(2项):' and one
        part per item), and an item wrapped over lines, or with its lead units on the next
        line, is one part over several lines. The test suite holds the parser to this (a
        measures heading's part leaves out its colon; a table's category cell lies inside
        the row of its first item).
        """
        for block in self.blocks:
            yield block.role, block.span
        lines = [block.span for block in self.blocks]
        if self.plan is not None and not any(a <= self.plan.span[0] <= self.plan.span[1] <= b for a, b in lines):
            yield "plan", self.plan.span  # a plan read from a title line already counted refers to it
        for category in self.categories:
            yield "category", category.span
        for item in self.items:
            yield "item", item.span
            if item.measures_heading_span is not None:
                yield "measures-heading", item.measures_heading_span
            for measure in item.measures:
                yield "measure", measure.span
        for line in self.unparsed:
            yield "unparsed", line.span

    def item(self, number: int) -> Item:
        """The item numbered `number`; KeyError if there is none."""
        for item in self.items:
            if item.number == number:
                return item
        raise KeyError(number)


def json_schema() -> str:
    """The JSON Schema of `Notice` documents (as written to JSON), pretty-printed."""
    import json

    schema = Notice.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"bz-tasks notice document, schema version {SCHEMA_VERSION}"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


class FieldSets:
    """Lets document objects that were given the same field names share one set of them.

    pydantic keeps, for each instance, the set of the field names it was given
    (`model_fields_set`): 728 bytes once it holds five names, more than the instance's
    values (a `Quantity`'s take 464). At 50,000 items these sets are a third of the
    document's memory. Only `exclude_unset` dumps read them, and bz-tasks makes none; an
    assignment to a field that was not given marks it given in every object sharing the set.
    """

    def __init__(self) -> None:
        self._sets: dict[tuple[type, frozenset[str]], set[str]] = {}
        self._last: dict[type, set[str]] = {}  # per class, the set it shared last: most objects match it

    def share(self, objects: Iterable[BaseModel]) -> None:
        """Give `objects` and the objects below them the shared sets (the first of each kind is kept)."""
        stack: list[object] = list(objects)
        last = self._last
        while stack:
            value = stack.pop()
            if isinstance(value, list):
                stack.extend(value)
            elif isinstance(value, BaseModel):
                names = value.__pydantic_fields_set__
                kept = last.get(type(value))
                if kept is None or kept != names:
                    kept = last[type(value)] = self._sets.setdefault((type(value), frozenset(names)), names)
                if kept is not names:
                    object.__setattr__(value, "__pydantic_fields_set__", kept)
                fields = value.__dict__
                stack.extend([fields[name] for name in _model_fields(type(value))])


@functools.cache
def _model_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` that may hold document objects (alone or in lists)."""
    return tuple(name for name, field in model.model_fields.items() if _holds_models(field.annotation))


def _holds_models(annotation: object) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(argument) for argument in typing.get_args(annotation))


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a document is built; its state is restored after.

    Building a document allocates objects that all live on (items, measures, quantities,
    spans) and no reference cycles, so the collector frees nothing; but each of its full
    passes walks every live object, and their number grows with the document: at 50,000
    items the passes took a sixth of the parse, which made each item dearer the longer the
    page. Reference counting still frees everything else as soon as it is dropped.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
