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

Nothing is lost in between either. Where libxml2's tree differs from a browser's in what
it shows, the browser's rule is followed: `</body>` and `</html>` before the end are
ignored (libxml2 drops all that follows); an unclosed `<svg>` or `<math>` ends where a
paragraph, division or other HTML block starts, as a browser's tree builder breaks out of
foreign content; `<embed>` is empty. Then the text in the tree is compared with the text
the parser read from the bytes, and a page whose tree holds less is refused.

Untrusted pages: the parser loads no DTD, resolves no external entity and touches no
network (`no_network`); nothing is fetched for `<img>`, `<link>` or `<iframe>`, and
scripts are dropped, never run.
"""

from __future__ import annotations

import re

from lxml import etree

from ..errors import InputError
from .decode import text_too_long

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
    """title script style noscript template iframe object canvas select
    option textarea button audio video map nav""".split()
)
"""Elements whose content is never page text. (`<head>` is not one: what a browser shows of it, text
that libxml2 leaves in the head where a browser starts the body, is shown; its title, styles and
scripts are not.)"""

FOREIGN_TAGS = frozenset({"svg", "math"})
"""Foreign content (drawings, formulas): not page text, until an HTML block breaks out of it."""

BREAKOUT_TAGS = frozenset(
    """b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i
    img li listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u
    ul var""".split()
)
"""Start tags that end foreign content in a browser (HTML Standard, "parsing tokens in foreign
content"): an `<svg>` left open before a `<p>` ends there, and the paragraph is page text."""

RAW_TEXT_TAGS = frozenset({"script", "style"})
"""Elements whose content the parser reads as raw text: not counted when the tree is checked against the bytes."""

_STRAY_END_TAGS = re.compile(
    # `</body>` or `</html>` (any case, any attributes): a browser ignores both and reads on in the
    # body (HTML Standard, "after body" mode); libxml2 drops everything after `</html>`.
    r"</(?:html|body)\b[^>]*+>",
    re.IGNORECASE,
)

NAVIGATION_TOKENS = frozenset({"nav", "navbar", "navigation", "menu", "mainmenu", "share", "bdsharebuttonbox"})
"""Class or id names that mark a site's menu or share/print toolbar (kept: breadcrumbs, footers)."""

_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")
_TOKEN_SPLIT = re.compile(r"[\s_-]+")


def html_to_text(page: str) -> str:
    """The visible text of `page`, one line per rendered line, LF line ends."""
    root = _parse(page)
    return "" if root is None else tree_to_text(root)


def tree_to_text(root: etree._Element) -> str:
    """The visible text of a parsed HTML tree (without comments), by the rules above.

    The tests render a browser-standard parser's tree (html5lib's) with it too, to check
    that libxml2's tree shows the same text.

    One loop on purpose: it is the hot path of reading a page, one Python step per element;
    split into functions, every element would pay their calls (bench/RESULTS.md).
    """
    out = _LineBuilder()
    walker = etree.iterwalk(root, events=("start", "end"))
    skipped = None  # the element whose subtree was just skipped: its "end" event comes next
    foreign = None  # the open <svg> or <math> whose content is hidden, until an HTML block breaks out
    open_tags: list[str] = []  # the tags of the open elements: each element's tag is read once
    for event, element in walker:
        if event == "start":
            tag = _tag(element)
            open_tags.append(tag)
        else:
            tag = open_tags.pop()
        if foreign is not None:
            if event == "end" and element is foreign:
                foreign = None
                if element.tail:
                    out.text(element.tail)
                continue
            if not (event == "start" and tag in BREAKOUT_TAGS):
                continue
            foreign = None  # a browser closes the drawing here: the rest is page text
        if event == "start":
            if tag in FOREIGN_TAGS:
                foreign = element
                continue
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


def _parser() -> etree.HTMLParser:
    """A fresh HTML parser that reads only the bytes it is given.

    lxml's own parser, not `lxml.html`'s: that one looks up a Python class for every element
    the walk touches (a third of the walk), for methods the walk does not use.
    """
    return etree.HTMLParser(
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
    data = _STRAY_END_TAGS.sub("", page).encode("utf-8", "surrogatepass")
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    _refuse_partial_parse(parser.error_log)
    if root is not None:  # None: nothing but comments and white space
        _refuse_lost_text(data, root)
    return root


def _visible_length(text: str) -> int:
    """The characters of `text` that are not white space (str.split and regex \\s agree on what is)."""
    return sum(map(len, text.split()))


class _TextCounter:
    """A parser target that counts the characters of text the parser read, outside scripts and styles."""

    def __init__(self) -> None:
        self.count = 0
        self._raw = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag.lower() in RAW_TEXT_TAGS:
            self._raw += 1

    def end(self, tag: str) -> None:
        if tag.lower() in RAW_TEXT_TAGS and self._raw:
            self._raw -= 1

    def data(self, data: str) -> None:
        if not self._raw:
            self.count += _visible_length(data)

    def close(self) -> int:
        return self.count


def _tree_text_length(root: etree._Element) -> int:
    """The visible characters of the tree's text and tails (not the root's tail), outside scripts and styles.

    All the text at once (lxml's text serialisation), less the text of the raw-text elements:
    a walk in Python over every element cost more than the rest of the check. (The parser
    drops comments and processing instructions, whose content the serialisation would skip.)
    """
    count = _visible_length(etree.tostring(root, method="text", encoding=str, with_tail=False))
    raw = sum(_visible_length(element.text) for element in root.iter(*RAW_TEXT_TAGS) if element.text)
    return count - raw


def _refuse_lost_text(data: bytes, root: etree._Element) -> None:
    """Raise `InputError` if the tree holds less text than the parser read from `data`.

    libxml2 builds its tree from the tokens it reads, and drops some without a fatal error
    (everything after a second root, for one). The tokens themselves, read again through a
    parser target, say what the bytes hold; the tree must hold all of it.
    """
    counter = _TextCounter()
    target = etree.HTMLParser(
        target=counter, encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, recover=True
    )
    try:
        read = etree.fromstring(data, parser=target)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return
    too_long = text_too_long(read)
    if too_long is not None:  # before the walk and the rest of the pipeline: reading text is what costs
        raise InputError(too_long)
    lost = read - _tree_text_length(root)
    if lost > 0:
        raise InputError(
            f"the HTML parser dropped {lost} characters of the page's text, so it would be read only in part; "
            "open the page in a browser, save it as text (.txt) and parse that"
        )


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
    classes, name = element.get("class"), element.get("id")
    if not classes and not name:  # most elements with attributes have only a style: nothing to split
        return False
    names = f"{classes or ''} {name or ''}".lower()
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
