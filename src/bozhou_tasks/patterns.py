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
    "清单",
    "计划",
    "方案",
    "项目",
)
"""The words a plan's title ends with: 实施方案, 工作方案, 落实方案, …, or a list: 清单, 项目, 分解表."""

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

STRONG_BREAK = re.compile(r"[。;\uff1b)\uff09]\s{0,3}")
"""Where a numbered piece may start inside a line for the layout to see it: after 。 ; or )."""

INLINE_BREAK = re.compile(r"[;\uff1b。:\uff1a,\uff0c\s]\s{0,3}")
"""Where an item written on its category's line may start: after a separator."""

_SUPPORTING_START = rf"[;\uff1b,\uff0c。]?\s{{0,3}}(?:{_alternation(SUPPORTING_LABELS)})"
"""Where the supporting units begin inside a lead-unit parenthesis: ;配合单位"""

_NESTED = rf"{OPEN}(?![一二三四五六七八九十0-9]{{1,4}}{CLOSE})[^()\uff08\uff09〔〕【】\s]{{1,8}}{CLOSE}"
"""A short parenthesis inside a unit's name: 各县(市)区, 高新园(邹区镇); never an item marker like (二)."""

_UNIT_CHAR = rf"(?:(?!{_SUPPORTING_START})[^()\uff08\uff09〔〕【】\s]|{_NESTED})"
"""A character of the lead units (or a short parenthesis in a name): no bracket, no space, and not
the start of the supporting units."""

_SUPPORTING_CHAR = rf"(?:[^()\uff08\uff09〔〕【】\s]|{_NESTED})"

LEAD_UNITS = re.compile(
    rf"""{LEAD_OPEN}\s*+
    (?P<label>{_alternation(LEAD_LABELS)})\s*+{COLON}\s*+      # 牵头单位:
    (?P<units>{_UNIT_CHAR}(?:\s*+{_UNIT_CHAR}){{0,199}})\s*+   # 市教育局、市残联 (each space run crossed once)
    (?:[;\uff1b,\uff0c。]?\s*+                               # ; before the supporting units, if any
       (?P<supporting_label>{_alternation(SUPPORTING_LABELS)})\s*+{COLON}\s*+  # 配合单位:
       (?P<supporting>{_SUPPORTING_CHAR}(?:\s*+{_SUPPORTING_CHAR}){{0,199}})\s*+)?  # 市财政局, 各县(市)区
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
    (?P<label>牵头)                                               # 牵头 after the unit
    (?:[,\uff0c;\uff1b](?P<supporting>{_ORGANISATION}(?:[、,\uff0c]{_ORGANISATION}){{0,11}})
       (?P<supporting_label>配合|协同|参与))?                     # ,市财政局配合
    {CLOSE}""",
    re.VERBOSE,
)
"""The lead units named before 牵头 inside a parenthesis: (县教育局牵头), (市人社局牵头,市财政局配合)."""

LEAD_LINE = re.compile(
    rf"""(?:^|(?<=\s))
    (?P<label>{_alternation(LEAD_LABELS)})\s*+{COLON}\s*+           # 牵头单位: at the start of a line
    (?P<units>{_UNIT_CHAR}(?:\s*+{_UNIT_CHAR}){{0,199}})\s*+
    (?:[;\uff1b,\uff0c。]?\s*+
       (?P<supporting_label>{_alternation(SUPPORTING_LABELS)})\s*+{COLON}\s*+
       (?P<supporting>{_SUPPORTING_CHAR}(?:\s*+{_SUPPORTING_CHAR}){{0,199}})\s*+)?
    $""",
    re.VERBOSE,
)
"""Lead units on a line of their own under the item: 牵头单位:市人力资源社会保障局."""

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

# --- quantities, breakdowns and rates (used by `extract`) ---------------------------------
#
# These run on one headline or measure at a time. Every repetition is bounded, so a
# pattern stays linear however long the line; context around a match (qualifiers before
# it, the clause it sits in) is read by the extractors from bounded windows.

ARABIC = r"[0-9\uff10-\uff19]{1,12}(?:[.．][0-9\uff10-\uff19]{1,8})?"  # 3.5, 20350, 0.75; full-width digits too
CN_COUNT = "[一二两三四五六七八九十]{1,3}"  # 一场, 两个: counts in words (accepted after a qualifier only)
SPACE = r"[ \xa0\u3000]{0,3}"  # the page puts (no-break) spaces around numbers: "3.6\xa0亿元"
RANGE_DASH = "[—\u2013~\uff5e至]"  # 2—3个; not '-' (phone numbers) and not 到 (从X提高到Y)
SCALES = {"千万": 10_000_000, "百万": 1_000_000, "亿": 100_000_000, "万": 10_000, "千": 1_000}
"""Scale words written between a number and its unit (3.5万人, 3.6 亿元)."""

