"""Text that does not belong in a government notice, such as injected advertising."""

from __future__ import annotations

from collections.abc import Iterator

from ..models import Finding, Item, Span
from ..segment import patterns


def injected_text(text: str, items: list[Item]) -> Iterator[Finding]:
    """A warning for each run of gambling advertising, with the item it sits in."""
    for match in patterns.SPAM.finditer(text):
        span: Span = match.span()
        item = _item_at(items, span[0])
        where = f"item {item.number}" if item else "the page outside the plan"
        yield Finding(
            severity="warning",
            code="injected-spam",
            message=(
                f"'{match.group()}' in {where} looks like gambling advertising injected by a hacked "
                "mirror; it is kept as written, check the text against the official site"
            ),
            item=item.number if item else None,
            span=span,
        )


def _item_at(items: list[Item], offset: int) -> Item | None:
    for item in items:
        parts = [item.span, *(measure.span for measure in item.measures)]
        if any(start <= offset < end for start, end in parts):
            return item
    return None
