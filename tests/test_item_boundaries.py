"""Where an item's parts lie apart on the page, on SYNTHETIC page text written for these tests.

Each page reproduces a layout of real notices of Anhui cities and counties that a line-by-line
reading got wrong:

- lead units placed after an item's measures (推进措施: 1. 2. 3. then 牵头单位:… or (…牵头) on
  a line of their own): they are the item's, never the last measure's or the next item's;
- a printed page's chrome between the halves of one item (PDF or Word text: a page number, the
  running header repeating the title, a document number): the chrome is a `page-chrome` block and
  the item goes on after it;
- an inline item whose text starts with a number (`;2.7月底前完成…`): item 2 after item 1, where a
  decimal reading (2.7) would swallow it.

Expected values are exact: every item's number, headline and its span, lead label, lead and
supporting units with their spans, measures; the blocks that hold an item's later lines and the
chrome, with their spans; what is left unparsed and the findings.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

import bozhou_tasks
from bozhou_tasks.models import Notice

from .invariants import assert_lossless, assert_spans_slice

Span = tuple[int, int]
ItemRow = tuple[int, str, Span, str | None, list[str], list[Span], list[str], list[str]]
"""number, headline, headline span, lead label, lead units, their spans, supporting units, measures' texts."""


class Case(NamedTuple):
    text: str
    items: list[ItemRow]
    blocks: list[tuple[str, str, Span]]  # page-chrome, lead-units and item-continued blocks
    unparsed: list[str]
    findings: list[str]  # codes of the warnings and errors


# --- lead units after an item's measures ------------------------------------------------------

LEAD_LINE_AFTER_MEASURES = """样例市2025年3项民生实事实施方案
一、教育(2项)
(一)新建改扩建幼儿园10所,新增学位3000个。
推进措施:
1.3月底前完成选址。
2.6月底前开工建设。
3.12月底前建成投用。
牵头单位:市教育局
(二)实施中小学校舍改造工程20个。
推进措施:
1.完成校舍安全排查。
2.9月底前完成改造。
牵头单位:市教育局;配合单位:市财政局、各县(区)政府
二、就业(1项)
(三)城镇新增就业2.5万人。(牵头单位:市人社局)
推进措施:
1.开展招聘活动100场。
"""

LEAD_PARENTHESIS_AFTER_MEASURES = """样例县2024年2项民生实事工作方案
一、开展放心家政行动,培训家政服务人员1200人次。
推进措施:
1.兑现职业技能培训补贴。
2.推进标准化与品牌建设。
(县商务局牵头,县人社局配合)
二、新建农村幸福院5个。
推进措施:
1.选择老年人口规模大的村建设。
(县民政局、县财政局)
"""

LEAD_LINE_AFTER_MEASURES_OF_AN_ITEM_THAT_HAS_ONE = """样例县2024年2项民生实事工作方案
一、新建农村幸福院5个。(牵头单位:县民政局)
推进措施:
1.选择老年人口规模大的村建设。
牵头单位:县财政局
二、改造农村户厕1000户。(牵头单位:县农业农村局)
"""

# --- supporting units on a line of their own under the lead units' ---------------------------

SUPPORTING_LINE_UNDER_THE_LEAD_LINE = """样例市2025年2项民生实事项目实施方案

一、就业创业(2项)

(一)促进高校毕业生就业。全年新增城镇就业12万人以上。

牵头单位:市人社局

配合单位:市教育局、市财政局

(二)开展职业技能培训5万人次。

牵头单位:市人社局
"""

SUPPORTING_LINE_AFTER_MEASURES = """样例县2024年2项民生实事工作方案
一、新建农村幸福院5个。
推进措施:
1.选择老年人口规模大的村建设。
牵头单位:县民政局
配合单位:县财政局、各乡镇
二、改造农村户厕1000户。(牵头单位:县农业农村局)
"""

# --- a printed page's chrome inside an item ----------------------------------------------------

