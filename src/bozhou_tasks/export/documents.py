"""Write documents to disk: JSON and YAML, atomically, readable Chinese, stable key order."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, OutputError
from ..interrupt import held
from ..models import EXPONENT_FLOATS, Notice
from . import yaml_writer


def to_json(notice: Notice) -> str:
    """The document as JSON: UTF-8 characters unescaped, two-space indent, fields in model order.

    pydantic's serializer writes the indented text in Rust, several times faster than the
    standard library, whose C encoder does not indent. Both write a float as its shortest
    round-trip digits, but not in the same notation where Python's `repr` uses an exponent
    (1e-07 against 1e-7): a document holding such a float is written by the standard library.
    """
    context: dict[str, bool] = {}
    data = notice.model_dump_json(indent=2, context=context)
    if context.get(EXPONENT_FLOATS):
        return json.dumps(notice.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    return data + "\n"


def to_yaml(notice: Notice) -> str:
    """The document as YAML (block style, Chinese unescaped); load it with `yaml.safe_load`.

    `yaml_writer` writes what PyYAML with libyaml writes, without PyYAML's representer and
    resolver; a document holding something it does not write (see there) goes to PyYAML.
    """
    data = notice.model_dump(mode="json")
    try:
        return yaml_writer.dump(data)
    except yaml_writer.UnsupportedError:
        return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
"""Refuse structured documents above this size: a notice's document is well under a few megabytes."""


def from_json(data: str | bytes) -> Notice:
    return Notice.model_validate_json(data)


def from_yaml(data: str | bytes) -> Notice:
    """A document from YAML, loaded safely (libyaml's loader where PyYAML has it) and as a plain tree.

    YAML aliases are refused before the model sees the data: expanding them is exponential.
    """
    from . import integrity

    # libyaml's loader is ten times faster than PyYAML's own and stops at a nesting depth of
    # 1000 instead of recursing; the pure-Python one is the fallback where PyYAML lacks libyaml.
    tree = yaml.load(data, Loader=yaml.CSafeLoader) if yaml.__with_libyaml__ else yaml.safe_load(data)
    problem = integrity.plain_tree(tree)
    if problem is not None:
        raise ValueError(problem)
    return Notice.model_validate(tree)


def read_document(path: Path) -> Notice:
    """Read a structured document (.json, .yaml or .yml) written by `write_document`.

    The document is checked before it is returned: its size, its shape, its numbers and
    every span (see `integrity`), so that nothing downstream trusts a tampered file.
    """
    from pydantic import ValidationError

    from . import integrity

    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise InputError(
                f"{path}: {size} bytes is too large for a bz-tasks document (limit {MAX_DOCUMENT_BYTES}); "
                "give a document written by 'bz-tasks parse'"
            )
        with path.open("rb") as handle:  # at most one byte past the limit: a device or pipe may never end
            data = handle.read(MAX_DOCUMENT_BYTES + 1)
        if len(data) > MAX_DOCUMENT_BYTES:
            raise InputError(
                f"{path}: more than {MAX_DOCUMENT_BYTES} bytes is too large for a bz-tasks document "
                f"(limit {MAX_DOCUMENT_BYTES}); give a document written by 'bz-tasks parse'"
            )
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    try:
        notice = from_yaml(data) if path.suffix.lower() in (".yaml", ".yml") else from_json(data)
    except (ValidationError, yaml.YAMLError, ValueError, RecursionError) as exc:
        first = _first_line(exc)
        raise InputError(f"{path}: not a bz-tasks document ({first}); regenerate it with 'bz-tasks parse'") from None
    problem = integrity.problem(notice)
    if problem is not None:
        raise InputError(f"{path}: not a bz-tasks document ({problem}); regenerate it with 'bz-tasks parse'")
    return notice


def _first_line(exc: BaseException) -> str:
    """What is wrong with a document, in one line, without formatting more of the error than that."""
    from pydantic import ValidationError

    if isinstance(exc, RecursionError):
        return "it nests too deep to read"
    if isinstance(exc, ValidationError):
        # the first error and where it is; never the input values, whose text may be huge
        errors = exc.errors(include_url=False, include_input=False, include_context=False)
        first = errors[0]
        where = ".".join(str(part) for part in first["loc"]) or "document"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return f"{where}: {first['msg']}{more}"
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem:
        return exc.problem  # what went wrong, not the context ('while scanning …') it went wrong in
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__


