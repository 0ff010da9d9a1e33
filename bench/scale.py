"""Benchmark: the cost of a parse per item, from one page to a page of 50,000 items, and its memory.

The page is the text capture of the bundled notice with its 50 items repeated, 100 to a
category (一、 … 五百、), each category numbering its items (1) … (100) afresh: a layout of
the family, and the only way past the 999 items a plan's numbering can reach. Each size is parsed in a fresh
process (so the peak memory is that of one parse), which reports the time of the parse and
of its validation; the cost per item is compared with that of the page itself.

Pages of 5,000 items and more are longer than `load.decode.MAX_TEXT_CHARACTERS` (and 50,000 items
larger than `MAX_INPUT_BYTES`), which the command refuses; the child process lifts both limits,
since what is measured is how a parse grows.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass

from bench.common import ROOT, TIMES, Row, ratio_row

TEXT = ROOT / "data" / "raw" / "bozhou-2024-50.txt"
CATEGORY = re.compile(r"^[一二三四五六七八九十]+、.+\(\d+项\)$")
ITEM = re.compile(r"^\([一二三四五六七八九十]+\)")
PER_CATEGORY = 100


def scaled_page(items: int) -> str:
    """The text capture with its items repeated to `items` items (see the module's docstring)."""
    lines = TEXT.read_text(encoding="utf-8").split("\n")
    first = next(n for n, line in enumerate(lines) if CATEGORY.match(line))
    footer = next(n for n in range(len(lines) - 1, first, -1) if lines[n].startswith("5.")) + 1
    bodies: list[list[str]] = []
    for line in lines[first:footer]:
        if CATEGORY.match(line):
            continue
        if ITEM.match(line):
            bodies.append([ITEM.sub("", line)])
        elif bodies:
            bodies[-1].append(line)
    head = [line.replace("2024年50项", f"2024年{items}项") for line in lines[:first]]
    out = [*head]
    for number in range(items):
        if number % PER_CATEGORY == 0:
            count = min(PER_CATEGORY, items - number)
            group = number // PER_CATEGORY + 1
            out += [f"{int_to_cn(group)}、第{group}组({count}项)", ""]
        body = bodies[number % len(bodies)]
        out += [f"({number % PER_CATEGORY + 1}){body[0]}", *body[1:]]
    return "\n".join([*out, *lines[footer:]])


@dataclass(frozen=True)
class Scaled:
    items: int
    parse_seconds: float
    parse_cpu_seconds: float
    validate_seconds: float
    peak_rss: int


_CHILD = r"""
import json, resource, statistics, sys, time
sys.path.insert(0, sys.argv[2])
from bench.scale import scaled_page
import bozhou_tasks
from bozhou_tasks.load import decode
from bozhou_tasks.validate import validate
# the command refuses pages this long; the benchmark measures how a parse grows
decode.MAX_TEXT_CHARACTERS = decode.MAX_INPUT_BYTES = 10**10
page = scaled_page(int(sys.argv[1])).encode("utf-8")
bozhou_tasks.parse(scaled_page(50).encode("utf-8"))  # imports and patterns, not timed
walls, cpus = [], []
for _ in range(int(sys.argv[3])):
    cpu, start = time.process_time(), time.perf_counter()
    notice = bozhou_tasks.parse(page)
    walls.append(time.perf_counter() - start)
    cpus.append(time.process_time() - cpu)
parse_seconds, parse_cpu = statistics.median(walls), statistics.median(cpus)
start = time.perf_counter()
validate(notice)
validate_seconds = time.perf_counter() - start
print(json.dumps({"items": len(notice.items), "parse": parse_seconds, "cpu": parse_cpu,
                  "validate": validate_seconds,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def repeats(items: int) -> int:
    """How many parses of a page of `items` items are timed (their median is taken): the small
    pages, the baseline first, take a few milliseconds, which one moment of other work on the
    machine can double; a page of 5,000 items or more is timed once."""
    return max(1, min(9, 2000 // items))


def run(items: int) -> Scaled:
    """Parse (and validate) a page of `items` items in a fresh process."""
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(items), str(ROOT), str(repeats(items))],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"parse of {items} items failed: {result.stderr[-1000:]}")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    if data["items"] != items:
        raise RuntimeError(f"the page of {items} items parsed to {data['items']} items")
    return Scaled(items, data["parse"], data["cpu"], data["validate"], data["rss"])


def measure(sizes: tuple[int, ...] = (50, 500, 5000, 50_000)) -> list[Row]:
    """Cost per item at each size against the page of 50 items; peak memory at the largest."""
    runs = [run(size) for size in sizes]
    base = runs[0]
    rows = [_per_item(scaled, base) for scaled in runs[1:]]
    largest = runs[-1]
    rows.append(
        Row(
            f"peak memory, parse of {largest.items:,} items",
            f"{largest.peak_rss / 2**20:.0f} MiB",
            "1 GiB",
            largest.peak_rss / 2**30,
            goal=f"≤ 1{TIMES}",
            met=largest.peak_rss <= 2**30,
            note="peak resident memory of the process that parsed it (ru_maxrss)",
        )
    )
    return rows


def _per_item(scaled: Scaled, base: Scaled) -> Row:
    validation = (scaled.validate_seconds / scaled.items) / (base.validate_seconds / base.items)
    return ratio_row(
        f"parse per item, {scaled.items:,} items vs {base.items}",
        scaled.parse_seconds / scaled.items,
        base.parse_seconds / base.items,
        baseline_name=f"{base.items} items",
        at_most=1.1,
        note=f"whole parse {scaled.parse_seconds:.2f} s, in a fresh process (median of {repeats(scaled.items)} "
        f"parses; the page of {base.items} items: median of {repeats(base.items)}); validation alone "
        f"{validation:.2f}{TIMES} per item ({scaled.validate_seconds:.2f} s)",
        cpu=(scaled.parse_cpu_seconds / scaled.items, base.parse_cpu_seconds / base.items),
    )


def int_to_cn(number: int) -> str:
    """A category number in Chinese numerals for 1…9999 (二十一, 一百零三), as a notice's headings write it."""
    names = "零一二三四五六七八九"
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, value)
        if digit:
            if zero:
                out += "零"
            out += ("" if (value == 10 and digit == 1 and not out) else names[digit]) + unit
            zero = False
        elif out:
            zero = True
    return out
