"""Check a document: structure, arithmetic and anomalies, each check with its figures.

`validate(notice)` returns a `Report`: every check made (passed or failed) with the
arithmetic it did, and a `Finding` for each problem. It reads only the document, so a
structured JSON/YAML file can be checked without its source page. `parse` hands it what
reading the page found and stores the report's findings in `Notice.findings`, once.

The arithmetic of breakdowns (the rule for qualified figures and units) is decided by
`arithmetic.check_sum`, which the tables and the report also show.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from itertools import pairwise

from pydantic import Field

from ..extract.unread import units_lost, unread_figures
from ..models import Breakdown, Finding, Item, Model, Notice, Number, Severity, Span
from . import anomalies
from .arithmetic import SumCheck, check_sum


class Check(Model):
    """One check made on a document, passed or failed, with the figures it compared."""

    code: str = Field(description="What was checked, e.g. 'plan-item-count', 'breakdown-sum'.")
    item: int | None = None
    subject: str
    passed: bool
    detail: str = Field(description="The arithmetic or comparison, e.g. '8700+8700+8700+8900 = 35000 = total 35000'.")
    span: Span | None = None


class Report(Model):
    """The outcome of `validate`: every check and every finding."""

    path: str | None = None
    checks: list[Check] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def failed(self, strict: bool = False) -> bool:
        """True if any error (or, when `strict`, any warning) was found."""
        return self.count("error") > 0 or (strict and self.count("warning") > 0)


def validate(notice: Notice, path: str | None = None, reading: Iterable[Finding] | None = None) -> Report:
    """Run every check on `notice`.

    `reading` is what only reading the source could find (`PARSE_TIME_CODES`: a file cut
    short, a page changed since it was fetched); `parse` passes what its reading returned.
    Without it, a stored document's own findings of those kinds are carried over as stored.
    """
    report = Report(path=path)
    report.findings.extend(stored_reading(notice) if reading is None else reading)
    for run in CHECKS:
        for result in run(notice):
            if isinstance(result, Check):
                report.checks.append(result)
            else:
                report.findings.append(result)
    report.findings.sort(key=lambda f: (f.span or (len(notice.text), 0), f.item or 0, f.code))
    return report


# --- structure ---------------------------------------------------------------------------

Result = Check | Finding


def _finding(
    severity: Severity,
    code: str,
    message: str,
    item: int | None = None,
    span: Span | None = None,
    figures: dict[str, Decimal] | None = None,
) -> Finding:
    return Finding(severity=severity, code=code, message=message, item=item, span=span, figures=figures)


def check_plan(notice: Notice) -> Iterator[Result]:
    """The plan title exists and its declared item count matches the items found."""
    plan = notice.plan
    if plan is None:
        yield _finding("error", "plan-missing", "no plan title (e.g. 亳州市2024年50项民生实事实施方案) was found")
        return
    if plan.ends_inside_item is not None:
        yield _cut_short(notice, plan.ends_inside_item)
        return
    if plan.declared_item_count is None:
        return
    found = len(notice.items)
    passed = found == plan.declared_item_count
    detail = f"declares {plan.declared_item_count} items, found {found}"
    yield Check(code="plan-item-count", subject=plan.title, passed=passed, detail=detail, span=plan.span)
    if not passed:
        yield _finding(
            "error",
            "plan-item-count-mismatch",
            f"the plan declares {plan.declared_item_count} items but {found} were found",
            span=plan.span,
            figures={"declared": Decimal(plan.declared_item_count), "found": Decimal(found)},
        )


def _cut_short(notice: Notice, item: int) -> Finding:
    """One warning for a page that ends inside an item, with the counts that the cut explains."""
    assert notice.plan is not None
    parts = [f"the page ends inside item {item}"]
    if notice.plan.declared_item_count is not None:
        parts.append(f"the plan declares {notice.plan.declared_item_count} items, {len(notice.items)} are on the page")
    last = notice.categories[-1] if notice.categories else None
    if last is not None and last.declared_item_count is not None and item in last.item_numbers:
        parts.append(
            f"category {last.numeral or last.number} ({last.name}) declares {last.declared_item_count}, "
            f"{len(last.item_numbers)} are on the page"
        )
    return _finding(
        "warning",
        "page-cut-short",
        "; ".join(parts) + ": the rest of the plan is not on this page (an excerpt, or a page that did not finish "
        "loading); save the whole page to read all of it",
        item=item,
        span=(len(notice.text), len(notice.text)),
    )


def check_categories(notice: Notice) -> Iterator[Result]:
    """Each category's "(N项)" equals its items; category numbers run 1…n."""
    cut = notice.plan.ends_inside_item if notice.plan else None
    for category in notice.categories:
        if category.declared_item_count is None or (cut is not None and cut in category.item_numbers):
            continue
        found = len(category.item_numbers)
        passed = found == category.declared_item_count
        subject = f"category {category.numeral} {category.name}"
        detail = f"declares {category.declared_item_count} items, found {found}"
        yield Check(code="category-item-count", subject=subject, passed=passed, detail=detail, span=category.span)
        if not passed:
            yield _finding(
                "error",
                "category-item-count-mismatch",
                f"category {category.numeral} ({category.name}) declares {category.declared_item_count} items "
                f"but {found} were found",
                span=category.span,
                figures={"declared": Decimal(category.declared_item_count), "found": Decimal(found)},
            )
    numbers = [category.number for category in notice.categories]
    spans = [category.span for category in notice.categories]
    yield from _sequence("category", numbers, spans, item_numbers=False)


