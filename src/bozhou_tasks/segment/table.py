"""A plan laid out as a table: one row is one item, its lead-unit cell its lead units.

Tables reach us flattened: one cell per line (an HTML table saved as text), cells ending in
` |` one per line, or whole rows on a line with `|` (or, from our HTML rendering, white space)
between cells. All are read as one stream of cells. The table is found by its header: a `序号`
cell followed by column names among which a lead-unit column (牵头单位, 责任单位, 主管部门 …).
Rows start at a cell that is the next row number; the header says which cell is which:

- ``content``: the column of what the item does (项目内容, 建设内容, 主要内容 …) is the row's
  headline; in a row it is the first cell that ends a sentence (or the longest cell), since a
  merged cell (a category written only on the first row of its group) shifts the cells before
  it: they are aligned to the columns before the content from the right.
- ``name``: the project-name column (项目名称, 实事名称, 项目) is the item's `name`.
- ``lead``: the lead-unit column; the columns after it (协同单位, 配合单位, 协办单位) are
  supporting units, one or more cells each; `/` is an empty cell. Beside a 牵头 column, a
  责任单位 column holds supporting units; alone, it is the lead.
- ``category``: a category column (事项分类, 类别), when the table has one.

Rows are shaped by the header. Where the header is one line, each row is one line; otherwise
a row is a run of cells, and it is full once it has a cell for each column after its content.
A category row (一、就业创业(2项), with or without its count) spans the table just before a row
(the next one, or row 1 where each category numbers its rows again) and starts a category.
The table ends at the first cell that fits no row: where rows are lines, a line after the
last row; otherwise, after a full row, a cell that is not one of a run of more units of its
last column (short, no sentence or label punctuation, not numbered, not a date) reaching to
the next row or the page's end. A cell just before the next row (a wrapped cell) stays in its
row. What follows the table is text after the list, never the last row's. Where the source
page broke inside the table, the header again and a page number on a line of its own (- 2 -)
are kept as header and page chrome, not as a row's cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Category, Item, Span
from . import layout, leads, patterns
from .stream import Line

COLUMNS = {
    "number": ("序号",),
    "category": ("事项分类", "项目分类", "项目类别", "类别", "分类", "领域"),
    "name": ("事项名称", "项目名称", "实事名称", "名称", "项目"),
    "content": (
        "项目内容",
        "建设内容",
        "主要内容",
        "工作内容",
        "实施内容",
        "具体内容",
        "任务内容",
        "目标任务",
        "年度目标",
        "主要任务",
        "内容",
    ),
    "lead": ("牵头责任单位", "牵头单位", "责任单位", "牵头部门", "责任部门", "主管部门", "主责单位"),
    "supporting": ("协同单位", "协同责任单位", "配合单位", "配合部门", "协办单位", "参与单位"),
}
"""What a header cell names, by the words it contains (first hit in this order: lead before name)."""

_ROLE_ORDER = ("number", "lead", "supporting", "category", "content", "name")

_CELL_SPLIT = re.compile(r"[|\uff5c]")
_ROW_NUMBER = re.compile(r"\d{1,3}")
_SENTENCE_END = re.compile(r"[。;；]$")
_UNIT_SPLIT = re.compile(r"[、,，;；/\s]")
_EMPTY = frozenset({"/", "\uff0f", "-", "—", "无", "——"})


@dataclass(frozen=True)
class Cell:
    text: str
    key: str
    start: int
    end: int
    line: int

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass
class TablePlan:
    """The items read from a table, the header's cells, and the part of the text the table takes."""

    start: int
    end: int
    header: list[Cell]
    categories: list[Category] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    category_rule: str | None = None  # table-row (一、就业创业 spanning the table) | table-column | None
    chrome: list[Cell] = field(default_factory=list)  # page numbers between rows (- 2 -, 第2页)


