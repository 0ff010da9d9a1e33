"""Read a page as a stream: the logical lines that the segmenter's cascade walks.

A page's physical lines are only a hint. Notices run items together on one line
(`…(牵头单位:X)2.支持毕业生…`), wrap an item over several lines (PDF text), put its lead
units on a line of their own (`牵头单位:市人社局`), and doc-sharing sites cut the text into
pages whose markers (`2、`) fall inside a parenthesis. This module turns the physical lines
into logical ones, each still one contiguous slice of the text (so every span stays exact):

1. ``page-markers``: a run of lines that start `1、` `2、` `3、` … and break off mid-sentence
   is one text cut into pages; each marker is masked and the pieces are read as one line.
2. ``split``: a line is split where the plan's next item or category starts: the expected
   next number of the item (or category) style after a break (`。`, `;`, `)`, a space), or
   any higher item number right after an item's lead-unit parenthesis; after an item, a
   measures heading (推进措施:) and its measures in sequence. A measure's own line is never
   split.
3. ``join``: an item that has no lead unit yet takes the lines after it up to the one that
   carries its lead units (`主要任务:…` then `牵头单位:…`); a line whose parenthesis is left
   open takes the next line when that line is no numbered line of its own. Where a printed
   page's chrome (a page number, the running header, a document number) stands between an
   item that stops mid-sentence, or lacks its lead units, and the rest of it, the chrome lines
   stay lines of their own and the rest is one logical line marked `continues`.

Matching runs on each line's `key`: the text folded to simplified characters, with pinyin
residue (`就業(yè)`), page markers and line breaks inside a logical line masked as spaces.
The key has the text's length, so an offset in one is the same offset in the other.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from . import layout, leads, patterns

EDGE_SPACE = patterns.EDGE_SPACE


@dataclass(frozen=True)
class Line:
    """A logical line: its content without surrounding white space, and where it is."""

    number: int  # 1-based number of the physical line it starts on
    text: str
    start: int
    end: int
    key: str = ""  # `text` folded and masked, for matching (same length); "" = same as text
    continues: bool = False  # the rest of the item above it, after a printed page's chrome

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", self.text)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def sub(self, start: int, end: int) -> tuple[str, tuple[int, int]]:
        """The slice [start, end) of this line's text, with its span in the document."""
        return self.text[start:end], (self.start + start, self.start + end)

    def group(self, match: re.Match[str], name: str) -> str:
        """The original text of group `name` of a match made on `key`."""
        return self.text[match.start(name) : match.end(name)]

    def piece(self, start: int, end: int) -> Line:
        """The slice [start, end) of this line as a line of its own, without edge white space (nor the
        line breaks at its edges, which a line joined from several holds)."""
        raw = self.text[start:end]
        begin = start + len(raw) - len(raw.lstrip(_PIECE_EDGE))
        text = raw.strip(_PIECE_EDGE)
        return Line(
            self.number, text, self.start + begin, self.start + begin + len(text), self.key[begin : begin + len(text)]
        )


_PIECE_EDGE = EDGE_SPACE + "\r\n"


def lines(text: str, folded: str | None = None) -> Iterator[Line]:
    """The non-blank physical lines of `text`, each stripped of edge white space, with offsets.

    `folded` is `text` folded for matching (same length); each line's `key` is its slice of it, or
    the line's text itself where nothing was folded (one string, not two, for most pages).
    """
    copy = folded is not None and folded is not text
    offset = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip(EDGE_SPACE + "\r")
        if stripped:
            start = offset + len(raw) - len(raw.lstrip(EDGE_SPACE + "\r"))
            end = start + len(stripped)
            yield Line(number, stripped, start, end, folded[start:end] if copy and folded is not None else "")
        offset += len(raw) + 1


def mask_pinyin(folded: str) -> str:
    """`folded` with pinyin residue after a character (`業(yè)`, `門(mén)`) replaced by spaces.

    >>> mask_pinyin("就業(yè)(3項)")
    '就業    (3項)'
    """
    if "(" not in folded:
        return folded
    return patterns.PINYIN_RESIDUE.sub(lambda m: " " * len(m.group()), folded)


def _joined(text: str, key: str, first: Line, last: Line, masks: Sequence[tuple[int, int]] = ()) -> Line:
    """One logical line from `first` to `last`, with the breaks between them masked in its key."""
    start, end = first.start, last.end
    chars = list(key[start:end])
    for index, char in enumerate(chars):
        if char in "\n\r":
            chars[index] = " "
    for mask_start, mask_end in masks:
        for index in range(max(mask_start, start), min(mask_end, end)):
            chars[index - start] = " "
    return Line(first.number, text[start:end], start, end, "".join(chars))


