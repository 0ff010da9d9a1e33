"""The quantity grammar: every pattern extraction uses, built from named fragments and kept together.

The page-structure half and the shared fragments (parentheses of either width, word
alternations) are in `segment/patterns.py`; the conventions written there hold here too:
one line at a time, ASCII and full-width punctuation alike, bounded repetitions, so each
pattern stays linear on long lines (tests/test_linear_time.py holds every compiled pattern
to that).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..segment.patterns import CLOSE, OPEN, _alternation

# --- quantities, breakdowns and rates (used by `extract`) ---------------------------------
#
# These run on one headline or measure at a time. Every repetition is bounded, so a
# pattern stays linear however long the line; context around a match (qualifiers before
# it, the clause it sits in) is read by the extractors from bounded windows.

DIGIT = "[0-9\uff10-\uff19]"  # an ASCII or full-width digit
ARABIC = (
    rf"(?:{DIGIT}{{1,3}}(?:,{DIGIT}{{3}})+(?!{DIGIT})"  # 20,350 and 1,500: ASCII separators
    rf"|[\uff10-\uff19]{{1,3}}(?:\uff0c[\uff10-\uff19]{{3}})+(?!{DIGIT})"  # 20,350 in full-width digits and comma
    rf"|{DIGIT}{{1,12}})"  # 20350 in either width
    rf"(?:[.．]{DIGIT}{{1,8}})?"  # 3.5, 0．75: the decimal point in either width
)
"""An Arabic number as written: digits of either width, thousands separators, a decimal point.

A full-width comma separates thousands only between full-width digits: in text of ASCII
digits it is the clause comma (8700人，350人 is two figures, never 8,700,350).
"""
CN_COUNT = "[一二两兩三四五六七八九十百]{1,4}"  # 三项, 两个, 十余个, 兩個: counts in words
PINYIN = rf"{OPEN}[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{{1,8}}{CLOSE}"
"""Pinyin that traditional-script mirrors insert after a character: 萬(wàn), 個(gè)."""
SPACE = r"[ \xa0\u3000]{0,3}"  # the page puts (no-break) spaces around numbers: "3.6\xa0亿元"
RANGE_DASH = rf"(?:[—\u2013~\uff5e至]|-(?={DIGIT}{{1,3}}(?!{DIGIT})))"
"""The dash of a range: 2—3个, 2-3个; a hyphen only before a short upper bound (not 0558-5555258),
and not 到 (从X提高到Y)."""
SCALES = {
    "千万": 10_000_000,
    "百万": 1_000_000,
    "亿": 100_000_000,
    "万": 10_000,
    "千": 1_000,
    "千萬": 10_000_000,  # traditional script, as on mirrored pages (0.5萬人)
    "百萬": 1_000_000,
    "億": 100_000_000,
    "萬": 10_000,
}
"""Scale words written between a number and its unit (3.5万人, 3.6 亿元, 0.5萬人)."""

UNITS = (
    "[/\uff0f](?:10|\uff11\uff10)[万萬]",  # 15/10万: a rate per 100,000 (孕产妇死亡率), the unit as written
    "人次",
    "[个個]百分[点點]",
    "[个個]月",
    f"套{OPEN}[间間]{CLOSE}",  # 套(间): flats or rooms, ASCII or full-width parentheses, 間 traditional
    "公里",
    "千米",
    "平方米",
    "批次",
    "分[钟鐘]",
    "人(?![口均])",  # not 人口, 人均
    "名(?![额單单称稱])",  # not 名额, 名单, 名称
    "[户戶](?!籍)",  # 戶: traditional script
    "[个個](?![体體人性])",
    "家(?!庭)",
    "所(?!有)",
    "[间間]",
    "套",
    "件",
    "米",
    "[亩畝]",
    "[吨噸]",
    "次",
    "[场場](?![所景地])",
    "[张張]",
    "[种種]",
    "[处處]",
    "座",
    "[条條]",
    "[辆輛]",
    "[台臺]",
    "床",
    "[项項]",
    "天",
    "[类類]",  # 30类 (kinds of service)
    "株",  # 8000株 (trees)
    "倍",  # 1.6倍: a multiple
    "元",
    "%",
    "\uff05",
    "‰",
)
"""Units a count, length, share or amount is written in, longest first; each a regex.