def cells(page: list[Line], split: re.Pattern[str] = _CELL_SPLIT) -> list[Cell]:
    """The page's cells: each line cut at `|` (or at `split`), empty cells left out."""
    out: list[Cell] = []
    for line in page:
        start = 0
        for piece in [*split.finditer(line.text), None]:
            end = piece.start() if piece else len(line.text)
            raw = line.text[start:end]
            text = raw.strip(patterns.EDGE_SPACE)
            if text:
                offset = start + len(raw) - len(raw.lstrip(patterns.EDGE_SPACE))
                out.append(
                    Cell(
                        text,
                        line.key[offset : offset + len(text)],
                        line.start + offset,
                        line.start + offset + len(text),
                        line.number,
                    )
                )
            if piece:
                start = piece.end()
    return out


def role(key: str) -> str | None:
    """Which column a header cell names, or None."""
    compact = re.sub(r"\s+", "", key)
    if len(compact) > 16:
        return None
    for name in _ROLE_ORDER:
        if any(word in compact for word in COLUMNS[name]):
            return name
    return None


_NUMBER_HEADER = re.compile(r"序\s*号")
"""序号, white space allowed between (as `role` compacts a cell): every table read here has that column."""


def read(page: list[Line]) -> TablePlan | None:
    """The plan's table, when the page has one with a row-number and a lead-unit column."""
    if not any(_NUMBER_HEADER.search(line.key) for line in page):
        return None  # no 序号 header on the page: spare cutting every line into cells, twice
    return _read_cells(page) or next((found for line in page if (found := _read_glued(line))), None)


_SPACED = re.compile(r"[|\uff5c]|[ \t\xa0\u3000]+")
"""Cells of an HTML table rendered one row per line, separated by white space."""


def _read_cells(page: list[Line]) -> TablePlan | None:
    by_number = {line.number: line for line in page}
    return _read_stream(cells(page), by_number) or _read_stream(cells(page, _SPACED), by_number)


@dataclass(frozen=True)
class _Shape:
    """What a row of one table looks like, from its header.

    ``line_rows``: the header is one line, so each row is one line (an HTML table rendered a row
    per line, or pipe rows); otherwise a row is a run of cells, one or more per line.
    ``columns``: the header's cells; ``after_content``: those after the content column (lead,
    supporting, deadline …): a row holding that many cells after its content cell is full.
    """

    columns: int
    after_content: int
    line_rows: bool
    lines: dict[int, Line]


def _read_stream(stream: list[Cell], lines: dict[int, Line]) -> TablePlan | None:
    for index, cell in enumerate(stream):
        if role(cell.key) != "number":
            continue
        header = _header(stream, index, lines)
        roles = _roles(header)
        if "lead" not in roles or len(header) < 3:
            continue
        content = roles.index("content") if "content" in roles else len(roles) - 2
        shape = _Shape(len(header), len(header) - content - 1, _on_one_line(header), lines)
        return _rows(stream[index + len(header) :], header, roles, shape)
    return None


def _header(stream: list[Cell], index: int, lines: dict[int, Line]) -> list[Cell]:
    """The header's cells from its 序号 cell: the rest of that line when it holds the whole header,
    else the cells up to the first row number or category row (at most 16 cells)."""
    first = stream[index]
    same_line = [c for c in stream[index : index + 16] if c.line == first.line]
    if len(same_line) >= 3 and stream[index + len(same_line) - 1] is same_line[-1]:
        return same_line
    header = [first]
    for position, later in enumerate(stream[index + 1 : index + 16], start=index + 1):
        if _ROW_NUMBER.fullmatch(later.key) or _category_row(stream, position, lines) is not None:
            break
        header.append(later)
    return header


def _on_one_line(header: list[Cell]) -> bool:
    return header[0].line == header[-1].line


def _roles(header: list[Cell]) -> list[str | None]:
    """Each header cell's column. Beside a 牵头 column, a 责任单位 column (or any second lead-unit
    column) holds supporting units; where it is the only unit column it is the lead."""
    roles = [role(cell.key) for cell in header]
    leads_at = [i for i, name in enumerate(roles) if name == "lead"]
    if len(leads_at) > 1:
        lead = next((i for i in leads_at if "牵头" in header[i].key), leads_at[0])
        for i in leads_at:
            if i != lead:
                roles[i] = "supporting"
    return roles


