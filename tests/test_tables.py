"""The tidy tables: rows from the bundled page, and from hand-made extractions on its text."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import get_args

import pytest

from bozhou_tasks.export.tables import TABLES, Row, Table, build, to_csv
from bozhou_tasks.extract import glossary
from bozhou_tasks.models import Breakdown, BreakdownPart, Notice, Qualifier, Quantity
from bozhou_tasks.validate.arithmetic import check_sum

from .handmade import COUNTS, with_extractions

ID = "bozhou-2024-50"


@pytest.fixture(scope="module")
def rows(html_notice: Notice) -> dict[str, list[Row]]:
    return build([(ID, html_notice)])


@pytest.fixture(scope="module")
def handmade(html_notice: Notice) -> Notice:
    return with_extractions(html_notice)


@pytest.fixture(scope="module")
def handmade_rows(handmade: Notice) -> dict[str, list[Row]]:
    return build([(ID, handmade)])


def model_counts(notice: Notice) -> dict[str, int]:
    """Rows each table must have, derived from the model (so extraction changes follow)."""
    items = notice.items
    return {
        "notices": 1,
        "categories": len(notice.categories),
        "items": len(items),
        "lead_units": sum(len(i.lead_units) for i in items),
        "measures": sum(len(i.measures) for i in items),
        "quantities": sum(len(i.quantities) for i in items),
        "breakdowns": sum(len(i.breakdowns) for i in items),
        "breakdown_parts": sum(len(b.parts) for i in items for b in i.breakdowns),
        "rates": sum(len(i.rates) for i in items),
        "findings": len(notice.findings),
    }


# --- from the page -----------------------------------------------------------------------

PAGE_COUNTS = [
    # table, rows on the bundled page (items 21, 24 and 36 have two lead units each)
    ("notices", 1),
    ("categories", 10),
    ("items", 50),
    ("lead_units", 53),
    ("measures", 163),
    ("quantities", 268),
    ("breakdowns", 32),
    ("breakdown_parts", 124),
    ("rates", 51),
    ("findings", 6),
]


@pytest.mark.parametrize(("name", "count"), PAGE_COUNTS, ids=[name for name, _ in PAGE_COUNTS])
def test_row_counts_on_the_page(rows: dict[str, list[Row]], name: str, count: int) -> None:
    assert len(rows[name]) == count


def test_row_counts_follow_the_model(rows: dict[str, list[Row]], html_notice: Notice) -> None:
    assert {name: len(table_rows) for name, table_rows in rows.items()} == model_counts(html_notice)


def test_row_counts_with_extractions(handmade_rows: dict[str, list[Row]], handmade: Notice) -> None:
    counts = {name: len(table_rows) for name, table_rows in handmade_rows.items()}
    assert counts == model_counts(handmade)
    assert {name: counts[name] for name in COUNTS} == COUNTS


def test_every_row_has_the_columns_in_order(handmade_rows: dict[str, list[Row]]) -> None:
    for spec in TABLES:
        for row in handmade_rows[spec.name]:
            assert list(row) == spec.column_names, spec.name


def test_primary_keys_are_unique(handmade_rows: dict[str, list[Row]]) -> None:
    for spec in TABLES:
        keys = [tuple(row[c] for c in spec.primary_key) for row in handmade_rows[spec.name]]
        assert len(keys) == len(set(keys)), spec.name


def test_foreign_keys_resolve(handmade_rows: dict[str, list[Row]]) -> None:
    for spec in TABLES:
        for key in spec.foreign_keys:
            targets = {tuple(row[c] for c in key.table_columns) for row in handmade_rows[key.table]}
            for row in handmade_rows[spec.name]:
                value = tuple(row[c] for c in key.columns)
                if None not in value:
                    assert value in targets, (spec.name, key, value)


RESTARTED = (
    "样例市2025年4项民生实事实施方案\n一、促进就业(2项)\n(一)新增就业3万人。(牵头单位:市人社局)\n"
    "(二)培训1000人次。(牵头单位:市人社局)\n二、社会保障(2项)\n(一)提高低保标准。(牵头单位:市民政局)\n"
    "(四)新建食堂10个。(牵头单位:市民政局)\n"
)
"""A plan that numbers its items again in every category (and skips one in the second)."""


def test_items_keyed_by_place_where_numbering_starts_again_in_every_category() -> None:
    import bozhou_tasks

    tables = build([("restarted", bozhou_tasks.parse(RESTARTED))])
    assert [(row["item"], row["number"], row["category"]) for row in tables["items"]] == [
        (1, 1, 1),
        (2, 2, 1),
        (3, 1, 2),
        (4, 4, 2),
    ]
    assert [(row["item"], row["lead_unit"]) for row in tables["lead_units"]] == [
        (1, "市人社局"),
        (2, "市人社局"),
        (3, "市民政局"),
        (4, "市民政局"),
    ]
    # the finding on the gap (1 → 4 in category 二) is about the item of the second category
    assert [(row["code"], row["item"]) for row in tables["findings"] if row["item"] is not None] == [
        ("item-number-sequence", 4)
    ]
    for spec in TABLES:
        keys = [tuple(row[c] for c in spec.primary_key) for row in tables[spec.name]]
        assert len(keys) == len(set(keys)), spec.name


SPANNED = [
    # table, text column, start column, end column
    ("categories", "text", "span_start", "span_end"),
    ("items", "text", "span_start", "span_end"),
    ("items", "headline", "headline_start", "headline_end"),
    ("lead_units", "lead_unit", "span_start", "span_end"),
    ("measures", "text", "span_start", "span_end"),
    ("measures", "body", "body_start", "body_end"),
    ("quantities", "text", "span_start", "span_end"),
    ("breakdowns", "text", "span_start", "span_end"),
    ("breakdowns", "total_text", "total_start", "total_end"),
    ("breakdown_parts", "text", "span_start", "span_end"),
    ("rates", "text", "span_start", "span_end"),
    ("findings", "text", "span_start", "span_end"),
]


@pytest.mark.parametrize(("name", "text", "start", "end"), SPANNED, ids=[f"{t}.{c}" for t, c, _, _ in SPANNED])
def test_every_span_slices_the_text(
    handmade_rows: dict[str, list[Row]], handmade: Notice, name: str, text: str, start: str, end: str
) -> None:
    checked = 0
    for row in handmade_rows[name]:
        if row[start] is None:
            continue
        assert isinstance(row[start], int)
        assert isinstance(row[end], int)
        assert handmade.text[row[start] : row[end]] == (row[text] or "")  # type: ignore[misc]
        checked += 1
    assert checked > 0


def test_measures_keep_the_page_numbering(rows: dict[str, list[Row]]) -> None:
    item12 = [(r["measure"], r["number_as_written"]) for r in rows["measures"] if r["item"] == 12]
    assert item12 == [(1, 1), (2, 2), (3, 3), (4, 43), (5, 54)]
    empty = [r for r in rows["measures"] if r["item"] == 45 and r["measure"] == 2]
    assert [(e["number_text"], e["body"]) for e in empty] == [("1.", "")]


def test_lead_units_in_order_with_english(rows: dict[str, list[Row]]) -> None:
    item21 = [(r["position"], r["lead_unit"], r["lead_unit_en"]) for r in rows["lead_units"] if r["item"] == 21]
    assert item21 == [
        (1, "市教育局", "Municipal Education Bureau"),
        (2, "市卫生健康委", "Municipal Health Commission"),
    ]


def test_findings_rows(rows: dict[str, list[Row]]) -> None:
    assert [(r["finding"], r["code"], r["item"], r["text"]) for r in rows["findings"]] == [
        (
            1,
            "measure-number-out-of-sequence",
            12,
            "43.困难重度残疾人家庭无障碍改造资金主要由地方政府承担,中央、市省级财政给予适当补助。",
        ),
        (
            2,
            "measure-number-out-of-sequence",
            12,
            "54.加强工作监管,严格资金管理使用,并将相关工作纳入2024年市政府目标管理绩效考核。",
        ),
        (3, "measures-heading-variant", 22, "推进举措"),
        (4, "injected-spam", 31, "betway必威体育是什么"),
        (5, "measure-empty", 45, "1."),
        (6, "injected-spam", None, "betway必威体育官网"),
    ]


def test_the_notice_row(rows: dict[str, list[Row]]) -> None:
    (row,) = rows["notices"]
    assert (row["plan_title"], row["plan_year"], row["declared_item_count"], row["item_count"]) == (
        "亳州市2024年50项民生实事实施方案",
        2024,
        50,
        50,
    )
    assert str(row["issued_date"]) == "2024-03-28"


# --- the glossary covers the page --------------------------------------------------------


def test_every_category_and_lead_unit_has_english(rows: dict[str, list[Row]]) -> None:
    assert [r["name"] for r in rows["categories"] if not r["name_en"]] == []
    assert [r["lead_unit"] for r in rows["lead_units"] if not r["lead_unit_en"]] == []


def test_every_unit_region_and_qualifier_read_has_english(handmade_rows: dict[str, list[Row]]) -> None:
    """Holds for the hand-made values now and for the extractors' values once they land."""
    terms = glossary.load()
    for name, unit in (("quantities", "unit"), ("breakdown_parts", "unit"), ("rates", "unit_as_written")):
        assert [r[unit] for r in handmade_rows[name] if not r[f"{unit}_en"]] == [], name
        assert {r["qualifier"] for r in handmade_rows[name]} <= set(terms.qualifiers)
    assert [r["region"] for r in handmade_rows["breakdown_parts"] if r["region"] and not r["region_en"]] == []
    assert [r["per"] for r in handmade_rows["rates"] if r["per"] and not r["per_en"]] == []


