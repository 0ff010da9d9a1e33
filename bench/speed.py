"""A warm parse against just reading the page (BeautifulSoup, and lxml as the floor), against
trafilatura, and writing the document (JSON, YAML) against the parse it writes."""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html
from bs4 import BeautifulSoup

import bozhou_tasks
from bench.common import PAGE, TIMES, Row, ratio_row, warm_timings
from bozhou_tasks.export import documents as export

MEASURES_HEADING_LINE = re.compile(r"^\s*推进(?:措施|举措)\s*[::]?\s*$", re.MULTILINE)
"""A line that only says 推进措施: (or its variant), as each item's measures begin on the page."""


def measure(runs: int) -> list[Row]:
    """Median of `runs` warm runs of `bozhou_tasks.parse(page_bytes)` against the baselines on the same bytes."""
    page = PAGE.read_bytes()
    notice = bozhou_tasks.parse(page)
    functions: dict[str, Callable[[], object]] = {
        "parse": lambda: bozhou_tasks.parse(page),
        "bs4": lambda: BeautifulSoup(page, "lxml").get_text(),
        "lxml": lambda: lxml.html.fromstring(page).text_content(),
        "json": lambda: export.to_json(notice),
        "yaml": lambda: export.to_yaml(notice),
    }
    extract = _trafilatura()
    if extract is not None:
        functions["trafilatura"] = lambda: extract(page)
    timings = warm_timings(functions, runs)
    medians = {name: timing.wall for name, timing in timings.items()}

    def cpu(measured: str, baseline: str) -> tuple[float, float]:
        return timings[measured].cpu, timings[baseline].cpu

    ours = sum(1 for item in notice.items if item.measures_heading)
    on_page = len(MEASURES_HEADING_LINE.findall(BeautifulSoup(page, "lxml").get_text("\n")))
    rows = [
        ratio_row(
            "parse vs BeautifulSoup(page, 'lxml').get_text()",
            medians["parse"],
            medians["bs4"],
            baseline_name="get_text",
            at_most=1.0,
            note=f"median of {runs} warm runs each; parse builds the whole checked document",
            cpu=cpu("parse", "bs4"),
        ),
        ratio_row(
            "parse vs lxml.html.fromstring(page).text_content()",
            medians["parse"],
            medians["lxml"],
            baseline_name="text_content",
            note="the floor of just reading the page: lxml's C parser and text, no Python walk; "
            f"BeautifulSoup's get_text takes {medians['bs4'] / medians['lxml']:.1f} times as long",
            cpu=cpu("parse", "lxml"),
        ),
        ratio_row(
            "writing YAML vs the parse it writes",
            medians["yaml"],
            medians["parse"],
            baseline_name="parse",
            at_most=0.3,
            note="export.to_yaml(notice) of the parsed page, text in memory",
            cpu=cpu("yaml", "parse"),
        ),
        ratio_row(
            "writing JSON vs the parse it writes",
            medians["json"],
            medians["parse"],
            baseline_name="parse",
            at_most=0.1,
            note="export.to_json(notice) of the parsed page, text in memory",
            cpu=cpu("json", "parse"),
        ),
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
                cpu=cpu("parse", "trafilatura"),
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
