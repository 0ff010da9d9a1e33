"""Docs that cannot drift: the codebook is generated, the README's loading examples run as written."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bozhou_tasks.cli import app
from bozhou_tasks.export import dataset, tables
from bozhou_tasks.models import Notice

from .conftest import ROOT
from .test_tables import ID

runner = CliRunner()
CODEBOOK = ROOT / "docs" / "DATA.md"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_codebook_is_current(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["codebook"])
    assert result.exit_code == 0, result.output
    assert result.output == CODEBOOK.read_text(encoding="utf-8"), (
        "docs/DATA.md is out of date: run bz-tasks codebook -o docs/DATA.md"
    )


def test_codebook_describes_every_table_and_column() -> None:
    text = CODEBOOK.read_text(encoding="utf-8")
    for spec in tables.TABLES:
        section = text[text.index(f"### `{spec.name}`") :]
        section = section[: section.find("\n### ", 1) if "\n### " in section[1:] else len(section)]
        assert [c.name for c in spec.columns if f"| `{c.name}` |" not in section] == [], spec.name


def _readme_block(language: str) -> str:
    section = README[README.index("## Research outputs") :]
    match = re.search(rf"```{language}\n(.*?)```", section, re.DOTALL)
    assert match, f"no {language} block in the README's Research outputs"
    return match.group(1)


@pytest.fixture(scope="module")
def page_tables(tmp_path_factory: pytest.TempPathFactory, html_notice: Notice) -> Path:
    out = tmp_path_factory.mktemp("readme-tables")
    dataset.export_dataset([(ID, html_notice)], out)
    return out


def test_readme_sql(page_tables: Path) -> None:
    with sqlite3.connect(page_tables / "bz-tasks.sqlite") as db:
        rows = db.execute(_readme_block("sql")).fetchall()
    assert len(rows) == 108  # every county share of the page's 26 region breakdowns
    assert rows[0] == (1, "城镇新增就业", "涡阳县", 8700, "人", "approx")


def test_readme_pandas(page_tables: Path) -> None:
    code = _readme_block("python").replace("data/tables/", f"{page_tables}/")
    namespace: dict[str, object] = {}
    exec(code, namespace)
    targets = namespace["targets"]
    assert targets.shape == (26, 6)  # type: ignore[attr-defined]  # region breakdowns by the six units
    assert targets.loc[(1, 1), "谯城区"] == 8900  # type: ignore[attr-defined]
    assert targets.loc[(16, 1), "市本级"] == 1200  # type: ignore[attr-defined]  # 市法援中心
    assert len(namespace["wrong"]) == 0  # type: ignore[arg-type]  # every breakdown of the page adds up
    findings = namespace["findings"]
    assert str(findings["item"].dtype) == "Int64"  # type: ignore[index]
    assert findings["item"].tolist()[:5] == [12, 12, 22, 31, 45]  # type: ignore[index]
    assert str(load_types(namespace, "breakdowns")["derived"]) == "boolean"


def load_types(namespace: dict[str, object], table: str) -> dict[str, object]:
    frame = namespace["load"](table)  # type: ignore[operator]
    return dict(frame.dtypes)


def _commands() -> list[str]:
    return re.findall(r"^\$ (.*)$", README, re.MULTILINE)


def test_readme_commands_run_in_the_quick_starts_environment() -> None:
    """The Quick start activates .venv; every later command is `bz-tasks …` or sets up .venv itself."""
    setup, *later = _commands()
    assert setup == "python3 -m venv .venv && .venv/bin/pip install -q -e . && . .venv/bin/activate"
    assert [c for c in later if not c.startswith(("bz-tasks ", "python3 -m venv .venv && .venv/bin/"))] == []
    assert later[0] == "bz-tasks parse"


def test_ci_runs_the_readmes_test_command() -> None:
    (test_command,) = [c for c in _commands() if c.endswith("python -m pytest")]
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_the_quick_start_output(tmp_path: Path) -> None:
    """`bz-tasks parse` as the activated environment runs it, in a copy of the checkout's data."""
    import shutil
    import subprocess
    import sys

    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    command = Path(sys.executable).parent / "bz-tasks"
    if not command.exists():
        pytest.skip("the bz-tasks script is not installed next to this Python")
    result = subprocess.run([str(command), "parse"], cwd=tmp_path, capture_output=True, text=True, check=False)
    block = README[README.index("$ bz-tasks parse\n") :].split("\n```")[0]
    assert result.stdout == block.split("\n", 1)[1] + "\n"
    assert result.returncode == 0
