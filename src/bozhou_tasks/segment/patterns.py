"""Every pattern the segmenter uses (page structure), built from named fragments and kept together.

Conventions: patterns run on one line of text at a time (no DOTALL); they accept ASCII
and full-width punctuation alike (the text capture uses ASCII, the live site full-width);
`\\s` in these `str` patterns also matches no-break (`\\xa0`) and ideographic (`\\u3000`)
spaces. No pattern nests unbounded quantifiers, white space before a token that cannot be
white space is possessive (`\\s*+`), and free text that must not end in white space is
matched by `_trimmed`, so no pattern rescans a long run: each stays linear on long lines
(tests/test_broken_inputs.py holds every compiled pattern to that).

The quantity grammar, which extraction reads, is in `extract/patterns.py`; it builds on the
fragments here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# --- fragments -------------------------------------------------------------------------

EDGE_SPACE = " \t\xa0\u3000\u2002\u2003\u200b\ufeff"
"""White space stripped from the edges of a line or a quoted piece."""

CN_NUMERAL = "[一二三四五六七八九十百零〇两]"
"""A Chinese numeral character, as used for category and item numbers."""

OPEN = "[(（]"  # ASCII or full-width opening parenthesis
CLOSE = "[)）]"  # ASCII or full-width closing parenthesis
PARENS = "()（）"  # both kinds, as a class body: names and unit lists stop at any of them
COLON = "[:：]"  # ASCII or full-width colon
ENUM_COMMA = "[、､]"  # ideographic enumeration comma (and its half-width form)
DOT = "[.．]"  # ASCII or full-width full stop used after measure numbers
COUNT_WORD = "[项項件]"  # 'item' as in 50项; 項 is the traditional form
LEAD_OPEN = "[(\uff08〔【]"  # a lead-unit parenthesis may also be a tortoise-shell or lenticular bracket
LEAD_CLOSE = "[)\uff09〕】]"
NOT_BRACKET = "[^()\uff08\uff09〔〕【】]"  # anything but a bracket, so that a unit list never runs past its parenthesis

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

LEAD_LABELS = ("牵头责任单位", "牵头单位", "责任单位", "牵头部门", "责任部门", "主管部门", "主责单位")
"""Labels of the lead-unit parenthesis; the alternation is built longest first so it picks the whole label."""

SUPPORTING_LABELS = ("协同责任单位", "协同单位", "配合单位", "协办单位", "参与单位", "配合部门", "责任单位")
"""Labels of the supporting units after the lead units in one parenthesis, as in
〔牵头单位:市教育局;配合单位:市财政局〕 or (牵头责任单位:市人社局;协同责任单位:市财政局).
责任单位 after a 牵头单位 names the units that carry
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


def escape_word(word: str) -> str:
    """`re.escape(word)`, with its parentheses matching either width: 每县(区) also matches 每县（区）."""
    return re.escape(word).replace(r"\(", "[(\uff08]").replace(r"\)", "[)\uff09]")


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first so that the longest match wins."""
    return "|".join(escape_word(word) for word in sorted(words, key=len, reverse=True))


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

ADDRESSEES = re.compile(rf"^(?P<addressees>[^。;；]{{2,120}}){COLON}$")
"""The cover letter's first line: who it is sent to, ending in a colon."""

SIGNED_DATE = re.compile(r"^(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日$")

PLAN_KINDS = (
    "实施方案",
    "工作方案",
    "落实方案",
    "安排方案",
    "推进方案",
    "分解方案",
    "推进措施",
    "推进举措",
    "实施意见",
    "工作目标",
    "责任分解表",
    "分解表",
    "责任分工表",
    "分工表",
    "任务分工",
    "工作安排",
    "项目安排",
    "清单",
    "计划",
    "方案",
    "项目",
    "民生实事",  # 2024年池州市民生实事, 2024年十件民生实事: the list itself
    "民生實事",
    "为民办实事",
    "為民辦實事",
)
"""The words a plan's title ends with: 实施方案, 工作方案, 落实方案, …, a list: 清单, 项目, 分解表, or
the livelihood projects themselves (2024年池州市民生实事)."""