UNITS = (
    "人次",
    "个百分点",
    "个月",
    "套[(\uff08]间[)\uff09]",  # 套(间): flats or rooms, ASCII or full-width parentheses
    "公里",
    "千米",
    "平方米",
    "批次",
    "分钟",
    "人(?![口均])",  # not 人口, 人均
    "名(?![额单称])",  # not 名额, 名单, 名称
    "户(?!籍)",
    "个(?![体人性])",
    "家(?!庭)",
    "所(?!有)",
    "间",
    "套",
    "件",
    "米",
    "亩",
    "吨",
    "次",
    "场(?![所景地])",
    "张",
    "种",
    "处",
    "座",
    "条",
    "辆",
    "台",
    "床",
    "项",
    "天",
    "元",
    "%",
    "\uff05",
    "‰",
)
"""Units a count, length, share or amount is written in, longest first; each a regex.

Source: the units of the Bozhou 2024 notice plus their common neighbours in other
notices. Not units: 年/届/月 (dates), 岁 (ages describe who, not how many), 小时
(7x24小时 and 24小时供水 name a service level), KV (500KV names a power line).
"""

_BASE = r"(?:学年|季度|平方米|[\u4e00-\u9fff])"  # one basis word after a slash: 人, 月, 生, 学年
PER_SLASH = rf"[/\uff0f](?P<per>{_BASE}(?:[·・•]{_BASE}){{0,2}})"  # 元/人, 元/生·年, 元/月 (not 元/人标准)

SUFFIX_QUALIFIERS = {"左右": "approx", "上下": "approx", "以上": "at_least", "以下": "at_most", "以内": "at_most"}
"""Qualifier words written after a quantity (3.5万人左右, 1500个以上, 20万元以下)."""

PREFIX_QUALIFIERS = {
    "不少于": "at_least",
    "不低于": "at_least",
    "至少": "at_least",
    "最少": "at_least",
    "不超过": "at_most",
    "不高于": "at_most",
    "不多于": "at_most",
    "最多": "at_most",
    "约": "approx",
    "大约": "approx",
}
"""Qualifier words written before a quantity (不少于710人次, 约3万人)."""

ATTACHED_ONLY = frozenset({"约", "大约"})
"""Prefix words that count only right next to the number: 约谈 is not 'about'."""

ASPIRATION_WORDS = ("力争", "争取")
"""Words that make a figure an aim rather than a promise (力争我市60%以上…)."""

QUANTITY = re.compile(
    rf"""(?<![0-9\uff10-\uff19.．A-Za-z])                   # not the tail of a longer number or of a code (IPv6)
    (?<![0-9\uff10-\uff19][,\uff0c])                      # nor the thousands of 19,000 (read as nothing, not as 0)
    (?:(?P<number>{ARABIC})                          # 3.5, 20350
       (?:{RANGE_DASH}(?P<upper>{ARABIC}))?          # 2—3个: a range
     | (?P<numeral>{CN_COUNT}))                      # 一场 (kept only after a qualifier)
    {SPACE}(?P<scale>{_alternation(SCALES)})?        # 万, 亿: the scale
    (?P<about>[余多])?                               # 400余场: more than
    {SPACE}(?P<unit>{"|".join(UNITS)})               # 人, 人次, %, 元 …
    (?![A-Za-z])                                     # not 1个T, 500KV
    (?:{PER_SLASH})?                                 # 元/人: the basis after a slash
    (?P<suffix>{_alternation(SUFFIX_QUALIFIERS)})?   # 左右, 以上 …
    """,
    re.VERBOSE,
)
"""One quantity: number (or range, or counted word), scale, unit, basis, suffix qualifier."""

QUALIFIER_BEFORE = re.compile(
    rf"""(?P<word>{_alternation(PREFIX_QUALIFIERS)})  # 不少于, 至少 …
    # a few words may stand between: 至少建成1个
    (?P<gap>[^0-9\uff10-\uff19,\uff0c;\uff1b。:\uff1a、()\uff08\uff09“”《》]{{0,6}}?)
    (?P<each>各)?{SPACE}$                              # 至少各一张
    """,
    re.VERBOSE,
)
"""A qualifier word at the end of the text before a quantity (applied to a bounded window)."""

EACH_BEFORE = re.compile(rf"各{SPACE}$")  # 涡阳县、谯城区各1.9万人次: the figure is for each

PER_STOPS = ("补助", "补贴", "资助", "安排", "具备", "配套", "同级", "提供", "发放", "给予", "登记", "时长")
"""Words that end the noun of a basis (每人补助5000元, 每件案件同级财政配套…)."""

