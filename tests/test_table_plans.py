"""Plans published as tables: where the table ends, its category rows, its unit columns, its names.

The pages are synthetic fixtures in tests/fixtures/family (synthetic-table-*), one per way a table
reaches us: an HTML table (rendered one row per line, cells separated by spaces), a table saved as
text with one cell per paragraph, and pipe rows. Expected values are exact.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import bozhou_tasks
from bozhou_tasks.export.tables import build
from bozhou_tasks.models import Notice

from .invariants import assert_spans_slice

FAMILY = Path(__file__).resolve().parent / "fixtures" / "family"

TABLES = [
    "synthetic-table-category-rows.html",
    "synthetic-table-two-unit-columns.html",
    "synthetic-table-responsible-only.html",
    "synthetic-table-cell-per-line.txt",
    "synthetic-table-pipe-rows.txt",
    "synthetic-table-signature-after.txt",
    "synthetic-table-merged-cells.html",
]

_parsed: dict[str, Notice] = {}


def parsed(name: str) -> Notice:
    if name not in _parsed:
        _parsed[name] = bozhou_tasks.parse(FAMILY / name)
    return _parsed[name]


# --- from the page: the items, each ending where its row ends ------------------------------------

ITEMS = {
    # fixture: (number, category number, name, headline, item text) of every item
    "synthetic-table-category-rows.html": [
        (
            1,
            1,
            "高校毕业生就业",
            "实现高校毕业生就业创业2.1万人。",
            "1 高校毕业生就业 实现高校毕业生就业创业2.1万人。 市人社局",
        ),
        (2, 1, "技能培训", "开展职业技能培训3万人次。", "2 技能培训 开展职业技能培训3万人次。 市人社局"),
        (
            3,
            2,
            "公办幼儿园",
            "新建公办幼儿园10所,新增学位2700个。",
            "3 公办幼儿园 新建公办幼儿园10所,新增学位2700个。 市教体局",
        ),
    ],
    "synthetic-table-two-unit-columns.html": [
        (1, None, "就业", "城镇新增就业3万人。", "1 就业 城镇新增就业3万人。 市人社局 各县市区政府"),
        (2, None, "养老", "新建养老服务中心5个。", "2 养老 新建养老服务中心5个。 市民政局 各县市区政府"),
        (
            3,
            None,
            "老旧小区改造",
            "改造城镇老旧小区120个、惠及居民2.35万户。",
            "3 老旧小区改造 改造城镇老旧小区120个、惠及居民2.35万户。 市住建局 各县市区政府",
        ),
    ],
    "synthetic-table-responsible-only.html": [
        (
            1,
            None,
            "养老服务",
            "新建村级养老服务站10个。",
            "1 养老服务 新建村级养老服务站10个。 县民政局、各乡镇 2024年12月底",
        ),
        (2, None, "道路", "改造农村公路50公里。", "2 道路 改造农村公路50公里。 县交通局 2024年10月底"),
    ],
    "synthetic-table-cell-per-line.txt": [
        (
            1,
            1,
            "高校毕业生就业",
            "实现高校毕业生就业创业2100人。",
            "1\n\n高校毕业生就业\n\n实现高校毕业生就业创业2100人。\n\n区人社局\n\n各街道",
        ),
        (
            2,
            1,
            "技能培训",
            "开展职业技能培训3000人次。",
            "2\n\n技能培训\n\n开展职业技能培训3000人次。\n\n区人社局\n\n区教体局\n\n区财政局",
        ),
        (3, 2, "公办幼儿园", "新建公办幼儿园2所。", "3\n\n公办幼儿园\n\n新建公办幼儿园2所。\n\n区教体局\n\n/"),
    ],
    "synthetic-table-pipe-rows.txt": [
        (
            1,
            1,
            "高校毕业生就业",
            "实现高校毕业生就业创业2100人。",
            "1 | 高校毕业生就业 | 实现高校毕业生就业创业2100人。 | 区人社局 | 各街道",
        ),
        (
            2,
            1,
            "技能培训",
            "开展职业技能培训3000人次。",
            "2 | 技能培训 | 开展职业技能培训3000人次。 | 区人社局 | 区教体局、区财政局",
        ),
        (3, 2, "公办幼儿园", "新建公办幼儿园2所。", "3 | 公办幼儿园 | 新建公办幼儿园2所。 | 区教体局 | /"),
    ],
    "synthetic-table-signature-after.txt": [
        (1, None, "养老服务", "新建村级养老服务站10个。", "1\n\n养老服务\n\n新建村级养老服务站10个。\n\n县民政局"),
        (2, None, "道路", "改造农村公路50公里。", "2\n\n道路\n\n改造农村公路50公里。\n\n县交通局"),
    ],
    "synthetic-table-merged-cells.html": [
        (1, 1, "养老服务", "新建村级养老服务站10个", "1 民生保障 养老服务 新建村级养老服务站10个 县民政局 各乡镇"),
        (2, 1, "道路", "改造农村公路50公里", "2 道路 改造农村公路50公里 县交通局 各乡镇\n县财政局"),  # <br> in a cell
        (3, 2, "幼儿园", "新建幼儿园2所", "3 教育 幼儿园 新建幼儿园2所 县教体局 /"),
    ],
}


@pytest.mark.parametrize("name", TABLES)
def test_items_end_where_their_rows_end(name: str) -> None:
    notice = parsed(name)
    assert [(i.number, i.category_number, i.name, i.headline, i.text) for i in notice.items] == ITEMS[name]
    assert_spans_slice(notice)  # names, units, headlines and items quote the page at their spans


AFTER_THE_TABLE = {
    # fixture: (blocks after the table as (role, text), unparsed lines): what follows the table is
    # read as any text after a list is, never as part of the last row
    "synthetic-table-category-rows.html": (
        [],
        ["附件:宿州市2024年民生实事项目责任分工表", "宿州市人民政府办公室 2024年1月20日印发"],
    ),
    "synthetic-table-two-unit-columns.html": (
        [("closing", "二、保障措施"), ("closing", "(一)加强组织领导。各地各部门要高度重视。")],
        [],
    ),
    "synthetic-table-responsible-only.html": ([], ["某县人民政府", "2024年2月1日"]),
    "synthetic-table-cell-per-line.txt": (
        [],
        ["附件:某区2024年民生实事项目责任分工表", "某区人民政府办公室", "2024年1月20日"],
    ),
    "synthetic-table-pipe-rows.txt": (
        [
            ("closing", "二、保障措施"),
            ("closing", "(一)加强组织领导。各地各部门要高度重视。"),
            ("closing", "某区人民政府办公室"),
        ],
        [],
    ),
    # the signature is short and unpunctuated like a unit, but the date after it is not: no lead unit
    "synthetic-table-signature-after.txt": ([], ["某县人民政府办公室", "2024年2月1日"]),
    "synthetic-table-merged-cells.html": ([], ["某县人民政府", "2024年2月1日"]),
}


@pytest.mark.parametrize("name", TABLES)
def test_text_after_the_table_is_not_the_last_row(name: str) -> None:
    notice = parsed(name)
    last = notice.items[-1].span[1]
    blocks, unparsed = AFTER_THE_TABLE[name]
    assert [(b.role, b.text) for b in notice.blocks if b.span[0] >= last] == blocks
    assert [u.text for u in notice.unparsed] == unparsed
    assert notice.plan is not None
    assert notice.plan.ends_inside_item is None


# --- category rows ----------------------------------------------------------------------------------

CATEGORIES = {
    # fixture: (numeral, name, declared count, item numbers, text) of every category; numbering.category_rule
    # is table-row, except where noted
    "synthetic-table-category-rows.html": [
        ("一", "就业创业", 2, [1, 2], "一、就业创业(2项)"),
        ("二", "教育", 1, [3], "二、教育(1项)"),
    ],
    "synthetic-table-two-unit-columns.html": [],
    "synthetic-table-responsible-only.html": [],
    "synthetic-table-cell-per-line.txt": [
        ("一", "就业创业", 2, [1, 2], "一、就业创业(2项)"),
        ("二", "教育", None, [3], "二、教育"),  # a category row without its count
    ],
    "synthetic-table-pipe-rows.txt": [
        ("一", "就业创业", 2, [1, 2], "一、就业创业(2项)"),
        ("二", "教育", 1, [3], "二、教育(1项)"),
    ],
    "synthetic-table-signature-after.txt": [],
    "synthetic-table-merged-cells.html": [  # a category column (table-column), its cell merged over rows 1 and 2
        ("", "民生保障", None, [1, 2], "民生保障"),
        ("", "教育", None, [3], "教育"),
    ],
}
CATEGORY_COLUMN = {"synthetic-table-merged-cells.html"}


@pytest.mark.parametrize("name", TABLES)
def test_category_rows_are_categories(name: str) -> None:
    notice = parsed(name)
    assert [
        (c.numeral, c.name, c.declared_item_count, c.item_numbers, c.text) for c in notice.categories
    ] == CATEGORIES[name]
    assert notice.plan is not None
    assert notice.plan.numbering is not None
    rule = ("table-column" if name in CATEGORY_COLUMN else "table-row") if CATEGORIES[name] else None
    assert (notice.plan.numbering.items, notice.plan.numbering.category_rule) == ("table", rule)
    assert [f.code for f in notice.findings if f.severity == "error"] == []


def test_a_category_row_whose_count_disagrees_is_reported() -> None:
    text = (
        "某区2024年民生实事项目清单\n"
        "序号 | 项目名称 | 建设内容 | 牵头单位 |\n"
        "一、就业创业(3项) |\n"
        "1 | 高校毕业生就业 | 实现高校毕业生就业创业2100人。 | 区人社局 |\n"
        "2 | 技能培训 | 开展职业技能培训3000人次。 | 区人社局 |\n"
        "二、教育(1项) |\n"
        "3 | 公办幼儿园 | 新建公办幼儿园2所。 | 区教体局 |\n"
    )
    notice = bozhou_tasks.parse(text)
    assert [(c.name, c.declared_item_count, c.item_numbers) for c in notice.categories] == [
        ("就业创业", 3, [1, 2]),
        ("教育", 1, [3]),
    ]
    assert [f.message for f in notice.findings if f.code == "category-item-count-mismatch"] == [
        "category 一 (就业创业) declares 3 items but 2 were found"
    ]


def test_rows_numbered_again_in_every_category() -> None:
    text = (
        "某区2024年民生实事项目清单\n"
        "序号 | 项目名称 | 建设内容 | 牵头单位 |\n"
        "一、就业创业(2项) |\n"
        "1 | 高校毕业生就业 | 实现高校毕业生就业创业2100人。 | 区人社局 |\n"
        "2 | 技能培训 | 开展职业技能培训3000人次。 | 区人社局 |\n"
        "二、教育(2项) |\n"
        "1 | 公办幼儿园 | 新建公办幼儿园2所。 | 区教体局 |\n"
        "2 | 义务教育学校 | 新建中小学3所。 | 区教体局 |\n"
        "三、保障措施\n"
    )
    notice = bozhou_tasks.parse(text)
    assert [(c.name, c.declared_item_count, c.item_numbers) for c in notice.categories] == [
        ("就业创业", 2, [1, 2]),
        ("教育", 2, [1, 2]),
    ]
    assert [(i.category_number, i.number, i.name) for i in notice.items] == [
        (1, 1, "高校毕业生就业"),
        (1, 2, "技能培训"),
        (2, 1, "公办幼儿园"),
        (2, 2, "义务教育学校"),
    ]
    assert [(b.role, b.text) for b in notice.blocks if b.span[0] > notice.items[-1].span[1]] == [
        ("closing", "三、保障措施")
    ]
    assert [f.code for f in notice.findings if f.severity != "info"] == []


# --- unit columns by their header -------------------------------------------------------------------

UNITS = {
    # fixture: (lead label, lead units, supporting label, supporting units) of every item
    "synthetic-table-category-rows.html": [
        ("牵头单位", ["市人社局"], None, []),
        ("牵头单位", ["市人社局"], None, []),
        ("牵头单位", ["市教体局"], None, []),
    ],
    # beside 牵头单位, 责任单位 holds supporting units
    "synthetic-table-two-unit-columns.html": [
        ("牵头单位", ["市人社局"], "责任单位", ["各县市区政府"]),
        ("牵头单位", ["市民政局"], "责任单位", ["各县市区政府"]),
        ("牵头单位", ["市住建局"], "责任单位", ["各县市区政府"]),
    ],
    # alone, 责任单位 is the lead
    "synthetic-table-responsible-only.html": [
        ("责任单位", ["县民政局", "各乡镇"], None, []),
        ("责任单位", ["县交通局"], None, []),
    ],
    "synthetic-table-cell-per-line.txt": [
        ("牵头单位", ["区人社局"], "配合单位", ["各街道"]),
        ("牵头单位", ["区人社局"], "配合单位", ["区教体局", "区财政局"]),  # one unit per paragraph
        ("牵头单位", ["区教体局"], None, []),  # '/': an empty cell
    ],
    "synthetic-table-pipe-rows.txt": [
        ("主管部门", ["区人社局"], "协办单位", ["各街道"]),
        ("主管部门", ["区人社局"], "协办单位", ["区教体局", "区财政局"]),
        ("主管部门", ["区教体局"], None, []),
    ],
    "synthetic-table-signature-after.txt": [
        ("责任单位", ["县民政局"], None, []),
        ("责任单位", ["县交通局"], None, []),
    ],
    "synthetic-table-merged-cells.html": [
        ("牵头单位", ["县民政局"], "配合单位", ["各乡镇"]),
        ("牵头单位", ["县交通局"], "配合单位", ["各乡镇", "县财政局"]),
        ("牵头单位", ["县教体局"], None, []),
    ],
}


@pytest.mark.parametrize("name", TABLES)
def test_unit_columns_by_their_header(name: str) -> None:
    notice = parsed(name)
    assert [(i.lead_label, i.lead_units, i.supporting_label, i.supporting_units) for i in notice.items] == UNITS[name]


def test_items_outside_tables_have_no_name(html_notice: Notice) -> None:
    assert {(i.name, i.name_span) for i in html_notice.items} == {(None, None)}


def test_the_items_table_carries_names_with_their_spans() -> None:
    notice = parsed("synthetic-table-two-unit-columns.html")
    rows = build([("two-unit-columns", notice)])["items"]
    assert [(r["item"], r["name"]) for r in rows] == [(1, "就业"), (2, "养老"), (3, "老旧小区改造")]
    assert [notice.text[r["name_start"] : r["name_end"]] for r in rows] == ["就业", "养老", "老旧小区改造"]  # type: ignore[misc]


def test_a_glued_table_header_repeated_on_the_next_page_is_not_a_row() -> None:
    """序号项目名称… again between rows (a page break in a table flattened with no delimiters)."""
    header = "序号项目名称主要内容区政府分管领导牵头单位配合单位"
    text = (
        f"2021年重大民生实事项目目标任务责任分解表\n{header}1增加教育资源供给新建学校12个。何海平教育局各街道"
        f"2促进就业城镇新增就业15000人。何海平人社局各街道{header}3老城厢复兴完成纪念馆整体提升工程。芮春祥住建局五星街道\n"
    )
    notice = bozhou_tasks.parse(text)
    assert [(i.number, i.lead_units, i.text) for i in notice.items] == [
        (1, ["教育局"], "1增加教育资源供给新建学校12个。何海平教育局各街道"),
        (2, ["人社局"], "2促进就业城镇新增就业15000人。何海平人社局各街道"),
        (3, ["住建局"], "3老城厢复兴完成纪念馆整体提升工程。芮春祥住建局五星街道"),
    ]
    assert [(b.role, b.text) for b in notice.blocks if b.role == "table-header"] == [("table-header", header)] * 2
    assert_spans_slice(notice)


def test_a_page_break_inside_a_table_is_not_part_of_a_row() -> None:
    """A page number and the header again between two rows (a table saved from a paged document)."""
    header = "序号 | 项目名称 | 建设内容 | 牵头单位 |\n"
    text = (
        f"某区2024年民生实事项目清单\n{header}"
        "1 | 高校毕业生就业 | 实现高校毕业生就业创业2100人。 | 区人社局 |\n"
        "2 | 技能培训 | 开展职业技能培训3000人次。 | 区人社局 |\n"
        f"- 2 -\n{header}"
        "3 | 公办幼儿园 | 新建公办幼儿园2所。 | 区教体局 |\n"
        "- 3 -\n某区人民政府\n"
    )
    notice = bozhou_tasks.parse(text)
    assert [(i.number, i.lead_units, i.text) for i in notice.items] == [
        (1, ["区人社局"], "1 | 高校毕业生就业 | 实现高校毕业生就业创业2100人。 | 区人社局"),
        (2, ["区人社局"], "2 | 技能培训 | 开展职业技能培训3000人次。 | 区人社局"),
        (3, ["区教体局"], "3 | 公办幼儿园 | 新建公办幼儿园2所。 | 区教体局"),
    ]
    columns = ["序号", "项目名称", "建设内容", "牵头单位"]
    assert [(b.role, b.text) for b in notice.blocks if b.role != "preamble"] == [
        *[("table-header", c) for c in columns],
        ("page-chrome", "- 2 -"),
        *[("table-header", c) for c in columns],
        ("page-chrome", "- 3 -"),
    ]
    assert [u.text for u in notice.unparsed] == ["某区人民政府"]
    assert_spans_slice(notice)


def test_paragraphs_and_line_breaks_inside_cells() -> None:
    """A CMS table whose cells hold <p> and <br>: each becomes a line of its own, so a content cell
    broken after a comma is one headline, and the cell after a unit cell's first unit is another unit
    of it, not the deadline column (完成时限) that follows."""
    notice = parsed("synthetic-table-paragraphs-in-cells.html")
    rows = [(i.number, i.name, i.headline, i.lead_label, i.lead_units) for i in notice.items]
    assert rows == [
        (1, "城镇新增就业", "城镇新增就业3.2万人。", "责任单位", ["市人社局"]),
        (
            2,
            "老年助餐",
            "新建老年食堂（助餐点）30个，\n其中相山区10个、杜集区8个、烈山区7个、濉溪县5个。",
            "责任单位",
            ["市民政局", "各县区政府"],
        ),
        (3, "城市更新", "改造城镇老旧小区46个。", "责任单位", ["市住建局"]),
    ]
    (breakdown,) = notice.item(2).breakdowns
    assert breakdown.total is not None
    assert breakdown.total.value == 30
    assert [(p.label, p.quantity.value) for p in breakdown.parts] == [
        ("相山区", 10),
        ("杜集区", 8),
        ("烈山区", 7),
        ("濉溪县", 5),
    ]
    assert_spans_slice(notice)
