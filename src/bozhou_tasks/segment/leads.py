"""An item's lead units, in every form notices write them.

A cascade of forms, each a pattern in `patterns`; an item may carry several (anhua: one
per sub-target), and each is the item's own: nothing is taken from another item.

1. ``labelled``: (牵头单位:市人社局), 〔牵头单位:X;配合单位:Y〕, (主管部门:县民政局), also
   left unclosed at the end of the item;
2. ``unit-then-label``: (县教育局牵头), (市人社局牵头,市财政局配合), (市人社局负责);
3. ``own-line``: 牵头单位:市人社局 on a line of its own under the item;
4. ``bare``: (市人社局、市财政局) at the very end of the item, every name an office's.

A line that holds nothing but these forms (`alone`) is the item's when the page puts it
after the item's measures (推进措施: 1. 2. 3. then 牵头单位:市教育局 or (市教育局牵头)); a
labelled parenthesis that a printed page's break cut in two is read across it (`across`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import patterns

Offsets = tuple[int, int]

_END_OF_ITEM = re.compile(r"[。;；.\s]*$")


@dataclass(frozen=True)
class Lead:
    """One lead-unit form found in an item: where it is and the offsets of its parts (in the key)."""

    rule: str
    start: int
    end: int
    label: Offsets | None
    units: list[Offsets]
    supporting_label: Offsets | None
    supporting: list[Offsets]


def find(key: str, start: int, end: int) -> list[Lead]:
    """The lead-unit forms in `key[start:end]`, in order; the bare form only at the very end."""
    found: list[Lead] = []
    for rule, pattern in (
        ("labelled", patterns.LEAD_UNITS),
        ("unit-then-label", patterns.LEAD_AFTER),
        ("own-line", patterns.LEAD_LINE),
    ):
        found.extend(_lead(rule, match) for match in pattern.finditer(key, start, end))
    if not found:
        bare = [m for m in patterns.LEAD_BARE.finditer(key, start, end) if _END_OF_ITEM.fullmatch(key, m.end(), end)]
        found.extend(_lead("bare", match) for match in bare[-1:])
    found.sort(key=lambda lead: lead.start)
    kept: list[Lead] = []
    for lead in found:
        if not kept or lead.start >= kept[-1].end:
            kept.append(lead)
    return kept


def alone(key: str) -> list[Lead]:
    """The lead-unit forms of a line that holds nothing else (`find`), or [] when it says more.

    What an item's lead units look like when the page puts them after its measures.

    >>> [lead.rule for lead in alone("牵头单位:市教育局")], [lead.rule for lead in alone("(市教育局牵头)")]
    (['own-line'], ['unit-then-label'])
    >>> alone("3.开展培训(牵头单位:市人社局)")
    []
    """
    found = find(key, 0, len(key))
    position = 0
    for lead in found:
        if not _BETWEEN_LEADS.fullmatch(key, position, lead.start):
            return []
        position = lead.end
    return found if _BETWEEN_LEADS.fullmatch(key, position) else []


def across(head: str, rest: str) -> Lead | None:
    """A labelled lead-unit parenthesis opened at the end of `head` and closed in `rest`: an item's line
    and its rest after a printed page's chrome (…(牵头单位: / — 5 — / 市民政局、市财政局)).

    Offsets are in `head + rest`; None when there is none, or when a name is itself cut in two.

    >>> head = "新建食堂。(牵头单位:"
    >>> [(head + "市民政局、市财政局)")[a:b] for a, b in across(head, "市民政局、市财政局)").units]
    ['市民政局', '市财政局']
    >>> across("新建食堂。(牵头单位:市民", "政局)") is None
    True
    """
    start = max(head.rfind(bracket) for bracket in _LEAD_OPENING)
    match = patterns.LEAD_UNITS.match(head + rest, start) if start >= 0 else None
    if match is None or match.end() <= len(head):
        return None
    lead = _lead("labelled", match)
    if any(start < len(head) < end for start, end in [*lead.units, *lead.supporting]):
        return None
    return lead


_LEAD_OPENING = "(\uff08〔【"
"""The brackets that open a lead-unit parenthesis (`patterns.LEAD_OPEN`)."""

_BETWEEN_LEADS = re.compile(r"[。;；,，.\s]*")
"""What may stand around lead-unit forms on a line of their own: white space, a sentence's end."""


def present(key: str, start: int, end: int) -> bool:
    """Whether `find(key, start, end)` finds any lead-unit form, without building them.

    >>> present("(一)新增就业3万人(牵头单位:市人社局)", 0, 21), present("推进措施:", 0, 5)
    (True, False)
    """
    if any(pattern.search(key, start, end) for pattern in _FORMS):
        return True
    return any(_END_OF_ITEM.fullmatch(key, m.end(), end) for m in patterns.LEAD_BARE.finditer(key, start, end))


_FORMS = (patterns.LEAD_UNITS, patterns.LEAD_AFTER, patterns.LEAD_LINE)
"""The forms `find` looks for everywhere in an item (the bare form only at its end)."""


def _lead(rule: str, match: re.Match[str]) -> Lead:
    names = match.re.groupindex
    return Lead(
        rule=rule,
        start=match.start(),
        end=match.end(),
        label=match.span("label") if "label" in names and match.group("label") is not None else None,
        units=list(_pieces(match, "units")),
        supporting_label=match.span("supporting_label")
        if "supporting_label" in names and match.group("supporting_label") is not None
        else None,
        supporting=list(_pieces(match, "supporting")) if "supporting" in names else [],
    )


def _pieces(match: re.Match[str], group: str) -> Iterator[Offsets]:
    """Offsets (in the matched text) of each unit in a group of a lead-unit match."""
    if match.group(group) is None:
        return
    base = match.start(group)
    for start, end in split_units(match.group(group)):
        yield base + start, base + end


def split_units(units: str, separator: re.Pattern[str] = patterns.LEAD_UNIT_SEPARATOR) -> Iterator[Offsets]:
    """Offsets of each unit in a list such as '市教育局、市卫生健康委', without edge white space;
    a separator inside a parenthesis (各县(市、区)) does not split.

    >>> [(s, e) for s, e in split_units("市教育局、各县(市、区)")]
    [(0, 4), (5, 12)]
    """
    depth = 0
    start = 0
    for index, char in enumerate([*units, "、"]):
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and (index == len(units) or separator.fullmatch(char)):
            piece = units[start:index]
            text = piece.strip(patterns.EDGE_SPACE)
            if text:
                offset = start + len(piece) - len(piece.lstrip(patterns.EDGE_SPACE))
                yield offset, offset + len(text)
            start = index + 1
