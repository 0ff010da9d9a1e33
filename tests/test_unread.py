"""No figure is dropped silently: a run of digits no quantity reads is a finding with its span."""

from __future__ import annotations

import pytest

import bozhou_tasks
from bozhou_tasks.validate import validate


def _unread(text: str) -> list[tuple[int | None, str, str]]:
    notice = bozhou_tasks.parse(text)
    findings = [f for f in validate(notice).findings if f.code in ("unread-figure", "unit-missing")]
    return [(f.item, notice.text[f.span[0] : f.span[1]], f.code) for f in findings if f.span is not None]


# (edit of the page, figures expected not read, or read without their unit: (item, text, code))
EDITS = [
    pytest.param(
        ("培训家政服务人员20350人次", "培训家政服务人员20350"), [(3, "20350", "unit-missing")], id="unit-lost"
    ),
    pytest.param(
        ("培训家政服务人员20350人次", "培训家政服务人员20,350"),
        [(3, "20,350", "unit-missing")],
        id="unit-lost-separator",
    ),
    pytest.param(
        ("培训家政服务人员20350人次", "培训家政服务人员20350的目标"),
        [(3, "20350", "unread-figure")],
        id="no-unit-inside-a-clause",
    ),
    pytest.param(("其中涡阳县4750人次", "其中涡阳县1,50人次"), [(3, "1,50", "unread-figure")], id="broken-separator"),
    pytest.param(
        ("培训家政服务人员20350人次", "培训家政服务人员IO(X)人次"), [(3, "IO(X)", "unread-figure")], id="garbled-by-ocr"
    ),
    pytest.param(("培训家政服务人员20350人次", "培训家政服务人员20,350人次"), [], id="read"),
    pytest.param(("培训家政服务人员20350人次", "培训家政服务人员20350人次,开通12345热线"), [], id="hotline"),
    pytest.param(("培训家政服务人员20350人次", "为60岁以上的家政服务人员培训20350人次"), [], id="age"),
]


@pytest.mark.parametrize(("edit", "expected"), EDITS)
def test_unread_figures_are_findings(
    page_txt: str, edit: tuple[str, str], expected: list[tuple[int, str, str]]
) -> None:
    old, new = edit
    assert old in page_txt
    assert _unread(page_txt.replace(old, new, 1)) == expected


def test_the_finding_is_a_warning_that_names_the_figure(page_txt: str) -> None:
    notice = bozhou_tasks.parse(page_txt.replace("培训家政服务人员20350人次", "培训家政服务人员20350的目标", 1))
    (finding,) = [f for f in validate(notice).findings if f.code == "unread-figure"]
    assert (finding.severity, finding.item) == ("warning", 3)
    assert finding.message.startswith("item 3 headline: '20350' (before '的目标,')")


def test_a_figure_without_its_unit_is_read_and_reported(page_txt: str) -> None:
    notice = bozhou_tasks.parse(page_txt.replace("培训家政服务人员20350人次", "培训家政服务人员20350", 1))
    (quantity,) = [q for q in notice.item(3).quantities if q.text == "20350"]
    assert (quantity.value, quantity.unit, quantity.rule) == (20350, "", "unit-missing")
    (finding,) = [f for f in validate(notice).findings if f.code == "unit-missing"]
    assert (finding.severity, finding.item, finding.span) == ("warning", 3, quantity.span)
    assert finding.message.startswith("item 3 headline: '20350' has no unit (the page lost it, or never wrote it)")