def test_the_glossary_knows_every_qualifier_of_the_model() -> None:
    assert set(glossary.load().qualifiers) == set(get_args(Qualifier))


# --- what each column holds, checked against the text it was read from -------------------------

VALUE_COLUMNS = [
    # table, value column, its unit (a column, or yuan), the column quoting the figure as written
    ("quantities", "value", "`unit`", "text"),
    ("quantities", "value_as_written", "`unit_as_written`", "text"),
    ("rates", "amount_yuan", "yuan", "text"),
    ("rates", "amount_as_written", "`unit_as_written`", "text"),
    ("breakdowns", "total_value", "`total_unit`", "total_text"),
    ("breakdown_parts", "value", "`unit`", "text"),
]
OTHER_NUMBERS = {("quantities", "value_max"), ("breakdowns", "parts_sum")}
"""Number columns checked elsewhere: ranges (none on the page) and the sums (test_breakdown_verdicts)."""

FIGURE = re.compile(r"(?P<number>[0-9]+(?:\.[0-9]+)?|[一两二三四五六七八九十])(?:—[0-9]+)?(?P<scale>万|亿)?[余多]?")
"""A figure as written, read independently of the extractors: digits (or a count in words) and a scale word."""
SCALE = {None: 1, "万": 10_000, "亿": 100_000_000}
WORDS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def test_every_number_column_is_checked_against_the_text() -> None:
    numbers = {(spec.name, c.name) for spec in TABLES for c in spec.columns if c.type == "number"}
    assert numbers == {(t, c) for t, c, _, _ in VALUE_COLUMNS} | OTHER_NUMBERS