PDF_CATEGORIES = """样例市2025年5项民生实事实施方案
一、促进就业(2项)
(一)推动重点群体稳定就业,城镇新增
— 5 —
样例市2025年5项民生实事实施方案
就业3.5万人左右。(牵头单位:市人社局)
(二)新建老年食堂37个。
-6-
(牵头单位:市民政局)
二、社会保障(3项)
(三)提高城乡低保标准,农村低保标准每人每
7
月不低于722元。(牵头单位:
市民政局、市财政局)
(四)新增托位200个。(牵头单位:市卫健委)
— 8 —
推进措施:
1.开展托育从业人员培训。
第9页 共12页
2.新建托育机构3家。
(五)改造农村户厕1000户。(牵头单位:市农业农村局)
— 10 —
为确保各项任务落实,各牵头单位要细化方案。
"""

WORD_FLAT = """样例县2024年2项民生实事实施方案
1.推动重点群体稳定就业,城镇新增就业
-2-
样政〔2024〕3号
3.5万人左右,其中样例镇800人。(牵头单位:县人社局)
2.新建老年食堂5个。(牵头单位:县民政局)
"""

LEAD_PARENTHESIS_CUT_BY_A_PAGE_BREAK = """样例市2025年2项民生实事实施方案
一、社会保障(2项)
(一)新增托位200个。(牵头单位:市卫健委)
推进措施:
1.开展托育从业人员培训。
(二)提高低保标准,每人每月不低于722元。(牵头单位:
— 7 —
市民政局、市财政局)
"""

# --- an inline item whose text starts with a number ----------------------------------------------

DATE_ON_CATEGORY_LINE = (
    "样例市2025年2项民生实事实施方案\n"
    "一、教育(2项):1.新建幼儿园(牵头单位:市教育局);2.7月底前完成校舍改造(牵头单位:市教育局)\n"
)

DATES_AFTER_LEAD_PARENTHESES = (
    "样例市2025年3项民生实事实施方案\n"
    "1.新增就业3万人(牵头单位:市人社局)2.7月底前完成校舍改造(牵头单位:市教育局)"
    "3.2025年底前建成老年食堂10个。(牵头单位:市民政局)\n"
)

DECIMAL_AFTER_A_COMMA = (
    "样例市2025年2项民生实事实施方案\n"
    "1.城镇新增就业,2.7万人左右。(牵头单位:市人社局)\n"
    "2.改造老旧小区10个。(牵头单位:市住建局)\n"
)

DATE_AFTER_AN_UNEXPECTED_NUMBER = (
    "样例市2025年2项民生实事实施方案\n"
    "1.完成校舍改造,3.7月底前全部交付。(牵头单位:市教育局)\n"
    "2.改造老旧小区10个。(牵头单位:市住建局)\n"
)


