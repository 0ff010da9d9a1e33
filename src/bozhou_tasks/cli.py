"""The `bz-tasks` command: a thin adapter over the library.

Each command is its options, one library call per input, and printing. Errors the
library raises on purpose become one `error: …` line on stderr and an exit code, in one
place (`_errors`); `--debug` shows the traceback instead. What the whole command line
sets (`Options`) travels in typer's context, not in module state.

Heavy modules (the models, the pipeline, lxml) are imported inside the commands, so that
`bz-tasks --help` and `bz-tasks --version` start fast.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from .errors import BzTasksError

if TYPE_CHECKING:
    from .batch import Job, Tally
    from .fetch import FetchOptions
    from .fetch import Result as FetchResult
    from .models import Notice
    from .validate import Report

RAW_DIR = Path("data/raw")
STRUCTURED_DIR = Path("data/structured")
"""Files a folder given to `parse` is searched for."""
TABLES_DIR = Path("data/tables")
REPORTS_DIR = Path("data/reports")

EXIT_FAILED = 1
EXIT_USAGE = 2

DOCUMENT_SUFFIXES = (".json", ".yaml", ".yml")
"""What `validate` reads as a structured document; any other file is a page, parsed first."""


class _Argument(TyperArgument):
    """An argument whose help shows its metavar (PATH, DOC) alone, without a Python type such as <list[str]>."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None if self.metavar else super().display_type_rich(ctx)


