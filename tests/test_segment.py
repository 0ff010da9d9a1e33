"""Segmentation of the bundled page: real values from the page, in case tables."""

from __future__ import annotations

import datetime as dt

import pytest

from bozhou_tasks.models import Notice

# --- from the page -----------------------------------------------------------------------

CATEGORIES = [
    # number, numeral, name, declared count, item numbers
    (1, "一", "促进就业", 3, [1, 2, 3]),
    (2, "二", "社会保障", 5, [4, 5, 6, 7, 8]),
    (3, "三", "困难群体救助", 12, list(range(9, 21))),
    (4, "四", "教育惠民", 5, list(range(21, 26))),
    (5, "五", "卫生健康", 3, [26, 27, 28]),
    (6, "六", "环境保护", 2, [29, 30]),
    (7, "七", "交通出行", 2, [31, 32]),
    (8, "八", "文体服务", 3, [33, 34, 35]),
    (9, "九", "城乡建设", 10, list(range(36, 46))),
    (10, "十", "公共安全", 5, list(range(46, 51))),
]

HRSS, CIVIL, DISABLED, EDU, HEALTH, MARKET = (
    "市人力资源社会保障局",
    "市民政局",
    "市残联",
    "市教育局",
    "市卫生健康委",
    "市市场监管局",
)
USUAL = "推进措施"

ITEMS = [
    # number, category, lead units, measures heading, measure numbers as printed
    (1, 1, [HRSS], USUAL, [1, 2, 3]),
    (2, 1, [HRSS], USUAL, [1, 2, 3, 4]),
    (3, 1, ["市商务局"], USUAL, [1, 2, 3, 4]),
    (4, 2, [CIVIL], USUAL, [1, 2]),
    (5, 2, [CIVIL], USUAL, [1, 2, 3]),
    (6, 2, [CIVIL], USUAL, [1, 2, 3]),
    (7, 2, [HRSS], USUAL, [1, 2, 3]),
    (8, 2, ["市医保局"], USUAL, [1, 2, 3]),
    (9, 3, ["市总工会"], USUAL, [1, 2]),
    (10, 3, [DISABLED], USUAL, [1, 2, 3, 4]),
    (11, 3, [DISABLED], USUAL, [1, 2, 3, 4]),
    (12, 3, [DISABLED], USUAL, [1, 2, 3, 43, 54]),  # the page's misnumbering, kept
    (13, 3, [CIVIL], USUAL, [1, 2, 3]),
    (14, 3, [CIVIL], USUAL, [1, 2]),
    (15, 3, [CIVIL], USUAL, [1, 2, 3]),
    (16, 3, ["市司法局"], USUAL, [1, 2, 3]),
    (17, 3, ["市退役军人事务局"], USUAL, [1, 2, 3]),
    (18, 3, [CIVIL], USUAL, [1, 2, 3]),
    (19, 3, ["市医保局"], USUAL, [1, 2, 3, 4, 5]),
    (20, 3, [CIVIL], USUAL, [1, 2]),
    (21, 4, [EDU, HEALTH], USUAL, [1, 2, 3]),
    (22, 4, [EDU], "推进举措", [1, 2, 3, 4]),  # the heading variant, kept
    (23, 4, [EDU], USUAL, [1, 2]),
    (24, 4, [EDU, DISABLED], USUAL, [1, 2, 3]),
    (25, 4, [EDU], USUAL, [1, 2]),
    (26, 5, [HEALTH], USUAL, [1, 2, 3]),
    (27, 5, [HEALTH], USUAL, [1, 2, 3]),
    (28, 5, [HEALTH], USUAL, [1, 2, 3]),
    (29, 6, ["市生态环境局"], USUAL, [1, 2, 3, 4]),
    (30, 6, ["市生态环境局"], USUAL, [1, 2, 3, 4]),
    (31, 7, ["市交通运输局"], USUAL, [1, 2, 3, 4]),
    (32, 7, ["市城市管理局"], USUAL, [1, 2, 3, 4]),
    (33, 8, ["市文化旅游体育局"], USUAL, [1, 2, 3]),
    (34, 8, ["市文化旅游体育局"], USUAL, [1, 2, 3]),
    (35, 8, ["市文化旅游体育局"], USUAL, [1, 2, 3]),
    (36, 9, ["市发展改革委", "市城市管理局"], USUAL, [1, 2, 3]),
    (37, 9, ["市发展改革委"], USUAL, [1, 2]),
    (38, 9, ["市住房城乡建设局"], USUAL, [1, 2, 3]),
    (39, 9, ["市住房城乡建设局"], USUAL, [1, 2, 3, 4]),
    (40, 9, ["市住房发展中心"], USUAL, [1, 2, 3, 4, 5, 6]),
    (41, 9, ["市自然资源和规划局"], USUAL, [1, 2, 3, 4]),
    (42, 9, ["市水利局"], USUAL, [1, 2, 3]),
    (43, 9, ["市供电公司"], USUAL, [1, 2]),
    (44, 9, ["市商务局"], USUAL, [1, 2, 3]),
    (45, 9, ["市总工会"], USUAL, [1, 1, 2, 3]),  # the empty repeated '1.', kept
    (46, 10, ["市发展改革委"], USUAL, [1, 2, 3, 4]),
    (47, 10, [MARKET], USUAL, [1, 2]),
    (48, 10, ["市公安局"], USUAL, [1, 2, 3]),
    (49, 10, [MARKET], USUAL, [1, 2, 3]),
    (50, 10, [MARKET], USUAL, [1, 2, 3, 4, 5]),
]

