"""Every pattern the segmenter uses, built from named fragments and kept together.

Conventions: patterns run on one line of text at a time (no DOTALL); they accept ASCII
and full-width punctuation alike (the text capture uses ASCII, the live site full-width);
`\\s` in these `str` patterns also matches no-break (`\\xa0`) and ideographic (`\\u3000`)
spaces. No pattern nests unbounded quantifiers, so each stays linear on long lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# --- fragments -------------------------------------------------------------------------

CN_NUMERAL = "[一二三四五六七八九十百零〇两]"
"""A Chinese numeral character, as used for category and item numbers."""

OPEN = "[((]"  # ASCII or full-width opening parenthesis
CLOSE = "[))]"  # ASCII or full-width closing parenthesis
COLON = "[::]"  # ASCII or full-width colon
ENUM_COMMA = "[、､]"  # ideographic enumeration comma (and its half-width form)
DOT = "[.．]"  # ASCII or full-width full stop used after measure numbers
COUNT_WORD = "[项項件]"  # 'item' as in 50项; 項 is the traditional form
LEAD_OPEN = "[((〔【]"  # a lead-unit parenthesis may also be a tortoise-shell or lenticular bracket
LEAD_CLOSE = "[))〕】]"
NOT_BRACKET = "[^()()〔〕【】]"  # anything but a bracket, so that a unit list never runs past its parenthesis

MEASURES_HEADINGS = (
    "推进措施",
    "推进举措",
    "工作措施",
    "主要措施",
    "具体措施",
    "保障措施",
    "工作举措",
    "主要举措",
    "具体举措",
)
"""Headings that introduce an item's numbered measures, most common first.

