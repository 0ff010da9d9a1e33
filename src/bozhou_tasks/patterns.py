"""Every pattern the segmenter uses, built from named fragments and kept together.

Conventions: patterns run on one line of text at a time (no DOTALL); they accept ASCII
and full-width punctuation alike (the text capture uses ASCII, the live site full-width);
`\\s` in these `str` patterns also matches no-break (`\\xa0`) and ideographic (`\\u3000`)
spaces. No pattern nests unbounded quantifiers, white space before a token that cannot be
white space is possessive (`\\s*+`), and free text that must not end in white space is
matched by `_trimmed`, so no pattern rescans a long run: each stays linear on long lines
(tests/test_broken_inputs.py holds every compiled pattern to that).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# --- fragments -------------------------------------------------------------------------

CN_NUMERAL = "[一二三四五六七八九十百零〇两]"
"""A Chinese numeral character, as used for category and item numbers."""

OPEN = "[(（]"  # ASCII or full-width opening parenthesis
CLOSE = "[)）]"  # ASCII or full-width closing parenthesis
PARENS = "()（）"  # both kinds, as a class body: names and unit lists stop at any of them
COLON = "[:：]"  # ASCII or full-width colon
ENUM_COMMA = "[、､]"  # ideographic enumeration comma (and its half-width form)
DOT = "[.．]"  # ASCII or full-width full stop used after measure numbers
COUNT_WORD = "[项項件]"  # 'item' as in 50项; 項 is the traditional form

MEASURES_HEADINGS = ("推进措施", "推进举措", "工作措施", "主要措施", "具体措施", "保障措施")
"""Headings that introduce an item's numbered measures, most common first."""

LEAD_LABELS = ("牵头责任单位", "牵头单位", "责任单位")
"""Labels of the lead-unit parenthesis; longest first so the alternation picks the whole label."""

METADATA_LABELS = {
    "索引号": "index_no",
    "组配分类": "classification",
    "发布机构": "publisher",
    "主题分类": "topics",
    "有效性": "validity",
    "关键词": "keywords",
    "名称": "title",
    "文号": "doc_number",
    "发文日期": "issued_date",
    "成文日期": "issued_date",
    "发布日期": "published_date",
    "咨询机构": "inquiry_unit",
    "咨询电话": "inquiry_phone",
}
"""Labels of the government-site metadata block (政府信息公开 table) and our field names."""


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first so that the longest match wins."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _trimmed(excluded: str, most: int) -> str:
    """Up to `most` non-space characters other than `excluded`, with any white space between them.

    The match starts and ends with a non-space character. Written as `[^x\\s]{1,n}?\\s*`, a
    lazy run followed by a greedy one, the engine would rescan a long white-space run once
    per character it tries, which is quadratic; here each run is crossed once (possessive).
    """
    char = rf"[^{excluded}\s]"
    return rf"{char}(?:\s*+{char}){{0,{most - 1}}}"


# --- page structure --------------------------------------------------------------------

METADATA_LABEL = re.compile(
    rf"""(?P<label>{_alternation(METADATA_LABELS)})  # a known label
    \s*{COLON}                                      # then its colon
    """,
    re.VERBOSE,
)

NOTICE_TITLE = re.compile(
    r"""^(?:【[^】]{1,20}】)?      # optional CMS tag such as 【部门其他文件】
    (?P<issuer>[^【】]{2,60}?)   # the issuing office
    关于印发                     # 'on issuing'
    .{2,120}                     # what is issued
    的?通知$                     # 'notice'
    """,
    re.VERBOSE,
)

BYLINE_PUBLISHED = re.compile(
    rf"发布时间{COLON}\s*(?P<time>\d{{4}}-\d{{1,2}}-\d{{1,2}}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?)"
)
BYLINE_SOURCE = re.compile(rf"信息来源{COLON}\s*(?P<source>[^\s]{{1,40}})")
BYLINE = re.compile(rf"^(?:发布时间|信息来源|来源|浏览次数|字体){COLON}")

ADDRESSEES = re.compile(rf"^(?P<addressees>[^。;；]{{2,120}}){COLON}$")
"""The cover letter's first line: who it is sent to, ending in a colon."""

SIGNED_DATE = re.compile(r"^(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日$")

PLAN_TITLE = re.compile(
    rf"""^(?P<title>[^《》“”。,，]{{0,40}}?  # the place, e.g. 亳州市
    (?P<year>(?:19|20)\d{{2}})\s*+年度?\s*+  # the year
    (?:(?P<count>\d{{1,3}})\s*+{COUNT_WORD})? # the declared count, e.g. 50项
    [^《》“”。,，]{{0,30}}?                   # e.g. 民生实事
    (?:实施方案|工作方案|方案|清单|计划))$    # the kind of plan
    """,
    re.VERBOSE,
)

CATEGORY = re.compile(
    rf"""^(?P<numeral>{CN_NUMERAL}{{1,3}})\s*+{ENUM_COMMA}\s*+  # 一、
    (?P<name>{_trimmed(PARENS, 40)})\s*+                        # 促进就业
    {OPEN}\s*+(?P<count>\d{{1,3}})\s*+{COUNT_WORD}\s*+{CLOSE}  # (3项)
    $""",
    re.VERBOSE,
)

ITEM = re.compile(rf"^{OPEN}(?P<numeral>{CN_NUMERAL}{{1,4}}){CLOSE}\s*(?P<rest>.*)$")
"""An item headline: (一)…, (二十一)…"""

LEAD_UNITS = re.compile(
    rf"""{OPEN}\s*+
    (?P<label>{_alternation(LEAD_LABELS)})\s*+{COLON}\s*+  # 牵头单位:
    (?P<units>{_trimmed(PARENS, 200)})\s*+                # 市教育局、市残联
    {CLOSE}""",
    re.VERBOSE,
)

LEAD_UNIT_SEPARATOR = re.compile(r"[、;；]")

MEASURES_HEADING = re.compile(rf"^(?P<heading>{_alternation(MEASURES_HEADINGS)})\s*{COLON}?$")

MEASURE = re.compile(
    rf"""^(?P<marker>(?P<number>\d{{1,3}})\s*(?:{DOT}|{ENUM_COMMA}))  # 1. or 1、
    \s*(?P<body>.*)$""",
    re.VERBOSE,
)

FOOTER = re.compile(
    r"Copyright|版权所有|ICP备|ICP证|主办单位|承办单位|网站标识码|公网安备|技术支持|网站地图|联系我们|关于我们"
)
"""Markers of a site footer; once one is seen after the plan, the rest of the page is footer."""

# --- anomalies ---------------------------------------------------------------------------

SPAM = re.compile(
    r"""(?:[A-Za-z][A-Za-z0-9]{1,15}+)?         # a brand in Latin letters, e.g. betway (possessive:
                                           # not retried shorter at every letter of a long word)
    (?:必威|博彩|赌场|百家乐|娱乐城|老虎机|   # gambling words that a notice never uses;
       真人视讯|体育投注|威尼斯人|葡京|       # not 彩票 or 棋牌: 体育彩票公益金 and
       bet365|betway)                         # 棋牌室 are legitimate in notices
    (?:体育|官网|平台|app|APP|下载|登录|入口|注册|是什么|首页|网址){0,4}  # the usual tail
    """,
    re.VERBOSE | re.IGNORECASE,
)
"""Gambling advertising that hacked mirrors inject into government pages.

Source: terms seen injected into Chinese government sites (the Bozhou page carries
'betway必威体育是什么' in item 31 and 'betway必威体育官网' in its footer).
"""
