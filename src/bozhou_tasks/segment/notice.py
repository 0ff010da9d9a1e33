"""Split a page's text into the parts of a notice: chrome, metadata, letter, plan, items.

The segmenter walks the non-blank lines in order. Each line goes through a cascade of
small rules, most specific first; the first that accepts it decides the line's part.
A line no rule accepts is kept in `unparsed` with a finding: nothing is dropped.

Rules match on the text folded to simplified characters (`hanzi.fold`, one character
for one, so offsets agree) and quote the original. Which numbering style is a category,
an item or a measure is decided once per plan, before the walk (`layout.detect`). The
rules for what comes before the list, and the notice's metadata, are in `cover`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..models import (
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
from . import hanzi, layout, leads, patterns, stream, table
from .cover import CoverRules, declared_count, notice_meta
from .cover import Phase as _Phase
from .stream import Line, lines

__all__ = ["Line", "Segmented", "lines", "segment"]

_EDGE_SPACE = patterns.EDGE_SPACE


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


def segment(text: str) -> Segmented:
    """Segment the page text into the parts of a notice."""
    folded = stream.mask_pinyin(hanzi.fold(text))
    page = list(lines(text, folded))
    page, page_markers = stream.page_markers(text, folded, page)
    grid = table.read(page)
    if grid is not None:
        return _segment_table(text, folded, page, page_markers, grid)
    # the lines decide the layout; only where they show no item style (items run together on a line)
    # do the pieces of the lines, cut where a numbered piece starts after a sentence's end
    plan_layout = _plan_layout([line.key for line in page])
    if plan_layout.items is None:
        plan_layout = _plan_layout(_candidates(page))
    page = stream.join(text, folded, stream.split(page, plan_layout), plan_layout)
    keys = [line.key for line in page]
    state = _State(Segmented(), folded, plan_layout, _body_start(page, keys, plan_layout))
    for marker in page_markers:
        state.out.blocks.append(Block(role="page-marker", text=marker.text, span=marker.span))
    for line in page:
        state.feed(line)
    state.finish()
    state.out.blocks.sort(key=lambda block: block.span)
    return state.out


def _segment_table(
    text: str, folded: str, page: list[Line], page_markers: list[Line], grid: table.TablePlan
) -> Segmented:
    """A plan laid out as a table: the lines around it go through the cascade, its rows are the items."""
    state = _State(Segmented(), folded, layout.Layout(categories=None, items=None, rule="table-header"), grid.start)
    for marker in page_markers:
        state.out.blocks.append(Block(role="page-marker", text=marker.text, span=marker.span))
    entered = False
    for line in page:
        if line.end <= grid.start or line.start >= grid.end:
            state.feed(line)
            continue
        if line.start < grid.start:  # the title before a header on the same line
            state.feed(line.piece(0, grid.start - line.start))
        if not entered:
            entered = True
            state.feed(Line(line.number, "", grid.start, grid.start, ""))  # the plan starts at the header
            for cell in grid.header:
                state.out.blocks.append(Block(role="table-header", text=cell.text, span=cell.span))
            for cell in grid.chrome:
                state.out.blocks.append(Block(role="page-chrome", text=cell.text, span=cell.span))
            state.out.categories.extend(grid.categories)
            for item in grid.items:  # the texts of the spans the table gives (a content cell broken in two)
                item.text = text[item.span[0] : item.span[1]]
                item.headline = text[item.headline_span[0] : item.headline_span[1]]
                state.out.items.append(item)
        if line.end > grid.end:
            state.feed(line.piece(grid.end - line.start, len(line.text)))
    state.layout = layout.Layout(
        categories="table" if grid.categories else None,
        items="table",
        rule="table-header",
        category_rule=grid.category_rule,
    )
    state.finish()
    state.out.blocks.sort(key=lambda block: block.span)
    return state.out


def _candidates(page: list[Line]) -> list[str]:
    """The keys of the page's lines, also cut where a numbered piece starts after a break.

    What the layout is detected on before the lines are split: on a page whose items run
    together on one line, the pieces show the numbering that the lines hide.
    """
    keys: list[str] = []
    for line in page:
        start = 0
        for brk in patterns.STRONG_BREAK.finditer(line.key):
            at = brk.end()
            if at < len(line.key) and layout.inline_marker(line.key, at) is not None:
                keys.append(line.key[start:at])
                start = at
        keys.append(line.key[start:])
    return keys


def _plan_layout(keys: list[str]) -> layout.Layout:
    """The numbering layout of the lines after the plan title (the first line that is one), or of all lines."""
    for index, key in enumerate(keys):
        if patterns.PLAN_TITLE.match(key) and layout.marker_at(key) is None:
            return layout.detect(keys[index + 1 :])
    return layout.detect(keys)


def _body_start(page: list[Line], keys: list[str], plan_layout: layout.Layout) -> int | None:
    """Where the plan's list starts: the offset of its first category heading or item (after the plan's
    title, when it has one: a cover letter's numbered paragraphs come before it)."""
    first = next(
        (i + 1 for i, key in enumerate(keys) if patterns.PLAN_TITLE.match(key) and layout.marker_at(key) is None), 0
    )
    for line, key in zip(page[first:], keys[first:], strict=True):
        found = layout.marker_at(key)
        if found is None or found.number is None:
            continue
        if found.style == plan_layout.items:
            return line.start
        if found.style == plan_layout.categories and layout.heading_at(key, found.end) is not None:
            return line.start
    return None