# --- 1. page markers of doc-sharing sites --------------------------------------------------

_PAGE_MARKER = re.compile(r"(?P<page>\d{1,3})、")
_ENDS_SENTENCE = re.compile(r"[。;；!\uff01?\uff1f)）】」”\"]\s*$")


def page_markers(text: str, key: str, page: list[Line]) -> tuple[list[Line], list[Line]]:
    """Join the lines of a text cut into pages marked 1、 2、 3、 …; return the lines and the first marker.

    The run must start at 1、, count up by one, and every page but the last must stop
    mid-sentence: a list numbered 1、 2、 whose entries end their sentences is a list.
    """
    starts = [_PAGE_MARKER.match(line.key) for line in page]
    run: list[int] = []
    for index, match in enumerate(starts):
        if match and int(match["page"]) == len(run) + 1:
            run.append(index)
    if len(run) < 2 or any(_ENDS_SENTENCE.search(page[i - 1].key) for i in run[1:] if i > 0):
        return page, []
    markers = [_marker_line(page[i], starts[i]) for i in run]
    first, last = page[run[0]], page[-1]
    masks = [(m.start, m.end) for m in markers]
    head = page[: run[0]]
    body = _joined(text, key, first, last, masks)
    body = _trim_front(body, markers[0].end - body.start)
    # the first marker stands before the text; the others lie inside it, masked in its key and
    # quoted with the part they fall in (a lead-unit parenthesis: (牵头单位\n2、:市环保局))
    return [*head, body], markers[:1]


def _marker_line(line: Line, match: re.Match[str] | None) -> Line:
    assert match is not None
    return Line(line.number, line.text[: match.end()], line.start, line.start + match.end(), line.key[: match.end()])


def _trim_front(line: Line, offset: int) -> Line:
    """`line` without its first `offset` characters and the white space after them."""
    rest = line.text[offset:]
    skip = offset + len(rest) - len(rest.lstrip(EDGE_SPACE + "\n\r"))
    return Line(line.number, line.text[skip:], line.start + skip, line.end, line.key[skip:])


# --- 2. split where the next item or category starts ----------------------------------------

_BREAK = re.compile(r"[。;；)）:：,，\s][\s\u200b\ufeff]*+")
"""Where an item or category written on the same line as the text before it may start."""


@dataclass(frozen=True)
class Cut:
    """A place where a logical line starts inside a physical one."""

    offset: int  # in the line
    level: str  # "item", "category", "measures" (a measures heading) or "measure"


def split(page: list[Line], plan_layout: layout.Layout) -> list[Line]:
    """Split lines where the plan's next item or category starts inside them."""
    if plan_layout.items is None:
        return page
    out: list[Line] = []
    expected = _Expected()
    title = next((i for i, line in enumerate(page) if _plan_title(line.key)), -1)
    for index, line in enumerate(page):
        if index <= title:  # the lines before the plan's title are the page's, not the plan's
            out.append(line)
            continue
        found = layout.marker_at(line.key)
        if found is not None and found.style in plan_layout.measures and found.style != plan_layout.items:
            out.append(line)  # a measure: its text may enumerate (一)(二) of its own
            continue
        cuts = _cuts(line, plan_layout, expected, found)
        offsets = [0, *(cut.offset for cut in cuts)]
        for start, end in zip(offsets, [*offsets[1:], len(line.text)], strict=True):
            piece = line.piece(start, end)
            if piece.text:
                out.append(piece)
    return out


class _Expected:
    """The next item and category numbers, as the stream has seen them so far."""

    def __init__(self) -> None:
        self.item: int | None = None
        self.category: int | None = None
        self.measure: int | None = None  # after a measures heading: the next measure's number

    def numbers(self) -> set[int]:
        """The item and measure numbers that may come next (a date after one is no decimal: 2.7月)."""
        return {number for number in (self.item, self.measure) if number is not None}

    def saw(self, level: str, number: int) -> None:
        if level == "item":
            self.item = number + 1
            self.measure = None
        elif level == "category":
            self.category = number + 1
            self.measure = None
            # numbering may restart in every category: the next item may be 1 or run on
        elif level == "measures":
            self.measure = 1
        else:
            self.measure = number + 1