Source: the units of the Bozhou 2024 notice plus their common neighbours in other
notices (类, 株, 倍 from the family specimens), with the traditional forms of mirrored
pages (個, 戶, 畝, 處, 項 …). Not units: 年/届/月 (dates), 岁 (ages describe who, not how many), 小时
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
    "不少於": "at_least",  # traditional script, as on mirrored pages
    "不低於": "at_least",
    "不超過": "at_most",
    "不高於": "at_most",
    "約": "approx",
    "大約": "approx",
    # "more than" and "less than" bind like …余 (5000余人, at_least) and 以下: the bound itself
    # is not excluded in the model, the word as written says so
    "超过": "at_least",
    "超過": "at_least",
    "逾": "at_least",
    "多于": "at_least",
    "多於": "at_least",
    "低于": "at_most",
    "低於": "at_most",
    "少于": "at_most",
    "少於": "at_most",
    "不足": "at_most",
    "将近": "approx",  # 将近3万人: nearly (近 alone is no qualifier: 附近3公里, 就近)
    "將近": "approx",
}
"""Qualifier words written before a quantity (不少于710人次, 约3万人, 超过2万人)."""

ATTACHED_ONLY = frozenset(
    {"约", "大约", "約", "大約", "超过", "超過", "逾", "多于", "多於", "低于", "低於", "少于", "少於", "不足"}
    | {"将近", "將近"}
)
"""Prefix words that count only right next to the number: 约谈 is not 'about', and
超过全省平均水平的90% compares with something else."""

ASPIRATION_WORDS = ("力争", "争取", "力爭", "爭取")
"""Words that make a figure an aim rather than a promise (力争我市60%以上…)."""
ASPIRATION = re.compile("|".join(ASPIRATION_WORDS))

NOT_A_WORD_BEFORE_A_FIGURE = frozenset("第每号號约約共计計件表图圖栏欄条條款")
"""Characters before a bare number (no unit, at a clause's end) that make it no figure of its own:
a rank (第3), a base (每100), a number of a name (号, 附件1, 附表2, 图3, 专栏4, 第5条), or a word
that wants a unit (共计)."""

QUANTITY = re.compile(
    rf"""(?=[0-9\uff10-\uff19一二两兩三四五六七八九十百])  # a digit or counted word first: other positions fail at once
    (?<![0-9\uff10-\uff19.．A-Za-z])                   # not the tail of a longer number or of a code (IPv6)
    (?<!{DIGIT}[,\uff0c])                      # nor the thousands of 19,000 (read as nothing, not as 0)
    (?:(?P<number>{ARABIC})(?!{DIGIT}|[.．]{DIGIT})  # 3.5, 20350, 20,350: the whole number
       (?:{RANGE_DASH}(?P<upper>{ARABIC}))?          # 2—3个: a range
     | (?<![第几幾数數每])(?P<numeral>{CN_COUNT}))   # 三项, 两个; not 第三个 (ordinal), 几十个, 每个
    {SPACE}(?P<scale>{_alternation(SCALES)})?        # 万, 亿: the scale
    (?:{PINYIN})?                                    # 2.55萬(wàn)人次: pinyin a mirror inserted
    (?P<about>[余餘多])?                             # 400余场: more than
    (?:{SPACE}(?P<unit>{"|".join(UNITS)})            # 人, 人次, %, 元 …
       (?![A-Za-z])                                  # not 1个T, 500KV
     | (?P<lost>(?<=[万萬亿億千])                     # 33万 with its unit lost in the source,
       |(?={SPACE}(?:[/\uff0f]|{_alternation(SUFFIX_QUALIFIERS)}))  # 1500/人, 6800左右: the unit is missing
       |(?P<ends>(?={SPACE}                          # 提高至640。 人员2900(牵头单位…: a number that ends
          (?:[。;\uff1b]|[,\uff0c](?!{DIGIT})         # its clause (after a word: numbers.core), not 1,50
           |{OPEN}{SPACE}(?:牵头|责任|主管)|$)))))   # or stands before the lead units
    (?:{PER_SLASH})?                                 # 元/人: the basis after a slash
    (?P<suffix>{_alternation(SUFFIX_QUALIFIERS)})?   # 左右, 以上 …
    """,
    re.VERBOSE,
)
"""One quantity: number (or range, or counted word), scale, unit, basis, suffix qualifier.

`lost` matches (an empty string) when no unit is written but a scale, a slash basis or a
suffix qualifier shows the number is a figure: 33万, 1500/人, 6800左右 (pages that lost
characters), or when the number ends its clause right after a word (`ends`: 由每人每年610元
提高至640。, 新增家政服务人员2900(牵头单位…): a figure whose unit the page lost, not a code or a
numbering. Such a quantity has unit '' and rule 'unit-missing'.
"""