class _Command(TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _Argument


app = typer.Typer(
    cls=TyperGroup,
    name="bz-tasks",
    help="Turn saved 民生实事 (livelihood project) notices into a structured, checked dataset.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


# --- what the command line sets, and the one way errors leave a command ----------------------


@dataclass
class Options:
    """Settings of one run of the command, in typer's context (`ctx.obj`) for every command to read."""

    debug: bool = False


def _options(ctx: typer.Context) -> Options:
    """The run's options: the ones `run` passed in, or new ones (a test runner invokes `app` without any)."""
    return ctx.ensure_object(Options)


def _set_debug(ctx: typer.Context, value: bool) -> bool:
    if value:
        _options(ctx).debug = True
    return value


Debug = Annotated[
    bool,
    typer.Option("--debug", help="Show tracebacks instead of one-line errors.", callback=_set_debug, is_eager=True),
]
"""`--debug`, accepted before the command and after it (bz-tasks --debug parse … or bz-tasks parse … --debug)."""


_UNPRINTABLE = re.compile(
    # control characters (a newline in a file name would print a second, fake line) and the
    # bidirectional controls that make a terminal show text in another order than it is
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _line(text: str) -> str:
    """`text` as one line a terminal shows as it is: control and direction characters as escapes (\\n, \\u202e)."""
    return _UNPRINTABLE.sub(lambda m: repr(m[0])[1:-1] if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"error: {_line(message)}", err=True)
    return typer.Exit(code)


@contextmanager
def _errors(options: Options, code: int = EXIT_FAILED) -> Iterator[None]:
    """Turn an error the library raises on purpose into one `error: …` line and exit `code`.

    With `--debug` the error goes on, and its traceback is shown instead.
    """
    try:
        yield
    except BzTasksError as exc:
        if options.debug:
            raise
        raise _fail(str(exc), code) from None


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"bz-tasks {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    debug: Debug = False,  # set in the options by its callback
) -> None:
    """Turn saved 民生实事 (livelihood project) notices into a structured, checked dataset."""
    _options(ctx)


def run() -> None:
    """Entry point of the `bz-tasks` console script."""
    from .interrupt import Stopped, on_signals, raise_stopped

    on_signals(raise_stopped)  # Ctrl-C and SIGTERM stop the command at once, cleaning up, and say so
    options = Options()
    try:
        app(obj=options)
    except Stopped as stop:  # typer would turn a KeyboardInterrupt into a silent exit
        typer.echo("interrupted", err=True)
        sys.exit(128 + stop.signum)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except BzTasksError as exc:  # raised on purpose, outside a command's own handling
        if options.debug:
            raise
        sys.exit(_fail(str(exc), EXIT_FAILED).exit_code)
    except Exception as exc:  # a bug, not bad input: say so in one line unless --debug
        if options.debug:
            raise
        typer.echo(
            f"error: internal error ({type(exc).__name__}: {exc}); rerun with --debug and report the traceback",
            err=True,
        )
        sys.exit(EXIT_FAILED)


# --- parse -----------------------------------------------------------------------------------


def _inputs(paths: list[str]) -> list[str]:
    """Expand folders into the pages they hold; keep '-' (stdin) and files as given."""
    from .load.decode import PAGE_SUFFIXES

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


def _stem(path: str, stdin: bytes | None = None) -> str:
    """A page's document name: its file name without suffix; for standard input, one named by its content.

    >>> _stem("data/raw/bozhou-2024-50.html"), _stem("-", b"page")
    ('bozhou-2024-50', 'stdin-3660315a9af3')
    """
    if path != "-":
        return Path(path).stem
    return f"stdin-{hashlib.sha256(stdin or b'').hexdigest()[:STDIN_DIGITS]}"


STDIN_DIGITS = 12
"""Hex digits of the SHA-256 that name a page read from standard input (two different pages never share a name)."""


def _twins(paths: list[str]) -> list[list[str]]:
    """Group inputs that are saves of the same page (same stem); the HTML save goes first."""
    from .load.decode import HTML_SUFFIXES

    groups: dict[str, list[str]] = {}
    for path in paths:
        groups.setdefault(_stem(path), []).append(path)
    for group in groups.values():
        group.sort(key=lambda p: (Path(p).suffix.lower() not in HTML_SUFFIXES, p))
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


PagePaths = Annotated[
    list[str] | None,
    typer.Argument(
        help="Saved pages (HTML or text, any common encoding), folders of them, or '-' for stdin. "
        "Default: every page in data/raw/.",
        show_default=False,
        metavar="PATH",
    ),
]
Jobs = Annotated[
    int, typer.Option("--jobs", "-j", min=1, help="Worker processes to parse a folder of pages with.", metavar="N")
]


@app.command(cls=_Command)
def parse(
    ctx: typer.Context,
    paths: PagePaths = None,
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="Directory to write <stem>.json and <stem>.yaml to.", metavar="DIR"),
    ] = STRUCTURED_DIR,
    jobs: Jobs = 1,
    debug: Debug = False,
) -> None:
    """Parse saved notice pages into structured JSON and YAML documents.

    Pages with the same name (bozhou.html and bozhou.txt) are saves of one page: the
    HTML is written, the others are parsed and must say the same. A page that fails
    does not stop the others; several pages end with a summary table.
    """
    from . import batch
    from .export.documents import ensure_dir
    from .load.decode import MAX_INPUT_BYTES

    inputs = _inputs(paths or [])
    with _errors(_options(ctx), EXIT_USAGE):
        ensure_dir(out)
    # one byte past the limit is enough to refuse standard input as too large, without reading it all
    stdin = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1) if "-" in inputs else None
    work = [
        batch.Job(tuple(group), out, _stem(group[0], stdin), stdin if "-" in group else None)
        for group in _twins(inputs)
    ]
    tally, stopped = _parse_each(work, jobs, _options(ctx).debug)
    if len(work) > 1:
        for line in tally.table():
            typer.echo(line)
    if stopped is not None:  # Ctrl-C or SIGTERM: what was written is listed above
        left = len(work) - tally.written - tally.failed
        typer.echo(
            f"interrupted: {tally.written} written, {tally.failed} failed, {left} not parsed "
            f"of {len(work)} page{'s' if len(work) > 1 else ''}",
            err=True,
        )
        raise typer.Exit(128 + stopped)
    if tally.failed:
        raise typer.Exit(EXIT_FAILED)


