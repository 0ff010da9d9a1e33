"""A report to check an extraction by eye: one self-contained, accessible HTML file.

It shows the notice's metadata and categories; every item's source text with each
extracted quantity, breakdown part, total and rate highlighted (hover or focus shows the
normalised value, unit and qualifier); each breakdown's arithmetic with an inline-SVG bar
chart; a county-by-item table of targets; and the findings linked to their place in the
text. No scripts and no external resources: a Content-Security-Policy forbids them.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from decimal import Decimal
from importlib import resources

from ..extract import glossary
from ..models import Breakdown, Finding, Item, Notice, Quantity, Rate, Span
from ..validate.arithmetic import check_sum
from .highlight import Mark, render

QUALIFIER_SIGNS = {"exact": "", "approx": "≈", "at_least": "≥", "at_most": "≤", "target": "→", "range": ""}
"""How a qualifier is shown before a value in the county table and the arithmetic."""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def esc(value: object) -> str:
    return html.escape(str(value))


def number(value: Decimal) -> str:
    """A value for reading: thousands grouped, no exponent, no trailing zeros (35,000; 99.93)."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def zh(text: str) -> str:
    return f'<span lang="zh">{esc(text)}</span>'


# --- ids and marks -------------------------------------------------------------------------


def quantity_id(item: int, n: int) -> str:
    return f"i{item}-q{n}"


def breakdown_id(item: int, n: int) -> str:
    return f"i{item}-b{n}"


def part_id(item: int, n: int, p: int) -> str:
    return f"i{item}-b{n}-p{p}"


def rate_id(item: int, n: int) -> str:
    return f"i{item}-r{n}"


def finding_id(n: int) -> str:
    return f"f{n}"


def _quantity_tip(quantity: Quantity, said: frozenset[str] = frozenset()) -> str:
    """How a quantity was read, in one line; its subject left out when the tooltip `said` it already."""
    terms = glossary.load()
    unit_en = terms.unit_en(quantity.unit)
    parts = [f"{number(quantity.value)} {quantity.unit}" + (f" ({unit_en})" if unit_en else "")]
    parts.append(terms.qualifier_en(quantity.qualifier) or quantity.qualifier)
    if quantity.role:
        parts.append(quantity.role)
    if quantity.subject and quantity.subject not in said:
        parts.append(quantity.subject)
    return " · ".join(parts)


def _rate_tip(rate: Rate, said: frozenset[str] = frozenset()) -> str:
    """How a money amount was read: in yuan (as every table holds it), with its basis, kind and subject."""
    terms = glossary.load()
    per = f" per {rate.per}" if rate.per else ""
    english = f" (yuan per {terms.per_en(rate.per) or rate.per})" if rate.per else " (yuan)"
    head = f"{number(rate.amount)} 元{per}{english}"
    qualifier = terms.qualifier_en(rate.qualifier) or rate.qualifier
    subject = rate.subject if rate.subject not in said else None
    return " · ".join(x for x in (head, qualifier, rate.kind.replace("_", " "), subject) if x)


def _tips(item: Item) -> dict[Span, str]:
    """One tooltip per highlighted span, saying each thing once.

    A figure can be read in several roles (a quantity that is also a rate, a breakdown's part
    and the total of a nested breakdown): its tooltip gives the most specific reading (a rate
    over a quantity) once, then its roles, without repeating a subject a role already names.
    """
    terms = glossary.load()
    readings: dict[Span, Quantity | Rate] = {q.span: q for q in item.quantities}
    readings.update({rate.span: rate for rate in item.rates})
    heads: dict[Span, str] = {}
    roles: dict[Span, list[str]] = {}
    said: dict[Span, set[str]] = {}
    for breakdown in item.breakdowns:
        for part in breakdown.parts:
            span = part.quantity.span
            readings.setdefault(span, part.quantity)
            region = terms.region_en(part.region)
            label = part.region or part.label
            named = f"{label}{f' ({region})' if region else ''}"
            heads[span] = f"{heads[span].removesuffix(' each')}、{named} each" if span in heads else named  # 各
            roles.setdefault(span, []).append(f"part of {breakdown.subject}")
            said.setdefault(span, set()).update({label, part.label, breakdown.subject})
    for breakdown in item.breakdowns:
        if breakdown.total is None:
            continue
        span = breakdown.total.span
        readings.setdefault(span, breakdown.total)
        if span not in heads:
            heads[span] = f"total of {breakdown.subject}"
        elif heads[span].startswith("total of "):  # the total of two breakdowns (by component and by region)
            roles.setdefault(span, []).append(f"also split by {breakdown.dimension}")
        else:  # also a part, named already: say what this total is split into
            roles.setdefault(span, []).append(f"total of its own breakdown by {breakdown.dimension}")
        said.setdefault(span, set()).add(breakdown.subject)
    tips = {}
    for span, source in readings.items():
        known = frozenset(said.get(span, ()))
        reading = _rate_tip(source, known) if isinstance(source, Rate) else _quantity_tip(source, known)
        head = f"{heads[span]}: " if span in heads else ""
        tips[span] = " · ".join(dict.fromkeys([head + reading, *roles.get(span, [])]))
    return tips


