"""One verdict on every sum: `arithmetic.check_sum` decides; validate, the tables and the report show it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bozhou_tasks.export.html_report import arithmetic
from bozhou_tasks.export.tables import build
from bozhou_tasks.models import Breakdown, BreakdownPart, Notice, Quantity
from bozhou_tasks.validate import validate
from bozhou_tasks.validate.arithmetic import check_sum

ID = "bozhou-2024-50"


def _q(value: str, unit: str = "人", qualifier: str = "exact", value_max: str | None = None) -> Quantity:
    return Quantity(
        text=f"{value}{unit}",
        value=Decimal(value),
        value_max=Decimal(value_max) if value_max else None,
        unit=unit,
        qualifier=qualifier,  # type: ignore[arg-type]
        location="headline",
        rule="t",
        span=(0, 1),
    )


def _breakdown(total: Quantity | None, *parts: Quantity, dimension: str = "region") -> Breakdown:
    return Breakdown(
        subject="x",
        dimension=dimension,  # type: ignore[arg-type]
        location="headline",
        total=total,
        parts=[BreakdownPart(label=f"p{k}", quantity=q) for k, q in enumerate(parts)],
        text="x",
        span=(0, 1),
    )


RULES = [
    # id, breakdown, (rule, verdict, detail)
    (
        "persons-in-名-and-人",
        _breakdown(_q("1604", "名"), _q("367"), _q("332"), _q("449"), _q("456")),
        ("sum = total", "pass", "367+332+449+456 = 1604 = total 1604"),
    ),
    (
        "person-times-made-of-persons",
        _breakdown(_q("710", "人次", "at_least"), _q("310"), _q("230"), _q("170"), dimension="component"),
        ("sum ≥ total", "pass", "310+230+170 = 710 ≥ total 710 (at_least)"),
    ),
    (
        "persons-not-made-of-person-times",
        _breakdown(_q("710", "人"), _q("310", "人次"), _q("400", "人次")),
        ("", "units_differ", "parts in 人次, total 710 人: different units, not compared"),
    ),
    (
        "households-are-not-persons",
        _breakdown(_q("10", "户"), _q("4"), _q("6")),
        ("", "units_differ", "parts in 人, total 10 户: different units, not compared"),
    ),
    (
        "multiples-in-their-base-unit",
        _breakdown(_q("3.15", "万人"), _q("0.75", "万人"), _q("0.75", "万人"), _q("0.75", "万人"), _q("0.9", "万人")),
        ("sum = total", "pass", "7500+7500+7500+9000 = 31500 = total 31500"),
    ),
    (
        "approx-compared-as-written",
        _breakdown(_q("35000", qualifier="approx"), _q("8700"), _q("8700"), _q("8700"), _q("8800")),
        ("sum = total", "fail", "8700+8700+8700+8800 = 34900 ≠ total 35000 (approx)"),
    ),
    (
        "at-most",
        _breakdown(_q("4", "个", "at_most"), _q("3", "个"), _q("2", "个")),
        ("sum ≤ total", "fail", "3+2 = 5 ≠ total 4 (at_most)"),
    ),
    (
        "range",
        _breakdown(_q("2", "个", "range", "3"), _q("1", "个"), _q("2", "个")),
        ("total ≤ sum ≤ total_max", "pass", "1+2 = 3 within total 2 (range)"),
    ),
    (
        "subset",
        _breakdown(_q("19000", "个"), _q("25500", "个"), dimension="subset"),
        ("each part ≤ total", "fail", "25500 > total 19000 (subset, not summed)"),
    ),
    ("no-total", _breakdown(None, _q("1"), _q("2")), ("", "no_total", "1+2 = 3 人; no total stated")),
]


@pytest.mark.parametrize(("breakdown", "expected"), [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_the_rule(breakdown: Breakdown, expected: tuple[str, str, str]) -> None:
    check = check_sum(breakdown)
    assert (check.rule, check.verdict, check.detail) == expected


REPORT_CLASS = {"pass": "ok", "fail": "bad", "units_differ": "", "no_total": "", "no_parts": ""}


@pytest.mark.parametrize(("breakdown", "expected"), [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_validate_tables_and_report_agree(html_notice: Notice, breakdown: Breakdown, expected: object) -> None:
    verdict = check_sum(breakdown).verdict
    notice = html_notice.model_copy(deep=True)
    for item in notice.items:
        item.breakdowns = []
    notice.items[0].breakdowns = [breakdown]
    report = validate(notice)
    checks = [c.passed for c in report.checks if c.code in ("breakdown-sum", "breakdown-subset")]
    assert checks == ([] if verdict in ("no_total", "no_parts") else [verdict == "pass"])
    codes = {f.code for f in report.findings if f.code.startswith("breakdown-")}
    mismatch = "breakdown-subset-exceeds-total" if breakdown.dimension == "subset" else "breakdown-sum-mismatch"
    expected_codes = {"pass": set(), "fail": {mismatch}, "units_differ": {"breakdown-units-differ"}, "no_total": set()}
    assert codes == expected_codes[verdict]
    (row,) = build([(ID, notice)])["breakdowns"]
    assert row["check_verdict"] == verdict
    assert arithmetic(breakdown)[1] == REPORT_CLASS[verdict]


def test_units_differ_is_a_warning_naming_the_units(html_notice: Notice) -> None:
    notice = html_notice.model_copy(deep=True)
    for item in notice.items:
        item.breakdowns = []
    notice.items[0].breakdowns = [_breakdown(_q("10", "户"), _q("4"), _q("6"))]
    (finding,) = [f for f in validate(notice).findings if f.code == "breakdown-units-differ"]
    assert (finding.severity, finding.message) == (
        "warning",
        "item 1 x: parts in 人, total 10 户: different units, not compared",
    )


def test_one_verdict_on_every_breakdown_of_the_page(html_notice: Notice) -> None:
    """Items 9 (人次 against 人), 11 and 26 (名 against 人) pass everywhere, as every other breakdown does."""
    report = validate(html_notice)
    sums = [c for c in report.checks if c.code in ("breakdown-sum", "breakdown-subset")]
    breakdowns = [(item.number, bd) for item in html_notice.items for bd in item.breakdowns]
    assert [(n, check_sum(bd).verdict) for n, bd in breakdowns] == [(n, "pass") for n, _ in breakdowns]
    assert all(c.passed for c in sums)
    assert [arithmetic(bd)[1] for _, bd in breakdowns] == ["ok"] * 32
    assert {r["check_verdict"] for r in build([(ID, html_notice)])["breakdowns"]} == {"pass"}
    item9 = arithmetic(html_notice.item(9).breakdowns[0])[0]
    assert "(parts in 人 counted as 人次)" in item9
    assert "the parts reach the total ✓" in item9
