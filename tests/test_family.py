"""The family of notices: other years, cities and layouts, on synthetic fixtures.

Every page under tests/fixtures/family/ is SYNTHETIC: written for these tests (each says so
in its first line or an HTML comment) to reproduce one layout of the 民生实事 notices. The
expected values below are exact: item numbers, names, lead and supporting units, measures
headings and numbers, declared counts.
"""

from __future__ import annotations

import bisect
import itertools
from pathlib import Path

import pytest

import bozhou_tasks
from bozhou_tasks.models import Notice
from bozhou_tasks.segment import hanzi, layout
from bozhou_tasks.segment import notice as segment

FAMILY = Path(__file__).resolve().parent / "fixtures" / "family"

PLANS = [
    "synthetic-2025-items-only.txt",
    "synthetic-categories-without-counts.txt",
    "synthetic-one-line-categories.txt",
    "synthetic-items-paren-digits.txt",
    "synthetic-items-half-paren.txt",
    "synthetic-items-point.txt",
    "synthetic-traditional.txt",
    "synthetic-glued-count.html",
]


@pytest.fixture(scope="module", params=PLANS)
def family_notice(request: pytest.FixtureRequest) -> Notice:
    return bozhou_tasks.parse(FAMILY / request.param)


_parsed: dict[str, Notice] = {}


def parsed(name: str) -> Notice:
    if name not in _parsed:
        _parsed[name] = bozhou_tasks.parse(FAMILY / name)
    return _parsed[name]


def test_every_fixture_is_labelled_synthetic() -> None:
    assert set(PLANS) <= {path.name for path in FAMILY.iterdir()}
    for path in FAMILY.iterdir():
        assert path.name.startswith("synthetic-")
        assert "SYNTHETIC FIXTURE written for the bz-tasks tests" in path.read_text(encoding="utf-8")[:300]


# --- synthetic layouts: the plan, its numbering, categories and items -------------------

PLAN = {
    # fixture: title, year, declared count, (category style, item style, measure styles, item rule, category rule)
    "synthetic-2025-items-only.txt": (
        "样例市2025年6 项民生实事实施方案",
        2025,
        6,
        (None, "一、", ["1."], "lead-units", None),
    ),
    "synthetic-categories-without-counts.txt": (
        "样例县2024年度8件民生实事工作方案",
        2024,
        8,
        ("一、", "(一)", ["1."], "lead-units", "counts-or-endings"),
    ),
    "synthetic-one-line-categories.txt": (
        "样例市2023年10件民生实事实施方案",
        2023,
        10,
        ("一、", "1.", ["(1)"], "lead-units", "counts-or-endings"),
    ),
    "synthetic-items-paren-digits.txt": (
        "样例区2024年4项民生实事实施方案",
        2024,
        4,
        ("一、", "(1)", ["1."], "lead-units", "counts-or-endings"),
    ),
    "synthetic-items-half-paren.txt": ("样例县2025年3项民生实事清单", 2025, 3, (None, "1)", [], "lead-units", None)),
    "synthetic-items-point.txt": (
        "样例县2024年4项民生实事实施方案",
        2024,
        4,
        ("(一)", "1.", ["①"], "lead-units", "counts-or-endings"),
    ),
    "synthetic-traditional.txt": (
        "樣例市2024年3項民生實事實施方案",
        2024,
        3,
        ("一、", "(一)", ["1."], "lead-units", "counts-or-endings"),
    ),
    "synthetic-glued-count.html": ("样例市202530项民生实事实施方案", 2025, 30, (None, "一、", [], "lead-units", None)),
}

CATEGORIES = {
    # fixture: [(number, numeral, name, declared count, item numbers, text)]
    "synthetic-2025-items-only.txt": [],
    "synthetic-categories-without-counts.txt": [
        (1, "一", "就业创业方面", None, [1, 2], "一、就业创业方面"),
        (2, "二", "社会保障", 3, [3, 4, 5], "二、社会保障(3)"),
        (3, "三", "教育卫生", 3, [6, 7, 8], "三、教育卫生(3 项)"),
    ],
    "synthetic-one-line-categories.txt": [
        (1, "一", "就业创业", 2, [1, 2], "一、就业创业(2项):"),
        (2, "二", "教育", 3, [3, 4, 5], "二、教育(3项):"),
        (3, "三", "卫生健康", 2, [6, 7], "三、卫生健康(2项)"),
        (4, "四", "城乡建设方面", None, [8, 9, 10], "四、城乡建设方面:"),
    ],
    "synthetic-items-paren-digits.txt": [
        (1, "一", "民生保障", 2, [1, 2], "一、民生保障(2项)"),
        (2, "二", "城市建设", 2, [3, 4], "二、城市建设(2项)"),
    ],
    "synthetic-items-half-paren.txt": [],
    "synthetic-items-point.txt": [
        (1, "一", "教育方面", None, [1, 2], "(一)教育方面"),
        (2, "二", "城乡建设方面", None, [3, 4], "(二)城乡建设方面"),
    ],
    "synthetic-traditional.txt": [
        (1, "一", "促進就業", 2, [1, 2], "一、促進就業(2項)"),
        (2, "二", "社會保障", 1, [3], "二、社會保障(1項)"),
    ],
    "synthetic-glued-count.html": [],
}

