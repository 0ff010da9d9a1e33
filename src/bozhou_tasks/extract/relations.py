"""Breakdowns not written as a list after 其中: 其余, one figure per county, and lists found in the
layout or by their sums (see `breakdowns` for the rules and their order)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence, Set
from dataclasses import dataclass, field

from ..models import BreakdownPart
from . import patterns
from .parts import (
    BACK,
    Claim,
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
from .regions import Places
from .text import Mention, same_noun


@dataclass
class Scope:
    """What the rules read besides a segment's figures: the item's figures, in order, and its places."""

    mentions: list[Mention]
    places: Places
    position: dict[Mention, int] = field(init=False)
    headline: list[Mention] = field(init=False)
    headline_kinds: Counter[str] = field(init=False)  # how many headline figures count each kind of thing

    def __post_init__(self) -> None:
        self.position = {m: n for n, m in enumerate(self.mentions)}
        self.headline = [m for m in self.mentions if m.segment.headline]
        self.headline_kinds = Counter(family(m.quantity.unit) for m in self.headline)


def rest(scope: Scope, ms: list[Mention], index: int, taken: Set[Mention]) -> list[Claim]:
    """…对4.6万人次…,其余3.4万人次…: the figure before 其余 and the rest split the earlier total."""
    remainder = ms[index]
    text = remainder.segment.text
    if not patterns.REST_BEFORE.search(text, max(0, remainder.start - 4), remainder.start):
        return []
    before = same_sentence_before(ms, index, remainder)
    if not before:
        return []
    first = before[-1]
    at = scope.position[first]
    totals = [
        m
        for m in scope.mentions[max(0, at - BACK) : at]
        if alike(m, remainder) and not m.quantity.each and m not in taken
    ]
    if not totals:
        return []
    total = totals[-1]
    labels = [trim_noun(first.noun) or first.quantity.text, "其余"]
    parts = [BreakdownPart(label=lab, quantity=m.quantity) for lab, m in zip(labels, (first, remainder), strict=True)]
    claim = Claim(
        rule="rest",
        dimension="component",
        total=total,
        figures=[first, remainder],
        parts=parts,
        subject=trim_noun(total.noun) or subject_of(total),
        note=f"其余 (the rest): {first.quantity.text} and the rest {remainder.quantity.text} make up the total"
        + elsewhere(total, [first, remainder]),
        order=0,
    )
    return [claim]


def each_county(scope: Scope, ms: list[Mention], index: int, taken: Set[Mention]) -> list[Claim]:
    """全市不少于4个,每县(区)不少于1个: the figure after 每县(区) for each county of the city, implied."""
    figure = ms[index]
    if figure in taken:
        return []
    segment = figure.segment
    clause = segment.clause_start(figure.start)
    label = scope.places.last_collective(segment.text[clause : figure.start])
    if label is None:
        return []
    tail = segment.text[clause + label.end() : figure.start]
    if any(c.isdigit() for c in tail):
        return []
    candidates = same_sentence_before(ms, index, figure)
    if not candidates and not segment.headline:
        alike = [m for m in scope.headline if family(m.quantity.unit) == family(figure.quantity.unit)]
        if len(alike) == 1 and same_noun(alike[0].noun, figure.noun):
            candidates = alike
    if not candidates or candidates[-1] in taken:
        return []
    total = candidates[-1]
    names = scope.places.expand(label.group())
    written = segment.text[clause + label.start() : figure.end]
    note = f"{written}: one figure for each of {', '.join(names)} (gazetteer)"
    parts = [
        BreakdownPart(
            label=label.group(),
            region=name,
            region_code=scope.places.code(name),
            quantity=figure.quantity,
            note=note,
        )
        for name in names
    ]
    claim = Claim(
        rule="each-county",
        dimension="region",
        total=total,
        figures=[figure],
        parts=parts,
        subject=subject_of(total),
        note="implied: the per-county figure is not written as a share of the total" + elsewhere(total, [figure]),
        derived=True,
    )
    return [claim]


def sum_in_sentence(scope: Scope, ms: list[Mention], index: int, taken: Set[Mention]) -> list[Claim]:
    """A total and the labelled figures after it in its sentence: by layout, or by their sum."""
    total = ms[index]
    if total in taken or total.quantity.each:
        return []
    text = total.segment.text
    labels: list[str] = []
    figures: list[Mention] = []
    cursor = total.end
    for figure in ms[index + 1 : index + 13]:
        rule = patterns.COMPONENT_GAP if figures else patterns.FIRST_COMPONENT_GAP
        gap = rule.match(text[cursor : figure.start])
        if gap is None or figure in taken or family(figure.quantity.unit) != family(total.quantity.unit):
            break
        labels.append(gap.group("label"))
        figures.append(figure)
        cursor = figure.end
    if len(figures) < 2:
        return []
    stated = _stated_list(text[total.end : figures[0].start], labels, total)
    if not stated and sum(f.quantity.value for f in figures) != total.quantity.value:
        return []
    parts = [BreakdownPart(label=label_of(lab), quantity=f.quantity) for lab, f in zip(labels, figures, strict=True)]
    claim = Claim(
        rule="list-after-total" if stated else "sum-in-sentence",
        dimension="component",
        total=total,
        figures=figures,
        parts=parts,
        subject=subject_of(total),
        note=(
            "written as a list of labelled figures opening the clause after the total: its components "
            "(the layout makes the relation; validate checks the sum)"
            if stated
            else "derived by arithmetic: the figures after the total in its sentence add up to it; "
            "the sum holds by construction"
        ),
        derived=not stated,
        order=0,
    )
    return [claim]


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


def sum_of_measures(scope: Scope, total: Mention, claims: Sequence[Claim], taken: Set[Mention]) -> list[Claim]:
    """The parts a headline total has in the measures: `totals-of-measures`, `list-in-measures`, `sum-of-measures`."""
    if total in taken or scope.headline_kinds[family(total.quantity.unit)] != 1:
        return []
    region_totals = [
        claim.total
        for claim in claims
        if claim.dimension == "region" and not claim.total.segment.headline and counts_in(total, claim.total)
    ]
    # Measures that each split their own total by county, under a headline total of the
    # same kind, are read as its components by their layout, whatever their sum: so a
    # wrong figure shows up as a sum that fails validation instead of a relation that
    # silently disappears. A plain list of figures must add up to be taken as components.
    lists = _measure_lists(scope.mentions, total, taken)
    # Layouts that state the relation, whatever the figures add up to: the measures' own
    # totals each split by county (item 10), or the one list of labelled figures of the
    # total's kind in the measures (item 9). Several lists: only one that adds up is taken,
    # and that relation is found by arithmetic alone (derived).
    candidates: list[tuple[list[tuple[Mention, str]], str]] = (
        [([(m, _region_total_label(m)) for m in region_totals], "totals-of-measures")]
        if len(region_totals) >= 2
        else []
    )
    if len(lists) == 1 and not candidates:
        candidates.append((lists[0], "list-in-measures"))
    candidates += [(labelled, "sum-of-measures") for labelled in lists if len(lists) > 1]
    for labelled, rule in candidates:
        if rule == "sum-of-measures" and sum(f.quantity.value for f, _ in labelled) != total.quantity.value:
            continue
        break
    else:
        return []
    figures = [f for f, _ in labelled]
    where = [segment.location for segment in sorted({f.segment for f in figures}, key=lambda s: s.start)]
    parts = [BreakdownPart(label=label, quantity=f.quantity) for f, label in labelled]
    units = {f.quantity.unit for f in figures} - {total.quantity.unit}
    counted = f"; parts counted in {'、'.join(sorted(units))}, the total in {total.quantity.unit}" if units else ""
    claim = Claim(
        rule=rule,
        dimension="component",
        total=total,
        figures=figures,
        parts=parts,
        subject=subject_of(total),
        note=_MEASURES_NOTES[rule].format(where=", ".join(where)) + counted,
        derived=rule == "sum-of-measures",
        order=0,
    )
    return [claim]


_MEASURES_NOTES = {
    "totals-of-measures": "the totals of {where}, each split by county, are read as parts of the headline total "
    "(the layout makes the relation; validate checks the sum)",
    "list-in-measures": "the one list of labelled figures of the headline total's kind, in {where}, is read as its "
    "parts (the layout makes the relation; validate checks the sum)",
    "sum-of-measures": "derived by arithmetic: of several lists in the measures, the figures in {where} add up to "
    "the headline total, so they are taken as its parts; the sum holds by construction",
}


def _measure_lists(mentions: list[Mention], total: Mention, taken: Set[Mention]) -> list[list[tuple[Mention, str]]]:
    """Lists of two or more labelled figures in one measure sentence, with labels (生活救助310人、子女助学230人)."""
    out: list[list[tuple[Mention, str]]] = []
    run: list[tuple[Mention, str]] = []
    for mention in mentions:
        if mention.segment.headline or mention in taken or not counts_in(total, mention):
            run = _close(run, out)
            continue
        last = run[-1][0] if run else None
        gap = patterns.COMPONENT_GAP.match(mention.segment.text[last.end : mention.start]) if last else None
        if last is not None and (gap is None or last.segment is not mention.segment):
            run = _close(run, out)
        if run and gap is not None:
            run.append((mention, label_of(gap.group("label"))))
        else:
            run = [(mention, label_of(words_before(mention)))]
    _close(run, out)
    return out


def _close(run: list[tuple[Mention, str]], out: list[list[tuple[Mention, str]]]) -> list[tuple[Mention, str]]:
    if len(run) >= 2:
        out.append(run)
    return []


def _region_total_label(mention: Mention) -> str:
    """A name for a measure's total: what it counts (为1332名符合条件的视力… → 符合条件的视力)."""
    return mention.quantity.subject or label_of(words_before(mention))
