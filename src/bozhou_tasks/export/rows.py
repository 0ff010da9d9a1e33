"""Rows from a notice: one pure function per table (a notice in, rows out).

`tables.TABLES` pairs each function with its table's columns and keys; the functions
here only read the model. Positions count from 1; spans become `span_start`/`span_end`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from ..extract import glossary, patterns
from ..models import Finding, Item, Notice, Quantity, measure_position
from ..numerals import tidy
from ..validate.arithmetic import check_sum

Value = str | int | Decimal | bool | dt.date | None
Row = dict[str, Value]


def as_written(quantity: Quantity) -> tuple[Decimal, str]:
    """A quantity's number and unit as written, before the scale word was applied.

    `Quantity.value` has its scale applied and `Quantity.unit` lost it (3.5万人 → 35000, 人);
    the research tables give both readings, so a figure can be checked against its text.

    >>> from bozhou_tasks.models import Quantity
    >>> q = Quantity(text="3.5万人左右", value=Decimal(35000), unit="人", qualifier="approx", location="headline",
    ...              rule="", span=(0, 7))
    >>> as_written(q)
    (Decimal('3.5'), '万人')
    """
    match = patterns.QUANTITY.search(quantity.text)
    scale = match["scale"] if match else None
    if not scale:
        return quantity.value, quantity.unit
    return tidy(quantity.value / patterns.SCALES[scale]), scale + quantity.unit


def _span(span: tuple[int, int] | None) -> tuple[int | None, int | None]:
    return (span[0], span[1]) if span else (None, None)


def keyed_items(notice: Notice) -> Iterator[tuple[int, Item]]:
    """Each item with its key in the tables: its place in the notice, from 1.

    Item numbers are no key: a plan may number its items again from 1 in every category, and a
    page may repeat a number. Where the items run 1…n straight through (Bozhou's 1…50) the key
    is the number; `items.number` always has the number as printed.
    """
    return enumerate(notice.items, start=1)


def items_by_number(notice: Notice) -> dict[int, list[tuple[int, Item]]]:
    """The keyed items of each item number, in order (several where numbering restarts)."""
    found: dict[int, list[tuple[int, Item]]] = {}
    for key, item in keyed_items(notice):
        found.setdefault(item.number, []).append((key, item))
    return found


def finding_item(finding: Finding, by_number: dict[int, list[tuple[int, Item]]]) -> int | None:
    """The key of the item a finding is about: of the items with its number (`items_by_number`), the
    one its span lies in (numbering may restart in every category), else the first; None when none has it."""
    if finding.item is None:
        return None
    keys = by_number.get(finding.item, [])
    at = finding.span[0] if finding.span else None
    inside = [key for key, item in keys if at is not None and item.span[0] <= at <= item.span[1]]
    candidates = inside or [key for key, _ in keys]
    return candidates[0] if candidates else None


# --- row functions (pure: a notice in, rows out) -----------------------------------------------


def notice_rows(notice_id: str, notice: Notice) -> Iterator[Row]:
    meta, plan, source = notice.notice, notice.plan, notice.source
    yield {
        "notice": notice_id,
        "title": meta.title,
        "issuer": meta.issuer,
        "doc_number": meta.doc_number,
        "index_no": meta.index_no,
        "publisher": meta.publisher,
        "issued_date": meta.issued_date,
        "published_date": meta.published_date,
        "signed_date": meta.signed_date,
        "plan_title": plan.title if plan else None,
        "plan_year": plan.year if plan else None,
        "declared_item_count": plan.declared_item_count if plan else None,
        "category_count": len(notice.categories),
        "item_count": len(notice.items),
        "source_path": source.path,
        "source_sha256": source.sha256,
        "source_encoding": source.encoding,
        "schema_version": notice.schema_version,
    }


def category_rows(notice_id: str, notice: Notice) -> Iterator[Row]:
    terms = glossary.load()
    for category in notice.categories:
        yield {
            "notice": notice_id,
            "category": category.number,
            "numeral": category.numeral,
            "name": category.name,
            "name_en": terms.category_en(category.name),
            "declared_item_count": category.declared_item_count,
            "item_count": len(category.item_numbers),
            "text": category.text,
            "span_start": category.span[0],
            "span_end": category.span[1],
        }


def item_rows(notice_id: str, notice: Notice) -> Iterator[Row]:
    for key, item in keyed_items(notice):
        yield {
            "notice": notice_id,
            "item": key,
            "number": item.number,
            "numeral": item.numeral,
            "category": item.category_number,
            "headline": item.headline,
            "name": item.name,
            "headline_rest": item.headline_rest,
            "lead_label": item.lead_label,
            "measures_heading": item.measures_heading,
            "measure_count": len(item.measures),
            "quantity_count": len(item.quantities),
            "breakdown_count": len(item.breakdowns),
            "rate_count": len(item.rates),
            "text": item.text,
            "span_start": item.span[0],
            "span_end": item.span[1],
            "headline_start": item.headline_span[0],
            "headline_end": item.headline_span[1],
            "name_start": item.name_span[0] if item.name_span else None,
            "name_end": item.name_span[1] if item.name_span else None,
            "headline_rest_start": _span(item.headline_rest_span)[0],
            "headline_rest_end": _span(item.headline_rest_span)[1],
        }


def lead_unit_rows(notice_id: str, notice: Notice) -> Iterator[Row]:
    terms = glossary.load()
    for key, item in keyed_items(notice):
        for position, (unit, span) in enumerate(zip(item.lead_units, item.lead_unit_spans, strict=True), start=1):
            yield {
                "notice": notice_id,
                "item": key,
                "position": position,
                "lead_unit": unit,
                "lead_unit_en": terms.lead_unit_en(unit),
                "span_start": span[0],
                "span_end": span[1],
            }


def measure_rows(notice_id: str, notice: Notice) -> Iterator[Row]:
    for key, item in keyed_items(notice):
        for position, measure in enumerate(item.measures, start=1):
            yield {
                "notice": notice_id,
                "item": key,
                "measure": position,
                "number_as_written": measure.number_as_written,
                "number_text": measure.number_text,
                "body": measure.body,
                "text": measure.text,
                "span_start": measure.span[0],
                "span_end": measure.span[1],
                "body_start": measure.body_span[0],
                "body_end": measure.body_span[1],
            }


def quantity_rows(notice_id: str, notice: Notice) -> Iterator[Row]:
    terms = glossary.load()
    for key, item in keyed_items(notice):
        for position, quantity in enumerate(item.quantities, start=1):
            written = as_written(quantity)
            yield {
                "notice": notice_id,
                "item": key,
                "quantity": position,
                "location": quantity.location,
                "measure": measure_position(quantity.location),
                "value": quantity.value,
                "value_max": quantity.value_max,
                "unit": quantity.unit,
                "unit_en": terms.unit_en(quantity.unit),
                "value_as_written": written[0],
                "unit_as_written": written[1],
                "qualifier": quantity.qualifier,
                "subject": quantity.subject,
                "role": quantity.role,
                "rule": quantity.rule,
                "text": quantity.text,
                "span_start": quantity.span[0],
                "span_end": quantity.span[1],
            }


def breakdown_rows(notice_id: str, notice: Notice) -> Iterator[Row]:
    for key, item in keyed_items(notice):
        for position, breakdown in enumerate(item.breakdowns, start=1):
            total = breakdown.total
            check = check_sum(breakdown)
            total_start, total_end = _span(total.span if total else None)
            yield {
                "notice": notice_id,
                "item": key,
                "breakdown": position,
                "location": breakdown.location,
                "measure": measure_position(breakdown.location),
                "subject": breakdown.subject,
                "dimension": breakdown.dimension,
                "parent": breakdown.parent + 1 if breakdown.parent is not None else None,
                "derived": breakdown.derived,
                "total_value": total.value if total else None,
                "total_unit": total.unit if total else None,
                "total_qualifier": total.qualifier if total else None,
                "total_text": total.text if total else None,
                "total_start": total_start,
                "total_end": total_end,
                "part_count": len(breakdown.parts),
                "parts_sum": check.parts_sum,
                "parts_unit": check.parts_unit,
                "check_rule": check.rule or None,
                "check_verdict": check.verdict,
                "check_detail": check.detail,
                "note": breakdown.note,
                "text": breakdown.text,
                "span_start": breakdown.span[0],
                "span_end": breakdown.span[1],
            }


def breakdown_part_rows(notice_id: str, notice: Notice) -> Iterator[Row]:
    terms = glossary.load()
    for key, item in keyed_items(notice):
        for index, breakdown in enumerate(item.breakdowns, start=1):
            for position, part in enumerate(breakdown.parts, start=1):
                quantity = part.quantity
                yield {
                    "notice": notice_id,
                    "item": key,
                    "breakdown": index,
                    "part": position,
                    "label": part.label,
                    "region": part.region,
                    "region_code": part.region_code,
                    "region_en": terms.region_en(part.region),
                    "value": quantity.value,
                    "unit": quantity.unit,
                    "unit_en": terms.unit_en(quantity.unit),
                    "qualifier": quantity.qualifier,
                    "note": part.note,
                    "text": quantity.text,
                    "span_start": quantity.span[0],
                    "span_end": quantity.span[1],
                }


def rate_rows(notice_id: str, notice: Notice) -> Iterator[Row]:
    terms = glossary.load()
    for key, item in keyed_items(notice):
        for position, rate in enumerate(item.rates, start=1):
            yield {
                "notice": notice_id,
                "item": key,
                "rate": position,
                "location": rate.location,
                "measure": measure_position(rate.location),
                "kind": rate.kind,
                "amount_yuan": rate.amount,
                "amount_as_written": tidy(rate.amount / terms.units[rate.unit].factor)
                if rate.unit in terms.units
                else None,
                "unit_as_written": rate.unit,
                "unit_as_written_en": terms.unit_en(rate.unit),
                "currency": rate.currency,
                "per": rate.per,
                "per_en": terms.per_en(rate.per),
                "qualifier": rate.qualifier,
                "subject": rate.subject,
                "text": rate.text,
                "span_start": rate.span[0],
                "span_end": rate.span[1],
            }


def finding_rows(notice_id: str, notice: Notice) -> Iterator[Row]:
    by_number = items_by_number(notice)  # once, not a scan of the items per finding
    for position, finding in enumerate(notice.findings, start=1):
        start, end = _span(finding.span)
        yield {
            "notice": notice_id,
            "finding": position,
            "severity": finding.severity,
            "code": finding.code,
            "message": finding.message,
            "item": finding_item(finding, by_number),
            "text": notice.text[start:end] if start is not None else None,
            "span_start": start,
            "span_end": end,
        }
