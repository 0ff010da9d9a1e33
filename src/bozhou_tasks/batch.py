"""Parse many pages: one outcome per page, in input order, in one process or several.

A corpus is streamed. Each job parses one page (and its twins, other saves of the same
page), writes the documents and hands back only a small `Outcome`; no document outlives
its job, so memory stays flat however many pages there are. Outcomes come back in input
order whatever the number of workers, so `--jobs 1` and `--jobs 8` print the same lines
and write the same files. A page that fails is an outcome with an error; the rest go on.

Stopping: worker processes ignore Ctrl-C and leave the decision to the main process.
When it is interrupted (Ctrl-C, or a `Stopped` raised by the CLI's signal handlers) it
stops the workers at once and raises `Stopped` with the outcomes of the jobs that had
finished but were not yet handed out, so that the caller can say what was written. A
stopped worker removes its temporary files first. A worker whose main process is killed
outright (SIGKILL) notices within a fifth of a second and stops too, so no worker outlives
the run or keeps its output pipe open.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .errors import BzTasksError
from .interrupt import Stopped, held, on_signals

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from .models import Notice

SEVERITIES = ("error", "warning", "info")


class TwinMismatchError(BzTasksError):
    """Two saves of the same page parse to different content."""


@dataclass(frozen=True)
class Job:
    """One page to parse and write, with its twins (other saves that must say the same)."""

    paths: tuple[str, ...]
    """The page first (the one written), then its twins; '-' is standard input."""
    out_dir: Path
    stem: str
    """Documents are written to `out_dir/<stem>.json` and `.yaml`."""
    stdin: bytes | None = None
    """The bytes of '-', read by the caller: worker processes have no standard input."""


@dataclass(frozen=True)
class Outcome:
    """What became of a job: the files written and what they hold, or the error."""

    paths: tuple[str, ...]
    written: tuple[Path, ...] = ()
    error: str | None = None
    description: str = ""
    """One-line description of the document, from the caller's `describe`."""
    items: int = 0
    findings: tuple[int, int, int] = (0, 0, 0)
    """Findings by severity: errors, warnings, info."""

    @property
    def ok(self) -> bool:
        return self.error is None


Describe = Callable[["Notice"], str]
"""Turns a parsed notice into its one-line description (a module-level function, so that it pickles)."""


def parse_job(job: Job, describe: Describe | None = None, debug: bool = False) -> Outcome:
    """Parse the job's page and twins, check that they agree, and write the page's documents.

    Errors become the outcome's `error` (bugs too, so one odd page never stops a corpus);
    with `debug` they are raised instead, traceback and all.
    """
    from .export.documents import write_document
    from .pipeline import content_differences, parse

    primary, *others = job.paths
    try:
        notice = parse(_source(primary, job))
        for other in others:
            differences = content_differences(notice, parse(_source(other, job)))
            if differences:
                raise TwinMismatchError(f"{other} does not say the same as {primary}: {'; '.join(differences[:5])}")
        written = write_document(notice, job.out_dir, job.stem)
        outcome = _outcome(job, notice, tuple(written), describe)
    except BzTasksError as exc:
        if debug:
            raise
        return Outcome(paths=job.paths, error=str(exc))
    except Exception as exc:  # a bug, not bad input: keep going, say so
        if debug:
            raise
        return Outcome(
            paths=job.paths,
            error=f"{primary}: internal error ({type(exc).__name__}: {exc}); "
            "rerun with --debug and report the traceback",
        )
    return outcome


def _outcome(job: Job, notice: Notice, written: tuple[Path, ...], describe: Describe | None) -> Outcome:
    severities = [finding.severity for finding in notice.findings]
    return Outcome(
        paths=job.paths,
        written=written,
        description=describe(notice) if describe else "",
        items=len(notice.items),
        findings=(severities.count("error"), severities.count("warning"), severities.count("info")),
    )


def _written_before_the_stop(job: Job, since: int, describe: Describe | None) -> Outcome | None:
    """The outcome of a job whose worker wrote its page but was stopped before it could say so, else None.

    The page's JSON and YAML are there, both written since `since` (nanoseconds): this run wrote them.
    """
    written = (job.out_dir / f"{job.stem}.json", job.out_dir / f"{job.stem}.yaml")
    try:
        if not all(path.stat().st_mtime_ns >= since for path in written):
            return None
        from .export.documents import read_document  # only now: the main process of a parallel run has not loaded it

        notice = read_document(written[0])
    except (OSError, BzTasksError):
        return None
    return _outcome(job, notice, written, describe)