def item_marks(item: Item) -> Iterator[Mark]:
    """The highlights of one item: quantities, rates, breakdown totals, parts, and the breakdowns.

    Marks on the same characters become one element (`highlight.merge`); only the first of
    them carries the span's tooltip (`_tips`), so hovering a value says each thing once.
    """
    n = item.number
    tips = _tips(item)

    def tip(span: Span) -> str | None:
        return tips.pop(span, None)

    for k, quantity in enumerate(item.quantities, start=1):
        yield Mark(*quantity.span, classes=("hl", "qty"), ids=(quantity_id(n, k),), tip=tip(quantity.span), rank=3)
    for k, rate in enumerate(item.rates, start=1):
        yield Mark(*rate.span, classes=("hl", "rate"), ids=(rate_id(n, k),), tip=tip(rate.span), rank=2)
    for b, breakdown in enumerate(item.breakdowns, start=1):
        yield Mark(*breakdown.span, tag="span", classes=("bd",), ids=(breakdown_id(n, b),), rank=1)
        if breakdown.total is not None:
            span = breakdown.total.span
            yield Mark(*span, classes=("hl", "total"), ids=(f"{breakdown_id(n, b)}-t",), tip=tip(span), rank=2)
        for p, part in enumerate(breakdown.parts, start=1):
            span = part.quantity.span
            yield Mark(*span, classes=("hl", "part"), ids=(part_id(n, b, p),), tip=tip(span), rank=2)


def finding_marks(notice: Notice) -> Iterator[Mark]:
    for k, finding in enumerate(notice.findings, start=1):
        if finding.span is not None:
            tip = f"{finding.severity}: {finding.code}"
            classes = ("finding", finding.severity)
            yield Mark(*finding.span, tag="span", classes=classes, ids=(finding_id(k),), tip=tip, rank=0)


def item_lines(item: Item) -> list[Span]:
    """The lines of an item in the text: headline line, measures heading, measures."""
    heading = [item.measures_heading_span] if item.measures_heading_span else []
    return [item.span, *heading, *(measure.span for measure in item.measures)]


def _inside(span: Span, lines: list[Span]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in lines)


# --- sections ------------------------------------------------------------------------------


_LEGEND = (
    '<mark class="hl qty">quantity</mark> <mark class="hl part">breakdown part</mark> '
    '<mark class="hl total">breakdown total</mark> <mark class="hl rate">rate</mark> '
    '<span class="bd">breakdown</span> <span class="finding">finding</span>'
)
_NAV = "".join(
    f'<li><a href="#{anchor}">{label}</a></li>'
    for anchor, label in (
        ("notice", "Notice"),
        ("categories", "Categories"),
        ("items", "Items"),
        ("breakdowns", "Breakdowns"),
        ("targets", "Targets by county"),
        ("findings", "Findings"),
    )
)
"""The header's legend of highlights and its list of the sections, the same in every report."""


def report_html(notice: Notice, notice_id: str) -> str:
    """The whole report for one notice, as a self-contained HTML document."""
    from .. import __version__

    title = notice.plan.title if notice.plan else (notice.notice.title or notice_id)
    css = resources.files("bozhou_tasks").joinpath("data/report.css").read_text(encoding="utf-8")
    findings = list(finding_marks(notice))
    sections = [
        _metadata(notice, notice_id),
        _categories(notice),
        _items(notice, findings),
        _breakdowns(notice),
        _targets(notice),
        _findings(notice, findings),
    ]
    skip = f"item-{notice.items[0].number}" if notice.items else "items"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="generator" content="bz-tasks {__version__}">
