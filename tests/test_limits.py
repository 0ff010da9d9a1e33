"""Bounded work for any accepted input, and messages that say exactly what is wrong and where."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bozhou_tasks
from bozhou_tasks.cli import app
from bozhou_tasks.errors import InputError
from bozhou_tasks.load import decode as load

from .conftest import PAGE_TXT

runner = CliRunner()

TXT = PAGE_TXT.read_bytes()
TOO_BIG = f"more than {load.MAX_INPUT_BYTES} bytes is too large for a notice page (limit {load.MAX_INPUT_BYTES})"


def _too_long(characters: int) -> str:
    return (
        f"the page's text is {characters:,} characters, too long for a notice page (limit 500,000); "
        "give the notice's own page, not a collection of pages"
    )


# --- size -----------------------------------------------------------------------------------


def test_standard_input_has_the_page_limit_too(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", "-", "-o", str(tmp_path)], input=b" " * (load.MAX_INPUT_BYTES + 2))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: input: {TOO_BIG}\n"
    assert list(tmp_path.iterdir()) == []


def test_bytes_in_memory_have_the_page_limit_too() -> None:
    with pytest.raises(InputError) as raised:
        bozhou_tasks.parse(b" " * (load.MAX_INPUT_BYTES + 1))
    assert str(raised.value) == f"input: {TOO_BIG}"


def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    page = tmp_path / "huge.txt"
    with page.open("wb") as handle:
        handle.truncate(load.MAX_INPUT_BYTES + 1)  # sparse: nothing is written, nothing need be read
    with pytest.raises(InputError) as raised:
        bozhou_tasks.parse(page)
    assert str(raised.value) == (
        f"{page}: {load.MAX_INPUT_BYTES + 1} bytes is too large for a notice page (limit {load.MAX_INPUT_BYTES})"
    )


def _many_items(count: int) -> str:
    items = (
        f"{number}.实施第{number}项民生实事,新增就业{number}人,其中涡阳县{number}人。(牵头单位:市人社局)"
        for number in range(1, count + 1)
    )
    return "\n".join(["亳州市2024年50项民生实事实施方案", *items])


@pytest.mark.parametrize("form", ["text", "html"])
def test_a_page_with_too_much_text_is_refused_before_it_is_read(form: str) -> None:
    text = _many_items(12_000)
    page = text if form == "text" else "<html><body><p>" + text.replace("\n", "</p><p>") + "</p></body></html>"
    started = time.monotonic()
    with pytest.raises(InputError) as raised:
        bozhou_tasks.parse(page.encode("utf-8"))
    assert time.monotonic() - started < 10  # parsed, it would take a minute and a gigabyte
    counted = len(text) if form == "text" else len("".join(text.split()))  # HTML: visible characters
    assert str(raised.value) == f"input: {_too_long(counted)}"


# --- damaged UTF-8 ----------------------------------------------------------------------------

FIFTY = TXT.index("(五十)".encode())


@pytest.mark.parametrize(
    ("damaged", "message"),
    [
        (TXT[:FIFTY] + b"\xff" + TXT[FIFTY:], "1 bad byte, the first at byte 53649 (line 570)"),
        (TXT[: FIFTY + 1] + TXT[FIFTY + 2 :], "2 bad bytes, the first at byte 53650 (line 570)"),  # 五 lost a byte
        (TXT[:FIFTY] + b"\xe4\xb8" + TXT[FIFTY:], "1 bad byte, the first at byte 53649 (line 570)"),
    ],
    ids=["stray-byte", "lost-byte", "half-a-character"],
)
def test_utf8_with_a_bad_byte_says_where(damaged: bytes, message: str) -> None:
    with pytest.raises(InputError) as raised:
        bozhou_tasks.parse(damaged)
    assert str(raised.value) == (
        f"input: the text is UTF-8 but for {message}: the file is damaged; save or download the page again, "
        "or mend that line"
    )


def test_another_encoding_is_not_damaged_utf8() -> None:
    notice = bozhou_tasks.parse(PAGE_TXT.read_text(encoding="utf-8").encode("gb18030"))
    assert notice.source.encoding == "gb18030"


def test_a_cut_character_at_the_end_is_not_damage() -> None:
    notice = bozhou_tasks.parse(TXT + "中".encode()[:2])
    assert [f.code for f in notice.findings].count("input-cut-short") == 1


# --- file names as printed ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("a\nerror: all is well.txt", "a\\nerror: all is well.txt"),
        ("bill\u202etxt.exe.txt", "bill\\u202etxt.exe.txt"),
        ("tab\there.txt", "tab\\there.txt"),
        ("亳州 2024.txt", "亳州 2024.txt"),
    ],
    ids=["newline", "right-to-left-override", "tab", "plain"],
)
def test_file_names_are_printed_as_one_visible_line(tmp_path: Path, name: str, shown: str) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / name).write_bytes(TXT)
    (pages / f"{name}.pdf.txt").write_bytes(b"%PDF-1.4")
    out = tmp_path / "out"
    result = runner.invoke(app, ["parse", str(pages), "-o", str(out)])
    stem = shown.removesuffix(".txt")
    assert result.stdout.splitlines()[0] == (
        f"{pages}/{shown} -> {out}/{stem}.{{json,yaml}}: 10 categories, 50 items, 163 measures; "
        "findings: 0 errors, 5 warnings, 1 info"
    )
    assert result.stderr == (
        f"error: {pages}/{shown}.pdf.txt: this is a PDF file, not a web page or text; save the notice from the "
        "browser as HTML or text and try again\n"
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_that_never_ends_is_read_only_to_the_limit(tmp_path: Path) -> None:
    page = tmp_path / "endless.txt"
    page.symlink_to("/dev/zero")
    with pytest.raises(InputError) as raised:
        bozhou_tasks.parse(page)
    assert str(raised.value) == f"{page}: {TOO_BIG}"
