"""The same notice, saved in the ways people save pages, parses to the same document.

Every variant is generated here from the bundled page (no committed blobs), parsed, and
compared with the bundled save it was made from. What is compared depends on what the
variant keeps of the page:

- "same document": the variant renders to exactly the bundled text, so the whole
  document except `source` (how the bytes were read) must be identical, spans included;
- "same lines": the variant lays the lines out differently (no blank lines between
  paragraphs), so offsets move; `pipeline.content` (everything but spans and source),
  the blocks' roles and texts and the metadata fields must be identical;
- "full-width": the punctuation itself changed, so the content must equal the bundled
  content with the same punctuation change applied to every string in it;
- "no chrome": a Word document holds the notice but not the site around it (no header,
  metadata table, byline or footer); plan, categories, items and unparsed lines must be
  identical, the metadata that the letter carries (title, issuer, addressees, signed
  date) too, and everything that only the site's chrome provides must be empty.

Each variant also records how it was read (`source`), and keeps the lossless and span
contracts.
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import pytest

import bozhou_tasks
from bozhou_tasks.models import Notice
from bozhou_tasks.pipeline import content

from .conftest import PAGE_HTML, PAGE_TXT
from .invariants import assert_lossless, assert_spans_slice

HTML = PAGE_HTML.read_text(encoding="utf-8")
TXT = PAGE_TXT.read_text(encoding="utf-8")
CHARSET_META = '<meta charset="utf-8">'
assert HTML.count(CHARSET_META) == 1

CHROME_ROLES = ("header", "metadata", "byline", "footer")
"""Block roles that come from the website around the notice, not from the notice itself."""

LETTER_META = ("title", "issuer", "addressees", "signed_date")
"""Metadata the notice's own text carries (its title line and cover letter)."""


# --- generators --------------------------------------------------------------------------


def declare(page: str, charset: str | None) -> str:
    """The page with its charset declaration replaced (or removed, for None)."""
    meta = "" if charset is None else f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    return page.replace(CHARSET_META, meta)


def xhtml(page: str, encoding: str = "utf-8") -> str:
    """The page as an XHTML 1.0 save: an XML declaration (naming `encoding`) and the XHTML doctype."""
    prolog = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
    )
    page = page.replace("<!DOCTYPE html>", prolog, 1)
    return page.replace('<html lang="zh-CN">', '<html xmlns="http://www.w3.org/1999/xhtml" lang="zh-CN">', 1)


def encoded(text: str, encoding: str) -> bytes:
    """`text` in `encoding`; characters the charset lacks become character references, as browsers save them."""
    return text.encode(encoding, "xmlcharrefreplace")


def visible_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def one_cell_page(text: str) -> str:
    """An old-CMS page: every paragraph of `text` in one table cell, separated by `<br>`."""
    body = "<br>\n".join(html.escape(line, quote=False) for line in visible_lines(text))
    return (
        "<html><head>\n"
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n'
        "<title>亳州市人民政府</title></head>\n"
        '<body><table width="100%" border="0"><tr><td class="bt_content">\n'
        f"{body}\n"
        "</td></tr></table></body></html>\n"
    )


_WIDE = str.maketrans({",": "，", ";": "；", "(": "（", ")": "）"})
_ASCII_COLON = re.compile(r"(?<!\d):|:(?!\d)")  # not in times such as 09:53, which stay ASCII on the site


def widen(text: str) -> str:
    """`text` with the live site's full-width punctuation: ，；（）and ：(except in times)."""
    return _ASCII_COLON.sub("：", text.translate(_WIDE))


_TEXT_NODE = re.compile(r">([^<]+)<")
_ENTITY = re.compile(r"(&#?\w+;)")


def widen_html(page: str) -> str:
    """The page with full-width punctuation in its text, markup and character references untouched."""

    def text_node(match: re.Match[str]) -> str:
        pieces = _ENTITY.split(match.group(1))
        return ">" + "".join(p if _ENTITY.fullmatch(p) else widen(p) for p in pieces) + "<"

    return _TEXT_NODE.sub(text_node, page)


def map_strings(function: Callable[[str], str], value: Any) -> Any:
    if isinstance(value, str):
        return function(value)
    if isinstance(value, dict):
        return {key: map_strings(function, item) for key, item in value.items()}
    if isinstance(value, list):
        return [map_strings(function, item) for item in value]
    return value


