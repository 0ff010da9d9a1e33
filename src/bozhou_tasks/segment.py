"""Split a page's text into the parts of a notice: chrome, metadata, letter, plan, items.

The segmenter walks the non-blank lines in order. Each line goes through a cascade of
small rules, most specific first; the first that accepts it decides the line's part.
A line no rule accepts is kept in `unparsed` with a finding: nothing is dropped.

Rules match on the text folded to simplified characters (`hanzi.fold`, one character
for one, so offsets agree) and quote the original. Which numbering style is a category,
an item or a measure is decided once per plan, before the walk (`layout.detect`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import hanzi, layout, patterns
from .models import (
    Block,
    Category,
    Item,
    Measure,
    MetadataField,
    NoticeMeta,
    Numbering,
    Plan,
    Span,
    Unparsed,
)
from .numerals import cn_to_int

_EDGE_SPACE = " \t\xa0\u3000\u2002\u2003\u200b\ufeff"


@dataclass(frozen=True)
class Line:
    """A non-blank line: its content without surrounding white space, and where it is."""

    number: int  # 1-based line number in the text
    text: str
    start: int
    end: int
    key: str = ""  # `text` folded to simplified characters, for matching (same length); "" = same as text

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", self.text)

    @property
    def span(self) -> Span:
        return (self.start, self.end)

    def sub(self, start: int, end: int) -> tuple[str, Span]:
        """The slice [start, end) of this line's text, with its span in the document."""
        return self.text[start:end], (self.start + start, self.start + end)

    def group(self, match: re.Match[str], name: str) -> str:
        """The original text of group `name` of a match made on `key`."""
        return self.text[match.start(name) : match.end(name)]


def lines(text: str, folded: str | None = None) -> Iterator[Line]:
    """The non-blank lines of `text`, each stripped of edge white space, with offsets.

    `folded` is `text` folded to simplified characters (same length); each line's `key`
    is its slice of it.
    """
    offset = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip(_EDGE_SPACE + "\r")
        if stripped:
            start = offset + len(raw) - len(raw.lstrip(_EDGE_SPACE + "\r"))
            end = start + len(stripped)
            yield Line(number, stripped, start, end, folded[start:end] if folded is not None else "")
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


class _Phase:
    HEADER = "header"  # site chrome before the notice
    LETTER = "letter"  # after the notice title: byline and cover letter
    PLAN = "plan"  # after the plan title: categories, items, measures
    FOOTER = "footer"  # site chrome after the plan


def segment(text: str) -> Segmented:
    """Segment the page text into the parts of a notice."""
    folded = hanzi.fold(text)
    page = list(lines(text, folded))
    state = _State(Segmented(), folded, _plan_layout(page))
    for line in page:
        state.feed(line)
    state.finish()
    return state.out


def _plan_layout(page: list[Line]) -> layout.Layout:
    """The numbering layout of the lines after the plan title (the first line that is one)."""
    for index, line in enumerate(page):
        if patterns.PLAN_TITLE.match(line.key):
            return layout.detect(later.key for later in page[index + 1 :])
    return layout.Layout(categories=None, items=None, rule="none")


