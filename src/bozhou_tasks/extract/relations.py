"""Breakdowns not written as a list after 其中: 其余, one figure per county, and lists found in the
layout or by their sums (see `breakdowns` for the rules and their order)."""

from __future__ import annotations

from collections import Counter

from .. import patterns
from ..models import Breakdown, BreakdownPart
from ..regions import Places
from .parts import (
    BACK,
    Built,
    alike,
    counts_in,
    elsewhere,
    family,
    label_of,
    same_sentence_before,
    subject_of,
    trim_noun,
    words_before,
)
from .text import Mention, same_noun


def rest(ms: list[Mention], everything: list[Mention], used: set[int]) -> list[Built]:
    out = []
    position = {id(m): n for n, m in enumerate(everything)}
    for index, rest in enumerate(ms):
        text = rest.segment.text
        if not patterns.REST_BEFORE.search(text, max(0, rest.start - 4), rest.start):
            continue
        before = same_sentence_before(ms, index, rest)
        if not before:
            continue
        first = before[-1]
        earlier = everything[max(0, position[id(first)] - BACK) : position[id(first)]]
        totals = [m for m in earlier if alike(m, rest) and not m.quantity.each and id(m) not in used]
        if not totals:
            continue
        total = totals[-1]
        labels = [trim_noun(first.noun) or first.quantity.text, "其余"]
        parts = [BreakdownPart(label=lab, quantity=m.quantity) for lab, m in zip(labels, (first, rest), strict=True)]
        used.update({id(first), id(rest)})
        breakdown = Breakdown(
            subject=trim_noun(total.noun) or subject_of(total),
            dimension="component",
            location=total.segment.location,
            total=total.quantity,
            parts=parts,
            note=f"其余 (the rest): {first.quantity.text} and the rest {rest.quantity.text} make up the total"
            + elsewhere(total, [first, rest]),
            rule="rest",
            text="",
            span=(0, 0),
        )
        out.append(Built(breakdown, total, [first, rest], order=0))
    return out


def each_county(ms: list[Mention], everything: list[Mention], places: Places, used: set[int]) -> list[Built]:
    out = []
    headline = [m for m in everything if m.segment.location == "headline"]
    for index, figure in enumerate(ms):
        if id(figure) in used:
            continue
        segment = figure.segment
        clause = segment.clause_start(figure.start)
        label = places.last_collective(segment.text[clause : figure.start])
        if label is None:
            continue
        tail = segment.text[clause + label.end() : figure.start]
        if any(c.isdigit() for c in tail):
            continue
        candidates = same_sentence_before(ms, index, figure)
        if not candidates and segment.location != "headline":
            alike = [m for m in headline if family(m.quantity.unit) == family(figure.quantity.unit)]
            if len(alike) == 1 and same_noun(alike[0].noun, figure.noun):
                candidates = alike
        if not candidates or id(candidates[-1]) in used:
            continue
        total = candidates[-1]
        names = places.expand(label.group())
        written = segment.text[clause + label.start() : figure.end]
        note = f"{written}: one figure for each of {', '.join(names)} (gazetteer)"
        parts = [
            BreakdownPart(
                label=label.group(),
                region=name,
                region_code=places.code(name),
                quantity=figure.quantity.model_copy(),
                note=note,
            )
            for name in names
        ]
        used.add(id(figure))
        breakdown = Breakdown(
            subject=subject_of(total),
            dimension="region",
            location=total.segment.location,
            total=total.quantity,
            parts=parts,
            note="implied: the per-county figure is not written as a share of the total" + elsewhere(total, [figure]),
            derived=True,
            rule="each-county",
            text="",
            span=(0, 0),
        )
        out.append(Built(breakdown, total, [figure]))
    return out


def sum_in_sentence(ms: list[Mention], used: set[int]) -> list[Built]:
    """A total and the labelled figures after it in its sentence: by layout, or by their sum."""
    out = []
    for index, total in enumerate(ms):
        if id(total) in used or total.quantity.each:
            continue
        text = total.segment.text
        labels: list[str] = []
        figures: list[Mention] = []
        cursor = total.end
        for figure in ms[index + 1 : index + 13]:
            rule = patterns.COMPONENT_GAP if figures else patterns.FIRST_COMPONENT_GAP
            gap = rule.match(text[cursor : figure.start])
            if gap is None or id(figure) in used or family(figure.quantity.unit) != family(total.quantity.unit):
                break
            labels.append(gap.group("label"))
            figures.append(figure)
            cursor = figure.end
        if len(figures) < 2:
            continue
        stated = _stated_list(text[total.end : figures[0].start], labels, total)
        if not stated and sum(f.quantity.value for f in figures) != total.quantity.value:
            continue
        used.update(id(f) for f in figures)
        parts = [
            BreakdownPart(label=label_of(lab), quantity=f.quantity) for lab, f in zip(labels, figures, strict=True)
        ]
        breakdown = Breakdown(
            subject=subject_of(total),
            dimension="component",
            location=total.segment.location,
            total=total.quantity,
            parts=parts,
            note=(
                "written as a list of labelled figures opening the clause after the total: its components "
                "(the layout makes the relation; validate checks the sum)"
                if stated
                else "derived by arithmetic: the figures after the total in its sentence add up to it; "
                "the sum holds by construction"
            ),
            derived=not stated,
            rule="list-after-total" if stated else "sum-in-sentence",
            text="",
            span=(0, 0),
        )
        out.append(Built(breakdown, total, figures, order=0))
    return out


