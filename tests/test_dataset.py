"""`bz-tasks export`: CSV files, the data package, SQLite and Parquet, loaded the way readers load them."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bozhou_tasks.cli import app
from bozhou_tasks.export import datapackage, dataset, tables
from bozhou_tasks.models import Notice

from .conftest import ROOT
from .handmade import with_extractions
from .test_tables import ID, PAGE_COUNTS, model_counts

runner = CliRunner()
STRUCTURED = ROOT / "data" / "structured"
COMMITTED = ROOT / "data" / "tables"


@pytest.fixture(scope="module")
def documents() -> list[tuple[str, Notice]]:
    return dataset.read_documents([STRUCTURED])


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, documents: list[tuple[str, Notice]]) -> Path:
    out = tmp_path_factory.mktemp("tables")
    dataset.export_dataset(documents, out)
    return out


@pytest.fixture(scope="module")
def exported_handmade(tmp_path_factory: pytest.TempPathFactory, html_notice: Notice) -> Path:
    out = tmp_path_factory.mktemp("handmade")
    dataset.export_dataset([(ID, with_extractions(html_notice))], out)
    return out


def csv_rows(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_files(exported: Path) -> None:
    names = sorted(p.name for p in exported.iterdir())
    assert names == sorted([*(f"{spec.name}.csv" for spec in tables.TABLES), "datapackage.json", "bz-tasks.sqlite"])


def test_default_documents_are_the_structured_ones(documents: list[tuple[str, Notice]]) -> None:
    assert [doc_id for doc_id, _ in documents] == [ID]  # the .json, not also its .yaml twin


# --- row counts, through the csv module and sqlite3 ---------------------------------------------


@pytest.mark.parametrize(("name", "count"), PAGE_COUNTS, ids=[name for name, _ in PAGE_COUNTS])
def test_csv_row_counts_on_the_page(exported: Path, name: str, count: int) -> None:
    assert len(csv_rows(exported / f"{name}.csv")) == count


@pytest.mark.parametrize(("name", "count"), PAGE_COUNTS, ids=[name for name, _ in PAGE_COUNTS])
def test_sqlite_row_counts_on_the_page(exported: Path, name: str, count: int) -> None:
    with sqlite3.connect(exported / "bz-tasks.sqlite") as db:
        assert db.execute(f"SELECT count(*) FROM {name}").fetchone() == (count,)


def test_every_table_has_the_model_row_count(exported_handmade: Path, html_notice: Notice) -> None:
    expected = model_counts(with_extractions(html_notice))
    with sqlite3.connect(exported_handmade / "bz-tasks.sqlite") as db:
        for name, count in expected.items():
            assert len(csv_rows(exported_handmade / f"{name}.csv")) == count, name
            assert db.execute(f"SELECT count(*) FROM {name}").fetchone() == (count,), name


def test_sqlite_keys_and_view(exported_handmade: Path) -> None:
    with sqlite3.connect(exported_handmade / "bz-tasks.sqlite") as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = db.execute(
            "SELECT item, category_name, subject, label, region_en, value, unit FROM breakdown_parts_by_item "
            "WHERE item = 1"
        ).fetchall()
    assert rows == [
        (1, "促进就业", "城镇新增就业", "涡阳县", "Guoyang County", 8700, "人"),
        (1, "促进就业", "城镇新增就业", "蒙城县", "Mengcheng County", 8700, "人"),
        (1, "促进就业", "城镇新增就业", "利辛县", "Lixin County", 8700, "人"),
        (1, "促进就业", "城镇新增就业", "谯城区", "Qiaocheng District", 8900, "人"),
    ]


# --- the data package ---------------------------------------------------------------------------


@pytest.mark.parametrize("excel", [False, True], ids=["utf-8", "excel-bom"])
def test_the_data_package_validates(tmp_path: Path, html_notice: Notice, excel: bool) -> None:
    frictionless = pytest.importorskip(
        "frictionless", reason="frictionless is in the test extra: pip install -e '.[test]'"
    )
    dataset.export_dataset([(ID, with_extractions(html_notice))], tmp_path, ("csv",), excel=excel)
    report = frictionless.Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    assert [task.stats["rows"] for task in report.tasks] == [1, 10, 50, 53, 163, 5, 5, 20, 2, 6]


def test_the_data_package_describes_every_column(documents: list[tuple[str, Notice]]) -> None:
    descriptor = datapackage.descriptor(documents)
    assert [r["name"] for r in descriptor["resources"]] == [spec.name for spec in tables.TABLES]
    for resource, spec in zip(descriptor["resources"], tables.TABLES, strict=True):
        assert [f["name"] for f in resource["schema"]["fields"]] == spec.column_names
        assert all(f["description"] for f in resource["schema"]["fields"])
        assert resource["schema"]["primaryKey"] == list(spec.primary_key)
    assert descriptor["sources"][0]["path"] == "data/raw/bozhou-2024-50.html"


def test_excel_csvs_start_with_a_bom(tmp_path: Path, documents: list[tuple[str, Notice]]) -> None:
    dataset.export_dataset(documents, tmp_path, ("csv",), excel=True)
    assert (tmp_path / "items.csv").read_bytes().startswith(b"\xef\xbb\xbfnotice,item,")
    assert len(csv_rows(tmp_path / "items.csv", encoding="utf-8-sig")) == 50
    assert json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))["resources"][0]["encoding"] == (
        "utf-8-sig"
    )


# --- the committed tables are current -----------------------------------------------------------


def test_committed_tables_are_current(exported: Path) -> None:
    for path in sorted(exported.iterdir()):
        if path.suffix == ".sqlite":
            continue
        committed = COMMITTED / path.name
        assert committed.exists(), f"{committed} is missing: run bz-tasks export"
        assert committed.read_bytes() == path.read_bytes(), f"{committed} is out of date: run bz-tasks export"
    stray = {p.name for p in COMMITTED.glob("*.csv")} - {p.name for p in exported.iterdir()}
    assert not stray, f"data/tables/ holds tables export no longer writes: {sorted(stray)}"


# --- Parquet (optional) -------------------------------------------------------------------------


def test_parquet(tmp_path: Path, html_notice: Notice) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="Parquet is optional: pip install -e '.[parquet]'")
    dataset.export_dataset([(ID, with_extractions(html_notice))], tmp_path, ("parquet",))
    parts = pq.read_table(tmp_path / "breakdown_parts.parquet")
    assert parts.num_rows == 20
    assert str(parts.schema.field("value").type) == "decimal128(38, 0)"
    assert pq.read_table(tmp_path / "measures.parquet").num_rows == 163


def test_parquet_without_pyarrow_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pyarrow(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    out = tmp_path / "out"
    result = runner.invoke(app, ["export", str(STRUCTURED), "-o", str(out), "--format", "csv,parquet"])
    assert result.exit_code == 1
    assert result.output == (
        "error: Parquet output needs pyarrow, which is not installed; run pip install 'bz-tasks[parquet]' "
        "or leave parquet out of --format\n"
    )
    assert not out.exists()  # nothing written: the CSVs are not left half-done either


# --- the command --------------------------------------------------------------------------------


def test_export_command(tmp_path: Path, documents: list[tuple[str, Notice]]) -> None:
    result = runner.invoke(app, ["export", str(STRUCTURED), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    counts = ", ".join(f"{name} {count}" for name, count in model_counts(documents[0][1]).items())
    assert result.output == f"bozhou-2024-50 -> {tmp_path}/: 12 files; rows: {counts}\n"
    assert "items 50, lead_units 53, measures 163" in counts


BAD_INPUT = [
    # arguments, exit code, the one error line
    (
        ["data/raw/bozhou-2024-50.html"],
        1,
        "error: data/raw/bozhou-2024-50.html: this is a saved page, not a structured document; "
        "run 'bz-tasks parse data/raw/bozhou-2024-50.html' first",
    ),
    (
        ["nope.json"],
        1,
        "error: nope.json: no such file; give a structured document (.json or .yaml) written by 'bz-tasks parse'",
    ),
    (["--format", "csv,xls"], 2, "error: --format 'csv,xls': choose from csv, sqlite, parquet, separated by commas"),
]


@pytest.mark.parametrize(("args", "code", "message"), BAD_INPUT, ids=["page", "missing", "format"])
def test_bad_input_is_one_line_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int, message: str
) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["export", *args, "-o", str(tmp_path / "out")])
    assert (result.exit_code, result.output) == (code, message + "\n")
    assert not (tmp_path / "out").exists()


def test_a_broken_document_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": "1.0"}', encoding="utf-8")
    result = runner.invoke(app, ["export", str(broken), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {broken}: not a bz-tasks document (")
    assert result.output.endswith("; regenerate it with 'bz-tasks parse'\n")
    assert result.output.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_no_structured_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export"])
    assert result.exit_code == 2
    assert result.output == (
        "error: no DOC given and data/structured/ does not exist; run 'bz-tasks parse' first or give a document\n"
    )


@pytest.mark.parametrize("command", ["export", "report", "codebook"])
def test_research_commands_have_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