@dataclass(frozen=True)
class _CategoryRow:
    """A row that spans the table and names a category: 一、就业创业(2项)."""

    cell: Cell  # the whole row as one cell
    numeral: str
    name: str
    count: int | None
    cells: int  # how many cells of the stream it takes


def _category_row(stream: list[Cell], index: int, lines: dict[int, Line]) -> _CategoryRow | None:
    """The category row starting at `stream[index]`: a line's first cell and the rest of the line,
    a numbered heading (一、就业创业, with or without its count), not a section (二、保障措施)."""
    first = stream[index]
    line = lines.get(first.line)
    if line is None or (index > 0 and stream[index - 1].line == first.line):
        return None
    taken = [c for c in stream[index : index + 8] if c.line == first.line]
    whole = line.piece(first.start - line.start, taken[-1].end - line.start)
    found = layout.marker_at(whole.key)
    if found is None or found.style not in ("一、", "(一)"):
        return None
    heading = layout.heading_at(whole.key, found.end)
    if heading is None or heading.end < len(whole.key) or patterns.SECTION_HEADING.match(whole.key, found.end):
        return None
    cell = Cell(whole.text, whole.key, whole.start, whole.end, whole.number)
    name = whole.text[heading.name_start : heading.name_end]
    return _CategoryRow(cell, found.numeral, name, heading.count, len(taken))


def _starts_row(stream: list[Cell], index: int, expected: int, shape: _Shape) -> bool:
    """`stream[index]` is row `expected`'s number (and, where rows are lines, its line's first cell)."""
    cell = stream[index]
    if not (_ROW_NUMBER.fullmatch(cell.key) and int(cell.key) == expected):
        return False
    return not shape.line_rows or index == 0 or stream[index - 1].line != cell.line


def _rows(stream: list[Cell], header: list[Cell], roles: list[str | None], shape: _Shape) -> TablePlan | None:
    rows: list[list[Cell]] = []
    heads: list[tuple[int, _CategoryRow]] = []  # a category row and the index of the first row under it
    repeated: list[Cell] = []  # the header again, where the source page broke inside the table
    chrome: list[Cell] = []
    expected, index = 1, 0
    keys = [cell.key for cell in header]
    while index < len(stream):
        cell = stream[index]
        if rows and [c.key for c in stream[index : index + len(keys)]] == keys:
            repeated.extend(stream[index : index + len(keys)])
            index += len(keys)
            continue
        if rows and _page_number(cell, shape):
            chrome.append(cell)
            index += 1
            continue
        if _starts_row(stream, index, expected, shape):
            rows.append([cell])
            expected += 1
        elif (heading := _category_row(stream, index, shape.lines)) and (
            following := _row_after(stream, index + heading.cells, expected, shape)
        ):
            heads.append((len(rows), heading))
            expected = following
            index += heading.cells
            continue
        elif rows and _belongs(stream, index, rows[-1], expected, shape):
            rows[-1].append(cell)
        elif rows:
            break  # the table ends: what follows is text after it
        index += 1
    if not rows:
        return None
    end = _row_end(rows[-1][-1], shape)
    plan = TablePlan(header[0].start, end, [*header, *repeated], chrome=[c for c in chrome if c.end <= end])
    _fill(plan, rows, heads, header, roles)
    return plan


_SEPARATORS = re.compile(rf"[|\uff5c{patterns.EDGE_SPACE}]*")


def _row_end(last: Cell, shape: _Shape) -> int:
    """Where the last row ends: after its last cell, and after the separators that close its line."""
    line = shape.lines.get(last.line)
    if line is not None and _SEPARATORS.fullmatch(line.text, last.end - line.start):
        return line.end
    return last.end


def _page_number(cell: Cell, shape: _Shape) -> bool:
    """A line of its own that is a page number (- 2 -, 第2页), not a row number."""
    line = shape.lines.get(cell.line)
    return (
        line is not None
        and line.text == cell.text
        and _ROW_NUMBER.fullmatch(cell.key) is None
        and patterns.PAGE_CHROME.fullmatch(cell.key) is not None
    )


