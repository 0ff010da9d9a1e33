"""Which numbering style marks categories, items and measures in a plan.

A "一、" line is a category in the 2024 Bozhou notice (一、促进就业(3项)) and an item in
the 2025 notices (一、…(牵头单位:…)); "1." numbers measures in one notice and items in
another. So before walking the plan, the segmenter reads all of its numbered lines once
and decides, for this notice, which style is which level. The decision is a cascade of
small rules, most reliable first; `Layout.rule` records which one decided the items.

Item style:
  1. ``lead-units``: the style of the lines that carry a lead-unit parenthesis
     ((牵头单位:…)); only items carry one. An item written on its category's line votes
     with its own marker.
  2. ``first-under-heading``: with no lead units at all, the style of the first numbered
     line under the plan title (or under the first category).
Category style:
  1. ``counts-or-endings``: the style of headings that declare a count ((3项), (3)),
     end in 方面, or carry their items on the same line, unless that style numbers items.
  2. ``outline-rank``: a style ranked above the items' (一、 above (一) above 1. …) whose
     lines all have the shape of a heading (a short name and nothing else).
Measure styles: every Arabic-numeral style and ① that numbers neither items nor categories.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from ..numerals import cn_to_int
from . import leads, patterns

RANK = tuple(patterns.MARKER_STYLES.values())
"""Styles in outline rank, highest first."""

DIGIT_STYLES = frozenset({"1.", "(1)", "1)", "①"})
"""Styles that can number measures."""


@dataclass(frozen=True)
class Marker:
    """A number at a position in a line: its style, value and where it is."""

    style: str  # one of `patterns.MARKER_STYLES` values, e.g. "(一)"
    number: int | None  # None for a malformed Chinese numeral such as 十十
    numeral: str  # the number without its punctuation, as in the matched text
    numeral_start: int  # where the number starts (its end is numeral_start + len(numeral))
    start: int  # where the marker starts
    marker_end: int  # where its punctuation ends
    end: int  # where the text after it starts (after white space)


@functools.lru_cache(maxsize=4096)
def marker_at(text: str, pos: int = 0) -> Marker | None:
    """The numbering marker at `pos` in `text`, if there is one.

    Remembered: the layout detection and each segmenter rule ask the same line again.

    >>> marker_at("(十二)实施…")
    Marker(style='(一)', number=12, numeral='十二', numeral_start=1, start=0, marker_end=4, end=4)
    >>> [marker_at(t).style for t in ("一、…", "1.…", "2、…", "(3)…", "4)…", "⑤…")]
    ['一、', '1.', '1.', '(1)', '1)', '①']
    >>> marker_at("2.7月31日前完成").number
    2
    """
    match = patterns.MARKER.match(text, pos)
    if match is None:
        return None
    group = next(name for name in patterns.MARKER_STYLES if match.group(name) is not None)
    numeral = match.group(group)
    return Marker(
        style=patterns.MARKER_STYLES[group],
        number=_value(group, numeral),
        numeral=numeral,
        numeral_start=match.start(group),
        start=pos,
        marker_end=match.end("marker"),
        end=match.end(),
    )


def _value(group: str, numeral: str) -> int | None:
    if group.startswith("cn_"):
        return cn_to_int(numeral)
    if group == "circled":
        return ord(numeral) - 0x2460 + 1
    return int(numeral)


@dataclass(frozen=True)
class Heading:
    """A category heading after its marker: name, declared count and where items may start."""

    name_start: int
    name_end: int  # without trailing white space
    count: int | None
    end: int  # where the text after the heading (and its colon) starts
    ending: bool  # the name ends in a category word such as 方面


def heading_at(text: str, pos: int) -> Heading | None:
    """The category heading that starts at `pos` (just after a marker), if the text has that shape.

    The heading must be followed by the end of the line or by another marker (its first item).

    >>> heading_at("一、促进就业(3项)", 2)
    Heading(name_start=2, name_end=6, count=3, end=10, ending=False)
    >>> heading_at("一、城镇新增就业3万人(牵头单位:市人社局)", 2) is None
    True
    """
    match = patterns.CATEGORY.match(text, pos)
    if match is None:
        return None
    if match.end() < len(text) and inline_marker(text, match.end()) is None:
        return None
    name = match.group("name").rstrip(_SPACE)
    count = match.group("count")
    return Heading(
        name_start=pos,
        name_end=pos + len(name),
        count=int(count) if count else None,
        end=match.end(),
        ending=name.endswith(patterns.CATEGORY_ENDINGS),
    )


_SPACE = " \t\xa0\u3000"
_DECIMAL_AFTER = re.compile(r"\d")


def inline_marker(text: str, pos: int, expected: Collection[int] = ()) -> Marker | None:
    """A marker at `pos` inside a line; "1.5万人" after a colon is a decimal, not item 1.

    A number followed by digits is a marker only when it is one the stream expects next
    (`expected`: item N+1 after item N) and what follows reads as a date, which no decimal
    explains: "2.7月底前完成" after item 1 is item 2, "2.7万人" stays a decimal.

    >>> inline_marker("2.7月底前完成", 0), inline_marker("2.7万人", 0, {2})
    (None, None)
    >>> inline_marker("2.7月底前完成", 0, {2}).number
    2
    """
    found = marker_at(text, pos)
    if found is None:
        return None
    if found.style == "1." and _DECIMAL_AFTER.match(text, found.marker_end):
        dated = found.number in expected and patterns.DATED_TEXT.match(text, found.marker_end) is not None
        return found if dated else None
    return found


@dataclass(frozen=True)
class Layout:
    """The numbering styles of one plan's levels, and the rules that decided them."""

    categories: str | None
    items: str | None
    rule: str  # which rule decided the item style: lead-units | first-under-heading | none
    category_rule: str | None = None  # counts-or-endings | outline-rank | None

    @property
    def measures(self) -> frozenset[str]:
        """Styles that number measures in this plan."""
        return DIGIT_STYLES - {self.items, self.categories}