FIGURE_TOKEN = re.compile(
    rf"""(?={DIGIT})  # a digit first: other positions fail at once
    (?<![0-9\uff10-\uff19.\uff0e,A-Za-z])              # a whole number, not the tail of one or of a code
    {DIGIT}+(?:[.\uff0e,\uff0c]{DIGIT}+)*  # 2900, 20,350, 3.5
    (?![0-9\uff10-\uff19A-Za-z])
    """,
    re.VERBOSE,
)
"""A run of digits that may be a figure: every one must be read as a quantity, be excluded
(`NOT_QUANTITIES`), or be a reading of something that is not counted (`NOT_FIGURES_AFTER`);
the rest are reported (`unread-figure`), never dropped silently."""

GARBLED_FIGURE = re.compile(
    rf"""(?<![A-Za-z0-9\uff10-\uff19])
    (?=[0-9IlOo])(?=[0-9]{{0,5}}[IlOo])                                      # a letter that stands for a digit
    [0-9IlOo]{{1,6}}(?:{OPEN}[Xx]{{1,3}}{CLOSE})?                      # IO(X), l5O
    (?={SPACE}(?:{"|".join(UNITS)}))                                        # … then a unit: IO(X)人
    """,
    re.VERBOSE,
)
"""A number the source garbled (OCR: IO(X)人 for 1000人): reported as unread, never guessed."""

NOT_FIGURES_AFTER = re.compile(
    rf"""{SPACE}(?:周?岁|歲|小时|小時|时|時|分钟?|秒|周年|年|届|屆|级|級|号|號|期|版|星|A级|路|楼|栋|层
    |[\u4e00-\u9fff]{{0,6}}?(?:热线|专线|熱線|專線)                     # 12345政务服务便民热线: a phone line
    |[+\uff0b]|[-\u2014\u2013~\uff5e至]{DIGIT}{{1,4}}{SPACE}(?:周?岁|歲|年|月|日))""",
    re.VERBOSE,
)
"""Words after a number that make it an age, an hour, a duration in years, a rank, a grade,
an address or a phone line rather than a figure (60岁, 24小时, 3年, 5A级, 1号线, 12345热线):
read as no quantity, on purpose."""

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

PER_STOPS = (
    *("补助", "补贴", "资助", "安排", "具备", "配套", "同级", "提供", "发放", "给予", "登记", "时长", "分别"),
    *("提高", "增加", "增长", "上调", "奖励", "奖补"),  # 每人每月提高20元: by how much, per person and month
)
"""Words that end the noun of a basis (每人补助5000元, 每件案件同级财政配套…, 每人每月提高20元)."""

PER_PIECE = re.compile(
    rf"""每(?:个|件|名|位|户|所|家|台|场)?                 # 每, 每个, 每件 …
    (?P<noun>[\u4e00-\u9fff]{{1,8}}?                      # 人, 年, 新生儿, 普惠性托位
       (?:{OPEN}[\u4e00-\u9fff]{{1,4}}{CLOSE})?)            # 村(社区)
    (?=每|{_alternation(PREFIX_QUALIFIERS)}|{_alternation(PER_STOPS)}|[“"0-9\uff10-\uff19 \xa0\u3000]|$)
    """,
    re.VERBOSE,
)
"""One 每… of a basis; a basis is one or more in a row (每人每年, 每村每年, 每个新生儿)."""

AVERAGE = re.compile(r"(?P<noun>[人户生])均")  # 户均补助不超过5000元: per household, for an amount
AVERAGE_BEFORE = re.compile(AVERAGE.pattern + "$")  # 人均49元: per person, right before a count