def _row_after(stream: list[Cell], index: int, expected: int, shape: _Shape) -> int:
    """The number of the row that starts at `index`, right after a category row: the next row, or
    row 1 where each category numbers its rows again; 0 when no row starts there."""
    return next((n for n in (expected, 1) if _starts_row(stream, index, n, shape)), 0)


def _resumes(stream: list[Cell], index: int, expected: int, shape: _Shape, within: int) -> bool:
    """Row `expected` starts within the next `within` cells: the table goes on after them."""
    return any(_starts_row(stream, i, expected, shape) for i in range(index, min(index + within, len(stream))))


def _belongs(stream: list[Cell], index: int, row: list[Cell], expected: int, shape: _Shape) -> bool:
    """`stream[index]` belongs to `row`. Where rows are lines: a cell on the row's line, or a line
    wrapped before the next row. Otherwise: any cell while the row is not full (a merged or wrapped
    cell shifts the count), then only a run of more units of its last column that ends where the
    next row starts (or where the page ends), or a cell just before the next row."""
    cell = stream[index]
    if patterns.FOOTER.search(cell.text):
        return False
    if shape.line_rows and cell.line == row[-1].line:
        return True
    if not shape.line_rows and not _full(row, shape):
        return True
    return _unit_run(stream, index, expected, shape) or _resumes(stream, index + 1, expected, shape, shape.columns)


_UNIT_LIKE = re.compile(r"[^。;；:：!\uff01?\uff1f]{1,24}")
"""A cell that can be one more unit of a unit column: short, no sentence or label punctuation."""
_RUN = 40
"""The most unit cells one row holds beyond its columns (a unit column written one unit a line)."""


def _unit_run(stream: list[Cell], index: int, expected: int, shape: _Shape) -> bool:
    """From `index`, cells that can each be one more unit, up to the next row or the page's end."""
    if shape.line_rows:
        return False
    for at in range(index, min(index + _RUN, len(stream))):
        if _starts_row(stream, at, expected, shape) or _category_row(stream, at, shape.lines):
            return at > index
        if not _unit_like(stream[at]):
            return False
    return index + _RUN >= len(stream)


def _unit_like(cell: Cell) -> bool:
    """Short, no sentence or label punctuation, not numbered (二、保障措施), not a date or 附件."""
    key = cell.key
    if _UNIT_LIKE.fullmatch(key) is None or layout.marker_at(key) is not None:
        return False
    return not (patterns.SIGNED_DATE.match(key) or key.startswith("附件"))


def _full(row: list[Cell], shape: _Shape) -> bool:
    """The row has a cell for each column after its content cell (or as many cells as the header)."""
    content = next((i for i, c in enumerate(row[1:], start=1) if _SENTENCE_END.search(c.key)), None)
    if content is None:
        return len(row) >= shape.columns
    return len(row) - content - 1 >= shape.after_content


def _fill(
    plan: TablePlan,
    rows: list[list[Cell]],
    heads: list[tuple[int, _CategoryRow]],
    header: list[Cell],
    roles: list[str | None],
) -> None:
    """The plan's categories and items from its rows: a category row, or else a category column,
    gives the category of the rows below it."""
    lead_header = header[roles.index("lead")]
    supporting_header = header[roles.index("supporting")] if "supporting" in roles else None
    starts = dict(heads)
    category: Category | None = None
    for position, row in enumerate(rows):
        columns = _align(row[1:], roles[1:])
        if position in starts:
            category = _category(plan, starts[position].cell, starts[position])
            plan.category_rule = "table-row"
        elif columns.get("category"):
            category = _category(plan, columns["category"][0], None)
            plan.category_rule = plan.category_rule or "table-column"
        plan.items.append(_item(row, columns, lead_header, supporting_header, category))
        if category is not None:
            category.item_numbers.append(int(row[0].key))