_DECLARED_COUNT = rf"""(?:(?P<count>\d{{1,3}}(?:\s*\+\s*\d{{1,2}})?)\s*{COUNT_WORD}   # 50项, 50+1项, 10件
      |(?P<count_cn>{CN_NUMERAL}{{1,4}})(?:{COUNT_WORD}|大))"""  # 十件, 十大
"""A plan's declared number of items: 50项, 30 项, 50+1项 (50 and one more), 十件, 十大."""

PLAN_TITLE = re.compile(
    rf"""^(?:附件\s{{0,2}}\d{{0,2}}\s{{0,2}}{COLON}?\s*)?   # 附件: before the title of an attached plan
    (?:【[^】]{{1,20}}】)?                             # a CMS tag such as 【保基本民生】
    (?P<title>[^《》“”。,\uff0c:\uff1a]{{0,40}}?  # the place, e.g. 亳州市
    (?P<year>(?:19|20)\d{{2}})              # the year
    (?:\s*年度?\s*|(?=\d{{1,3}}\s*{COUNT_WORD}))  # 年; missing when HTML stripping glued the count on: 202530项
    {_DECLARED_COUNT}?
    [^《》“”。,\uff0c:\uff1a]{{0,30}}?                   # e.g. 民生实事
    (?:{_alternation(PLAN_KINDS)}))$    # the kind of plan
    """,
    re.VERBOSE,
)
"""A plan's own title on a line of its own: 亳州市2024年50项民生实事实施方案, 2023年商丘市重点民生实事
工作方案, 宜昌市落实湖北省2024年十大民生项目工作方案, 附件: 大埔縣2023年十件民生實事候選項目."""

PLAN_NOTICE_TITLE = re.compile(
    rf"""^(?:【[^】]{{1,20}}】)?
    (?P<issuer>[^【】《》]{{2,60}}?)关于\s*       # the issuing office
    (?P<title>(?P<year>(?:19|20)\d{{2}})\s*年度?[^《》。]{{0,12}}?{_DECLARED_COUNT}[^《》。]{{0,24}}?)
    的?通知$                                  # …关于2024年实施50项民生实事的通知
    """,
    re.VERBOSE,
)
"""A notice that is the plan itself: 宿州市民生工作领导小组办公室关于2024年实施50项民生实事的通知."""

DECLARED_SENTENCE = re.compile(
    rf"""(?P<year>(?:19|20)\d{{2}})\s*年度?           # 2024年
    [^。;\uff1b!\uff01?\uff1f《》]{{0,12}}?               # 我县实施, 全共有, 十个方面
    {_DECLARED_COUNT}
    [^。;\uff1b《》]{{0,8}}?(?:民生实事|为民实事|民生工程|民生项目|实事)  # 民生实事, 重点民生实事项目
    """,
    re.VERBOSE,
)
"""A sentence that declares the year and count of the plan: 2024年我县实施50项民生实事,
2023年全共有10件重点民生实事项目, 现将2025年十个方面30项为民实事实施方案予以印发."""

PINYIN_RESIDUE = re.compile(
    r"(?<=[\u4e00-\u9fff])\((?=[a-zü]{0,6}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}\)"
)
"""Pinyin that a mirror site inserted after a character: 就業(yè), 部門(mén), 萬(wàn). Only syllables
with a tone mark: (a) or (de) in a text may be real."""

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
    # 促进就业, 就业创业方面: no bracket or sentence punctuation
    rf"""(?P<name>[^()\uff08\uff09〔〕【】:\uff1a;\uff1b。,\uff0c]{{1,40}})
    (?:{OPEN}\s*(?P<count>\d{{1,3}})\s*{COUNT_WORD}?\s*(?:{CLOSE}|$))?  # (3项), (3 项), (3項), (3), (5 cut short
    \s*[:\uff1a。]?\s*                                # a colon before items written on the same line
    """,
    re.VERBOSE,
)
"""A category heading after its marker (一、): the name, the declared count if any, and a
colon when the category's items follow on the same line. Use with `.match(text, marker_end)`;
what follows the match must be the end of the line or an item's marker.
"""