def check_items(notice: Notice) -> Iterator[Result]:
    """Item numbers run 1…n (or 1…n in every category, where each category starts again at 1);
    each item has lead units and measures."""
    for run in _numbering_runs(notice):
        yield from _sequence("item", [item.number for item in run], [item.span for item in run], item_numbers=True)
    # Measures are optional in many notices; only where nearly every item lists them (at
    # least 90%) is an item without any likely to have lost its text.
    with_measures = sum(1 for item in notice.items if item.measures)
    expect_measures = with_measures >= 0.9 * len(notice.items)
    cut = notice.plan.ends_inside_item if notice.plan else None
    for item in notice.items:
        if not item.lead_units and item.number != cut:  # a cut item lost its lead units with the page's end
            yield _finding(
                "error",
                "item-lead-units-missing",
                f"item {item.number} names no lead unit (牵头单位)",
                item=item.number,
                span=item.span,
            )
        if expect_measures and not item.measures and item.number != cut:
            yield _finding(
                "warning",
                "item-measures-missing",
                f"item {item.number} has no measures while {with_measures} of {len(notice.items)} items do",
                item=item.number,
                span=item.span,
            )


def _numbering_runs(notice: Notice) -> list[list[Item]]:
    """The runs of items whose numbers should go 1, 2, 3 …: the whole list, or each category's
    items where the numbering restarts in every category (every category's first item is 1)."""
    groups: dict[int | None, list[Item]] = {}
    for item in notice.items:
        groups.setdefault(item.category_number, []).append(item)
    restarts = len(groups) > 1 and None not in groups and all(run[0].number == 1 for run in groups.values())
    return list(groups.values()) if restarts else [list(notice.items)]