def _category(plan: TablePlan, cell: Cell, heading: _CategoryRow | None) -> Category:
    category = Category(
        number=len(plan.categories) + 1,
        numeral=heading.numeral if heading else "",
        name=heading.name if heading else cell.text,
        declared_item_count=heading.count if heading else None,
        text=cell.text,
        span=cell.span,
    )
    plan.categories.append(category)
    return category


def _align(row: list[Cell], roles: list[str | None]) -> dict[str, list[Cell]]:
    """The cells of a row by column role; see the module's docstring."""
    if not row:
        return {}
    content_column = roles.index("content") if "content" in roles else None
    at = next((i for i, c in enumerate(row) if _SENTENCE_END.search(c.key)), None)
    if at is None:
        at = max(range(len(row)), key=lambda i: len(row[i].key))
    if content_column is None:
        content_column = min(at, len(roles) - 1)
    first = at
    while first > content_column and _CLAUSE_GOES_ON.search(row[first - 1].key):
        first -= 1  # 新建老年食堂30个,<br>其中…5个。: a content cell broken in two, and a cell too many before it
    out: dict[str, list[Cell]] = {}
    for cell, column in zip(reversed(row[:first]), reversed(roles[:content_column]), strict=False):
        out.setdefault(column or "other", []).insert(0, cell)
    out["content"] = [_joined(row[first : at + 1])]
    after = row[at + 1 :]
    for cell, column in zip(after, _after_content(roles[content_column + 1 :] or [None], len(after)), strict=True):
        out.setdefault(column or "other", []).append(cell)
    return out


_CLAUSE_GOES_ON = re.compile(r"[,，、;；:：]$")
"""How a cell ends whose sentence goes on in the next cell (a line break inside one cell)."""


def _after_content(later: list[str | None], cells_after: int) -> list[str | None]:
    """The column of each of `cells_after` cells after a row's content. One cell a column; cells beyond
    the columns' number are more units of the last unit column (市民政局 / 各县区政府 in one 责任单位
    cell), and the columns after it (完成时限) take the row's last cells."""
    extra = cells_after - len(later)
    if extra <= 0:
        return later[:cells_after]
    units = max((i for i, role_ in enumerate(later) if role_ in ("lead", "supporting")), default=len(later) - 1)
    return [*later[:units], *[later[units]] * (extra + 1), *later[units + 1 :]]


def _joined(cells_: list[Cell]) -> Cell:
    """One cell from several that a line break split (its text is filled from the page by `segment`)."""
    if len(cells_) == 1:
        return cells_[0]
    first, last = cells_[0], cells_[-1]
    return Cell(first.text, first.key, first.start, last.end, first.line)


def _item(
    row: list[Cell],
    columns: dict[str, list[Cell]],
    lead_header: Cell,
    supporting_header: Cell | None,
    category: Category | None,
) -> Item:
    number = row[0]
    content = columns["content"][0]
    name = columns.get("name", [None])[0]
    lead_cells = [c for c in columns.get("lead", []) if c.key not in _EMPTY]
    supporting_cells = [c for c in columns.get("supporting", []) if c.key not in _EMPTY]
    units, unit_spans = _units(lead_cells)
    supporting, supporting_spans = _units(supporting_cells)
    last = row[-1]
    return Item(
        number=int(number.key),
        numeral=number.text,
        category_number=category.number if category else None,
        headline=content.text,
        headline_span=content.span,
        name=name.text if name else None,
        name_span=name.span if name else None,
        lead_label=lead_header.text,
        lead_units=units,
        lead_unit_spans=unit_spans,
        supporting_label=supporting_header.text if supporting_header and supporting else None,
        supporting_units=supporting,
        supporting_unit_spans=supporting_spans,
        text="",  # filled from the page by `segment`, which has the text
        span=(number.start, last.end),
    )


def _units(cells_: list[Cell]) -> tuple[list[str], list[Span]]:
    """The units written in `cells_`, split as a lead-unit list is (and at white space and /)."""
    units: list[str] = []
    spans: list[Span] = []
    for cell in cells_:
        for start, end in leads.split_units(cell.key, _UNIT_SPLIT):
            if cell.text[start:end] not in _EMPTY:
                units.append(cell.text[start:end])
                spans.append((cell.start + start, cell.start + end))
    return units, spans


