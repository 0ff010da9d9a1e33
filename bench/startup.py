"""Cold start of the command, against a bare `import pydantic` in a fresh Python."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench.common import PAGE, ROOT, Row, bytecode_cache, bz_tasks, cold_timings, ratio_row


def measure(runs: int, warmup: int = 1) -> list[Row]:
    """Median of `runs` fresh processes of each command; the baseline runs in the same rounds."""
    command = bz_tasks()
    with (
        tempfile.TemporaryDirectory(prefix="bz-bench-cold-") as out,
        tempfile.TemporaryDirectory(prefix="bz-bench-pyc-") as pyc,
    ):
        timings = cold_timings(
            {
                "pydantic": [sys.executable, "-c", "import pydantic"],
                "version": [*command, "--version"],
                "help": [*command, "--help"],
                "parse": [*command, "parse", str(PAGE.relative_to(ROOT)), "-o", str(Path(out))],
            },
            runs,
            cwd=ROOT,
            warmup=max(warmup, 1),  # the first run of each command writes its bytecode cache
            env=bytecode_cache(Path(pyc)),
        )
    medians = {name: timing.wall for name, timing in timings.items()}
    baseline = "import pydantic"
    note = f"median of {runs} fresh processes each, with a bytecode cache"
    return [
        ratio_row(
            "bz-tasks --version (cold)",
            medians["version"],
            medians["pydantic"],
            cpu=(timings["version"].cpu, timings["pydantic"].cpu),
            at_most=1.5,
            note=note,
            baseline_name=baseline,
        ),
        ratio_row(
            "bz-tasks --help (cold)",
            medians["help"],
            medians["pydantic"],
            cpu=(timings["help"].cpu, timings["pydantic"].cpu),
            at_most=1.5,
            note=note,
            baseline_name=baseline,
        ),
        ratio_row(
            "bz-tasks parse of the bundled page (cold)",
            medians["parse"],
            medians["pydantic"],
            cpu=(timings["parse"].cpu, timings["pydantic"].cpu),
            at_most=4.0,
            note=note + "; parse, check and write JSON and YAML",
            baseline_name=baseline,
        ),
    ]
