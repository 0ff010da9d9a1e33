"""One command line: the same problem gets the same exit code, --debug goes anywhere, help shows no Python types."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bozhou_tasks.cli import app
from bozhou_tasks.errors import BzTasksError

runner = CliRunner()

COMMANDS = ["parse", "validate", "export", "report", "codebook"]


def _args(command: str, path: Path, tmp_path: Path) -> list[str]:
    out = {"parse": ["-o", str(tmp_path / "out")], "export": ["-o", str(tmp_path / "out")]}.get(command, [])
    if command == "report":
        out = ["-o", str(tmp_path / "r.html")]
    return [command, str(path), *out]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_path_exits_1_in_every_command(tmp_path: Path, command: str) -> None:
    result = runner.invoke(app, _args(command, tmp_path / "nope.json", tmp_path))
    assert result.exit_code == 1, result.output
    (line,) = result.output.splitlines()
    assert line.startswith(f"error: {tmp_path}/nope.json: ")


@pytest.mark.parametrize("command", ["validate", "export", "report", "codebook"])
def test_an_unreadable_document_exits_1_in_every_command(tmp_path: Path, command: str) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"hello": 1}', encoding="utf-8")
    result = runner.invoke(app, _args(command, path, tmp_path))
    assert result.exit_code == 1, result.output
    (line,) = result.output.splitlines()
    assert line.startswith(f"error: {path}: not a bz-tasks document (")


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_before_or_after_the_command_shows_the_exception(tmp_path: Path, command: str, where: str) -> None:
    args = _args(command, tmp_path / "nope.json", tmp_path)
    args = ["--debug", *args] if where == "before" else [*args, "--debug"]
    result = runner.invoke(app, args)
    assert isinstance(result.exception, BzTasksError), result.output


@pytest.mark.parametrize("command", [*COMMANDS, "schema"])
def test_help_names_values_not_python_types(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert [word for word in ("<list[", "<int", "<path>", "<str>", "range>") if word in result.output] == []
    assert "--debug" in result.output


def test_shell_completion_is_offered() -> None:
    result = runner.invoke(app, ["--help"])
    assert "--install-completion" in result.output
    assert "--show-completion" in result.output