PROVINCE = "市人力资源社会保障局"
ITEMS = {
    # fixture: [(number, numeral, category, headline, lead label, lead units, supporting label, supporting units,
    #            measures heading, measure numbers as printed)]
    "synthetic-2025-items-only.txt": [
        (1, "一", None, "城镇新增就业3.5万人,其中样例县8000人。", "牵头单位", [PROVINCE], None, [], None, []),
        (
            2,
            "二",
            None,
            "实施老旧小区改造项目40个(含2个“完整社区”试点)。",
            "牵头单位",
            ["市住房城乡建设局"],
            "配合单位",
            ["各县区人民政府"],
            "工作措施",
            ["1.", "2.", "3.", "4."],
        ),
        (3, "三", None, "新建城市口袋公园10个。", "责任单位", ["市城市管理局"], None, [], None, []),
        (
            4,
            "四",
            None,
            "为全市65岁及以上老年人免费开展健康体检1次。",
            "牵头责任单位",
            ["市卫生健康委"],
            None,
            [],
            "主要措施",
            ["1、", "2、"],
        ),
        (
            5,
            "五",
            None,
            "发放困难群众救助资金不少于2亿元。",
            "牵头单位",
            ["市民政局"],
            "配合单位",
            ["市财政局", "市医保局"],
            None,
            [],
        ),
        (6, "六", None, "实施农村道路提质改造300公里。", "牵头单位", ["市交通运输局"], None, [], None, []),
    ],
    "synthetic-categories-without-counts.txt": [
        (1, "一", 1, "城镇新增就业2000人。", "牵头单位", ["县人社局"], None, [], "推进措施", ["1.", "2."]),
        (
            2,
            "二",
            1,
            "发放创业担保贷款1亿元。",
            "责任单位",
            ["县人社局", "县财政局"],
            None,
            [],
            "推进举措",
            ["1."],
        ),
        (3, "三", 2, "提高城乡低保标准。", "牵头单位", ["县民政局"], None, [], "工作措施", ["1.", "2.", "3.", "4."]),
        (4, "四", 2, "建设村级养老服务站10个。", "牵头责任单位", ["县民政局"], None, [], None, []),
        (
            5,
            "五",
            2,
            "开展困难残疾人家庭无障碍改造200户。",
            "牵头单位",
            ["县残联"],
            "配合单位",
            ["县住建局"],
            "具体措施",
            ["1.", "2."],
        ),
        (6, "六", 3, "新建改扩建幼儿园3所。", "牵头单位", ["县教育局"], None, [], "主要措施", ["1、"]),
        (7, "七", 3, "为适龄女生免费接种HPV疫苗。", "牵头单位", ["县卫健委"], None, [], None, ["1、", "2、"]),
        (8, "八", 3, "开展义诊活动50场。", "牵头单位", ["县卫健委"], "责任单位", ["各乡镇人民政府"], None, []),
    ],
    "synthetic-one-line-categories.txt": [
        (1, "1", 1, "城镇新增就业3万人,其中样例县5000人", "牵头单位", ["市人社局"], None, [], None, []),
        (2, "2", 1, "发放创业担保贷款3亿元;1.5万人次参加创业培训", "牵头单位", ["市人社局"], None, [], None, []),
        (3, "3", 2, "新建幼儿园5所", "牵头单位", ["市教育局"], None, [], None, []),
        (4, "4", 2, "改造农村学校厕所100个", None, [], None, [], None, []),
        (5, "5", 2, "更新校车50辆", "牵头单位", ["市教育局", "市交通运输局"], None, [], None, []),
        (6, "6", 3, "为65岁以上老年人免费体检", "牵头单位", ["市卫健委"], None, [], "推进措施", ["(1)", "(2)"]),
        (7, "7", 3, "新建村卫生室20个", "牵头单位", ["市卫健委"], None, [], None, []),
        (8, "8", 4, "改造老旧小区30个", "牵头单位", ["市住建局"], None, [], None, []),
        (9, "9", 4, "新建停车位2000个", "牵头单位", ["市城管局"], None, [], None, []),
        (10, "10", 4, "新增公交线路5条", "牵头单位", ["市交通运输局"], None, [], None, []),
    ],
    "synthetic-items-paren-digits.txt": [
        (1, "1", 1, "发放高龄津贴1200万元。", "牵头单位", ["区民政局"], None, [], "推进措施", ["1.", "2."]),
        (2, "2", 1, "新增养老床位200张。", "牵头单位", ["区民政局"], None, [], None, []),
        (3, "3", 2, "改造雨污管网15公里。", "牵头单位", ["区住建局"], None, [], "推进措施", ["1."]),
        (4, "4", 2, "新建城市书房5个。", "牵头单位", ["区文旅局"], None, [], None, []),
    ],
    "synthetic-items-half-paren.txt": [
        (1, "1", None, "城乡居民基础养老金每人每月提高20元。", "责任单位", ["县人社局"], None, [], None, []),
        (2, "2", None, "新建农村公路50公里。", "责任单位", ["县交通运输局"], None, [], None, []),
        (
            3,
            "3",
            None,
            "完成10个村级综合服务中心提升改造。",
            "责任单位",
            ["县民政局", "各乡镇人民政府"],
            None,
            [],
            None,
            [],
        ),
    ],
    "synthetic-items-point.txt": [
        (1, "1", 1, "新建公办幼儿园2所。", "牵头单位", ["县教育局"], None, [], "具体措施", ["①", "②"]),
        (2, "2", 1, "7月31日前完成农村学校校舍安全改造。", "牵头单位", ["县教育局"], None, [], None, []),
        (3, "3", 2, "新建公共厕所20座。", None, [], None, [], None, []),  # a 1. line is an item here
        (4, "4", 2, "实施城区道路“白改黑”工程10公里。", "牵头单位", ["县住建局"], None, [], None, []),
    ],
    "synthetic-traditional.txt": [
        (
            1,
            "一",
            1,
            "城鎮新增就業3.5萬人。",
            "牽頭單位",
            ["市人力資源社會保障局"],
            None,
            [],
            "推進措施",
            ["1.", "2."],
        ),
        (
            2,
            "二",
            1,
            "支持畢業生求職創業。",
            "牽頭單位",
            ["市人力資源社會保障局", "市教育局"],
            None,
            [],
            None,
            [],
        ),
        (
            3,
            "三",
            2,
            "加強城鄉低保人員生活保障。",
            "責任單位",
            ["市民政局"],
            "配合單位",
            ["市財政局"],
            "推進舉措",
            ["1."],
        ),
    ],
    "synthetic-glued-count.html": [
        (1, "一", None, "城镇新增就业3.5万人。", "牵头单位", [PROVINCE], None, [], None, []),
        (2, "二", None, "实施老旧小区改造项目40个。", "牵头单位", ["市住房城乡建设局"], None, [], None, []),
        (3, "三", None, "新建城市口袋公园10个。", "牵头单位", ["市城市管理局"], None, [], None, []),
    ],
}


