"""Where an item's parts lie apart on the page, on SYNTHETIC page text written for these tests.

Each page reproduces a layout of real notices of Anhui cities and counties that a line-by-line
reading got wrong:

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
