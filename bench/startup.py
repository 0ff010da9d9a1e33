"""Benchmark 3: cold start of the command, against a bare `import pydantic` in a fresh Python."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench.common import PAGE, ROOT, Row, bz_tasks, cold_medians, ratio_row


def measure(runs: int, warmup: int = 1) -> list[Row]:
    """Median of `runs` fresh processes of each command; the baseline runs in the same rounds."""
    command = bz_tasks()
    with tempfile.TemporaryDirectory(prefix="bz-bench-cold-") as out:
        medians = cold_medians(
            {
                "pydantic": [sys.executable, "-c", "import pydantic"],
                "version": [*command, "--version"],
                "help": [*command, "--help"],
                "parse": [*command, "parse", str(PAGE.relative_to(ROOT)), "-o", str(Path(out))],
            },
            runs,
            cwd=ROOT,
            warmup=warmup,
        )
    baseline = "import pydantic"
    note = f"median of {runs} fresh processes each"
    return [
        ratio_row(
            "bz-tasks --version (cold)",
            medians["version"],
            medians["pydantic"],
            at_most=1.5,
            note=note,
            baseline_name=baseline,
        ),
        ratio_row(
            "bz-tasks --help (cold)",
            medians["help"],
            medians["pydantic"],
            at_most=1.5,
            note=note,
            baseline_name=baseline,
        ),
        ratio_row(
            "bz-tasks parse of the bundled page (cold)",
            medians["parse"],
            medians["pydantic"],
            note=note + "; parse, check and write JSON and YAML",
            baseline_name=baseline,
        ),
    ]