@pytest.mark.parametrize("name", PLANS)
def test_plan(name: str) -> None:
    notice = parsed(name)
    title, year, declared, (categories, items, measures, rule, category_rule) = PLAN[name]
    assert notice.plan is not None
    assert (notice.plan.title, notice.plan.year, notice.plan.declared_item_count) == (title, year, declared)
    assert notice.plan.numbering is not None
    numbering = notice.plan.numbering
    assert (numbering.categories, numbering.items, numbering.measures) == (categories, items, measures)
    assert (numbering.rule, numbering.category_rule) == (rule, category_rule)


@pytest.mark.parametrize("name", PLANS)
def test_categories(name: str) -> None:
    found = [
        (c.number, c.numeral, c.name, c.declared_item_count, c.item_numbers, c.text) for c in parsed(name).categories
    ]
    assert found == CATEGORIES[name]


@pytest.mark.parametrize("name", PLANS)
def test_items(name: str) -> None:
    found = [
        (
            item.number,
            item.numeral,
            item.category_number,
            item.headline,
            item.lead_label,
            item.lead_units,
            item.supporting_label,
            item.supporting_units,
            item.measures_heading,
            [m.number_text for m in item.measures],
        )
        for item in parsed(name).items
    ]
    assert found == ITEMS[name]


EXPECTED_FINDINGS = {
    # what validation rightly reports on the fixtures: items written without a lead unit,
    # and a short excerpt whose title declares more items than it holds
    "synthetic-items-point.txt": [("item-lead-units-missing", 3)],
    "synthetic-one-line-categories.txt": [("item-lead-units-missing", 4)],
    "synthetic-glued-count.html": [("plan-item-count-mismatch", None)],
}


def test_nothing_unparsed_and_only_expected_findings_on_the_layouts(family_notice: Notice) -> None:
    assert family_notice.unparsed == []
    name = Path(family_notice.source.path or "").name
    assert [(f.code, f.item) for f in family_notice.findings] == EXPECTED_FINDINGS.get(name, [])


# --- traps: numbers that look like markers, and markers that look like numbers -----------

