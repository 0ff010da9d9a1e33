#!/usr/bin/env python3
"""Run the `bz-tasks` command from a checkout without installing the package.

Same app as the installed console script: `python cli.py parse` == `bz-tasks parse`.
The dependencies must be importable (see README.md for the one-line set-up).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from bozhou_tasks.cli import run

if __name__ == "__main__":
    run()
