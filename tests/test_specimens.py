"""The layout specimens in ../shared/family: real layouts of other cities, years and provinces.

Each specimen has an answer key (`*.expected.yaml`). Pages of a plan must parse to the key's
year, declared count, visible categories and every visible item's lead units, exactly; the
neighbours of a plan (interpretations, reports, work points, news, cover letters) must be
refused with a message that names what they are. Headline figures are compared as the
team's `score` compares them; the figures not read yet are listed in `FIGURES_NOT_READ`, so a
change that reads one more (or loses one) shows here.

The folder is shared by the team, not part of the project: where it is absent (a clone on
its own) these tests are skipped and say why.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

import bozhou_tasks
from bozhou_tasks.errors import InputError
from bozhou_tasks.models import Item, Notice

from . import invariants
from .invariants import assert_spans_slice

FAMILY = Path(__file__).resolve().parents[1].parent / "shared" / "family"
PLAN_KINDS = {"plan_notice", "plan_body_only", "plan_body_with_cover_letter", "plan_draft_notice"}

pytestmark = pytest.mark.skipif(
    not FAMILY.is_dir(), reason=f"the layout specimens are not here ({FAMILY}): they live beside the project"
)


def _keys() -> list[str]:
    return sorted(p.name.removesuffix(".expected.yaml") for p in FAMILY.glob("*.expected.yaml"))


SLUGS = _keys() if FAMILY.is_dir() else []


def _key(slug: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((FAMILY / f"{slug}.expected.yaml").read_text(encoding="utf-8"))
    return loaded


def _page(slug: str) -> str:
    text = (FAMILY / f"{slug}.txt").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.startswith("# url:")) + "\n"


_parsed: dict[str, Notice | InputError] = {}


def parsed(slug: str) -> Notice | InputError:
    if slug not in _parsed:
        try:
            _parsed[slug] = bozhou_tasks.parse(_page(slug))
        except InputError as error:
            _parsed[slug] = error
    return _parsed[slug]


def _is_plan(key: dict[str, Any]) -> bool:
    return key["doc_kind"] in PLAN_KINDS and bool(key.get("items_visible"))


_CN = {c: i for i, c in enumerate("〇一二三四五六七八九")}


def _number(written: str) -> int:
    """An item number as the key writes it: '3', '(二)', '1)', '十二'."""
    digits = re.sub(r"\D", "", written)
    if digits:
        return int(digits)
    chars = "".join(c for c in written if c in _CN or c == "十")
    if "十" in chars:
        tens, _, ones = chars.partition("十")
        return (_CN.get(tens, 1) if tens else 1) * 10 + _CN.get(ones, 0)
    return _CN[chars]


# --- refusals ---------------------------------------------------------------------------------

REFUSALS = {
    # slug: what the first words of the message say the page is
    "gangu-2020-15": "a news story or government work report",
    "gangu-2022-10-trad": "a news story or government work report",
    "huainan-2023-nuanminxin-progress": "a progress report",
    "huangshan-2023-jiuye-nuanminxin": "not a plan: the title '就业促进行动2023年实施方案'",
    "huoqiu-2025-30-interpretation": "a policy interpretation",
    "longxi-2025-10-coverletter": "not a livelihood-project notice",
    "luyi-2024-10-trad": "a news story or government work report",
    "maanshan-zhengpu-2020-gongzuoyaodian": "a work-points outline (工作要点)",
    "ningbo-2014-42-progress": "a progress report",
    "taishun-2024-04-progress": "a progress report",
    "xuancheng-2019-gongzuoyaodian": "a work-points outline (工作要点)",
    "yixing-2023-12-draft-notice": "a call for comments (征求意见)",
    "yueqing-2022-126-report": "a progress report",
    "yuhui-2024-50-interpretation": "a policy interpretation",
}


@pytest.mark.parametrize("slug", [s for s in SLUGS if not _is_plan(_key(s))])
def test_a_neighbour_of_a_plan_is_refused_naming_what_it_is(slug: str) -> None:
    result = parsed(slug)
    assert isinstance(result, InputError), f"{slug} was parsed into a plan"
    assert str(result).removeprefix("input: ").startswith(REFUSALS[slug])


# --- plans ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", [s for s in SLUGS if _is_plan(_key(s))])
def test_a_plan_parses_to_its_key(slug: str) -> None:
    key = _key(slug)
    notice = parsed(slug)
    assert isinstance(notice, Notice), f"{slug}: {notice}"
    assert notice.plan is not None
    if key.get("year"):
        assert notice.plan.year == key["year"]
    if key.get("declared_item_count"):
        assert notice.plan.declared_item_count == key["declared_item_count"]
    named = [c for c in key.get("categories_visible") or [] if c.get("name")]
    for category in named:
        assert any(
            category["name"] in found.name and found.declared_item_count == category.get("count")
            for found in notice.categories
        ), f"category {category['name']} ({category.get('count')})"
    items = {item.number: item for item in notice.items}
    for visible in key["items_visible"]:
        item = items[_number(str(visible["number"]))]
        if visible.get("lead_units"):
            assert item.lead_units in (visible["lead_units"], visible.get("lead_units_raw")), visible["number"]


def test_every_item_s_lead_units_are_its_own() -> None:
    """No lead unit is taken from another item: each span lies inside its own item's text."""
    for slug in SLUGS:
        notice = parsed(slug)
        if not isinstance(notice, Notice):
            continue
        for item in notice.items:
            for start, end in item.lead_unit_spans:
                assert item.span[0] <= start <= end <= item.span[1], (slug, item.number)
                assert notice.text[start:end] in item.text


