"""Structured documents are input too: a tampered, oversized or hostile one is refused before anything uses it.

Each case is a copy of the bundled document changed one way. `validate`, `export` and
`report` refuse it with exit 1 and one `error:` line that says where the document is wrong;
none of them writes a file or takes more than a moment.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bozhou_tasks.cli import app
from bozhou_tasks.errors import InputError
from bozhou_tasks.export import documents as export

from .conftest import ROOT

runner = CliRunner()

DOCUMENT = ROOT / "data" / "structured" / "bozhou-2024-50.json"
GOOD: dict[str, Any] = json.loads(DOCUMENT.read_text(encoding="utf-8"))
TEXT_LENGTH = len(GOOD["text"])
REGENERATE = "; regenerate it with 'bz-tasks parse'"


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    """An edit that sets the field at a dotted path ('items.0.span') to `value`."""

    def edit(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = document
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return edit


TAMPERED: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "negative-span",
        _set("items.0.span", [-50, -1]),
        f"item 1 span [-50, -1] is not within the text (0 … {TEXT_LENGTH})",
    ),
    (
        "span-past-the-end",
        _set("items.0.span", [0, 10**9]),
        f"item 1 span [0, 1000000000] is not within the text (0 … {TEXT_LENGTH})",
    ),
    (
        "reversed-span",
        _set("items.0.span", [700, 650]),
        f"item 1 span [700, 650] is not within the text (0 … {TEXT_LENGTH})",
    ),
    (
        "span-on-other-text",
        _set("items.0.headline_span", [20598, 20610]),
        "item 1 headline span [20598, 20610] does not slice the text to its quote '促进重点群体稳定就业,城镇新增就业3.5万人左右,其中涡阳…'",
    ),
    (
        "text-emptied",
        _set("text", ""),
        "header block span [0, 18] is not within the text (0 … 0)",
    ),
    (
        "quantity-span-moved",
        _set("items.0.quantities.0.span", [0, 7]),
        "item 1 quantity 1 span [0, 7] does not slice the text to its quote '3.5万人左右'",
    ),
    (
        "lead-unit-spans-dropped",
        _set("items.0.lead_unit_spans", []),
        "item 1 names 1 lead units but gives 0 spans",
    ),
    (
        "finding-span-out-of-range",
        _set("findings.0.span", [0, TEXT_LENGTH + 1]),
        f"finding measure-number-out-of-sequence span [0, {TEXT_LENGTH + 1}] is not within the text (0 … {TEXT_LENGTH})",
    ),
    (
        "huge-item-number",
        _set("items.0.number", 2_000_000_000),
        "items.0.number is 2000000000, beyond 1,000,000,000",
    ),
    (
        "huge-value",
        _set("items.0.quantities.0.value", 1e30),
        "items.0.quantities.0.value is 1.000e+30, outside 10^-18 … 10^18",
    ),
]


def _write(tmp_path: Path, name: str, edit: Callable[[dict[str, Any]], None]) -> Path:
    document = json.loads(json.dumps(GOOD))
    edit(document)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "edit", "reason"), TAMPERED, ids=[case[0] for case in TAMPERED])
@pytest.mark.parametrize(("command", "code"), [("validate", 1), ("export", 1), ("report", 1)])
def test_a_tampered_document_is_refused_before_it_is_used(
    tmp_path: Path, name: str, edit: Callable[[dict[str, Any]], None], reason: str, command: str, code: int
) -> None:
    path = _write(tmp_path, name, edit)
    out = tmp_path / "out"
    result = runner.invoke(app, [command, str(path), *(["-o", str(out)] if command != "validate" else [])])
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr == f"error: {path}: not a bz-tasks document ({reason}){REGENERATE}\n"
    assert not out.exists()


def _raw(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9 if previous else ['x'] * 9)}]\n"
    for previous, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)
"""Nine levels of nine aliases: 9**9 (387 million) strings when expanded, in under 600 bytes."""


HOSTILE: list[tuple[str, str, str]] = [
    ("alias-bomb.yaml", BOMB, "it repeats a list or mapping by reference (a YAML alias), which documents never do"),
    ("deep.yaml", "[" * 100_000 + "]" * 100_000, "exceeded maximum nesting depth"),
    ("deep-but-readable.yaml", "[" * 500 + "]" * 500, "it nests lists and mappings more than 32 deep"),
    (
        "deep.json",
        "[" * 100_000 + "]" * 100_000,
        "document: Invalid JSON: recursion limit exceeded at line 1 column 202",
    ),
    (
        "infinite.json",
        DOCUMENT.read_text(encoding="utf-8").replace('"value": 35000,', '"value": 1e999999,', 1),
        "items.0.quantities.0.value: Input should be a finite number",
    ),
    (
        "huge-integer.json",
        DOCUMENT.read_text(encoding="utf-8").replace('"number": 1,', f'"number": {10**4000},', 1),
        "categories.0.number is a 13288-bit integer, beyond 1,000,000,000",
    ),
    ("missing-fields.json", '{"schema_version": "1.1"}', "source: Field required (and 9 more)"),
]


@pytest.mark.parametrize(("name", "content", "reason"), HOSTILE, ids=[case[0] for case in HOSTILE])
def test_a_hostile_document_is_refused_at_once(tmp_path: Path, name: str, content: str, reason: str) -> None:
    assert len(BOMB) < 600
    path = _raw(tmp_path, name, content)
    started = time.monotonic()
    result = runner.invoke(app, ["validate", str(path)])
    assert time.monotonic() - started < 5
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: {path}: not a bz-tasks document ({reason}){REGENERATE}\n"


def test_an_oversized_document_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(export.MAX_DOCUMENT_BYTES + 1)  # sparse: nothing is written, nothing need be read
    with pytest.raises(InputError) as raised:
        export.read_document(path)
    assert str(raised.value) == (
        f"{path}: {export.MAX_DOCUMENT_BYTES + 1} bytes is too large for a bz-tasks document "
        f"(limit {export.MAX_DOCUMENT_BYTES}); give a document written by 'bz-tasks parse'"
    )


def test_the_bundled_documents_are_trusted() -> None:
    json_document = export.read_document(DOCUMENT)
    assert export.read_document(DOCUMENT.with_suffix(".yaml")) == json_document
    assert export.to_json(json_document) == DOCUMENT.read_text(encoding="utf-8")


def test_a_gap_in_item_numbers_is_reported_without_counting_it_out(tmp_path: Path) -> None:
    path = _write(tmp_path, "gap", _set("items.49.number", 999_999_999))
    started = time.monotonic()
    result = runner.invoke(app, ["validate", str(path), "--format", "json"])
    assert time.monotonic() - started < 5
    assert result.exit_code == 1
    messages = [finding["message"] for finding in json.loads(result.stdout)["reports"][0]["findings"]]
    assert "item numbers jump from 49 to 999999999: item 50, 51, 52, 53, 54, 55, 56, 57, 58, 59 … missing" in messages


def test_a_dangling_symlink_as_the_output_folder(tmp_path: Path) -> None:
    link = tmp_path / "out"
    link.symlink_to(tmp_path / "gone")
    result = runner.invoke(app, ["parse", str(ROOT / "data" / "raw" / "bozhou-2024-50.txt"), "-o", str(link)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {link}: is a symbolic link to {tmp_path / 'gone'}, which does not exist; "
        "create that directory or give another with -o\n"
    )


def test_without_libyaml_deep_yaml_is_refused_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    monkeypatch.setattr(yaml, "__with_libyaml__", False)  # the pure-Python loader recurses
    path = _raw(tmp_path, "deep.yaml", "[" * 100_000 + "]" * 100_000)
    with pytest.raises(InputError) as raised:
        export.read_document(path)
    assert str(raised.value) == f"{path}: not a bz-tasks document (it nests too deep to read){REGENERATE}"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_document_that_never_ends_is_read_only_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "endless.json"
    path.symlink_to("/dev/zero")
    result = runner.invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {path}: more than {export.MAX_DOCUMENT_BYTES} bytes is too large for a bz-tasks document "
        f"(limit {export.MAX_DOCUMENT_BYTES}); give a document written by 'bz-tasks parse'\n"
    )