def _cuts(line: Line, plan_layout: layout.Layout, expected: _Expected, found: layout.Marker | None) -> list[Cut]:
    """Where items and categories start inside `line` (after its own start)."""
    key = line.key
    if found is not None and found.number is not None:
        if found.style == plan_layout.items:
            expected.saw("item", found.number)
        elif found.style == plan_layout.categories:
            expected.saw("category", found.number)
    if found is None and expected.item is not None and patterns.MEASURES_HEADING_START.match(key):
        expected.saw("measures", 0)  # 主要措施:(1)…;(2)…: the item's measures run together on the heading's line
    cuts: list[Cut] = []
    position = found.end if found is not None else 0
    for brk in _BREAK.finditer(key, position):
        at = brk.end()  # a break takes the white space after it: a run of spaces is crossed once
        if cuts and at <= cuts[-1].offset:
            continue
        if expected.item is not None and patterns.MEASURES_HEADING_INLINE.match(key, at):
            cuts.append(Cut(at, "measures"))  # 推进措施: after the item's lead units
            expected.saw("measures", 0)
            continue
        marker = layout.inline_marker(key, at, expected.numbers())
        if marker is None or marker.number is None:
            continue
        if expected.item is None and not patterns.STRONG_BREAK.match(key, brk.start()):
            continue  # the list's first item starts after a sentence's end, not after a comma or a space
        level = _level(marker, plan_layout, expected, after_lead=_closes_lead(key, brk.start()))
        if level is None:
            continue
        if level == "category" and layout.heading_at(key, marker.end) is None:
            continue
        cuts.append(Cut(at, level))
        expected.saw(level, marker.number)
        # a category heading may carry its first item right after it: (二) in 一、环境提升工程(二)…
        if level == "category":
            heading = layout.heading_at(key, marker.end)
            assert heading is not None
            first = layout.inline_marker(key, heading.end) if heading.end < len(key) else None
            if first is not None and first.style == plan_layout.items and first.number is not None:
                expected.saw("item", first.number)
    return cuts


def _plan_title(key: str) -> bool:
    return patterns.PLAN_TITLE.match(key) is not None and layout.marker_at(key) is None


def _level(marker: layout.Marker, plan_layout: layout.Layout, expected: _Expected, *, after_lead: bool) -> str | None:
    """Whether a marker inside a line starts an item, a category, or neither."""
    assert marker.number is not None
    if marker.style in plan_layout.measures and marker.number == expected.measure:
        return "measure"
    if marker.style == plan_layout.categories and marker.number == (expected.category or 1):
        return "category"
    if marker.style != plan_layout.items:
        return None
    if expected.item is None or marker.number == expected.item:
        return "item"
    if after_lead and marker.number > expected.item:
        return "item"  # right after an item's lead units: the next item, even with a gap in the numbers
    return None


def _closes_lead(key: str, position: int) -> bool:
    """The character at `position` closes a lead-unit parenthesis."""
    if position >= len(key) or key[position] not in ")）":
        return False
    window = key[max(0, position - 200) : position + 1]
    return patterns.LEAD_UNITS_AT_END.search(window) is not None


# --- 3. join an item with the lines that finish it ---------------------------------------------

JOIN_LOOKAHEAD = 6
"""How many lines an item without lead units may take to reach them (主要任务:… then 牵头单位:…)."""


def join(text: str, key: str, page: list[Line], plan_layout: layout.Layout) -> list[Line]:
    """Join items with the lines that finish them (see the module's docstring)."""
    out: list[Line] = []
    headers = _running_headers(page)
    index = 0
    while index < len(page):
        line = page[index]
        last = _with_supporting(page, index, _finish(page, index, plan_layout))
        if last > index:
            line = _joined(text, key, line, page[last])
        out.append(line)
        index = last + 1
        rest = _continued(page, line, index, plan_layout, headers)
        if rest is not None:  # the item goes on after a printed page's chrome: the chrome, then its rest
            after, end = rest
            out.extend(page[index:after])
            out.append(dataclasses.replace(_joined(text, key, page[after], page[end]), continues=True))
            index = end + 1
    return out


def _decimal_start(key: str, following: set[int]) -> bool:
    """`key` starts with a number that, read inside a line, is a decimal (3.5万人), not a marker."""
    return layout.marker_at(key) is not None and layout.inline_marker(key, 0, following) is None


def _running_headers(page: list[Line]) -> set[str]:
    """The keys of the plan's title lines: a printed page repeats its document's title as its header."""
    return {line.key for line in page if _plan_title(line.key)}


def _page_break(line: Line, headers: set[str]) -> bool:
    """`line` is a printed page's chrome: its number, a running header, a document number."""
    return is_chrome(line.key) or line.key in headers or patterns.DOC_NUMBER_LINE.fullmatch(line.key) is not None


