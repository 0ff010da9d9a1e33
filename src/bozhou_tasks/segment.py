"""Split a page's text into the parts of a notice: chrome, metadata, letter, plan, items.

The segmenter walks the non-blank lines in order. Each line goes through a cascade of
small rules, most specific first; the first that accepts it decides the line's part.
A line no rule accepts is kept in `unparsed` with a finding: nothing is dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import patterns
from .models import Block, Category, Finding, Item, Measure, MetadataField, NoticeMeta, Plan, Span, Unparsed
from .numerals import cn_to_int

_EDGE_SPACE = " \t\xa0\u3000\u2002\u2003\u200b\ufeff"


@dataclass(frozen=True)
class Line:
    """A non-blank line: its content without surrounding white space, and where it is."""

    number: int  # 1-based line number in the text
    text: str
    start: int
    end: int

    @property
    def span(self) -> Span:
        return (self.start, self.end)

    def sub(self, start: int, end: int) -> tuple[str, Span]:
        """The slice [start, end) of this line's text, with its span in the document."""
        return self.text[start:end], (self.start + start, self.start + end)


def lines(text: str) -> Iterator[Line]:
    """The non-blank lines of `text`, each stripped of edge white space, with offsets."""
    offset = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip(_EDGE_SPACE + "\r")
        if stripped:
            lead = len(raw) - len(raw.lstrip(_EDGE_SPACE + "\r"))
            yield Line(number, stripped, offset + lead, offset + lead + len(stripped))
        offset += len(raw) + 1


@dataclass
class Segmented:
    """What the segmenter found, ready to assemble into a `Notice`."""

    meta: NoticeMeta = field(default_factory=NoticeMeta)
    metadata: list[MetadataField] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    plan: Plan | None = None
    categories: list[Category] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


class _Phase:
    HEADER = "header"  # site chrome before the notice
    LETTER = "letter"  # after the notice title: byline and cover letter
    PLAN = "plan"  # after the plan title: categories, items, measures
    FOOTER = "footer"  # site chrome after the plan


def segment(text: str) -> Segmented:
    """Segment the page text into the parts of a notice."""
    state = _State(Segmented())
    for line in lines(text):
        state.feed(line)
    state.finish()
    return state.out


