"""A plan laid out as a table: one row is one item, its lead-unit cell its lead units.

Tables reach us flattened: one cell per line (an HTML table saved as text), cells ending in
` |` one per line, or whole rows on a line with `|` between cells. All three are read as one
stream of cells. The table is found by its header: a `序号` cell followed by column names
among which a lead-unit column (牵头单位, 责任单位, 主管部门 …). Rows start at a cell that is
the next row number; the header says which cell is which:

- ``content``: the column of what the item does (项目内容, 建设内容, 主要内容 …) is the row's
  headline; in a row it is the first cell that ends a sentence (or the longest cell), since a
  merged cell (a category written only on the first row of its group) shifts the cells before
  it: they are aligned to the columns before the content from the right.
- ``lead``: the lead-unit column; the columns after it (协同单位, 配合单位) are supporting units,
  one or more cells each; `/` is an empty cell.
- ``category``: a category column (事项分类, 类别), when the table has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Category, Item, Span
from . import leads, patterns
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
    return _read_stream(cells(page)) or _read_stream(cells(page, _SPACED))


def _read_stream(stream: list[Cell]) -> TablePlan | None:
    for index, cell in enumerate(stream):
        if role(cell.key) != "number":
            continue
        header = [cell]
        for later in stream[index + 1 : index + 16]:
            if _ROW_NUMBER.fullmatch(later.key):
                break
            header.append(later)
        roles = [role(c.key) for c in header]
        if "lead" not in roles or len(header) < 3:
            continue
        return _rows(stream[index + len(header) :], header, roles)
    return None


def _rows(stream: list[Cell], header: list[Cell], roles: list[str | None]) -> TablePlan | None:
    rows: list[list[Cell]] = []
    expected = 1
    for cell in stream:
        if _ROW_NUMBER.fullmatch(cell.key) and int(cell.key) == expected:
            rows.append([cell])
            expected += 1
        elif rows:
            if patterns.FOOTER.search(cell.text):
                break
            rows[-1].append(cell)
    if not rows:
        return None
    plan = TablePlan(start=header[0].start, end=rows[-1][-1].end, header=header)
    category: Category | None = None
    for row in rows:
        columns = _align(row[1:], roles[1:])
        name = columns.get("category")
        if name:
            first = name[0]
            category = Category(
                number=len(plan.categories) + 1,
                numeral="",
                name=first.text,
                declared_item_count=None,
                text=first.text,
                span=first.span,
            )
            plan.categories.append(category)
        plan.items.append(_item(row, columns, header[roles.index("lead")], category))
        if category is not None:
            category.item_numbers.append(int(row[0].key))
    return plan


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
    out: dict[str, list[Cell]] = {}
    before = row[:at]
    for cell, column in zip(reversed(before), reversed(roles[:content_column]), strict=False):
        out.setdefault(column or "other", []).insert(0, cell)
    out["content"] = [row[at]]
    after = row[at + 1 :]
    later = roles[content_column + 1 :] or [None]
    for position, cell in enumerate(after):
        column = later[min(position, len(later) - 1)]
        out.setdefault(column or "other", []).append(cell)
    return out


def _item(row: list[Cell], columns: dict[str, list[Cell]], lead_header: Cell, category: Category | None) -> Item:
    number = row[0]
    content = columns["content"][0]
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
        lead_label=lead_header.text,
        lead_units=units,
        lead_unit_spans=unit_spans,
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
    head = Cell(
        line.text[header.start() : header.end()],
        header.group(),
        line.start + header.start(),
        line.start + header.end(),
        line.number,
    )
    plan = TablePlan(start=head.start, end=line.end, header=[head])
    ends = [*starts[1:], len(line.key)]
    for number, (start, end) in enumerate(zip(starts, ends, strict=True), start=1):
        plan.items.append(_glued_row(line, number, start, end, has_leader="leader" in roles))
    return plan


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