def test_every_column_reference_in_a_description_exists() -> None:
    for spec in TABLES:
        for column in spec.columns:
            for name in re.findall(r"(?<!rows )in `(\w+)`", column.description):
                assert name in spec.column_names or name == "text", (spec.name, column.name, name)


def _table(name: str) -> Table:
    return next(spec for spec in TABLES if spec.name == name)


@pytest.mark.parametrize(
    ("name", "column", "unit", "quote"), VALUE_COLUMNS, ids=[f"{t}.{c}" for t, c, _, _ in VALUE_COLUMNS]
)
def test_values_are_what_their_description_says(
    rows: dict[str, list[Row]], name: str, column: str, unit: str, quote: str
) -> None:
    """The description names the unit; every value, re-read from its quote, is in that unit."""
    spec = _table(name)
    description = next(c.description for c in spec.columns if c.name == column)
    assert f"in {unit}" in description
    written = column.endswith("_as_written")
    checked = 0
    for row in rows[name]:
        if row[quote] is None:
            continue
        text = re.sub(r"[ \xa0\u3000]", "", str(row[quote]))
        figure = FIGURE.search(text)
        assert figure, text
        number = Decimal(WORDS.get(figure["number"]) or figure["number"])
        scale = figure["scale"]
        value = row[column]
        if unit == "yuan":
            assert value == number * SCALE[scale], text
            assert text[figure.end() :].startswith("元"), text
        elif written:
            assert (value, str(row[unit.strip("`")]).startswith(scale or "")) == (number, True), text
        else:
            assert value == number * SCALE[scale], text
            assert text[figure.end() :].startswith(str(row[unit.strip("`")])), text
        checked += 1
    assert checked == len([r for r in rows[name] if r[quote] is not None]) > 0