TIME_BASES = ("学年", "季度", "年", "月", "周", "天", "日")
"""Time words of a basis; they go last in `per` (每年每院 → 院·年)."""

FROM_BEFORE = re.compile(rf"[从由]{SPACE}$")  # 从99.90%…: the first figure is a baseline
CHANGE_TO = re.compile(rf"^{SPACE}(?:提高|提升|增加|增长|降低|下降|减少|降)(?:到|至){SPACE}$")  # …提高到99.93%

RUN_JOINER = re.compile(rf"^{SPACE}[、和及与]{SPACE}$")
"""Text between two figures of one list (80%、75%、60%; 98%和95%以上): they share qualifiers."""

RESPECTIVELY = re.compile(
    r"分[别別](?:[为為]|是|[达達]到|[达達]|按照|按|不低[于於]|不少[于於]|不超[过過]|提高到|提高至)?"
)  # 分别为, 分別為 (traditional script)
"""分别 (respectively) after a list of labels: the figures that follow pair with them in order."""

RESPECTIVELY_AFTER = re.compile(
    rf"""{SPACE}(?:的标准|的比例)?分[别別](?:用于|[为為]|是|属于|在|安排在|分布在|分配给)?{SPACE}
    (?P<labels>[^0-9\uff10-\uff19,\uff0c;\uff1b。:\uff1a()\uff08\uff09]{{2,80}}?)   # 涡阳县、蒙城县…
    (?=[,\uff0c;\uff1b。)\uff09]|$)""",
    re.VERBOSE,
)
"""Figures first, then 分别 and their labels in order: 8700人、8900人分别用于涡阳县、蒙城县."""

LABEL_SEPARATOR = re.compile(r"[、､]")  # 特困人员、低保对象: the labels of a paired list
LABEL_AND = re.compile(r"[和及与]")  # 遗传代谢病筛查率和听力障碍筛查率: two labels
LEADING_YEAR = re.compile(rf"^{SPACE}(?:19|20)[0-9]{{2}}{SPACE}年度?")  # 2024 年全市…: when, not a label or subject

TIMES_RATE = re.compile(
    r"""(?=[“"「0-9一二两兩三四五六七八九十])  # the first character: other positions fail at once
    [“"「]?(?P<count>[0-9一二两兩三四五六七八九十]{1,2})[个個]
    (?P<number>[0-9]{1,3}(?:\.[0-9]{1,2})?)(?P<unit>[%\uff05])[”"」]?""",
    re.VERBOSE,
)
"""“3个100%”: as many rates as the count, each at the figure, named by the list before it."""
TIMES_RATE_LEADS = ("实现", "达到", "确保", "力争")  # words before the first rate named

THRESHOLD_AFTER = re.compile(r"^(?:的|部分)")  # 3000元以上部分, 20万元以下的行政村: a selecting line
CAP_WORDS = re.compile(r"限额|封顶|最高|上限")  # 年度救助限额各5万元
THRESHOLD_WORDS = re.compile(r"起付线|起付标准|门槛")  # 起付线10000元