TRAPS = [
    # fixture, item, measure position, number as written, body
    ("synthetic-2025-items-only.txt", 2, 1, 1, "3月底前完成项目清单编制。"),
    ("synthetic-2025-items-only.txt", 2, 2, 2, "7月31日前完成主体工程改造。"),
    ("synthetic-2025-items-only.txt", 2, 4, 4, "加大财政投入,市级补助资金增幅不低于4.5%。"),
    ("synthetic-categories-without-counts.txt", 1, 2, 2, "7月31日前完成高校毕业生就业帮扶。"),
    ("synthetic-categories-without-counts.txt", 3, 4, 4, "加大财政投入,保障资金增幅不低于4.5%。"),
    ("synthetic-categories-without-counts.txt", 5, 1, 1, "6月底前完成入户评估。"),
    ("synthetic-items-paren-digits.txt", 1, 2, 2, "7月31日前完成年度资格认证。"),
    ("synthetic-items-point.txt", 1, 1, 1, "3月底前完成选址。"),
]


@pytest.mark.parametrize(("name", "item", "position", "number", "body"), TRAPS)
def test_measure_number_is_not_a_decimal(name: str, item: int, position: int, number: int, body: str) -> None:
    measure = parsed(name).item(item).measures[position - 1]
    assert (measure.number_as_written, measure.body) == (number, body)


def test_items_numbered_like_measures_are_items() -> None:
    # where items are numbered "1.", measures can't be: "2.7月31日前…" is item 2 (a date follows
    # its number) and "3.新建公共厕所20座。" is item 3 even without a lead unit.
    notice = parsed("synthetic-items-point.txt")
    assert [item.number for item in notice.items] == [1, 2, 3, 4]
    assert notice.item(2).text == "2.7月31日前完成农村学校校舍安全改造。(牵头单位:县教育局)"
    assert sum(len(item.measures) for item in notice.items) == 2


def test_a_decimal_after_a_separator_does_not_start_an_inline_item() -> None:
    item = parsed("synthetic-one-line-categories.txt").item(2)
    assert item.text == "2.发放创业担保贷款3亿元;1.5万人次参加创业培训(牵头单位:市人社局)。"


def test_inline_items_tile_their_category_line() -> None:
    notice = parsed("synthetic-one-line-categories.txt")
    line = "一、就业创业(2项):1.城镇新增就业3万人,其中样例县5000人(牵头单位:市人社局);2.发放创业担保贷款3亿元;1.5万人次参加创业培训(牵头单位:市人社局)。"
    assert notice.categories[0].text + notice.item(1).text + notice.item(2).text == line
    assert notice.item(1).text == "1.城镇新增就业3万人,其中样例县5000人(牵头单位:市人社局);"


# --- the cover letter: numbered paragraphs before the plan are not items ----------------


def test_cover_letter_paragraphs_are_letter_not_items() -> None:
    notice = parsed("synthetic-2025-items-only.txt")
    roles = [(b.role, b.text[:8]) for b in notice.blocks]
    assert roles == [
        ("header", "SYNTHETI"),
        ("title", "样例市人民政府办"),
        ("byline", "发布时间:202"),
        ("addressees", "各县、区人民政府"),
        ("letter", "现将《样例市20"),
        ("letter", "一、提高政治站位"),
        ("letter", "二、压实工作责任"),
        ("letter", "三、强化督查考核"),
        ("letter", "样例市人民政府办"),
        ("signed-date", "2025年2月1"),
        ("preamble", "为持续增进民生福"),
    ]
    assert notice.item(1).headline.startswith("城镇新增就业")
    assert notice.notice.issuer == "样例市人民政府办公室"


def test_notice_title_without_an_issuer() -> None:
    parts = segment.segment("关于印发《样例县2025年民生实事实施方案》的通知\n各乡镇人民政府:\n")
    assert (parts.blocks[0].role, parts.blocks[0].text) == ("title", "关于印发《样例县2025年民生实事实施方案》的通知")
    assert parts.meta.issuer is None


# --- declared counts --------------------------------------------------------------------

DECLARED = [
    # plan title line, year, declared count
    ("亳州市2024年50项民生实事实施方案", 2024, 50),
    ("样例市2025年30 项民生实事实施方案", 2025, 30),
    ("樣例市2025年30項民生實事實施方案", 2025, 30),
    ("样例县2024年度8件民生实事工作方案", 2024, 8),
    ("样例市202530项民生实事实施方案", 2025, 30),  # 年 lost when the HTML was stripped
    ("样例市2023年十件民生实事实施方案", 2023, 10),
    ("样例市2025年民生实事实施方案", 2025, None),
    ("2024年样例市民生实事", 2024, None),  # the list itself, without 方案 or 清单
    ("样例县2024年十件民生实事", 2024, 10),
    ("样例区2025年为民办实事", 2025, None),
]


@pytest.mark.parametrize(("line", "year", "count"), DECLARED, ids=[d[0] for d in DECLARED])
def test_declared_count(line: str, year: int, count: int | None) -> None:
    plan = segment.segment(line).plan
    assert plan is not None
    assert (plan.title, plan.year, plan.declared_item_count) == (line, year, count)


