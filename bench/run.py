"""Run the benchmarks, print the results table and write bench/RESULTS.md.

    python bench/run.py                  # everything: 300-page corpus, 50,000 items, 21 warm runs, 15 cold
    python bench/run.py --quick          # a few seconds: 3 pages, 2 runs (checks the scripts work)
    python bench/run.py --pages 2000 --only corpus

Every figure is a ratio against a baseline measured in the same run: absolute times on a
shared machine are noise, ratios of things measured side by side are not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/run.py`: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, LoadMeter, Row, machine, revision

RESULTS = ROOT / "bench" / "RESULTS.md"
BENCHMARKS = ("speed", "startup", "corpus", "scale", "profile")
KEEP_MARKER = "<!-- Written by hand below this line: kept when the benchmarks are re-run. -->"
"""Everything after this line in RESULTS.md (the discussion of the figures) survives a re-run."""
PACKAGES = ("bz-tasks", "pydantic", "lxml", "beautifulsoup4", "PyYAML", "typer", "trafilatura")


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments().parse_args(argv)
    if args.quick:
        args.pages, args.small_pages, args.runs, args.cold_runs, args.profile_runs, args.rounds = 3, 2, 2, 1, 1, 1
        args.quiet_timeout = 0.0
        args.items = [50, 100]
    try:
        import bozhou_tasks  # noqa: F401
    except ImportError:
        print("error: bozhou_tasks is not installed; run: .venv/bin/pip install -e '.[bench]'", file=sys.stderr)
        return 2
    rows: list[Row] = []
    profile = ""
    only = set(args.only or BENCHMARKS)
    load = LoadMeter()
    if "speed" in only:
        from bench import speed

        rows += _announce(speed.measure(args.runs))
    if "startup" in only:
        from bench import startup

        rows += _announce(startup.measure(args.cold_runs, warmup=0 if args.quick else 1))
    if "corpus" in only:
        from bench import corpus

        rows += _announce(
            corpus.measure(args.pages, min(args.small_pages, args.pages), args.rounds, args.quiet_timeout)
        )
    if "scale" in only:
        from bench import scale

        rows += _announce(scale.measure(tuple(args.items)))
    if "profile" in only:
        from bench import profiling

        profiled = profiling.profile(args.profile_runs)
        profile = profiling.markdown(profiled, args.profile_runs)
        print(f"\ntop functions of a parse by own time ({args.profile_runs} runs):")
        for entry in profiled["own"]:
            print(f"  {entry.own_ms:7.2f} ms  {entry.function}")
    busy = load.summary()
    print()
    print("\n".join(table(rows)))
    print()
    print("\n".join(f"{row.name}: {row.note}" for row in rows if row.note))
    print(f"\nload: {busy}")
    out = args.out if args.out is not None else (None if args.quick else RESULTS)
    if out is not None:
        command = " ".join(["python bench/run.py", *(argv if argv is not None else sys.argv[1:])])
        out.write_text(results_markdown(rows, profile, command, _kept(out), busy), encoding="utf-8")
        print(f"\nwritten to {out}")
    return 0


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python bench/run.py", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, to check the scripts run (no RESULTS.md)")
    parser.add_argument("--pages", type=int, default=300, help="corpus size (default 300)")
    parser.add_argument("--small-pages", type=int, default=20, help="the small corpus RSS is compared with (20)")
    parser.add_argument("--rounds", type=int, default=2, help="corpus parses per size and worker count (2)")
    parser.add_argument(
        "--quiet-timeout",
        type=float,
        default=30.0,
        help="seconds to wait before each corpus run for other work on the machine to settle (30)",
    )
    parser.add_argument(
        "--items",
        type=int,
        nargs="+",
        default=[50, 500, 5000, 50_000],
        help="sizes of the repeated page, the first being the baseline (50 500 5000 50000)",
    )
    parser.add_argument("--runs", type=int, default=21, help="warm runs per measurement (default 21)")
    parser.add_argument("--cold-runs", type=int, default=15, help="fresh processes per command (default 15)")
    parser.add_argument("--profile-runs", type=int, default=20, help="parses profiled (default 20)")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, help="run only these benchmarks")
    parser.add_argument("--out", type=Path, help="where to write the results (default bench/RESULTS.md)")
    return parser


def _announce(rows: list[Row]) -> list[Row]:
    for row in rows:
        print(f"{row.name}: {row.ratio_text} {row.goal} {row.verdict}".rstrip(), flush=True)
    return rows


def table(rows: list[Row]) -> list[str]:
    """The rows as an aligned plain-text table."""
    cells = [("benchmark", "measured", "baseline", "ratio", "CPU ratio", "goal", "")]
    cells += [(r.name, r.measured, r.baseline, r.ratio_text, r.cpu_ratio_text, r.goal, r.verdict) for r in rows]
    widths = [max(len(row[column]) for row in cells) for column in range(len(cells[0]))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in cells]


def results_markdown(rows: list[Row], profile: str, command: str, kept: str, load: str = "") -> str:
    """The contents of RESULTS.md: when, where, how to reproduce, the table, the profile."""
    now = dt.datetime.now(dt.UTC)
    box = machine()
    commit = revision()
    versions = ", ".join(f"{name} {_version(name)}" for name in PACKAGES)
    lines = [
        "# Benchmark results",
        "",
        f"Measured {now:%Y-%m-%d %H:%M} UTC" + (f" at commit {commit}" if commit else "") + ".",
        "",
        f"- Machine: {box['cores']} cores ({box['cpu']}), {box['system']}",
        f"- Python: {box['python']}; {versions}",
        "- Set-up: `python3 -m venv .venv && .venv/bin/pip install -q -e '.[bench]'`",
        f"- Reproduce: `.venv/bin/{command}`",
        *([f"- Load: {load}"] if load else []),
        "",
        "Every figure is a ratio against a baseline measured in the same run, side by side; the times",
        "beside them are this machine's and only give the scale. The ratio is of wall times (the goal",
        "applies to it); the CPU ratio is of the CPU times of the same runs, which other work on a busy",
        "machine disturbs less.",
        "",
        "| benchmark | measured | baseline | ratio | CPU ratio | goal | |",
        "|---|---|---|---:|---:|---|---|",
        *(
            f"| {r.name} | {r.measured} | {r.baseline} | {r.ratio_text} | {r.cpu_ratio_text} | {r.goal} | {r.verdict} |"
            for r in rows
        ),
        "",
        *(f"- {r.name}: {r.note}" for r in rows if r.note),
        "",
    ]
    if profile:
        lines += ["## Where a parse spends its time", "", profile]
    lines += [KEEP_MARKER, kept.strip("\n"), ""] if kept.strip() else [KEEP_MARKER, ""]
    return "\n".join(lines)


def _kept(path: Path) -> str:
    """The hand-written part of an existing results file."""
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    return text.split(KEEP_MARKER, 1)[1] if KEEP_MARKER in text else ""


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


if __name__ == "__main__":
    sys.exit(main())