DATED_TEXT = re.compile(
    r"""\d{1,2}\s{0,2}月  # 7月底前, 12月31日前: a month; a decimal is never followed by 月 (2.7个月 is)
      | \d{4}\s{0,2}年   # 2025年底前: a year; 2.2025 is no figure either
    """,
    re.VERBOSE,
)
"""Item text that starts with a date, right after its number: the 7月 of 2.7月底前完成…, which a
decimal reading (2.7) cannot explain. Use with `.match(text, marker_end)`."""

STRONG_BREAK = re.compile(r"[。;\uff1b)\uff09]\s{0,3}")
"""Where a numbered piece may start inside a line for the layout to see it: after 。 ; or )."""

INLINE_BREAK = re.compile(r"[;\uff1b。:\uff1a,\uff0c\s]\s{0,3}")
"""Where an item written on its category's line may start: after a separator."""

_SUPPORTING_START = rf"[;\uff1b,\uff0c。]?\s{{0,3}}(?:{_alternation(SUPPORTING_LABELS)})"
"""Where the supporting units begin inside a lead-unit parenthesis: ;配合单位"""

OTHER_LABELS = (
    *("完成时限", "完成时间", "完成期限", "时间节点", "时间要求"),
    *("牵头领导", "牵头市领导", "责任领导", "分管领导", "督办领导", "责任人", "联系人", "联系电话"),
)
"""Labels that may follow the units inside a lead-unit form, (牵头单位:市人社局;完成时限:2025年12月底):
they end the list of units, and what they label is no unit (kept in the item's text, in no field)."""

_OTHER_START = rf"[;\uff1b,\uff0c。]?\s{{0,3}}(?:{_alternation(OTHER_LABELS)})\s{{0,3}}{COLON}"
_OTHER = rf"(?:[;\uff1b,\uff0c。]?\s*+(?:{_alternation(OTHER_LABELS)})\s*+{COLON}"
"""The rest of a lead-unit form after its units: ;完成时限:… (closed by `_OTHER_END` of each form)."""

_NESTED = rf"{OPEN}(?![一二三四五六七八九十0-9]{{1,4}}{CLOSE})[^()\uff08\uff09〔〕【】\s]{{1,8}}{CLOSE}"
"""A short parenthesis inside a unit's name: 各县(市)区, 高新园(邹区镇); never an item marker like (二)."""

_UNIT_CHAR = rf"(?:(?!{_SUPPORTING_START}|{_OTHER_START})[^()\uff08\uff09〔〕【】\s]|{_NESTED})"
"""A character of the lead units (or a short parenthesis in a name): no bracket, no space, and not
the start of the supporting units."""

_SUPPORTING_CHAR = rf"(?:(?!{_OTHER_START})[^()\uff08\uff09〔〕【】\s]|{_NESTED})"

LEAD_UNITS = re.compile(
    rf"""{LEAD_OPEN}\s*+
    (?P<label>{_alternation(LEAD_LABELS)})\s*+{COLON}\s*+      # 牵头单位:
    (?P<units>{_UNIT_CHAR}(?:\s*+{_UNIT_CHAR}){{0,199}})\s*+   # 市教育局、市残联 (each space run crossed once)
    (?:[;\uff1b,\uff0c。]?\s*+                               # ; before the supporting units, if any
       (?P<supporting_label>{_alternation(SUPPORTING_LABELS)})\s*+{COLON}\s*+  # 配合单位:
       (?P<supporting>{_SUPPORTING_CHAR}(?:\s*+{_SUPPORTING_CHAR}){{0,199}})\s*+)?  # 市财政局, 各县(市)区
    {_OTHER}{NOT_BRACKET}{{0,80}})?                         # ;完成时限:2025年12月底 (no unit)
    (?:{LEAD_CLOSE}|$)                                      # closed, or left open at the end of the item
    """,
    re.VERBOSE,
)
"""The labelled lead-unit parenthesis: (牵头单位:市人社局), 〔牵头单位:X;配合单位:Y〕, and one the page
left unclosed at the end of its item: (牽頭單位:縣人力資源和社會保障局."""

