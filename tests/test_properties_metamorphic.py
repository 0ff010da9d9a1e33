"""Metamorphic properties: edits of the Bozhou page give the document the edit implies.

Each property rewrites the text capture of the page the way another notice would write
it, parses the result and compares it with the parse of the page itself:

- figures rewritten (thousands separators, full-width digits and point, counts in words)
  give the same quantities, breakdowns and findings;
- the page moved to another city (its counties, their short forms, its own 高新区, which
  no table knows) gives the same breakdowns over that city's units and their codes, the
  zone kept as a label with no region, and no error;
- a county list reordered gives the same breakdown in the new order;
- a county list rewritten with 分别 (涡阳县、蒙城县…分别为8700人、…, or 8700人、…分别用于涡阳县、…)
  gives the same breakdown;
- one part or the total of a stated breakdown changed keeps the breakdown, and `validate`
  fails on it exactly when its sum no longer holds.

Runs are derandomized like those of test_properties.py; their count is printed in the
test summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bozhou_tasks
from bozhou_tasks.extract import patterns
from bozhou_tasks.extract.regions import gazetteer
from bozhou_tasks.models import Breakdown, Item, Notice
from bozhou_tasks.validate import validate

from .conftest import PAGE_TXT, PROPERTY_RUNS

TXT = PAGE_TXT.read_text(encoding="utf-8")
BASE = bozhou_tasks.parse(TXT)

METAMORPHIC = settings(max_examples=25, deadline=None, derandomize=True, database=None, print_blob=False)
"""Each example parses the whole page (about a tenth of a second): 25 per property."""

RUNS: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def report_runs(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    runs = request.config.stash.get(PROPERTY_RUNS, None)
    if runs is None:
        request.config.stash[PROPERTY_RUNS] = RUNS
    elif runs is not RUNS:
        runs.update(RUNS)


def _quantities(notice: Notice, *, subjects: bool = True) -> list[tuple[object, ...]]:
    return [
        (item.number, q.value, q.value_max, q.unit, q.qualifier, q.each, q.per, q.subject if subjects else None)
        for item in notice.items
        for q in item.quantities
    ]


def _breakdowns(notice: Notice) -> list[tuple[object, ...]]:
    return [
        (
            item.number,
            b.rule,
            b.dimension,
            b.derived,
            b.total.value if b.total else None,
            [(p.region, p.quantity.value) for p in b.parts],
        )
        for item in notice.items
        for b in item.breakdowns
    ]


def _problems(notice: Notice) -> list[tuple[str, int | None]]:
    return sorted((f.code, f.item) for f in validate(notice).findings if f.severity == "error")


# --- figures as other notices write them ---------------------------------------------------


def _number_spans(notice: Notice) -> list[tuple[int, int, str, str]]:
    """(start, end, number, unit) of every figure written in digits, in document order."""
    out = []
    for item in notice.items:
        for q in item.quantities:
            if q.rule.startswith("times-rate"):
                continue
            found = patterns.QUANTITY.search(notice.text, q.span[0], q.span[1])
            if found and found.group("number") and not found.group("upper"):
                out.append((found.start("number"), found.end("number"), found.group("number"), q.unit))
    return sorted(set(out))


NUMBERS = _number_spans(BASE)
COUNTED_UNITS = {"个", "家", "项", "所", "种", "场", "座", "条", "处"}
WIDE = str.maketrans("0123456789.", "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff0e")


def int_to_cn(number: int) -> str:
    """A count in Chinese numerals for 1…999 (二十一, 一百零三): how a notice may write a figure."""
    if not 0 < number < 1000:
        raise ValueError(f"{number} is outside 1…999")
    names = "零一二三四五六七八九"
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    out = ""
    if hundreds:
        out += names[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else names[tens]) + "十"
    if units:
        out += names[units]
    return out


def _rewrite(number: str, unit: str, style: str, before: str) -> str | None:
    if style == "separator" and "." not in number and len(number) >= 4:
        return f"{int(number):,}"
    if style == "full-width":
        return number.translate(WIDE)
    if style == "words" and number.isdigit() and 2 <= int(number) <= 99 and unit in COUNTED_UNITS:
        if before and (before in "第几数每" or before in "一二两三四五六七八九十百"):
            return None
        return "两" if int(number) == 2 else int_to_cn(int(number))
    return None


@given(st.data())
@METAMORPHIC
def test_figures_written_another_way_read_the_same(data: st.DataObject) -> None:
    chosen = data.draw(st.sets(st.integers(0, len(NUMBERS) - 1), min_size=1, max_size=40))
    style = data.draw(st.sampled_from(["separator", "full-width", "words", "mixed"]))
    text, words_used = BASE.text, False
    for index in sorted(chosen, reverse=True):
        start, end, number, unit = NUMBERS[index]
        use = data.draw(st.sampled_from(["separator", "full-width", "words"])) if style == "mixed" else style
        written = _rewrite(number, unit, use, text[start - 1 : start])
        if written is not None:
            text = text[:start] + written + text[end:]
            words_used = words_used or use == "words"
    edited = bozhou_tasks.parse(text)
    RUNS["figures rewritten"] += 1
    assert _quantities(edited, subjects=not words_used) == _quantities(BASE, subjects=not words_used)
    assert _breakdowns(edited) == _breakdowns(BASE)
    assert _problems(edited) == _problems(BASE) == []
    assert [f for f in validate(edited).findings if f.code == "unread-figure"] == []


# --- the same page for another city --------------------------------------------------------

BOZHOU = gazetteer().city("亳州市")
BOZHOU_UNITS = [BOZHOU.resolve(name) for name in ("谯城区", "涡阳县", "蒙城县", "利辛县")]


def _other_cities() -> list[str]:
    """Cities with four county-level units, each a district or county with a short form unseen on the page."""
    out = []
    for city in gazetteer().cities:
        units = city.units
        if city.name == BOZHOU.name or len(units) != 4 or not city.short or len(city.short) < 2:
            continue
        if any(u.kind == "county_city" or not u.short or u.short in TXT or u.name in TXT for u in units):
            continue
        if any(a.short and b.short and a is not b and a.short in b.name for a in units for b in units):
            continue
        out.append(city.name)
    return out


OTHER_CITIES = _other_cities()


def _moved(city_name: str) -> tuple[str, dict[str, tuple[str, str | None]]]:
    city = gazetteer().city(city_name)
    text = BASE.text
    mapping: dict[str, tuple[str, str | None]] = {}
    for old, new in zip(BOZHOU_UNITS, city.units, strict=True):
        assert old is not None
        mapping[old.name] = (new.name, new.code)
        text = text.replace(old.name, new.name)
    for old, new in zip(BOZHOU_UNITS, city.units, strict=True):
        assert old is not None
        assert old.short
        assert new.short
        text = text.replace(old.short, new.short)
    zone = f"{city.short}高新区"
    text = text.replace("亳州高新区", zone).replace("亳州市", city.name).replace("亳州", city.short)
    mapping["亳州高新区"] = (zone, None)
    return text, mapping


@given(st.sampled_from(OTHER_CITIES))
@METAMORPHIC
def test_the_page_of_another_city_reads_its_own_units(city_name: str) -> None:
    text, mapping = _moved(city_name)
    edited = bozhou_tasks.parse(text)
    RUNS["page moved to another city"] += 1
    expected = []
    for number, rule, dimension, derived, total, parts in _breakdowns(BASE):
        moved = [
            (mapping[r][0] if r in mapping and mapping[r][1] else None if r in mapping else r, v) for r, v in parts
        ]
        expected.append((number, rule, dimension, derived, total, moved))
    assert _breakdowns(edited) == expected
    codes = dict(mapping.values())
    for item in edited.items:
        for b in item.breakdowns:
            for part in b.parts:
                if part.region in codes:
                    assert part.region_code == codes[part.region]
    assert _problems(edited) == []


# --- county lists reordered, or written with 分别 ------------------------------------------


def _groups(notice: Notice, item: Item, b: Breakdown) -> tuple[int, list[str], list[tuple[int, int]]] | None:
    """Where a county list is written: its start, its groups ('涡阳县8700人左右') and their spans.

    Only lists whose groups are labels written right before their figure, separated by one
    character, and holding no other figure.
    """
    if b.rule != "region-list" or b.derived:
        return None
    text = notice.text
    spans: list[tuple[int, int]] = []
    labels: dict[tuple[int, int], list[str]] = {}
    for part in b.parts:
        if part.quantity.span not in labels:
            spans.append(part.quantity.span)
        labels.setdefault(part.quantity.span, []).append(part.label)
    groups, bounds, cursor = [], [], None
    for span in spans:
        words = "、".join(labels[span])
        if "(" in words or "(" in text[span[0] - 12 : span[0]] or "（" in text[span[0] - 12 : span[0]]:
            return None
        head = words + ("各" if len(labels[span]) > 1 else "")
        start = span[0] - len(head)
        if text[start : span[0]] != head:
            return None
        if cursor is not None and (start - cursor != 1 or text[cursor] not in "、,，;；"):
            return None
        groups.append(text[start : span[1]])
        bounds.append((start, span[1]))
        cursor = span[1]
    inside = [q.span for q in item.quantities if bounds[0][0] <= q.span[0] < bounds[-1][1]]
    if any(span not in labels for span in inside):
        return None
    return bounds[0][0], groups, bounds


LISTS = [
    (item.number, index, found)
    for item in BASE.items
    for index, b in enumerate(item.breakdowns)
    if (found := _groups(BASE, item, b)) is not None and len(found[1]) >= 3
]


def test_the_page_has_county_lists_to_edit() -> None:
    assert len(LISTS) >= 8


@given(st.data())
@METAMORPHIC
def test_a_reordered_county_list_gives_the_same_breakdown(data: st.DataObject) -> None:
    number, index, (_start, groups, bounds) = data.draw(st.sampled_from(LISTS))
    order = data.draw(st.permutations(range(len(groups))))
    text = BASE.text
    for slot in reversed(range(len(groups))):
        start, end = bounds[slot]
        text = text[:start] + groups[order[slot]] + text[end:]
    edited = bozhou_tasks.parse(text)
    RUNS["county list reordered"] += 1
    before = BASE.item(number).breakdowns[index]
    after = edited.item(number).breakdowns[index]
    by_group: list[list[tuple[str | None, Decimal]]] = []
    seen: dict[tuple[int, int], int] = {}
    for part in before.parts:
        slot = seen.setdefault(part.quantity.span, len(seen))
        if slot == len(by_group):
            by_group.append([])
        by_group[slot].append((part.region, part.quantity.value))
    assert [(p.region, p.quantity.value) for p in after.parts] == [x for slot in order for x in by_group[slot]]
    assert after.rule == before.rule
    assert (after.total.text, after.total.value) == ((before.total.text, before.total.value) if before.total else None)
    assert _problems(edited) == []


SINGLE_LABEL_LISTS = [
    (number, index, found)
    for number, index, found in LISTS
    if len(BASE.item(number).breakdowns[index].parts) == len(found[1])
]
"""Lists with one label per figure (no 各): 分别 pairs them in order."""


def _same_breakdown_when_written(
    listed: tuple[int, int, tuple[int, list[str], list[tuple[int, int]]]], writing: str, run: str
) -> None:
    """The county list of `listed` rewritten as `writing` ({labels}, {figures}) reads as the same breakdown."""
    number, index, (_start, _groups_written, bounds) = listed
    before = BASE.item(number).breakdowns[index]
    labels = "、".join(part.label for part in before.parts)
    figures = "、".join(part.quantity.text for part in before.parts)
    rewritten = writing.format(labels=labels, figures=figures)
    edited = bozhou_tasks.parse(BASE.text[: bounds[0][0]] + rewritten + BASE.text[bounds[-1][1] :])
    RUNS[run] += 1
    after = edited.item(number).breakdowns[index]
    assert after.rule == "region-list"
    assert [(p.label, p.region, p.quantity.value) for p in after.parts] == [
        (p.label, p.region, p.quantity.value) for p in before.parts
    ]
    assert _problems(edited) == []


@given(st.sampled_from(SINGLE_LABEL_LISTS))
@METAMORPHIC
def test_a_county_list_written_with_respectively_gives_the_same_breakdown(
    listed: tuple[int, int, tuple[int, list[str], list[tuple[int, int]]]],
) -> None:
    _same_breakdown_when_written(listed, "{labels}分别为{figures}", "county list written with 分别")


@given(st.sampled_from(SINGLE_LABEL_LISTS))
@METAMORPHIC
def test_a_county_list_written_figures_first_gives_the_same_breakdown(
    listed: tuple[int, int, tuple[int, list[str], list[tuple[int, int]]]],
) -> None:
    _same_breakdown_when_written(listed, "{figures}分别用于{labels}", "county list written figures first")


# --- one part changed ----------------------------------------------------------------------

_COMPARE = {
    "exact": lambda total, parts: parts == total,
    "approx": lambda total, parts: parts == total,
    "target": lambda total, parts: parts == total,
    "at_least": lambda total, parts: parts >= total,
    "at_most": lambda total, parts: parts <= total,
}

PARTS = [
    (item.number, index, position)
    for item in BASE.items
    for index, b in enumerate(item.breakdowns)
    if not b.derived and b.dimension != "subset" and b.total is not None and b.total.qualifier in _COMPARE
    for position, part in enumerate(b.parts)
    if not any(other.total is not None and other.total.span == part.quantity.span for other in item.breakdowns)
]


def _changed(number: str) -> str:
    """The number with its last digit one lower (one higher when it is 0): 8700 → 8699, 0.75 → 0.74."""
    last = int(number[-1])
    return number[:-1] + str(last - 1 if last else 1)


@given(st.sampled_from(PARTS))
@METAMORPHIC
def test_one_changed_part_fails_validation_exactly_where_the_sum_breaks(where: tuple[int, int, int]) -> None:
    number, index, position = where
    before = BASE.item(number).breakdowns[index]
    part = before.parts[position]
    found = patterns.QUANTITY.search(BASE.text, part.quantity.span[0], part.quantity.span[1])
    assert found is not None
    assert found.group("number")
    written = found.group("number")
    text = BASE.text[: found.start("number")] + _changed(written) + BASE.text[found.end("number") :]
    edited = bozhou_tasks.parse(text)
    RUNS["one part changed"] += 1
    after = edited.item(number).breakdowns[index]
    assert [(p.label, p.region) for p in after.parts] == [(p.label, p.region) for p in before.parts]
    assert after.rule == before.rule
    total = after.total
    assert total is not None
    holds = _COMPARE[total.qualifier](total.value, sum((p.quantity.value for p in after.parts), Decimal(0)))
    failing = [
        (f.code, f.item, f.span)
        for f in validate(edited).findings
        if f.severity == "error" and f.code == "breakdown-sum-mismatch"
    ]
    assert failing == ([] if holds else [("breakdown-sum-mismatch", number, after.span)])


TOTALS = [
    (item.number, index)
    for item in BASE.items
    for index, b in enumerate(item.breakdowns)
    if not b.derived and b.dimension != "subset" and b.total is not None and b.total.qualifier in _COMPARE
    if not any(part.quantity.span == b.total.span for other in item.breakdowns for part in other.parts)
]


@given(st.sampled_from(TOTALS))
@METAMORPHIC
def test_a_changed_total_fails_validation_exactly_where_the_sum_breaks(where: tuple[int, int]) -> None:
    number, index = where
    before = BASE.item(number).breakdowns[index]
    assert before.total is not None
    found = patterns.QUANTITY.search(BASE.text, before.total.span[0], before.total.span[1])
    assert found is not None
    assert found.group("number")
    text = BASE.text[: found.start("number")] + _changed(found.group("number")) + BASE.text[found.end("number") :]
    edited = bozhou_tasks.parse(text)
    RUNS["one total changed"] += 1
    after = edited.item(number).breakdowns[index]
    assert [(p.label, p.region, p.quantity.value) for p in after.parts] == [
        (p.label, p.region, p.quantity.value) for p in before.parts
    ]
    assert after.total is not None
    expected = []
    for b in edited.item(number).breakdowns:  # every breakdown of this total (item 28: 8万人次 twice)
        total = b.total
        if total is not None and total.span == after.total.span:
            holds = _COMPARE[total.qualifier](total.value, sum((p.quantity.value for p in b.parts), Decimal(0)))
            expected += [] if holds else [("breakdown-sum-mismatch", number, b.span)]
    failing = [
        (f.code, f.item, f.span)
        for f in validate(edited).findings
        if f.severity == "error" and f.code == "breakdown-sum-mismatch"
    ]
    assert failing == sorted(expected, key=lambda f: f[2])


def test_there_are_parts_to_change() -> None:
    assert len(PARTS) >= 100
    assert {rule for number, index, _ in PARTS for rule in [BASE.item(number).breakdowns[index].rule]} >= {
        "region-list",
        "list-after-total",
        "list-in-measures",
    }