class _State:
    """The segmenter's walk over the lines: which phase it is in and what is open."""

    def __init__(self, out: Segmented) -> None:
        self.out = out
        self.phase = _Phase.HEADER
        self.item: Item | None = None
        self.category: Category | None = None
        self.metadata_block = 0
        self.metadata_seen: set[str] = set()
        self.letter_lines = 0

    # -- the cascade ------------------------------------------------------------------

    def feed(self, line: Line) -> None:
        rules = (
            self._metadata,
            self._notice_title,
            self._byline,
            self._plan_title,
            self._category,
            self._item,
            self._measures_heading,
            self._measure,
            self._footer,
            self._header,
            self._letter,
        )
        for rule in rules:
            if rule(line):
                return
        self.out.unparsed.append(Unparsed(text=line.text, span=line.span))
        self.out.findings.append(
            Finding(
                severity="warning",
                code="unparsed-line",
                message=f"line {line.number} was not understood and is kept in 'unparsed': {_clip(line.text)}",
                item=self.item.number if self.item else None,
                span=line.span,
            )
        )

    def _block(self, role: str, line: Line) -> bool:
        self.out.blocks.append(Block(role=role, text=line.text, span=line.span))
        return True

    def _metadata(self, line: Line) -> bool:
        if self.phase != _Phase.HEADER or not patterns.METADATA_LABEL.match(line.text):
            return False
        labels = list(patterns.METADATA_LABEL.finditer(line.text))
        if labels[0].group("label") in self.metadata_seen or not self.metadata_block:
            self.metadata_block += 1
            self.metadata_seen = set()
        for this, following in zip(labels, [*labels[1:], None], strict=True):
            end = following.start() if following else len(line.text)
            raw_value = line.text[this.end() : end]
            value = raw_value.strip(_EDGE_SPACE) or None
            field_text, field_span = line.sub(
                this.start(), this.start() + len(line.text[this.start() : end].rstrip(_EDGE_SPACE))
            )
            label = this.group("label")
            self.metadata_seen.add(label)
            self.out.metadata.append(
                MetadataField(
                    key=patterns.METADATA_LABELS[label],
                    label=label,
                    value=value,
                    text=field_text,
                    span=field_span,
                    block=self.metadata_block,
                )
            )
        return self._block("metadata", line)

    def _notice_title(self, line: Line) -> bool:
        if self.phase != _Phase.HEADER:
            return False
        named = {f.value for f in self.out.metadata if f.key == "title"}
        if line.text not in named and not patterns.NOTICE_TITLE.match(line.text):
            return False
        self.phase = _Phase.LETTER
        return self._block("title", line)

    def _byline(self, line: Line) -> bool:
        if self.phase != _Phase.LETTER or self.letter_lines or not patterns.BYLINE.match(line.text):
            return False
        return self._block("byline", line)

    def _plan_title(self, line: Line) -> bool:
        if self.phase not in (_Phase.HEADER, _Phase.LETTER) or self.out.plan is not None:
            return False
        match = patterns.PLAN_TITLE.match(line.text)
        if not match:
            return False
        count = match.group("count")
        self.out.plan = Plan(
            title=match.group("title"),
            year=int(match.group("year")),
            declared_item_count=int(count) if count else None,
            text=line.text,
            span=line.span,
        )
        self.phase = _Phase.PLAN
        return True

    def _category(self, line: Line) -> bool:
        if self.phase != _Phase.PLAN:
            return False
        match = patterns.CATEGORY.match(line.text)
        number = cn_to_int(match.group("numeral")) if match else None
        if not match or number is None:
            return False
        self.category = Category(
            number=number,
            numeral=match.group("numeral"),
            name=match.group("name"),
            declared_item_count=int(match.group("count")),
            text=line.text,
            span=line.span,
        )
        self.out.categories.append(self.category)
        self.item = None
        return True

    def _item(self, line: Line) -> bool:
        if self.phase != _Phase.PLAN:
            return False
        match = patterns.ITEM.match(line.text)
        number = cn_to_int(match.group("numeral")) if match else None
        if not match or number is None:
            return False
        rest_start = match.start("rest")
        leads = list(patterns.LEAD_UNITS.finditer(line.text, rest_start))
        lead = leads[-1] if leads else None  # the last lead-unit parenthesis on the line is the item's
        headline_end = lead.start() if lead else len(line.text)
        headline, headline_span = _stripped(line, rest_start, headline_end)
        units: list[str] = []
        unit_spans: list[Span] = []
        if lead:
            for unit_match in _split_units(lead.group("units")):
                text, span = line.sub(lead.start("units") + unit_match[0], lead.start("units") + unit_match[1])
                units.append(text)
                unit_spans.append(span)
        self.item = Item(
            number=number,
            numeral=match.group("numeral"),
            category_number=self.category.number if self.category else None,
            headline=headline,
            headline_span=headline_span,
            lead_label=lead.group("label") if lead else None,
            lead_units=units,
            lead_unit_spans=unit_spans,
            text=line.text,
            span=line.span,
        )
        if self.category:
            self.category.item_numbers.append(number)
        self.out.items.append(self.item)
        return True

    def _measures_heading(self, line: Line) -> bool:
        if self.item is None or self.item.measures_heading is not None or self.item.measures:
            return False
        match = patterns.MEASURES_HEADING.match(line.text)
        if not match:
            return False
        self.item.measures_heading = match.group("heading")
        self.item.measures_heading_span = line.sub(*match.span("heading"))[1]
        return True

    def _measure(self, line: Line) -> bool:
        if self.item is None:
            return False
        match = patterns.MEASURE.match(line.text)
        if not match:
            return False
        body, body_span = _stripped(line, match.start("body"), len(line.text))
        self.item.measures.append(
            Measure(
                number_as_written=int(match.group("number")),
                number_text=match.group("marker"),
                body=body,
                body_span=body_span if body else (line.start + len(line.text), line.start + len(line.text)),
                text=line.text,
                span=line.span,
            )
        )
        return True

    def _footer(self, line: Line) -> bool:
        if self.phase == _Phase.FOOTER or (self.phase == _Phase.PLAN and patterns.FOOTER.search(line.text)):
            self.phase = _Phase.FOOTER
            self.item = None
            return self._block("footer", line)
        return False

    def _header(self, line: Line) -> bool:
        if self.phase != _Phase.HEADER:
            return False
        return self._block("header", line)

    def _letter(self, line: Line) -> bool:
        if self.phase != _Phase.LETTER:
            return False
        self.letter_lines += 1
        if self.letter_lines == 1 and patterns.ADDRESSEES.match(line.text):
            return self._block("addressees", line)
        if patterns.SIGNED_DATE.match(line.text):
            return self._block("signed-date", line)
        return self._block("letter", line)

    # -- after the walk ---------------------------------------------------------------

    def finish(self) -> None:
        self.out.meta = _meta(self.out)
        self.out.findings.extend(_measure_findings(self.out.items))
        self.out.findings.extend(_heading_findings(self.out.items))


