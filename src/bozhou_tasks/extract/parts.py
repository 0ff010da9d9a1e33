"""Pieces the breakdown rules share: what a rule claims, units' kinds, labels, subjects."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from ..models import BreakdownPart
from . import glossary, patterns
from .text import Mention, same_noun


@dataclass
class Group:
    """One county's entry in a list: its labels and its figure(s)."""

    labels: list[str]
    includes: list[str]
    figures: list[Mention] = field(default_factory=list)


@dataclass(frozen=True)
class Claim:
    """What one rule reads: a total and the figures it says are its parts, not yet accepted.

    Rules only return claims; `breakdowns.find` decides which stand and builds the
    `Breakdown` of each (its text, span, parent), so no rule changes what another found.
    """

    rule: str
    dimension: Literal["region", "component", "subset"]
    total: Mention
    figures: list[Mention]  # the mentions the parts are read from, in order
    parts: list[BreakdownPart]
    subject: str
    note: str | None = None
    derived: bool = False
    order: int = 1  # among claims on one total: 0 sorts first
    figures_count: str | None = None  # what the figures count, when the claim names it (region lists)


REACH = 300
"""How far (in characters) a total may stand before the list that splits it."""

BACK = 40
"""How many figures back a rule looks for a total in the same sentence."""


family = glossary.kind
"""The thing a unit counts: 名 and 人 are both persons (see `glossary.kind`)."""


def label_of(words: str) -> str:
    """A component's label without the verb phrase before it (为困难职工提供生活救助 → 生活救助)."""
    words = re.sub("^[、,\uff0c和及与]+", "", words.strip(" \xa0\u3000"))
    cut = 0
    for verb in patterns.LEAD_VERBS:
        at = words.rfind(verb)
        if at >= 0 and len(words) - (at + len(verb)) >= 2:
            cut = max(cut, at + len(verb))
    return words[cut:]


def same_sentence_before(ms: list[Mention], index: int, figure: Mention) -> list[Mention]:
    """Figures of the same kind and noun before `ms[index]` in its sentence (at most `BACK`)."""
    sentence = figure.sentence
    out: list[Mention] = []
    for m in reversed(ms[max(0, index - BACK) : index]):
        if m.start < sentence:
            break
        if alike(m, figure):
            out.insert(0, m)
    return out


def words_before(mention: Mention) -> str:
    text = mention.segment.text
    clause = mention.segment.clause_start(mention.start)
    words = text[clause : mention.start]
    return words if words.strip() else trim_noun(mention.noun)


def counts_in(total: Mention, part: Mention) -> bool:
    """Whether `part` may be a share of `total` (same kind of thing, or persons in a 人次 total)."""
    return glossary.counts_in(total.quantity.unit, part.quantity.unit)


def alike(a: Mention, b: Mention) -> bool:
    return family(a.quantity.unit) == family(b.quantity.unit) and same_noun(a.noun, b.noun)


SCOPE_WORDS = frozenset({"全市", "全省", "全县", "全区", "市级", "县级", "市本级", "共", "共计", "合计"})
"""Words before a figure that say where or how much, not what is counted (全市不少于4个)."""


def subject_of(total: Mention) -> str:
    """What a breakdown's total counts: its quantity's subject, else its noun, else the words before it.

    When the words before the figure only give its scope (全市), the clause before them names
    what is counted (积极开展嵌入式养老服务机构(综合体)建设,全市不少于4个).
    """
    found = total.quantity.subject or trim_noun(total.noun) or label_of(words_before(total))
    if found.strip() not in SCOPE_WORDS:
        return found
    segment = total.segment
    clause = segment.clause_start(total.start)
    previous = segment.clause_start(max(0, clause - 1))
    return (
        label_of(re.sub(r"^[,\uff0c;\uff1b。\s]+|[,\uff0c;\uff1b。\s]+$", "", segment.text[previous:clause])) or found
    )


def trim_noun(noun: str) -> str:
    return re.split("[和及与]", noun, maxsplit=1)[0]


def elsewhere(total: Mention, parts: Iterable[Mention]) -> str:
    where = sorted({p.segment.location for p in parts} - {total.segment.location})
    return f"; total in the {total.segment.location}, parts in {', '.join(where)}" if where else ""
