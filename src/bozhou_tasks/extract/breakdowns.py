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

Stated relations are never dropped because their figures disagree: arithmetic decides
only whether `validate` passes them, and `derived` marks the relations arithmetic found.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import patterns
from ..models import Breakdown, BreakdownPart
from ..regions import Places
from .text import Mention, Segment, same_noun


@dataclass
class Group:
    """One county's entry in a list: its labels and its figure(s)."""

    labels: list[str]
    includes: list[str]
    figures: list[Mention] = field(default_factory=list)


@dataclass
class Built:
    """A breakdown under construction, with the mentions it is made of."""

    breakdown: Breakdown
    total: Mention | None
    parts: list[Mention]
    order: int = 1


_REACH = 300
"""How far (in characters) a total may stand before the list that splits it."""

_BACK = 40
"""How many figures back a rule looks for a total in the same sentence."""


def family(unit: str) -> str:
    """The thing a unit counts: 名 and 人 are both persons."""
    return patterns.UNIT_FAMILIES.get(unit, unit)


def find(mentions: list[Mention], places: Places) -> list[Breakdown]:
    """The breakdowns of one item, from its quantities (all segments, in order)."""
    by_segment: dict[int, list[Mention]] = {}
    segments: dict[int, Segment] = {}
    for mention in mentions:
        by_segment.setdefault(id(mention.segment), []).append(mention)
        segments[id(mention.segment)] = mention.segment
    used: set[int] = set()  # id() of mentions that are parts
    built: list[Built] = []
    for key, ms in by_segment.items():
        built += _lists(segments[key], ms, places, used)
    for ms in by_segment.values():
        built += _rest(ms, mentions, used)
        built += _each_county(ms, mentions, places, used)
        built += _sum_in_sentence(ms, used)
    built += _sum_of_measures(mentions, built, used)
    return _assemble(built)


# --- 其中 and parenthesised lists ---------------------------------------------------------


def _lists(segment: Segment, ms: list[Mention], places: Places, used: set[int]) -> list[Built]:
    text = segment.text
    out: list[Built] = []
    i = 0
    while i < len(ms):
        floor = ms[i - 1].end if i else 0
        gap = text[floor : ms[i].start]
        opener = _opener(gap, places)
        if opener is None:
            i += 1
            continue
        start = floor + opener[0]
        groups, j = _groups(text, ms, i, start, places)
        if groups:
            made = _region_breakdowns(segment, ms, i, floor + opener[1], groups, places, used)
            if made:
                out += made
                i = j
                continue
        if opener[2]:  # 其中 may also open components or a subset
            made_list, j = _component_list(segment, ms, i, start, floor + opener[1], used)
            if made_list is not None:
                out.append(made_list)
                i = j
                continue
        i += 1
    return out


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


def _region_breakdowns(
    segment: Segment, ms: list[Mention], i: int, opener: int, groups: list[Group], places: Places, used: set[int]
) -> list[Built]:
    width = len(groups[0].figures)
    if any(len(g.figures) != width for g in groups):
        return []
    if any(places.is_collective(label) and not places.expand(label) for g in groups for label in g.labels):
        return []  # 每个县(区) with no city to say which units: the parts cannot be counted
    totals = _totals(segment, ms[:i], opener, [family(f.quantity.unit) for f in groups[0].figures], used)
    if totals is None:
        return []
    for column, total in enumerate(totals):
        if any(family(g.figures[column].quantity.unit) != family(total.quantity.unit) for g in groups):
            return []
    out = []
    for column, total in enumerate(totals):
        subject = _subject(total)
        parts: list[BreakdownPart] = []
        mentions: list[Mention] = []
        for group in groups:
            figure = group.figures[column]
            parts += _region_parts(group, figure, places, subject)
            mentions.append(figure)
            used.add(id(figure))
        breakdown = Breakdown(
            subject=subject,
            dimension="region",
            location=segment.location,
            total=total.quantity,
            parts=parts,
            rule="region-list",
            text="",
            span=(0, 0),
        )
        out.append(Built(breakdown, total, mentions))
    return out


def _totals(
    segment: Segment, before: list[Mention], opener: int, families: list[str], used: set[int]
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
        if opener - mention.end > _REACH:
            break
        between = segment.text[mention.end : opener]
        if len(patterns.SENTENCE_BREAK.findall(between)) > 1:
            break
        if family(mention.quantity.unit) == wanted[-1] and id(mention) not in used and not mention.quantity.each:
            totals.insert(0, mention)
            wanted.pop()
    return totals if not wanted else None


def _region_parts(group: Group, figure: Mention, places: Places, subject: str) -> list[BreakdownPart]:
    figure.quantity.subject = subject or figure.quantity.subject
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
                    quantity=figure.quantity.model_copy(),
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
                quantity=figure.quantity.model_copy(),
                note=part_note,
            )
        )
    return parts


