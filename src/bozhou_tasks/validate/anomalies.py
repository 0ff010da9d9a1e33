"""Text that does not belong in a government notice, such as injected advertising."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator

from ..models import Finding, Item, Span
from ..segment import patterns


def injected_text(text: str, items: list[Item]) -> Iterator[Finding]:
    """A warning for each run of gambling advertising, with the item it sits in."""
    item_at = ItemLocator(items)
    for match in patterns.SPAM.finditer(text):
        span: Span = match.span()
        item = item_at(span[0])
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


class ItemLocator:
    """The item whose headline or one of whose measures holds an offset, in logarithmic time.

    Calling it answers as `_item_at` does; it looks the offset up among the spans sorted
    once, where scanning every item for every offset grew with the square of a long page.
    Spans that overlap (which segmentation does not produce) are left to `_item_at`.
    """

    def __init__(self, items: list[Item]) -> None:
        self.items = items
        spans = sorted(
            (start, end, index)
            for index, item in enumerate(items)
            for start, end in [item.span, *(measure.span for measure in item.measures)]
            if start < end
        )
        self.disjoint = all(earlier[1] <= later[0] for earlier, later in itertools.pairwise(spans))
        self.starts = [start for start, _, _ in spans]
        self.spans = spans

    def __call__(self, offset: int) -> Item | None:
        if not self.disjoint:
            return _item_at(self.items, offset)
        position = bisect.bisect_right(self.starts, offset) - 1
        if position < 0:
            return None
        _, end, index = self.spans[position]
        return self.items[index] if offset < end else None


def _item_at(items: list[Item], offset: int) -> Item | None:
    for item in items:
        parts = [item.span, *(measure.span for measure in item.measures)]
        if any(start <= offset < end for start, end in parts):
            return item
    return None
