"""The pipeline: load → segment → extract → validate, as one call.

Each stage returns what it found; the findings of reading the page and the checks'
report come together once, in the notice's `findings`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import extract
from .errors import InputError
from .extract.regions import gazetteer
from .load import decode, html, provenance
from .models import Finding, Notice, Retrieval, Source, collector_paused
from .segment import notice as segment
from .segment import pagekind
from .validate import validate


def parse(source: str | bytes | Path) -> Notice:
    """Parse a saved notice page into a `Notice`.

    `source` is a path (`str` or `Path`), the page's raw bytes, or its text (a `str`
    with a newline or markup in it). Raises `InputError` for input that is not a
    readable page. A page that `bz-tasks fetch` downloaded carries its retrieval
    (URL, time, HTTP headers) from the manifest beside it, and its header's charset is
    evidence for decoding.
    """
    with collector_paused():  # a document is objects that all live on: see models.collector_paused
        return _parse(source)


def _parse(source: str | bytes | Path) -> Notice:
    fetched, changed = provenance.lookup(source)  # changed since it was fetched: a saved page, read as one
    loaded = decode.load(source, http_charset=fetched.charset if fetched else None)
    reading = _provenance_findings(fetched, changed, loaded)
    text, newlines = normalise_newlines(loaded.text)
    if loaded.media_type == "text/html":
        try:
            text = html.html_to_text(text)
        except InputError as exc:
            raise InputError(f"{loaded.path or 'input'}: {exc}") from None
    if not text.strip():
        raise InputError(f"{loaded.path or 'input'}: the page has no visible text; give a saved notice page")
    parts = segment.segment(text)
    problem = pagekind.not_a_plan(parts)
    if problem is not None:
        raise InputError(f"{loaded.path or 'input'}: {problem}")
    city = gazetteer().city_in(parts.plan.title if parts.plan else parts.meta.issuer or parts.meta.title)
    extract.fill(parts.items, city)
    notice = Notice(
        source=_source(loaded, newlines, fetched),
        notice=parts.meta,
        plan=parts.plan,
        categories=parts.categories,
        items=parts.items,
        findings=[],
        unparsed=parts.unparsed,
        blocks=parts.blocks,
        metadata=parts.metadata,
        text=text,
    )
    notice.findings = validate(notice, reading=_cut_short(loaded, text) + reading).findings
    return notice


def _source(loaded: decode.Loaded, newlines: str, fetched: provenance.Entry | None) -> Source:
    """Where the document came from: the file, how its bytes were read, and its retrieval when it was fetched."""
    return Source(
        path=loaded.path,
        sha256=loaded.sha256,
        size=len(loaded.raw),
        media_type=loaded.media_type,
        encoding=loaded.encoding,
        encoding_rule=loaded.encoding_rule,
        newlines=newlines,
        retrieval=_retrieval(fetched),
    )


def _cut_short(loaded: decode.Loaded, text: str) -> list[Finding]:
    """A warning when the input ended in the middle of a character: the file was cut short."""
    if not loaded.cut_bytes:
        return []
    return [
        Finding(
            severity="warning",
            code="input-cut-short",
            message=(
                f"the input ends in the middle of a character ({loaded.cut_bytes} byte(s) left over), so the file "
                "looks cut short and the end of the page may be missing; the text is kept up to the last whole "
                "character: save or download the page again"
            ),
            span=(len(text), len(text)),
        )
    ]


def _retrieval(entry: provenance.Entry | None) -> Retrieval | None:
    if entry is None:
        return None
    return Retrieval(
        url=entry.url,
        final_url=entry.final_url,
        retrieved_at=dt.datetime.fromisoformat(entry.retrieved_at),
        status=entry.status,
        content_type=entry.content_type,
        charset=entry.charset,
        etag=entry.etag,
        last_modified=entry.last_modified,
    )


def _provenance_findings(
    entry: provenance.Entry | None, changed: provenance.Entry | None, loaded: decode.Loaded
) -> list[Finding]:
    """What comparing a page with its manifest entry shows: changed since it was fetched, or a charset disagreement."""
    if changed is not None:
        return [
            Finding(
                severity="warning",
                code="fetched-page-changed",
                message=f"{loaded.path} is not the page fetched from {changed.url} at {changed.retrieved_at} (its "
                f"SHA-256 differs from the manifest's), so it is read as a saved page without that provenance: "
                "fetch it again, or keep the edited copy under another name",
            )
        ]
    if entry is None:
        return []
    served = decode.charset_codec(entry.charset) if entry.charset else None
    if served is None or served == loaded.encoding or {served, loaded.encoding} == {"utf-8", "utf-8-sig"}:
        return []
    return [
        Finding(
            severity="info",
            code="http-charset-disagrees",
            message=f"the HTTP header said charset={entry.charset}, but the page reads as {loaded.encoding} "
            f"(decoding rule '{loaded.encoding_rule}' decided); the header's charset was not used",
        )
    ]


def normalise_newlines(text: str) -> tuple[str, str]:
    """`text` with LF line ends, and which line ends it had (lf, crlf, cr, mixed, none)."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, count in (("crlf", crlf), ("cr", cr), ("lf", lf)) if count]
    style = kinds[0] if len(kinds) == 1 else ("none" if not kinds else "mixed")
    if crlf or cr:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, style