<title>{esc(title)} — extraction report</title>
<style>
{css}</style>
</head>
<body>
<a class="skip" href="#{skip}">Skip to the first item</a>
<header>
<h1>{zh(title)}</h1>
<p class="lede">Extraction report of document <code>{esc(notice_id)}</code>: every highlighted value is shown on the
characters it was read from; hover over it or focus it (Tab) to see how it was read.</p>
<nav aria-label="Sections"><ol>{_NAV}</ol></nav>
<p class="legend"><span>Legend:</span> {_LEGEND}</p>
</header>
<main>
{"".join(sections)}</main>
<footer>Generated by bz-tasks {__version__} from {esc(notice.source.path or "input")}
(sha256 <code>{esc(notice.source.sha256[:16])}…</code>). Spans are character offsets into the document's text.</footer>
</body>
</html>
"""


def _section(anchor: str, title: str, body: str) -> str:
    return f'<section id="{anchor}" aria-labelledby="{anchor}-h">\n<h2 id="{anchor}-h">{title}</h2>\n{body}</section>\n'


def _metadata(notice: Notice, notice_id: str) -> str:
    meta, source = notice.notice, notice.source
    facts = [
        ("Title", zh(meta.title) if meta.title else None),
        ("Issuer", zh(meta.issuer) if meta.issuer else None),
        ("Document number", zh(meta.doc_number) if meta.doc_number else None),
        ("Index number", esc(meta.index_no) if meta.index_no else None),
        ("Publisher", zh(meta.publisher) if meta.publisher else None),
        ("Issued", esc(meta.issued_date) if meta.issued_date else None),
        ("Published", esc(meta.published_at or meta.published_date) if meta.published_date else None),
        ("Read as", f"{esc(source.media_type)}, {esc(source.encoding)} (rule: {esc(source.encoding_rule)})"),
        ("Source", f"<code>{esc(source.path)}</code>" if source.path else None),
        ("SHA-256", f"<code>{esc(source.sha256)}</code>"),
    ]
    wide = {"Title", "Source", "SHA-256"}
    wide_class = ' class="wide"'
    rows = "".join(
        f"<dt>{label}</dt><dd{wide_class if label in wide else ''}>{value}</dd>" for label, value in facts if value
    )
    counts = [
        ("categories", len(notice.categories)),
        ("items", len(notice.items)),
        ("measures", sum(len(i.measures) for i in notice.items)),
        ("quantities", sum(len(i.quantities) for i in notice.items)),
        ("breakdowns", sum(len(i.breakdowns) for i in notice.items)),
        ("breakdown parts", sum(len(b.parts) for i in notice.items for b in i.breakdowns)),
        ("rates", sum(len(i.rates) for i in notice.items)),
        ("findings", len(notice.findings)),
    ]
    # one row per count: eight columns side by side would not fit a phone's width
    rows_read = "".join(f'<tr><th scope="row">{label}</th><td class="num">{value}</td></tr>' for label, value in counts)
    table = f'<table class="counts"><caption>What was read</caption>{rows_read}</table>'
    return _section("notice", "The notice", f'<dl class="facts">{rows}</dl>\n{table}\n')


def _categories(notice: Notice) -> str:
    terms = glossary.load()
    rows = []
    for category in notice.categories:
        links = _item_range(category.item_numbers)
        declared = category.declared_item_count if category.declared_item_count is not None else "&ndash;"
        english = terms.category_en(category.name) or ""
        rows.append(
            f'<tr><td lang="zh">{esc(category.numeral)}</td><td>{zh(category.name)} '
            f'<span class="en inline">{esc(english)}</span></td><td class="num">{declared}</td>'
            f'<td class="num">{len(category.item_numbers)}</td><td>{links}</td></tr>'
        )
    head = (
        '<tr><th scope="col">No.</th><th scope="col">Category</th><th scope="col" class="num">Declared</th>'
        '<th scope="col" class="num">Found</th><th scope="col">Items</th></tr>'
    )
    return _section("categories", "Categories", f"<table>{head}{''.join(rows)}</table>\n")


def _item_range(numbers: list[int]) -> str:
    """One link to a category's first item, labelled with the range ('1&ndash;3'): one Tab stop, not one per item."""
    if not numbers:
        return ""
    consecutive = numbers == list(range(numbers[0], numbers[-1] + 1))
    label = f"{numbers[0]}\u2013{numbers[-1]}" if consecutive else ", ".join(str(n) for n in numbers)
    first = "item" if len(numbers) == 1 else "items"
    return f'<a class="range" href="#item-{numbers[0]}" aria-label="{first} {esc(label)}">{esc(label)}</a>'