CASES = [
    pytest.param(
        Case(
            LEAD_LINE_AFTER_MEASURES,
            [
                (
                    1,
                    "新建改扩建幼儿园10所,新增学位3000个。",
                    (31, 53),
                    "牵头单位",
                    ["市教育局"],
                    [(102, 106)],
                    [],
                    ["1.3月底前完成选址。", "2.6月底前开工建设。", "3.12月底前建成投用。"],
                ),
                (
                    2,
                    "实施中小学校舍改造工程20个。",
                    (110, 125),
                    "牵头单位",
                    ["市教育局"],
                    [(161, 165)],
                    ["市财政局", "各县(区)政府"],
                    ["1.完成校舍安全排查。", "2.9月底前完成改造。"],
                ),
                (
                    3,
                    "城镇新增就业2.5万人。",
                    (196, 208),
                    "牵头单位",
                    ["市人社局"],
                    [(214, 218)],
                    [],
                    ["1.开展招聘活动100场。"],
                ),
            ],
            [
                ("lead-units", "牵头单位:市教育局", (97, 106)),
                ("lead-units", "牵头单位:市教育局;配合单位:市财政局、各县(区)政府", (156, 183)),
            ],
            [],
            [],
        ),
        id="label-line-after-measures",
    ),
    pytest.param(
        Case(
            LEAD_PARENTHESIS_AFTER_MEASURES,
            [
                (
                    1,
                    "开展放心家政行动,培训家政服务人员1200人次。",
                    (21, 45),
                    "牵头",
                    ["县商务局"],
                    [(81, 85)],
                    ["县人社局"],
                    ["1.兑现职业技能培训补贴。", "2.推进标准化与品牌建设。"],
                ),
                (
                    2,
                    "新建农村幸福院5个。",
                    (98, 108),
                    None,
                    ["县民政局", "县财政局"],
                    [(133, 137), (138, 142)],
                    [],
                    ["1.选择老年人口规模大的村建设。"],
                ),
            ],
            [
                ("lead-units", "(县商务局牵头,县人社局配合)", (80, 95)),
                ("lead-units", "(县民政局、县财政局)", (132, 143)),
            ],
            [],
            [],
        ),
        id="unit-then-label-and-bare-parenthesis-after-measures",
    ),
    pytest.param(
        Case(
            LEAD_LINE_AFTER_MEASURES_OF_AN_ITEM_THAT_HAS_ONE,
            [
                (
                    1,
                    "新建农村幸福院5个。",
                    (21, 31),
                    "牵头单位",
                    ["县民政局"],
                    [(37, 41)],
                    [],
                    ["1.选择老年人口规模大的村建设。"],
                ),
                (2, "改造农村户厕1000户。", (78, 90), "牵头单位", ["县农业农村局"], [(96, 102)], [], []),
            ],
            [],
            ["牵头单位:县财政局"],
            ["unparsed-line"],
        ),
        id="an-item-with-lead-units-takes-no-second-line-of-them",
    ),
    pytest.param(
        Case(
            PDF_CATEGORIES,
            [
                (1, "推动重点群体稳定就业,城镇新增", (33, 48), "牵头单位", ["市人社局"], [(90, 94)], [], []),
                (2, "新建老年食堂37个。", (99, 109), "牵头单位", ["市民政局"], [(120, 124)], [], []),
                (
                    3,
                    "提高城乡低保标准,农村低保标准每人每",
                    (140, 158),
                    "牵头单位",
                    ["市民政局", "市财政局"],
                    [(177, 181), (182, 186)],
                    [],
                    [],
                ),
                (
                    4,
                    "新增托位200个。",
                    (191, 200),
                    "牵头单位",
                    ["市卫健委"],
                    [(206, 210)],
                    [],
                    ["1.开展托育从业人员培训。", "2.新建托育机构3家。"],
                ),
                (5, "改造农村户厕1000户。", (262, 274), "牵头单位", ["市农业农村局"], [(280, 286)], [], []),
            ],
            [
                ("page-chrome", "— 5 —", (49, 54)),
                ("page-chrome", "样例市2025年5项民生实事实施方案", (55, 73)),
                ("item-continued", "就业3.5万人左右。(牵头单位:市人社局)", (74, 95)),
                ("page-chrome", "-6-", (110, 113)),
                ("lead-units", "(牵头单位:市民政局)", (114, 125)),
                ("page-chrome", "7", (159, 160)),
                ("item-continued", "月不低于722元。(牵头单位:\n市民政局、市财政局)", (161, 187)),
                ("page-chrome", "— 8 —", (212, 217)),
                ("page-chrome", "第9页 共12页", (238, 246)),
                ("page-chrome", "— 10 —", (288, 294)),
            ],
            ["为确保各项任务落实,各牵头单位要细化方案。"],  # after a finished item: no rest of it
            ["unparsed-line"],
        ),
        id="pdf-page-breaks-inside-items-under-categories",
    ),
    pytest.param(
        Case(
            WORD_FLAT,
            [
                (1, "推动重点群体稳定就业,城镇新增就业", (21, 38), "牵头单位", ["县人社局"], [(78, 82)], [], []),
                (2, "新建老年食堂5个。", (86, 95), "牵头单位", ["县民政局"], [(101, 105)], [], []),
            ],
            [
                ("page-chrome", "-2-", (39, 42)),
                ("page-chrome", "样政〔2024〕3号", (43, 53)),
                ("item-continued", "3.5万人左右,其中样例镇800人。(牵头单位:县人社局)", (54, 83)),
            ],
            [],
            [],
        ),
        id="page-number-and-document-number-inside-an-item-whose-rest-starts-with-a-figure",
    ),
    pytest.param(
        Case(
            LEAD_PARENTHESIS_CUT_BY_A_PAGE_BREAK,
            [
                (
                    1,
                    "新增托位200个。",
                    (33, 42),
                    "牵头单位",
                    ["市卫健委"],
                    [(48, 52)],
                    [],
                    ["1.开展托育从业人员培训。"],
                ),
                (
                    2,
                    "提高低保标准,每人每月不低于722元。",
                    (77, 96),
                    "牵头单位",
                    ["市民政局", "市财政局"],
                    [(109, 113), (114, 118)],
                    [],
                    [],
                ),
            ],
            [("page-chrome", "— 7 —", (103, 108)), ("item-continued", "市民政局、市财政局)", (109, 119))],
            [],
            [],
        ),
        id="a-lead-unit-parenthesis-cut-by-a-page-break-after-its-label",
    ),
    pytest.param(
        Case(
            DATE_ON_CATEGORY_LINE,
            [
                (1, "新建幼儿园", (30, 35), "牵头单位", ["市教育局"], [(41, 45)], [], []),
                (2, "7月底前完成校舍改造", (49, 59), "牵头单位", ["市教育局"], [(65, 69)], [], []),
            ],
            [],
            [],
            [],
        ),
        id="item-2-starting-with-a-month-on-its-category-line",
    ),
    pytest.param(
        Case(
            DATES_AFTER_LEAD_PARENTHESES,
            [
                (1, "新增就业3万人", (21, 28), "牵头单位", ["市人社局"], [(34, 38)], [], []),
                (2, "7月底前完成校舍改造", (41, 51), "牵头单位", ["市教育局"], [(57, 61)], [], []),
                (3, "2025年底前建成老年食堂10个。", (64, 81), "牵头单位", ["市民政局"], [(87, 91)], [], []),
            ],
            [],
            [],
            [],
        ),
        id="items-starting-with-a-month-and-a-year-after-lead-parentheses",
    ),
    pytest.param(
        Case(
            DECIMAL_AFTER_A_COMMA,
            [
                (1, "城镇新增就业,2.7万人左右。", (21, 36), "牵头单位", ["市人社局"], [(42, 46)], [], []),
                (2, "改造老旧小区10个。", (50, 60), "牵头单位", ["市住建局"], [(66, 70)], [], []),
            ],
            [],
            [],
            [],
        ),
        id="the-expected-number-before-a-figure-stays-a-decimal",
    ),
    pytest.param(
        Case(
            DATE_AFTER_AN_UNEXPECTED_NUMBER,
            [
                (1, "完成校舍改造,3.7月底前全部交付。", (21, 39), "牵头单位", ["市教育局"], [(45, 49)], [], []),
                (2, "改造老旧小区10个。", (53, 63), "牵头单位", ["市住建局"], [(69, 73)], [], []),
            ],
            [],
            [],
            [],
        ),
        id="a-date-after-a-number-that-is-not-the-next-item-s-is-text",
    ),
    pytest.param(
        Case(
            SUPPORTING_LINE_UNDER_THE_LEAD_LINE,
            [
                (
                    1,
                    "促进高校毕业生就业。全年新增城镇就业12万人以上。",
                    (37, 62),
                    "牵头单位",
                    ["市人社局"],
                    [(69, 73)],
                    ["市教育局", "市财政局"],
                    [],
                ),
                (2, "开展职业技能培训5万人次。", (94, 107), "牵头单位", ["市人社局"], [(114, 118)], [], []),
            ],
            [],
            [],
            [],  # the page ends at the last item's lead units: finished, not cut
        ),
        id="supporting-units-on-a-line-under-the-lead-units-and-headlines-without-the-blank-lines",
    ),
    pytest.param(
        Case(
            SUPPORTING_LINE_AFTER_MEASURES,
            [
                (
                    1,
                    "新建农村幸福院5个。",
                    (21, 31),
                    "牵头单位",
                    ["县民政局"],
                    [(60, 64)],
                    ["县财政局", "各乡镇"],
                    ["1.选择老年人口规模大的村建设。"],
                ),
                (2, "改造农村户厕1000户。", (81, 93), "牵头单位", ["县农业农村局"], [(99, 105)], [], []),
            ],
            [("lead-units", "牵头单位:县民政局\n配合单位:县财政局、各乡镇", (55, 78))],
            [],
            [],
        ),
        id="supporting-units-on-a-line-under-the-lead-units-after-the-measures",
    ),
]

