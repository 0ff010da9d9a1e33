"""The first-character lookaheads of the quantity patterns change no match.

`NOT_QUANTITY`, `QUANTITY`, `FIGURE_TOKEN`, `GARBLED_FIGURE` and `TIMES_RATE` start with a
lookahead on the characters a match can start with, so that every other position fails
at once. Each is compared here with the same pattern without its lookahead, on every line
of the page and of the family specimens (where ../shared/family is present), plus lines
made to start with each alternative.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bozhou_tasks.extract import patterns

from .conftest import PAGE_TXT

SPECIMENS = Path(__file__).resolve().parents[2] / "shared" / "family"
LINES = [
    line
    for path in [PAGE_TXT, *sorted(SPECIMENS.glob("*.txt"))]
    for line in path.read_text(encoding="utf-8").split("\n")
    if line.strip()
]
MADE = [
    "“三公里”",
    "「2+N」政策",
    "《亳州市2024年民生实事》",
    "皖残联〔2021〕47号",
    "[2024]3號",
    "２０２４年度",
    "3月28日",
    "2024-03-28",
    "0558-5555258",
    "7x24小时",
    "按照1:1要求",
    "第1批",
    "500KV线路",
    "IPv6",
    "葡萄糖—6—磷酸脱氢酶",
    "三个100%",
    "“3个100%”",
    "IO(X)人",
    "l5O人",
    "不少于一场",
    "20,350人",
]


def _without_lookahead(pattern: re.Pattern[str], lookahead: str) -> re.Pattern[str]:
    assert pattern.pattern.startswith(lookahead)
    return re.compile(pattern.pattern[len(lookahead) :], pattern.flags)


CASES = {
    "NOT_QUANTITY": (patterns.NOT_QUANTITY, f"(?={patterns.NOT_QUANTITY_FIRST})"),
    "QUANTITY": (patterns.QUANTITY, r"(?=[0-9\uff10-\uff19一二两兩三四五六七八九十百])"),
    "FIGURE_TOKEN": (patterns.FIGURE_TOKEN, "(?=[0-9\uff10-\uff19])"),
    "TIMES_RATE": (patterns.TIMES_RATE, '(?=[“"「0-9一二两兩三四五六七八九十])'),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_lookahead_changes_no_match(name: str) -> None:
    pattern, lookahead = CASES[name]
    plain = _without_lookahead(pattern, lookahead)
    for line in [*LINES, *MADE, *(f"前文{made}后文" for made in MADE)]:
        ours = [(m.span(), m.groupdict()) for m in pattern.finditer(line)]
        assert ours == [(m.span(), m.groupdict()) for m in plain.finditer(line)], line


def test_the_lines_hold_matches() -> None:
    assert len(LINES) > 300
    assert all(patterns.NOT_QUANTITY.search(made) for made in MADE[:13])