# --- traditional script -----------------------------------------------------------------


def test_traditional_page_keeps_its_script() -> None:
    notice = parsed("synthetic-traditional.txt")
    assert notice.notice.title == "樣例市民生工作領導小組辦公室關於印發樣例市2024年3項民生實事實施方案的通知"
    assert notice.notice.issuer == "樣例市民生工作領導小組辦公室"
    assert notice.notice.index_no == "11341600XX0000000A/202404-00001"
    assert notice.notice.publisher == "樣例市發展和改革委員會"
    assert notice.notice.addressees == ["各縣、區人民政府", "市有關單位"]
    assert notice.notice.published_at == "2024-04-01 09:53"
    assert [(f.label, f.key) for f in notice.metadata][:3] == [
        ("索引號", "index_no"),
        ("組配分類", "classification"),
        ("發佈機構", "publisher"),
    ]
    assert [b.role for b in notice.blocks][-1] == "footer"


def test_traditional_page_parses_the_same_without_opencc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hanzi, "_opencc", lambda: None)
    assert hanzi.backend() == "builtin"
    without = bozhou_tasks.parse(FAMILY / "synthetic-traditional.txt")
    assert without.model_dump() == parsed("synthetic-traditional.txt").model_dump()


FOLDED = [
    # traditional, simplified: every word the patterns need in traditional script
    ("項", "项"),
    ("實事", "实事"),
    ("牽頭單位", "牵头单位"),
    ("牽頭責任單位", "牵头责任单位"),
    ("責任單位", "责任单位"),
    ("配合單位", "配合单位"),
    ("協辦單位", "协办单位"),
    ("參與單位", "参与单位"),
    ("牽頭部門", "牵头部门"),
    ("辦公室", "办公室"),
    ("索引號", "索引号"),
    ("組配分類", "组配分类"),
    ("發佈機構", "发布机构"),
    ("主題分類", "主题分类"),
    ("關鍵詞", "关键词"),
    ("名稱", "名称"),
    ("文號", "文号"),
    ("諮詢電話", "咨询电话"),
    ("關於印發", "关于印发"),
    ("發佈時間", "发布时间"),
    ("信息來源", "信息来源"),
    ("瀏覽次數", "浏览次数"),
    ("推進措施", "推进措施"),
    ("推進舉措", "推进举措"),
    ("具體措施", "具体措施"),
    ("實施方案", "实施方案"),
    ("清單", "清单"),
    ("計劃", "计划"),
    ("版權所有", "版权所有"),
    ("網站標識碼", "网站标识码"),
    ("政策解讀", "政策解读"),
    ("兩", "两"),
]


@pytest.mark.parametrize(("traditional", "simplified"), FOLDED, ids=[f[1] for f in FOLDED])
def test_builtin_fold(traditional: str, simplified: str) -> None:
    assert hanzi.fold(traditional, use_opencc=False) == simplified


def test_builtin_table_agrees_with_opencc() -> None:
    pytest.importorskip("opencc")
    convert = hanzi._opencc()
    assert convert is not None
    assert [(t, s) for t, s in (p for p in hanzi.TRADITIONAL.split()) if convert(t) != s] == []


# --- layout detection -------------------------------------------------------------------

LAYOUTS = [
    # plan lines, (categories, items, measures, rule, category rule)
    (
        ["一、促进就业(3项)", "(一)新增就业(牵头单位:市人社局)", "推进措施:", "1.开展招聘"],
        ("一、", "(一)", {"1.", "(1)", "1)", "①"}, "lead-units", "counts-or-endings"),
    ),
    (
        ["一、新增就业3万人(牵头单位:市人社局)", "1.开展招聘", "二、改造小区10个(牵头单位:市住建局)"],
        (None, "一、", {"1.", "(1)", "1)", "①"}, "lead-units", None),
    ),
    (
        ["一、教育", "(一)新建幼儿园(牵头单位:市教育局)", "二、卫生", "(二)新建卫生室(牵头单位:市卫健委)"],
        ("一、", "(一)", {"1.", "(1)", "1)", "①"}, "lead-units", "outline-rank"),
    ),
    (
        ["(一)教育方面", "1.新建幼儿园(牵头单位:市教育局)", "(1)选址", "2.7月底前完工(牵头单位:市教育局)"],
        ("(一)", "1.", {"(1)", "1)", "①"}, "lead-units", "counts-or-endings"),
    ),
    (
        ["一、促进就业(3项)", "(一)新增就业3万人", "1.开展招聘", "(二)发放补贴"],
        ("一、", "(一)", {"1.", "(1)", "1)", "①"}, "first-under-heading", "counts-or-endings"),
    ),
    (
        ["一、就业方面:1.新增就业(牵头单位:市人社局);2.发放补贴(牵头单位:市人社局)"],
        ("一、", "1.", {"(1)", "1)", "①"}, "lead-units", "counts-or-endings"),
    ),
    (
        ["一、稳就业:1.5万人以上(牵头单位:市人社局)", "二、办教育:新建学校3所(牵头单位:市教育局)"],
        (None, "一、", {"1.", "(1)", "1)", "①"}, "lead-units", None),
    ),
    ([], (None, None, {"1.", "(1)", "1)", "①"}, "none", None)),
]