# One character each: `text.Segment` finds their positions once and looks them up.
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
    "document-number": rf"[\u3014\[\uff3b(\uff08]{DIGIT}{{4}}[\u3015\]\uff3d)\uff09]{DIGIT}{{1,4}}[号號]",
    "year": (  # 2024年, 2025届, in either width
        rf"(?<![0-9\uff10-\uff19.．])(?:19|20|\uff11\uff19|\uff12\uff10){DIGIT}{{2}}{SPACE}(?:年(?:度|末|底|初)?|届|级)"
    ),
    "date": (  # 4月底, 3月28日
        rf"(?<![0-9\uff10-\uff19.．]){DIGIT}{{1,2}}{SPACE}月(?:份|底|初|末|中旬|上旬|下旬|{SPACE}{DIGIT}{{1,2}}{SPACE}日)?"
    ),
    "iso-date": rf"{DIGIT}{{4}}-{DIGIT}{{1,2}}-{DIGIT}{{1,2}}",  # 2024-03-28
    "phone": r"(?<![0-9])(?:0[0-9]{2,3}-[0-9]{7,8}|1[3-9][0-9]{9})(?![0-9])",  # 0558-5555258
    "product": rf"{DIGIT}{{1,3}}[\u00d7xX*]{DIGIT}{{1,3}}",  # 7x24小时 (with a multiplication sign): a service level
    "ratio": rf"(?<!{DIGIT}){DIGIT}{{1,3}}[:\uff1a]{DIGIT}{{1,3}}(?!{DIGIT})",  # 按照1:1要求
    "ordinal": rf"第{DIGIT}{{1,4}}",  # 第1批
    "code": r"[A-Za-z]{1,10}[0-9]{1,10}|[0-9]{1,10}[A-Za-z]{1,10}",  # 500KV, IPv6
    # 葡萄糖—6—磷酸脱氢酶: a position number inside a chemical name, between dashes
    "locant": rf"(?<=[\u4e00-\u9fff][-\u2014\u2013]){DIGIT}{{1,2}}(?=[-\u2014\u2013][\u4e00-\u9fff])",
}
"""Spans that hold numbers which are not quantities: a quantity overlapping one is dropped.

Source: what the Bozhou 2024 notice writes near its numbers (years, deadlines, quoted
slogans and policy names, document numbers, the footer's phone number, 7x24小时, 1:1).
"""

NOT_QUANTITY_FIRST = '[“"「『《\u3014\\[\uff3b(\uff08第0-9\uff10-\uff19A-Za-z]'
"""The characters a span of `NOT_QUANTITIES` can start with (keep in sync): a lookahead on
them spares every other position the dozen alternatives, for the same matches."""

NOT_QUANTITY = re.compile(
    f"(?={NOT_QUANTITY_FIRST})(?:"
    + "|".join(f"(?P<{name.replace('-', '_')}>{rx})" for name, rx in NOT_QUANTITIES.items())
    + ")"
)

LIST_OPENER = re.compile(rf"其中{SPACE}[,\uff0c:\uff1a]?{SPACE}")  # 其中涡阳县…, 。其中,谯城区…, (其中:市本级…
REST_BEFORE = re.compile(rf"其[余餘]{SPACE}$")  # 其余3.4万人次 (其餘): the rest of a total
INCLUDES = re.compile(rf"^{OPEN}含(?P<included>[^()\uff08\uff09]{{1,12}}){CLOSE}")  # 谯城区(含亳州高新区)
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
    "提高",  # 每人每月提高20元: the words after the basis say by how much, not what
    "增加",
    "稳定在",
    "控制在",  # 孕产妇死亡率控制在15/10万以下
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
    "全部",
    "原则上",
    "一般",
)
"""Words trimmed from either end of a subject: they join, they do not name."""


SUBJECT_LEADING_VERBS = ("实施", "举办", "开展", "进一步", "积极", "全市", "每月")
"""Words before a subject that say how or when (实施农村公路提质改造工程 → 农村公路提质改造工程)."""
SUBJECT_CUT_AFTER = ("将", "按照", "要求", "同时", "期间", "提供")
"""What a subject starts after (进一步将全口径供电可靠性, “十四五”期间按照省级基础标准年增幅,
为困难职工提供生活救助310人: what is provided is counted)."""
SUBJECT_INNER_YEAR = re.compile(rf"(?:19|20)[0-9]{{2}}{SPACE}年")  # 残疾人学生2024年资助: cut before the year
SUBJECT_AGENT_ENDINGS = ("财政",)  # 落实省级财政每个普惠性托位1万元补贴: the payer, not what is paid
SUBJECT_CUT_BEFORE = ("由", "达到")
"""What a subject ends before: an agent (…检查由所在县) or the base of a share (…数量达到城市社区)."""
SUBJECT_FOLLOWS = ("等", "剩余", "具备")
"""Words before a figure after which the counted noun follows it (…大厅等四个渠道, 剩余2个项目)."""
SUBJECT_TRAILING_ACTION = re.compile(r"(?:建设|工作)$")  # …服务机构(综合体)建设: the thing, not the work
NOUN_AFTER_AMOUNT = re.compile(r"^(?:的标准发放|的)(?P<noun>[\u4e00-\u9fff]{2,8})(?=[,\uff0c。;\uff1b、]|$)")
"""An amount that qualifies the noun after it: 3万元的启动资金, 1500元/人的标准发放一次性补贴."""
NOT_SUBJECT_NOUNS = frozenset({"标准", "比例", "水平", "要求"})
PART_OF_PREVIOUS = re.compile(r"的?部分(?:按照?|给予)?")  # …3000元以上部分按60%: the same group's share
NOUN_WITH_BRACKET = re.compile(
    rf"^(?P<noun>[\u4e00-\u9fff]{{1,6}}{OPEN}[\u4e00-\u9fff]{{1,4}}{CLOSE})"
)  # 1349个村(社区): a noun with its bracketed alternative
FOLLOWING_STOP = re.compile(r"成立|申请|所需|由|治理|给予|进行|纳入|列入|发放|实施|开展")
"""Where the noun after a figure ends (渠道申请 → 渠道; 补贴所需资金 → 补贴)."""
KIND_UNITS = ("种", "類", "类")  # 3种以上功能的乡镇综合服务站: kinds of 功能, the noun ends at 的


