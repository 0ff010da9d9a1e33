"""Pages that are not a plan are refused with one clear message, never parsed into junk.

The pages are SYNTHETIC fixtures under tests/fixtures/family/ (see test_family.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import bozhou_tasks
from bozhou_tasks.errors import InputError
from bozhou_tasks.segment import notice as segment
from bozhou_tasks.segment import pagekind

FAMILY = Path(__file__).resolve().parent / "fixtures" / "family"


NOT_A_PLAN = [
    (
        "synthetic-interpretation.txt",
        "a policy interpretation ('《样例市2024年50项民生实事实施方案》政策解读'), not the plan: it explains the plan "
        "without listing its items with lead units; give the page of the plan itself",
    ),
    (
        "synthetic-attachment-only.txt",
        "the plan is not on this page but in an attachment ('附件:样例县2025年民生实事实施方案.docx'); open the "
        "attachment and give its text or HTML",
    ),
    (
        "synthetic-news.html",
        "not a livelihood-project notice (no plan title, categories or numbered items found); give the page of the "
        "plan itself, not a news story or an interpretation",
    ),
]


@pytest.mark.parametrize(("name", "message"), NOT_A_PLAN, ids=[n[0] for n in NOT_A_PLAN])
def test_not_a_plan(name: str, message: str) -> None:
    path = FAMILY / name
    with pytest.raises(InputError) as raised:
        bozhou_tasks.parse(path)
    assert str(raised.value) == f"{path}: {message}"


def test_quoted_paragraphs_under_a_plan_title_are_not_a_plan() -> None:
    # the interpretation without its title: the structure alone says it is not a plan
    text = (FAMILY / "synthetic-interpretation.txt").read_text(encoding="utf-8")
    text = text.replace("《样例市2024年50项民生实事实施方案》政策解读\n", "")
    with pytest.raises(InputError) as raised:
        bozhou_tasks.parse(text)
    assert str(raised.value) == (
        "input: not a plan: the title '样例市2024年50项民生实事实施方案' is followed by 3 numbered items where the "
        "title declares 50, none with a lead unit (牵头单位) and no category with an item count; a news story or "
        "an interpretation that quotes a plan is not one: give the page of the plan itself"
    )


def test_a_sentence_naming_the_plan_is_not_a_plan_title() -> None:
    text = (
        "近日,市政府印发《亳州市2024年50项民生实事实施方案》。\n亳州市2024年50项民生实事实施方案确定的任务进展顺利。\n"
    )
    with pytest.raises(InputError, match="no plan title"):
        bozhou_tasks.parse(text)


EVIDENCE = [
    # page text, the rule that shows it is a plan (None: it is not)
    ("样例市2025年民生实事实施方案\n一、新增就业3万人(牵头单位:市人社局)\n", "lead-units"),
    ("样例市2025年民生实事实施方案\n一、就业(1项)\n(一)新增就业3万人\n", "category-counts"),
    ("样例市2025年2项民生实事实施方案\n一、新增就业3万人\n二、新建公园5个\n", "declared-count"),
    ("样例市2025年3项民生实事实施方案\n一、新增就业3万人。\n二、新建公园5个。\n", None),
    ("样例市2025年6项民生实事实施方案\n一、新增就业3万人,其中\n", "cut-under-title"),
    ("样例市2025年民生实事实施方案\n一、出台背景\n(一)回应群众关切。\n", None),
]


@pytest.mark.parametrize(("text", "rule"), EVIDENCE, ids=[str(rule) + str(i) for i, (_, rule) in enumerate(EVIDENCE)])
def test_plan_evidence(text: str, rule: str | None) -> None:
    assert pagekind.plan_evidence(segment.segment(text)) == rule


def test_menus_and_related_articles_do_not_refuse_a_plan(page_txt: str) -> None:
    """A plan is judged by its own titles: a menu's 政策解读 or a related article's 进展情况 is not one."""
    nav = "政策解读\n政府工作报告\n2023年民生实事完成情况公示\n【文字解读】2024年民生实事政策解读\n"
    at = page_txt.index("索引号")
    notice = bozhou_tasks.parse(page_txt[:at] + nav + page_txt[at:])
    assert len(notice.items) == 50


def test_a_report_says_what_it_is_in_its_first_lines() -> None:
    text = (
        "2014年市政府民生实事项目共有3项任务,现将实事项目1—6月份进展情况进行公示。\n"
        "1.轨道交通1号线一期工程投入试运营。(责任单位:市轨道交通集团)\n"
        "2.新建公共停车泊位5000个。(责任单位:市住建委)\n"
    )
    with pytest.raises(InputError) as raised:
        bozhou_tasks.parse(text)
    assert str(raised.value) == (
        "input: a progress report (进展/完成情况) ('2014年市政府民生实事项目共有3项任务,现将实事项目1—6月份进展情况进行"
        "公示。'), not the plan: it reports on the projects of a plan; give the page of the plan itself"
    )