@dataclass(frozen=True)
class _Features:
    style: str
    lead: bool  # the line carries a lead-unit parenthesis
    heading: Heading | None  # the line has a category heading's shape
    inline: Marker | None  # the first item on a heading's line

    @property
    def evidence(self) -> bool:
        """The line is a category heading beyond doubt: a count, a category word or items of its own."""
        return self.heading is not None and (
            self.heading.count is not None or self.heading.ending or self.inline is not None
        )


def detect(plan_lines: Iterable[str]) -> Layout:
    """The numbering layout of a plan, from its lines (folded to simplified characters).

    >>> detect(["一、促进就业(3项)", "(一)新增就业(牵头单位:市人社局)", "推进措施:", "1.开展招聘"])
    Layout(categories='一、', items='(一)', rule='lead-units', category_rule='counts-or-endings')
    >>> detect(["一、新增就业3万人(牵头单位:市人社局)", "二、改造老旧小区10个(牵头单位:市住建局)"])
    Layout(categories=None, items='一、', rule='lead-units', category_rule=None)
    """
    features: list[_Features] = []
    owner: int | None = None  # the numbered line before a measures heading: its measures follow
    for line in plan_lines:
        feature = _features(line)
        if feature is not None:
            if owner is not None and feature.style == features[owner].style:
                owner = None  # the next item: its measures, if any, come under a heading of their own
            features.append(feature)
        elif features and patterns.MEASURES_HEADING_START.match(line):
            owner = len(features) - 1
        elif features:
            # lead units on a line of their own are the item's: under it (牵头单位:…), or after
            # its measures (推进措施: 1. 2. 3. then 牵头单位:…), never the last measure's
            target = len(features) - 1 if owner is None else owner
            if not features[target].lead and _has_lead(line):
                features[target] = dataclasses.replace(features[target], lead=True)
                owner = None
    evidence = [f for f in features if f.evidence]
    votes = Counter(f.style for f in features if f.lead and not f.evidence)
    votes.update(f.inline.style for f in evidence if f.inline and f.lead)
    items, rule = _most_common(votes), "lead-units"
    categories = _most_common(Counter(f.style for f in evidence if f.style != items))
    category_rule = "counts-or-endings" if categories else None
    if items is None:
        items, rule = _first_under_heading(features, categories)
    if categories is None and items is not None:
        categories = _outline_rank(features, items)
        category_rule = "outline-rank" if categories else None
    return Layout(categories=categories, items=items, rule=rule, category_rule=category_rule)


@functools.lru_cache(maxsize=2048)
def _features(line: str) -> _Features | None:
    """What a numbered line shows of the layout; cached, as the segmenter detects the layout
    three times (on the candidate pieces, after splitting, after joining), mostly on the same lines."""
    found = marker_at(line)
    if found is None:
        return None
    heading = heading_at(line, found.end)
    if heading is not None and patterns.SECTION_HEADING.fullmatch(line, found.end):
        heading = None  # 一、总体要求: a section of the document, not a category
    inline = inline_marker(line, heading.end) if heading and heading.end < len(line) else None
    if inline is not None and inline.style == found.style:
        heading, inline = None, None  # 一、…:二、… is not a heading with items of its own style
    return _Features(
        style=found.style,
        lead=_has_lead(line),
        heading=heading,
        inline=inline,
    )


@functools.lru_cache(maxsize=2048)
def _has_lead(line: str) -> bool:
    """The line carries lead units in any form (`leads.find`)."""
    return leads.present(line, 0, len(line))


def _most_common(votes: Counter[str]) -> str | None:
    """The style with most votes; a tie goes to the higher-ranked style."""
    if not votes:
        return None
    return max(votes, key=lambda style: (votes[style], -RANK.index(style)))


def _first_under_heading(features: list[_Features], categories: str | None) -> tuple[str | None, str]:
    seen_category = categories is None
    for feature in features:
        if feature.style == categories:
            seen_category = True
        elif seen_category:
            return feature.style, "first-under-heading"
    return None, "none"


def _outline_rank(features: list[_Features], items: str) -> str | None:
    """The nearest style above the items' whose lines are all bare headings."""
    above = RANK[: RANK.index(items)]
    for style in reversed(above):
        lines = [f for f in features if f.style == style]
        if lines and all(f.heading and not f.lead for f in lines):
            return style
    return None
