"""The HTML report: structure, highlights and arithmetic, read with the standard library's HTML parser."""

from __future__ import annotations

import html
import re
from collections import Counter
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from bozhou_tasks.cli import app
from bozhou_tasks.export.highlight import Mark, render
from bozhou_tasks.export.html_report import arithmetic, report_html
from bozhou_tasks.models import Breakdown, BreakdownPart, Notice, Quantity

from .conftest import ROOT
from .handmade import with_extractions
from .test_tables import ID

runner = CliRunner()
VOID = {"meta", "br", "link", "img", "input", "hr", "rect"}


class Page(HTMLParser):
    """Tags, ids and classes of a page; checks that elements nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: Counter[str] = Counter()
        self.classes: Counter[str] = Counter()
        self.tags: Counter[str] = Counter()
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.text: list[str] = []
        """Text a reader sees in the flow of the page (tooltips left out)."""
        self.tip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags[tag] += 1
        if values.get("id"):
            self.ids[values["id"] or ""] += 1
        classes = (values.get("class") or "").split()
        if "main" in self.stack:  # the legend in the header shows the highlight styles too
            for name in classes:
                self.classes[f"{tag}.{name}"] += 1
        if "tip" in classes:
            self.tip_depth = len(self.stack) + 1
        if values.get("href"):
            self.hrefs.append(values["href"] or "")
        if values.get("src"):
            self.srcs.append(values["src"] or "")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1]}>"
        if len(self.stack) == self.tip_depth:
            self.tip_depth = 0
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.tip_depth:
            self.text.append(data)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], f"unclosed: {parser.stack}"
    return parser


@pytest.fixture(scope="module")
def real(html_notice: Notice) -> Page:
    return parse(report_html(html_notice, ID))


@pytest.fixture(scope="module")
def handmade(html_notice: Notice) -> Notice:
    return with_extractions(html_notice)


@pytest.fixture(scope="module")
def handmade_page(handmade: Notice) -> Page:
    return parse(report_html(handmade, ID))


def value_count(notice: Notice) -> int:
    """Highlights a report must show: quantities, rates, breakdown totals and parts (same span = one mark)."""
    spans = set()
    for item in notice.items:
        spans.update(q.span for q in item.quantities)
        spans.update(r.span for r in item.rates)
        for b in item.breakdowns:
            spans.update(p.quantity.span for p in b.parts)
            if b.total is not None:
                spans.add(b.total.span)
    return len(spans)


# --- the bundled page ----------------------------------------------------------------------


def test_every_item_is_there(real: Page) -> None:
    assert [i for i in real.ids if re.fullmatch(r"item-\d+", i)] == [f"item-{n}" for n in range(1, 51)]
    assert real.tags["article"] == 50


def test_ids_are_unique_and_links_resolve(real: Page, handmade_page: Page) -> None:
    for page in (real, handmade_page):
        assert [i for i, n in page.ids.items() if n > 1] == []
        assert [h for h in page.hrefs if h.startswith("#") and h[1:] not in page.ids] == []


def test_self_contained(real: Page, html_notice: Notice) -> None:
    page = report_html(html_notice, ID)
    assert real.srcs == []  # no scripts, images or frames from anywhere
    assert real.tags["script"] == 0
    assert real.tags["link"] == 0
    assert [h for h in real.hrefs if not h.startswith("#")] == []
    assert "default-src 'none'" in page


def test_findings_are_linked_to_their_place(real: Page, html_notice: Notice) -> None:
    page = report_html(html_notice, ID)
    assert [f"f{n}" in real.ids for n in range(1, 7)] == [True] * 6
    assert (
        len(re.findall(r'href="#f\d+"', page)) == 5
    )  # the five in items; the footer spam is quoted in the findings list
    footer = page[page.index('id="f6"') - 40 : page.index('id="f6"') + 120]
    assert "betway必威体育官网" in footer


def test_every_character_of_the_items_is_shown(html_notice: Notice, real: Page) -> None:
    shown = "".join(real.text)
    for item in html_notice.items:
        assert item.text in shown
        for measure in item.measures:
            assert measure.text in shown


def test_no_highlights_before_extraction_lands(real: Page, html_notice: Notice) -> None:
    assert real.classes["mark.hl"] == value_count(html_notice)


# --- hand-made extractions -----------------------------------------------------------------


def test_every_value_is_highlighted(handmade_page: Page, handmade: Notice) -> None:
    # 5 quantities + 2 rates + 5 totals + 20 parts, less item 1's total that is also a quantity
    assert value_count(handmade) == 31
    assert handmade_page.classes["mark.hl"] == 31
    assert handmade_page.classes["mark.part"] == 20
    assert handmade_page.classes["mark.total"] == 5
    assert handmade_page.classes["mark.rate"] == 2
    assert handmade_page.classes["mark.qty"] == 5
    assert handmade_page.classes["span.bd"] == 5
    assert handmade_page.classes["span.tip"] == 31 + 6  # a tip on each value and each finding


def test_a_highlight_carries_its_reading(handmade: Notice) -> None:
    page = report_html(handmade, ID)
    assert (
        '<mark class="hl part tipped" id="i1-b1-p1" tabindex="0">8700人左右<span class="tip" role="tooltip" lang="en">'
        "涡阳县 (Guoyang County): 8,700 人 (people) · approximately · part of 城镇新增就业</span></mark>"
    ) in page
    assert "1,500 元 per 人 (yuan per person) · exactly as stated · rate · 求职创业补贴" in page


def test_each_value_says_each_thing_once(handmade: Notice) -> None:
    """A total that is also a quantity gets one tooltip, not the quantity's and the total's one after the other."""
    page = report_html(handmade, ID)
    assert (
        '3.5万人左右<span class="tip" role="tooltip" lang="en">total of 城镇新增就业: 35,000 人 (people) · approximately'
        "</span></mark>"
    ) in page
    tips = re.findall(r'<span class="tip" role="tooltip" lang="en">(.*?)</span>', page)
    assert [tip for tip in tips if len(set(tip.split(" · "))) != len(tip.split(" · "))] == []
    assert [tip for tip in tips if tip.count("城镇新增就业") > 1] == []
    # money is shown in yuan, as the tables hold it: 5万元 is 50,000 元, never '50,000 万元'
    assert "50,000 元 per 院·年 (yuan per care home-year) · approximately · rate · 公建公营敬老院补助" in page
    assert "万元" not in "".join(tips)


def test_no_tooltip_of_the_page_repeats_itself(html_notice: Notice) -> None:
    """Nested (item 10), distributive (各, item 28) and twice-split (item 28) figures get one tooltip each."""
    tips = re.findall(r'<span class="tip" role="tooltip" lang="en">(.*?)</span>', report_html(html_notice, ID))
    assert len(tips) == 272
    assert [tip for tip in tips if len(set(tip.split(" · "))) != len(tip.split(" · "))] == []
    assert (
        "符合条件的视力、听力、言语、肢体、智力等残疾儿童和孤独症儿童提供康复训练救助: 1,332 名 (people) · exactly as stated"
        " · part of 残疾人提供康复救助 · total of its own breakdown by region"
    ) in tips
    assert (
        "涡阳县 (Guoyang County)、谯城区 (Qiaocheng District) each: 19,000 人次 (person-times) · exactly as stated"
        " · part of 宫颈癌"
    ) in tips


def test_the_county_table(handmade: Notice) -> None:
    page = report_html(handmade, ID)
    table = page[page.index('id="targets"') : page.index('id="findings"')]
    assert table.count('<tr><th scope="row">') == 4  # items 1, 3 (twice) and 16; item 32 is a subset
    for column in ("涡阳县", "蒙城县", "利辛县", "谯城区", "亳州高新区", "市法援中心"):
        assert f'<span lang="zh">{column}</span>' in table
    assert '<a href="#i1-b1-p4">≈8,900</a>' in table


def test_the_arithmetic_is_shown(handmade: Notice) -> None:
    page = report_html(handmade, ID)
    assert page.count("the parts add up to the total ✓") == 3
    assert page.count("the parts reach the total ✓") == 1  # item 16: 不低于7400件
    assert page.count("within the total ✓") == 1
    assert page.count("<svg") == 5


def _q(value: str, unit: str = "人", qualifier: str = "exact") -> Quantity:
    return Quantity(
        text=f"{value}{unit}",
        value=Decimal(value),
        unit=unit,
        qualifier=qualifier,  # type: ignore[arg-type]
        location="headline",
        rule="t",
        span=(0, 1),
    )


ARITHMETIC = [
    # dimension, total, parts, verdict class, words
    ("region", _q("3.5", "万人", "approx"), ["8700", "8700", "8700", "8900"], "ok", "the parts add up to the total ✓"),
    ("region", _q("100"), ["30", "30", "30"], "bad", "the parts differ from the total by -10 ✗"),
    (
        "region",
        _q("100", qualifier="approx"),
        ["50", "45"],
        "bad",
        "differ from the total by -5 (the total is approximate)",
    ),
    ("subset", _q("100"), ["120"], "bad", "more than the total ✗"),
    ("component", None, ["1", "2"], "", "No total is stated; parts a 1 + b 2 = 3 人."),
    ("component", _q("10", "户"), ["1", "2"], "", "different units, not compared"),
]


@pytest.mark.parametrize(
    ("dimension", "total", "parts", "verdict", "words"),
    ARITHMETIC,
    ids=["adds-up-in-base-unit", "short", "approx-total", "subset-over", "no-total", "other-unit"],
)
def test_arithmetic(dimension: str, total: Quantity | None, parts: list[str], verdict: str, words: str) -> None:
    labels = "abcdefg"
    breakdown = Breakdown(
        subject="x",
        dimension=dimension,  # type: ignore[arg-type]
        location="headline",
        total=total,
        parts=[BreakdownPart(label=labels[k], quantity=_q(v)) for k, v in enumerate(parts)],
        text="x",
        span=(0, 1),
    )
    sentence, got = arithmetic(breakdown)
    assert got == verdict
    assert words in html.unescape(re.sub("<[^>]+>", "", sentence))


# --- the highlighter -----------------------------------------------------------------------


def strip(fragment: str) -> str:
    fragment = re.sub(r'<span class="tip"[^>]*>.*?</span>', "", fragment)
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_nesting_and_crossing() -> None:
    text = "abcdefghij"
    marks = [
        Mark(1, 6, tag="span", classes=("bd",), ids=("b",)),
        Mark(2, 4, ids=("q",), tip="t"),
        Mark(5, 8, ids=("x",)),
    ]
    out = render(text, 0, 10, marks)
    assert out == (
        'a<span class="bd" id="b">b<mark class="tipped" id="q" tabindex="0">cd<span class="tip" role="tooltip" lang="en">t</span>'
        '</mark>e<mark id="x">f</mark></span><mark class="cont">gh</mark>ij'
    )
    parse(out)


@given(
    text=st.text(alphabet="ab<&>涡阳", min_size=1, max_size=30),
    spans=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.booleans()), max_size=8),
)
def test_render_keeps_every_character_and_nests(text: str, spans: list[tuple[int, int, bool]]) -> None:
    marks = [
        Mark(min(a, b), max(a, b), tag="mark" if kind else "span", ids=(f"m{k}",), tip="tip" if kind else None)
        for k, (a, b, kind) in enumerate(spans)
    ]
    start, end = 0, len(text)
    out = render(text, start, end, marks)
    assert strip(out) == text
    parse(out)


# --- the command ---------------------------------------------------------------------------


def test_report_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, html_notice: Notice) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", "-o", str(out)])
    assert result.exit_code == 0, result.output
    values = sum(len(i.quantities) + len(i.rates) + sum(len(b.parts) for b in i.breakdowns) for i in html_notice.items)
    assert result.output == f"bozhou-2024-50 -> {out}: 50 items, {values} values highlighted, 6 findings\n"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_into_a_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(ROOT / "data/structured/bozhou-2024-50.yaml"), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "bozhou-2024-50.html").exists()


def test_report_into_a_new_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`-o newdir/` is a folder to create, not a file called newdir."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["report", str(ROOT / "data/structured/bozhou-2024-50.yaml"), "-o", "newdir/"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("bozhou-2024-50 -> newdir/bozhou-2024-50.html: ")
    assert sorted(p.name for p in (tmp_path / "newdir").iterdir()) == ["bozhou-2024-50.html"]


def test_report_of_a_page_is_refused(tmp_path: Path) -> None:
    page = ROOT / "data/raw/bozhou-2024-50.txt"
    result = runner.invoke(app, ["report", str(page), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 1
    assert result.output == (
        f"error: {page}: this is a saved page, not a structured document; run 'bz-tasks parse {page}' first\n"
    )
    assert list(tmp_path.iterdir()) == []
