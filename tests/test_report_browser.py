"""The report in a real browser: headless Chromium opens it; the test checks what a reader sees.

Skipped, with the reason, where Chromium is not installed (`.ci/run` installs the Debian
package `chromium`). Each run uses a fresh profile and no network.
"""

from __future__ import annotations

import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import pytest

from bozhou_tasks.export.html_report import report_html
from bozhou_tasks.models import Notice

from .browser import CHROMIUM, FLAGS, Page
from .handmade import with_extractions
from .test_report import parse, value_count
from .test_tables import ID

WINDOW = (1100, 1400)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (Debian package 'chromium'; .ci/run installs it)"
)


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory(prefix="bz-tasks-chromium-") as profile:
        return subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


def console_messages(stderr: str) -> list[str]:
    """What the page logged to the console (errors, CSP violations, uncaught exceptions)."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def png_size_and_colours(path: Path) -> tuple[tuple[int, int], int]:
    """A PNG's width and height, and how many distinct byte values its pixel data holds."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    idat = b""
    offset = 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            idat += data[offset + 8 : offset + 8 + length]
        offset += 12 + length
    return (width, height), len(set(zlib.decompress(idat)))


def open_report(notice: Notice, folder: Path) -> tuple[Notice, Path, str, str]:
    """Write the report and open it in Chromium: (notice, report path, DOM after load, stderr)."""
    path = folder / "report.html"
    path.write_text(report_html(notice, ID), encoding="utf-8")
    result = chromium("--enable-logging=stderr", "--v=0", "--dump-dom", path.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    return notice, path, result.stdout, result.stderr


@pytest.fixture(scope="module")
def page_opened(html_notice: Notice, tmp_path_factory: pytest.TempPathFactory) -> tuple[Notice, Path, str, str]:
    return open_report(html_notice, tmp_path_factory.mktemp("report-page"))


@pytest.fixture(scope="module")
def handmade_opened(html_notice: Notice, tmp_path_factory: pytest.TempPathFactory) -> tuple[Notice, Path, str, str]:
    return open_report(with_extractions(html_notice), tmp_path_factory.mktemp("report-handmade"))


@pytest.fixture(params=["page", "handmade"])
def opened(request: pytest.FixtureRequest) -> tuple[Notice, Path, str, str]:
    """The bundled page's report, and the report of a copy with hand-made extractions."""
    value: tuple[Notice, Path, str, str] = request.getfixturevalue(f"{request.param}_opened")
    return value


def test_all_items_and_highlights_are_in_the_rendered_page(opened: tuple[Notice, Path, str, str]) -> None:
    notice, _, dom, _ = opened
    page = parse(dom)
    assert page.tags["article"] == 50
    assert [f"item-{n}" in page.ids for n in range(1, 51)] == [True] * 50
    assert page.classes["mark.hl"] == value_count(notice)
    assert page.classes["span.finding"] == len(notice.findings)


def test_the_handmade_values_are_highlighted_in_the_browser(handmade_opened: tuple[Notice, Path, str, str]) -> None:
    page = parse(handmade_opened[2])
    assert page.classes["mark.hl"] == 31
    assert page.classes["mark.part"] == 20
    assert page.tags["svg"] == 5


def test_no_console_errors(opened: tuple[Notice, Path, str, str]) -> None:
    *_, stderr = opened
    assert console_messages(stderr) == []


def test_console_errors_would_be_seen(tmp_path: Path) -> None:
    """The check above can fail: a page that breaks the report's rules is caught."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
        '<link rel="stylesheet" href="https://cdn.example.invalid/x.css"></head><body>x</body></html>',
        encoding="utf-8",
    )
    result = chromium("--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri())
    assert any("Content Security Policy" in line for line in console_messages(result.stderr))


def test_screenshot(opened: tuple[Notice, Path, str, str]) -> None:
    _, path, _, _ = opened
    shot = path.with_suffix(".png")
    result = chromium(f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--screenshot={shot}", path.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    size, colours = png_size_and_colours(shot)
    assert size == WINDOW
    assert colours > 100, f"{shot} looks blank"
    print(f"screenshot: {shot}")


# --- a reader at a phone's width and at a desktop's, driven over the DevTools protocol ----------

WIDTHS = [("phone", 390, 844, True), ("desktop", 1100, 900, False)]
VISIBLE_TIPS = (
    "[...document.querySelectorAll('.tip')].filter(t => t.getBoundingClientRect().width > 1)"
    ".map(t => t.parentElement.id)"
)


@pytest.fixture(scope="module")
def page_report(html_notice: Notice, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report-driven") / "report.html"
    path.write_text(report_html(html_notice, ID), encoding="utf-8")
    return path


@pytest.mark.parametrize(("width", "height", "mobile"), [w[1:] for w in WIDTHS], ids=[w[0] for w in WIDTHS])
def test_nothing_is_wider_than_the_screen(page_report: Path, width: int, height: int, mobile: bool) -> None:
    """At 390 px no table pushes the page sideways: only the county table scrolls, inside its own box."""
    with Page(page_report.as_uri(), width, height, mobile=mobile) as page:
        assert page.evaluate("[innerWidth, document.documentElement.scrollWidth]") == [width, width]
        wider = page.evaluate(
            "[...document.querySelectorAll('main *, header *')].filter(e => !e.closest('.scroll')"
            f" && e.getBoundingClientRect().right > {width} + 0.5).map(e => e.tagName)"
        )
        assert wider == []


def test_the_first_value_is_near_the_top_for_the_keyboard(page_report: Path) -> None:
    with Page(page_report.as_uri(), 1100, 900) as page:
        presses = 0
        while not page.evaluate("document.activeElement.matches('mark.hl')") and presses < 100:
            page.press_tab()
            presses += 1
        assert (presses, page.evaluate("document.activeElement.id")) == (18, "i1-q1")  # skip, 6 sections, 10 categories


def test_the_skip_link_leads_to_the_first_value(page_report: Path) -> None:
    with Page(page_report.as_uri(), 390, 844, mobile=True) as page:
        page.press_tab()
        assert page.evaluate("document.activeElement.textContent") == "Skip to the first item"
        page.press_enter()
        page.press_tab()
        assert page.evaluate("document.activeElement.id") == "i1-q1"
        assert page.evaluate(VISIBLE_TIPS) == ["i1-q1"]  # focus shows its tooltip


def test_one_tooltip_at_a_time(page_report: Path) -> None:
    with Page(page_report.as_uri(), 1100, 900) as page:
        page.evaluate("document.getElementById('i1-q1').focus()")  # item 1's total, 3.5万人左右
        assert page.evaluate(VISIBLE_TIPS) == ["i1-q1"]
        page.hover("#i1-q3")  # pointer on a county's share while the total keeps the focus
        assert page.evaluate(VISIBLE_TIPS) == ["i1-q3"]
        page.move_mouse(1, 1)
        assert page.evaluate(VISIBLE_TIPS) == ["i1-q1"]
        tips = page.evaluate("['i1-q1', 'i1-q3'].map(i => document.querySelector(`#${i} > .tip`).textContent)")
        assert tips == [
            "total of 城镇新增就业: 35,000 人 (people) · approximately",  # said once, not as quantity and total
            "蒙城县 (Mengcheng County): 8,700 人 (people) · approximately · part of 城镇新增就业",
        ]


@pytest.mark.parametrize(("name", "width", "height", "mobile"), WIDTHS, ids=[w[0] for w in WIDTHS])
def test_screenshots(page_report: Path, name: str, width: int, height: int, mobile: bool) -> None:
    """The screenshots in docs/ are taken this way (docs/report-phone.png at 390 px)."""
    shot = page_report.with_name(f"report-{name}.png")
    with Page(page_report.as_uri(), width, height, mobile=mobile) as page:
        page.hover("#i1-q5")  # 谯城区8900人左右, its tooltip open
        page.screenshot(shot)
    size, colours = png_size_and_colours(shot)
    assert size == (width, height)
    assert colours > 100, f"{shot} looks blank"
    print(f"screenshot: {shot}")
