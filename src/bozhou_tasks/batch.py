"""Parse many pages: one outcome per page, in input order, in one process or several.

A corpus is streamed. Each job parses one page (and its twins, other saves of the same
page), writes the documents and hands back only a small `Outcome`; no document outlives
its job, so memory stays flat however many pages there are. Outcomes come back in input
order whatever the number of workers, so `--jobs 1` and `--jobs 8` print the same lines
and write the same files. A page that fails is an outcome with an error; the rest go on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .errors import BzTasksError

if TYPE_CHECKING:
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
        description = describe(notice) if describe else ""
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
    severities = [finding.severity for finding in notice.findings]
    return Outcome(
        paths=job.paths,
        written=tuple(written),
        description=description,
        items=len(notice.items),
        findings=(severities.count("error"), severities.count("warning"), severities.count("info")),
    )


def _source(path: str, job: Job) -> bytes | Path:
    if path != "-":
        return Path(path)
    if job.stdin is None:
        raise BzTasksError("-: standard input was not read; pass its bytes in Job.stdin")
    return job.stdin


def run(
    jobs: Sequence[Job], workers: int = 1, describe: Describe | None = None, debug: bool = False
) -> Iterator[Outcome]:
    """The outcome of each job, in the order of `jobs`, as soon as it and those before it are done.

    With `workers` > 1 the jobs run in that many processes; only jobs and outcomes
    cross between processes, never documents.
    """
    work = partial(parse_job, describe=describe, debug=debug)
    workers = min(workers, len(jobs))
    if workers <= 1:
        yield from map(work, jobs)
        return
    executor = ProcessPoolExecutor(max_workers=workers)
    finished = False
    try:
        yield from executor.map(work, jobs, chunksize=chunk_size(len(jobs), workers))
        finished = True
    finally:
        # On an interrupt or an early stop, drop the queued jobs instead of finishing them.
        executor.shutdown(wait=finished, cancel_futures=not finished)


def chunk_size(jobs: int, workers: int) -> int:
    """Jobs sent to a worker at a time: few round trips, yet every worker busy to the end."""
    return max(1, min(8, jobs // (workers * 16)))


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