def content(notice: Notice) -> dict[str, object]:
    """What a notice says, without where it says it: spans, offsets and the source left out.

    Two saves of the same page (HTML and its text capture, another encoding) must agree
    on this even though their texts, and so their offsets, differ.
    """
    return {
        "notice": notice.notice.model_dump(mode="json"),
        "plan": notice.plan.model_dump(mode="json", include={"title", "year", "declared_item_count"})
        if notice.plan
        else None,
        "categories": [
            c.model_dump(mode="json", include={"number", "numeral", "name", "declared_item_count", "item_numbers"})
            for c in notice.categories
        ],
        "items": [_strip_spans(item.model_dump(mode="json")) for item in notice.items],
        "unparsed": [line.text for line in notice.unparsed],
    }


def content_differences(a: Notice, b: Notice) -> list[str]:
    """Where two notices differ in content (see `content`), one line per top-level difference."""
    left, right = content(a), content(b)
    differences = []
    for key in left:
        if left[key] == right[key]:
            continue
        if key in ("categories", "items"):
            lefts, rights = left[key], right[key]
            assert isinstance(lefts, list)
            assert isinstance(rights, list)
            for index, (x, y) in enumerate(zip(lefts, rights, strict=False)):
                if x != y:
                    fields = sorted(k for k in {*x, *y} if x.get(k) != y.get(k))
                    shown = "; ".join(_first_difference(field, x.get(field), y.get(field)) for field in fields[:3])
                    more = f"; and {len(fields) - 3} more" if len(fields) > 3 else ""
                    differences.append(
                        f"{key[:-1]} {x.get('number', index + 1)} differs in {', '.join(fields)} ({shown}{more})"
                    )
            if len(lefts) != len(rights):
                differences.append(f"{len(lefts)} {key} against {len(rights)}")
        else:
            differences.append(f"{key} differs")
    return differences


def _first_difference(path: str, left: object, right: object) -> str:
    """The first place two values differ, with both values: 'lead_units[0]: '市退役军人事务局' ≠ '市民政局''.

    >>> _first_difference("quantities", [{"value": "35000"}], [{"value": "34900"}])
    "quantities[0].value: '35000' ≠ '34900'"
    """
    if isinstance(left, dict) and isinstance(right, dict):
        for key in sorted({*left, *right}):
            if left.get(key) != right.get(key):
                return _first_difference(f"{path}.{key}", left.get(key), right.get(key))
    if isinstance(left, list) and isinstance(right, list):
        for index, (x, y) in enumerate(zip(left, right, strict=False)):
            if x != y:
                return _first_difference(f"{path}[{index}]", x, y)
        return f"{path}: {len(left)} entries ≠ {len(right)}"
    if isinstance(left, str) and isinstance(right, str):
        return f"{path}: {_around(left, right)} ≠ {_around(right, left)}"
    return f"{path}: {left!r} ≠ {right!r}"


def _around(text: str, other: str, width: int = 24) -> str:
    """`text` around where it first differs from `other`, clipped: '…(牵头单位:市民政局)'."""
    at = next((i for i, (a, b) in enumerate(zip(text, other, strict=False)) if a != b), min(len(text), len(other)))
    start = max(0, at - 8)
    end = start + width
    return repr(("…" if start else "") + text[start:end] + ("…" if end < len(text) else ""))


def _strip_spans(value: object) -> object:
    if isinstance(value, dict):
        return {
            k: _strip_spans(v)
            for k, v in value.items()
            if not (k == "span" or k.endswith("_span") or k.endswith("_spans"))
        }
    if isinstance(value, list):
        return [_strip_spans(v) for v in value]
    return value
