"""The quantity normaliser: exact values and qualifiers from the way notices write numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bozhou_tasks.extract.numbers import read

# (phrase, value, unit, qualifier, qualifier word, each)
FROM_THE_PAGE = [
    pytest.param("3.5万人左右", "35000", "人", "approx", "左右", False, id="左右"),
    pytest.param("0.75万人", "7500", "人", "exact", None, False, id="0.75万"),
    pytest.param("8.97万名", "89700", "名", "exact", None, False, id="8.97万"),
    pytest.param("不少于710人次", "710", "人次", "at_least", "不少于", False, id="不少于"),
    pytest.param("不低于7400件", "7400", "件", "at_least", "不低于", False, id="不低于"),
    pytest.param("99%以上", "99", "%", "at_least", "以上", False, id="以上"),
    pytest.param("至少各一张", "1", "张", "at_least", "至少", True, id="至少-各-counted-word"),
    pytest.param("不少于一场", "1", "场", "at_least", "不少于", False, id="counted-word"),
    pytest.param("20万元以下", "200000", "元", "at_most", "以下", False, id="以下"),
    pytest.param("不低于\xa03.6\xa0亿元", "360000000", "元", "at_least", "不低于", False, id="nbsp-亿元"),
    pytest.param("3.6\xa0亿元", "360000000", "元", "exact", None, False, id="nbsp-inside"),
    pytest.param("\xa086\xa0元/月", "86", "元", "exact", None, False, id="nbsp-around"),
    pytest.param("各0.75万人", "7500", "人", "exact", None, True, id="各"),
    pytest.param("4.1个", "4.1", "个", "exact", None, False, id="decimal"),
    pytest.param("99.90%", "99.9", "%", "exact", None, False, id="percent-trailing-zero"),
    pytest.param("400余场", "400", "场", "at_least", "余", False, id="余"),
    pytest.param("220套(间)", "220", "套(间)", "exact", None, False, id="套(间)"),
    pytest.param("力争99.95%", "99.95", "%", "target", None, False, id="力争"),
]

BEYOND_THE_PAGE = [
    pytest.param("约3万人", "30000", "人", "approx", "约", False, id="约"),
    pytest.param("不超过12个月", "12", "个月", "at_most", "不超过", False, id="不超过"),
    pytest.param("5000人以内", "5000", "人", "at_most", "以内", False, id="以内"),
    pytest.param("争取不低于6000万元", "60000000", "元", "at_least", "不低于", False, id="争取-with-bound"),
    pytest.param("争取95%", "95", "%", "target", None, False, id="争取"),
    pytest.param("１２个", "12", "个", "exact", None, False, id="full-width-digits"),
    pytest.param("3个百分点", "3", "个百分点", "exact", None, False, id="percentage-points"),
]


@pytest.mark.parametrize(("phrase", "value", "unit", "qualifier", "word", "each"), FROM_THE_PAGE + BEYOND_THE_PAGE)
def test_read(phrase: str, value: str, unit: str, qualifier: str, word: str | None, each: bool) -> None:
    reading = read(phrase)
    assert reading is not None
    assert (reading.value, reading.unit, reading.qualifier, reading.qualifier_word, reading.each) == (
        Decimal(value),
        unit,
        qualifier,
        word,
        each,
    )


def test_range() -> None:
    reading = read("2—3个")
    assert reading is not None
    assert (reading.value, reading.value_max, reading.qualifier) == (Decimal(2), Decimal(3), "range")


def test_aspiration_is_kept_beside_a_bound() -> None:
    reading = read("力争60%以上")
    assert reading is not None
    assert (reading.qualifier, reading.aspiration) == ("at_least", True)


@pytest.mark.parametrize(
    "phrase",
    [
        "2024年",
        "2025届",
        "4月底",
        "500KV",
        "一场",
        "两个",
        "十四五",
        "1:1",
        "7\u00d724小时",
        "2—3岁",
        "约谈",
        "19,000个",
    ],
)
def test_not_a_quantity(phrase: str) -> None:
    assert read(phrase) is None


@pytest.mark.xfail(strict=True, reason="thousands separators are not read: 19,000个 gives nothing rather than 0")
def test_thousands_separator() -> None:
    reading = read("19,000个")
    assert reading is not None
    assert reading.value == 19000


@given(st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False, allow_infinity=False))
def test_scale_is_exact(number: Decimal) -> None:
    written = format(number, "f")
    reading = read(f"{written}万人")
    assert reading is not None
    assert reading.value == number * 10000