def _parse_each(work: list[Job], jobs: int, debug: bool) -> tuple[Tally, int | None]:
    """Parse the pages, printing a line for each as it is done (a progress bar on stderr for several).

    Returns what was written and what failed, and the signal that stopped the run, if one did.
    """
    from . import batch

    tally = batch.Tally()

    def show(outcome: batch.Outcome) -> None:
        tally.add(outcome)
        if outcome.ok:
            progress.make_room(sys.stdout)
            primary, *others = outcome.paths
            twins = f" (same as {', '.join(others)})" if others else ""
            written = outcome.written[0].with_suffix(".{json,yaml}")
            typer.echo(_line(f"{primary}{twins} -> {written}: {outcome.description}"))
        else:
            progress.make_room(sys.stderr)
            typer.echo(f"error: {_line(outcome.error or '')}", err=True)
        progress.advance()

    with batch.ProgressBar(len(work), sys.stderr, show=len(work) > 1) as progress:
        stopped = batch.run_each(work, show, jobs, describe=_summary, debug=debug)
    return tally, stopped


# --- validate, schema --------------------------------------------------------------------------


@app.command(cls=_Command)
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Structured documents (.json, .yaml) or raw pages (parsed first). "
            "Default: every document in data/structured/, checked for freshness against data/raw/.",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="table or json.", metavar="table|json")] = "table",
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    debug: Debug = False,
) -> None:
    """Check documents: structure, arithmetic, anomalies and freshness.

    Exit code 0 when clean or only warnings, 1 when errors were found (or warnings
    with --strict) or a document cannot be read, 2 for bad usage.
    """
    from .validate.output import failed, render_json, render_table

    if output_format not in ("table", "json"):
        raise _fail(f"--format must be 'table' or 'json', not '{output_format}'", EXIT_USAGE)
    with _errors(_options(ctx)):
        reports = _reports(paths)
    render = render_json if output_format == "json" else render_table
    typer.echo(render(reports, strict=strict), nl=False)
    if failed(reports, strict):
        raise typer.Exit(EXIT_FAILED)


def _reports(paths: list[Path] | None) -> list[Report]:
    """A report per document or page named; without any, per document in data/structured/, fresh or not."""
    from .freshness import validate_dataset, validate_document_file
    from .pipeline import parse as parse_page
    from .validate import validate as validate_notice

    if paths:
        return [
            validate_document_file(path)
            if path.suffix.lower() in DOCUMENT_SUFFIXES
            else validate_notice(parse_page(path), path=str(path))
            for path in paths
        ]
    if not STRUCTURED_DIR.is_dir():
        raise _fail(f"{STRUCTURED_DIR}/ does not exist; run bz-tasks parse first or give a document", EXIT_USAGE)
    reports = validate_dataset(STRUCTURED_DIR, RAW_DIR)
    if not reports:
        raise _fail(f"{STRUCTURED_DIR}/ holds no documents; run bz-tasks parse first", EXIT_USAGE)
    return reports


@app.command(cls=_Command)
def schema(
    ctx: typer.Context,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the schema to this file.", metavar="FILE")
    ] = None,
    debug: Debug = False,
) -> None:
    """Print the JSON Schema of the structured documents."""
    from .export.documents import write_atomic
    from .models import json_schema

    text = json_schema()
    if out is None:
        typer.echo(text, nl=False)
        return
    with _errors(_options(ctx)):
        write_atomic(out, text)


# --- fetch -------------------------------------------------------------------------------------