class _State(CoverRules):
    """The segmenter's walk over the lines: which phase it is in and what is open.

    The rules for the lines before the list (metadata, titles, byline, letter) are in `cover.CoverRules`.
    """

    def __init__(self, out: Segmented, folded: str, plan_layout: layout.Layout, body_start: int | None) -> None:
        self.out = out
        self.folded = folded
        self.layout = plan_layout
        self.body_start = body_start
        # lines before the body that name year and count: as written, without pinyin residue, and the match
        self.titles: list[tuple[Line, Line, re.Match[str]]] = []
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
            self._body,
            self._metadata,
            self._notice_title,
            self._byline,
            self._plan_title,
            self._section,
            self._chrome,
            self._item_rest,
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

    def _body(self, line: Line) -> bool:
        """At the first category or item of a plan that has no title of its own, the plan starts.

        Never accepts the line: it goes on to the rules for categories and items.
        """
        if self.phase not in (_Phase.HEADER, _Phase.LETTER) or self.body_start is None or line.start < self.body_start:
            if self.phase in (_Phase.HEADER, _Phase.LETTER):
                self._remember_title(line)
            return False
        self.out.plan = self._plan_from_titles(line)
        self.phase = _Phase.PLAN
        return False

    def _chrome(self, line: Line) -> bool:
        """A printed page's chrome inside the plan (PDF text): a page number, the running header
        (the plan's title again), a document number on a line of its own."""
        if self.phase != _Phase.PLAN or not (self.out.categories or self.out.items):
            return False
        plan = self.out.plan
        if not (
            stream.is_chrome(line.key)
            or (plan is not None and plan.text and line.text == plan.text)
            or patterns.DOC_NUMBER_LINE.fullmatch(line.key)
        ):
            return False
        return self._block("page-chrome", line)  # the item goes on after it (stream.join: `Line.continues`)

    def _section(self, line: Line) -> bool:
        """A numbered section of the document around the list: 一、总体要求 and 二、主要任务 before it;
        after it, a closing section (三、保障措施) ends the list: its numbered lines are not items."""
        if self.phase == _Phase.CLOSING:
            return not patterns.FOOTER.search(line.text) and self._block("closing", line)
        if self.phase != _Phase.PLAN:
            return False
        found = layout.marker_at(line.key)
        if found is None or not patterns.SECTION_HEADING.fullmatch(line.key, found.end):
            return False
        if self.out.categories or self.out.items:
            self.phase = _Phase.CLOSING
            self.item = None
            return self._block("closing", line)
        return self._block("section", line)

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
            marker = layout.inline_marker(line.key, position, () if expected is None else (expected,))
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
        """An item from the slice [start, end) of `line`, numbered by `found`.

        Its lead units are every lead-unit form inside its own slice (`leads.find`), and its
        headline runs from its number to the start of the last of them.
        """
        assert found.number is not None
        found_leads = leads.find(line.key, found.end, end)
        headline_end = found_leads[-1].start if found_leads else end
        if not found_leads:  # the separator before the next item on the line is not part of the headline
            headline_end = found.end + len(line.key[found.end : headline_end].rstrip(_EDGE_SPACE + ";\uff1b,\uff0c"))
        headline, headline_span = _stripped(line, found.end, headline_end)
        text, span = line.sub(start, end)
        self.item = Item(
            number=found.number,
            numeral=_numeral(line, found),
            category_number=self.category.number if self.category else None,
            headline=headline,
            headline_span=headline_span,
            text=text,
            span=span,
        )
        _take_leads(self.item, line.sub, found_leads)
        if self.category:
            self.category.item_numbers.append(found.number)
        self.out.items.append(self.item)

    def _item_rest(self, line: Line) -> bool:
        """A line of the open item's below its headline's part: the rest of its text after a printed
        page's chrome (`Line.continues`), or its lead units alone on a line after its measures
        (推进措施: 1. 2. 3. then 牵头单位:…). Lead units are taken from it only when the item has none."""
        item = self.item
        if self.phase != _Phase.PLAN or item is None:
            return False
        if not line.continues and (item.lead_units or not (item.measures or item.measures_heading)):
            return False
        found, role = leads.alone(line.key), "lead-units"
        if not found and not line.continues:
            return False
        if not found:
            found, role = leads.find(line.key, 0, len(line.key)), "item-continued"
        if not item.lead_units and found:
            _take_leads(item, line.sub, found)
        elif not item.lead_units and line.continues:
            self._leads_across(item, line)
        if role == "item-continued":
            _rest_of_headline(item, line, found)
        return self._block(role, line)

    def _leads_across(self, item: Item, rest: Line) -> None:
        """The lead units of a parenthesis that a page break cut after the item's line: (牵头单位: / — 5 — /
        市民政局); each name is quoted where it is, and the headline ends before the parenthesis."""
        head = self.folded[item.span[0] : item.span[1]]
        lead = leads.across(head, rest.key)
        if lead is None:
            return
        cut, start = len(head), item.span[0]

        def quote(a: int, b: int) -> tuple[str, Span]:
            return (item.text[a:b], (start + a, start + b)) if b <= cut else rest.sub(a - cut, b - cut)

        _take_leads(item, quote, [lead])
        headline = Line(0, item.text, start, item.span[1]).piece(item.headline_span[0] - start, lead.start)
        item.headline, item.headline_span = headline.text, headline.span

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
        if self.phase == _Phase.FOOTER or (
            self.phase in (_Phase.PLAN, _Phase.CLOSING) and patterns.FOOTER.search(line.text)
        ):
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
        plan = self.out.plan
        if plan is not None and plan.declared_item_count is None:  # 2023年全共有10件重点民生实事项目
            declared = patterns.DECLARED_SENTENCE.search(line.key)
            if declared is not None and int(declared.group("year")) == plan.year:
                plan.declared_item_count = declared_count(declared)
        return self._block("preamble", line)

    def _header(self, line: Line) -> bool:
        if self.phase != _Phase.HEADER:
            return False
        return self._block("header", line)

    # -- after the walk ---------------------------------------------------------------

    def finish(self) -> None:
        self.out.meta = notice_meta(self.out, self.folded)
        if self.out.plan is not None:
            self.out.plan.numbering = Numbering(
                categories=self.layout.categories,
                items=self.layout.items,
                measures=self.measure_styles,
                rule=self.layout.rule,
                category_rule=self.layout.category_rule,
            )
            if self.phase == _Phase.PLAN:  # no footer or closing section after the list: it may be cut
                self.out.plan.ends_inside_item = _cut_inside(self.out)


