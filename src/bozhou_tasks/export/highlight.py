"""Source text as HTML with highlighted spans: properly nested, every character kept.

A `Mark` is a span of the document to wrap in an element. Marks may nest (a breakdown
around its parts) or cross (rare); a mark that crosses the one it starts in is split at
the boundary, its continuation carrying no id or tip. Marks with the same span and tag
are merged into one element. Stripping the tags from the output gives back exactly the
text (HTML-escaped), which the tests check.
"""

from __future__ import annotations

import heapq
import html
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Mark:
    """A span of the document to wrap in `<tag class=… id=…>`, with an optional tooltip."""

    start: int
    end: int
    tag: str = "mark"
    classes: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    tip: str | None = None
    """Shown on hover and focus, and read by screen readers after the text."""
    rank: int = 0
    """For marks with the same span: the lower rank is the outer element."""
    continued: bool = field(default=False, compare=False)


def merge(marks: list[Mark]) -> list[Mark]:
    """Marks with the same span and tag become one: classes, ids and tips combined."""
    merged: dict[tuple[int, int, str], Mark] = {}
    for mark in marks:
        key = (mark.start, mark.end, mark.tag)
        if key not in merged:
            merged[key] = mark
            continue
        old = merged[key]
        tips = [tip for tip in (old.tip, mark.tip) if tip]
        merged[key] = replace(
            old,
            classes=tuple(dict.fromkeys((*old.classes, *mark.classes))),
            ids=(*old.ids, *mark.ids),
            tip=" · ".join(dict.fromkeys(tips)) or None,
            rank=min(old.rank, mark.rank),
        )
    return list(merged.values())


def _open(mark: Mark) -> str:
    tipped = ("tipped",) if mark.tip and not mark.continued else ()
    classes = " ".join((*mark.classes, "cont") if mark.continued else (*mark.classes, *tipped))
    attributes = f' class="{html.escape(classes)}"' if classes else ""
    ids = () if mark.continued else mark.ids
    if ids:
        attributes += f' id="{html.escape(ids[0])}"'
    if mark.tip and not mark.continued:
        attributes += ' tabindex="0"'
    extra_anchors = "".join(f'<span id="{html.escape(i)}"></span>' for i in ids[1:])
    return f"<{mark.tag}{attributes}>{extra_anchors}"


def _close(mark: Mark) -> str:
    tip = ""
    if mark.tip and not mark.continued:
        tip = f'<span class="tip" role="tooltip" lang="en">{html.escape(mark.tip)}</span>'
    return f"{tip}</{mark.tag}>"


def render(text: str, start: int, end: int, marks: list[Mark]) -> str:
    """`text[start:end]` as HTML, with each mark (clipped to the range) wrapped around its characters."""
    clipped = [
        replace(mark, start=max(mark.start, start), end=min(mark.end, end))
        for mark in marks
        if mark.start < end and mark.end > start
    ]
    queue = [(m.start, -m.end, m.rank, n, m) for n, m in enumerate(merge([m for m in clipped if m.start < m.end]))]
    heapq.heapify(queue)
    counter = len(queue)
    out: list[str] = []
    stack: list[Mark] = []
    position = start

    def advance(to: int) -> None:
        nonlocal position
        out.append(html.escape(text[position:to], quote=False))
        position = to

    while queue:
        *_, mark = heapq.heappop(queue)
        while stack and stack[-1].end <= mark.start:
            top = stack.pop()
            advance(top.end)
            out.append(_close(top))
        if stack and mark.end > stack[-1].end:  # crosses the mark it starts in: split it
            rest = replace(mark, start=stack[-1].end, continued=True)
            heapq.heappush(queue, (rest.start, -rest.end, rest.rank, counter, rest))
            counter += 1
            mark = replace(mark, end=stack[-1].end)
        advance(mark.start)
        out.append(_open(mark))
        stack.append(mark)
    while stack:
        top = stack.pop()
        advance(top.end)
        out.append(_close(top))
    advance(end)
    return "".join(out)