ORGANISATION_ENDINGS = (
    "局",
    "委员会",
    "委",
    "办公室",
    "办",
    "院",
    "厅",
    "中心",
    "政府",
    "公司",
    "集团",
    "工会",
    "妇联",
    "残联",
    "团委",
    "联合会",
    "协会",
    "大队",
    "支队",
    "分局",
    "站",
    "馆",
    "部",
    "处",
    "署",
    "社",
    "会",
)
"""How the name of an office ends (市人社局, 市卫健委, 团区委, 区红十字会): a bare parenthesis
is a list of lead units only when every name in it ends so."""

_ORGANISATION = rf"[\u4e00-\u9fff]{{1,20}}?(?:{_alternation(ORGANISATION_ENDINGS)})"

LEAD_BARE = re.compile(
    rf"""{OPEN}
    (?P<units>{_ORGANISATION}(?:[、,\uff0c]{_ORGANISATION}){{0,11}})  # 市人社局、市财政局
    {CLOSE}""",
    re.VERBOSE,
)
"""Lead units in a parenthesis without a label, at the end of an item: (市人社局、市财政局)."""

LEAD_AFTER = re.compile(
    rf"""{OPEN}
    (?P<units>{_ORGANISATION}(?:[、,\uff0c]{_ORGANISATION}){{0,11}})  # 县教育局
    (?P<label>牵头|负责)                                          # 牵头 (or 负责) after the unit
    (?:[,\uff0c;\uff1b](?P<supporting>{_ORGANISATION}(?:[、,\uff0c]{_ORGANISATION}){{0,11}})
       (?P<supporting_label>配合|协同|参与|负责|落实))?           # ,市财政局配合; ,各县区政府负责
    {CLOSE}""",
    re.VERBOSE,
)
"""The lead units named before 牵头 inside a parenthesis: (县教育局牵头), (市人社局牵头,市财政局配合),
(市人社局负责), (市住建局牵头,各县区政府负责)."""

_LINE_UNIT_CHAR = rf"(?:(?!{_SUPPORTING_START}|{_OTHER_START})[^()\uff08\uff09〔〕【】\s。]|{_NESTED})"
_LINE_SUPPORTING_CHAR = rf"(?:(?!{_OTHER_START})[^()\uff08\uff09〔〕【】\s。]|{_NESTED})"

LEAD_LINE = re.compile(
    rf"""(?:^|(?<=[\s。;\uff1b]))                                   # a line's start, or a sentence's end
    (?P<label>{_alternation(LEAD_LABELS)})\s*+{COLON}\s*+           # 牵头单位:
    (?P<units>{_LINE_UNIT_CHAR}(?:\s*+{_LINE_UNIT_CHAR}){{0,199}})\s*+
    (?:[;\uff1b,\uff0c。]?\s*+
       (?P<supporting_label>{_alternation(SUPPORTING_LABELS)})\s*+{COLON}\s*+
       (?P<supporting>{_LINE_SUPPORTING_CHAR}(?:\s*+{_LINE_SUPPORTING_CHAR}){{0,199}})\s*+)?
    {_OTHER}[^\n]{{0,80}}?)?                                 # 。完成时限:2025年9月底 (no unit)
    [。;\uff1b]?\s*+$""",
    re.VERBOSE,
)
"""Lead units without a parenthesis at the end of an item: on a line of their own under it
(牵头单位:市人力资源社会保障局), or after its last sentence (…补贴。牵头单位:X;配合单位:Y。)."""

SUPPORTING_LINE = re.compile(
    rf"""(?P<supporting_label>{_alternation(SUPPORTING_LABELS)})\s*+{COLON}\s*+  # 配合单位:
    (?P<supporting>{_LINE_SUPPORTING_CHAR}(?:\s*+{_LINE_SUPPORTING_CHAR}){{0,199}})\s*+
    [。;\uff1b]?\s*+""",
    re.VERBOSE,
)
"""A line of supporting units alone (配合单位:市教育局、市财政局), under the line of an item's lead
units (牵头单位:市人社局): the item's supporting units. Matched whole (`fullmatch`)."""