PER_PIECE = re.compile(
    rf"""每(?:个|件|名|位|户|所|家|台|场)?                 # 每, 每个, 每件 …
    (?P<noun>[\u4e00-\u9fff]{{1,8}}?                      # 人, 年, 新生儿, 普惠性托位
       (?:[(\uff08][\u4e00-\u9fff]{{1,4}}[)\uff09])?)            # 村(社区)
    (?=每|{_alternation(PREFIX_QUALIFIERS)}|{_alternation(PER_STOPS)}|[“"0-9\uff10-\uff19 \xa0\u3000]|$)
    """,
    re.VERBOSE,
)
"""One 每… of a basis; a basis is one or more in a row (每人每年, 每村每年, 每个新生儿)."""

AVERAGE_BEFORE = re.compile(r"(?P<noun>[人户生])均$")  # 人均49元: per person

TIME_BASES = ("学年", "季度", "年", "月", "周", "天", "日")
"""Time words of a basis; they go last in `per` (每年每院 → 院·年)."""

FROM_BEFORE = re.compile(rf"[从由]{SPACE}$")  # 从99.90%…: the first figure is a baseline
CHANGE_TO = re.compile(rf"^{SPACE}(?:提高|提升|增加|增长|降低|下降|减少|降)(?:到|至){SPACE}$")  # …提高到99.93%

RUN_JOINER = re.compile(rf"^{SPACE}[、和及与]{SPACE}$")
"""Text between two figures of one list (80%、75%、60%; 98%和95%以上): they share qualifiers."""

THRESHOLD_AFTER = re.compile(r"^(?:的|部分)")  # 3000元以上部分, 20万元以下的行政村: a selecting line
CAP_WORDS = re.compile(r"限额|封顶|最高|上限")  # 年度救助限额各5万元
THRESHOLD_WORDS = re.compile(r"起付线|起付标准|门槛")  # 起付线10000元

CLAUSE_BREAK = re.compile(r"[,\uff0c;\uff1b。:\uff1a!\uff01?\uff1f]")  # where a clause ends
SENTENCE_BREAK = re.compile(r"[。;\uff1b!\uff01?\uff1f]")  # where a sentence (or a list of groups) ends
SUBJECT_BREAK = re.compile(
    r"[,\uff0c;\uff1b。:\uff1a、()\uff08\uff09“”《》\"]|其中"
)  # where the words of a subject start
FOLLOWING_BREAK = re.compile(
    r"[,\uff0c;\uff1b。:\uff1a()\uff08\uff09“”《》\"]|其中"
)  # where the words after a figure end (、 lists stay)

NOT_QUANTITIES = {
    "quoted": r"[“\"「『][^“”\"「」『』\n]{1,40}[”\"」』]",  # “三公里”, “2+N”, “195”政策, “3个100%”
    "book-title": r"《[^《》\n]{1,80}》",  # titles of rules and plans
    # 国发〔2024〕3号, 皖残联〔2021〕47号 (tortoise-shell, square or round brackets around the year);
    # matched from the bracket on: the issuer's name before it holds no figure to exclude
    "document-number": r"[\u3014\[\uff3b(\uff08][0-9\uff10-\uff19]{4}[\u3015\]\uff3d)\uff09][0-9\uff10-\uff19]{1,4}号",
    "year": rf"(?<![0-9\uff10-\uff19.．])(?:19|20)[0-9]{{2}}{SPACE}(?:年(?:度|末|底|初)?|届|级)",  # 2024年, 2025届
    "date": (  # 4月底, 3月28日
        rf"(?<![0-9\uff10-\uff19.．])[0-9]{{1,2}}{SPACE}月(?:份|底|初|末|中旬|上旬|下旬|{SPACE}[0-9]{{1,2}}{SPACE}日)?"
    ),
    "iso-date": r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}",  # 2024-03-28
    "phone": r"(?<![0-9])(?:0[0-9]{2,3}-[0-9]{7,8}|1[3-9][0-9]{9})(?![0-9])",  # 0558-5555258
    "product": r"[0-9]{1,3}[\u00d7xX*][0-9]{1,3}",  # 7x24小时 (with a multiplication sign): a service level
    "ratio": r"(?<![0-9])[0-9]{1,3}[:\uff1a][0-9]{1,3}(?![0-9])",  # 按照1:1要求
    "ordinal": r"第[0-9\uff10-\uff19]{1,4}",  # 第1批
    "code": r"[A-Za-z]{1,10}[0-9]{1,10}|[0-9]{1,10}[A-Za-z]{1,10}",  # 500KV, IPv6
}
"""Spans that hold numbers which are not quantities: a quantity overlapping one is dropped.

Source: what the Bozhou 2024 notice writes near its numbers (years, deadlines, quoted
slogans and policy names, document numbers, the footer's phone number, 7x24小时, 1:1).
"""

NOT_QUANTITY = re.compile("|".join(f"(?P<{name.replace('-', '_')}>{rx})" for name, rx in NOT_QUANTITIES.items()))