def _source(path: str, job: Job) -> bytes | Path:
    if path != "-":
        return Path(path)
    if job.stdin is None:
        raise BzTasksError("-: standard input was not read; pass its bytes in Job.stdin")
    return job.stdin


IN_FLIGHT = 4
"""Jobs sent ahead per worker: every worker stays busy, and few jobs are lost to a stop."""

WATCH_PARENT_EVERY = 0.2
"""Seconds between a worker's checks that its main process is still there."""


def run(
    jobs: Sequence[Job], workers: int = 1, describe: Describe | None = None, debug: bool = False
) -> Iterator[Outcome]:
    """The outcome of each job, in the order of `jobs`, as soon as it and those before it are done.

    With `workers` > 1 the jobs run in that many processes; only jobs and outcomes
    cross between processes, never documents. Interrupted, it raises `Stopped` (see the
    module's docstring).
    """
    work = partial(parse_job, describe=describe, debug=debug)
    workers = min(workers, len(jobs))
    if workers <= 1:
        started = time.time_ns()
        for job in jobs:
            try:
                outcome = work(job)
            except (KeyboardInterrupt, Stopped) as exc:  # the page may be written: a stop waits for its renames
                signum = exc.signum if isinstance(exc, Stopped) else signal.SIGINT
                late = _written_before_the_stop(job, started, describe)
                raise Stopped(signum, (late,) if late else ()) from None
            yield outcome
        return
    from concurrent.futures import ProcessPoolExecutor

    executor = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(os.getpid(),))
    window: deque[tuple[Job, Future[Outcome]]] = deque()
    queued = iter(jobs)
    started = time.time_ns()
    try:
        window.extend((job, executor.submit(work, job)) for job in islice(queued, workers * IN_FLIGHT))
        while window:
            outcome = window[0][1].result()
            with held():  # a stop must not cut the pool's bookkeeping in two
                window.extend((job, executor.submit(work, job)) for job in islice(queued, 1))
            try:
                yield outcome
            finally:
                window.popleft()  # handed out (a stop thrown in here came after the caller had it)
    except (KeyboardInterrupt, Stopped) as exc:
        with held():  # a second Ctrl-C must not cut the stopping short
            _stop_workers(executor)
            signum = exc.signum if isinstance(exc, Stopped) else signal.SIGINT
            raise Stopped(signum, _finished(window, started, describe)) from None
    except BaseException:  # a failure, or the caller stopped early: drop what is left
        _stop_workers(executor)
        raise
    executor.shutdown(wait=True)


def run_each(
    jobs: Sequence[Job],
    handle: Callable[[Outcome], None],
    workers: int = 1,
    describe: Describe | None = None,
    debug: bool = False,
) -> int | None:
    """Run the jobs (see `run`) and hand each outcome to `handle`, in order.

    Returns None when every job ran, or the number of the signal that stopped the run. A
    stop never cuts `handle` short (signals wait until it returns), and the outcomes of
    jobs that had finished when the run stopped are handed over before this returns, so
    `handle` sees every page that was written.
    """
    outcomes = run(jobs, workers, describe, debug)
    assert isinstance(outcomes, Generator)
    try:
        for outcome in outcomes:
            with held():
                handle(outcome)
    except (Stopped, KeyboardInterrupt) as exc:
        stop = exc if isinstance(exc, Stopped) else Stopped(signal.SIGINT)
        try:
            outcomes.throw(stop)  # a stop while `handle` ran: the run stops its workers and says what finished
        except Stopped as stopped:
            stop = stopped
        with held():
            for outcome in stop.finished:
                if isinstance(outcome, Outcome):
                    handle(outcome)
        return stop.signum
    return None


def _finished(
    window: deque[tuple[Job, Future[Outcome]]], started: int, describe: Describe | None
) -> tuple[Outcome, ...]:
    """The outcomes of the jobs in `window` that were done, in order, once the pool has read the last results.

    A worker stopped between writing its page and sending its outcome leaves the page on
    disk: such a page is found there, so that every page written is told.
    """
    from concurrent.futures import wait

    # without workers, the pool settles every future it started (wait() never counts a cancelled one as done)
    wait([future for _, future in window if not future.cancelled()], timeout=2)
    finished = []
    for job, future in window:
        if future.done() and not future.cancelled() and not future.exception():
            finished.append(future.result())
        elif (outcome := _written_before_the_stop(job, started, describe)) is not None:
            finished.append(outcome)
    return tuple(finished)