_FINISHED = re.compile(r"[。;；!\uff01?\uff1f)）】〕”\"…]\s*$")
"""How a finished item, measure or cell ends: a sentence's end or a closing bracket."""


_ITEM_BLOCKS = ("item-continued", "lead-units")
"""Blocks that belong to the item before them (`_State._item_rest`)."""


def _cut_inside(out: Segmented) -> int | None:
    """The item inside which the page ends, when its last part is unfinished; None otherwise.

    Unfinished: the page's last part is the last item's (its headline, a measure, or its rest after
    a page break) and it stops mid-sentence (not at a sentence's end, a closing bracket or its own lead
    or supporting units), or the item lacks the lead units that the other items have.
    """
    if not out.items:
        return None
    item = out.items[-1]
    parts = [(item.span, item.text, "item"), *((m.span, m.text, "measure") for m in item.measures)]
    parts += [(b.span, b.text, b.role) for b in out.blocks if b.role in _ITEM_BLOCKS and b.span[0] > item.span[0]]
    last_span, last, last_role = max(parts)
    if any(line.span[0] > last_span[1] for line in out.unparsed):
        return None
    others_have_leads = any(other.lead_units for other in out.items[:-1])
    lacks_leads = others_have_leads and not item.lead_units and not item.measures
    if out.plan is not None and out.plan.numbering is not None and out.plan.numbering.items == "table":
        return item.number if lacks_leads else None  # a row ends in a cell, not in a sentence
    ends_in_units = not stream.open_parenthesis(last) and any(
        span[1] == last_span[1] for span in item.lead_unit_spans + item.supporting_unit_spans
    )
    if not (_FINISHED.search(last) or last_role == "lead-units" or ends_in_units) or lacks_leads:
        return item.number  # lead units after the measures, or ending the item's text (牵头单位:X), finish it
    return None