CITY_INSTITUTION = r"市[\u4e00-\u9fff]{1,6}?(?:中心|局|院|委|办|站|馆|所|队)"
"""A city-level institution given a share of a total: 市法援中心1200件 (item 16)."""


def region_labels(labels: Iterable[str], zone: str | None = None) -> re.Pattern[str]:
    """The grammar of the words before a county's figure in a list, for the given labels.

    '、蒙城县', ',谯城区(含亳州高新区)', '涡阳县、蒙城县、利辛县各', ',谯城区改造城市危旧房',
    '市本级建立', ',每个县(区)各'. `zone` is the pattern of a zone no table knows (宿州经开区).
    Use it with `fullmatch`.
    """
    label = f"{_alternation(labels)}|{CITY_INSTITUTION}" + (f"|{zone}" if zone else "")
    return re.compile(
        rf"""{SPACE}[,\uff0c、;\uff1b]?{SPACE}                       # the separator from the previous figure
        (?P<labels>(?:{label})(?:{LABEL_JOINER}(?:{label})){{0,9}})  # 涡阳县、谯城区
        (?P<includes>{OPEN}含[^()\uff08\uff09]{{1,12}}{CLOSE})?         # (含亳州高新区)
        (?P<verb>[^0-9\uff10-\uff19,\uff0c;\uff1b。、()\uff08\uff09“”]{{0,12}}?)      # 改造城市危旧房, 建立
        (?:各|均)?{SPACE}                                 # 各: one figure for each
        """,
        re.VERBOSE,
    )


SHARE_UNITS = ("%", "\uff05", "‰", "个百分点", "個百分點")
"""Units of shares and rates: figures in them are never parts that add up to a total."""

STATED_LIST_OPENING = re.compile(r"^的?[^0-9\uff10-\uff19,\uff0c、;\uff1b。:\uff1a]{1,12}[,\uff0c:\uff1a]")
"""The text between a total and its first part when the layout states the split: what the
total counts, then the clause break (的启动资金, → 县级财政一次性补助1万元, …)."""

STATED_LIST_NOT_LABEL = re.compile(r"[()\uff08\uff09]")  # 60元(个人缴费…): a bracket, not a list of parts

LIST_VERBS = ("改造", "新建", "改建", "建设", "建成", "新增", "完成", "实施", "培训", "提供", "开展", "打造", "推进")
"""Verbs that open a coordinate figure (…,改造5公里), not a part of the total before it."""

UNIT_FAMILIES = {
    "名": "人",
    "套（间）": "套(间)",
    "套(間)": "套(间)",
    "個月": "个月",
    "分鐘": "分钟",
    "個百分點": "个百分点",
    "套（間）": "套(间)",
    "\uff05": "%",
    **dict(zip("個戶間項場張種處條輛臺畝噸類", "个户间项场张种处条辆台亩吨类", strict=True)),
}
"""Units that count the same thing: 名 and 人 are both persons (item 26: 3.15万名 = 3 times 0.75万人 + 0.9万人);
a traditional form and its simplified one (個, 个)."""

PARTS_COUNTED_IN = {"人次": ("人",)}
"""A total in 人次 may be made of parts in 人 (item 9: 710人次 = 310人 + 230人 + 170人); only
for components inferred from their sum."""
