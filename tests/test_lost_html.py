"""Markup that made libxml2 drop part of a page: read as a browser reads it, or refused, never cut short.

Each case inserts markup into the bundled page before item 50's second measure, where a
stray tag once cost the page its last 587 characters, the footer's spam warning with
them. The document must hold the whole page, as html5lib (the WHATWG tree builder, a
browser's) reads it.
"""

from __future__ import annotations

import re

import pytest

import bozhou_tasks
from bozhou_tasks.errors import InputError
from bozhou_tasks.load import html as render
from bozhou_tasks.models import Notice

from .conftest import PAGE_HTML
from .invariants import assert_lossless, assert_spans_slice, browser_text, visible

PAGE = PAGE_HTML.read_text(encoding="utf-8")
LINES = PAGE.split("\n")
BEFORE = next(i for i, line in enumerate(LINES) if "2.加大对培育对象的帮扶指导力度" in line)


def _with(markup: str) -> str:
    return "\n".join([*LINES[:BEFORE], markup, *LINES[BEFORE:]])


STRAY = {
    "html-end": "</html>",
    "body-end": "</body>",
    "both-ends": "</body></html>",
    "html-end-upper-case": "</HTML >",
    "unclosed-svg": "<svg>",
    "unclosed-math": "<math>",
    "unclosed-svg-with-a-shape": '<svg width="10"><circle r="4"/>',
    "embed": '<embed src="x.swf">',
}


@pytest.mark.parametrize("markup", STRAY.values(), ids=STRAY.keys())
def test_stray_markup_loses_nothing(markup: str, html_notice: Notice) -> None:
    page = _with(markup)
    notice = bozhou_tasks.parse(page.encode("utf-8"))
    assert notice.text == html_notice.text
    assert (len(notice.items), sum(len(item.measures) for item in notice.items)) == (50, 163)
    assert [f.code for f in notice.findings].count("injected-spam") == 2  # the footer's too
    assert visible(notice.text) == visible(browser_text(page))
    assert_lossless(notice)
    assert_spans_slice(notice)


def test_markup_inside_a_drawing_stays_hidden() -> None:
    page = "<html><body><p>一、促进就业(1项)</p><svg><text>图例</text><title>说明</title></svg><p>尾</p></body></html>"
    assert render.html_to_text(page) == "一、促进就业(1项)\n\n尾"
    assert visible(browser_text(page)) == visible("一、促进就业(1项)尾")


def test_a_block_breaks_out_of_an_unclosed_drawing() -> None:
    page = "<html><body><div><p>甲</p><svg><circle/>隐<p>乙</p>丙</div><p>丁</p></body></html>"
    assert render.html_to_text(page) == "甲\n\n乙\n\n丙\n\n丁"
    assert visible(browser_text(page)) == "甲乙丙丁"


def test_text_the_tree_lost_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Were `</html>` not set aside, the check against the parser's own reading would refuse the page."""
    monkeypatch.setattr(render, "_STRAY_END_TAGS", re.compile("(?!)"))
    with pytest.raises(InputError) as raised:
        bozhou_tasks.parse(_with("</html>").encode("utf-8"))
    assert str(raised.value) == (
        "input: the HTML parser dropped 567 characters of the page's text, so it would be read only in part; "
        "open the page in a browser, save it as text (.txt) and parse that"
    )


def test_the_bundled_page_reads_as_a_browser_reads_it(html_notice: Notice) -> None:
    assert html_notice.text == browser_text(PAGE)


def test_a_nul_reads_the_same_in_both_saves(txt_notice: Notice, html_notice: Notice) -> None:
    from bozhou_tasks.pipeline import content_differences

    text, page = txt_notice.text, PAGE
    at_text, at_page = text.index("(五十)"), page.index("(五十)")
    from_text = bozhou_tasks.parse((text[:at_text] + "\x00" + text[at_text:]).encode("utf-8"))
    from_page = bozhou_tasks.parse((page[:at_page] + "\x00" + page[at_page:]).encode("utf-8"))
    assert "\x00" not in from_text.text
    assert "\ufffd" not in from_page.text
    assert from_text.item(50).headline == from_page.item(50).headline == html_notice.item(50).headline
    assert content_differences(from_text, from_page) == []