_parsed: dict[str, Notice] = {}


def parsed(text: str) -> Notice:
    if text not in _parsed:
        _parsed[text] = bozhou_tasks.parse(text)
    return _parsed[text]


def _row(item: bozhou_tasks.Item) -> ItemRow:
    return (
        item.number,
        item.headline,
        item.headline_span,
        item.lead_label,
        item.lead_units,
        item.lead_unit_spans,
        item.supporting_units,
        [measure.text for measure in item.measures],
    )


@pytest.mark.parametrize("case", CASES)
def test_items(case: Case) -> None:
    assert [_row(item) for item in parsed(case.text).items] == case.items


@pytest.mark.parametrize("case", CASES)
def test_blocks_of_items_and_chrome(case: Case) -> None:
    notice = parsed(case.text)
    roles = ("page-chrome", "lead-units", "item-continued")
    assert [(b.role, b.text, b.span) for b in notice.blocks if b.role in roles] == case.blocks


@pytest.mark.parametrize("case", CASES)
def test_unparsed_and_findings(case: Case) -> None:
    notice = parsed(case.text)
    assert [line.text for line in notice.unparsed] == case.unparsed
    assert [f.code for f in notice.findings if f.severity != "info"] == case.findings
    assert notice.plan is not None
    assert notice.plan.ends_inside_item is None


