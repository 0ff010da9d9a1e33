"""A run stopped half-way: at once, saying what was written, leaving no process and no partial file behind.

Each test starts the real command in its own process group, waits until it has written a
page, and then stops it the way a user or a system does: Ctrl-C (SIGINT to the whole
group, as a terminal sends it), SIGTERM, or SIGKILL to the main process only.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bozhou_tasks import batch, cli

from .conftest import PAGE_TXT

pytestmark = pytest.mark.skipif(not Path("/proc/self").exists(), reason="reads worker processes from /proc (Linux)")

PAGES = 24
LINE = re.compile(r"^\S+/p(\d+)\.txt -> (\S+)/p\1\.\{json,yaml\}: ")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for number in range(PAGES):
        shutil.copy(PAGE_TXT, folder / f"p{number:02}.txt")
    return folder


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        with open(task / "children", encoding="ascii") as handle:  # noqa: PTH123 - a /proc file
            found.update(int(child) for child in handle.read().split())
    return found


def _running(pid: int) -> bool:
    """True while `pid` exists and is not a zombie (an exited process its parent has not reaped yet)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return False
    return "State:\tZ" not in status


@dataclass
class Run:
    """A `bz-tasks parse` under way in its own process group."""

    process: subprocess.Popen[str]
    first_line: str
    stderr: Path


def _start(corpus: Path, out: Path, jobs: int) -> Run:
    command = [sys.executable, "-m", "bozhou_tasks", "parse", str(corpus), "-o", str(out), "-j", str(jobs)]
    stderr = out.parent / f"{out.name}.stderr"
    with stderr.open("w", encoding="utf-8") as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True, start_new_session=True)
    assert process.stdout is not None
    first = process.stdout.readline()  # a page is written: the run is under way
    assert LINE.match(first), first
    return Run(process, first, stderr)


def _finish(run: Run, timeout: float = 10) -> tuple[str, str, float]:
    """Everything the run printed, read to the end of its output: no worker may hold it open."""
    assert run.process.stdout is not None
    started = time.monotonic()
    stdout = run.process.stdout.read()  # the rest, through the buffer the first line was read with
    run.process.wait(timeout)
    took = time.monotonic() - started
    return run.first_line + stdout, run.stderr.read_text(encoding="utf-8"), took


def _written(out: Path) -> Iterator[str]:
    for path in sorted(out.iterdir()):
        assert not path.name.startswith("."), f"a temporary file was left behind: {path.name}"
        yield path.name


def _check_files(out: Path, stdout: str) -> int:
    """Every page the output names is there as a JSON and YAML pair, and nothing else is."""
    pages = [LINE.match(line) for line in stdout.splitlines() if LINE.match(line)]
    expected = sorted(f"p{match[1]}.{suffix}" for match in pages if match for suffix in ("json", "yaml"))
    assert list(_written(out)) == expected, stdout
    return len(pages)


@pytest.mark.parametrize(("how", "code"), [("ctrl-c", 130), ("sigterm", 143)])
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_stopped_run_says_what_it_wrote(corpus: Path, tmp_path: Path, how: str, code: int, jobs: int) -> None:
    run = _start(corpus, tmp_path / "out", jobs)
    if how == "ctrl-c":
        os.killpg(run.process.pid, signal.SIGINT)  # as a terminal sends it: to every process of the run
    else:
        run.process.send_signal(signal.SIGTERM)
    stdout, stderr, took = _finish(run)
    assert run.process.returncode == code
    assert took < 3  # at once (a worker may finish the step it is in; the machine may be busy)
    written = _check_files(tmp_path / "out", stdout)
    assert 1 <= written < PAGES
    last = stderr.splitlines()[-1]
    assert last == f"interrupted: {written} written, 0 failed, {PAGES - written} not parsed of {PAGES} pages"
    assert "Traceback" not in stderr
    if written:
        assert stdout.splitlines()[-4:-3] == ["         pages  items  errors  warnings  info"]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["sigkill", "sigterm"])
def test_killing_a_parallel_run_leaves_no_process(corpus: Path, tmp_path: Path, sig: signal.Signals) -> None:
    out = tmp_path / "out"
    run = _start(corpus, out, 2)
    workers = _children(run.process.pid)
    assert len(workers) == 2
    run.process.send_signal(sig)
    stdout, _, took = _finish(run)  # returns: no worker keeps the output pipe open
    assert took < 5
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_running(pid) for pid in workers):
        time.sleep(0.05)
    assert [pid for pid in workers if _running(pid)] == []
    if sig == signal.SIGTERM:
        _check_files(out, stdout)
    else:  # killed outright, the main process could not print the pages its workers wrote last
        names = list(_written(out))
        stems = sorted({Path(name).stem for name in names})
        assert names == [f"{stem}.{suffix}" for stem in stems for suffix in ("json", "yaml")]
        printed = [match[1] for line in stdout.splitlines() if (match := LINE.match(line))]
        assert {f"p{number}" for number in printed} <= set(stems)


def test_ctrl_c_in_any_command_says_interrupted(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def app(**_: object) -> None:  # run() passes the run's options (obj=…)
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)  # the handler interrupts the sleep

    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    monkeypatch.setattr(cli, "app", app)
    try:
        with pytest.raises(SystemExit) as exited:
            cli.run()
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    assert exited.value.code == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_a_stop_is_not_a_page_error() -> None:
    assert not issubclass(batch.Stopped, Exception)  # no `except Exception` takes it for a failed page