PAGE_RATES = [
    # item, rate, amount in yuan, number and unit as written, text
    (5, 1, Decimal(50000), Decimal(5), "万元", "5万元"),
    (43, 1, Decimal(360000000), Decimal("3.6"), "亿元", "不低于 3.6 亿元"),
    (2, 1, Decimal(1500), Decimal(1500), "元", "1500元/人"),
]


@pytest.mark.parametrize(("item", "rate", "yuan", "number", "unit", "text"), PAGE_RATES, ids=lambda v: str(v))
def test_rates_give_yuan_and_the_figure_as_written(
    rows: dict[str, list[Row]], item: int, rate: int, yuan: Decimal, number: Decimal, unit: str, text: str
) -> None:
    (row,) = [r for r in rows["rates"] if (r["item"], r["rate"]) == (item, rate)]
    assert (row["amount_yuan"], row["amount_as_written"], row["unit_as_written"], row["text"]) == (
        yuan,
        number,
        unit,
        text.replace(" ", "\xa0"),
    )


def test_every_rate_basis_of_the_page_has_english(rows: dict[str, list[Row]]) -> None:
    assert sorted({(r["per"], r["per_en"]) for r in rows["rates"] if r["per"]}) == [
        ("互助社", "mutual-aid society"),
        ("人", "person"),
        ("人·学年", "person-school year"),
        ("人·年", "person-year"),
        ("新生儿", "newborn"),
        ("普惠性托位", "affordable childcare place"),
        ("月", "month"),
        ("村(社区)", "village (or community)"),
        ("村·年", "village-year"),
        ("案件", "case"),
        ("生·天", "student-day"),
        ("生·年", "student-year"),
        ("生·月", "student-month"),
        ("院·年", "care home-year"),
    ]


def test_breakdown_verdicts(rows: dict[str, list[Row]], html_notice: Notice) -> None:
    """Each breakdown row carries the one verdict (`arithmetic.check_sum`): the same that validate gives."""
    breakdowns = [bd for item in html_notice.items for bd in item.breakdowns]
    assert [(r["check_rule"], r["check_verdict"], r["check_detail"]) for r in rows["breakdowns"]] == [
        (c.rule, c.verdict, c.detail) for c in map(check_sum, breakdowns)
    ]
    verdicts = {(r["item"], r["breakdown"]): (r["check_rule"], r["check_verdict"]) for r in rows["breakdowns"]}
    assert [verdicts[9, 1], verdicts[11, 1], verdicts[26, 1], verdicts[32, 1]] == [
        ("sum ≥ total", "pass"),  # 710人次 made of parts in 人
        ("sum = total", "pass"),  # 1604名 made of parts in 人
        ("sum = total", "pass"),  # 3.15万名 made of parts in 万人
        ("each part ≤ total", "pass"),
    ]
    assert {v for _, v in verdicts.values()} == {"pass"}
    for row in rows["breakdowns"]:
        parts = [
            p["value"]
            for p in rows["breakdown_parts"]
            if (p["item"], p["breakdown"]) == (row["item"], row["breakdown"])
        ]
        assert row["parts_sum"] == sum(parts), row


# --- hand-made extractions on the page's text ----------------------------------------------


def test_breakdown_parts_are_long_format(handmade_rows: dict[str, list[Row]]) -> None:
    item1 = [
        (r["breakdown"], r["part"], r["label"], r["region"], r["region_en"], r["value"], r["unit"], r["qualifier"])
        for r in handmade_rows["breakdown_parts"]
        if r["item"] == 1
    ]
    assert item1 == [
        (1, 1, "涡阳县", "涡阳县", "Guoyang County", Decimal(8700), "人", "approx"),
        (1, 2, "蒙城县", "蒙城县", "Mengcheng County", Decimal(8700), "人", "approx"),
        (1, 3, "利辛县", "利辛县", "Lixin County", Decimal(8700), "人", "approx"),
        (1, 4, "谯城区", "谯城区", "Qiaocheng District", Decimal(8900), "人", "approx"),
    ]
    item16 = [(r["label"], r["region"], r["region_en"]) for r in handmade_rows["breakdown_parts"] if r["item"] == 16]
    assert item16[0] == ("市法援中心", None, None)  # not a region: no English guessed