@pytest.mark.parametrize("case", CASES)
def test_lossless_and_every_span_slices(case: Case) -> None:
    notice = parsed(case.text)
    assert_lossless(notice)
    assert_spans_slice(notice)


@pytest.mark.parametrize("case", CASES)
def test_lead_units_lie_in_their_own_item_s_parts(case: Case) -> None:
    """An item's lead units lie in its own line or in a block between it and the next item, never in another item."""
    notice = parsed(case.text)
    starts = [item.span[0] for item in notice.items] + [len(notice.text)]
    own_blocks = [b.span for b in notice.blocks if b.role in ("lead-units", "item-continued")]
    for item, next_start in zip(notice.items, starts[1:], strict=True):
        places = [item.span, *(span for span in own_blocks if item.span[1] <= span[0] < next_start)]
        for start, end in item.lead_unit_spans + item.supporting_unit_spans:
            assert any(a <= start <= end <= b for a, b in places), (item.number, notice.text[start:end])


def test_lead_units_after_the_last_measures_finish_the_page_s_last_item() -> None:
    """A page that stops after an item's lead-unit line (牵头单位:市教育局, no full stop) is not cut inside it."""
    notice = parsed(LEAD_LINE_AFTER_MEASURES.split("(二)")[0])
    assert [(i.number, i.lead_units) for i in notice.items] == [(1, ["市教育局"])]
    assert notice.plan is not None
    assert notice.plan.ends_inside_item is None