LEAD_UNITS_AT_END = re.compile(
    rf"(?:{_alternation(LEAD_LABELS)})\s*+{COLON}[^()\uff08\uff09〔〕【】]{{1,200}}{LEAD_CLOSE}$|牵头{CLOSE}$"
)
"""A lead-unit parenthesis that closes at the end of the text: what an item ends with."""

LEAD_UNIT_SEPARATOR = re.compile(r"[、;\uff1b,\uff0c]")

SECTION_HEADINGS = (
    "总体要求",
    "指导思想",
    "基本原则",
    "主要目标",
    "工作目标",
    "年度目标",
    "目标任务",
    "主要任务",
    "工作任务",
    "重点任务",
    "考核指标",
    "保障措施",
    "工作要求",
    "组织保障",
    "组织领导",
    "实施步骤",
    "工作安排",
)
"""Headings of a document's sections around the list (一、总体要求, 二、主要任务): never categories."""

SECTION_HEADING = re.compile(rf"(?:{_alternation(SECTION_HEADINGS)})\s*+{COLON}?")

MEASURES_HEADING = re.compile(rf"^(?P<heading>{_alternation(MEASURES_HEADINGS)})\s*{COLON}?$")

MEASURES_HEADING_INLINE = re.compile(rf"(?:{_alternation(MEASURES_HEADINGS)})\s{{0,2}}{COLON}")
"""A measures heading inside a line whose items and measures run together: 推进措施:"""

MEASURES_HEADING_START = re.compile(rf"(?:{_alternation(MEASURES_HEADINGS)})\s{{0,2}}(?:{COLON}|$)")
"""A line that starts with a measures heading, alone (推进措施:) or with its first measure (推进措施:1.…)."""

COUNT_LINE = re.compile(rf"{OPEN}\s*\d{{1,3}}\s*{COUNT_WORD}?\s*{CLOSE}")
"""A category's count on a line of its own, the rest of a heading that wrapped: 一、促进就业 / (2项)."""

PAGE_CHROME = re.compile(
    r"""(?:[-—\u2013\uff0d]\s{0,2})?\d{1,3}(?:\s{0,2}[-—\u2013\uff0d])?  # — 2 —, - 3 -, 4: a page number
    |第\s{0,2}\d{1,3}\s{0,2}页(?:\s{0,2}[,，/]?\s{0,2}共\s{0,2}\d{1,3}\s{0,2}页)?  # 第2页 共5页
    |\d{1,3}\s{0,2}/\s{0,2}\d{1,3}                              # 2/5
    """,
    re.VERBOSE,
)
"""A printed page's number on a line of its own, as PDF text keeps it between the lines of an item."""

DOC_NUMBER_LINE = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[\uff3b(（]\d{4}[〕\]\uff3d)）]\s{0,2}\d{1,4}\s{0,2}号")
"""A document number on a line of its own (皖民生办〔2024〕2号), as a printed page's header repeats it."""

FOOTER = re.compile(
    r"""Copyright|版权所有|ICP备|ICP证|主办单位|承办单位|网站标识码|公网安备|技术支持|网站地图|联系我们|关于我们
    |打印本页|打印此页|关闭本页|关闭窗口|【打印】|【关闭】  # the article's tool bar: print, close the window""",
    re.VERBOSE,
)
"""Markers of a site footer (and of the tool bar under an article); once one is seen after the
plan, the rest of the page is footer."""

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
    r"""(?=[a-z必博赌百娱老真体威葡])           # the first character of any match (case ignored; keep in sync
                                           # with the words below): without it the optional brand is tried
                                           # at every position, 3-4 times slower
    (?:[A-Za-z][A-Za-z0-9]{1,15}+)?         # a brand in Latin letters, e.g. betway (possessive:
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