def _stop_workers(executor: ProcessPoolExecutor) -> None:
    """Stop every worker now: SIGTERM (a worker removes its temporary files and exits), SIGKILL if it lingers."""
    processes = list((getattr(executor, "_processes", None) or {}).values())  # the pool has no public list
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(OSError, ValueError):
            process.terminate()
    deadline = time.monotonic() + 2
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AssertionError):
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(1)


def _start_worker(parent: int) -> None:
    """Set up a worker process: no Ctrl-C, a clean exit on SIGTERM, and an eye on its main process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process decides what a Ctrl-C stops
    on_signals(_stop_worker, (signal.SIGTERM,))
    with contextlib.suppress(OSError):  # a worker never prints: it must not hold the output pipe open
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    main_thread = threading.get_ident()
    threading.Thread(target=_watch_parent, args=(parent, main_thread), daemon=True).start()


def _stop_worker(signum: int) -> None:
    from .export.documents import remove_staged

    remove_staged()
    os._exit(128 + signum)


def _watch_parent(parent: int, main_thread: int) -> None:
    """Stop this worker when its main process is gone (killed outright, it could not stop it)."""
    if hasattr(signal, "pthread_sigmask"):  # signals to the process go to its main thread, not this one
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    while os.getppid() == parent:
        time.sleep(WATCH_PARENT_EVERY)
    if hasattr(signal, "pthread_kill"):
        signal.pthread_kill(main_thread, signal.SIGTERM)  # the handler runs in the main thread, between steps
    else:
        _stop_worker(signal.SIGTERM)


@dataclass
class Tally:
    """Running totals of a batch, for the summary table at its end."""

    written: int = 0
    failed: int = 0
    items: int = 0
    findings: list[int] = field(default_factory=lambda: [0, 0, 0])

    def add(self, outcome: Outcome) -> None:
        if not outcome.ok:
            self.failed += 1
            return
        self.written += 1
        self.items += outcome.items
        self.findings = [total + count for total, count in zip(self.findings, outcome.findings, strict=True)]

    def table(self) -> list[str]:
        """The summary as aligned lines: pages written and failed, items and findings in what was written."""
        errors, warnings, info = self.findings
        rows = [
            ("", "pages", "items", "errors", "warnings", "info"),
            ("written", self.written, self.items, errors, warnings, info),
            ("failed", self.failed, "", "", "", ""),
            ("total", self.written + self.failed, self.items, errors, warnings, info),
        ]
        widths = [max(len(str(row[column])) for row in rows) for column in range(len(rows[0]))]
        return [
            "  ".join(
                str(cell).ljust(width) if column == 0 else str(cell).rjust(width)
                for column, (cell, width) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
            for row in rows
        ]


class ProgressBar:
    """A one-line progress bar on a terminal; silent on anything else (a pipe, a file, a test).

    Call `clear()` before printing to the same terminal; the next `advance()` redraws it.
    """

    def __init__(self, total: int, stream: TextIO, label: str = "parsing", width: int = 30, show: bool = True) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.label = label
        self.width = width
        self.enabled = show and _is_terminal(stream)
        self._drawn = False
        self._started = time.monotonic()
        self._last_draw = 0.0

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled:
            return
        now = time.monotonic()
        if self._drawn and now - self._last_draw < 0.1 and self.done < self.total:
            return  # at most ten redraws a second
        self._last_draw = now
        self.stream.write("\r" + self.line(now - self._started) + "\x1b[K")
        self.stream.flush()
        self._drawn = True

    def line(self, elapsed: float) -> str:
        """The bar's text: '[#####.....] 10/20 50% 12.5 pages/s'."""
        fraction = self.done / self.total if self.total else 1.0
        filled = round(self.width * fraction)
        rate = f" {self.done / elapsed:.1f} pages/s" if elapsed > 0 and self.done else ""
        bar = "#" * filled + "." * (self.width - filled)
        return f"{self.label} [{bar}] {self.done}/{self.total} {fraction:.0%}{rate}"

    def make_room(self, stream: TextIO) -> None:
        """Clear the bar if `stream` writes to a terminal too; call it before writing there."""
        if self._drawn and _is_terminal(stream):
            self.clear()

    def clear(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.clear()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or not a real file
        return False