def test_a_cut_page_says_where_it_ends() -> None:
    notice = parsed("suzhou-ah-2024-50")
    assert isinstance(notice, Notice)
    assert notice.plan is not None
    assert notice.plan.ends_inside_item == 11
    cut = [f for f in notice.findings if f.code == "page-cut-short"]
    assert [f.message for f in cut] == [
        "the page ends inside item 11; the plan declares 50 items, 11 are on the page; category 三 (困难群体救助) "
        "declares 12, 3 are on the page: the rest of the plan is not on this page (an excerpt, or a page that did "
        "not finish loading); save the whole page to read all of it"
    ]
    assert not [f for f in notice.findings if f.code in ("plan-item-count-mismatch", "category-item-count-mismatch")]


# --- headline figures -------------------------------------------------------------------------------

FIGURES_NOT_READ = {
    # figures of the keys that the extraction does not read (yet), by specimen and item; 0.5萬人, 3萬畝
    # and 39.13亿元 are read (5000, 30000, 3913000000) though the team's scorer counts them wrong: it
    # scales 万 but not 萬, and compares 39.13e8 in floating point
    ("chengdu-unknown-weiminbanshishi-docx", "(四)", "1号线"),  # part of a line's name: not a count
    ("zhonglou-2021-table", "4", "8家"),  # the row's content after its lead-unit cell is not headline
    ("zhonglou-2021-table", "4", "300户"),
    ("zhonglou-2021-table", "4", "IO(X)人"),  # a number lost to character recognition
}

_SCALE = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "千": 1_000}


def _headline_values(item: Item) -> set[Decimal]:
    values = {Decimal(q.value) for q in item.quantities if q.location == "headline"}
    return values | {Decimal(r.amount) for r in item.rates if r.location == "headline"}


def _wanted(figure: dict[str, Any]) -> set[Decimal]:
    """The key's value as written, and scaled when its unit starts with a scale word (exactly: 39.13亿
    is 3913000000, which floating point misses)."""
    values = {Decimal(v) for v in re.findall(r"\d+(?:\.\d+)?", str(figure["value"]))}
    unit = str(figure.get("unit") or "")
    return values | ({v * _SCALE[unit[0]] for v in values} if unit[:1] in _SCALE else set())


def test_headline_figures_read_are_the_keys() -> None:
    missed: set[tuple[str, str, str]] = set()
    for slug in SLUGS:
        key = _key(slug)
        notice = parsed(slug)
        if not _is_plan(key) or not isinstance(notice, Notice):
            continue
        items = {item.number: item for item in notice.items}
        for visible in key["items_visible"]:
            item = items[_number(str(visible["number"]))]
            for figure in visible.get("headline_numbers") or []:
                if figure.get("is_year"):
                    continue
                if not _wanted(figure) & _headline_values(item):
                    missed.add((slug, str(visible["number"]), f"{figure['value']}{figure.get('unit') or ''}"))
    assert missed == FIGURES_NOT_READ


# --- nothing lost, every span exact ---------------------------------------------------------------


@pytest.mark.parametrize("slug", [s for s in SLUGS if _is_plan(_key(s))])
def test_every_character_is_in_one_part_and_every_span_slices(slug: str) -> None:
    """The stream joins and splits lines, so parts may cross line ends: what holds is that every
    visible character belongs to exactly one part (or to `unparsed`) and every span quotes its text."""
    notice = parsed(slug)
    assert isinstance(notice, Notice)
    invariants.assert_lossless(notice)
    assert_spans_slice(notice)
