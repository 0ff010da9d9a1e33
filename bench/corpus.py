"""A corpus of distinct variants of the page, parsed with one worker and with two.

Each variant scales the counts of people and things on the page (3.5万人, 8700人, 1332名 …)
by a factor from 2 to 9 and stamps its own number into the index number, so every file
is distinct while breakdowns still add up and rates are untouched.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from bench.common import PAGE, Row, TreeRun, bz_tasks, ratio_row, run_tree, wait_for_quiet, warm_timings

COUNT = re.compile(
    r"""(?<![\d.])(?P<number>\d+(?:\.\d+)?)   # a number not part of a longer one
    (?=万?(?:人次|人|名|个|所|户|家|套|处|座|辆|台|张|间|场))  # counting people or things, not money or rates
    """,
    re.VERBOSE,
)
INDEX_NO = re.compile(r"(?P<prefix>[0-9A-Z]{18}/\d{6}-)\d{5}(?=<)")
"""The serial at the end of the index number (索引号), e.g. 11341600MB05708556/202404-00006."""


def variant(page: str, number: int) -> str:
    """Variant `number` of `page`: counts scaled by 2 + number % 8, the index number's serial set to `number`."""
    factor = 2 + number % 8

    def scale(match: re.Match[str]) -> str:
        value = Decimal(match["number"]) * factor
        return str(value.to_integral_value()) if value == value.to_integral_value() else str(value.normalize())

    varied = COUNT.sub(scale, page)
    return INDEX_NO.sub(lambda match: f"{match['prefix']}{number % 100_000:05d}", varied)


def write_corpus(folder: Path, pages: int) -> None:
    """`pages` distinct variants of the bundled page in `folder` (checked distinct by hash)."""
    page = PAGE.read_text(encoding="utf-8")
    digests = set()
    for number in range(pages):
        data = variant(page, number).encode("utf-8")
        digests.add(hashlib.sha256(data).digest())
        (folder / f"variant-{number:05d}.html").write_bytes(data)
    if len(digests) != pages:
        raise RuntimeError(f"only {len(digests)} of the {pages} variants are distinct")


def measure(pages: int, small: int, rounds: int = 2, quiet_timeout: float = 0.0) -> list[Row]:
    """Parse corpora of `small` and `pages` variants with `--jobs 1` and `--jobs 2`.

    Each size is parsed `rounds` times with each worker count, taking turns; the fastest
    time and the highest memory of each are kept (the fastest is the one least disturbed
    by whatever else the machine was doing). Before each run it waits up to
    `quiet_timeout` seconds for the machine's other work to settle.
    """
    from bs4 import BeautifulSoup

    page = PAGE.read_bytes()
    reading = warm_timings({"get_text": lambda: BeautifulSoup(page, "lxml").get_text()}, runs=11)["get_text"]
    best: dict[tuple[int, int], TreeRun] = {}
    peak: dict[tuple[int, int], int] = {}
    with tempfile.TemporaryDirectory(prefix="bz-bench-corpus-") as temp:
        for size in sorted({small, pages}):
            corpus = Path(temp) / f"corpus-{size}"
            corpus.mkdir()
            write_corpus(corpus, size)
            for _ in range(rounds):
                for jobs in (1, 2):
                    out = Path(temp) / "out"
                    wait_for_quiet(quiet_timeout)
                    run = _parse_corpus(corpus, out, jobs, size)
                    shutil.rmtree(out)
                    key = (size, jobs)
                    if key not in best or run.seconds < best[key].seconds:
                        best[key] = run
                    peak[key] = max(peak.get(key, 0), run.peak_rss)
            shutil.rmtree(corpus)
    one, two = best[pages, 1], best[pages, 2]
    load = f"other load on the machine meanwhile: {one.other_load:.0%} and {two.other_load:.0%} of its cores"
    return [
        ratio_row(
            f"corpus of {pages}, 1 worker: time per page vs get_text of the page",
            one.seconds / pages,
            reading.wall,
            baseline_name="get_text",
            at_most=2.0,
            note=f"{pages / one.seconds:.0f} pages/s; `bz-tasks parse DIR -o OUT --jobs 1`: each page parsed, "
            f"checked, written as JSON and YAML, start-up included; fastest of {rounds}; {one.other_load:.0%} "
            "of the cores busy with other work meanwhile",
            cpu=(one.cpu_seconds / pages, reading.cpu),
        ),
        ratio_row(
            f"corpus of {pages}: speed-up of 2 workers over 1",
            one.seconds,
            two.seconds,
            baseline_name="2 workers",
            measured_name="1 worker",
            at_least=1.7,
            unit="s",
            note=f"{pages / one.seconds:.0f} → {pages / two.seconds:.0f} pages/s, fastest of {rounds} each; {load}",
        ),
        ratio_row(
            f"corpus of {pages}: CPU time of 2 workers vs 1",
            two.cpu_seconds,
            one.cpu_seconds,
            baseline_name="1 worker",
            measured_name="2 workers",
            unit="s",
            note="the work a second process adds (its start-up, handing jobs and outcomes over); "
            "on two free cores the speed-up would be about 2 divided by this",
        ),
        *(
            ratio_row(
                f"peak RSS, {pages} vs {small} pages, {jobs} worker{'s' if jobs > 1 else ''}",
                peak[pages, jobs],
                peak[small, jobs],
                baseline_name=f"{small} pages",
                at_most=1.3,
                unit="MiB",
                note=f"summed over the whole process tree, sampled from /proc; highest of {rounds}",
            )
            for jobs in (1, 2)
        ),
    ]


def _parse_corpus(corpus: Path, out: Path, jobs: int, size: int) -> TreeRun:
    result = run_tree([*bz_tasks(), "parse", str(corpus), "-o", str(out), "--jobs", str(jobs)])
    written = len(list(out.glob("*.json")))
    # Every page must be written; the exit code alone is not the test, since a command that
    # also checks the documents may exit 1 for what it finds in them.
    if written != size:
        raise RuntimeError(
            f"bz-tasks parse of {size} variants with --jobs {jobs} wrote {written} documents "
            f"(exit {result.returncode}): {result.stderr[-1000:]}"
        )
    return result