@app.command()
def fetch(
    ctx: typer.Context,
    urls: Annotated[
        list[str] | None, typer.Argument(metavar="URL", help="URLs of notice pages.", show_default=False)
    ] = None,
    url_file: Annotated[
        Path | None,
        typer.Option("--from", help="A file of URLs, one a line ('#' comments allowed); '-' for stdin."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory to save the pages and provenance.json in.")] = (
        RAW_DIR
    ),
    delay: Annotated[float, typer.Option(min=0, help="Seconds between two requests to one host.")] = 2.0,
    timeout: Annotated[
        float, typer.Option(min=0.001, help="Seconds to wait for an answer and for a whole page.")
    ] = 30.0,
    retries: Annotated[int, typer.Option(min=0, help="Retries after a 429 or 5xx answer.")] = 3,
    backoff: Annotated[
        float, typer.Option(min=0, help="Seconds before the first retry (doubled each time) without a Retry-After.")
    ] = 5.0,
    max_size: Annotated[int, typer.Option(min=1, help="Largest page accepted, in bytes.")] = 10 * 1024 * 1024,
) -> None:
    """Download notice pages by URL into data/raw/, with their provenance, politely.

    Each page's bytes are saved unchanged under a name made from its URL, and
    provenance.json beside them records the URL, the final URL after redirects, the
    time, the HTTP status and headers, the size and the SHA-256; parse carries that
    into the document. robots.txt is obeyed; a URL fetched before is only downloaded
    again if it changed, into a new file. A URL that fails does not stop the others.
    """
    from .fetch import FetchOptions

    unique = list(dict.fromkeys(_urls(urls or [], url_file)))
    options = FetchOptions(delay=delay, timeout=timeout, retries=retries, backoff=backoff, max_bytes=max_size)
    with _errors(_options(ctx), EXIT_USAGE):  # the folder or its manifest, before any URL
        tally = _fetch_each(unique, out, options)
    counts = ", ".join(f"{count} {name}" for name, count in tally.items())
    typer.echo(f"{len(unique)} URL{'s' if len(unique) != 1 else ''}: {counts}")
    if tally["failed"]:
        raise typer.Exit(EXIT_FAILED)


def _urls(listed: list[str], url_file: Path | None) -> list[str]:
    """The URLs given, then those in `url_file` ('-': standard input); at least one, or a usage error."""
    from .fetch import read_url_list

    listed = list(listed)
    if url_file is not None:
        try:
            text = sys.stdin.read() if str(url_file) == "-" else url_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise _fail(f"{url_file}: cannot read the URL list ({exc}); give a UTF-8 text file", EXIT_USAGE) from None
        listed += read_url_list(text)
    if not listed:
        raise _fail("no URL given; give URLs, or a file of them with --from", EXIT_USAGE)
    return listed


def _fetch_each(urls: list[str], out: Path, options: FetchOptions) -> dict[str, int]:
    """Fetch the URLs, printing a line for each (a progress bar on stderr for several); how many of each outcome."""
    from . import batch
    from .fetch import fetch_all

    tally: dict[str, int] = dict.fromkeys(("new", "changed", "unchanged", "failed"), 0)
    with batch.ProgressBar(len(urls), sys.stderr, label="fetching", show=len(urls) > 1) as progress:
        for result in fetch_all(urls, out, options):
            if result.ok and result.outcome is not None:
                tally[result.outcome] += 1
                progress.make_room(sys.stdout)
                typer.echo(_fetched(result))
            else:
                tally["failed"] += 1
                progress.make_room(sys.stderr)
                typer.echo(f"error: {result.error}", err=True)
            progress.advance()
    return tally


def _fetched(result: FetchResult) -> str:
    entry, previous = result.entry, result.previous
    assert entry is not None
    if result.outcome == "unchanged" and previous is not None:
        return f"{result.url}: unchanged since {previous.retrieved_at}, kept {result.path}"
    what = f"{entry.status}, {entry.content_type or 'no Content-Type'}, {entry.size} bytes"
    if entry.final_url != result.url:
        what += f", from {entry.final_url}"
    if result.outcome == "changed" and previous is not None:
        what += f"; changed since {previous.retrieved_at}, {previous.file} kept"
    return f"{result.url} -> {result.path}: {what}"


# --- research outputs: export, report, codebook ---------------------------------------------


def _documents(options: Options, paths: list[Path] | None) -> list[tuple[str, Notice]]:
    """The structured documents named on the command line, or every one in data/structured/."""
    from .export.dataset import read_documents

    if not paths:
        if not STRUCTURED_DIR.is_dir():
            raise _fail(
                f"no DOC given and {STRUCTURED_DIR}/ does not exist; run 'bz-tasks parse' first or give a document",
                EXIT_USAGE,
            )
        paths = [STRUCTURED_DIR]
    with _errors(options):
        return read_documents(paths)


Documents = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Structured documents (.json/.yaml from 'bz-tasks parse') or folders of them. Default: data/structured/.",
        show_default=False,
        metavar="DOC",
    ),
]


