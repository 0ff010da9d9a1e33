"""Benchmark 5: where the time of a parse goes (cProfile, top functions by own and by cumulative time)."""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import bozhou_tasks
from bench.common import PAGE, ROOT

Timing = tuple[int, int, float, float, object]
"""pstats' raw figures for a function: primitive calls, calls, own time, cumulative time, callers."""

_SORTS: dict[str, Callable[[Timing], float]] = {"own": lambda t: t[2], "cumulative": lambda t: t[3]}


@dataclass(frozen=True)
class Entry:
    """One function of the profile, per parse."""

    function: str
    calls: float
    own_ms: float
    cumulative_ms: float


def profile(runs: int, top: int = 10) -> dict[str, list[Entry]]:
    """The `top` functions of `runs` warm parses of the page, by own time and by cumulative time."""
    page = PAGE.read_bytes()
    bozhou_tasks.parse(page)  # warm: imports done, patterns compiled, models built
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        bozhou_tasks.parse(page)
    profiler.disable()
    stats = pstats.Stats(profiler)
    table: dict[tuple[str, int, str], Timing] = stats.stats  # type: ignore[attr-defined]
    result: dict[str, list[Entry]] = {}
    for name, figure in _SORTS.items():
        ranked = sorted(table.items(), key=lambda pair: figure(pair[1]), reverse=True)
        result[name] = [
            Entry(_where(key), value[1] / runs, value[2] * 1000 / runs, value[3] * 1000 / runs)
            for key, value in ranked
            if not _is_harness(key)
        ][:top]
    return result


def _is_harness(key: tuple[str, int, str]) -> bool:
    """This module and the profiler itself, which are not part of the parse."""
    filename, _, function = key
    return filename == __file__ or function == "<method 'disable' of '_lsprof.Profiler' objects>"


def _where(key: tuple[str, int, str]) -> str:
    """`module.py:line(function)`, shortened to the package or the library it belongs to."""
    filename, line, function = key
    if filename == "~":  # a built-in
        return function
    path = Path(filename)
    parts = path.parts
    for anchor in ("site-packages", "src"):
        if anchor in parts:
            path = Path(*parts[parts.index(anchor) + 1 :])
            break
    else:
        if path.is_relative_to(ROOT):
            path = path.relative_to(ROOT)
    return f"{path}:{line}({function})"


def markdown(profiled: dict[str, list[Entry]], runs: int) -> str:
    """The profile as two Markdown tables, times per parse."""
    lines = [f"cProfile of {runs} warm `bozhou_tasks.parse(page_bytes)` calls; figures are per parse.", ""]
    for name, entries in profiled.items():
        lines += [
            f"Top {len(entries)} by {name} time:",
            "",
            "| function | calls | own ms | cumulative ms |",
            "|---|---:|---:|---:|",
            *(
                f"| `{entry.function}` | {entry.calls:g} | {entry.own_ms:.2f} | {entry.cumulative_ms:.2f} |"
                for entry in entries
            ),
            "",
        ]
    return "\n".join(lines)
