"""`python -m bozhou_tasks` runs the `bz-tasks` command."""

from .cli import run

run()