def write_document(notice: Notice, out_dir: Path, stem: str) -> list[Path]:
    """Write `<stem>.json` and `<stem>.yaml` into `out_dir`; return their paths.

    Both files are written to temporary files beside them and renamed into place only
    once both are complete, so a reader never sees a half-written file, and a failure
    leaves neither new file behind (nor a new JSON beside an old YAML).
    """
    ensure_dir(out_dir)
    outputs: list[tuple[Path, str | bytes]] = [
        (out_dir / f"{stem}.json", to_json(notice)),
        (out_dir / f"{stem}.yaml", to_yaml(notice)),
    ]
    write_all_atomic(outputs)
    return [path for path, _ in outputs]


def ensure_dir(out_dir: Path) -> None:
    """Create `out_dir` if needed, with an error that names the fix when it can't be."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: exists and is not a directory; give a directory with -o")
    if out_dir.is_symlink() and not out_dir.exists():
        raise OutputError(
            f"{out_dir}: is a symbolic link to {out_dir.readlink()}, which does not exist; "
            "create that directory or give another with -o"
        )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"{out_dir}: cannot create the output directory ({exc.strerror or exc}); choose another with -o"
        ) from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise OutputError(f"{out_dir}: the output directory is not writable; choose another with -o")


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write `content` to `path` through a temporary file and a rename."""
    write_all_atomic([(path, content)])


def write_all_atomic(outputs: list[tuple[Path, str | bytes]]) -> None:
    """Write each `(path, content)` through a temporary file; rename them all once all are written.

    On failure every temporary file is removed and no path is touched: files already
    there keep their old content. The renames are made together: with a stop (Ctrl-C,
    SIGTERM) held back until the last one is done, and under a lock on each folder, so that a second
    writer of the same files cannot rename its files between ours (a JSON of one run beside
    the YAML of another).
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, content in outputs:
            staged.append((_stage(path, content), path))
        with held(), _folders_locked(sorted({path.parent for _, path in staged})):
            for tmp, path in staged:
                try:
                    Path(tmp).replace(path)
                except OSError as exc:
                    raise OutputError(
                        f"{path}: cannot write it ({exc.strerror or exc}); choose another with -o"
                    ) from None
                _STAGED.discard(tmp)
    finally:
        for tmp, _ in staged:
            _remove_quietly(tmp)  # a no-op for those renamed into place


_STAGED: set[str] = set()
"""Temporary files this process has written and not yet renamed: a process told to stop removes them."""


def remove_staged() -> None:
    """Remove the temporary files of writes in progress (a process about to stop leaves nothing behind)."""
    for tmp in list(_STAGED):
        _remove_quietly(tmp)
        _STAGED.discard(tmp)


@contextlib.contextmanager
def _folders_locked(folders: list[Path]) -> Iterator[None]:
    """An exclusive advisory lock on each folder (flock on the folder itself: no lock file is left behind)."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    handles: list[int] = []
    try:
        for folder in folders:
            try:
                handle = os.open(folder, os.O_RDONLY)
            except OSError:
                continue  # the rename will say what is wrong with the folder
            handles.append(handle)
            with contextlib.suppress(OSError):
                fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        for handle in handles:
            os.close(handle)  # closing releases the lock


def _stage(path: Path, content: str | bytes) -> str:
    """Write `content` to a new temporary file beside `path`; return the temporary file's name."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with held():  # a stop between creating the file and noting it would leave it behind
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            _STAGED.add(tmp)
    except OSError as exc:
        raise OutputError(
            f"{path.parent}: cannot write there ({exc.strerror or exc}); choose another with -o"
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).chmod(0o666 & ~_umask())  # mkstemp makes it private; give it a normal file's mode
    except OSError as exc:
        _remove_quietly(tmp)
        raise OutputError(
            f"{path}: cannot write it ({exc.strerror or exc}); nothing was written, free some space "
            "or choose another directory with -o"
        ) from None
    except BaseException:
        _remove_quietly(tmp)
        raise
    return tmp


@functools.cache
def _umask() -> int:
    """The process's umask, read once (reading it means setting it, which threads must not race)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        Path(path).unlink()
    _STAGED.discard(path)


# libyaml's emitter (the one `yaml_writer` follows) is five times faster than PyYAML's pure-Python one,
# which is the fallback where PyYAML was built without libyaml; the two fold long double-quoted
# scalars differently.
_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_SafeDumper):  # type: ignore[misc, valid-type]
    """A safe dumper that writes multi-line strings as literal blocks where YAML allows."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> Any:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> Any:
    # spans and other short lists of numbers read best on one line: [642, 661]
    flow = bool(value) and all(isinstance(v, int | float) for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)