def without_notes(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: without_notes(item) for key, item in value.items() if key != "note"}
    if isinstance(value, list):
        return [without_notes(item) for item in value]
    return value


def notes(value: Any) -> list[str]:
    if isinstance(value, dict):
        own = [value["note"]] if value.get("note") else []
        return own + [n for v in value.values() for n in notes(v)]
    if isinstance(value, list):
        return [n for v in value for n in notes(v)]
    return []


def notice_lines(notice: Notice) -> list[tuple[str, str]]:
    """(role, line) for each line of the notice itself, site chrome left out, in page order."""
    roles = {}
    for role, (start, _) in notice.parts():
        roles[notice.text.rfind("\n", 0, start) + 1] = role
    out = []
    offset = 0
    for raw in notice.text.split("\n"):
        if raw.strip() and roles[offset] not in CHROME_ROLES:
            out.append((roles[offset], raw.strip()))
        offset += len(raw) + 1
    return out


_MEASURE_NUMBER = re.compile(r"^(\d+\.)(.*)$")
_CRLF = "\r\n"


def word_runs(text: str) -> str:
    """`text` as Word writes it: runs of spans that split words anywhere."""
    out, start, width = [], 0, 3
    while start < len(text):
        chunk = html.escape(text[start : start + width], quote=False)
        out.append(f"<span lang=EN-US>{chunk}</span>" if width % 2 else chunk)
        start += width
        width = 3 + (width + 2) % 7
    return "<span style='font-family:仿宋_GB2312'>" + "".join(out) + "</span>"


def word_paragraph(role: str, line: str) -> str:
    if role in ("plan", "category", "title"):
        return (
            f"<p class=MsoNormal align=center style='text-align:center'><b>{word_runs(line)}</b>"
            f"<b><span{_CRLF}lang=EN-US><o:p></o:p></span></b></p>"
        )
    number = _MEASURE_NUMBER.match(line) if role == "measure" else None
    if number:
        return (
            f"<p class=MsoListParagraph style='margin-left:0cm;text-indent:32.0pt;{_CRLF}mso-list:l0 level1 lfo1'>"
            "<![if !supportLists]><span lang=EN-US style='font-family:仿宋_GB2312'>"
            f"<span style='mso-list:Ignore'>{number.group(1)}</span></span><![endif]>"
            f"{word_runs(number.group(2))}<o:p></o:p></p>"
        )
    return f"<p class=MsoNormal style='text-indent:32.0pt'>{word_runs(line)}<o:p></o:p></p>"


def word_page(notice: Notice) -> str:
    """The notice pasted into Word and saved as a web page (gb2312, CRLF, Office markup)."""
    paragraphs = [word_paragraph(role, line) for role, line in notice_lines(notice)]
    empty = "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
    image = (
        '<p class=MsoNormal><![if !vml]><img width=1 height=1 src="image001.png" v:shapes="_x0000_i1025"><![endif]></p>'
    )
    head = (
        '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"',
        'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">',
        "<head>",
        '<meta http-equiv=Content-Type content="text/html; charset=gb2312">',
        "<meta name=ProgId content=Word.Document>",
        '<meta name=Generator content="Microsoft Word 15">',
        "<!--[if gte mso 9]><xml>",
        " <o:DocumentProperties><o:Author>文印室</o:Author><o:Pages>12</o:Pages></o:DocumentProperties>",
        "</xml><![endif]-->",
        "<style>",
        "<!--",
        " p.MsoNormal, li.MsoNormal {margin:0cm; text-align:justify; font-size:10.5pt;}",
        "-->",
        "</style>",
        "<!--[if gte mso 10]><style>table.MsoNormalTable {mso-style-name:普通表格;}</style><![endif]-->",
        "</head>",
        "<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>",
        "<div class=WordSection1 style='layout-grid:15.6pt'>",
    )
    body = [paragraphs[0], empty, *paragraphs[1:4], image, empty, *paragraphs[4:]]
    hidden = "<!--[if supportFields]><span lang=EN-US>PAGE 1</span><![endif]-->"
    return _CRLF.join([*head, *body, hidden, "</div>", "</body>", "</html>", ""])


# --- the variants --------------------------------------------------------------------------

Kind = Literal["same document", "same lines", "full-width", "no chrome"]


@dataclass(frozen=True)
class Variant:
    name: str
    build: Callable[[Notice], bytes]
    base: Literal["html", "txt"]
    kind: Kind
    source: tuple[str, str, str, str]  # media type, encoding, rule, newlines