def _stated_list(first_gap: str, labels: list[str], total: Mention) -> bool:
    """Whether the layout itself says the figures split the total.

    不少于3万元的启动资金,县级财政一次性补助1万元,村级集体经济支持1万元,社会捐赠…: the total
    ends its clause with what it counts (的启动资金,), the parts open the next clause, each
    with a label. Not a list of coordinate figures (工程150公里、安防工程800公里 …: no clause
    break), not shares (%), not labels with brackets or starting with a verb (…公里道路,改造…).
    """
    if family(total.quantity.unit) in patterns.SHARE_UNITS:
        return False
    if not patterns.STATED_LIST_OPENING.match(first_gap):
        return False
    if any(patterns.STATED_LIST_NOT_LABEL.search(label) for label in labels):
        return False
    return not any(label_of(label).startswith(patterns.LIST_VERBS) for label in labels)


def sum_of_measures(mentions: list[Mention], built: list[Built], used: set[int]) -> list[Built]:
    out = []
    headline = [m for m in mentions if m.segment.location == "headline"]
    kinds = Counter(family(m.quantity.unit) for m in headline)
    for total in headline:
        if id(total) in used or kinds[family(total.quantity.unit)] != 1:
            continue
        region_totals = [
            b.total
            for b in built
            if b.total is not None
            and b.breakdown.dimension == "region"
            and b.total.segment.location != "headline"
            and counts_in(total, b.total)
        ]
        # Measures that each split their own total by county, under a headline total of the
        # same kind, are read as its components by their layout, whatever their sum: so a
        # wrong figure shows up as a sum that fails validation instead of a relation that
        # silently disappears. A plain list of figures must add up to be taken as components.
        lists = _measure_lists(mentions, total, used)
        # Layouts that state the relation, whatever the figures add up to: the measures' own
        # totals each split by county (item 10), or the one list of labelled figures of the
        # total's kind in the measures (item 9). Several lists: only one that adds up is taken,
        # and that relation is found by arithmetic alone (derived).
        candidates: list[tuple[list[Mention], str]] = (
            [(region_totals, "totals-of-measures")] if len(region_totals) >= 2 else []
        )
        if len(lists) == 1 and not candidates:
            candidates.append((lists[0], "list-in-measures"))
        candidates += [(figures, "sum-of-measures") for figures in lists if len(lists) > 1]
        for figures, rule in candidates:
            if rule == "sum-of-measures" and sum(f.quantity.value for f in figures) != total.quantity.value:
                continue
            labels = [_region_total_label(f) if f in region_totals else (f.label or "") for f in figures]
            break
        else:
            continue
        used.update(id(f) for f in figures)
        where = sorted({f.segment.location for f in figures}, key=lambda loc: int(loc.split()[-1]))
        parts = [BreakdownPart(label=lab, quantity=f.quantity) for lab, f in zip(labels, figures, strict=True)]
        units = {f.quantity.unit for f in figures} - {total.quantity.unit}
        counted = f"; parts counted in {'、'.join(sorted(units))}, the total in {total.quantity.unit}" if units else ""
        breakdown = Breakdown(
            subject=subject_of(total),
            dimension="component",
            location="headline",
            total=total.quantity,
            parts=parts,
            note=_MEASURES_NOTES[rule].format(where=", ".join(where)) + counted,
            derived=rule == "sum-of-measures",
            rule=rule,
            text="",
            span=(0, 0),
        )
        out.append(Built(breakdown, total, figures, order=0))
    return out


_MEASURES_NOTES = {
    "totals-of-measures": "the totals of {where}, each split by county, are read as parts of the headline total "
    "(the layout makes the relation; validate checks the sum)",
    "list-in-measures": "the one list of labelled figures of the headline total's kind, in {where}, is read as its "
    "parts (the layout makes the relation; validate checks the sum)",
    "sum-of-measures": "derived by arithmetic: of several lists in the measures, the figures in {where} add up to "
    "the headline total, so they are taken as its parts; the sum holds by construction",
}


def _measure_lists(mentions: list[Mention], total: Mention, used: set[int]) -> list[list[Mention]]:
    """Lists of two or more labelled figures in one measure sentence (生活救助310人、子女助学230人 …)."""
    out: list[list[Mention]] = []
    run: list[Mention] = []
    for mention in mentions:
        if mention.segment.location == "headline" or id(mention) in used or not counts_in(total, mention):
            run = _close(run, out)
            continue
        gap = patterns.COMPONENT_GAP.match(mention.segment.text[run[-1].end : mention.start]) if run else None
        if run and (gap is None or run[-1].segment is not mention.segment):
            run = _close(run, out)
        if run and gap is not None:
            mention.label = label_of(gap.group("label"))
            run.append(mention)
        else:
            mention.label = label_of(words_before(mention))
            run = [mention]
    _close(run, out)
    return out


def _close(run: list[Mention], out: list[list[Mention]]) -> list[Mention]:
    if len(run) >= 2:
        out.append(run)
    return []


def _region_total_label(mention: Mention) -> str:
    """A name for a measure's total: what it counts (为1332名符合条件的视力… → 符合条件的视力)."""
    return mention.quantity.subject or label_of(words_before(mention))