def _items(notice: Notice, findings: list[Mark]) -> str:
    terms = glossary.load()
    categories = {c.number: c for c in notice.categories}
    articles = []
    for item in notice.items:
        marks = [*item_marks(item), *findings]
        n = item.number
        category = categories.get(item.category_number) if item.category_number is not None else None
        where = f"category {zh(category.numeral)} {zh(category.name)}" if category else "no category"
        leads = "、".join(
            f'<span lang="zh" title="{esc(terms.lead_unit_en(u) or "")}">{esc(u)}</span>' for u in item.lead_units
        )
        meta = f"{where} · lead: {leads or '&ndash;'} · {len(item.measures)} measures"
        headline = render(notice.text, *item.span, marks)
        lines = [f'<p class="src" lang="zh">{headline}</p>']
        if item.measures_heading_span:
            heading = render(notice.text, *item.measures_heading_span, marks)
            lines.append(f'<p class="src heading" lang="zh">{heading}</p>')
        if item.measures:
            measures = "".join(
                f'<li id="item-{n}-m{k}">{render(notice.text, *m.span, marks)}</li>'
                for k, m in enumerate(item.measures, start=1)
            )
            lines.append(f'<ol class="measures" lang="zh">{measures}</ol>')
        articles.append(
            f'<article class="item" id="item-{n}" aria-labelledby="item-{n}-h">\n'
            f'<h3 id="item-{n}-h">Item {n} <span lang="zh">({esc(item.numeral)})</span></h3>\n'
            f'<p class="meta">{meta}</p>\n{"".join(lines)}\n{_values(item)}</article>\n'
        )
    return _section("items", f"Items ({len(notice.items)})", "".join(articles))


def _values(item: Item) -> str:
    """A table of what was read from the item, for readers who prefer a list to hovering."""
    rows = []
    n = item.number
    for k, q in enumerate(item.quantities, start=1):
        rows.append(("quantity", quantity_id(n, k), q.text, q.value, q.unit, q.qualifier, q.location))
    for k, r in enumerate(item.rates, start=1):
        unit = "元" + (f"/{r.per}" if r.per else "")  # the amount is in yuan whatever the page wrote
        rows.append(("rate", rate_id(n, k), r.text, r.amount, unit, r.qualifier, r.location))
    for b, bd in enumerate(item.breakdowns, start=1):
        if bd.total is not None:
            t = bd.total
            rows.append(("total", f"{breakdown_id(n, b)}-t", t.text, t.value, t.unit, t.qualifier, bd.location))
        for p, part in enumerate(bd.parts, start=1):
            q = part.quantity
            rows.append((f"part: {part.label}", part_id(n, b, p), q.text, q.value, q.unit, q.qualifier, bd.location))
    if not rows:
        return ""
    body = "".join(
        f'<tr><td lang="zh">{esc(kind)}</td><td><a href="#{anchor}" lang="zh">{esc(text)}</a></td>'
        f'<td class="num">{number(value)}</td><td lang="zh">{esc(unit)}</td><td>{esc(qualifier)}</td>'
        f"<td>{esc(location)}</td></tr>"
        for kind, anchor, text, value, unit, qualifier, location in rows
    )
    head = "".join(f'<th scope="col">{h}</th>' for h in ("What", "As written", "Value", "Unit", "Qualifier", "Where"))
    counted = f"{len(rows)} value{'s' if len(rows) != 1 else ''} read"
    return f"<details><summary>{counted}</summary><table><tr>{head}</tr>{body}</table></details>\n"


# --- breakdowns: arithmetic and charts --------------------------------------------------------------


