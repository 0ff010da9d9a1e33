"""Rates: every money amount, with its basis (每人每年, /月, 人均) or as a cap, threshold or lump sum."""

from __future__ import annotations

import sys
from typing import Literal

from ..models import Breakdown, Rate
from . import patterns
from .text import Mention


def find(mentions: list[Mention], breakdowns: list[Breakdown]) -> list[Rate]:
    """The rates of one item: one per money quantity (unit 元), in order."""
    inherited = _inherited_bases(mentions, breakdowns)
    out = []
    for mention in mentions:
        quantity = mention.quantity
        if quantity.unit != "元":
            continue
        text = mention.segment.text
        clause = mention.segment.clause_start(mention.start)
        kind = _kind(text[clause : mention.start], text[mention.end : mention.end + 2], quantity.qualifier_text)
        per, per_text, note = quantity.per, mention.per_text, None
        per_span: tuple[int, int] | None = None
        if mention.per_start is not None and per_text:
            per_span = mention.segment.span(mention.per_start, mention.per_start + len(per_text))
        if kind == "threshold":
            per, per_text, per_span = None, None, None
        elif per is None and id(mention) in inherited:
            per, note = inherited[id(mention)]
        if kind == "rate" and per is None:
            kind = "lump_sum"
        scale = mention.scale or ""
        out.append(
            Rate(
                text=quantity.text,
                amount=quantity.value,
                unit=sys.intern(f"{scale}元"),  # a few words, in every rate: one string each
                per=per,
                per_text=per_text,
                per_span=per_span,
                qualifier=quantity.qualifier,
                subject=quantity.subject,
                kind=kind,
                note=note,
                location=quantity.location,
                span=quantity.span,
            )
        )
    return out


Kind = Literal["rate", "cap", "threshold", "lump_sum"]


def _kind(before: str, after: str, qualifier_text: str | None) -> Kind:
    if patterns.THRESHOLD_WORDS.search(before):
        return "threshold"
    if qualifier_text in patterns.SUFFIX_QUALIFIERS and patterns.THRESHOLD_AFTER.match(after):
        return "threshold"
    if patterns.CAP_WORDS.search(before):
        return "cap"
    return "rate"


def _inherited_bases(mentions: list[Mention], breakdowns: list[Breakdown]) -> dict[int, tuple[str, str]]:
    """Components of an amount given per something are given per the same thing (item 27: 50元 + 70元 per 新生儿)."""
    by_span = {m.quantity.span: m for m in mentions}
    out: dict[int, tuple[str, str]] = {}
    for breakdown in breakdowns:
        total = breakdown.total
        if breakdown.dimension != "component" or total is None or total.unit != "元" or total.per is None:
            continue
        for part in breakdown.parts:
            mention = by_span.get(part.quantity.span)
            written = getattr(by_span.get(total.span), "per_text", None) or total.per
            if mention is not None and mention.quantity.per is None:
                out[id(mention)] = (total.per, f"basis of the total {total.text} ({written})")
    return out