@pytest.mark.parametrize(("lines", "expected"), LAYOUTS, ids=[str(i) for i in range(len(LAYOUTS))])
def test_layout(lines: list[str], expected: tuple[object, ...]) -> None:
    found = layout.detect(lines)
    assert (found.categories, found.items, set(found.measures), found.rule, found.category_rule) == expected


# --- contracts: lossless tiling and spans -----------------------------------------------


def assert_lines_tiled_by_parts(notice: Notice) -> None:
    """Each non-blank line is tiled by its parts: in order, no overlap, only white space between."""
    lines: list[tuple[int, int]] = []
    offset = 0
    for raw in notice.text.split("\n"):
        if raw.strip():
            lines.append((offset + len(raw) - len(raw.lstrip()), offset + len(raw.rstrip())))
        offset += len(raw) + 1
    starts = [start for start, _ in lines]
    by_line: dict[int, list[tuple[int, int, str]]] = {index: [] for index in range(len(lines))}
    for role, (start, end) in notice.parts():
        index = bisect.bisect_right(starts, start) - 1
        assert index >= 0, (role, start, end)
        assert end <= lines[index][1], (role, start, end)
        by_line[index].append((start, end, role))
    for index, (line_start, line_end) in enumerate(lines):
        parts = sorted(by_line[index])
        assert parts, f"line {notice.text[line_start:line_end]!r} has no part"
        assert parts[0][0] == line_start
        for (_, end, _), (start, _, _) in itertools.pairwise(parts):
            assert end <= start, notice.text[line_start:line_end]
            assert notice.text[end:start].strip() == "", notice.text[line_start:line_end]
        last_end, last_role = parts[-1][1], parts[-1][2]
        assert notice.text[last_end:line_end].strip() in (
            {"", ":", "\uff1a"} if last_role == "measures-heading" else {""}
        )


def assert_spans_slice_to_text(notice: Notice) -> None:
    for item in notice.items:
        assert notice.text[slice(*item.span)] == item.text
        assert notice.text[slice(*item.headline_span)] == item.headline
        for unit, span in zip(item.lead_units, item.lead_unit_spans, strict=True):
            assert notice.text[slice(*span)] == unit
        for unit, span in zip(item.supporting_units, item.supporting_unit_spans, strict=True):
            assert notice.text[slice(*span)] == unit
        if item.measures_heading_span is not None:
            assert notice.text[slice(*item.measures_heading_span)] == item.measures_heading
        for measure in item.measures:
            assert notice.text[slice(*measure.span)] == measure.text
            assert notice.text[slice(*measure.body_span)] == measure.body
    for category in notice.categories:
        assert notice.text[slice(*category.span)] == category.text
    for block in notice.blocks:
        assert notice.text[slice(*block.span)] == block.text
    for field in notice.metadata:
        assert notice.text[slice(*field.span)] == field.text


def test_layouts_are_lossless(family_notice: Notice) -> None:
    assert_lines_tiled_by_parts(family_notice)


def test_layouts_spans_slice_to_text(family_notice: Notice) -> None:
    assert_spans_slice_to_text(family_notice)


def test_bundled_page_is_tiled_by_its_parts(notice: Notice) -> None:
    assert_lines_tiled_by_parts(notice)
    assert_spans_slice_to_text(notice)


# --- known limits (strict xfail: a fix makes these pass and must remove the mark) ---------


def test_lead_units_on_their_own_line() -> None:
    text = "样例市2025年1项民生实事实施方案\n一、新增就业3万人。\n牵头单位:市人社局\n"
    assert bozhou_tasks.parse(text).item(1).lead_units == ["市人社局"]


@pytest.mark.parametrize(
    ("line", "lead", "supporting"),
    [
        ("1.城镇新增就业2.6万人。(牵头单位:市人社局;完成时限:2025年12月底)", ["市人社局"], []),
        (
            "1.开展培训1.5万人次。(责任单位:市人社局,配合单位:市财政局;完成时限:2025年12月底)",
            ["市人社局"],
            ["市财政局"],
        ),
        ("1.新增学位1800个。牵头单位:市教体局。完成时限:2025年9月底。", ["市教体局"], []),
        ("1.新增学位1800个。(牵头单位:市教体局;责任领导:张某某)", ["市教体局"], []),
        ("1.新增学位1800个。(牵头单位:市教体局\u3000牵头领导:张某某)", ["市教体局"], []),
        ("1.新增城镇就业2万人。(市人社局负责)", ["市人社局"], []),
        ("1.改造老旧小区20个。(市住建局牵头,各县区政府负责)", ["市住建局"], ["各县区政府"]),
    ],
    ids=[
        "deadline-in-the-parenthesis",
        "after-supporting-units",
        "after-an-own-line-form",
        "a-leader",
        "牵头领导",
        "unit-then-负责",
        "牵头-then-负责",
    ],
)
def test_lead_unit_forms_of_other_notices(line: str, lead: list[str], supporting: list[str]) -> None:
    """完成时限, 责任领导 … after the units end the list (what they label is kept in the text, never a
    unit); 负责 names lead units like 牵头, and supporting units after them."""
    item = bozhou_tasks.parse(f"样例市2025年1项民生实事实施方案\n{line}\n").item(1)
    assert (item.lead_units, item.supporting_units) == (lead, supporting)
    assert item.headline.endswith("。")