VERDICT_WORDS = {
    "=": ("the parts add up to the total ✓", "the parts differ from the total by {difference} ✗"),
    "≥": ("the parts reach the total ✓", "the parts fall short of the total by {shortfall} ✗"),
    "≤": ("the parts stay within the total ✓", "the parts exceed the total by {difference} ✗"),
    "within": ("the parts fall within the range ✓", "the parts fall outside the range ✗"),
    "subset": ("within the total ✓", "more than the total ✗"),
}
"""How the report words `arithmetic.check_sum`'s verdict, by the comparison its rule makes."""


def arithmetic(breakdown: Breakdown) -> tuple[str, str]:
    """A sentence giving the breakdown's arithmetic and the verdict of `arithmetic.check_sum`.

    The second value is the verdict's class: 'ok' (pass), 'bad' (fail) or '' (not compared).
    """
    check = check_sum(breakdown)
    total = breakdown.total
    shown = " + ".join(f"{esc(p.label)} {number(p.quantity.value)}" for p in breakdown.parts)
    if check.parts_sum is None:
        parts_text = f"parts {shown}"
    else:
        parts_text = f"parts {shown} = {number(check.parts_sum)} {esc(check.parts_unit)}"
    if total is None or check.total is None:
        return f"No total is stated; {parts_text}.", ""
    total_text = (
        f'total <span lang="zh">{esc(total.text)}</span> = {QUALIFIER_SIGNS.get(total.qualifier, "")}'
        f"{number(check.total)} {esc(check.unit)}"
    )
    if check.verdict not in ("pass", "fail"):
        return f"{total_text}; {parts_text}: different units, not compared.", ""
    assert check.parts_sum is not None
    words = VERDICT_WORDS["subset" if breakdown.dimension == "subset" else check.sign]
    difference = number(check.parts_sum - check.total)
    word = words[0 if check.verdict == "pass" else 1].format(
        difference=difference, shortfall=number(check.total - check.parts_sum)
    )
    if check.verdict == "fail" and total.qualifier == "approx":
        word = word.replace(" ✗", " (the total is approximate) ✗")
    counted = ""
    if check.parts_unit != check.unit:
        counted = f" (parts in {esc(check.parts_unit)} counted as {esc(check.unit)})"
    verdict = "ok" if check.verdict == "pass" else "bad"
    rule = f' <span class="rule">(rule: {esc(check.rule)})</span>'
    return f'{total_text}; {parts_text}{counted}: <span class="{verdict}">{word}</span>{rule}.', verdict


def chart(breakdown: Breakdown, label_id: str) -> str:
    """A horizontal bar chart of the parts (and the total), in the parts' base unit."""
    terms = glossary.load()
    bars = [(p.label, *terms.in_base_unit(p.quantity.value, p.quantity.unit), "bar") for p in breakdown.parts]
    if breakdown.total is not None:
        bars.insert(0, ("total", *terms.in_base_unit(breakdown.total.value, breakdown.total.unit), "bar total"))
    top = max((value for _, value, _, _ in bars), default=Decimal(0))
    if not bars or top <= 0:
        return ""
    row, left, width = 22, 120, 250
    rows = []
    for k, (label, value, unit, kind) in enumerate(bars):
        y = 4 + k * row
        length = max(1, round(float(value / top) * width))
        rows.append(
            f'<text x="{left - 6}" y="{y + 14}" text-anchor="end" lang="zh">{esc(label)}</text>'
            f'<rect class="{kind}" x="{left}" y="{y + 2}" width="{length}" height="{row - 6}" rx="2"></rect>'
            f'<text x="{left + length + 6}" y="{y + 14}">{number(value)} {esc(unit)}</text>'
        )
    height = 8 + len(bars) * row
    return (
        f'<svg class="chart" role="img" aria-labelledby="{label_id}" viewBox="0 0 {left + width + 110} {height}" '
        f'width="{left + width + 110}" height="{height}">{"".join(rows)}</svg>'
    )


def _breakdowns(notice: Notice) -> str:
    figures = []
    for item in notice.items:
        for b, breakdown in enumerate(item.breakdowns, start=1):
            anchor = breakdown_id(item.number, b)
            caption = f"bd-{anchor}-caption"
            sentence, _ = arithmetic(breakdown)
            figures.append(
                f'<figure class="breakdown" id="bd-{anchor}">\n<figcaption id="{caption}">Item {item.number}, '
                f"breakdown {b}: {zh(breakdown.subject)} (by {esc(breakdown.dimension)})</figcaption>\n"
                f'<p class="sum">{sentence} <a href="#{anchor}">See it in the text</a>.</p>\n'
                f"{chart(breakdown, caption)}\n</figure>\n"
            )
    body = "".join(figures) or '<p class="empty">No breakdowns have been read from this notice.</p>\n'
    return _section("breakdowns", "Breakdowns", body)