def test_a_page_cut_inside_the_rest_of_an_item_is_cut_there() -> None:
    """The rest of an item after a page break is its last part: a page that stops inside it ends inside the
    item. Its figure 3.5 after item 2 is a decimal: the line goes on mid-sentence, and 3.5万 is no date."""
    notice = parsed(
        "样例县2024年2项民生实事实施方案\n1.新建老年食堂5个。(牵头单位:县民政局)\n"
        "2.推动重点群体稳定就业,城镇新增就业\n-2-\n3.5万人左右,其中样例镇\n"
    )
    assert [(i.number, i.lead_units) for i in notice.items] == [(1, ["县民政局"]), (2, [])]
    assert [(b.role, b.text, b.span) for b in notice.blocks if b.role != "title"] == [
        ("page-chrome", "-2-", (62, 65)),
        ("item-continued", "3.5万人左右,其中样例镇", (66, 79)),
    ]
    assert notice.plan is not None
    assert notice.plan.ends_inside_item == 2
    assert [f.code for f in notice.findings if f.severity != "info"] == ["page-cut-short"]


def test_a_finished_item_continued_after_a_page_break_is_not_cut() -> None:
    notice = parsed(WORD_FLAT.split("\n2.")[0] + "\n")
    assert notice.plan is not None
    assert notice.plan.ends_inside_item is None


# --- known limits (strict xfail: a fix makes these pass and must remove the mark) ---------


REST_OF_HEADLINE = [
    # text, item, headline, its rest after the chrome (text, span), the figures read (text, value, span)
    pytest.param(
        WORD_FLAT,
        1,
        "推动重点群体稳定就业,城镇新增就业",
        ("3.5万人左右,其中样例镇800人。", (54, 72)),
        [("3.5万人左右", 35000, (54, 61)), ("800人", 800, (67, 71))],
        id="the-rest-starts-with-a-figure",
    ),
    pytest.param(
        PDF_CATEGORIES,
        1,
        "推动重点群体稳定就业,城镇新增",
        ("就业3.5万人左右。", (74, 84)),
        [("3.5万人左右", 35000, (76, 83))],
        id="a-running-header-between-the-halves",
    ),
    pytest.param(
        PDF_CATEGORIES,
        3,
        "提高城乡低保标准,农村低保标准每人每",
        ("月不低于722元。", (161, 170)),
        [("不低于722元", 722, (162, 169))],
        id="a-page-number-between-the-halves",
    ),
    pytest.param(
        LEAD_PARENTHESIS_CUT_BY_A_PAGE_BREAK,
        2,
        "提高低保标准,每人每月不低于722元。",
        None,
        [("不低于722元", 722, None)],
        id="only-the-lead-units-after-the-chrome",
    ),
]


@pytest.mark.parametrize(("text", "number", "headline", "rest", "figures"), REST_OF_HEADLINE)
def test_the_rest_of_a_headline_after_a_page_break_is_read(
    text: str,
    number: int,
    headline: str,
    rest: tuple[str, Span] | None,
    figures: list[tuple[str, int, Span | None]],
) -> None:
    """A headline cut by a printed page's chrome: the rest is the item's (`headline_rest`), and its
    figures are read with their spans in it, never dropped."""
    notice = parsed(text)
    item = notice.item(number)
    assert item.headline == headline
    assert (None if item.headline_rest is None else (item.headline_rest, item.headline_rest_span)) == rest
    read = [(q.text, q.value, q.span) for q in item.quantities]
    assert [(t, v) for t, v, _ in read] == [(t, v) for t, v, _ in figures]
    assert all(
        expected is None or span == expected for (_, _, span), (_, _, expected) in zip(read, figures, strict=True)
    )
    assert all(notice.text[q.span[0] : q.span[1]] == q.text for q in item.quantities)
    assert [f for f in notice.findings if f.code == "unread-figure"] == []


def test_a_figure_at_the_cut_start_of_a_headline_s_rest_has_no_subject_rather_than_half_of_one() -> None:
    """…农村低保标准每人每 / 7 / 月不低于722元: the words before 722元 in the rest ('月') are the end of
    the subject (and of its basis), whose start is above the break: no subject, never '月'."""
    assert [(q.text, q.subject) for q in parsed(PDF_CATEGORIES).item(3).quantities] == [("不低于722元", None)]
    assert [(q.text, q.subject) for q in parsed(PDF_CATEGORIES).item(1).quantities] == [("3.5万人左右", None)]