def test_measures_run_together_on_their_heading_s_line_before_the_lead_units() -> None:
    """主要措施:(1)…;(2)…;(3)… on one line, then 责任单位:… on the next: the measures are the item's,
    each with its figures, and the lead units after them are the item's (not its headline's text)."""
    text = (
        "样例市2025年1项民生实事实施方案\n"
        "1.促进高校毕业生就业。全年实现高校毕业生就业1.5万人以上。\n"
        "主要措施:(1)开展招聘活动不少于50场;(2)开发公益性岗位300个;(3)落实吸纳就业补贴,每人1500元。\n"
        "责任单位:市人社局\n"
    )
    notice = bozhou_tasks.parse(text)
    item = notice.item(1)
    assert item.headline == "促进高校毕业生就业。全年实现高校毕业生就业1.5万人以上。"
    assert (item.measures_heading, item.lead_units) == ("主要措施", ["市人社局"])
    assert [m.text for m in item.measures] == [
        "(1)开展招聘活动不少于50场;",
        "(2)开发公益性岗位300个;",
        "(3)落实吸纳就业补贴,每人1500元。",
    ]
    assert [(q.text, q.location) for q in item.quantities] == [
        ("1.5万人以上", "headline"),
        ("不少于50场", "measure 1"),
        ("300个", "measure 2"),
        ("1500元", "measure 3"),
    ]
    assert [f.code for f in notice.findings if f.severity != "info"] == []


def test_closing_section_is_not_items() -> None:
    text = (
        "样例市2025年1项民生实事实施方案\n一、民生实事(1项)\n(一)新增就业3万人。(牵头单位:市人社局)\n"
        "二、保障措施\n(一)加强组织领导。\n"
    )
    assert [item.number for item in bozhou_tasks.parse(text).items] == [1]


@pytest.mark.parametrize("tools", ["打印本页　关闭窗口", "【打印】【关闭】", "打印此页 | 关闭本页"])
def test_the_article_s_tool_bar_is_footer_not_unparsed(tools: str) -> None:
    text = f"样例县2024年1件民生实事\n一、新增就业3000人。责任单位:县人社局\n{tools}\n"
    notice = bozhou_tasks.parse(text)
    assert [item.lead_units for item in notice.items] == [["县人社局"]]
    assert notice.unparsed == []
    assert [(block.role, block.text) for block in notice.blocks][-1] == ("footer", tools)


# --- PDF text: wrapped lines and page chrome ---------------------------------------------------


def test_pdf_text_is_read_as_a_stream() -> None:
    notice = parsed("synthetic-pdf-text.txt")
    assert [(c.name, c.declared_item_count, c.item_numbers) for c in notice.categories] == [
        ("促进就业", 2, [1, 2]),
        ("社会保障", 2, [3, 4]),
    ]
    assert [(i.number, i.headline, i.lead_units) for i in notice.items] == [
        (1, "推动重点群体稳定就业,城镇新增就业\n3.5万人左右,其中样例县8700人。", ["市人社局", "市财政局"]),
        (2, "支持毕业生求职创业,按1500元/人标准发\n放求职创业补贴。", ["市人社局"]),
        (3, "提高城乡低保标准,农村低保标准每人每\n月不低于722元。", ["市民政局"]),
        (4, "新建老年食堂37个。", ["市民政局"]),
    ]
    assert [(b.role, b.text) for b in notice.blocks if b.role == "page-chrome"] == [
        ("page-chrome", "— 2 —"),
        ("page-chrome", "样例市2025年4项民生实事实施方案"),
        ("page-chrome", "4"),
    ]
    assert notice.unparsed == []
    assert [f.code for f in notice.findings if f.severity != "info"] == []
    assert notice.item(1).quantities[0].value == 35000


