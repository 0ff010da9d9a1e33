"""The paragraphs extraction reads (an item's headline and measures) and where things sit in them."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from ..models import Item, Quantity, location_of
from . import patterns


@dataclass(frozen=True)
class Segment:
    """A headline or a measure: its text, where it starts in `Notice.text`, which measure it is."""

    text: str
    start: int
    measure: int | None = None  # the measure's position in its item, from 1; None for the headline
    continues: bool = False  # the rest of the headline after a printed page's chrome: its start is cut

    @property
    def headline(self) -> bool:
        return self.measure is None

    @functools.cached_property
    def location(self) -> str:
        """How the document names the segment: 'headline' or 'measure N' (one string for all its figures)."""
        return location_of(self.measure)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The document span of the local range [start, end)."""
        return (self.start + start, self.start + end)

    def clause_start(self, at: int, reach: int = 40) -> int:
        """Where the clause holding local offset `at` starts (looking back at most `reach` characters)."""
        return _last_break(self._clause_breaks, max(0, at - reach), at)

    def sentence_start(self, at: int, reach: int = 200) -> int:
        """Where the sentence holding local offset `at` starts (looking back at most `reach` characters)."""
        return _last_break(self._sentence_breaks, max(0, at - reach), at)

    @functools.cached_property
    def _clause_breaks(self) -> list[int]:
        """Where each clause break is: found once, looked up for every figure (several times each)."""
        return [found.start() for found in patterns.CLAUSE_BREAK.finditer(self.text)]

    @functools.cached_property
    def _sentence_breaks(self) -> list[int]:
        return [found.start() for found in patterns.SENTENCE_BREAK.finditer(self.text)]


def segments(item: Item) -> list[Segment]:
    """The item's headline (and its rest after a printed page's chrome) and measures, in order."""
    out = [Segment(item.headline, item.headline_span[0])]
    if item.headline_rest is not None and item.headline_rest_span is not None:  # after a printed page's chrome
        out.append(Segment(item.headline_rest, item.headline_rest_span[0], continues=True))
    out += [Segment(m.body, m.body_span[0], n) for n, m in enumerate(item.measures, start=1)]
    return out


@dataclass(eq=False)
class Mention:
    """A quantity found in a segment, with the local positions the other extractors need.

    Compared and hashed by identity: two mentions are the same figure only if they are one object.
    """

    quantity: Quantity
    segment: Segment
    start: int  # local start of `quantity.text`
    end: int  # local end of `quantity.text`
    per_text: str | None = None  # the basis as written before the figure (每人每年, 人均)
    per_start: int | None = None  # local start of `per_text`
    scale: str | None = None  # the scale word as written (万 in 3.5万元), which `quantity.value` has applied

    @property
    def after(self) -> str:
        """Up to 24 characters after the quantity."""
        return self.segment.text[self.end : self.end + 24]

    @property
    def noun(self) -> str:
        """The words right after the unit (宫颈癌…, 食安名坊), quotes skipped; '' when a break follows."""
        found = _NOUN.match(self.after)
        return found.group("noun") if found else ""

    @property
    def sentence(self) -> int:
        """Local start of the sentence the quantity is in."""
        return self.segment.sentence_start(self.start)


_NOUN = re.compile(r"^[“\"]?(?P<noun>[\u4e00-\u9fff]{1,16})")


def same_noun(a: str, b: str) -> bool:
    """Whether two following-nouns name the same thing: both empty, or two first characters alike.

    >>> same_noun("宫颈癌和", "宫颈癌检查由所在县"), same_noun("示范性托育", "普惠性托育"), same_noun("", "")
    (True, False, True)
    """
    if not a or not b:
        return a == b
    return a[:2] == b[:2]


def _last_break(breaks: list[int], lo: int, at: int) -> int:
    """Just after the last break (one character each) in [lo, at), else `lo`."""
    index = bisect.bisect_left(breaks, at) - 1
    return breaks[index] + 1 if index >= 0 and breaks[index] >= lo else lo
