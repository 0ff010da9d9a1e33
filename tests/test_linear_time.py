"""Long lines cost linear time: no pattern backtracks catastrophically, nor does `parse`.

Times are never compared with a fixed number of seconds: each is divided by the time a
known-linear operation takes on the same input, measured in the same test, so the bound
holds on a slow CI machine as on a fast laptop. A pattern that backtracks quadratically
runs hundreds of times over the bound on a few thousand characters; one that backtracks
exponentially is caught on the smallest sizes, before it could hang the suite.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import AnyStr

import pytest

import bozhou_tasks
from bozhou_tasks.extract import patterns as quantity_patterns
from bozhou_tasks.load import decode as load
from bozhou_tasks.load import html as render
from bozhou_tasks.segment import notice as segment
from bozhou_tasks.segment import patterns
from bozhou_tasks.validate import anomalies

from .conftest import PAGE_HTML, PAGE_TXT

MODULES: tuple[ModuleType, ...] = (patterns, quantity_patterns, load, render, segment, anomalies)
"""Every module of the pipeline that compiles patterns; all their compiled patterns are tested."""

HTML = PAGE_HTML.read_text(encoding="utf-8")
TXT = PAGE_TXT.read_text(encoding="utf-8")
TEXT_LINES = [line.strip() for line in bozhou_tasks.parse(HTML.encode()).text.split("\n") if line.strip()]
MARKUP_LINES = [line.strip().encode() for line in HTML.split("\n") if line.strip()]

EXTRA_SAMPLES: dict[str, str | bytes] = {
    # patterns for which the page has no line to pump
    "decode._XML_DECLARATION": b'<?xml version="1.0" encoding="gb2312"?>',
    "html._DEPTH_LIMIT": "Excessive depth in document: 2048, use XML_PARSE_HUGE option",
}

FILLERS = (" ", "\u3000", "\xa0", "a", "1", "中", "(", "<!--a-->")
"""What is repeated inside a sample: white space of each kind, letters, digits, CJK, an opener, comments."""

LADDER = (64, 128, 1_024, 8_192)
"""Pump lengths, smallest first: exponential backtracking fails the small rungs before it can hang."""

PATTERN_BOUND = 400
"""Most a pattern may cost, as a multiple of one scan of its inputs.