METADATA = {
    "title": "【部门其他文件】亳州市民生工作领导小组办公室关于印发亳州市2024年50项民生实事实施方案的通知",
    "issuer": "亳州市民生工作领导小组办公室",
    "index_no": "11341600MB05708556/202404-00006",
    "classification": "部门文件",
    "publisher": "亳州市发展和改革委员会",
    "topics": ["综合政务", "公民", "通知"],
    "validity": "有效",
    "keywords": None,
    "doc_number": None,
    "issued_date": dt.date(2024, 3, 28),
    "published_date": dt.date(2024, 4, 1),
    "published_at": "2024-04-01 09:53",
    "source_unit": "市发展改革委",
    "inquiry_unit": None,
    "inquiry_phone": None,
    "addressees": ["各县、区人民政府", "市有关单位"],
    "signed_date": dt.date(2024, 3, 28),
}


def test_plan(notice: Notice) -> None:
    assert notice.plan is not None
    assert (notice.plan.title, notice.plan.year, notice.plan.declared_item_count) == (
        "亳州市2024年50项民生实事实施方案",
        2024,
        50,
    )


def test_category_list(notice: Notice) -> None:
    assert [c.number for c in notice.categories] == list(range(1, 11))


@pytest.mark.parametrize(("number", "numeral", "name", "declared", "items"), CATEGORIES, ids=[c[2] for c in CATEGORIES])
def test_category(notice: Notice, number: int, numeral: str, name: str, declared: int, items: list[int]) -> None:
    category = notice.categories[number - 1]
    assert (category.number, category.numeral, category.name) == (number, numeral, name)
    assert category.declared_item_count == declared
    assert category.item_numbers == items


def test_item_list(notice: Notice) -> None:
    assert [item.number for item in notice.items] == list(range(1, 51))
    assert sum(len(item.measures) for item in notice.items) == 163


@pytest.mark.parametrize(
    ("number", "category", "units", "heading", "measures"), ITEMS, ids=[f"item{i[0]}" for i in ITEMS]
)
def test_item(notice: Notice, number: int, category: int, units: list[str], heading: str, measures: list[int]) -> None:
    item = notice.item(number)
    assert item.category_number == category
    assert item.lead_units == units
    assert item.lead_label == "牵头单位"
    assert item.measures_heading == heading
    assert [m.number_as_written for m in item.measures] == measures


def test_item_numerals(notice: Notice) -> None:
    assert [notice.item(n).numeral for n in (1, 10, 11, 20, 21, 50)] == ["一", "十", "十一", "二十", "二十一", "五十"]


@pytest.mark.parametrize(
    ("number", "headline"),
    [
        (7, "实行企业职工退休一件事一次办理。"),
        (
            22,
            "继续实施营养改善计划。为利辛县23个学区306所学校(含教学点)的8.97万名学生实施营养改善计划,全面改善农村义务教育阶段学生营养状况。",
        ),
        (26, "实施健康口腔行动,持续扩大口腔医疗资源供给。加强儿童口腔疾病综合干预,窝沟封闭项目覆盖22%的适龄儿童。"),
        (46, "市、县(区)全覆盖建立不少于12家“惠民菜篮子”门店(其中:市本级建立4家,每个县(区)各2家)。"),
    ],
)
def test_headline_excludes_number_and_lead_units(notice: Notice, number: int, headline: str) -> None:
    assert notice.item(number).headline == headline


def test_item_line_keeps_text_after_lead_units(notice: Notice) -> None:
    # items 26-28 print a stray full stop after the lead-unit parenthesis: kept in the line
    assert notice.item(26).text.endswith("(牵头单位:市卫生健康委)。")


def test_metadata(notice: Notice) -> None:
    assert notice.notice.model_dump() == METADATA


