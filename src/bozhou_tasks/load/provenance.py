"""The provenance manifest of fetched pages: one JSON file beside them, one entry per file.

`bz-tasks fetch` writes each page's bytes unchanged into a folder and records in
`provenance.json` there where and when they came from: the URL asked for, the URL after
redirects, the time, the HTTP status, the Content-Type with its charset, the validators
(ETag, Last-Modified), the size and the SHA-256. A page that changed on the server is a
new file with an entry of its own, so the manifest is also the history of a URL.

`parse` looks a page up here by its file name and keeps the entry only if the SHA-256
still matches: a page edited or replaced since it was fetched is a saved page again.
This module reads and writes JSON only; it loads no HTTP client and no model.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from ..errors import InputError

MANIFEST_NAME = "provenance.json"
MANIFEST_VERSION = 1


@dataclass(frozen=True, slots=True)
class Entry:
    """One fetched file and how it was retrieved."""

    file: str
    """The file's name in the manifest's folder."""
    url: str
    final_url: str
    retrieved_at: str
    """When the bytes were received, ISO 8601 in UTC ('2026-11-30T14:20:16Z')."""
    status: int
    content_type: str | None
    charset: str | None
    """The Content-Type's charset parameter as sent, or None."""
    etag: str | None
    last_modified: str | None
    size: int
    sha256: str
    checked_at: str | None = None
    """The last time the server said these bytes are still current (304, or the same bytes again)."""


def now() -> str:
    """The current UTC time as the manifest writes it."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def manifest_path(folder: Path) -> Path:
    return folder / MANIFEST_NAME


def read_manifest(folder: Path) -> list[Entry]:
    """The entries of the manifest in `folder`; none when it has no manifest."""
    path = manifest_path(folder)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    return list(_read(str(path), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=8)
def _read(path: str, mtime_ns: int, size: int) -> tuple[Entry, ...]:
    """Read a manifest once per version of it (a corpus parse looks it up for every page)."""
    del mtime_ns, size  # only part of the cache key
    fix = "restore it from version control, or delete it and fetch the pages again"
    try:
        data = json.loads(Path(path).read_bytes())
        if data.get("manifest_version") != MANIFEST_VERSION:
            raise InputError(f"{path}: manifest version {data.get('manifest_version')!r} is not {MANIFEST_VERSION}")
        names = {field.name for field in fields(Entry)}
        return tuple(Entry(**{k: v for k, v in page.items() if k in names}) for page in data["pages"])
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise InputError(f"{path}: not a bz-tasks provenance manifest ({exc}); {fix}") from None


def manifest_text(entries: list[Entry]) -> str:
    """The manifest as written: entries grouped by URL, each URL's versions oldest first; readable URLs."""
    pages = [asdict(entry) for entry in sorted(entries, key=lambda entry: entry.url)]  # a stable sort
    data = {"manifest_version": MANIFEST_VERSION, "pages": pages}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def entry_for(source: str | bytes | Path) -> Entry | None:
    """The manifest entry of a page given by path, found by its file name; None for other input."""
    path = _page_path(source)
    if path is None:
        return None
    for entry in read_manifest(path.parent):
        if entry.file == path.name:
            return entry
    return None


def lookup(source: str | bytes | Path) -> tuple[Entry | None, Entry | None]:
    """(the entry of a fetched page whose bytes still match it, the entry of one changed since).

    Both are None for a page the manifest does not list, or input that is not a path.
    """
    path = _page_path(source)
    entry = entry_for(path) if path is not None else None
    if path is None or entry is None:
        return None, None
    try:
        same = path.stat().st_size == entry.size and hashlib.sha256(path.read_bytes()).hexdigest() == entry.sha256
    except OSError:
        return None, None  # reading the page will say what is wrong
    return (entry, None) if same else (None, entry)


def _page_path(source: str | bytes | Path) -> Path | None:
    """`source` as a path, or None for bytes and text (as `decode.read_source` tells them apart)."""
    if isinstance(source, bytes):
        return None
    if isinstance(source, str) and ("\n" in source or "<" in source or len(source) > 4096):
        return None
    return Path(source)


def latest_for(entries: list[Entry], url: str) -> Entry | None:
    """The newest version of `url` (the last listed: times have one-second steps), if it was fetched before."""
    versions = [entry for entry in entries if entry.url == url]
    return versions[-1] if versions else None