def _component_list(
    segment: Segment, ms: list[Mention], i: int, start: int, opener: int, used: set[int]
) -> tuple[Built | None, int]:
    text = segment.text
    if i == 0 or id(ms[i - 1]) in used:
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
    dimension = "subset" if len(figures) == 1 else "component"
    for figure in figures:
        used.add(id(figure))
    parts = [part for label, f in zip(labels, figures, strict=True) for part in _component_parts(label, f)]
    breakdown = Breakdown(
        subject=_subject(total),
        dimension=dimension,
        location=segment.location,
        total=total.quantity,
        parts=parts,
        note="a subset: included in the total, not to be summed" if dimension == "subset" else None,
        rule=f"{dimension}-list",
        text="",
        span=(0, 0),
    )
    return Built(breakdown, total, figures), j


def _component_parts(words: str, figure: Mention) -> list[BreakdownPart]:
    """The parts one labelled figure makes: one, or one per label when written with 各 (甲、乙各9个)."""
    label = _label(words)
    names = re.split(patterns.LABEL_JOINER, label) if figure.quantity.each else [label]
    if len(names) < 2 or not all(names):
        return [BreakdownPart(label=label, quantity=figure.quantity)]
    note = f"{label}{figure.quantity.text}: the figure is for each"
    return [BreakdownPart(label=name, quantity=figure.quantity.model_copy(), note=note) for name in names]


def _in_label(mention: Mention, total: Mention) -> bool:
    """A count in words of another kind than the total, inside a list: it names, it is not a part."""
    return mention.quantity.rule == "counted-word" and family(mention.quantity.unit) != family(total.quantity.unit)


def _label(words: str) -> str:
    """A component's label without the verb phrase before it (为困难职工提供生活救助 → 生活救助)."""
    words = re.sub("^[、,\uff0c和及与]+", "", words.strip(" \xa0\u3000"))
    cut = 0
    for verb in patterns.LEAD_VERBS:
        at = words.rfind(verb)
        if at >= 0 and len(words) - (at + len(verb)) >= 2:
            cut = max(cut, at + len(verb))
    return words[cut:]


# --- 其余, each county, and relations found by their sums ----------------------------------


def _rest(ms: list[Mention], everything: list[Mention], used: set[int]) -> list[Built]:
    out = []
    position = {id(m): n for n, m in enumerate(everything)}
    for index, rest in enumerate(ms):
        text = rest.segment.text
        if not patterns.REST_BEFORE.search(text, max(0, rest.start - 4), rest.start):
            continue
        before = _same_sentence_before(ms, index, rest)
        if not before:
            continue
        first = before[-1]
        earlier = everything[max(0, position[id(first)] - _BACK) : position[id(first)]]
        totals = [m for m in earlier if _alike(m, rest) and not m.quantity.each and id(m) not in used]
        if not totals:
            continue
        total = totals[-1]
        labels = [_trim_noun(first.noun) or first.quantity.text, "其余"]
        parts = [BreakdownPart(label=lab, quantity=m.quantity) for lab, m in zip(labels, (first, rest), strict=True)]
        used.update({id(first), id(rest)})
        breakdown = Breakdown(
            subject=_trim_noun(total.noun) or _subject(total),
            dimension="component",
            location=total.segment.location,
            total=total.quantity,
            parts=parts,
            note=f"其余 (the rest): {first.quantity.text} and the rest {rest.quantity.text} make up the total"
            + _elsewhere(total, [first, rest]),
            rule="rest",
            text="",
            span=(0, 0),
        )
        out.append(Built(breakdown, total, [first, rest], order=0))
    return out


def _same_sentence_before(ms: list[Mention], index: int, figure: Mention) -> list[Mention]:
    """Figures of the same kind and noun before `ms[index]` in its sentence (at most `_BACK`)."""
    sentence = figure.sentence
    out: list[Mention] = []
    for m in reversed(ms[max(0, index - _BACK) : index]):
        if m.start < sentence:
            break
        if _alike(m, figure):
            out.insert(0, m)
    return out


def _each_county(ms: list[Mention], everything: list[Mention], places: Places, used: set[int]) -> list[Built]:
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
        candidates = _same_sentence_before(ms, index, figure)
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
            subject=_subject(total),
            dimension="region",
            location=total.segment.location,
            total=total.quantity,
            parts=parts,
            note="implied: the per-county figure is not written as a share of the total" + _elsewhere(total, [figure]),
            derived=True,
            rule="each-county",
            text="",
            span=(0, 0),
        )
        out.append(Built(breakdown, total, [figure]))
    return out


