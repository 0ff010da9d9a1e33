"""Broken input: one clear `error:` line, a non-zero exit, no traceback and no output file.

Every input is generated here. The cases go through the command (typer's runner, and a
real process for those that must prove no traceback reaches stderr), and each asserts the
exact error line, the exit code, and that the output folder holds no file afterwards.
"""

from __future__ import annotations

import errno
import io
import os
import random
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import bozhou_tasks
from bozhou_tasks.cli import app
from bozhou_tasks.errors import InputError
from bozhou_tasks.models import Notice
from bozhou_tasks.pipeline import content

from .conftest import PAGE_HTML, PAGE_TXT, ROOT
from .invariants import assert_lossless, assert_spans_slice

runner = CliRunner()

HTML = PAGE_HTML.read_text(encoding="utf-8")
TXT = PAGE_TXT.read_text(encoding="utf-8")

NOT_A_NOTICE = (
    "not a livelihood-project notice (no plan title, categories or numbered items found); "
    "give the page of the plan itself, not a news story or an interpretation"
)
SAVE_FROM_BROWSER = "save the notice from the browser as HTML or text and try again"
SAVE_FROM_WORD = "open it in Word or WPS, save it as a web page (.htm) or plain text (.txt), and try again"
TOO_DEEP = (
    "the page nests its HTML elements more than 2048 deep, past what the HTML parser reads; "
    "open the page in a browser, save it as text (.txt) and parse that"
)
MISSING = "no such file; give the path of a saved notice page (.html or .txt)"
NOT_A_DIRECTORY = "exists and is not a directory; give a directory with -o"
NOT_WRITABLE = "the output directory is not writable; choose another with -o"
DISK_FULL = "cannot write it (No space left on device); nothing was written, free some space or choose another directory with -o"


# --- generated broken files --------------------------------------------------------------


def pdf_file() -> bytes:
    """A small PDF holding the notice's title, as a print-to-PDF would."""
    stream = b"BT /F1 12 Tf 72 712 Td (\xfe\xff\x4e\xb3\x5d\xde) Tj ET"
    return b"".join(
        [
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
            b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n",
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n",
            b"3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n",
            f"4 0 obj << /Length {len(stream)} >> stream\n".encode(),
            stream,
            b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        ]
    )


def docx_file() -> bytes:
    """A minimal Word (.docx) document with the notice's first lines."""
    paragraphs = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in TXT.splitlines()[:40] if line.strip())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as docx:
        docx.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        docx.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>',
        )
        docx.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{paragraphs}</w:body></w:document>",
        )
    return buffer.getvalue()


