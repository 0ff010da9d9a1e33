"""Can a document read from disk be trusted? Bounds and spans, checked before anything uses it.

A structured document is input like any other: it may have been edited by hand, cut
short, or written to attack the tools that read it. `parse` makes documents whose every
span slices `text` to its quoted characters and whose numbers are of a notice's size;
`problem(notice)` says where a document read back is not like that:

- every number within bounds: an integer (item number, span offset, count) below
  `MAX_INTEGER`, a decimal finite and below `10**MAX_EXPONENT` with at most
  `MAX_DIGITS` digits, so that no check, report or export spends unbounded time or
  memory formatting or counting it;
- every span in range (0 ≤ start ≤ end ≤ length of `text`) and, where the object quotes
  its characters, slicing `text` to exactly that quote;
- every list of names paired with a list of spans of the same length.

`plain_tree(data)` checks the data a YAML or JSON loader returned before the model sees
it: no shared containers (YAML aliases, whose expansion is exponential) and no deeper
nesting than a document has.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import BaseModel

from ..models import Notice, Quantity, Span

MAX_INTEGER = 10**9
"""Largest integer a document may hold: offsets into a text under the 50 MB page limit, item numbers, years."""

MAX_EXPONENT = 18
"""A decimal is below 10**18 (a quintillion yuan) and above 10**-18 unless it is zero."""

MAX_DIGITS = 40
"""Significant digits of a decimal: more than any figure a notice prints, few enough to format at once."""

MAX_DEPTH = 32
"""Nesting of lists and mappings: a document nests about 10 deep (notice → items → breakdowns → parts → span)."""


def plain_tree(data: object) -> str | None:
    """Why `data` (as loaded from YAML or JSON) is not a plain tree of a document's depth, or None."""
    seen: set[int] = set()
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if not isinstance(value, dict | list):
            continue
        if depth > MAX_DEPTH:
            return f"it nests lists and mappings more than {MAX_DEPTH} deep"
        if id(value) in seen:
            return "it repeats a list or mapping by reference (a YAML alias), which documents never do"
        seen.add(id(value))
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children)
    return None


def problem(notice: Notice) -> str | None:
    """The first reason `notice` cannot be trusted, in words, or None when it can."""
    return next(_numbers(notice), None) or next(_spans(notice), None)


def _numbers(notice: Notice) -> Iterator[str]:
    """Numbers beyond bounds, each named by its place in the document as pydantic names it: 'items.0.number'."""
    stack: list[tuple[object, str]] = [(notice, "")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, bool):
            continue
        if isinstance(value, int):
            if abs(value) > MAX_INTEGER:
                yield f"{where} is {_short(value)}, beyond {MAX_INTEGER:,}"
        elif isinstance(value, Decimal):
            reason = _decimal_problem(value)
            if reason:
                yield f"{where} {reason}"
        elif isinstance(value, BaseModel):
            stack.extend((child, _join(where, name)) for name, child in reversed(value.__dict__.items()))
        elif isinstance(value, list | tuple):
            stack.extend((child, _join(where, index)) for index, child in reversed(list(enumerate(value))))
        elif isinstance(value, dict):
            stack.extend((child, _join(where, key)) for key, child in reversed(value.items()))


def _join(where: str, name: object) -> str:
    return f"{where}.{name}" if where else str(name)


def _decimal_problem(value: Decimal) -> str | None:
    if not value.is_finite():
        return f"is {value}, not a finite number"
    if value and not -MAX_EXPONENT <= value.adjusted() < MAX_EXPONENT:
        return f"is {_short(value)}, outside 10^-{MAX_EXPONENT} … 10^{MAX_EXPONENT}"
    if len(value.as_tuple().digits) > MAX_DIGITS:
        return f"has more than {MAX_DIGITS} digits"
    return None


def _short(value: int | Decimal) -> str:
    """A number as at most 30 characters: huge ones as their size, never their digits."""
    if isinstance(value, int):
        digits = len(str(abs(value))) if abs(value) < 10**40 else None
        return str(value) if digits is not None and digits <= 20 else f"a {value.bit_length()}-bit integer"
    return f"{value:.3e}"


def _spans(notice: Notice) -> Iterator[str]:
    length = len(notice.text)

    def where(span: Span) -> str:
        return f"[{_short(span[0])}, {_short(span[1])}]"

    for what, span, quoted in quoted_spans(notice):
        start, end = span
        if not 0 <= start <= end <= length:
            yield f"{what} span {where(span)} is not within the text (0 … {length})"
        elif quoted is not None and notice.text[start:end] != quoted:
            yield f"{what} span {where(span)} does not slice the text to its quote {_clip(quoted)!r}"
    for item in notice.items:
        for kind, names, spans in (
            ("lead units", item.lead_units, item.lead_unit_spans),
            ("supporting units", item.supporting_units, item.supporting_unit_spans),
        ):
            if len(names) != len(spans):
                yield f"item {item.number} names {len(names)} {kind} but gives {len(spans)} spans"


def quoted_spans(notice: Notice) -> Iterator[tuple[str, Span, str | None]]:
    """Every span of `notice` with what it belongs to and the text it quotes (None: no quote, only a place)."""
    for block in notice.blocks:
        yield f"{block.role} block", block.span, block.text
    for field in notice.metadata:
        yield f"metadata {field.key}", field.span, field.text
    if notice.plan is not None:
        yield "plan", notice.plan.span, notice.plan.text
    for category in notice.categories:
        yield f"category {category.number}", category.span, category.text
    for item in notice.items:
        name = f"item {item.number}"
        yield name, item.span, item.text
        yield f"{name} headline", item.headline_span, item.headline
        if item.name_span is not None:
            yield f"{name} name", item.name_span, item.name
        if item.headline_rest_span is not None:
            yield f"{name} headline rest", item.headline_rest_span, item.headline_rest
        for unit, span in zip(item.lead_units, item.lead_unit_spans, strict=False):
            yield f"{name} lead unit", span, unit
        for unit, span in zip(item.supporting_units, item.supporting_unit_spans, strict=False):
            yield f"{name} supporting unit", span, unit
        if item.measures_heading_span is not None:
            yield f"{name} measures heading", item.measures_heading_span, item.measures_heading
        for position, measure in enumerate(item.measures, start=1):
            yield f"{name} measure {position}", measure.span, measure.text
            yield f"{name} measure {position} body", measure.body_span, measure.body
        for position, quantity in enumerate(item.quantities, start=1):
            yield from _quantity(f"{name} quantity {position}", quantity)
        for position, breakdown in enumerate(item.breakdowns, start=1):
            yield f"{name} breakdown {position}", breakdown.span, breakdown.text
            if breakdown.total is not None:
                yield from _quantity(f"{name} breakdown {position} total", breakdown.total)
            for index, part in enumerate(breakdown.parts, start=1):
                yield from _quantity(f"{name} breakdown {position} part {index}", part.quantity)
        for position, rate in enumerate(item.rates, start=1):
            yield f"{name} rate {position}", rate.span, rate.text
            if rate.per_span is not None:
                yield f"{name} rate {position} basis", rate.per_span, rate.per_text
    for line in notice.unparsed:
        yield "unparsed line", line.span, line.text
    for finding in notice.findings:
        if finding.span is not None:
            yield f"finding {finding.code}", finding.span, None


def _quantity(what: str, quantity: Quantity) -> Iterator[tuple[str, Span, str | None]]:
    yield what, quantity.span, quantity.text
    if quantity.qualifier_span is not None:
        yield f"{what} qualifier", quantity.qualifier_span, quantity.qualifier_text


def _clip(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