class _State:
    """The segmenter's walk over the lines: which phase it is in and what is open."""

    def __init__(self, out: Segmented, folded: str, plan_layout: layout.Layout) -> None:
        self.out = out
        self.folded = folded
        self.layout = plan_layout
        self.phase = _Phase.HEADER
        self.item: Item | None = None
        self.category: Category | None = None
        self.metadata_block = 0
        self.metadata_seen: set[str] = set()
        self.letter_lines = 0
        self.measure_styles: list[str] = []

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
            self._preamble,
            self._header,
            self._letter,
        )
        for rule in rules:
            if rule(line):
                return
        self.out.unparsed.append(Unparsed(text=line.text, span=line.span))

    def _block(self, role: str, line: Line) -> bool:
        self.out.blocks.append(Block(role=role, text=line.text, span=line.span))
        return True

    def _metadata(self, line: Line) -> bool:
        if self.phase != _Phase.HEADER or not patterns.METADATA_LABEL.match(line.key):
            return False
        labels = list(patterns.METADATA_LABEL.finditer(line.key))
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
            label = this.group("label")  # folded: 索引號 is looked up as 索引号
            self.metadata_seen.add(label)
            self.out.metadata.append(
                MetadataField(
                    key=patterns.METADATA_LABELS[label],
                    label=line.group(this, "label"),
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
        if line.text not in named and not patterns.NOTICE_TITLE.match(line.key):
            return False
        self.phase = _Phase.LETTER
        return self._block("title", line)

    def _byline(self, line: Line) -> bool:
        if self.phase != _Phase.LETTER or self.letter_lines or not patterns.BYLINE.match(line.key):
            return False
        return self._block("byline", line)

    def _plan_title(self, line: Line) -> bool:
        if self.phase not in (_Phase.HEADER, _Phase.LETTER) or self.out.plan is not None:
            return False
        match = patterns.PLAN_TITLE.match(line.key)
        if not match:
            return False
        count = match.group("count")
        self.out.plan = Plan(
            title=line.group(match, "title"),
            year=int(match.group("year")),
            declared_item_count=int(count) if count else cn_to_int(match.group("count_cn") or ""),
            text=line.text,
            span=line.span,
        )
        self.phase = _Phase.PLAN
        return True

    def _category(self, line: Line) -> bool:
        if self.phase != _Phase.PLAN or self.layout.categories is None:
            return False
        found = layout.marker_at(line.key)
        if found is None or found.style != self.layout.categories or found.number is None:
            return False
        heading = layout.heading_at(line.key, found.end)
        pieces = self._inline_items(line, heading.end) if heading else []
        if heading is None or (heading.end < len(line.key) and not pieces):
            return False
        text, span = _stripped(line, 0, heading.end) if pieces else (line.text, line.span)
        self.category = Category(
            number=found.number,
            numeral=_numeral(line, found),
            name=line.text[heading.name_start : heading.name_end],
            declared_item_count=heading.count,
            text=text,
            span=span,
        )
        self.out.categories.append(self.category)
        self.item = None
        for piece_start, piece_end, piece_marker in pieces:
            self._add_item(line, piece_start, piece_end, piece_marker, inline=True)
        return True

    def _inline_items(self, line: Line, start: int) -> list[tuple[int, int, layout.Marker]]:
        """Items written on a category's line after its heading: (start, end, marker) of each.

        An item starts after a separator (;。:, or space) with the item style's next number.
        """
        found: list[tuple[int, layout.Marker]] = []
        expected: int | None = None  # the first item may have any number: numbering runs on across categories
        candidates = [start, *(brk.end() for brk in patterns.INLINE_BREAK.finditer(line.key, start))]
        for position in candidates:
            if (not found and position != start) or (found and position < found[-1][1].end):
                continue
            marker = layout.inline_marker(line.key, position)
            if marker is None or marker.style != self.layout.items or marker.number is None:
                continue
            if expected is not None and marker.number != expected:
                continue
            found.append((position, marker))
            expected = marker.number + 1
        if not found:
            return []
        ends = [position for position, _ in found[1:]] + [len(line.key)]
        return [
            (position, position + len(line.key[position:end].rstrip(_EDGE_SPACE)), marker)
            for (position, marker), end in zip(found, ends, strict=True)
        ]

    def _item(self, line: Line) -> bool:
        if self.phase != _Phase.PLAN or self.layout.items is None:
            return False
        found = layout.marker_at(line.key)
        if found is None or found.style != self.layout.items or found.number is None:
            return False
        self._add_item(line, 0, len(line.text), found, inline=False)
        return True

    def _add_item(self, line: Line, start: int, end: int, found: layout.Marker, *, inline: bool) -> None:
        """An item from the slice [start, end) of `line`, numbered by `found`."""
        assert found.number is not None
        leads = list(patterns.LEAD_UNITS.finditer(line.key, found.end, end))
        lead = leads[-1] if leads else None  # the last lead-unit parenthesis on the line is the item's
        headline_end = lead.start() if lead else end
        if inline and not lead:  # the separator before the next item is not part of the headline
            headline_end = found.end + len(line.key[found.end : headline_end].rstrip(_EDGE_SPACE + ";\uff1b,\uff0c"))
        headline, headline_span = _stripped(line, found.end, headline_end)
        units, unit_spans = _units(line, lead, "units") if lead else ([], [])
        supporting, supporting_spans = _units(line, lead, "supporting") if lead else ([], [])
        text, span = line.sub(start, end)
        self.item = Item(
            number=found.number,
            numeral=_numeral(line, found),
            category_number=self.category.number if self.category else None,
            headline=headline,
            headline_span=headline_span,
            lead_label=line.group(lead, "label") if lead else None,
            lead_units=units,
            lead_unit_spans=unit_spans,
            supporting_label=line.group(lead, "supporting_label") if lead and lead.group("supporting_label") else None,
            supporting_units=supporting,
            supporting_unit_spans=supporting_spans,
            text=text,
            span=span,
        )
        if self.category:
            self.category.item_numbers.append(found.number)
        self.out.items.append(self.item)

    def _measures_heading(self, line: Line) -> bool:
        if self.item is None:
            return False
        match = patterns.MEASURES_HEADING.match(line.key)
        if not match:
            return False
        if self.item.measures_heading is not None or self.item.measures:
            # A second heading means an item's headline is missing: what follows belongs to
            # no item we know, so it goes to 'unparsed' instead of swelling this item.
            self.item = None
            return False
        self.item.measures_heading = line.group(match, "heading")
        self.item.measures_heading_span = line.sub(*match.span("heading"))[1]
        return True

    def _measure(self, line: Line) -> bool:
        if self.item is None:
            return False
        found = layout.marker_at(line.key)
        if found is None or found.style not in self.layout.measures or found.number is None:
            return False
        body, body_span = _stripped(line, found.end, len(line.text))
        self.item.measures.append(
            Measure(
                number_as_written=found.number,
                number_text=line.text[found.start : found.marker_end],
                body=body,
                body_span=body_span if body else (line.start + len(line.text), line.start + len(line.text)),
                text=line.text,
                span=line.span,
            )
        )
        if found.style not in self.measure_styles:
            self.measure_styles.append(found.style)
        return True

    def _footer(self, line: Line) -> bool:
        if self.phase == _Phase.FOOTER or (self.phase == _Phase.PLAN and patterns.FOOTER.search(line.text)):
            self.phase = _Phase.FOOTER
            self.item = None
            return self._block("footer", line)
        return False

    def _preamble(self, line: Line) -> bool:
        """A line between the plan title and its first category or item (为…,确定以下民生实事:)."""
        if self.phase != _Phase.PLAN or self.out.categories or self.out.items:
            return False
        if layout.marker_at(line.key) is not None:
            return False
        return self._block("preamble", line)

    def _header(self, line: Line) -> bool:
        if self.phase != _Phase.HEADER:
            return False
        return self._block("header", line)

    def _letter(self, line: Line) -> bool:
        if self.phase != _Phase.LETTER:
            return False
        self.letter_lines += 1
        if self.letter_lines == 1 and patterns.ADDRESSEES.match(line.key):
            return self._block("addressees", line)
        if patterns.SIGNED_DATE.match(line.key):
            return self._block("signed-date", line)
        return self._block("letter", line)

    # -- after the walk ---------------------------------------------------------------

    def finish(self) -> None:
        self.out.meta = _meta(self.out, self.folded)
        if self.out.plan is not None:
            self.out.plan.numbering = Numbering(
                categories=self.layout.categories,
                items=self.layout.items,
                measures=self.measure_styles,
                rule=self.layout.rule,
                category_rule=self.layout.category_rule,
            )


def _stripped(line: Line, start: int, end: int) -> tuple[str, Span]:
    """The slice [start, end) of `line` without edge white space, with its span."""
    raw = line.text[start:end]
    lead = len(raw) - len(raw.lstrip(_EDGE_SPACE))
    text = raw.strip(_EDGE_SPACE)
    return line.sub(start + lead, start + lead + len(text))


def _numeral(line: Line, found: layout.Marker) -> str:
    """The marker's number as printed, e.g. '十二' (in the original script)."""
    return line.text[found.numeral_start : found.numeral_start + len(found.numeral)]


def _units(line: Line, match: re.Match[str], group: str) -> tuple[list[str], list[Span]]:
    """The units listed in `group` of a lead-unit match, and their spans; empty when the group did not match."""
    units: list[str] = []
    spans: list[Span] = []
    if match.group(group) is None:
        return units, spans
    for start, end in _split_units(match.group(group)):
        text, span = line.sub(match.start(group) + start, match.start(group) + end)
        units.append(text)
        spans.append(span)
    return units, spans


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


def _meta(out: Segmented, folded: str) -> NoticeMeta:
    """Notice metadata from the first metadata block, the title, byline and letter.

    Blocks are matched on their `folded` text and quoted from the original.
    """
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
        key = folded[block.span[0] : block.span[1]]
        if block.role == "title":
            meta.title = block.text
            issuer = patterns.NOTICE_TITLE.match(key)
            meta.issuer = _quote(block.text, issuer, "issuer")
        elif block.role == "byline":
            published = patterns.BYLINE_PUBLISHED.search(key)
            source = patterns.BYLINE_SOURCE.search(key)
            meta.published_at = _quote(block.text, published, "time") or meta.published_at
            meta.source_unit = _quote(block.text, source, "source") or meta.source_unit
        elif block.role == "addressees":
            addressees = patterns.ADDRESSEES.match(key)
            meta.addressees = _split_list(_quote(block.text, addressees, "addressees") or block.text, r"[,，;；]")
        elif block.role == "signed-date" and meta.signed_date is None:
            date = patterns.SIGNED_DATE.match(key)
            if date:
                meta.signed_date = _date(int(date["year"]), int(date["month"]), int(date["day"]))
    return meta


def _quote(text: str, match: re.Match[str] | None, group: str) -> str | None:
    """The original text of `group` in a match made on the folded `text`; None if it did not match."""
    if match is None or match.group(group) is None:
        return None
    return text[match.start(group) : match.end(group)]


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
