"""The Bozhou page in traditional script reads the same figures, breakdowns and codes.

The fixture `tests/fixtures/bozhou-2024-50-traditional.txt` is `data/raw/bozhou-2024-50.txt`
converted by OpenCC 1.4.2 (s2t), the way traditional-script mirrors convert pages: 渦陽縣,
譙城區, 亳州高新區, 個, 戶, 萬, 分別, 套(間), 國發〔2024〕3號.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import bozhou_tasks
from bozhou_tasks.models import Notice
from bozhou_tasks.validate import validate

from .conftest import ROOT

TRADITIONAL = ROOT / "tests" / "fixtures" / "bozhou-2024-50-traditional.txt"


@pytest.fixture(scope="module")
def traditional() -> Notice:
    return bozhou_tasks.parse(TRADITIONAL)


def _figures(notice: Notice) -> list[tuple[int, Decimal, str]]:
    return [(item.number, q.value, q.qualifier) for item in notice.items for q in item.quantities]


def _breakdowns(notice: Notice) -> list[tuple[object, ...]]:
    return [
        (item.number, b.rule, b.total.value if b.total else None, [(p.region_code, p.quantity.value) for p in b.parts])
        for item in notice.items
        for b in item.breakdowns
    ]


def test_the_same_figures(traditional: Notice, txt_notice: Notice) -> None:
    assert _figures(traditional) == _figures(txt_notice)


def test_the_same_breakdowns_over_the_same_codes(traditional: Notice, txt_notice: Notice) -> None:
    assert _breakdowns(traditional) == _breakdowns(txt_notice)
    parts = traditional.item(3).breakdowns[0].parts
    assert [(p.label, p.region, p.region_code) for p in parts] == [
        ("渦陽縣", "涡阳县", "341621"),
        ("蒙城縣", "蒙城县", "341622"),
        ("利辛縣", "利辛县", "341623"),
        ("譙城區", "谯城区", "341602"),
        ("亳州高新區", "亳州高新区", None),
    ]


def test_units_are_kept_as_written(traditional: Notice) -> None:
    assert [q.unit for q in traditional.item(39).quantities] == ["套(間)"] * 4
    assert [q.unit for q in traditional.item(12).quantities][:2] == ["戶", "戶"]


def test_no_error_and_nothing_unread(traditional: Notice) -> None:
    findings = validate(traditional).findings
    assert [f.code for f in findings if f.severity == "error" or f.code == "unread-figure"] == []
