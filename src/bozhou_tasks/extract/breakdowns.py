"""Breakdowns: totals and the parts they are split into, by county, by component or as a subset.

Rules, most explicit first (each breakdown records the one that built it in `rule`):

- `region-list`: a total, then 其中 (or a parenthesis) and county figures:
  "3.5万人左右,其中涡阳县8700人左右,…", "8万人次宫颈癌(涡阳县、谯城区各1.9万人次,…)";
  several metrics per county are matched to as many totals (item 38); 各 gives each label
  the figure; 每个县(区) expands over the city's counties and districts (gazetteer).
- `component-list` / `subset-list`: a total, then 其中 and non-county figures: two or
  more are components ("120元…,其中…筛查补助50元、听力筛查补助70元"); one is a subset
  ("停车泊位19000个,其中公共停车泊位2550个"), which must not be summed.
- `rest`: "…对4.6万人次宫颈癌…,其余3.4万人次宫颈癌…": the figure before and the one after
  其余 are the components of the earlier total of the same thing.
- `each-county` (derived): "全市不少于4个,每县(区)不少于1个" — one figure per county, implied.
- `list-after-total`: a total, then in its sentence a list of labelled figures of its kind
  (item 18: 不少于3万元…的启动资金,县级财政一次性补助1万元、村级集体经济支持1万元、社会捐赠
  不少于1万元). The layout states the relation; validate checks the sum.
- `totals-of-measures`, `list-in-measures`: a headline total and, in the measures, totals
  of its kind each split by county (item 10: 12816名 = 1332 + 70 + 62 + 8690 + 2662), or
  the one list of labelled figures of its kind (item 9: 710人次 = 310 + 230 + 170人). Kept
  whatever the figures, so a wrong figure fails validation instead of losing the relation.
- `sum-of-measures` (derived): when the measures hold several such lists, the one that adds
  up to the headline total exactly. Found by arithmetic alone: its sum holds by construction.

How they combine: each rule only returns claims (a total, the figures it reads as parts, its
name); `find` runs them in the order above as a first-hit cascade and keeps a claim only when
none of its figures is already a part of an earlier one. Rules see the figures already taken
(read-only) so that a list does not reach over them; they never change what another rule found.
What a region list says its figures count is returned beside the breakdowns (`Found.subjects`).

Stated relations are never dropped because their figures disagree: arithmetic decides
only whether `validate` passes them, and `derived` marks the relations arithmetic found.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Set
from dataclasses import dataclass, field, replace
from typing import Literal

from ..models import Breakdown, BreakdownPart
from . import patterns, relations
from .parts import REACH, Claim, Group, elsewhere, family, label_of, subject_of
from .regions import Places
from .text import Mention, Segment


@dataclass(frozen=True)
class Found:
    """The breakdowns of an item, and what region lists say their figures count."""

    breakdowns: list[Breakdown]
    subjects: dict[Mention, str]

    def relabelled(self, mention: Mention) -> Mention:
        """`mention` with the subject a region list gives it (its quantity copied), else itself."""
        subject = self.subjects.get(mention)
        if subject is None:
            return mention
        return replace(mention, quantity=mention.quantity.model_copy(update={"subject": subject}))


@dataclass
class _Resolver:
    """The one place that decides which claims stand: first claim on a figure wins."""

    claims: list[Claim] = field(default_factory=list)
    taken: set[Mention] = field(default_factory=set)  # figures that are parts of an accepted claim

    def accept(self, claims: Iterable[Claim]) -> None:
        for claim in claims:
            if claim.total in self.taken or any(figure in self.taken for figure in claim.figures):
                continue
            self.claims.append(claim)
            self.taken.update(claim.figures)


def find(mentions: list[Mention], places: Places) -> Found:
    """The breakdowns of one item, from its quantities (all segments, in order): the cascade."""
    by_segment: dict[Segment, list[Mention]] = {}
    for mention in mentions:
        by_segment.setdefault(mention.segment, []).append(mention)
    resolver = _Resolver()
    for ms in by_segment.values():
        index = 0
        while index < len(ms):
            claims, index = _list_at(ms, index, places, resolver.taken)
            resolver.accept(claims)
    scope = relations.Scope(mentions, places)
    for ms in by_segment.values():
        for rule in (relations.rest, relations.each_county, relations.sum_in_sentence):
            for index in range(len(ms)):
                resolver.accept(rule(scope, ms, index, resolver.taken))
    for total in scope.headline:
        resolver.accept(relations.sum_of_measures(scope, total, resolver.claims, resolver.taken))
    subjects = {
        figure: claim.figures_count for claim in resolver.claims if claim.figures_count for figure in claim.figures
    }
    return Found(_assemble(resolver.claims, subjects), subjects)


# --- 其中 and parenthesised lists ---------------------------------------------------------


def _list_at(ms: list[Mention], i: int, places: Places, taken: Set[Mention]) -> tuple[list[Claim], int]:
    """The list opening before `ms[i]` (其中, a parenthesis, 分别): its claims and the index after it.

    `region-list` first, then `component-list`/`subset-list` after 其中; none: ([], i + 1).
    """
    segment = ms[i].segment
    text = segment.text
    floor = ms[i - 1].end if i else 0
    opener = _opener(text[floor : ms[i].start], places)
    if opener is None:
        return [], i + 1
    start = floor + opener[0]
    groups, j = _groups(text, ms, i, start, places)
    if not groups and not text[start : ms[i].start].strip():
        groups, j = _figures_then_labels(text, ms, i, places)
    if groups:
        made = _region_claims(segment, ms, i, floor + opener[1], groups, places, taken)
        if made:
            return made, j
    if opener[2]:  # 其中 may also open components or a subset
        component, j = _component_list(segment, ms, i, start, floor + opener[1], taken)
        if component is not None:
            return [component], j
    return [], i + 1


def _opener(gap: str, places: Places) -> tuple[int, int, bool] | None:
    """Where a list opens in the text before a figure: (end of opener, start of opener, is 其中)."""
    openers = list(patterns.LIST_OPENER.finditer(gap))
    if openers:
        return openers[-1].end(), openers[-1].start(), True
    for at in range(len(gap) - 1, -1, -1):
        if gap[at] in "(\uff08" and places.grammar.fullmatch(gap, at + 1):
            return at + 1, at, False
    clause = max((found.end() for found in patterns.CLAUSE_BREAK.finditer(gap)), default=0)
    head = places.grammar.fullmatch(gap, clause) if clause else None
    if head is not None and patterns.RESPECTIVELY.search(head.group("verb") or ""):
        return clause, clause - 1, False  # 3.5万人左右,涡阳县、蒙城县…分别为8700人、…: the labels open the list
    return None


def _groups(text: str, ms: list[Mention], i: int, start: int, places: Places) -> tuple[list[Group], int]:
    """The county groups of a list starting at `start`, first figure `ms[i]`; and where it ends."""
    groups: list[Group] = []
    cursor, j = start, i
    while j < len(ms) and j - i < 40:
        gap = text[cursor : ms[j].start]
        head = places.grammar.fullmatch(gap)
        if head is not None and "其中" not in gap:
            labels = places.split(head.group("labels"))
            included = head.group("includes")
            paired = _respectively(text, ms, j, labels, head.group("verb"))
            if paired:
                groups += paired  # 涡阳县、蒙城县分别为8700人、8900人: one label per figure, in order
                cursor, j = ms[j + len(paired) - 1].end, j + len(paired)
                continue
            groups.append(Group(labels, [included[2:-1]] if included else []))
        elif groups and patterns.GAP_CONTINUE.match(gap):
            pass
        else:
            break
        groups[-1].figures.append(ms[j])
        cursor, j = ms[j].end, j + 1
    return groups, j


def _respectively(text: str, ms: list[Mention], j: int, labels: list[str], verb: str | None) -> list[Group]:
    """Groups of one label each when a label list says 分别 and as many figures follow in a list."""
    if len(labels) < 2 or not verb or not patterns.RESPECTIVELY.search(verb) or j + len(labels) > len(ms):
        return []
    figures = ms[j : j + len(labels)]
    for previous, figure in itertools.pairwise(figures):
        if not patterns.RUN_JOINER.match(text[previous.end : figure.start]):
            return []
    return [Group([label], [], [figure]) for label, figure in zip(labels, figures, strict=True)]


def _figures_then_labels(text: str, ms: list[Mention], i: int, places: Places) -> tuple[list[Group], int]:
    """其中8700人、8900人分别用于涡阳县、蒙城县: figures first, then 分别 and as many labels, in order."""
    j = i + 1
    while j < len(ms) and patterns.RUN_JOINER.match(text[ms[j - 1].end : ms[j].start]):
        j += 1
    after = patterns.RESPECTIVELY_AFTER.match(text, ms[j - 1].end)
    if after is None or j - i < 2:
        return [], i
    labels = places.split(after.group("labels"))
    if len(labels) != j - i or "".join(labels) != re.sub(patterns.LABEL_JOINER, "", after.group("labels")):
        return [], i
    return [Group([label], [], [figure]) for label, figure in zip(labels, ms[i:j], strict=True)], j


def _region_claims(
    segment: Segment, ms: list[Mention], i: int, opener: int, groups: list[Group], places: Places, taken: Set[Mention]
) -> list[Claim]:
    width = len(groups[0].figures)
    if any(len(g.figures) != width for g in groups):
        return []
    if any(places.is_collective(label) and not places.expand(label) for g in groups for label in g.labels):
        return []  # 每个县(区) with no city to say which units: the parts cannot be counted
    totals = _totals(segment, ms[:i], opener, [family(f.quantity.unit) for f in groups[0].figures], taken)
    if totals is None:
        return []
    for column, total in enumerate(totals):
        if any(family(g.figures[column].quantity.unit) != family(total.quantity.unit) for g in groups):
            return []
    out = []
    for column, total in enumerate(totals):
        subject = subject_of(total)
        figures = [group.figures[column] for group in groups]
        parts = [part for group in groups for part in _region_parts(group, group.figures[column], places, subject)]
        out.append(
            Claim(
                rule="region-list",
                dimension="region",
                total=total,
                figures=figures,
                parts=parts,
                subject=subject,
                figures_count=subject or None,
            )
        )
    return out


def _totals(
    segment: Segment, before: list[Mention], opener: int, families: list[str], taken: Set[Mention]
) -> list[Mention] | None:
    """The totals a list refines: the nearest figures before it of the list's kinds, in order.

    They must be in the list's sentence or the one before (…不低于7400件。其中…); figures
    of other kinds in between are skipped (8690名…每人每年1000元药费补助,其中…).
    """
    totals: list[Mention] = []
    wanted = list(families)
    for mention in reversed(before):
        if not wanted:
            break
        if opener - mention.end > REACH:
            break
        between = segment.text[mention.end : opener]
        if len(patterns.SENTENCE_BREAK.findall(between)) > 1:
            break
        if family(mention.quantity.unit) == wanted[-1] and mention not in taken and not mention.quantity.each:
            totals.insert(0, mention)
            wanted.pop()
    return totals if not wanted else None


def _region_parts(group: Group, figure: Mention, places: Places, subject: str) -> list[BreakdownPart]:
    """The parts one county group makes of its figure, sharing one copy of its quantity counting `subject`.

    Parts share quantity objects (one figure for several counties: one object): no quantity is
    changed once the breakdowns are read.
    """
    quantity = figure.quantity.model_copy(update={"subject": subject or figure.quantity.subject})
    includes = [places.resolve(name) or name for name in group.includes]
    note = f"含{'、'.join(group.includes)}" if group.includes else None
    parts = []
    for label in group.labels:
        expanded = places.expand(label)
        if expanded:
            each_note = f"{label}{figure.quantity.text}: one figure for each of {', '.join(expanded)} (gazetteer)"
            parts += [
                BreakdownPart(
                    label=label,
                    region=name,
                    region_code=places.code(name),
                    quantity=quantity,
                    note=each_note,
                )
                for name in expanded
            ]
            continue
        part_note = note
        if len(group.labels) > 1:
            shared = f"{'、'.join(group.labels)}{figure.quantity.text}: the figure is for each"
            part_note = f"{part_note}; {shared}" if part_note else shared
        parts.append(
            BreakdownPart(
                label=label,
                region=places.resolve(label),
                region_code=places.code(label),
                includes=includes,
                quantity=quantity,
                note=part_note,
            )
        )
    return parts


def _component_list(
    segment: Segment, ms: list[Mention], i: int, start: int, opener: int, taken: Set[Mention]
) -> tuple[Claim | None, int]:
    """The components (two or more) or the subset (one) a 其中 list gives the figure before it."""
    text = segment.text
    if i == 0 or ms[i - 1] in taken:
        return None, i
    total = ms[i - 1]
    between = text[total.end : opener]
    if len(patterns.SENTENCE_BREAK.findall(between)) > 1:
        return None, i
    labels: list[str] = []
    figures: list[Mention] = []
    cursor, j = start, i
    while j < len(ms) and j - i < 40:
        if _in_label(ms[j], total):
            j += 1  # 两种遗传代谢病…筛查补助50元: a count in words that is part of the next label
            continue
        if family(ms[j].quantity.unit) != family(total.quantity.unit):
            break
        gap = patterns.COMPONENT_GAP.match(text[cursor : ms[j].start])
        if gap is None:
            break
        labels.append(gap.group("label"))
        figures.append(ms[j])
        cursor, j = ms[j].end, j + 1
    if not figures:
        return None, i
    dimension: Literal["component", "subset"] = "subset" if len(figures) == 1 else "component"
    parts = [part for label, f in zip(labels, figures, strict=True) for part in _component_parts(label, f)]
    claim = Claim(
        rule=f"{dimension}-list",
        dimension=dimension,
        total=total,
        figures=figures,
        parts=parts,
        subject=subject_of(total),
        note="a subset: included in the total, not to be summed" if dimension == "subset" else None,
    )
    return claim, j


def _component_parts(words: str, figure: Mention) -> list[BreakdownPart]:
    """The parts one labelled figure makes: one, or one per label when written with 各 (甲、乙各9个)."""
    label = label_of(words)
    names = re.split(patterns.LABEL_JOINER, label) if figure.quantity.each else [label]
    if len(names) < 2 or not all(names):
        return [BreakdownPart(label=label, quantity=figure.quantity)]
    note = f"{label}{figure.quantity.text}: the figure is for each"
    return [BreakdownPart(label=name, quantity=figure.quantity, note=note) for name in names]


def _in_label(mention: Mention, total: Mention) -> bool:
    """A count in words of another kind than the total, inside a list: it names, it is not a part."""
    return mention.quantity.rule == "counted-word" and family(mention.quantity.unit) != family(total.quantity.unit)


# --- assembly -------------------------------------------------------------------------------


def _assemble(claims: list[Claim], subjects: dict[Mention, str]) -> list[Breakdown]:
    """The accepted claims as breakdowns, in text order, nested ones linked to their parent."""
    ordered = sorted(claims, key=lambda claim: (claim.total.quantity.span[0], claim.order))
    owner: dict[Mention, int] = {}  # a part's figure -> index of its breakdown
    for index, claim in enumerate(ordered):
        for figure in claim.figures:
            owner.setdefault(figure, index)
    out = []
    for index, claim in enumerate(ordered):
        parent = owner.get(claim.total, index)
        out.append(_breakdown(claim, parent if parent != index else None, subjects))
    return out


def _breakdown(claim: Claim, parent: int | None, subjects: dict[Mention, str]) -> Breakdown:
    """One claim as a breakdown: its text runs from the total to its last part in the same segment."""
    total = claim.total
    segment = total.segment
    same = [figure for figure in claim.figures if figure.segment is segment]
    start = min([total.start, *(figure.start for figure in same)])
    end = max([total.end, *(figure.end for figure in same)])
    note = claim.note
    if note is None and any(figure.segment is not segment for figure in claim.figures):
        note = elsewhere(total, claim.figures).removeprefix("; ")
    quantity = total.quantity
    if total in subjects:
        quantity = quantity.model_copy(update={"subject": subjects[total]})
    return Breakdown(
        subject=claim.subject,
        dimension=claim.dimension,
        location=segment.location,
        total=quantity,
        parts=claim.parts,
        note=note,
        derived=claim.derived,
        parent=parent,
        rule=claim.rule,
        text=segment.text[start:end],
        span=segment.span(start, end),
    )
