"""Write documents to disk: JSON and YAML, atomically, readable Chinese, stable key order."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from . import yaml_writer
from .errors import InputError, OutputError
from .models import EXPONENT_FLOATS, Notice


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


def from_json(data: str | bytes) -> Notice:
    return Notice.model_validate_json(data)


def from_yaml(data: str | bytes) -> Notice:
    return Notice.model_validate(yaml.safe_load(data))


def read_document(path: Path) -> Notice:
    """Read a structured document (.json, .yaml or .yml) written by `write_document`."""
    from pydantic import ValidationError

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            return from_yaml(data)
        return from_json(data)
    except (ValidationError, yaml.YAMLError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{path}: not a bz-tasks document ({first}); regenerate it with 'bz-tasks parse'") from None


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
    there keep their old content.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, content in outputs:
            staged.append((_stage(path, content), path))
        for tmp, path in staged:
            try:
                Path(tmp).replace(path)
            except OSError as exc:
                raise OutputError(f"{path}: cannot write it ({exc.strerror or exc}); choose another with -o") from None
    finally:
        for tmp, _ in staged:
            _remove_quietly(tmp)  # a no-op for those renamed into place


def _stage(path: Path, content: str | bytes) -> str:
    """Write `content` to a new temporary file beside `path`; return the temporary file's name."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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
