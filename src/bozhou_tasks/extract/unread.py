"""Figures left unread: every run of digits in a headline or measure is accounted for.

A run of digits (`patterns.FIGURE_TOKEN`), or a number the source garbled with letters
(`patterns.GARBLED_FIGURE`: IO(X)人), is accounted for when a quantity of its item
covers it, when it sits in a span that holds no figure (`patterns.NOT_QUANTITIES`: years,
dates, titles, document numbers …), or when the word after it makes it an age, an hour,
a duration in years or a grade (`patterns.NOT_FIGURES_AFTER`). Anything else is reported
as an `unread-figure` finding with its span: a figure is never dropped silently.

A figure read without its unit (rule 'unit-missing') is reported too (`units_lost`).

It reads only the document, so `validate` runs it on stored JSON/YAML as well.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..models import Finding, Item, Notice
from . import patterns
from .text import segments


def unread_figures(notice: Notice) -> Iterator[Finding]:
    """One warning per digit run of an item's text that no quantity reads and no rule excludes."""
    for item in notice.items:
        yield from _item(item)


def units_lost(notice: Notice) -> Iterator[Finding]:
    """One warning per figure read without its unit (rule 'unit-missing': 6800左右, 1500/人, 提高至640。):
    the page lost the unit, or never wrote it, and a reader should look at the text."""
    for item in notice.items:
        for quantity in item.quantities:
            if quantity.rule == "unit-missing":
                yield Finding(
                    severity="warning",
                    code="unit-missing",
                    message=f"item {item.number} {quantity.location}: '{quantity.text}' has no unit (the page "
                    "lost it, or never wrote it); the figure is kept with unit '' and its subject, check it against "
                    "the text",
                    item=item.number,
                    span=quantity.span,
                )


def _item(item: Item) -> Iterator[Finding]:
    read = sorted(q.span for q in item.quantities)
    for segment in segments(item):
        text = segment.text
        tokens = list(patterns.FIGURE_TOKEN.finditer(text))
        tokens += patterns.GARBLED_FIGURE.finditer(text)
        if not tokens:
            continue
        excluded = [found.span() for found in patterns.NOT_QUANTITY.finditer(text)]
        for token in tokens:
            start, end = segment.span(*token.span())
            if any(a < end and start < b for a, b in read):
                continue
            if any(a < token.end() and token.start() < b for a, b in excluded):
                continue
            if patterns.NOT_FIGURES_AFTER.match(text, token.end()):
                continue
            after = text[token.end() : token.end() + 4]
            yield Finding(
                severity="warning",
                code="unread-figure",
                message=f"item {item.number} {segment.location}: '{token.group()}' (before '{after}') looks like a "
                "figure but was not read: no unit or reading was found, so it is in no quantity",
                item=item.number,
                span=(start, end),
            )