def _sequence(kind: str, numbers: list[int], spans: list[Span], item_numbers: bool) -> Iterator[Result]:
    """Numbers that should run 1, 2, 3 …: report repeats, gaps and disorder, each with its place."""
    if not numbers:
        return
    code = f"{kind}-number-sequence"

    def problem(message: str, index: int) -> Finding:
        number = numbers[index]
        return _finding("error", code, message, item=number if item_numbers else None, span=spans[index])

    problems: list[Finding] = []
    seen = Counter(numbers)
    second: dict[int, int] = {}  # where each repeated number appears the second time, found in one pass
    first: set[int] = set()
    for index, number in enumerate(numbers):
        if number in first:
            second.setdefault(number, index)
        first.add(number)
    for number, times in sorted(seen.items()):
        if times > 1:
            problems.append(problem(f"{kind} {number} appears {times} times", second[number]))
    expected = 1
    for index, number in enumerate(numbers):
        if number < expected and seen[number] == 1:
            problems.append(problem(f"{kind} {number} comes after {kind} {numbers[index - 1]}", index))
        elif number > expected:
            missing = range(expected, number)  # a range, not a list: the gap may be huge in a tampered document
            names = ", ".join(str(n) for n in missing[:10]) + (" …" if len(missing) > 10 else "")
            problems.append(
                problem(f"{kind} numbers jump from {expected - 1} to {number}: {kind} {names} missing", index)
            )
        expected = max(expected, number + 1)
    detail = f"{len(numbers)} numbered {numbers[0]}…{numbers[-1]}" + ("" if problems else " without gaps or repeats")
    yield Check(code=code, subject=f"{kind} numbering", passed=not problems, detail=detail)
    yield from problems


def check_measures(notice: Notice) -> Iterator[Result]:
    """Measures numbered 1…n as printed; empty measures; the usual measures heading."""
    for item in notice.items:
        expected = 1
        for position, measure in enumerate(item.measures, start=1):
            if not measure.body:
                yield _finding(
                    "warning",
                    "measure-empty",
                    f"item {item.number} measure {position} is an empty '{measure.number_text}'"
                    " with no text after its number (kept as written)",
                    item=item.number,
                    span=measure.span,
                )
                continue
            if measure.number_as_written is not None and measure.number_as_written != expected:
                yield _finding(
                    "warning",
                    "measure-number-out-of-sequence",
                    f"item {item.number} measure {position} is numbered '{measure.number_text}'"
                    f" where {expected} is expected (kept as written)",
                    item=item.number,
                    span=measure.span,
                )
            expected += 1
    # Only when one heading is used by more than half of the items that have one: a notice
    # whose items each head their measures differently has no usual heading to differ from.
    headings = Counter(item.measures_heading for item in notice.items if item.measures_heading)
    if not headings:
        return
    usual, uses = headings.most_common(1)[0]
    if uses * 2 <= headings.total():
        return
    for item in notice.items:
        if item.measures_heading and item.measures_heading != usual:
            yield _finding(
                "info",
                "measures-heading-variant",
                f"item {item.number} heads its measures '{item.measures_heading}' where the others use '{usual}'",
                item=item.number,
                span=item.measures_heading_span,
            )


def check_dates(notice: Notice) -> Iterator[Result]:
    """Signed ≤ issued ≤ published, and the plan's year is near them."""
    meta = notice.notice
    dates = [(name, date) for name, date in _dates(notice) if date is not None]
    for (first, a), (second, b) in pairwise(dates):
        passed = a <= b
        detail = f"{first} {a.isoformat()} ≤ {second} {b.isoformat()}"
        yield Check(code="date-order", subject="dates", passed=passed, detail=detail)
        if not passed:
            yield _finding("warning", "date-order", f"{first} {a} is after {second} {b}")
    year = notice.plan.year if notice.plan else None
    published = meta.published_date or meta.issued_date or meta.signed_date
    if year is not None and published is not None:
        passed = abs(published.year - year) <= 1
        detail = f"plan year {year}, published {published.year}"
        yield Check(code="plan-year", subject="dates", passed=passed, detail=detail)
        if not passed:
            yield _finding("warning", "date-order", f"the plan is for {year} but was published in {published.year}")


def _dates(notice: Notice) -> list[tuple[str, dt.date | None]]:
    meta = notice.notice
    return [("signed", meta.signed_date), ("issued", meta.issued_date), ("published", meta.published_date)]