def test_numbering_that_restarts_in_every_category() -> None:
    """Each category's items are checked as a run of their own; a gap inside one is still reported."""
    text = (
        "样例市2025年4项民生实事实施方案\n一、促进就业(2项)\n(一)新增就业3万人。(牵头单位:市人社局)\n"
        "(二)培训1000人次。(牵头单位:市人社局)\n二、社会保障(2项)\n(一)提高低保标准。(牵头单位:市民政局)\n"
        "(二)新建食堂10个。(牵头单位:市民政局)\n"
    )
    notice = bozhou_tasks.parse(text)
    assert [(i.category_number, i.number, i.lead_units) for i in notice.items] == [
        (1, 1, ["市人社局"]),
        (1, 2, ["市人社局"]),
        (2, 1, ["市民政局"]),
        (2, 2, ["市民政局"]),
    ]
    assert [f.code for f in notice.findings if f.severity != "info"] == []
    gap = bozhou_tasks.parse(text.replace("(二)新建食堂", "(三)新建食堂"))
    assert [f.message for f in gap.findings if f.code == "item-number-sequence"] == [
        "item numbers jump from 1 to 3: item 2 missing"
    ]


def test_a_cover_letter_without_its_plan_is_refused_saying_so() -> None:
    text = (
        "样例县人民政府办公室关于印发样例县2025年民生实事实施方案的通知\n各乡镇人民政府:\n"
        "现将《样例县2025年民生实事实施方案》印发给你们,请认真贯彻落实。\n样例县人民政府办公室\n2025年2月1日\n"
    )
    with pytest.raises(bozhou_tasks.InputError) as raised:
        bozhou_tasks.parse(text)
    assert str(raised.value) == (
        "input: a cover letter whose plan is not on this page ('现将《样例县2025年民生实事实施方案》印发给你们'): "
        "the plan's items are not here; give the page or attachment that lists them"
    )


def test_items_run_together_after_a_lead_unit_parenthesis() -> None:
    """…(牵头单位:X)2.支持…: each item gets its own lead units, never its neighbour's."""
    text = (
        "样例市2025年3项民生实事实施方案\n"
        "1.新增就业3万人(牵头单位:市人社局)2.支持毕业生求职创业(牵头单位:市教育局、市人社局)"
        "3.培训家政服务人员1000人次。\n"
    )
    notice = bozhou_tasks.parse(text)
    assert [(i.number, i.headline, i.lead_units) for i in notice.items] == [
        (1, "新增就业3万人", ["市人社局"]),
        (2, "支持毕业生求职创业", ["市教育局", "市人社局"]),
        (3, "培训家政服务人员1000人次。", []),
    ]
    # the page stops where item 3's lead units would be: a cut page, said once, not an error
    assert notice.plan is not None
    assert notice.plan.ends_inside_item == 3
    assert [f.code for f in notice.findings if f.severity != "info"] == ["page-cut-short"]


def test_inline_item_starting_with_a_date() -> None:
    """…;2.7月底前…: item 2 after item 1, not the decimal 2.7 (tests/test_item_boundaries.py has the spans)."""
    text = "样例市2025年2项民生实事实施方案\n一、教育(2项):1.新建幼儿园(牵头单位:市教育局);2.7月底前完成校舍改造(牵头单位:市教育局)\n"
    assert [item.number for item in bozhou_tasks.parse(text).items] == [1, 2]


def test_a_plan_laid_out_as_an_html_table() -> None:
    """One row is one item: its content cell the headline, its lead-unit cell its lead units."""
    notice = parsed("synthetic-html-table.html")
    assert notice.plan is not None
    assert (notice.plan.title, notice.plan.year, notice.plan.declared_item_count) == (
        "某县2024年三件民生实事责任分工表",
        2024,
        3,
    )
    assert [(i.number, i.headline, i.lead_units, i.supporting_units) for i in notice.items] == [
        (1, "城镇新增就业3000人,开展职业技能培训1,500人次。", ["县人社局"], ["各乡镇人民政府"]),
        (2, "改造老旧小区１２个。", ["县住建局"], ["县财政局", "县自然资源局"]),
        (3, "新增普惠性托位200个。", ["县卫健委"], []),
    ]
    assert [[(q.value, q.unit) for q in i.quantities] for i in notice.items] == [
        [(3000, "人"), (1500, "人次")],
        [(12, "个")],
        [(200, "个")],
    ]
    assert [f.code for f in notice.findings if f.severity != "info"] == []


def test_lead_units_in_every_form() -> None:
    notice = parsed("synthetic-lead-forms.txt")
    assert notice.notice.issuer == "安徽省民生工作领导小组办公室"
    assert [(i.number, i.lead_label, i.lead_units, i.supporting_label, i.supporting_units) for i in notice.items] == [
        (1, "牵头单位", ["省人力资源社会保障厅"], "配合单位", ["省财政厅"]),
        (2, "牵头单位", ["省人力资源社会保障厅"], "配合单位", ["省教育厅"]),
        (3, "牵头", ["省商务厅"], "配合", ["省人力资源社会保障厅"]),
        (4, "牵头单位", ["省人力资源社会保障厅"], None, []),
    ]
    assert notice.item(2).headline == "支持毕业生求职创业。按1500元/人标准发放补贴。"