@app.command("export", cls=_Command)
def export_tables(
    ctx: typer.Context,
    docs: Documents = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Directory to write the tables to.", metavar="DIR")
    ] = TABLES_DIR,
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="Comma-separated: csv (with datapackage.json), sqlite, parquet.",
            metavar="FORMAT[,FORMAT…]",
        ),
    ] = "csv,sqlite",
    excel: Annotated[bool, typer.Option("--excel", help="Start each CSV with a byte-order mark for Excel.")] = False,
    debug: Debug = False,
) -> None:
    """Write the documents as tidy tables: CSV with a data package, SQLite, and optionally Parquet."""
    from .export.dataset import FORMATS, export_dataset
    from .export.tables import build

    chosen = tuple(dict.fromkeys(name.strip().lower() for name in formats.split(",") if name.strip()))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown or not chosen:
        raise _fail(f"--format {formats!r}: choose from {', '.join(FORMATS)}, separated by commas", EXIT_USAGE)
    documents = _documents(_options(ctx), docs)
    with _errors(_options(ctx)):
        written = export_dataset(documents, out, chosen, excel=excel)
    counts = ", ".join(f"{name} {len(rows)}" for name, rows in build(documents).items())
    typer.echo(f"{', '.join(doc_id for doc_id, _ in documents)} -> {out}/: {len(written)} files; rows: {counts}")


@app.command(cls=_Command)
def report(
    ctx: typer.Context,
    doc: Annotated[
        Path | None,
        typer.Argument(help="A structured document. Default: the one in data/structured/.", metavar="DOC"),
    ] = None,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            "-o",
            help="HTML file to write, or a folder (an existing one, or a name ending in /) to write "
            "<document>.html in. Default: data/reports/<document>.html.",
            metavar="FILE|DIR/",
        ),
    ] = None,
    debug: Debug = False,
) -> None:
    """Write an HTML report that shows every extracted value on the source text."""
    from .export.documents import ensure_dir, write_atomic
    from .export.html_report import report_html

    documents = _documents(_options(ctx), [doc] if doc else None)
    if len(documents) != 1:
        names = ", ".join(doc_id for doc_id, _ in documents)
        raise _fail(f"{len(documents)} documents ({names}); give the one to report on", EXIT_USAGE)
    doc_id, notice = documents[0]
    target = _report_target(out, doc_id)
    with _errors(_options(ctx)):
        page = report_html(notice, doc_id)
        ensure_dir(target.parent)
        write_atomic(target, page)
    values = sum(len(i.quantities) + len(i.rates) + sum(len(b.parts) for b in i.breakdowns) for i in notice.items)
    typer.echo(
        f"{doc_id} -> {target}: {len(notice.items)} items, {values} values highlighted, {len(notice.findings)} findings"
    )


def _report_target(out: str | None, doc_id: str) -> Path:
    """The report's file: `out` itself, or `<doc_id>.html` in it when it is a folder (existing, or ending in /)."""
    if out is None:
        return REPORTS_DIR / f"{doc_id}.html"
    if out.endswith(("/", "\\")) or Path(out).is_dir():
        return Path(out) / f"{doc_id}.html"
    return Path(out)


@app.command(cls=_Command)
def codebook(
    ctx: typer.Context,
    docs: Documents = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the codebook to this file.", metavar="FILE")
    ] = None,
    debug: Debug = False,
) -> None:
    """Print the codebook of the exported tables (docs/DATA.md), with row counts and examples from DOCs."""
    from .export.codebook import codebook as build_codebook
    from .export.documents import write_atomic

    text = build_codebook(_documents(_options(ctx), docs))
    if out is None:
        typer.echo(text, nl=False)
        return
    with _errors(_options(ctx)):
        write_atomic(out, text)