def _stripped(line: Line, start: int, end: int) -> tuple[str, Span]:
    """The slice [start, end) of `line` without edge white space, with its span."""
    raw = line.text[start:end]
    lead = len(raw) - len(raw.lstrip(_EDGE_SPACE))
    text = raw.strip(_EDGE_SPACE)
    return line.sub(start + lead, start + lead + len(text))


def _split_units(units: str) -> Iterator[tuple[int, int]]:
    """Offsets of each lead unit in '市教育局、市卫生健康委'."""
    start = 0
    for separator in [*patterns.LEAD_UNIT_SEPARATOR.finditer(units), None]:
        end = separator.start() if separator else len(units)
        piece = units[start:end]
        lead = len(piece) - len(piece.lstrip(_EDGE_SPACE))
        text = piece.strip(_EDGE_SPACE)
        if text:
            yield start + lead, start + lead + len(text)
        if separator:
            start = separator.end()


def _meta(out: Segmented) -> NoticeMeta:
    """Notice metadata from the first metadata block, the title, byline and letter."""
    fields: dict[str, str | None] = {}
    for metadata_field in out.metadata:
        fields.setdefault(metadata_field.key, metadata_field.value)
    meta = NoticeMeta(
        index_no=fields.get("index_no"),
        classification=fields.get("classification"),
        publisher=fields.get("publisher"),
        topics=_split_list(fields.get("topics"), r"\s*/\s*"),
        validity=fields.get("validity"),
        keywords=_split_list(fields.get("keywords"), r"[\s,，;；、]+"),
        doc_number=fields.get("doc_number"),
        issued_date=_iso_date(fields.get("issued_date")),
        published_date=_iso_date(fields.get("published_date")),
        inquiry_unit=fields.get("inquiry_unit"),
        inquiry_phone=fields.get("inquiry_phone"),
        title=fields.get("title"),
    )
    for block in out.blocks:
        if block.role == "title":
            meta.title = block.text
            issuer = patterns.NOTICE_TITLE.match(block.text)
            meta.issuer = issuer.group("issuer") if issuer else None
        elif block.role == "byline":
            published = patterns.BYLINE_PUBLISHED.search(block.text)
            source = patterns.BYLINE_SOURCE.search(block.text)
            meta.published_at = published.group("time") if published else meta.published_at
            meta.source_unit = source.group("source") if source else meta.source_unit
        elif block.role == "addressees":
            addressees = patterns.ADDRESSEES.match(block.text)
            meta.addressees = _split_list(addressees["addressees"] if addressees else block.text, r"[,，;；]")
        elif block.role == "signed-date" and meta.signed_date is None:
            date = patterns.SIGNED_DATE.match(block.text)
            if date:
                meta.signed_date = _date(int(date["year"]), int(date["month"]), int(date["day"]))
    return meta


def _split_list(value: str | None, separator: str) -> list[str] | None:
    if not value:
        return None
    return [part for part in (p.strip(_EDGE_SPACE) for p in re.split(separator, value)) if part] or None


def _iso_date(value: str | None) -> dt.date | None:
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", value or "")
    return _date(int(match[1]), int(match[2]), int(match[3])) if match else None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _measure_findings(items: list[Item]) -> Iterator[Finding]:
    """Measures numbered out of sequence, and measures with no text."""
    for item in items:
        expected = 1
        for position, measure in enumerate(item.measures, start=1):
            if not measure.body:
                yield Finding(
                    severity="warning",
                    code="measure-empty",
                    message=(
                        f"item {item.number} measure {position} is an empty '{measure.number_text}'"
                        f" with no text after its number (kept as written)"
                    ),
                    item=item.number,
                    span=measure.span,
                )
                continue
            if measure.number_as_written != expected:
                yield Finding(
                    severity="warning",
                    code="measure-number-out-of-sequence",
                    message=(
                        f"item {item.number} measure {position} is numbered '{measure.number_text}'"
                        f" where {expected} is expected (kept as written)"
                    ),
                    item=item.number,
                    span=measure.span,
                )
            expected += 1


def _heading_findings(items: list[Item]) -> Iterator[Finding]:
    """Items whose measures heading differs from the one most items use."""
    headings = Counter(item.measures_heading for item in items if item.measures_heading)
    if not headings:
        return
    usual = headings.most_common(1)[0][0]
    for item in items:
        if item.measures_heading and item.measures_heading != usual:
            yield Finding(
                severity="info",
                code="measures-heading-variant",
                message=(
                    f"item {item.number} heads its measures '{item.measures_heading}' where the others use '{usual}'"
                ),
                item=item.number,
                span=item.measures_heading_span,
            )


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