VARIANTS = [
    Variant(
        "the text capture", lambda _: TXT.encode("utf-8"), "html", "same lines", ("text/plain", "utf-8", "utf-8", "lf")
    ),
    Variant(
        "gb2312 declared, GBK bytes, <br> in one <td>",
        lambda _: encoded(one_cell_page(TXT), "gbk"),
        "txt",
        "same lines",
        ("text/html", "gb18030", "declared", "lf"),
    ),
    Variant(
        "gb2312 declared, GB18030 bytes, <br> in one <td>",
        lambda _: encoded(one_cell_page(TXT), "gb18030"),
        "txt",
        "same lines",
        ("text/html", "gb18030", "declared", "lf"),
    ),
    Variant(
        "the page re-saved as GBK, declared gb2312",
        lambda _: encoded(declare(HTML, "gb2312"), "gbk"),
        "html",
        "same document",
        ("text/html", "gb18030", "declared", "lf"),
    ),
    Variant(
        "MS Word web page",
        lambda notice: encoded(word_page(notice), "gbk"),
        "html",
        "no chrome",
        ("text/html", "gb18030", "declared", "crlf"),
    ),
    Variant(
        "XHTML 1.0 with an XML declaration",
        lambda _: xhtml(HTML).encode("utf-8"),
        "html",
        "same document",
        ("text/html", "utf-8", "utf-8", "lf"),
    ),
    Variant(
        "XHTML 1.0, GBK bytes, gb2312 declared only in the XML declaration",
        lambda _: encoded(xhtml(declare(HTML, None), "gb2312"), "gbk"),
        "html",
        "same document",
        ("text/html", "gb18030", "declared", "lf"),
    ),
    Variant(
        "full-width punctuation, page",
        lambda _: widen_html(HTML).encode("utf-8"),
        "html",
        "full-width",
        ("text/html", "utf-8", "utf-8", "lf"),
    ),
    Variant(
        "full-width punctuation, text capture",
        lambda _: widen(TXT).encode("utf-8"),
        "txt",
        "full-width",
        ("text/plain", "utf-8", "utf-8", "lf"),
    ),
    Variant(
        "UTF-8 with BOM, page",
        lambda _: codecs.BOM_UTF8 + HTML.encode("utf-8"),
        "html",
        "same document",
        ("text/html", "utf-8-sig", "bom", "lf"),
    ),
    Variant(
        "UTF-8 with BOM, text capture",
        lambda _: codecs.BOM_UTF8 + TXT.encode("utf-8"),
        "txt",
        "same document",
        ("text/plain", "utf-8-sig", "bom", "lf"),
    ),
    Variant(
        "UTF-16 with BOM, declared utf-16",
        lambda _: declare(HTML, "utf-16").encode("utf-16"),
        "html",
        "same document",
        ("text/html", "utf-16", "bom", "lf"),
    ),
    Variant(
        "UTF-16 with BOM, still declaring utf-8",
        lambda _: HTML.encode("utf-16"),
        "html",
        "same document",
        ("text/html", "utf-16", "bom", "lf"),
    ),
    Variant(
        "UTF-16-LE without BOM",
        lambda _: HTML.encode("utf-16-le"),
        "html",
        "same document",
        ("text/html", "utf-16-le", "detected", "lf"),
    ),
    Variant(
        "UTF-16-BE without BOM",
        lambda _: HTML.encode("utf-16-be"),
        "html",
        "same document",
        ("text/html", "utf-16-be", "detected", "lf"),
    ),
    Variant(
        "Notepad 'Unicode': UTF-16-LE BOM and CRLF, text capture",
        lambda _: codecs.BOM_UTF16_LE + TXT.replace("\n", "\r\n").encode("utf-16-le"),
        "txt",
        "same document",
        ("text/plain", "utf-16", "bom", "crlf"),
    ),
    Variant(
        "CRLF line ends, page",
        lambda _: HTML.replace("\n", "\r\n").encode("utf-8"),
        "html",
        "same document",
        ("text/html", "utf-8", "utf-8", "crlf"),
    ),
    Variant(
        "CRLF line ends, text capture",
        lambda _: TXT.replace("\n", "\r\n").encode("utf-8"),
        "txt",
        "same document",
        ("text/plain", "utf-8", "utf-8", "crlf"),
    ),
    Variant(
        "no charset declaration, UTF-8",
        lambda _: declare(HTML, None).encode("utf-8"),
        "html",
        "same document",
        ("text/html", "utf-8", "utf-8", "lf"),
    ),
    Variant(
        "no charset declaration, GB18030",
        lambda _: declare(HTML, None).encode("gb18030"),
        "html",
        "same document",
        ("text/html", "gb18030", "detected", "lf"),
    ),
]