Source: the Bozhou 2024 notice (推进措施, and 推进举措 once) and the headings other Anhui
notices of the family use for the same block (工作措施, 主要措施, 具体措施, …举措).
"""

LEAD_LABELS = ("牵头责任单位", "牵头单位", "责任单位", "牵头部门", "责任部门")
"""Labels of the lead-unit parenthesis; the alternation is built longest first so it picks the whole label."""

SUPPORTING_LABELS = ("配合单位", "协办单位", "参与单位", "配合部门", "责任单位")
"""Labels of the supporting units after the lead units in one parenthesis, as in
〔牵头单位:市教育局;配合单位:市财政局〕. 责任单位 after a 牵头单位 names the units that carry
the work out (often the county governments): kept as supporting units with their label.
"""

CATEGORY_ENDINGS = ("方面",)
"""Words that end a category name written without a count, as in 一、就业创业方面."""

MARKER_STYLES = {
    "cn_comma": "一、",
    "cn_paren": "(一)",
    "digit_point": "1.",
    "digit_paren": "(1)",
    "digit_half_paren": "1)",
    "circled": "①",
}
"""Numbering styles (the `MARKER` group that matched → the style's name), in the outline
rank of Chinese official documents: 一、 above (一) above 1. above (1) above ①. A notice
gives each level one style; which level a style is depends on the notice (see `layout`).
"1." stands for "1、" and "1．" too: notices use them interchangeably for one level.
"""

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


# --- page structure --------------------------------------------------------------------

METADATA_LABEL = re.compile(
    rf"""(?P<label>{_alternation(METADATA_LABELS)})  # a known label
    \s*{COLON}                                      # then its colon
    """,
    re.VERBOSE,
)

NOTICE_TITLE = re.compile(
    r"""^(?:【[^】]{1,20}】)?      # optional CMS tag such as 【部门其他文件】
    (?P<issuer>[^【】]{2,60}?)?  # the issuing office (county sites often leave it out)
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

ADDRESSEES = re.compile(rf"^(?P<addressees>[^。;;]{{2,120}}){COLON}$")
"""The cover letter's first line: who it is sent to, ending in a colon."""

SIGNED_DATE = re.compile(r"^(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日$")

PLAN_TITLE = re.compile(
    rf"""^(?P<title>[^《》“”。,,]{{0,40}}?  # the place, e.g. 亳州市
    (?P<year>(?:19|20)\d{{2}})              # the year
    (?:\s*年度?\s*|(?=\d{{1,3}}\s*{COUNT_WORD}))  # 年; missing when HTML stripping glued the count on: 202530项
    (?:(?P<count>\d{{1,3}})\s*{COUNT_WORD}   # the declared count, e.g. 50项, 30 项, 30項, 10件
      |(?P<count_cn>{CN_NUMERAL}{{1,4}}){COUNT_WORD})?  # or in words, e.g. 十件
    [^《》“”。,,]{{0,30}}?                   # e.g. 民生实事
    (?:实施方案|工作方案|方案|清单|计划))$    # the kind of plan
    """,
    re.VERBOSE,
)

MARKER = re.compile(
    rf"""(?P<marker>
        {OPEN}\s{{0,2}}(?P<cn_paren>{CN_NUMERAL}{{1,4}})\s{{0,2}}{CLOSE}     # (一), (二十一)
      | (?P<cn_comma>{CN_NUMERAL}{{1,4}})\s{{0,2}}{ENUM_COMMA}              # 一、
      | {OPEN}\s{{0,2}}(?P<digit_paren>\d{{1,3}})\s{{0,2}}{CLOSE}           # (1)
      | (?P<digit_half_paren>\d{{1,3}})\s{{0,2}}{CLOSE}                     # 1)
      | (?P<digit_point>\d{{1,3}})\s{{0,2}}(?:{DOT}|{ENUM_COMMA})           # 1. 1、 1．
      | (?P<circled>[\u2460-\u2473])                                        # ① … ⑳
    )\s*""",
    re.VERBOSE,
)
"""The number that starts a category, item or measure; use with `.match(text, pos)`.

A line-start "2.7月31日前…" is marker 2 followed by a date (a notice never starts a
paragraph with a decimal), and "4.…不低于4.5%" is marker 4: only the start is a marker.
"""

CATEGORY = re.compile(
    rf"""(?P<name>[^()()〔〕【】::;;。,,]{{1,40}})  # 促进就业, 就业创业方面: no bracket or sentence punctuation
    (?:{OPEN}\s*(?P<count>\d{{1,3}})\s*{COUNT_WORD}?\s*{CLOSE})?  # (3项), (3 项), (3項), (3): the declared count
    \s*[::。]?\s*                                # a colon before items written on the same line
    """,
    re.VERBOSE,
)
"""A category heading after its marker (一、): the name, the declared count if any, and a
colon when the category's items follow on the same line. Use with `.match(text, marker_end)`;
what follows the match must be the end of the line or an item's marker.
"""

INLINE_BREAK = re.compile(r"[;;。::,,\s]\s{0,3}")
"""Where an item written on its category's line may start: after a separator."""

LEAD_UNITS = re.compile(
    rf"""{LEAD_OPEN}\s*
    (?P<label>{_alternation(LEAD_LABELS)})\s*{COLON}\s*   # 牵头单位:
    (?P<units>{NOT_BRACKET}{{1,200}}?)\s*                 # 市教育局、市残联
    (?:[;;,,。]?\s*                                      # ; before the supporting units, if any
       (?P<supporting_label>{_alternation(SUPPORTING_LABELS)})\s*{COLON}\s*  # 配合单位:
       (?P<supporting>{NOT_BRACKET}{{1,200}}?)\s*)?      # 市财政局
    {LEAD_CLOSE}""",
    re.VERBOSE,
)

LEAD_UNIT_SEPARATOR = re.compile(r"[、;;,,]")

MEASURES_HEADING = re.compile(rf"^(?P<heading>{_alternation(MEASURES_HEADINGS)})\s*{COLON}?$")

FOOTER = re.compile(
    r"Copyright|版权所有|ICP备|ICP证|主办单位|承办单位|网站标识码|公网安备|技术支持|网站地图|联系我们|关于我们"
)
"""Markers of a site footer; once one is seen after the plan, the rest of the page is footer."""

ATTACHMENT = re.compile(
    rf"""^附件\s{{0,2}}\d{{0,2}}\s{{0,2}}{COLON}?   # 附件, 附件1:
    [^。]{{0,80}}?(?:方案|清单|计划|\.(?:docx?|pdf|wps|xlsx?))  # the plan's name or its file
    """,
    re.VERBOSE | re.IGNORECASE,
)
"""A line naming an attachment that holds the plan (附件:亳州市2025年民生实事实施方案.docx)."""

INTERPRETATION = re.compile(r"^[^|>»。]{0,60}(?:解读|答记者问|一图读懂|图解)[^|>»。]{0,20}$")
"""A page title that says the page explains a policy (政策解读) rather than being it;
menus (|) and breadcrumbs (>) that merely link to such pages are not titles."""

# --- anomalies ---------------------------------------------------------------------------

SPAM = re.compile(
    r"""(?:[A-Za-z][A-Za-z0-9]{1,15})?          # a brand in Latin letters, e.g. betway
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