def doc_file() -> bytes:
    """The header, allocation table and directory of an old Word (.doc) compound file."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[0x18:0x20] = b"\x3e\x00\x03\x00\xfe\xff\x09\x00"  # version 3, little-endian, 512-byte sectors
    header[0x2C:0x34] = b"\x01\x00\x00\x00\x01\x00\x00\x00"  # one FAT sector; directory starts at sector 1

    def entry(name: str, kind: int) -> bytes:
        record = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        record[: len(encoded)] = encoded
        record[64:66] = len(encoded).to_bytes(2, "little")
        record[66] = kind
        return bytes(record)

    directory = (
        entry("Root Entry", 5) + entry("WordDocument", 2) + entry("1Table", 2) + entry("\x05SummaryInformation", 2)
    )
    return bytes(header) + b"\xfd\xff\xff\xff\xfe\xff\xff\xff" + b"\xff" * 504 + directory


def news_page() -> bytes:
    """A page from the same site that is not a plan: a news story."""
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>亳州要闻</title></head><body>"
        "<div class='nav'><a href='/'>首页</a><a href='/xwzx/'>新闻中心</a></div>"
        "<h1>我市召开2024年民生工作推进会</h1><p>发布时间:2024-04-08 10:12 信息来源:亳州日报</p>"
        "<p>4月7日,我市召开民生工作推进会,总结2023年民生实事完成情况,部署今年重点工作。</p>"
        "<p>会议要求,各地各部门要压实责任,确保各项民生实事按期完成。</p></body></html>"
    ).encode()


def deep_page(depth: int) -> bytes:
    """The bundled page with its body nested `depth` `<div>`s deep."""
    return (
        HTML.replace("<body>", "<body>" + "<div>" * depth, 1)
        .replace("</body>", "</div>" * depth + "</body>", 1)
        .encode()
    )


def one_long_line(length: int = 400_000) -> bytes:
    """A news paragraph (no plan in it) repeated into one line of `length` characters.

    (The notice itself with its line breaks gone is read as a stream: see test_stream.py.)
    """
    line = "近日,市政府召开常务会议,研究部署民生工作,会议强调要把好事办好、实事办实。 "
    return (line * (length // len(line) + 1))[:length].encode("utf-8")


BROKEN: list[tuple[str, Callable[[], bytes], str, str]] = [
    # what it is, how to make it, file name, the message after '<path>: '
    ("empty file", lambda: b"", "page.html", "the file is empty; give a saved notice page (.html or .txt)"),
    ("blank file", lambda: b" \r\n\t\n", "page.txt", "the file is empty; give a saved notice page (.html or .txt)"),
    (
        "binary garbage",
        lambda: random.Random(20240401).randbytes(16_384),
        "page.html",
        "this is a binary file, not a web page or text; give a saved notice page (.html or .txt)",
    ),
    (
        "control-byte garbage",
        lambda: bytes(random.Random(7).choice(b"\x01\x02\x03\x04\x05\x06abc") for _ in range(4_096)),
        "page.txt",
        "this is a binary file, not a web page or text; give a saved notice page (.html or .txt)",
    ),
    ("PDF", pdf_file, "notice.pdf", f"this is a PDF file, not a web page or text; {SAVE_FROM_BROWSER}"),
    (
        "Word .docx",
        docx_file,
        "notice.docx",
        f"this is a Word document (.docx), not a web page or text; {SAVE_FROM_WORD}",
    ),
    ("Word .doc", doc_file, "notice.doc", f"this is a Word document (.doc), not a web page or text; {SAVE_FROM_WORD}"),
    ("unrelated web page", news_page, "news.html", NOT_A_NOTICE),
    ("20,000-deep nest of <div>s", lambda: deep_page(20_000), "deep.html", TOO_DEEP),
    ("one 400,000-character line", one_long_line, "one-line.txt", NOT_A_NOTICE),
]
BROKEN_IDS = [case[0] for case in BROKEN]
BROKEN_CASES = [(case[1], case[2], case[3]) for case in BROKEN]


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*")) if folder.exists() else []


@pytest.mark.parametrize(("make", "name", "message"), BROKEN_CASES, ids=BROKEN_IDS)
def test_broken_input_is_one_error_line_and_no_file(
    tmp_path: Path, make: Callable[[], bytes], name: str, message: str
) -> None:
    page = tmp_path / name
    page.write_bytes(make())
    out = tmp_path / "out"
    result = runner.invoke(app, ["parse", str(page), "-o", str(out)])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"error: {page}: {message}\n")
    assert files_in(out) == []


@pytest.mark.parametrize(("make", "name", "message"), BROKEN_CASES, ids=BROKEN_IDS)
def test_broken_input_raises_input_error_in_the_library(make: Callable[[], bytes], name: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        bozhou_tasks.parse(make())
    assert str(raised.value) == f"input: {message}"


def test_a_path_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "nope.html"
    result = runner.invoke(app, ["parse", str(missing), "-o", str(tmp_path / "out")])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: {missing}: {MISSING}\n"
    assert files_in(tmp_path / "out") == []


def test_a_folder_with_no_pages(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "notes.pdf").write_bytes(pdf_file())
    result = runner.invoke(app, ["parse", str(tmp_path / "pages"), "-o", str(tmp_path / "out")])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {tmp_path / 'pages'}: no pages (.html, .htm, .shtml, .txt, .text) in this folder\n"
    assert files_in(tmp_path / "out") == []


def test_one_broken_page_does_not_stop_the_others(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_bytes(b"")
    out = tmp_path / "out"
    result = runner.invoke(app, ["parse", str(broken), str(PAGE_HTML), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"error: {broken}: the file is empty; give a saved notice page (.html or .txt)\n"
    assert files_in(out) == ["bozhou-2024-50.json", "bozhou-2024-50.yaml"]


# --- outputs that cannot be written -------------------------------------------------------


def test_an_output_path_that_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["parse", str(PAGE_TXT), "-o", str(target)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {target}: {NOT_A_DIRECTORY}\n"
    assert target.read_text(encoding="utf-8") == "keep me"
    assert files_in(tmp_path) == ["out.json"]


def test_an_output_folder_inside_a_file(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("keep me", encoding="utf-8")
    out = tmp_path / "file.txt" / "out"
    result = runner.invoke(app, ["parse", str(PAGE_TXT), "-o", str(out)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr == f"error: {out}: cannot create the output directory (Not a directory); choose another with -o\n"
    )
    assert files_in(tmp_path) == ["file.txt"]


def _run_cli(*args: str, cwd: Path, prefix: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command as a real process, as a user would (`prefix` runs it under another program)."""
    return subprocess.run(
        [*(prefix or []), sys.executable, str(ROOT / "cli.py"), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": ""},
        cwd=cwd,
        check=False,
    )


def test_an_output_folder_that_is_not_writable(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    # Root writes anywhere: strip it of that power (CAP_DAC_OVERRIDE) to meet a real permission error.
    prefix = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv, so no folder is unwritable to the command")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    result = _run_cli("parse", str(PAGE_TXT), "-o", str(out), cwd=tmp_path, prefix=prefix)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"error: {out}: {NOT_WRITABLE}\n"
    assert files_in(out) == []


def test_an_output_folder_on_a_read_only_file_system(tmp_path: Path) -> None:
    unshare = shutil.which("unshare")
    probe = subprocess.run([unshare or "unshare", "-rm", "true"], capture_output=True, check=False) if unshare else None
    if probe is None or probe.returncode != 0:
        pytest.skip("mounting a read-only file system needs unprivileged user namespaces (unshare -rm)")
    out = tmp_path / "mnt"
    out.mkdir()
    mount_then_run = 'mount -t tmpfs -o ro tmpfs "$0" && exec "$@"'
    command = [sys.executable, str(ROOT / "cli.py"), "parse", str(PAGE_TXT), "-o", str(out)]
    result = subprocess.run(
        [unshare or "unshare", "-rm", "sh", "-c", mount_then_run, str(out), *command],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": ""},
        check=False,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"error: {out}: {NOT_WRITABLE}\n"
    assert files_in(out) == []


def test_a_write_that_fails_half_way_leaves_the_old_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "bozhou-2024-50.json").write_text("old json", encoding="utf-8")
    (out / "bozhou-2024-50.yaml").write_text("old yaml", encoding="utf-8")
    real_fdopen = os.fdopen
    opened: list[int] = []

    class FullDisk(io.RawIOBase):
        def __init__(self, fd: int) -> None:
            self.fd = fd

        def write(self, data: Any) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def close(self) -> None:
            os.close(self.fd)
            super().close()

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        opened.append(fd)
        return FullDisk(fd) if len(opened) == 2 else real_fdopen(fd, *args, **kwargs)  # the JSON fits, the YAML not

    monkeypatch.setattr(os, "fdopen", fdopen)
    result = runner.invoke(app, ["parse", str(PAGE_HTML), "-o", str(out)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: {out / 'bozhou-2024-50.yaml'}: {DISK_FULL}\n"
    assert files_in(out) == ["bozhou-2024-50.json", "bozhou-2024-50.yaml"]  # no temporary file left
    assert (out / "bozhou-2024-50.json").read_text(encoding="utf-8") == "old json"  # not a new JSON beside an old YAML
    assert (out / "bozhou-2024-50.yaml").read_text(encoding="utf-8") == "old yaml"


def test_schema_to_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "schema.json"
    result = runner.invoke(app, ["schema", "-o", str(target)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {target.parent}: cannot write there (No such file or directory); choose another with -o\n"
    )


# --- a real process: no traceback reaches stderr --------------------------------------------


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("notice.pdf", pdf_file, f"this is a PDF file, not a web page or text; {SAVE_FROM_BROWSER}"),
        ("deep.html", lambda: deep_page(20_000), TOO_DEEP),
        ("one-line.txt", one_long_line, NOT_A_NOTICE),
    ],
    ids=["PDF", "20,000-deep nest", "400,000-character line"],
)
def test_a_real_process_prints_one_line(tmp_path: Path, name: str, make: Callable[[], bytes], message: str) -> None:
    page = tmp_path / name
    page.write_bytes(make())
    result = _run_cli("parse", str(page), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"error: {page}: {message}\n")
    assert files_in(tmp_path / "out") == []


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = _run_cli("--debug", "parse", "missing.html", "-o", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert result.stderr.endswith(
        "bozhou_tasks.errors.InputError: missing.html: no such file; give the path of a saved notice page (.html or .txt)\n"
    )


# --- the README states the real messages ---------------------------------------------------


def test_the_readme_lists_the_real_messages() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Robustness", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| ") and line.endswith(" |")]
    stated = {row[1] for row in rows if len(row) == 3 and row[1] != "error after `PATH: `"}
    tested = {message for _, _, message in BROKEN_CASES} | {MISSING, NOT_A_DIRECTORY, NOT_WRITABLE, DISK_FULL}
    assert len(stated) == 10
    assert stated <= tested


# --- deep nesting that the parser can read ---------------------------------------------------


def test_a_2000_deep_nest_parses_to_the_same_document(html_notice: Notice) -> None:
    nested = bozhou_tasks.parse(deep_page(2_000))
    assert nested.text == html_notice.text
    assert nested.model_dump(exclude={"source"}) == html_notice.model_dump(exclude={"source"})


# --- a page cut short ------------------------------------------------------------------------

try:
    from bozhou_tasks import validate as _structure_checks  # noqa: F401
except ImportError:
    STRUCTURE_CHECKS = False
else:
    STRUCTURE_CHECKS = True

PARSE_TIME_CODES = {
    "unparsed-line",
    "measure-number-out-of-sequence",
    "measure-empty",
    "measures-heading-variant",
    "injected-spam",
    "input-cut-short",
    "page-cut-short",
}
"""Findings the parser itself makes; structure checks (plan-item-count-mismatch …) come on top."""

CUT_HEADLINE = "实施“教室光环境达标工程”,对利辛县"
"""What is left of item 23's headline: the page is cut inside the next character, 中."""


def cut_page() -> bytes:
    raw = PAGE_HTML.read_bytes()
    at = raw.index(("(二十三)" + CUT_HEADLINE).encode()) + len(("(二十三)" + CUT_HEADLINE).encode())
    assert raw[at : at + 3] == "中".encode()
    return raw[: at + 1]  # one byte into 中: a download that stopped mid-character


def cut_capture() -> bytes:
    text = TXT[: TXT.index("(二十三)" + CUT_HEADLINE) + len("(二十三)" + CUT_HEADLINE)]
    return text.encode("utf-8")


@pytest.fixture(scope="module", params=["page cut mid-character", "text capture cut mid-line"])
def cut(request: pytest.FixtureRequest) -> tuple[str, Notice]:
    source = cut_page() if request.param.startswith("page") else cut_capture()
    return request.param, bozhou_tasks.parse(source)


def test_a_cut_page_keeps_what_is_there(cut: tuple[str, Notice], html_notice: Notice) -> None:
    _, notice = cut
    assert [item.number for item in notice.items] == list(range(1, 24))
    assert content(notice)["items"][:22] == content(html_notice)["items"][:22]
    assert [(c.number, c.item_numbers) for c in notice.categories] == [
        (1, [1, 2, 3]),
        (2, [4, 5, 6, 7, 8]),
        (3, list(range(9, 21))),
        (4, [21, 22, 23]),
    ]
    last = notice.item(23)
    assert (last.text, last.headline, last.lead_units, last.measures) == (
        "(二十三)" + CUT_HEADLINE,
        CUT_HEADLINE,
        [],
        [],
    )
    assert notice.text.rstrip().endswith("(二十三)" + CUT_HEADLINE)
    assert notice.unparsed == []
    assert [b.role for b in notice.blocks if b.role == "footer"] == []
    assert_lossless(notice)
    assert_spans_slice(notice)


def test_a_cut_page_reports_how_it_ends(cut: tuple[str, Notice]) -> None:
    name, notice = cut
    found = [(f.severity, f.code, f.item) for f in notice.findings if f.code in PARSE_TIME_CODES]
    expected = [
        ("warning", "measure-number-out-of-sequence", 12),
        ("warning", "measure-number-out-of-sequence", 12),
        ("info", "measures-heading-variant", 22),
    ]
    if name.startswith("page"):
        expected.append(("warning", "input-cut-short", None))
        (cut_short,) = [f for f in notice.findings if f.code == "input-cut-short"]
        assert cut_short.message == (
            "the input ends in the middle of a character (1 byte(s) left over), so the file looks cut short and the "
            "end of the page may be missing; the text is kept up to the last whole character: save or download the "
            "page again"
        )
        assert cut_short.span == (len(notice.text), len(notice.text))
    expected.append(("warning", "page-cut-short", 23))
    assert found == expected


@pytest.mark.skipif(not STRUCTURE_CHECKS, reason="structure checks not available")
def test_a_cut_page_is_one_warning_that_says_where_it_ends(cut: tuple[str, Notice]) -> None:
    """The counts that the cut explains are part of the warning, not errors of their own."""
    _, notice = cut
    assert notice.plan is not None
    assert notice.plan.ends_inside_item == 23
    found = [(f.severity, f.message) for f in notice.findings if f.code == "page-cut-short"]
    assert found == [
        (
            "warning",
            "the page ends inside item 23; the plan declares 50 items, 23 are on the page; category 四 (教育惠民) "
            "declares 5, 3 are on the page: the rest of the plan is not on this page (an excerpt, or a page that "
            "did not finish loading); save the whole page to read all of it",
        )
    ]
    assert [f for f in notice.findings if f.severity == "error"] == []
