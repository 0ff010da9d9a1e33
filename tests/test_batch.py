"""Parsing a folder of pages: failures isolated, a summary table, the same result with any number of workers."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bozhou_tasks import batch, pipeline
from bozhou_tasks.cli import app
from bozhou_tasks.models import Notice

from .conftest import PAGE_HTML, PAGE_TXT

runner = CliRunner()

SUMMARY = "10 categories, 50 items, 163 measures; findings: 0 errors, 5 warnings, 1 info"
PDF_ERROR = "this is a PDF file, not a web page or text; save the notice from the browser as HTML or text and try again"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Three good pages (one of them saved twice) and, sorted between them, a PDF saved as .html."""
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(PAGE_HTML, pages / "a.html")
    shutil.copy(PAGE_TXT, pages / "a.txt")  # a's twin: parsed and compared, not written
    (pages / "b.html").write_bytes(b"%PDF-1.7 not a page")
    shutil.copy(PAGE_TXT, pages / "c.txt")
    shutil.copy(PAGE_HTML, pages / "d.htm")
    return pages


def test_one_broken_page_does_not_stop_the_others(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["parse", str(corpus), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"error: {corpus}/b.html: {PDF_ERROR}\n"
    assert result.stdout.splitlines() == [
        f"{corpus}/a.html (same as {corpus}/a.txt) -> {out}/a.{{json,yaml}}: {SUMMARY}",
        f"{corpus}/c.txt -> {out}/c.{{json,yaml}}: {SUMMARY}",
        f"{corpus}/d.htm -> {out}/d.{{json,yaml}}: {SUMMARY}",
        "         pages  items  errors  warnings  info",
        "written      3    150       0        15     3",
        "failed       1",
        "total        4    150       0        15     3",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "a.yaml", "c.json", "c.yaml", "d.json", "d.yaml"]


def test_no_progress_bar_when_stderr_is_not_a_terminal(corpus: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(corpus), "-o", str(tmp_path / "out")])
    assert "\r" not in result.output
    assert "parsing [" not in result.output


def test_progress_bar_on_a_terminal_goes_to_stderr(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "_is_terminal", lambda stream: stream is not None)
    result = runner.invoke(app, ["parse", str(corpus), "-o", str(tmp_path / "out")])
    assert "parsing [" not in result.stdout
    assert result.stderr.startswith("\rparsing [")
    assert "4/4 100%" in result.stderr
    assert f"\r\x1b[Kerror: {corpus}/b.html: " in result.stderr  # the bar is cleared before the error line
    assert result.stderr.endswith("\r\x1b[K")  # and cleared at the end


def test_two_workers_write_and_print_the_same_as_one(corpus: Path, tmp_path: Path) -> None:
    one = runner.invoke(app, ["parse", str(corpus), "-o", str(tmp_path / "one")])
    two = runner.invoke(app, ["parse", str(corpus), "-o", str(tmp_path / "two"), "--jobs", "2"])
    assert two.exit_code == one.exit_code == 1
    assert two.stdout == one.stdout.replace(f"{tmp_path}/one/", f"{tmp_path}/two/")
    assert two.stderr == one.stderr
    written = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == written
    for name in written:
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name


def test_standard_input_among_files_with_two_workers(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["parse", "-", str(PAGE_HTML), "-o", str(tmp_path), "-j", "2"], input=PAGE_TXT.read_bytes()
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"- -> {tmp_path}/stdin-281d92c8e13a.{{json,yaml}}: {SUMMARY}"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bozhou-2024-50.json",
        "bozhou-2024-50.yaml",
        "stdin-281d92c8e13a.json",
        "stdin-281d92c8e13a.yaml",
    ]


def test_jobs_must_be_at_least_one(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(PAGE_TXT), "-o", str(tmp_path), "--jobs", "0"])
    assert result.exit_code == 2
    assert "Invalid value for '--jobs' / '-j': Input should be greater than or equal to 1" in result.output


def test_a_bug_on_one_page_is_that_page_s_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(source: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(pipeline, "parse", broken)
    job = batch.Job(("odd.html",), tmp_path, "odd")
    assert batch.parse_job(job) == batch.Outcome(
        paths=("odd.html",),
        error="odd.html: internal error (ZeroDivisionError: boom); rerun with --debug and report the traceback",
    )
    with pytest.raises(ZeroDivisionError):
        batch.parse_job(job, debug=True)
    assert list(tmp_path.iterdir()) == []


def _categories(notice: Notice) -> str:
    return f"{len(notice.categories)} categories"


def test_outcomes_carry_counts_not_documents(tmp_path: Path) -> None:
    outcome = batch.parse_job(batch.Job((str(PAGE_HTML), str(PAGE_TXT)), tmp_path, "page"), describe=_categories)
    assert (outcome.ok, outcome.items, outcome.findings, outcome.description) == (True, 50, (0, 5, 1), "10 categories")
    assert outcome.written == (tmp_path / "page.json", tmp_path / "page.yaml")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_and_clears_on_a_terminal() -> None:
    screen = _Terminal()
    with batch.ProgressBar(3, screen) as progress:
        progress.advance()
        progress.advance()  # within a tenth of a second of the first draw: not redrawn
        progress.advance()  # the last one always is
    drawn = screen.getvalue().split("\r")
    assert drawn[0] == ""
    assert drawn[1].startswith("parsing [##########....................] 1/3 33% ")
    assert drawn[2].startswith("parsing [##############################] 3/3 100% ")
    assert drawn[3:] == ["\x1b[K"]


def test_progress_bar_line() -> None:
    progress = batch.ProgressBar(20, io.StringIO())
    progress.done = 5
    assert progress.line(2.0) == "parsing [########......................] 5/20 25% 2.5 pages/s"


@pytest.mark.parametrize(
    ("stream", "show"), [(io.StringIO(), True), (_Terminal(), False)], ids=["pipe", "terminal-but-one-page"]
)
def test_progress_bar_is_silent_off_a_terminal(stream: io.StringIO, show: bool) -> None:
    with batch.ProgressBar(2, stream, show=show) as progress:
        progress.advance()
        progress.make_room(stream)
    assert stream.getvalue() == ""


def test_summary_table() -> None:
    tally = batch.Tally()
    tally.add(batch.Outcome(paths=("a",), items=50, findings=(1, 5, 1)))
    tally.add(batch.Outcome(paths=("b",), error="b: broken"))
    tally.add(batch.Outcome(paths=("c",), items=30, findings=(0, 12, 0)))
    assert tally.table() == [
        "         pages  items  errors  warnings  info",
        "written      2     80       1        17     1",
        "failed       1",
        "total        3     80       1        17     1",
    ]