def _rest_of_headline(item: Item, rest: Line, found: list[leads.Lead]) -> None:
    """The headline's rest in `rest`, the line after a printed page's chrome: up to its lead units (those
    found in it, or those of a parenthesis the break cut, which start it). Nothing when they start it."""
    ends = [lead.start for lead in found]
    ends += [span[0] - rest.start for span in item.lead_unit_spans if rest.start <= span[0] < rest.end]
    end = min(ends, default=len(rest.text))
    piece = rest.piece(0, end)
    if piece.text.strip(_HEADLINE_TAIL) and item.headline_rest is None:
        item.headline_rest, item.headline_rest_span = piece.text, piece.span


_HEADLINE_TAIL = ";\uff1b,\uff0c。"
"""Punctuation that is no headline on its own: the rest of a break just before the lead units."""


def _stripped(line: Line, start: int, end: int) -> tuple[str, Span]:
    """The slice [start, end) of `line` without edge white space, with its span."""
    piece = line.piece(start, end)
    return piece.text, piece.span


Quote = Callable[[int, int], tuple[str, Span]]
"""Quotes offsets of a key: the text there and its span in the document (`Line.sub`)."""


def _take_leads(item: Item, quote: Quote, found: list[leads.Lead]) -> None:
    """Give `item` the lead and supporting units of the lead-unit forms `found`, quoted with their spans by
    `quote` (a line's `sub`: offsets in the key the forms were found in → text and document span)."""
    item.lead_units, item.lead_unit_spans = _quoted(quote, [u for lead in found for u in lead.units])
    item.supporting_units, item.supporting_unit_spans = _quoted(quote, [u for lead in found for u in lead.supporting])
    label = next((lead.label for lead in found if lead.label), None)
    supporting_label = next((lead.supporting_label for lead in found if lead.supporting_label), None)
    item.lead_label = quote(*label)[0] if label else None
    item.supporting_label = quote(*supporting_label)[0] if supporting_label else None


def _numeral(line: Line, found: layout.Marker) -> str:
    """The marker's number as printed, e.g. '十二' (in the original script)."""
    return line.text[found.numeral_start : found.numeral_start + len(found.numeral)]


def _quoted(quote: Quote, offsets: list[tuple[int, int]]) -> tuple[list[str], list[Span]]:
    """The texts at `offsets` (quoted by `quote`, e.g. a line's `sub`), and their spans in the document."""
    texts: list[str] = []
    spans: list[Span] = []
    for start, end in offsets:
        text, span = quote(start, end)
        texts.append(text)
        spans.append(span)
    return texts, spans