def check_metadata_twin(notice: Notice) -> Iterator[Result]:
    """A repeated metadata block (the mobile twin) says the same as the first."""
    first = {(f.key, f.value) for f in notice.metadata if f.block == 1}
    for block in sorted({f.block for f in notice.metadata} - {1}):
        fields = [f for f in notice.metadata if f.block == block]
        differing = [f for f in fields if (f.key, f.value) not in first]
        passed = not differing
        detail = f"block {block}: {len(fields) - len(differing)} of {len(fields)} fields agree with block 1"
        yield Check(code="metadata-twin", subject="metadata", passed=passed, detail=detail)
        for field in differing:
            yield _finding(
                "warning",
                "metadata-twin-mismatch",
                f"metadata block {block} says {field.label} '{field.value}', unlike block 1",
                span=field.span,
            )


def check_anomalies(notice: Notice) -> Iterator[Result]:
    """Injected spam and lines no rule understood."""
    yield from anomalies.injected_text(notice.text, notice.items)
    if not notice.unparsed:
        return
    breaks = [match.start() for match in _LINE_BREAK.finditer(notice.text)]
    item_before = _ItemBefore(notice.items)
    for line in notice.unparsed:
        number = bisect.bisect_left(breaks, line.span[0]) + 1  # the line breaks before it, plus one
        item = item_before(line.span[0])
        where = f" (after item {item})" if item is not None else ""
        yield _finding(
            "warning",
            "unparsed-line",
            f"line {number}{where} was not understood and is kept in 'unparsed': {_clip(line.text)}",
            span=line.span,
        )


PARSE_TIME_CODES = frozenset({"input-cut-short", "fetched-page-changed", "http-charset-disagrees"})
"""Findings only reading the source can make (the document can't show them): carried over as stored."""


def stored_reading(notice: Notice) -> list[Finding]:
    """What parsing noticed about the input itself, such as a file cut short, as a stored document keeps it."""
    return [finding for finding in notice.findings if finding.code in PARSE_TIME_CODES]


_LINE_BREAK = re.compile("\n")


class _ItemBefore:
    """The number of the last item (in the items' order) that starts before an offset.

    A binary search where the items run in document order, as segmentation writes them;
    otherwise the scan of every item it replaces, which grew with the square of a long page.
    """

    def __init__(self, items: list[Item]) -> None:
        self.items = items
        self.starts = [item.span[0] for item in items]
        self.in_order = all(a <= b for a, b in pairwise(self.starts))

    def __call__(self, offset: int) -> int | None:
        if not self.in_order:
            return _item_before(self.items, offset)
        position = bisect.bisect_left(self.starts, offset)
        return self.items[position - 1].number if position else None


def _item_before(items: list[Item], offset: int) -> int | None:
    before = [item.number for item in items if item.span[0] < offset]
    return before[-1] if before else None


# --- arithmetic --------------------------------------------------------------------------


def check_breakdowns(notice: Notice) -> Iterator[Result]:
    """Every breakdown adds up (region, component) or stays within its total (subset): `arithmetic.check_sum`."""
    for item in notice.items:
        for index, breakdown in enumerate(item.breakdowns):
            if breakdown.total is None or not breakdown.parts:
                continue
            if breakdown.dimension == "subset":
                yield from _subset(item, breakdown)
            else:
                yield from _sum(item, breakdown)
            if breakdown.parent is not None:
                yield from _nesting(item, index, breakdown)


def _sum(item: Item, breakdown: Breakdown) -> Iterator[Result]:
    assert breakdown.total is not None
    check = check_sum(breakdown)
    subject = f"item {item.number} {breakdown.subject}"
    passed = check.verdict == "pass"
    detail = check.detail
    if breakdown.derived:
        detail += f"; derived ({breakdown.rule}): the text does not write this relation"
    yield Check(
        code="breakdown-sum", item=item.number, subject=subject, passed=passed, detail=detail, span=breakdown.span
    )
    if check.verdict == "units_differ":
        yield _units_differ(item, breakdown, check)
    elif not passed:
        assert check.parts_sum is not None
        assert check.total is not None
        labels = ", ".join(f"{part.label} {_fmt(part.quantity.value)}" for part in breakdown.parts)
        yield _finding(
            "error",
            "breakdown-sum-mismatch",
            f"item {item.number} {breakdown.subject}: the parts ({labels}) add up to {_fmt(check.parts_sum)}, "
            f"but the total is {_fmt(check.total)} (rule: sum {check.sign} total for {breakdown.total.qualifier})",
            item=item.number,
            span=breakdown.span,
            figures={"sum": check.parts_sum, "total": check.total},
        )