def _targets(notice: Notice) -> str:
    """A county-by-item table: one row per breakdown by region, one column per region."""
    terms = glossary.load()
    rows = [(item, b, bd) for item in notice.items for b, bd in enumerate(item.breakdowns, start=1)]
    rows = [(item, b, bd) for item, b, bd in rows if bd.dimension == "region"]
    if not rows:
        empty = '<p class="empty">No breakdowns by county have been read from this notice.</p>\n'
        return _section("targets", "Targets by county", empty)
    found = {p.region or p.label for _, _, bd in rows for p in bd.parts}
    known = [name for name in terms.regions if name in found]
    columns = known + sorted(found - set(known))
    head = "".join(
        f'<th scope="col" class="num">{zh(name)}<span class="en">{esc(terms.region_en(name) or "")}</span></th>'
        for name in columns
    )
    body = []
    for item, b, bd in rows:
        units = {part.quantity.unit for part in bd.parts}
        shared = units.pop() if len(units) == 1 else None

        def shown(q: Quantity, shared: str | None = shared) -> str:
            unit = "" if q.unit == shared else f' <span lang="zh">{esc(q.unit)}</span>'
            return f"{QUALIFIER_SIGNS[q.qualifier]}{number(q.value)}{unit}"

        cells = dict.fromkeys(columns, "")
        for p, part in enumerate(bd.parts, start=1):
            cells[part.region or part.label] = f'<a href="#{part_id(item.number, b, p)}">{shown(part.quantity)}</a>'
        total = shown(bd.total) if bd.total else ""
        unit = f' <span class="en">in <span lang="zh">{esc(shared)}</span></span>' if shared else ""
        body.append(
            f'<tr><th scope="row"><a href="#item-{item.number}">Item {item.number}</a> {zh(bd.subject)}{unit}</th>'
            + "".join(f'<td class="num">{cells[name]}</td>' for name in columns)
            + f'<td class="num">{total}</td></tr>'
        )
    table = (
        '<div class="scroll" role="region" aria-labelledby="targets-h" tabindex="0"><table class="targets">'
        "<caption>Targets split by county (≈ about, ≥ at least, ≤ at most, → to reach)</caption>"
        f'<tr><th scope="col">Item and target</th>{head}<th scope="col" class="num">Total</th></tr>'
        f"{''.join(body)}</table></div>\n"
    )
    return _section("targets", "Targets by county", table)


def _findings(notice: Notice, marks: list[Mark]) -> str:
    lines = {item.number: item_lines(item) for item in notice.items}
    entries = []
    for k, finding in enumerate(notice.findings, start=1):
        entries.append(_finding(notice, k, finding, lines, marks))
    body = f'<ol class="findings">{"".join(entries)}</ol>\n' if entries else '<p class="empty">No findings.</p>\n'
    return _section("findings", f"Findings ({len(notice.findings)})", body)


def _finding(notice: Notice, k: int, finding: Finding, lines: dict[int, list[Span]], marks: list[Mark]) -> str:
    badge = f'<span class="badge {finding.severity}">{finding.severity}</span>'
    head = f"{badge} <code>{esc(finding.code)}</code> {esc(finding.message)}"
    if finding.span is None:
        return f"<li>{head}</li>"
    in_item = finding.item is not None and _inside(finding.span, lines.get(finding.item, []))
    if in_item:
        return f'<li>{head}<br><a href="#{finding_id(k)}">Show it in item {finding.item}</a></li>'
    # outside the items: quote its line here, with the span marked (and the anchor on it)
    start = notice.text.rfind("\n", 0, finding.span[0]) + 1
    end = notice.text.find("\n", finding.span[1])
    end = len(notice.text) if end < 0 else end
    own = [mark for mark in marks if mark.ids == (finding_id(k),)]
    quote = render(notice.text, start, end, own)
    return f'<li>{head}<blockquote lang="zh">{quote}</blockquote></li>'
