"""Quantities, breakdowns and rates written by hand into the bundled page, with real spans.

The extractors fill `Item.quantities`, `breakdowns` and `rates`; until they do, the
exports and the report are tested on these. Each value is located in the page's own text
(after a context string, so repeated values such as the three 8700人左右 are told apart),
so every span is checked by construction: `text[start:end] == quote`.
"""

from __future__ import annotations

from decimal import Decimal

from bozhou_tasks.models import Breakdown, BreakdownPart, Notice, Qualifier, Quantity, Rate, Span, measure_position


def _find(notice: Notice, item: int, location: str, quote: str, after: str = "") -> Span:
    """The span of `quote` (right after `after`) in the given line of the item."""
    it = notice.item(item)
    position = measure_position(location)
    start, end = it.span if position is None else it.measures[position - 1].span
    at = notice.text.find(after + quote, start, end)
    assert at >= 0, f"{after + quote!r} is not in item {item} {location}"
    span = (at + len(after), at + len(after) + len(quote))
    assert notice.text[span[0] : span[1]] == quote
    return span


def quantity(
    notice: Notice,
    item: int,
    quote: str,
    value: str,
    unit: str,
    qualifier: Qualifier = "exact",
    *,
    after: str = "",
    location: str = "headline",
    subject: str | None = None,
    role: str | None = None,
) -> Quantity:
    return Quantity(
        text=quote,
        value=Decimal(value),
        unit=unit,
        qualifier=qualifier,
        subject=subject,
        location=location,
        role=role,  # type: ignore[arg-type]
        rule="handmade",
        span=_find(notice, item, location, quote, after),
    )


def region_breakdown(
    notice: Notice,
    item: int,
    subject: str,
    sentence: str,
    total: Quantity | None,
    parts: list[tuple[str, str, str, str, Qualifier]],
    dimension: str = "region",
) -> Breakdown:
    """parts: (label, region or '', quote, value, qualifier); the unit is the quote's tail."""
    built = []
    for label, region, quote, value, qualifier in parts:
        unit = quote[len(value) :].removesuffix("左右")
        q = quantity(notice, item, quote, value, unit, qualifier, after=label, subject=subject)
        built.append(BreakdownPart(label=label, region=region or None, quantity=q))
    return Breakdown(
        subject=subject,
        dimension=dimension,  # type: ignore[arg-type]
        location="headline",
        total=total,
        parts=built,
        text=sentence,
        span=_find(notice, item, "headline", sentence),
    )


def with_extractions(notice: Notice) -> Notice:
    """A copy of `notice` with hand-made extractions in items 1, 2, 3, 5, 16, 32 and 43."""
    n = notice.model_copy(deep=True)
    for item in n.items:  # start from no extractions: these tests exercise the tables, not the extractors
        item.quantities, item.breakdowns, item.rates = [], [], []
    counties = ("涡阳县", "蒙城县", "利辛县", "谯城区")

    # item 1: a total written in 万人 (value scaled to 人) split by county (approximate), and two percentages
    i1 = n.item(1)
    total = quantity(n, 1, "3.5万人左右", "35000", "人", "approx", subject="城镇新增就业")
    i1.breakdowns = [
        region_breakdown(
            n,
            1,
            "城镇新增就业",
            "城镇新增就业3.5万人左右,其中涡阳县8700人左右,蒙城县8700人左右,利辛县8700人左右,谯城区8900人左右",
            total,
            [
                (c, c, f"{v}人左右", v, "approx")
                for c, v in zip(counties, ("8700", "8700", "8700", "8900"), strict=True)
            ],
        )
    ]
    i1.quantities = [
        total,
        quantity(n, 1, "60%", "60", "%", "target", after="达到城市社区的", subject="“三公里”充分就业社区数量"),
        quantity(n, 1, "60%以上", "60", "%", "at_least", location="measure 2"),
    ]

    # item 2: a rate per person
    i2 = n.item(2)
    i2.rates = [
        Rate(
            text="1500元/人",
            amount=Decimal(1500),
            unit="元",
            per="人",
            qualifier="exact",
            subject="求职创业补贴",
            location="headline",
            span=_find(n, 2, "headline", "1500元/人"),
        )
    ]

    # item 3: two breakdowns over five places, one of them 亳州高新区
    five = (*counties, "亳州高新区")
    i3 = n.item(3)
    training = quantity(n, 3, "20350人次", "20350", "人次", subject="培训家政服务人员")
    new = quantity(n, 3, "8100人", "8100", "人", subject="新增家政服务人员")
    i3.breakdowns = [
        region_breakdown(
            n,
            3,
            "培训家政服务人员",
            "培训家政服务人员20350人次,其中涡阳县4750人次、蒙城县4370人次、利辛县3740人次、谯城区4750人次、亳州高新区2740人次",
            training,
            [
                (c, c, f"{v}人次", v, "exact")
                for c, v in zip(five, ("4750", "4370", "3740", "4750", "2740"), strict=True)
            ],
        ),
        region_breakdown(
            n,
            3,
            "新增家政服务人员",
            "新增家政服务人员8100人,其中涡阳县1900人、蒙城县1800人、利辛县1500人、谯城区1900人、亳州高新区1000人",
            new,
            [(c, c, f"{v}人", v, "exact") for c, v in zip(five, ("1900", "1800", "1500", "1900", "1000"), strict=True)],
        ),
    ]

    # item 5: a rate with a compound basis, in 万元
    n.item(5).rates = [
        Rate(
            text="平均每年每院5万元",
            amount=Decimal(50000),
            unit="万元",
            per="院·年",
            qualifier="approx",
            subject="公建公营敬老院补助",
            location="headline",
            span=_find(n, 5, "headline", "平均每年每院5万元"),
        )
    ]

    # item 16: a label that is not a region (市法援中心)
    i16 = n.item(16)
    cases = quantity(n, 16, "7400件", "7400", "件", "at_least", after="不低于", subject="法律援助案件")
    i16.breakdowns = [
        region_breakdown(
            n,
            16,
            "法律援助案件",
            "其中市法援中心1200件、涡阳县1600件、蒙城县1500件、利辛县1500件、谯城区1600件",
            cases,
            [
                ("市法援中心", "", "1200件", "1200", "exact"),
                *(
                    (c, c, f"{v}件", v, "exact")
                    for c, v in zip(counties, ("1600", "1500", "1500", "1600"), strict=True)
                ),
            ],
        )
    ]

    # item 32: a subset
    i32 = n.item(32)
    i32.breakdowns = [
        Breakdown(
            subject="新增城市停车泊位",
            dimension="subset",
            location="headline",
            total=quantity(n, 32, "19000个", "19000", "个"),
            parts=[BreakdownPart(label="公共停车泊位", quantity=quantity(n, 32, "2550个", "2550", "个"))],
            text="新增城市停车泊位19000个,其中公共停车泊位2550个",
            span=_find(n, 32, "headline", "新增城市停车泊位19000个,其中公共停车泊位2550个"),
        )
    ]

    # item 43: baseline and target
    n.item(43).quantities = [
        quantity(n, 43, "99.90%", "99.90", "%", role="baseline", subject="供电可靠性"),
        quantity(n, 43, "99.93%", "99.93", "%", "target", role="target", subject="供电可靠性"),
    ]
    return n


COUNTS = {"quantities": 5, "breakdowns": 5, "breakdown_parts": 20, "rates": 2}
"""Rows the hand-made extractions add to each table."""
