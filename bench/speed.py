"""Benchmarks 1 and 2: a warm parse against just reading the page, and against trafilatura."""

from __future__ import annotations

import re
from collections.abc import Callable

from bs4 import BeautifulSoup

import bozhou_tasks
from bench.common import PAGE, TIMES, Row, ratio_row, warm_medians

MEASURES_HEADING_LINE = re.compile(r"^\s*推进(?:措施|举措)\s*[::]?\s*$", re.MULTILINE)
"""A line that only says 推进措施: (or its variant), as each item's measures begin on the page."""


def measure(runs: int) -> list[Row]:
    """Median of `runs` warm runs of `bozhou_tasks.parse(page_bytes)` against the baselines on the same bytes."""
    page = PAGE.read_bytes()
    functions: dict[str, Callable[[], object]] = {
        "parse": lambda: bozhou_tasks.parse(page),
        "bs4": lambda: BeautifulSoup(page, "lxml").get_text(),
    }
    extract = _trafilatura()
    if extract is not None:
        functions["trafilatura"] = lambda: extract(page)
    medians = warm_medians(functions, runs)
    notice = bozhou_tasks.parse(page)
    ours = sum(1 for item in notice.items if item.measures_heading)
    on_page = len(MEASURES_HEADING_LINE.findall(BeautifulSoup(page, "lxml").get_text("\n")))
    rows = [
        ratio_row(
            "parse vs BeautifulSoup(page, 'lxml').get_text()",
            medians["parse"],
            medians["bs4"],
            baseline_name="get_text",
            at_most=1.5,
            note=f"median of {runs} warm runs each; parse builds the whole checked document",
        )
    ]
    if extract is None:
        rows.append(
            Row(
                "parse vs trafilatura.extract()",
                "",
                "",
                None,
                goal=f"≤ 1{TIMES}",
                note="skipped: trafilatura is not installed (pip install -e '.[bench]')",
            )
        )
    else:
        kept = len(MEASURES_HEADING_LINE.findall(extract(page) or ""))
        rows.append(
            ratio_row(
                "parse vs trafilatura.extract()",
                medians["parse"],
                medians["trafilatura"],
                baseline_name="extract",
                at_most=1.0,
                note=f"measures headings kept: parse {ours} of {on_page}, trafilatura {kept} of {on_page}",
            )
        )
    return rows


def _trafilatura() -> Callable[[bytes], str | None] | None:
    try:
        from trafilatura import extract
    except ImportError:
        return None
    function: Callable[[bytes], str | None] = extract
    return function
