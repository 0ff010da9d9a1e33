"""Contracts every parsed document must keep, whatever page it came from.

Shared by the tests of differently-saved, broken and generated pages: a document may
understand less of a strange page, but it never loses a line and never points a span at
the wrong characters.
"""

from __future__ import annotations

import warnings

from bozhou_tasks.load.html import tree_to_text
from bozhou_tasks.models import Notice

ZERO_WIDTH = "\u200b\ufeff"
"""Invisible characters the segmenter strips at line edges like white space."""

HEADING_COLONS = {":", "："}
"""A measures heading's part is the heading word; its colon is the only thing it may leave out."""

TABLE_BORDERS = {"|", "\uff5c"}
"""A flattened table's cell borders lie between its parts."""


def visible(text: str) -> str:
    """`text` without white space and zero-width characters: what a reader could see."""
    return "".join(char for char in text if not (char.isspace() or char in ZERO_WIDTH))


def is_blank(text: str) -> bool:
    """True when `text` holds nothing a reader could see."""
    return not visible(text)


def assert_lossless(notice: Notice) -> None:
    """Every visible character of `notice.text` lies in exactly one part.

    Parts are logical lines: usually one line of the text, sometimes a piece of one (items
    run together on a line) or several (an item wrapped over lines, its lead units on the
    next line). What no part covers is white space, a measures heading's colon, or a table's
    cell border; a category cell of a table lies inside its row's item and counts once.
    """
    text = notice.text
    owner = [""] * len(text)
    for role, (start, end) in notice.parts():
        for index in range(start, end):
            if owner[index] and {role, owner[index]} != {"category", "item"}:
                raise AssertionError(
                    f"{role} part {start, end} overlaps a {owner[index]} part at {text[index : index + 20]!r}"
                )
            owner[index] = owner[index] or role
    for index, char in enumerate(text):
        if not owner[index] and visible(char) and char not in HEADING_COLONS and char not in TABLE_BORDERS:
            raise AssertionError(f"{text[index : index + 20]!r} at {index} is in no part")


def assert_spans_slice(notice: Notice) -> None:
    """`text[start:end]` is the quoted text at every span of the document."""
    text = notice.text

    def check(span: tuple[int, int] | None, quoted: str, what: str) -> None:
        assert span is not None, what
        assert 0 <= span[0] <= span[1] <= len(text), f"{what} span {span} is outside the text"
        assert text[span[0] : span[1]] == quoted, f"{what} span {span} slices {text[span[0] : span[1]]!r}"

    for block in notice.blocks:
        check(block.span, block.text, f"{block.role} block")
    for field in notice.metadata:
        check(field.span, field.text, f"metadata {field.label}")
    if notice.plan is not None:
        check(notice.plan.span, notice.plan.text, "plan")
    for category in notice.categories:
        check(category.span, category.text, f"category {category.number}")
    for item in notice.items:
        check(item.span, item.text, f"item {item.number}")
        check(item.headline_span, item.headline, f"item {item.number} headline")
        if item.name is not None:
            check(item.name_span, item.name, f"item {item.number} name")
        for unit, span in zip(item.lead_units, item.lead_unit_spans, strict=True):
            check(span, unit, f"item {item.number} lead unit")
        for unit, span in zip(item.supporting_units, item.supporting_unit_spans, strict=True):
            check(span, unit, f"item {item.number} supporting unit")
        if item.measures_heading is not None:
            check(item.measures_heading_span, item.measures_heading, f"item {item.number} measures heading")
        for position, measure in enumerate(item.measures, start=1):
            check(measure.span, measure.text, f"item {item.number} measure {position}")
            check(measure.body_span, measure.body, f"item {item.number} measure {position} body")
    for line in notice.unparsed:
        check(line.span, line.text, "unparsed line")
    for finding in notice.findings:
        if finding.span is not None:
            assert 0 <= finding.span[0] <= finding.span[1] <= len(text), f"{finding.code} span {finding.span}"


def browser_text(page: str) -> str:
    """The text of `page` as a browser's tree holds it: html5lib's WHATWG tree, rendered by our rules.

    html5lib builds the tree the HTML Standard prescribes (the one a browser builds); the
    same `innerText` rules then render it, so that any difference from `parse` is a
    difference between libxml2's tree and a browser's.
    """
    import html5lib

    with warnings.catch_warnings():  # html5lib warns as it renames attributes lxml cannot hold
        warnings.simplefilter("ignore")
        document = html5lib.parse(page, treebuilder="lxml", namespaceHTMLElements=False)
    root = document.getroot()
    for comment in root.xpath("//comment()"):
        _drop_keeping_tail(comment)
    return tree_to_text(root)


def _drop_keeping_tail(node: object) -> None:
    from lxml import etree

    assert isinstance(node, etree._Element)
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)
