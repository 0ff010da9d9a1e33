"""A basis written once for a list of amounts applies to every amount of the list."""

from __future__ import annotations

import pytest

from bozhou_tasks.extract import quantities, rates
from bozhou_tasks.extract.text import Segment

# (text, [(amount text, per, per as written, subject)])
STATED_ONCE = [
    pytest.param(
        "专科生、研究生每人每学年分别资助1500元、2500元。",
        [("1500元", "人·学年", "每人每学年", "专科生"), ("2500元", "人·学年", "每人每学年", "研究生")],
        id="每人每学年-分别",
    ),
    pytest.param(
        "按照本科生4000元、5000元/人的标准给予一次性资助。",
        [("4000元", "人", "/人", "本科生"), ("5000元/人", "人", "/人", "本科生")],
        id="slash-basis-on-the-last",
    ),
    pytest.param(
        "各县(区)按照寄宿制托养服务、日间照料托养服务、居家托养服务每人每年分别补贴12000元、4000元、2000元的标准落实。",
        [
            ("12000元", "人·年", "每人每年", "寄宿制托养服务"),
            ("4000元", "人·年", "每人每年", "日间照料托养服务"),
            ("2000元", "人·年", "每人每年", "居家托养服务"),
        ],
        id="每人每年-分别-three",
    ),
    pytest.param(
        "按照每人每年12000元、4000元、2000元的标准分别用于寄宿制托养服务、日间照料托养服务、居家托养服务。",
        [
            ("12000元", "人·年", "每人每年", "寄宿制托养服务"),
            ("4000元", "人·年", "每人每年", "日间照料托养服务"),
            ("2000元", "人·年", "每人每年", "居家托养服务"),
        ],
        id="每人每年-figures-then-labels",
    ),
    pytest.param(
        "分散和集中供养特困人员基本生活标准分别不低于1155元/月和1575元/月。",
        [
            ("不低于1155元/月", "月", "/月", "分散供养特困人员基本生活标准"),
            ("1575元/月", "月", "/月", "集中供养特困人员基本生活标准"),
        ],
        id="each-written",
    ),
    pytest.param(
        "城乡居民基础养老金最低标准每人每月提高20元。",
        [("20元", "人·月", "每人每月", "城乡居民基础养老金最低标准")],
        id="by-how-much-after-the-basis",
    ),
]


@pytest.mark.parametrize(("text", "expected"), STATED_ONCE)
def test_a_basis_stated_once_applies_to_the_list(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    mentions = quantities.find(Segment(text, 0, measure=1))
    found = [(r.text, r.per, r.per_text, r.subject) for r in rates.find(mentions, [])]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "per", "per_text"),
    [
        ("完成适老化改造1500户,户均补助不超过5000元。", "户", "户均"),
        ("农村居民人均可支配收入增长7%,人均补贴80元。", "人", "人均"),
    ],
)
def test_an_average_basis_in_the_clause_applies_to_an_amount(text: str, per: str, per_text: str) -> None:
    """人均, 户均 anywhere before an amount in its clause is its basis (as 每人 is); a count needs it adjacent."""
    mentions = quantities.find(Segment(text, 0))
    assert [(m.quantity.per, m.per_text) for m in mentions if m.quantity.unit == "元"] == [(per, per_text)]
    assert all(m.quantity.per is None for m in mentions if m.quantity.unit != "元")