def _units_differ(item: Item, breakdown: Breakdown, check: SumCheck) -> Finding:
    return _finding(
        "warning",
        "breakdown-units-differ",
        f"item {item.number} {breakdown.subject}: {check.detail}",
        item=item.number,
        span=breakdown.span,
    )


def _subset(item: Item, breakdown: Breakdown) -> Iterator[Result]:
    assert breakdown.total is not None
    check = check_sum(breakdown)
    subject = f"item {item.number} {breakdown.subject}"
    if check.verdict == "units_differ":
        yield Check(code="breakdown-subset", item=item.number, subject=subject, passed=False, detail=check.detail)
        yield _units_differ(item, breakdown, check)
        return
    assert check.total is not None
    total = check.total
    for part, (value, passed) in zip(breakdown.parts, check.parts, strict=True):
        detail = f"{part.label} {_fmt(value)} {'≤' if passed else '>'} total {_fmt(total)} (subset, not summed)"
        yield Check(
            code="breakdown-subset",
            item=item.number,
            subject=subject,
            passed=passed,
            detail=detail,
            span=part.quantity.span,
        )
        if not passed:
            yield _finding(
                "error",
                "breakdown-subset-exceeds-total",
                f"item {item.number} {breakdown.subject}: {part.label} {_fmt(value)} exceeds the total {_fmt(total)}",
                item=item.number,
                span=part.quantity.span,
                figures={"part": value, "total": total},
            )


def _nesting(item: Item, index: int, breakdown: Breakdown) -> Iterator[Result]:
    assert breakdown.total is not None
    assert breakdown.parent is not None
    subject = f"item {item.number} {breakdown.subject}"
    if not 0 <= breakdown.parent < len(item.breakdowns) or breakdown.parent == index:
        yield _finding(
            "error",
            "breakdown-nesting-mismatch",
            f"{subject}: refers to breakdown {breakdown.parent}, which does not exist",
            item=item.number,
            span=breakdown.span,
        )
        return
    parent = item.breakdowns[breakdown.parent]
    total = breakdown.total
    match = next((p for p in parent.parts if p.quantity.span == total.span), None)
    if match is None:
        match = next((p for p in parent.parts if p.quantity.value == total.value), None)
    passed = match is not None and match.quantity.value == total.value
    shown = _fmt(match.quantity.value) if match else "no part"
    detail = f"total {_fmt(total.value)} {'=' if passed else '≠'} {shown} in {parent.subject}"
    yield Check(
        code="breakdown-nesting", item=item.number, subject=subject, passed=passed, detail=detail, span=breakdown.span
    )
    if not passed:
        yield _finding(
            "error",
            "breakdown-nesting-mismatch",
            f"{subject}: its total {_fmt(total.value)} matches no part of {parent.subject} "
            f"({', '.join(_fmt(p.quantity.value) for p in parent.parts)})",
            item=item.number,
            span=breakdown.span,
            figures={"total": total.value},
        )


def _fmt(value: Decimal) -> str:
    """A value as people write it: 35000, 4.1, 0.5 (no exponent, no trailing zeros)."""
    return format(value.normalize(), "f")


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


CHECKS: tuple[Callable[[Notice], Iterator[Result]], ...] = (
    check_plan,
    check_categories,
    check_items,
    check_measures,
    check_dates,
    check_metadata_twin,
    check_anomalies,
    check_breakdowns,
    unread_figures,
    units_lost,
)
"""Every check, in the order reports list them (after what reading the source found)."""

__all__ = ["CHECKS", "Check", "Number", "Report", "validate"]
