"""`validate`: structure, arithmetic, anomalies and freshness, on corrupted copies of the real page."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bozhou_tasks
from bozhou_tasks.cli import app
from bozhou_tasks.models import Breakdown, BreakdownPart, Finding, Notice, Quantity
from bozhou_tasks.validate import validate

from .conftest import PAGE_TXT, ROOT

runner = CliRunner()


def _errors(notice: Notice) -> list[tuple[str, int | None, str]]:
    return [(f.code, f.item, f.message) for f in validate(notice).findings if f.severity == "error"]


def _corrupt(page_txt: str, old: str, new: str) -> Notice:
    assert page_txt.count(old) == 1, old
    return bozhou_tasks.parse(page_txt.replace(old, new))


# --- the bundled page is clean ---------------------------------------------------------------


def test_bundled_page_has_no_errors(notice: Notice) -> None:
    report = validate(notice)
    assert report.count("error") == 0
    assert (report.count("warning"), report.count("info")) == (5, 1)
    assert all(check.passed for check in report.checks)


def test_stored_findings_are_the_validation_findings(notice: Notice) -> None:
    assert notice.findings == validate(notice).findings


# --- structure: corrupted copies of the page -------------------------------------------------

ITEM_17 = "(十七)强化困难退役军人服务保障,帮扶困难退役军人和军属烈属964人。(牵头单位:市退役军人事务局)\n"


def test_missing_item_headline(page_txt: str) -> None:
    notice = _corrupt(page_txt, ITEM_17, "")
    assert _errors(notice) == [
        ("plan-item-count-mismatch", None, "the plan declares 50 items but 49 were found"),
        ("category-item-count-mismatch", None, "category 三 (困难群体救助) declares 12 items but 11 were found"),
        ("item-number-sequence", 18, "item numbers jump from 16 to 18: item 17 missing"),
    ]
    # what item 17 said is not lost: its measures are kept in 'unparsed' and reported, not given to item 16
    assert [u.text[:12] for u in notice.unparsed] == [
        "推进措施:",
        "1.充分发挥市、县、乡、",
        "2.根据帮扶援助对象的困",
        "3.按照“普惠加优待”原",
    ]
    assert len(notice.item(16).measures) == 3
    unparsed = [f.message.split(" was ")[0] for f in validate(notice).findings if f.code == "unparsed-line"]
    assert unparsed == [f"line {n} (after item 16)" for n in (213, 215, 217, 219)]


def test_changed_category_count(page_txt: str) -> None:
    notice = _corrupt(page_txt, "三、困难群体救助(12项)", "三、困难群体救助(13项)")
    assert _errors(notice) == [
        ("category-item-count-mismatch", None, "category 三 (困难群体救助) declares 13 items but 12 were found")
    ]


def test_changed_plan_count(page_txt: str) -> None:
    notice = bozhou_tasks.parse(
        page_txt.replace("\n亳州市2024年50项民生实事实施方案\n", "\n亳州市2024年52项民生实事实施方案\n")
    )
    assert _errors(notice) == [("plan-item-count-mismatch", None, "the plan declares 52 items but 50 were found")]


def test_duplicated_item(page_txt: str) -> None:
    start = page_txt.index("(十二)持续优化无障碍环境")
    end = page_txt.index("(十三)大力推进社区居家养老服务")
    notice = bozhou_tasks.parse(page_txt[:end] + page_txt[start:end] + page_txt[end:])
    assert _errors(notice) == [
        ("plan-item-count-mismatch", None, "the plan declares 50 items but 51 were found"),
        ("category-item-count-mismatch", None, "category 三 (困难群体救助) declares 12 items but 13 were found"),
        ("item-number-sequence", 12, "item 12 appears 2 times"),
    ]


def test_items_out_of_order(page_txt: str) -> None:
    notice = _corrupt(page_txt, "(五十)坚持", "(四十)坚持")
    assert ("item-number-sequence", 40, "item 40 appears 2 times") in _errors(notice)


def test_missing_lead_units(page_txt: str) -> None:
    notice = _corrupt(page_txt, "(牵头单位:市退役军人事务局)", "")
    assert _errors(notice) == [("item-lead-units-missing", 17, "item 17 names no lead unit (牵头单位)")]


def test_truncated_page(page_txt: str) -> None:
    cut = page_txt.index("(二十三)实施“教室光环境达标工程”") + 20
    notice = bozhou_tasks.parse(page_txt[:cut])
    assert len(notice.items) == 23
    assert notice.plan is not None
    assert notice.plan.ends_inside_item == 23  # the cut explains the count: a warning, not an error
    assert _errors(notice) == []
    assert [f.code for f in notice.findings if f.code == "page-cut-short"] == ["page-cut-short"]


def test_dates_out_of_order(page_txt: str) -> None:
    notice = bozhou_tasks.parse(page_txt.replace("发布日期: 2024-04-01", "发布日期: 2024-03-01"))
    warnings = [f.message for f in validate(notice).findings if f.code == "date-order"]
    assert warnings == ["issued 2024-03-28 is after published 2024-03-01"]


def test_metadata_twin_that_disagrees(page_txt: str) -> None:
    notice = bozhou_tasks.parse(page_txt.replace("有效性: 有效\n", "有效性: 失效\n"))
    findings = [f.message for f in validate(notice).findings if f.code == "metadata-twin-mismatch"]
    assert findings == ["metadata block 2 says 有效性 '失效', unlike block 1"]


# --- arithmetic: the rules, on hand-built breakdowns -------------------------------------------


def _q(value: str, qualifier: str = "exact", span: tuple[int, int] = (0, 1)) -> Quantity:
    return Quantity(
        text="x", value=Decimal(value), unit="人", qualifier=qualifier, location="headline", rule="t", span=span
    )  # type: ignore[arg-type]


def _with(notice: Notice, *breakdowns: Breakdown) -> Notice:
    changed = notice.model_copy(deep=True)
    for item in changed.items:
        item.breakdowns = []
    changed.items[0].breakdowns = list(breakdowns)
    return changed


def _breakdown(total: Quantity, parts: list[str], dimension: str = "region", parent: int | None = None) -> Breakdown:
    return Breakdown(
        subject="城镇新增就业",
        dimension=dimension,  # type: ignore[arg-type]
        location="headline",
        total=total,
        parts=[
            BreakdownPart(label=f"p{i}", quantity=_q(v, total.qualifier, (i + 10, i + 11))) for i, v in enumerate(parts)
        ],
        parent=parent,
        text="x",
        span=(0, 1),
    )


ARITHMETIC = [
    # qualifier of the total, parts, total, passes?
    ("exact", ["8700", "8700", "8700", "8900"], "35000", True),
    ("exact", ["8700", "8700", "8700", "8800"], "35000", False),
    ("approx", ["8700", "8700", "8700", "8800"], "35000", False),
    ("at_least", ["20", "44", "61", "14"], "139", True),
    ("at_least", ["2", "2", "2", "2"], "4", True),
    ("at_least", ["20", "44", "61", "13"], "139", False),
    ("at_most", ["1", "2"], "4", True),
    ("at_most", ["3", "2"], "4", False),
    ("exact", ["0.75", "0.75", "0.75", "0.9"], "3.15", True),
]


@pytest.mark.parametrize(("qualifier", "parts", "total", "passes"), ARITHMETIC)
def test_sum_rule(html_notice: Notice, qualifier: str, parts: list[str], total: str, passes: bool) -> None:
    report = validate(_with(html_notice, _breakdown(_q(total, qualifier), parts)))
    checks = [c for c in report.checks if c.code == "breakdown-sum"]
    assert [c.passed for c in checks] == [passes]
    assert [f.code for f in report.findings if f.severity == "error"] == ([] if passes else ["breakdown-sum-mismatch"])


def test_sum_check_shows_its_arithmetic(html_notice: Notice) -> None:
    report = validate(_with(html_notice, _breakdown(_q("35000", "approx"), ["8700", "8700", "8700", "8800"])))
    check = next(c for c in report.checks if c.code == "breakdown-sum")
    assert (
        f"{check.subject}: {check.detail}" == "item 1 城镇新增就业: 8700+8700+8700+8800 = 34900 ≠ total 35000 (approx)"
    )
    finding = next(f for f in report.findings if f.code == "breakdown-sum-mismatch")
    assert finding.figures == {"sum": Decimal(34900), "total": Decimal(35000)}


def test_subset_parts_are_not_summed(html_notice: Notice) -> None:
    ok = validate(_with(html_notice, _breakdown(_q("19000"), ["2550"], dimension="subset")))
    assert [c.detail for c in ok.checks if c.code == "breakdown-subset"] == [
        "p0 2550 ≤ total 19000 (subset, not summed)"
    ]
    bad = validate(_with(html_notice, _breakdown(_q("19000"), ["25500"], dimension="subset")))
    assert [f.code for f in bad.findings if f.severity == "error"] == ["breakdown-subset-exceeds-total"]


def test_nesting(html_notice: Notice) -> None:
    parent = _breakdown(_q("12816"), ["1332", "70", "62", "8690", "2662"], dimension="component")
    child = _breakdown(_q("1332", span=(10, 11)), ["368", "273", "348", "343"], parent=0)
    assert [c.passed for c in validate(_with(html_notice, parent, child)).checks if c.code == "breakdown-nesting"] == [
        True
    ]
    wrong = _breakdown(_q("1333", span=(40, 41)), ["368", "273", "348", "344"], parent=0)
    errors = [f.code for f in validate(_with(html_notice, parent, wrong)).findings if f.severity == "error"]
    assert errors == ["breakdown-nesting-mismatch"]  # its own parts add up to 1333; 1333 is no part of 12816


# --- the command -----------------------------------------------------------------------------


def _project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def test_validate_default_passes_on_committed_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(_project(tmp_path))
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "data/structured/bozhou-2024-50.json"
    assert (
        "  ✓ fresh                     data/structured/bozhou-2024-50.json: re-parsing data/raw/bozhou-2024-50.html gives the same document"
        in lines
    )
    assert lines[-1].startswith("ok: ")
    assert lines[-1].endswith("passed; 0 errors, 5 warnings, 1 info")


def test_stale_document_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(_project(tmp_path))
    page = Path("data/raw/bozhou-2024-50.html")
    page.write_text(page.read_text(encoding="utf-8").replace("市退役军人事务局", "市民政局"), encoding="utf-8")
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert (
        "    error   stale-document  data/structured/bozhou-2024-50.json is stale: re-parsing "
        "data/raw/bozhou-2024-50.html gives a different document (item 17 differs in lead_units, text "
        "(lead_units[0]: '市退役军人事务局' ≠ '市民政局'; text: '…。(牵头单位:市退役军人事务局)' ≠ '…。(牵头单位:市民政局)')); "
        "run bz-tasks parse"
    ) in result.output.splitlines()
    assert result.output.splitlines()[-1].startswith("FAILED: ")


def test_raw_page_without_document_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(_project(tmp_path))
    shutil.copy(PAGE_TXT, "data/raw/another.txt")
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert "data/raw/another.txt has no structured document in data/structured; run bz-tasks parse" in result.output


def test_validate_a_raw_page_and_json_format(tmp_path: Path, page_txt: str) -> None:
    page = tmp_path / "cut.txt"
    page.write_text(page_txt.replace(ITEM_17, ""), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(page), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["summary"]["errors"] == 3
    codes = [f["code"] for f in data["reports"][0]["findings"] if f["severity"] == "error"]
    assert codes == ["plan-item-count-mismatch", "category-item-count-mismatch", "item-number-sequence"]


def test_strict_fails_on_warnings() -> None:
    result = runner.invoke(app, ["validate", str(ROOT / "data/structured/bozhou-2024-50.json"), "--strict"])
    assert result.exit_code == 1
    ok = runner.invoke(app, ["validate", str(ROOT / "data/structured/bozhou-2024-50.json")])
    assert ok.exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "--format", "xml"], "error: --format must be 'table' or 'json', not 'xml'\n"),
    ],
)
def test_bad_usage_exits_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert (result.exit_code, result.output) == (2, message)


def test_a_json_that_is_not_a_document(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"hello": 1}', encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1  # an unreadable input, as for every command (tests/test_cli_consistency.py)
    assert result.output.startswith(f"error: {path}: not a bz-tasks document (")
    assert result.output.endswith("regenerate it with 'bz-tasks parse'\n")


def test_finding_has_figures_field() -> None:
    assert "figures" in Finding.model_fields


# --- arithmetic: corrupted copies of the real page ---------------------------------------------

CORRUPTED_FIGURES = [
    # what is changed, the errors it must cause (code, item, message)
    (
        ("谯城区8900人左右", "谯城区8800人左右"),
        [
            (
                "breakdown-sum-mismatch",
                1,
                "item 1 城镇新增就业: the parts (涡阳县 8700, 蒙城县 8700, 利辛县 8700, 谯城区 8800) add up to 34900, "
                "but the total is 35000 (rule: sum = total for approx)",
            )
        ],
    ),
    (
        ("谯城区368名", "谯城区369名"),  # a county share of one of item 10's programmes
        [
            (
                "breakdown-sum-mismatch",
                10,
                "item 10 符合条件的视力、听力、言语、肢体、智力等残疾儿童和孤独症儿童提供康复训练救助: the parts "
                "(谯城区 369, 涡阳县 273, 蒙城县 348, 利辛县 343) add up to 1333, but the total is 1332 (rule: sum = total for exact)",
            )
        ],
    ),
    (
        ("为1332名", "为1333名"),  # a programme total: wrong against its counties and against 12816
        [
            (
                "breakdown-sum-mismatch",
                10,
                "item 10 残疾人提供康复救助: the parts (符合条件的视力、听力、言语、肢体、智力等残疾儿童和孤独症儿童提供康复训练救助 1333, "
                "残疾儿童适配假肢矫形器 70, 残疾儿童提供其他辅具救助 62, 困难精神残疾人 8690, 有需求的持证残疾人适配基本型辅助器具 2662) "
                "add up to 12817, but the total is 12816 (rule: sum = total for exact)",
            ),
            (
                "breakdown-sum-mismatch",
                10,
                "item 10 符合条件的视力、听力、言语、肢体、智力等残疾儿童和孤独症儿童提供康复训练救助: the parts "
                "(谯城区 368, 涡阳县 273, 蒙城县 348, 利辛县 343) add up to 1332, but the total is 1333 (rule: sum = total for exact)",
            ),
        ],
    ),
    (
        ("利辛县不少于61人", "利辛县不少于60人"),  # floors that no longer reach the city floor
        [
            (
                "breakdown-sum-mismatch",
                24,
                "item 24 资助高等教育阶段学生: the parts (涡阳县 20, 蒙城县 44, 利辛县 60, 谯城区 14) add up to 138, "
                "but the total is 139 (rule: sum ≥ total for at_least)",
            )
        ],
    ),
    (
        ("其中公共停车泊位2550个", "其中公共停车泊位25500个"),
        [
            (
                "breakdown-subset-exceeds-total",
                32,
                "item 32 新增城市停车泊位: 公共停车泊位 25500 exceeds the total 19000",
            )
        ],
    ),
]


@pytest.mark.parametrize(("change", "errors"), CORRUPTED_FIGURES, ids=[c[0][1] for c in CORRUPTED_FIGURES])
def test_corrupted_figure(page_txt: str, change: tuple[str, str], errors: list[tuple[str, int, str]]) -> None:
    assert _errors(_corrupt(page_txt, *change)) == errors


def test_corrupted_figure_fails_the_command(tmp_path: Path, page_txt: str) -> None:
    page = tmp_path / "changed.txt"
    page.write_text(page_txt.replace("谯城区8900人左右", "谯城区8800人左右"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(page)])
    assert result.exit_code == 1
    assert "  ✗ breakdown-sum             item 1 城镇新增就业: 8700+8700+8700+8800 = 34900 ≠ total 35000 (approx)" in (
        result.output.splitlines()
    )


def test_every_breakdown_of_the_page_is_checked(notice: Notice) -> None:
    report = validate(notice)
    checked = [c for c in report.checks if c.code in ("breakdown-sum", "breakdown-subset")]
    breakdowns = sum(len(item.breakdowns) for item in notice.items)
    assert (len(checked), breakdowns) == (32, 32)
    assert [c.passed for c in report.checks if c.code == "breakdown-nesting"] == [True] * 6


@pytest.mark.parametrize(
    ("args", "code", "summary"),
    [
        ([], 0, "ok: 58 checks, 58 passed; 0 errors, 5 warnings, 1 info"),
        (["--strict"], 1, "FAILED (--strict: warnings fail): 58 checks, 58 passed; 0 errors, 5 warnings, 1 info"),
    ],
    ids=["default", "strict"],
)
def test_the_summary_gives_the_exit_codes_verdict(
    monkeypatch: pytest.MonkeyPatch, args: list[str], code: int, summary: str
) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["validate", *args])
    assert (result.exit_code, result.output.splitlines()[-1]) == (code, summary)
    result = runner.invoke(app, ["validate", "--format", "json", *args])
    data = json.loads(result.output)
    assert result.exit_code == code
    assert (data["summary"]["strict"], data["summary"]["failed"]) == (bool(args), bool(code))
    assert [report["failed"] for report in data["reports"]] == [bool(code)]