def test_breakdown_rows_add_up_in_the_base_unit(handmade_rows: dict[str, list[Row]]) -> None:
    summary = [
        (r["item"], r["breakdown"], r["dimension"], r["total_value"], r["total_unit"], r["parts_sum"], r["parts_unit"])
        for r in handmade_rows["breakdowns"]
    ]
    assert summary == [
        (1, 1, "region", Decimal(35000), "人", Decimal(35000), "人"),
        (3, 1, "region", Decimal(20350), "人次", Decimal(20350), "人次"),
        (3, 2, "region", Decimal(8100), "人", Decimal(8100), "人"),
        (16, 1, "region", Decimal(7400), "件", Decimal(7400), "件"),
        (32, 1, "subset", Decimal(19000), "个", Decimal(2550), "个"),
    ]


def test_quantity_rows_locate_measures(handmade_rows: dict[str, list[Row]]) -> None:
    located = [(r["item"], r["location"], r["measure"], r["text"], r["role"]) for r in handmade_rows["quantities"]]
    assert located == [
        (1, "headline", None, "3.5万人左右", None),
        (1, "headline", None, "60%", None),
        (1, "measure 2", 2, "60%以上", None),
        (43, "headline", None, "99.90%", "baseline"),
        (43, "headline", None, "99.93%", "target"),
    ]


def test_rate_rows(handmade_rows: dict[str, list[Row]]) -> None:
    assert [
        (r["item"], r["amount_yuan"], r["amount_as_written"], r["unit_as_written"], r["unit_as_written_en"], r["per"])
        for r in handmade_rows["rates"]
    ] == [
        (2, Decimal(1500), Decimal(1500), "元", "yuan", "人"),
        (5, Decimal(50000), Decimal(5), "万元", "10,000 yuan", "院·年"),
    ]
    assert [r["per_en"] for r in handmade_rows["rates"]] == ["person", "care home-year"]


def test_parent_breakdowns_count_from_one(handmade: Notice) -> None:
    notice = handmade.model_copy(deep=True)
    item = notice.item(32)
    nested = item.breakdowns[0].model_copy(update={"parent": 0})
    item.breakdowns.append(nested)
    (row,) = [r for r in build([(ID, notice)])["breakdowns"] if r["item"] == 32 and r["breakdown"] == 2]
    assert row["parent"] == 1


def test_parts_in_different_units_are_not_added(handmade: Notice) -> None:
    def q(value: str, unit: str) -> Quantity:
        return Quantity(
            text="x", value=Decimal(value), unit=unit, qualifier="exact", location="headline", rule="t", span=(0, 1)
        )

    mixed = Breakdown(
        subject="x",
        dimension="component",
        location="headline",
        total=q("3", "人"),
        parts=[BreakdownPart(label="a", quantity=q("1", "人")), BreakdownPart(label="b", quantity=q("2", "户"))],
        text="x",
        span=(0, 1),
    )
    notice = handmade.model_copy(deep=True)
    for item in notice.items:
        item.breakdowns = []
    notice.item(1).breakdowns = [mixed]
    (row,) = build([(ID, notice)])["breakdowns"]
    assert (row["parts_sum"], row["parts_unit"], row["check_rule"], row["check_verdict"]) == (
        None,
        None,
        None,
        "units_differ",
    )
    mixed.parts[1] = BreakdownPart(label="b", quantity=q("0.5", "万人"))
    (row,) = build([(ID, notice)])["breakdowns"]
    assert (row["parts_sum"], row["parts_unit"], row["check_rule"], row["check_verdict"], row["check_detail"]) == (
        Decimal("5001.0"),
        "人",
        "sum = total",
        "fail",
        "1+5000 = 5001 ≠ total 3",
    )


# --- CSV ---------------------------------------------------------------------------------------


def test_csv_text(rows: dict[str, list[Row]]) -> None:
    text = to_csv(_table("categories"), rows["categories"])
    assert text.splitlines()[:2] == [
        "notice,category,numeral,name,name_en,declared_item_count,item_count,text,span_start,span_end",
        "bozhou-2024-50,1,一,促进就业,Employment promotion,3,3,一、促进就业(3项),666,676",
    ]
    assert to_csv(_table("categories"), rows["categories"], bom=True) == "\ufeff" + text
