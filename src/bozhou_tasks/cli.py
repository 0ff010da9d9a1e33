"""The `bz-tasks` command: a thin adapter over the library.

Each command is its options, one library call per input, and printing. Errors the
library raises on purpose become one `error: …` line on stderr and an exit code;
`--debug` shows the traceback instead.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from .models import Notice

RAW_DIR = Path("data/raw")
STRUCTURED_DIR = Path("data/structured")
PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".txt", ".text")
"""Files a folder given to `parse` is searched for."""

EXIT_FAILED = 1
EXIT_USAGE = 2

app = typer.Typer(
    name="bz-tasks",
    help="Turn saved 民生实事 (livelihood project) notices into a structured, checked dataset.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@dataclass
class _Options:
    debug: bool = False


_options = _Options()


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"bz-tasks {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks instead of one-line errors.")] = False,
) -> None:
    """Turn saved 民生实事 (livelihood project) notices into a structured, checked dataset."""
    _options.debug = debug


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _inputs(paths: list[str]) -> list[str]:
    """Expand folders into the pages they hold; keep '-' (stdin) and files as given."""
    if not paths:
        if not RAW_DIR.is_dir():
            raise _fail(
                f"no PATH given and {RAW_DIR}/ does not exist; run in the project folder or give a page to parse",
                EXIT_USAGE,
            )
        paths = [str(RAW_DIR)]
    found: list[str] = []
    for path in paths:
        candidate = Path(path)
        if path != "-" and candidate.is_dir():
            pages = sorted(str(p) for p in candidate.iterdir() if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES)
            if not pages:
                raise _fail(f"{path}: no pages ({', '.join(PAGE_SUFFIXES)}) in this folder", EXIT_USAGE)
            found.extend(pages)
        else:
            found.append(path)
    return found


def _stem(path: str) -> str:
    return "stdin" if path == "-" else Path(path).stem


def _twins(paths: list[str]) -> list[list[str]]:
    """Group inputs that are saves of the same page (same stem); the HTML save goes first."""
    groups: dict[str, list[str]] = {}
    for path in paths:
        groups.setdefault(_stem(path), []).append(path)
    for group in groups.values():
        group.sort(key=lambda p: (Path(p).suffix.lower() not in (".html", ".htm", ".shtml"), p))
    return list(groups.values())


def _summary(notice: Notice) -> str:
    measures = sum(len(item.measures) for item in notice.items)
    counts = dict.fromkeys(("error", "warning", "info"), 0)
    for finding in notice.findings:
        counts[finding.severity] += 1
    return (
        f"{len(notice.categories)} categories, {len(notice.items)} items, {measures} measures; "
        f"findings: {counts['error']} errors, {counts['warning']} warnings, {counts['info']} info"
    )


@app.command()
def parse(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Saved pages (HTML or text, any common encoding), folders of them, or '-' for stdin. "
            "Default: every page in data/raw/.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory to write <stem>.json and <stem>.yaml to.")] = (
        STRUCTURED_DIR
    ),
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Worker processes to parse a folder of pages with.")
    ] = 1,
) -> None:
    """Parse saved notice pages into structured JSON and YAML documents.

    Pages with the same name (bozhou.html and bozhou.txt) are saves of one page: the
    HTML is written, the others are parsed and must say the same. A page that fails
    does not stop the others; several pages end with a summary table.
    """
    from . import batch
    from .errors import BzTasksError
    from .export import ensure_dir

    inputs = _inputs(paths or [])
    try:
        ensure_dir(out)
    except BzTasksError as exc:
        raise _fail(str(exc), EXIT_USAGE) from None
    stdin = sys.stdin.buffer.read() if "-" in inputs else None
    work = [batch.Job(tuple(group), out, _stem(group[0]), stdin if "-" in group else None) for group in _twins(inputs)]
    tally = batch.Tally()
    with batch.ProgressBar(len(work), sys.stderr, show=len(work) > 1) as progress:
        for outcome in batch.run(work, jobs, describe=_summary, debug=_options.debug):
            tally.add(outcome)
            if outcome.ok:
                progress.make_room(sys.stdout)
                primary, *others = outcome.paths
                twins = f" (same as {', '.join(others)})" if others else ""
                typer.echo(
                    f"{primary}{twins} -> {outcome.written[0].with_suffix('.{json,yaml}')}: {outcome.description}"
                )
            else:
                progress.make_room(sys.stderr)
                typer.echo(f"error: {outcome.error}", err=True)
            progress.advance()
    if len(work) > 1:
        for line in tally.table():
            typer.echo(line)
    if tally.failed:
        raise typer.Exit(EXIT_FAILED)


@app.command()
def schema(
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the schema to this file.")] = None,
) -> None:
    """Print the JSON Schema of the structured documents."""
    from .export import write_atomic
    from .models import json_schema

    text = json_schema()
    if out is None:
        typer.echo(text, nl=False)
    else:
        write_atomic(out, text)


def run() -> None:
    """Entry point of the `bz-tasks` console script."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug, not bad input: say so in one line unless --debug
        if _options.debug or "--debug" in sys.argv:
            raise
        typer.echo(
            f"error: internal error ({type(exc).__name__}: {exc}); rerun with --debug and report the traceback",
            err=True,
        )
        sys.exit(EXIT_FAILED)