def test_metadata_block_and_its_mobile_twin(notice: Notice) -> None:
    blocks = {f.block for f in notice.metadata}
    assert blocks == {1, 2}
    first = [(f.label, f.value) for f in notice.metadata if f.block == 1]
    second = [(f.label, f.value) for f in notice.metadata if f.block == 2]
    assert first == second
    assert len(first) == 12


def test_cover_letter(notice: Notice) -> None:
    roles = [(b.role, b.text) for b in notice.blocks if b.role in ("addressees", "letter", "signed-date")]
    assert roles == [
        ("addressees", "各县、区人民政府,市有关单位:"),
        ("letter", "《亳州市2024年50项民生实事实施方案》已经市委、市政府同意,现印发给你们,请结合实际认真贯彻落实。"),
        ("signed-date", "2024年3月28日"),
    ]


def test_chrome(notice: Notice) -> None:
    header = [b.text for b in notice.blocks if b.role == "header"]
    footer = [b.text for b in notice.blocks if b.role == "footer"]
    assert header == ["长者版 | 无障碍浏览 | 联系我们", "当前位置: 网站首页 > 市发展改革委 > 部门文件"]
    assert len(footer) == 4
    assert footer[0].startswith("Copyright©2024betway必威体育官网")


# --- the page's defects, kept as written and reported ----------------------------------------

DEFECTS = [
    # code, severity, item, quoted text
    (
        "measure-number-out-of-sequence",
        "warning",
        12,
        "43.困难重度残疾人家庭无障碍改造资金主要由地方政府承担,中央、市省级财政给予适当补助。",
    ),
    (
        "measure-number-out-of-sequence",
        "warning",
        12,
        "54.加强工作监管,严格资金管理使用,并将相关工作纳入2024年市政府目标管理绩效考核。",
    ),
    ("measures-heading-variant", "info", 22, "推进举措"),
    ("injected-spam", "warning", 31, "betway必威体育是什么"),
    ("measure-empty", "warning", 45, "1."),
    ("injected-spam", "warning", None, "betway必威体育官网"),
]


def test_defects_are_reported(notice: Notice) -> None:
    found = [(f.code, f.severity, f.item, notice.text[f.span[0] : f.span[1]]) for f in notice.findings if f.span]
    assert found == DEFECTS
    assert all(f.span for f in notice.findings)


def test_defects_are_kept_as_written(notice: Notice) -> None:
    assert notice.item(12).measures[3].number_text == "43."
    assert notice.item(45).measures[1].body == ""
    assert "结合政府betway必威体育是什么 、工程建设公示制度" in notice.item(31).measures[3].body


def test_nothing_unparsed_on_the_bundled_page(notice: Notice) -> None:
    assert notice.unparsed == []


# --- contracts ---------------------------------------------------------------------------


def test_lossless_every_line_in_exactly_one_part(notice: Notice) -> None:
    starts = sorted(span[0] for _, span in notice.parts())
    offset = 0
    line_starts = []
    for raw in notice.text.split("\n"):
        if raw.strip():
            line_starts.append(offset + len(raw) - len(raw.lstrip()))
        offset += len(raw) + 1
    assert starts == line_starts


def test_parts_cover_each_line_but_its_edge_space(notice: Notice) -> None:
    for role, (start, end) in notice.parts():
        line_end = notice.text.find("\n", start)
        line_end = len(notice.text) if line_end < 0 else line_end
        rest = notice.text[end:line_end].strip()
        allowed = {"measures-heading": {":", "\uff1a"}}.get(role, {""})
        assert rest in allowed | {""}, (role, notice.text[start:line_end])


def test_every_span_slices_to_its_text(notice: Notice) -> None:
    checked = 0
    for obj in _objects_with_text_and_span(notice.model_dump()):
        start, end = obj["span"]
        assert notice.text[start:end] == obj["text"]
        checked += 1
    for item in notice.items:
        assert notice.text[slice(*item.headline_span)] == item.headline
        for unit, span in zip(item.lead_units, item.lead_unit_spans, strict=True):
            assert notice.text[slice(*span)] == unit
        assert item.measures_heading_span is not None
        assert notice.text[slice(*item.measures_heading_span)] == item.measures_heading
        for measure in item.measures:
            assert notice.text[slice(*measure.body_span)] == measure.body
    assert checked >= 277  # blocks, metadata fields, plan, categories, items, measures


def _objects_with_text_and_span(value: object):  # type: ignore[no-untyped-def]
    if isinstance(value, dict):
        if "text" in value and "span" in value and value["span"] is not None:
            yield value
        for child in value.values():
            yield from _objects_with_text_and_span(child)
    elif isinstance(value, list):
        for child in value:
            yield from _objects_with_text_and_span(child)