def _sum_in_sentence(ms: list[Mention], used: set[int]) -> list[Built]:
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
        parts = [BreakdownPart(label=_label(lab), quantity=f.quantity) for lab, f in zip(labels, figures, strict=True)]
        breakdown = Breakdown(
            subject=_subject(total),
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
    return not any(_label(label).startswith(patterns.LIST_VERBS) for label in labels)


def _sum_of_measures(mentions: list[Mention], built: list[Built], used: set[int]) -> list[Built]:
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
            and _counts_in(total, b.total)
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
            subject=_subject(total),
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
        if mention.segment.location == "headline" or id(mention) in used or not _counts_in(total, mention):
            run = _close(run, out)
            continue
        gap = patterns.COMPONENT_GAP.match(mention.segment.text[run[-1].end : mention.start]) if run else None
        if run and (gap is None or run[-1].segment is not mention.segment):
            run = _close(run, out)
        if run and gap is not None:
            mention.label = _label(gap.group("label"))
            run.append(mention)
        else:
            mention.label = _label(_words_before(mention))
            run = [mention]
    _close(run, out)
    return out


def _close(run: list[Mention], out: list[list[Mention]]) -> list[Mention]:
    if len(run) >= 2:
        out.append(run)
    return []


def _region_total_label(mention: Mention) -> str:
    """A name for a measure's total: what it counts (为1332名符合条件的视力… → 符合条件的视力)."""
    return mention.quantity.subject or _label(_words_before(mention))


def _words_before(mention: Mention) -> str:
    text = mention.segment.text
    clause = mention.segment.clause_start(mention.start)
    words = text[clause : mention.start]
    return words if words.strip() else _trim_noun(mention.noun)


def _counts_in(total: Mention, part: Mention) -> bool:
    """Whether `part` may be a share of `total` (same kind of thing, or persons in a 人次 total)."""
    t, p = family(total.quantity.unit), family(part.quantity.unit)
    return t == p or p in patterns.PARTS_COUNTED_IN.get(t, ())


def _alike(a: Mention, b: Mention) -> bool:
    return family(a.quantity.unit) == family(b.quantity.unit) and same_noun(a.noun, b.noun)


_SCOPE_WORDS = frozenset({"全市", "全省", "全县", "全区", "市级", "县级", "市本级", "共", "共计", "合计"})
"""Words before a figure that say where or how much, not what is counted (全市不少于4个)."""


def _subject(total: Mention) -> str:
    """What a breakdown's total counts: its quantity's subject, else its noun, else the words before it.

    When the words before the figure only give its scope (全市), the clause before them names
    what is counted (积极开展嵌入式养老服务机构(综合体)建设,全市不少于4个).
    """
    found = total.quantity.subject or _trim_noun(total.noun) or _label(_words_before(total))
    if found.strip() not in _SCOPE_WORDS:
        return found
    segment = total.segment
    clause = segment.clause_start(total.start)
    previous = segment.clause_start(max(0, clause - 1))
    return _label(re.sub(r"^[,\uff0c;\uff1b。\s]+|[,\uff0c;\uff1b。\s]+$", "", segment.text[previous:clause])) or found


def _trim_noun(noun: str) -> str:
    return re.split("[和及与]", noun, maxsplit=1)[0]


def _elsewhere(total: Mention, parts: Iterable[Mention]) -> str:
    where = sorted({p.segment.location for p in parts} - {total.segment.location})
    return f"; total in the {total.segment.location}, parts in {', '.join(where)}" if where else ""


# --- assembly -------------------------------------------------------------------------------


def _assemble(built: list[Built]) -> list[Breakdown]:
    """Order the breakdowns, give each its text and span, and link nested ones to their parent."""
    built.sort(key=lambda b: (_start(b), b.order))
    for b in built:
        _place(b)
    owner: dict[int, int] = {}  # id() of a part mention -> index of its breakdown
    for index, b in enumerate(built):
        for part in b.parts:
            owner.setdefault(id(part), index)
    for index, b in enumerate(built):
        if b.total is not None and owner.get(id(b.total), index) != index:
            b.breakdown.parent = owner[id(b.total)]
    return [b.breakdown for b in built]


def _start(b: Built) -> tuple[int, int]:
    anchor = b.total or b.parts[0]
    return (anchor.quantity.span[0], 0)


def _place(b: Built) -> None:
    anchor = b.total or b.parts[0]
    segment = anchor.segment
    same = [p for p in b.parts if p.segment is segment]
    start = min([anchor.start, *(p.start for p in same)])
    end = max([anchor.end, *(p.end for p in same)])
    b.breakdown.text = segment.text[start:end]
    b.breakdown.span = segment.span(start, end)
    if b.breakdown.note is None and any(p.segment is not segment for p in b.parts):
        b.breakdown.note = _elsewhere(anchor, b.parts).removeprefix("; ")