LIST_OPENER = re.compile(rf"其中{SPACE}[,\uff0c:\uff1a]?{SPACE}")  # 其中涡阳县…, 。其中,谯城区…, (其中:市本级…
REST_BEFORE = re.compile(rf"其余{SPACE}$")  # 其余3.4万人次: the rest of a total
INCLUDES = re.compile(r"^[(\uff08]含(?P<included>[^()\uff08\uff09]{1,12})[)\uff09]")  # 谯城区(含亳州高新区)
LABEL_JOINER = "[、和及与]"  # 涡阳县、谯城区各1.9万人次

GAP_CONTINUE = re.compile(
    rf"^{SPACE}[,\uff0c、]{SPACE}(?P<verb>[^0-9\uff10-\uff19,\uff0c;\uff1b。、()\uff08\uff09“”]{{1,16}})$"
)
"""Between two figures of one county's group: ',改造城镇老旧小区' (item 38)."""

COMPONENT_GAP = re.compile(
    rf"^{SPACE}[,\uff0c、和及与]?{SPACE}(?P<label>[^0-9\uff10-\uff19,\uff0c;\uff1b。:\uff1a“”]{{1,24}}?){SPACE}$"
)
"""Between figures of a list of components: '、子女助学', ',村级集体经济支持 '."""

FIRST_COMPONENT_GAP = re.compile(
    rf"^[^0-9\uff10-\uff19。;\uff1b]{{0,12}}[,\uff0c、]{SPACE}(?P<label>[^0-9\uff10-\uff19,\uff0c;\uff1b。:\uff1a“”]{{1,24}}?){SPACE}$"
)
"""Between a total and its first component: '的启动资金,县级财政一次性补助 ' (item 18)."""

LEAD_VERBS = (
    "提供",
    "开展",
    "实施",
    "建立",
    "建成",
    "新增",
    "打造",
    "培育",
    "挂牌",
    "完成",
    "推进",
    "具备",
    "补助",
    "补贴",
    "资助",
    "为",
    "对",
)
"""Verbs that do not name what is counted: stripped from the front of a component label
(为困难职工提供生活救助 → 生活救助) and from the end of a subject (涡阳县建成 → 涡阳县)."""

SUBJECT_FILLERS_BEFORE = (
    "其中",
    "其余",
    "力争",
    "争取",
    "我市",
    "全市",
    "确保",
    "实现",
    "并",
    "共",
    "和",
    "的",
    "按照",
    "按",
    "对",
    "为",
    "向",
    "在",
    "到",
    "将",
)
SUBJECT_FILLERS_AFTER = (
    "分别按",
    "分别",
    "平均",
    "提高到",
    "提升至",
    "稳定在",
    "达到",
    "达",
    "为",
    "按照",
    "按",
    "给予",
    "均",
    "各",
    "共",
    "的",
    "较",
    "和",
    "从",
)
"""Words trimmed from either end of a subject: they join, they do not name."""


CITY_INSTITUTION = r"市[\u4e00-\u9fff]{1,6}?(?:中心|局|院|委|办|站|馆|所|队)"
"""A city-level institution given a share of a total: 市法援中心1200件 (item 16)."""


def region_labels(labels: Iterable[str]) -> re.Pattern[str]:
    """The grammar of the words before a county's figure in a list, for the given labels.

    '、蒙城县', ',谯城区(含亳州高新区)', '涡阳县、蒙城县、利辛县各', ',谯城区改造城市危旧房',
    '市本级建立', ',每个县(区)各'. Use it with `fullmatch`.
    """
    label = f"{_alternation(labels)}|{CITY_INSTITUTION}"
    return re.compile(
        rf"""{SPACE}[,\uff0c、;\uff1b]?{SPACE}                       # the separator from the previous figure
        (?P<labels>(?:{label})(?:{LABEL_JOINER}(?:{label})){{0,9}})  # 涡阳县、谯城区
        (?P<includes>[(\uff08]含[^()\uff08\uff09]{{1,12}}[)\uff09])?         # (含亳州高新区)
        (?P<verb>[^0-9\uff10-\uff19,\uff0c;\uff1b。、()\uff08\uff09“”]{{0,12}}?)      # 改造城市危旧房, 建立
        (?:各|均)?{SPACE}                                 # 各: one figure for each
        """,
        re.VERBOSE,
    )


UNIT_FAMILIES = {"名": "人", "套（间）": "套(间)", "\uff05": "%"}
"""Units that count the same thing: 名 and 人 are both persons (item 26: 3.15万名 = 3 times 0.75万人 + 0.9万人)."""

PARTS_COUNTED_IN = {"人次": ("人",)}
"""A total in 人次 may be made of parts in 人 (item 9: 710人次 = 310人 + 230人 + 170人); only
for components inferred from their sum."""
