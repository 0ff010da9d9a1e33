"""The tidy tables: rows from the bundled page, and from hand-made extractions on its text."""

from __future__ import annotations

from decimal import Decimal
from typing import get_args

import pytest

from bozhou_tasks import glossary, tables
from bozhou_tasks.models import Breakdown, BreakdownPart, Notice, Qualifier, Quantity
from bozhou_tasks.tables import TABLES, Row, build, to_csv

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
    for name in ("quantities", "breakdown_parts", "rates"):
        assert [r["unit"] for r in handmade_rows[name] if not r["unit_en"]] == [], name
        assert {r["qualifier"] for r in handmade_rows[name]} <= set(terms.qualifiers)
    assert [r["region"] for r in handmade_rows["breakdown_parts"] if r["region"] and not r["region_en"]] == []
    assert [r["per"] for r in handmade_rows["rates"] if r["per"] and not r["per_en"]] == []


def test_the_glossary_knows_every_qualifier_of_the_model() -> None:
    assert set(glossary.load().qualifiers) == set(get_args(Qualifier))


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
        (1, 1, "region", Decimal("3.5"), "万人", Decimal(35000), "人"),
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
        (r["item"], r["amount"], r["unit"], r["unit_en"], r["per"], r["per_en"]) for r in handmade_rows["rates"]
    ] == [
        (2, Decimal(1500), "元", "yuan", "人", "person"),
        (5, Decimal(5), "万元", "10,000 yuan", "院·年", "care home-year"),
    ]


def test_parent_breakdowns_count_from_one(handmade: Notice) -> None:
    notice = handmade.model_copy(deep=True)
    item = notice.item(32)
    nested = item.breakdowns[0].model_copy(update={"parent": 0})
    item.breakdowns.append(nested)
    (row,) = [r for r in build([(ID, notice)])["breakdowns"] if r["item"] == 32 and r["breakdown"] == 2]
    assert row["parent"] == 1


def test_parts_in_different_units_are_not_added() -> None:
    def q(value: str, unit: str) -> Quantity:
        return Quantity(
            text="x", value=Decimal(value), unit=unit, qualifier="exact", location="headline", rule="t", span=(0, 1)
        )

    mixed = Breakdown(
        subject="x",
        dimension="component",
        location="headline",
        total=None,
        parts=[BreakdownPart(label="a", quantity=q("1", "人")), BreakdownPart(label="b", quantity=q("2", "户"))],
        text="x",
        span=(0, 1),
    )
    assert tables.parts_sum(mixed) is None
    mixed.parts[1] = BreakdownPart(label="b", quantity=q("0.5", "万人"))
    assert tables.parts_sum(mixed) == (Decimal("5001.0"), "人")


# --- CSV ---------------------------------------------------------------------------------------


def test_csv_text(rows: dict[str, list[Row]]) -> None:
    text = to_csv(tables.table("categories"), rows["categories"])
    assert text.splitlines()[:2] == [
        "notice,category,numeral,name,name_en,declared_item_count,item_count,text,span_start,span_end",
        "bozhou-2024-50,1,一,促进就业,Employment promotion,3,3,一、促进就业(3项),666,676",
    ]
    assert to_csv(tables.table("categories"), rows["categories"], bom=True) == "\ufeff" + text
