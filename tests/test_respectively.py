"""分别 in the three orders notices write it: labels then figures, labels right before, figures then labels."""

from __future__ import annotations

import pytest

from bozhou_tasks.extract import quantities
from bozhou_tasks.extract.text import Segment

CASES = [
    pytest.param(
        "新生儿遗传代谢病筛查率和新生儿听力障碍筛查率分别达到98%和95%以上。",
        [("98%", "新生儿遗传代谢病筛查率"), ("95%以上", "新生儿听力障碍筛查率")],
        id="labels-分别-figures",
    ),
    pytest.param(
        "新生兒遺傳代謝病篩查率和新生兒聽力障礙篩查率分別達到98%和95%以上。",
        [("98%", "新生兒遺傳代謝病篩查率"), ("95%以上", "新生兒聽力障礙篩查率")],
        id="traditional-分別達到",
    ),
    pytest.param(
        "给予特困人员、低保对象80%、75%救助。",
        [("80%", "特困人员"), ("75%", "低保对象")],
        id="labels-right-before",
    ),
    pytest.param(
        "救助比例不低于80%、75%分别用于特困人员、低保对象。",
        [("不低于80%", "特困人员"), ("75%", "低保对象")],
        id="figures-分别-labels",
    ),
    pytest.param(
        "全市分散和集中养育的孤儿基本生活保障标准分别不低于1155元/月和1575元/月。",
        [("不低于1155元/月", "分散养育的孤儿基本生活保障标准"), ("1575元/月", "集中养育的孤儿基本生活保障标准")],
        id="shared-head",
    ),
    pytest.param(
        "特困人员、低保对象、低保边缘家庭成员分别按80%、75%救助。",
        [("80%", "低保边缘家庭成员"), ("75%", "低保边缘家庭成员")],
        id="three-labels-two-figures-pair-nothing",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_respectively(text: str, expected: list[tuple[str, str]]) -> None:
    found = [(m.quantity.text, m.quantity.subject) for m in quantities.find(Segment("headline", text, 0))]
    assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        "力争实现物业服务覆盖率、业主委员会组建率、党组织组建率“3个100%”。",
        "力争实现物业服务覆盖率、业主委员会组建率、党组织组建率三个100%。",
        "力爭實現物業服務覆蓋率、業主委員會組建率、黨組織組建率“3個100%”。",
    ],
    ids=["quoted", "in-words-unquoted", "traditional"],
)
def test_n_times_a_rate_is_one_rate_per_name(text: str) -> None:
    found = [
        (m.quantity.text, m.quantity.qualifier, m.quantity.rule) for m in quantities.find(Segment("headline", text, 0))
    ]
    assert found == [("100%", "target", "times-rate")] * 3