def _continued(
    page: list[Line], item: Line, index: int, plan_layout: layout.Layout, headers: set[str]
) -> tuple[int, int] | None:
    """Where the rest of `item` lies after the page chrome starting at `index`: (first, last) line.

    Only an item without lead units yet goes on: one that stops mid-sentence (…每人每 / — 5 — /
    月不低于722元。(牵头单位:…)), or whose lead units alone follow the chrome. The rest takes the
    lines up to its lead units, as `_finish` does; a numbered line of its own is no rest.
    """
    found = layout.marker_at(item.key)
    if found is None or found.number is None or found.style != plan_layout.items or _has_lead(item.key):
        return None
    after = index
    while after < len(page) and _page_break(page[after], headers):
        after += 1
    if after == index or after == len(page):
        return None
    following = {found.number + 1, 1}
    mid_sentence = not _ENDS_SENTENCE.search(item.key)
    if _plan_title(page[after].key) or (not mid_sentence and not leads.alone(page[after].key)):
        return None
    if _starts_part(page[after], item, plan_layout, following) and not (
        mid_sentence and _decimal_start(page[after].key, following)
    ):
        return None  # a part of its own; but …城镇新增就业 / — 5 — / 3.5万人左右 goes on with a figure
    for end in range(after, min(len(page), after + JOIN_LOOKAHEAD)):
        if end > after and _starts_part(page[end], page[end - 1], plan_layout, following):
            break
        if _has_lead(" ".join(line.key for line in page[after : end + 1])):
            return after, end
    return after, after  # no lead units within reach: the rest is its first line


def _finish(page: list[Line], index: int, plan_layout: layout.Layout) -> int:
    """The index of the last line that belongs to the item or heading starting at `index`."""
    found = layout.marker_at(page[index].key)
    if found is None or found.number is None or found.style not in (plan_layout.items, plan_layout.categories):
        return index
    if (  # a heading whose count went to the next line: 一、促进就业 / (2项)
        found.style == plan_layout.categories
        and index + 1 < len(page)
        and patterns.COUNT_LINE.fullmatch(page[index + 1].key)
    ):
        return index + 1
    following = {found.number + 1, 1} if found.style == plan_layout.items else set()
    last = index
    for ahead in range(index + 1, min(len(page), index + 1 + JOIN_LOOKAHEAD)):
        if _starts_part(page[ahead], page[ahead - 1], plan_layout, following):
            break
        so_far = " ".join(line.key for line in page[index : last + 1])
        if ahead == last + 1 and open_parenthesis(so_far) and not _has_lead(so_far):
            last = ahead  # a parenthesis left open at a line's end: the next line closes it
            continue
        if found.style == plan_layout.items and not _has_lead(so_far):
            if _has_lead(" ".join(line.key for line in page[index : ahead + 1])):
                return ahead  # the item's lead units, a line or more below (主要任务:… / 牵头单位:…)
            continue
        break
    return last


def _with_supporting(page: list[Line], first: int, last: int) -> int:
    """`last`, or the line below it when that line holds supporting units alone and the lines
    `first`..`last` end with lead units on a line of their own that name none (牵头单位:市人社局 /
    配合单位:市教育局、市财政局): the two lines are one lead-unit form."""
    if last + 1 >= len(page) or not patterns.SUPPORTING_LINE.fullmatch(page[last + 1].key):
        return last
    key = " ".join(line.key for line in page[first : last + 1])
    found = leads.find(key, 0, len(key))
    return last + 1 if found and found[-1].rule == "own-line" and not found[-1].supporting else last


def _has_lead(key: str) -> bool:
    return bool(leads.find(key, 0, len(key)))


def _starts_part(line: Line, before: Line, plan_layout: layout.Layout, following: set[int]) -> bool:
    """`line` starts a part of its own: a numbered line, a measures heading, page chrome.

    A line that starts like an item but not with the next item's number, under a line that
    stops mid-sentence, is the wrapped rest of that line: 城镇新增就业 / 3.5万人左右.
    """
    if is_chrome(line.key) or patterns.MEASURES_HEADING_START.match(line.key):
        return True
    found = layout.marker_at(line.key)
    if found is None:
        return False
    wrapped = (
        bool(following)  # only under an item: a category's next line with a number is its first item
        and found.style == plan_layout.items
        and found.number not in following
        and not _ENDS_SENTENCE.search(before.key)
    )
    return not wrapped


def is_chrome(key: str) -> bool:
    """A page number or a running header of a printed page (PDF text): never part of an item."""
    return patterns.PAGE_CHROME.fullmatch(key) is not None


def open_parenthesis(key: str) -> bool:
    """`key` opens more parentheses than it closes: a parenthesis is left open (cut, or wrapped)."""
    return key.count("(") + key.count("（") > key.count(")") + key.count("）")