@pytest.fixture(scope="module", params=VARIANTS, ids=[v.name for v in VARIANTS])
def variant(request: pytest.FixtureRequest, html_notice: Notice, txt_notice: Notice) -> tuple[Variant, Notice, Notice]:
    """(the variant, the bundled save it was made from, the variant parsed)."""
    spec: Variant = request.param
    base = html_notice if spec.base == "html" else txt_notice
    return spec, base, bozhou_tasks.parse(spec.build(html_notice))


def test_the_variant_says_the_same(variant: tuple[Variant, Notice, Notice]) -> None:
    spec, base, parsed = variant
    if spec.kind == "same document":
        assert parsed.text == base.text
        assert parsed.model_dump(exclude={"source"}) == base.model_dump(exclude={"source"})
    elif spec.kind == "same lines":
        assert visible_lines(parsed.text) == visible_lines(base.text)
        assert content(parsed) == content(base)
        assert [(b.role, b.text) for b in parsed.blocks] == [(b.role, b.text) for b in base.blocks]
        assert [(f.key, f.label, f.value, f.block) for f in parsed.metadata] == [
            (f.key, f.label, f.value, f.block) for f in base.metadata
        ]
    elif spec.kind == "full-width":
        # Notes are English prose that quotes the source: their quotes widen, their prose doesn't,
        # so they are compared apart from the rest, which must be the base with its punctuation widened.
        assert without_notes(content(parsed)) == map_strings(widen, without_notes(content(base)))
        assert len(notes(content(parsed))) == len(notes(content(base)))
        assert [(b.role, b.text) for b in parsed.blocks] == [(b.role, widen(b.text)) for b in base.blocks]
    else:
        expected = content(base)
        got = content(parsed)
        for key in ("plan", "categories", "items", "unparsed"):
            assert got[key] == expected[key], key
        meta = expected["notice"]
        assert isinstance(meta, dict)
        assert got["notice"] == {key: (value if key in LETTER_META else None) for key, value in meta.items()}
        assert parsed.metadata == []
        assert [(b.role, b.text) for b in parsed.blocks] == [
            (b.role, b.text) for b in base.blocks if b.role not in CHROME_ROLES
        ]


def test_the_variant_records_how_it_was_read(variant: tuple[Variant, Notice, Notice]) -> None:
    spec, _, parsed = variant
    source = parsed.source
    assert (source.media_type, source.encoding, source.encoding_rule, source.newlines) == spec.source


def test_the_variant_keeps_the_contracts(variant: tuple[Variant, Notice, Notice]) -> None:
    _, _, parsed = variant
    assert_lossless(parsed)
    assert_spans_slice(parsed)
    assert parsed.unparsed == []


def test_the_word_page_really_is_office_markup(html_notice: Notice) -> None:
    page = word_page(html_notice)
    for marker in ("class=MsoNormal", "<o:p>", "<!--[if gte mso 9]>", "<![if !supportLists]>", "<![endif]>", "\r\n"):
        assert marker in page
    assert word_runs("促进重点群体稳定就业") == (
        "<span style='font-family:仿宋_GB2312'><span lang=EN-US>促进重</span>点群体稳定就业</span>"
    )


def test_office_only_content_stays_hidden(html_notice: Notice) -> None:
    parsed = bozhou_tasks.parse(encoded(word_page(html_notice), "gbk"))
    for hidden in ("文印室", "普通表格", "PAGE 1", "mso", "[if", "endif"):
        assert hidden not in parsed.text


def test_full_width_pages_use_no_ascii_punctuation_in_the_plan() -> None:
    # guard the generator: the widened text must really be full-width where the plan is
    widened = widen(TXT)
    plan = widened[widened.index("亳州市2024年50项民生实事实施方案\n") :]
    assert not set(",;()") & set(plan.split("Copyright")[0])
    assert "（牵头单位：市人力资源社会保障局）" in plan
    assert "发布时间：2024-04-01 09:53" in widened