The costliest linear pattern, `SPAM` (case-insensitive, a brand then many alternatives at
every position), runs about 40 scans; a quadratic one runs thousands on 1,024 characters.
"""

PARSE_BOUND = 25
"""Most `parse` may cost on a page with a 400,000-character line, as a multiple of the
time per character it takes on the bundled page (measured: about 1-3)."""


def compiled_patterns() -> Iterator[tuple[str, re.Pattern[str] | re.Pattern[bytes]]]:
    for module in MODULES:
        for name, value in sorted(vars(module).items()):
            if isinstance(value, re.Pattern):
                yield f"{module.__name__.rsplit('.', 1)[-1]}.{name}", value


PATTERNS = list(compiled_patterns())


def sample(name: str, pattern: re.Pattern[AnyStr]) -> AnyStr:
    """A line the pattern matches (a real line of the page where there is one)."""
    lines: list = list(MARKUP_LINES if isinstance(pattern.pattern, bytes) else TEXT_LINES)
    candidates = [EXTRA_SAMPLES[name], *lines] if name in EXTRA_SAMPLES else lines
    matching = [line for line in candidates if pattern.search(line)]
    return (matching or lines)[0]


def pumped(pattern: re.Pattern[AnyStr], line: AnyStr, length: int) -> list[list[AnyStr]]:
    """`line` with a run of `length` characters inserted at, and next to, where the match's groups start and end.

    Each run is followed once by the rest of the line and once by a character that makes
    the match fail, which is what drives a backtracking engine to try every split. The
    inputs come in one batch per cut, so that one slow cut is not averaged away.
    """
    as_bytes = isinstance(line, bytes)
    match = pattern.search(line)
    edges = {0, len(line)}
    if match:
        for group in range(pattern.groups + 1):
            if match.start(group) >= 0:
                edges |= {match.start(group), match.end(group)}
    cuts = {cut + step for cut in edges for step in (-1, 0, 1)} & set(range(len(line) + 1))
    fail = b"\x00" if as_bytes else "\x00"
    batches = []
    for cut in sorted(cuts):
        fillers = {filler.encode() if as_bytes else filler for filler in FILLERS}
        fillers |= {line[cut - 1 : cut], line[cut : cut + 1]} - {b"", ""}
        batch = []
        for filler in sorted(fillers):
            run = (filler * (length // len(filler) + 1))[:length]
            batch.extend((line[:cut] + run + line[cut:], line[:cut] + run + fail))
        batches.append(batch)
    return batches


_SCAN = re.compile(r"[\x00-\x01]")
_SCAN_BYTES = re.compile(rb"[\x00-\x01]")


def _best_time(function: Callable[[], object], repeats: int = 2) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_every_pattern_stays_linear(name: str, pattern: re.Pattern[str] | re.Pattern[bytes]) -> None:
    line = sample(name, pattern)
    scan = _SCAN_BYTES if isinstance(pattern.pattern, bytes) else _SCAN
    for length in LADDER:
        for inputs in pumped(pattern, line, length):
            cost = _best_time(lambda: [list(pattern.finditer(text)) for text in inputs])  # noqa: B023
            baseline = _best_time(lambda: [scan.search(text) for text in inputs])  # noqa: B023
            ratio = cost / baseline
            assert ratio <= PATTERN_BOUND, (
                f"{name} took {ratio:.0f} times a linear scan on {length}-character runs in {inputs[0][:40]!r}…"
            )


def test_the_patterns_were_found() -> None:
    names = {name for name, _ in PATTERNS}
    assert {"patterns.CATEGORY", "patterns.LEAD_UNITS", "patterns.SPAM", "decode._HTML_SNIFF"} <= names
    assert set(EXTRA_SAMPLES) <= names


# --- the whole parse ----------------------------------------------------------------------------

LONG = 400_000
FOOTER_START = TXT.index("Copyright")

LONG_LINES: dict[str, str] = {
    "an item whose lead-unit parenthesis never closes": "(五十一)新增" + "(牵头单位:" + " " * LONG + "市",
    "a category heading of white space": "十一、" + "\u3000" * LONG + "(3项",
    "a measure of Latin letters": "6." + "a" * LONG,
    "a measures heading followed by spaces": "推进措施" + "\xa0" * LONG + "x",
    "the whole page on one line": (TXT.replace("\n", " ") * (LONG // len(TXT) + 1))[:LONG],
    "one run of CJK": "中" * LONG,
    "parentheses": "(" * LONG,
}
"""Lines of 400,000 characters, put inside the plan (before the footer) of the text capture."""


def _with_line(line: str) -> bytes:
    return (TXT[:FOOTER_START] + line + "\n" + TXT[FOOTER_START:]).encode()


def _one_line_page() -> bytes:
    """The bundled page minified onto one line, with a large inline script: 400,000 characters."""
    page = HTML.replace("\n", "")
    script = "<script>var x='{}';</script>"
    script = script.format("a" * (LONG - len(page) - len(script) + 2))
    return page.replace("</body>", script + "</body>").encode()


@pytest.mark.parametrize("name", list(LONG_LINES))
def test_parse_of_a_400000_character_line_stays_linear(name: str) -> None:
    page = _with_line(LONG_LINES[name])
    per_character = _best_time(lambda: bozhou_tasks.parse(TXT.encode()), repeats=3) / len(TXT)
    start = time.perf_counter()
    notice = bozhou_tasks.parse(page)
    ratio = (time.perf_counter() - start) / (per_character * len(page))
    assert ratio <= PARSE_BOUND, f"parse took {ratio:.0f} times its time per character on the bundled page"
    assert [item.number for item in notice.items][-1] in (50, 51)
    if name == "the whole page on one line":
        # read as a stream: the measures run together after 推进措施: are cut apart, and every
        # character of the line is still in a part
        start = notice.text.index(LONG_LINES[name][:50])
        covered = bytearray(LONG)
        for _, (begin, end) in notice.parts():
            if end > start and begin < start + LONG:
                covered[max(begin, start) - start : min(end, start + LONG) - start] = b"\x01" * (
                    min(end, start + LONG) - max(begin, start)
                )
        line = notice.text[start : start + LONG]
        assert [i for i in range(LONG) if not covered[i] and not line[i].isspace()] == []
        return
    long_part = max((end - start for _, (start, end) in notice.parts()), default=0)
    assert long_part >= LONG  # the long line is kept, in one part


def test_a_minified_page_with_a_400000_character_line(html_notice: bozhou_tasks.Notice) -> None:
    page = _one_line_page()
    assert b"\n" not in page
    assert len(page.decode()) >= LONG
    per_character = _best_time(lambda: bozhou_tasks.parse(HTML.encode()), repeats=3) / len(HTML)
    start = time.perf_counter()
    notice = bozhou_tasks.parse(page)
    assert (time.perf_counter() - start) / (per_character * len(page.decode())) <= PARSE_BOUND
    assert notice.model_dump(exclude={"source"}) == html_notice.model_dump(exclude={"source"})
