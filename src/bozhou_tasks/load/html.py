"""Turn an HTML page into the lines a reader sees, as a browser's `innerText` would.

Rules (after the HTML `innerText` algorithm, simplified):

- runs of ASCII white space collapse to one space and vanish at line starts and ends;
  no-break and ideographic spaces (`\\xa0`, `\\u3000`) are content and are kept, so
  they never shift an offset;
- a paragraph is set off by a blank line, other blocks (div, li, tr, headings …) by a
  line break, `<br>` is a line break; table cells on a row are joined by a space;
- scripts, styles, templates, forms' widgets and navigation menus are dropped; nothing
  in them is page text.

The walk is iterative, so a 20,000-deep nest of `<div>`s costs no recursion. The HTML
parser itself stops at a nesting depth of 2048 (libxml2's limit); a page it cannot read
to the end is refused with an `InputError`, never rendered in part.

Untrusted pages: the parser loads no DTD, resolves no external entity and touches no
network (`no_network`); nothing is fetched for `<img>`, `<link>` or `<iframe>`, and
scripts are dropped, never run.
"""

from __future__ import annotations

import re

from lxml import etree, html

from ..errors import InputError

BLOCK_TAGS = frozenset(
    """address article aside blockquote center dd details dialog dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu ol
    section summary table tbody tfoot thead tr ul caption body html""".split()
)
"""Elements a browser lays out as blocks: each starts and ends a line."""

PARAGRAPH_TAGS = frozenset({"p"})
"""Elements `innerText` sets off with a blank line (its 'required line break count' of 2)."""

CELL_TAGS = frozenset({"td", "th"})

SKIP_TAGS = frozenset(
    """head script style noscript template iframe object embed svg math canvas select
    option textarea button audio video map nav""".split()
)
"""Elements whose content is never page text."""

NAVIGATION_TOKENS = frozenset({"nav", "navbar", "navigation", "menu", "mainmenu", "share", "bdsharebuttonbox"})
"""Class or id names that mark a site's menu or share/print toolbar (kept: breadcrumbs, footers)."""

_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")
_TOKEN_SPLIT = re.compile(r"[\s_-]+")


def html_to_text(page: str) -> str:
    """The visible text of `page`, one line per rendered line, LF line ends."""
    root = _parse(page)
    out = _LineBuilder()
    if root is None:
        return ""
    walker = etree.iterwalk(root, events=("start", "end"))
    skipped = None  # the element whose subtree was just skipped: its "end" event comes next
    for event, element in walker:
        tag = _tag(element)
        if event == "start":
            if tag in SKIP_TAGS or _is_navigation(element):
                walker.skip_subtree()
                skipped = element
                continue
            if tag in PARAGRAPH_TAGS:
                out.block(2)
            elif tag in BLOCK_TAGS:
                out.block(1)
            elif tag in CELL_TAGS:
                out.cell()
            elif tag == "br":
                out.line_break()
            if element.text:
                out.text(element.text)
        else:
            if element is not skipped:
                if tag in PARAGRAPH_TAGS:
                    out.block(2)
                elif tag in BLOCK_TAGS:
                    out.block(1)
                elif tag in CELL_TAGS or tag == "tr":
                    out.end_cell_row(tag)
            if element.tail:
                out.text(element.tail)
    return out.result()


def _parser() -> html.HTMLParser:
    """A fresh HTML parser that reads only the bytes it is given."""
    return html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        recover=True,
        huge_tree=True,
        default_doctype=False,
    )


def _parse(page: str) -> etree._Element | None:
    parser = _parser()
    data = page.encode("utf-8", "surrogatepass")
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    _refuse_partial_parse(parser.error_log)
    return root


_DEPTH_LIMIT = re.compile(r"Excessive depth in document: (?P<depth>\d+)")


def _refuse_partial_parse(log: etree._ListErrorLog) -> None:
    """Raise `InputError` if the parser gave up before the end of the page (a fatal error).

    In recovery mode libxml2 still returns the tree it built so far; rendering it would
    drop the rest of the page without a word.
    """
    fatal = [entry for entry in log if entry.level_name == "FATAL"]
    if not fatal:
        return
    message = fatal[0].message.strip()
    depth = _DEPTH_LIMIT.search(message)
    what = (
        f"the page nests its HTML elements more than {depth['depth']} deep, past what the HTML parser reads"
        if depth
        else f"the HTML parser stopped before the end of the page ({message})"
    )
    raise InputError(f"{what}; open the page in a browser, save it as text (.txt) and parse that")


def _tag(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # comments, processing instructions, entities
        return "#other"
    return tag.rsplit("}", 1)[-1].lower()


def _is_navigation(element: etree._Element) -> bool:
    if not element.attrib:  # most elements: nothing to look at
        return False
    if element.get("role") == "navigation":
        return True
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    return any(token in NAVIGATION_TOKENS for token in _TOKEN_SPLIT.split(names))


class _LineBuilder:
    """Accumulates text with CSS-like white-space collapsing and block line breaks."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._at_line_start = True
        self._pending_space = False
        self._pending_breaks = 0
        self._cell_in_row = False

    def text(self, value: str) -> None:
        value = _COLLAPSIBLE.sub(" ", value)
        if not value:
            return
        if value[0] == " ":
            self._pending_space = True
            value = value[1:]
        trailing = value.endswith(" ")
        if trailing:
            value = value[:-1]
        if value:
            self._flush_breaks()
            if self._pending_space and not self._at_line_start:
                self._parts.append(" ")
            self._parts.append(value)
            self._at_line_start = False
            self._pending_space = False
        if trailing:
            self._pending_space = True

    def block(self, breaks: int) -> None:
        if self._parts:
            self._pending_breaks = max(self._pending_breaks, breaks)
        self._pending_space = False
        self._cell_in_row = False

    def cell(self) -> None:
        if self._cell_in_row:
            self._pending_space = True
        self._cell_in_row = True

    def end_cell_row(self, tag: str) -> None:
        if tag == "tr":
            self.block(1)
        else:
            self._cell_in_row = True

    def line_break(self) -> None:
        self._flush_breaks()
        self._parts.append("\n")
        self._at_line_start = True
        self._pending_space = False

    def _flush_breaks(self) -> None:
        if self._pending_breaks:
            self._parts.append("\n" * self._pending_breaks)
            self._pending_breaks = 0
            self._at_line_start = True
            self._pending_space = False

    def result(self) -> str:
        return "".join(self._parts).strip("\n")
