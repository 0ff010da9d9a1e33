"""The `bz-tasks` command, through typer's test runner and as a real process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bozhou_tasks.cli import app

from .conftest import PAGE_HTML, PAGE_TXT, ROOT

runner = CliRunner()

SUMMARY = "10 categories, 50 items, 163 measures; findings: 0 errors, 5 warnings, 1 info"


def test_parse_writes_json_and_yaml(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(PAGE_HTML), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output == f"{PAGE_HTML} -> {tmp_path}/bozhou-2024-50.{{json,yaml}}: {SUMMARY}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bozhou-2024-50.json", "bozhou-2024-50.yaml"]
    data = json.loads((tmp_path / "bozhou-2024-50.json").read_text(encoding="utf-8"))
    assert yaml.safe_load((tmp_path / "bozhou-2024-50.yaml").read_text(encoding="utf-8")) == data
    assert list(data)[:4] == ["schema_version", "source", "notice", "plan"]
    assert "促进就业" in (tmp_path / "bozhou-2024-50.json").read_text(encoding="utf-8")  # not \\u-escaped


def test_twins_are_checked_and_written_once(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(PAGE_TXT), str(PAGE_HTML), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{PAGE_HTML} (same as {PAGE_TXT}) -> ")
    assert len(list(tmp_path.iterdir())) == 2


def test_twins_that_disagree_fail(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(PAGE_HTML, pages)
    text = PAGE_TXT.read_text(encoding="utf-8").replace("(牵头单位:市退役军人事务局)", "(牵头单位:市民政局)")
    (pages / PAGE_TXT.name).write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["parse", str(pages), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "does not say the same as" in result.output
    assert (
        "item 17 differs in lead_units, text (lead_units[0]: '市退役军人事务局' ≠ '市民政局'; "
        "text: '…。(牵头单位:市退役军人事务局)' ≠ '…。(牵头单位:市民政局)')\n"
    ) in result.output
    assert not (tmp_path / "out" / "bozhou-2024-50.json").exists()


def test_stdin(tmp_path: Path) -> None:
    """A page from standard input is named by its content, so two different pages never overwrite each other."""
    result = runner.invoke(app, ["parse", "-", "-o", str(tmp_path)], input=PAGE_TXT.read_bytes())
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"- -> {tmp_path}/stdin-281d92c8e13a.{{json,yaml}}: 10 categories, 50 items")
    other = PAGE_TXT.read_bytes().replace("市退役军人事务局".encode(), "市民政局".encode())
    result = runner.invoke(app, ["parse", "-", "-o", str(tmp_path)], input=other)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["stdin-281d92c8e13a.json", "stdin-edf7ae9218fc.json"]


def test_missing_input_is_one_line_no_traceback(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(tmp_path / "nope.html"), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert (
        result.output
        == f"error: {tmp_path}/nope.html: no such file; give the path of a saved notice page (.html or .txt)\n"
    )


def test_output_path_that_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    result = runner.invoke(app, ["parse", str(PAGE_TXT), "-o", str(target)])
    assert result.exit_code == 2
    assert result.output == f"error: {target}: exists and is not a directory; give a directory with -o\n"


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.output == "bz-tasks 0.1.0\n"


def test_default_job_in_the_project_folder(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    result = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "parse"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": ""},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "data/raw/bozhou-2024-50.html (same as data/raw/bozhou-2024-50.txt) -> "
        f"data/structured/bozhou-2024-50.{{json,yaml}}: {SUMMARY}\n"
    )
    assert (tmp_path / "data/structured/bozhou-2024-50.json").read_bytes() == (
        ROOT / "data/structured/bozhou-2024-50.json"
    ).read_bytes()


@pytest.mark.parametrize("command", ["parse", "validate", "schema"])
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_schema_is_current() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.output == (ROOT / "docs" / "notice.schema.json").read_text(encoding="utf-8"), (
        "docs/notice.schema.json is out of date: run bz-tasks schema -o docs/notice.schema.json"
    )


def test_a_page_that_is_not_a_notice_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "news.html"
    page.write_text("<html><body><h1>亳州新闻</h1><p>今天天气很好。</p></body></html>", encoding="utf-8")
    result = runner.invoke(app, ["parse", str(page), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output == (
        f"error: {page}: not a livelihood-project notice (no plan title, categories or numbered items found); "
        "give the page of the plan itself, not a news story or an interpretation\n"
    )
    assert not (tmp_path / "out" / "news.json").exists()