# --- a table flattened with no delimiters at all ------------------------------------------------

_COLUMN_WORDS = sorted(
    {word for words in COLUMNS.values() for word in words} - {"序号", "项目", "名称", "内容"}, key=len
)
_LEADER = r"[\u4e00-\u9fff]{0,6}?(?:分管领导|分管负责人|责任领导|责任人)"
GLUED_HEADER = re.compile(rf"序号(?P<columns>(?:{'|'.join(reversed(_COLUMN_WORDS))}|{_LEADER}){{3,8}})")
"""A header whose cells lost their borders: 序号项目名称主要内容区政府分管领导牵头单位配合单位."""
_GLUED_COLUMN = re.compile(rf"{'|'.join(reversed(_COLUMN_WORDS))}|(?P<leader>{_LEADER})")
_NOT_A_ROW = re.compile("[万千亿余多个人名户家所座条处]")
"""What follows a number that is a figure, not a row's number (12个, 5000人)."""
_ANCHOR_ENDINGS = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:局|委|办|院|中心)")


def _read_glued(line: Line) -> TablePlan | None:
    """A table whose cells and rows run together: rows start at the next row number glued to a name
    (1增加教育资源供给); in a row, a leader's name and the lead unit follow the content's last 。"""
    header = GLUED_HEADER.search(line.key)
    if header is None:
        return None
    roles = [role(m.group()) if not m.group("leader") else "leader" for m in _GLUED_COLUMN.finditer(header["columns"])]
    if "lead" not in roles:
        return None
    starts: list[int] = []
    position = header.end()
    while True:
        row = re.compile(rf"(?<![0-9.]){len(starts) + 1}(?=[\u4e00-\u9fff])").search(line.key, position)
        if row is None:
            break
        if _NOT_A_ROW.match(line.key, row.end()):
            position = row.end()
            continue
        starts.append(row.start())
        position = row.end()
    if not starts:
        return None
    plan = TablePlan(start=line.start + header.start(), end=line.end, header=[_glued_cell(line, header)])
    ends = [*starts[1:], len(line.key)]
    for number, (start, end) in enumerate(zip(starts, ends, strict=True), start=1):
        repeated = GLUED_HEADER.search(line.key, start, end)
        if repeated is not None:  # the header again at the top of the next page: not the row's text
            plan.header.append(_glued_cell(line, repeated))
            end = repeated.start()
        plan.items.append(_glued_row(line, number, start, end, has_leader="leader" in roles))
    return plan


def _glued_cell(line: Line, match: re.Match[str]) -> Cell:
    start, end = match.span()
    return Cell(line.text[start:end], match.group(), line.start + start, line.start + end, line.number)


def _glued_row(line: Line, number: int, start: int, end: int, *, has_leader: bool) -> Item:
    key = line.key
    digits = len(str(number))
    anchors: list[tuple[int, int, int]] = []  # (the 。 that ends the content, lead start, lead end)
    for stop in re.finditer("。", key[:end]):
        if stop.start() < start:
            continue
        for leader in (3, 2) if has_leader else (0,):
            unit = _ANCHOR_ENDINGS.match(key, stop.end() + leader, end)
            if unit is not None and len(unit.group()) >= 3:
                anchors.append((stop.end(), unit.start(), unit.end()))
                break
    body_end = anchors[0][0] if anchors else end
    headline = line.text[start + digits : body_end]
    units = [line.text[a:b] for _, a, b in anchors]
    return Item(
        number=number,
        numeral=line.text[start : start + digits],
        category_number=None,
        headline=headline,
        headline_span=(line.start + start + digits, line.start + body_end),
        lead_label=None,
        lead_units=units,
        lead_unit_spans=[(line.start + a, line.start + b) for _, a, b in anchors],
        text=line.text[start:end],
        span=(line.start + start, line.start + end),
    )
