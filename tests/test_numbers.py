"""The quantity normaliser: exact values and qualifiers from the way notices write numbers.

Each phrase is read by the production path (`quantities.find` on the phrase as a headline).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bozhou_tasks.extract import quantities
from bozhou_tasks.extract.text import Segment
from bozhou_tasks.models import Quantity


def read(phrase: str) -> Quantity | None:
    """The one quantity extraction reads in `phrase` standing alone; None when it reads none or several."""
    mentions = quantities.find(Segment(phrase, 0))
    return mentions[0].quantity if len(mentions) == 1 else None


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
    pytest.param("力争99.95%", "99.95", "%", "target", "力争", False, id="力争"),
]

BEYOND_THE_PAGE = [
    pytest.param("约3万人", "30000", "人", "approx", "约", False, id="约"),
    pytest.param("不超过12个月", "12", "个月", "at_most", "不超过", False, id="不超过"),
    pytest.param("5000人以内", "5000", "人", "at_most", "以内", False, id="以内"),
    pytest.param("争取不低于6000万元", "60000000", "元", "at_least", "不低于", False, id="争取-with-bound"),
    pytest.param("争取95%", "95", "%", "target", "争取", False, id="争取"),
    pytest.param("１２个", "12", "个", "exact", None, False, id="full-width-digits"),
    pytest.param("3个百分点", "3", "个百分点", "exact", None, False, id="percentage-points"),
    pytest.param("超过3万人", "30000", "人", "at_least", "超过", False, id="超过"),
    pytest.param("逾2000户", "2000", "户", "at_least", "逾", False, id="逾"),
    pytest.param("低于5%", "5", "%", "at_most", "低于", False, id="低于"),
    pytest.param("不足10人", "10", "人", "at_most", "不足", False, id="不足"),
    pytest.param("将近3万人", "30000", "人", "approx", "将近", False, id="将近"),
    pytest.param("不低于5%", "5", "%", "at_least", "不低于", False, id="不低于-not-低于"),
    pytest.param("一万人", "10000", "人", "exact", None, False, id="一-with-a-scale"),
    pytest.param("两千个", "2000", "个", "exact", None, False, id="两-with-a-scale"),
]

NOT_QUALIFIED = [
    # (phrase, value, unit): a qualifier word that is not right next to the number binds nothing
    pytest.param("超过全省平均的3个百分点", "3", "个百分点", id="超过-with-words-between"),
    pytest.param("附近3公里", "3", "公里", id="附近"),
]


@pytest.mark.parametrize(("phrase", "value", "unit"), NOT_QUALIFIED)
def test_a_detached_word_qualifies_nothing(phrase: str, value: str, unit: str) -> None:
    reading = read(phrase)
    assert reading is not None
    assert (reading.value, reading.unit, reading.qualifier, reading.qualifier_text) == (
        Decimal(value),
        unit,
        "exact",
        None,
    )


@pytest.mark.parametrize(("phrase", "value", "unit", "qualifier", "word", "each"), FROM_THE_PAGE + BEYOND_THE_PAGE)
def test_read(phrase: str, value: str, unit: str, qualifier: str, word: str | None, each: bool) -> None:
    reading = read(phrase)
    assert reading is not None
    assert (reading.value, reading.unit, reading.qualifier, reading.qualifier_text, reading.each) == (
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
        "一个",
        "百家",
        "二次",
        "第三个",
        "几十个",
        "三万",
        "十四五",
        "1:1",
        "7\u00d724小时",
        "2—3岁",
        "约谈",
        "1,50人",
        "8700人，350人",
        "0558-5555258",
        "七台河",
        "六安",
    ],
)
def test_not_a_quantity(phrase: str) -> None:
    assert read(phrase) is None


# Numbers as other notices write them: separators, full-width digits and point, counts in
# words, traditional script, units lost by the source. (phrase, value, unit, qualifier, rule-relevant word)
AS_WRITTEN_ELSEWHERE = [
    pytest.param("20,350人次", "20350", "人次", "exact", None, id="thousands-separator"),
    pytest.param("1,500元", "1500", "元", "exact", None, id="thousands-separator-money"),
    pytest.param("12,816名", "12816", "名", "exact", None, id="thousands-12816"),
    pytest.param("1,234,567元", "1234567", "元", "exact", None, id="two-separators"),
    pytest.param("\uff12\uff10\uff13\uff15\uff10人次", "20350", "人次", "exact", None, id="full-width-digits"),
    pytest.param("\uff12\uff10\uff0c\uff13\uff15\uff10人次", "20350", "人次", "exact", None, id="full-width-separator"),
    pytest.param("\uff13\uff0e\uff15万人", "35000", "人", "exact", None, id="full-width-point"),
    pytest.param("三项", "3", "项", "exact", None, id="三项"),
    pytest.param("两个", "2", "个", "exact", None, id="两个"),
    pytest.param("十余个", "10", "个", "at_least", "余", id="十余个"),
    pytest.param("四家", "4", "家", "exact", None, id="四家"),
    pytest.param("十二个", "12", "个", "exact", None, id="十二个"),
    pytest.param("兩個", "2", "個", "exact", None, id="traditional-兩個"),
    pytest.param("0.5萬人", "5000", "人", "exact", None, id="traditional-萬"),
    pytest.param("2.55萬(wàn)人次", "25500", "人次", "exact", None, id="traditional-with-pinyin-residue"),
    pytest.param("37個", "37", "個", "exact", None, id="traditional-個"),
    pytest.param("不少於3處", "3", "處", "at_least", "不少於", id="traditional-不少於"),
    pytest.param("30类", "30", "类", "exact", None, id="类"),
    pytest.param("1.6倍", "1.6", "倍", "exact", None, id="倍"),
    pytest.param("33万", "330000", "", "exact", None, id="unit-lost-after-scale"),
    pytest.param("1500/人", "1500", "", "exact", None, id="unit-lost-before-slash"),
    pytest.param("965/", "965", "", "exact", None, id="unit-lost-before-a-bare-slash"),
    pytest.param("6800左右", "6800", "", "approx", "左右", id="unit-lost-before-qualifier"),
    pytest.param("补助标准提高至640。", "640", "", "exact", None, id="unit-lost-at-a-sentence-end"),
    pytest.param("新增家政服务人员2900(牵头单位:商务局)", "2900", "", "exact", None, id="unit-lost-before-the-lead"),
    pytest.param("建设充电桩1200,", "1200", "", "exact", None, id="unit-lost-at-a-clause-end"),
    pytest.param("2-3个", "2", "个", "range", None, id="range-with-a-hyphen"),
    pytest.param("15/10万以下", "15", "/10万", "at_most", "以下", id="a-rate-per-100000"),
    pytest.param(
        "\uff11\uff10\uff0f\uff11\uff10万", "10", "\uff0f\uff11\uff10万", "exact", None, id="per-100000-full-width"
    ),
    pytest.param("3‰以内", "3", "‰", "at_most", "以内", id="per-mille"),
]


@pytest.mark.parametrize(("phrase", "value", "unit", "qualifier", "word"), AS_WRITTEN_ELSEWHERE)
def test_read_as_written_elsewhere(phrase: str, value: str, unit: str, qualifier: str, word: str | None) -> None:
    reading = read(phrase)
    assert reading is not None
    assert (reading.value, reading.unit, reading.qualifier, reading.qualifier_text) == (
        Decimal(value),
        unit,
        qualifier,
        word,
    )


@pytest.mark.parametrize("phrase", ["按照第3。", "每100,", "编号A12。", "(2)", "详见附件1。", "共计5,"])
def test_a_bare_number_at_a_clause_end_after_no_word_is_no_figure(phrase: str) -> None:
    """Only after a word does a number without its unit stand as a figure (人员2900, 提高至640)."""
    assert all(mention.quantity.rule != "unit-missing" for mention in quantities.find(Segment(phrase, 0)))


def test_a_lost_unit_keeps_its_slash_basis() -> None:
    reading = read("1500/人")
    assert reading is not None
    assert (reading.unit, reading.per) == ("", "人")


@given(st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False, allow_infinity=False))
def test_scale_is_exact(number: Decimal) -> None:
    written = format(number, "f")
    reading = read(f"{written}万人")
    assert reading is not None
    assert reading.value == number * 10000
