"""Subjects: the words a figure counts, not the clause around it.

A cascade of small rules over the words before a figure (cut at the previous figure and
at the clause), most specific first; the words after the unit are used when the words
before only say who acts, where or how (a verb, a county, 全市). Best effort, held by the
case table of every subject on the Bozhou page (tests/test_subjects.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import patterns
from .text import Mention

IsRegion = Callable[[str], bool]


@dataclass(frozen=True)
class _Context:
    """What the subject rules read around one figure: the words before it (cut at the previous figure
    and at the clause, without a prefix qualifier word), the noun after its unit, the previous figure."""

    mention: Mention
    previous: Mention | None  # the figure before it in the same segment, else None
    end: int  # local end of the words before (before a prefix qualifier word)
    begin: int  # local start of the words before
    following: str  # the noun right after the unit ('' when none)

    @property
    def text(self) -> str:
        return self.mention.segment.text

    @property
    def candidates(self) -> list[str]:
        """The words before, and with a basis inside them (每人每年), the words after and before it."""
        mention, text = self.mention, self.text
        if mention.per_start is not None and self.begin <= mention.per_start < self.end and mention.per_text:
            after_basis = mention.per_start + len(mention.per_text)
            return [text[after_basis : self.end], text[self.begin : mention.per_start]]
        return [text[self.begin : self.end]]

    @property
    def glued(self) -> bool:
        """The figure follows the previous one with no word between (23个学区306所学校)."""
        return self.previous is not None and self.begin == self.previous.end


def subject(mention: Mention, previous: Mention | None = None, is_region: IsRegion | None = None) -> str | None:
    """What a figure counts, from the words before it in its clause (or after it). Best effort.

    The words before are cut at the previous figure, trimmed of joining words (其中, 达到,
    为 …), of a qualifier word and of a basis (每人每年); when nothing is left but a verb or
    a county, the words after the unit are used. Rules, in order: a count in words names
    the noun after it (四个渠道); an amount before 的 names that noun (3万元的启动资金); a
    figure for 部分 is the previous figure's (…3000元以上部分按60%); then the words before.
    Where the words before start a segment that a printed page's chrome cut from the
    headline (`Segment.continues`), they are only the end of the subject: None.
    """
    context = _context(mention, previous if previous is not None and previous.segment is mention.segment else None)
    for rule in (_counted_word, _noun_after_amount, _part_of_previous):
        found = rule(context)
        if found is not None:
            return found
    if mention.segment.continues and context.begin == 0:
        return None  # …城镇新增 / — 5 — / 就业3.5万人: the subject's first words are above the break
    return _words_before(context, is_region)


def _context(mention: Mention, previous: Mention | None) -> _Context:
    text = mention.segment.text
    end = mention.start
    qualifier = mention.quantity.qualifier_span
    prefixed = mention.quantity.qualifier_text in patterns.PREFIX_QUALIFIERS
    if prefixed and qualifier is not None and qualifier[0] - mention.segment.start < end:
        end = qualifier[0] - mention.segment.start
    floor = max(0, end - 40, previous.end if previous is not None else 0)
    following = _following(text[mention.end : mention.end + 40])
    if mention.quantity.unit in patterns.KIND_UNITS:
        following = following.split("的", 1)[0]  # 3种以上功能的乡镇综合服务站: kinds of 功能
    return _Context(mention, previous, end, _last(patterns.SUBJECT_BREAK, text, floor, end), following)


def _counted_word(context: _Context) -> str | None:
    """四个渠道, 两项补贴: a count in words names what follows it."""
    return context.following if context.mention.quantity.rule == "counted-word" and context.following else None


def _noun_after_amount(context: _Context) -> str | None:
    """3万元的启动资金; 按1500元/人的标准发放一次性补贴: an amount names the noun after 的."""
    quantity = context.mention.quantity
    if quantity.unit != "元" or quantity.qualifier_text in patterns.SUFFIX_QUALIFIERS:
        return None
    named = patterns.NOUN_AFTER_AMOUNT.match(context.text[context.mention.end : context.mention.end + 40])
    if named and not named.group("noun").startswith(tuple(patterns.NOT_SUBJECT_NOUNS)):
        return named.group("noun")
    return None


def _part_of_previous(context: _Context) -> str | None:
    """…自付3000元以上部分按60%救助: a figure for 部分 is the previous figure's."""
    previous = context.previous
    if previous is not None and patterns.PART_OF_PREVIOUS.fullmatch(context.text[previous.end : context.end].strip()):
        return previous.quantity.subject
    return None


def _words_before(context: _Context, is_region: IsRegion | None) -> str | None:
    """The words before the figure, refined; the noun after it when they only say who acts or where."""
    mention, following, previous = context.mention, context.following, context.previous
    verb_only = False
    for words in context.candidates:
        trimmed = refine(words)
        if context.glued and following and not words.startswith(("和", "及", "与", "、")):
            return following  # 23个学区306所学校: 学区 belongs to the figure before
        if context.glued and "的" in trimmed:
            return refine(trimmed.rsplit("的", 1)[1]) or trimmed  # 3种以上功能的乡镇综合服务站1个
        if trimmed in patterns.LEAD_VERBS or (is_region is not None and is_region(trimmed)):
            verb_only = True
            continue
        if trimmed:
            return _named_by(context, words, trimmed)
    if verb_only and following:
        return following
    found = _recipient(context.text, context.begin) or following
    if found:
        return found
    if previous is not None:
        between = context.text[previous.end : context.end].strip(" ,\uff0c;\uff1b\xa0\u3000")
        if is_region is not None and is_region(between):
            return previous.quantity.subject  # 全市不少于4个,每县(区)不少于1个: each county's share of the same
    return _clause_before(mention, context.end) or None


def _named_by(context: _Context, words: str, trimmed: str) -> str:
    """The subject named by the (trimmed) words before the figure, or by the noun after it."""
    following, mention = context.following, context.mention
    if trimmed.endswith(patterns.SUBJECT_AGENT_ENDINGS) and (following or mention.noun):
        return following or mention.noun  # 落实省级财政每个普惠性托位1万元补贴: what the payer pays
    if trimmed.endswith(patterns.SUBJECT_FOLLOWS) and following:
        return following  # …大厅等四个渠道, 问题专项治理剩余2个项目: the noun comes after
    if trimmed.endswith("等"):
        return _enumeration(context.text, mention.segment.clause_start(context.end), context.end) or trimmed
    if _ends_with_verb(words) and following:
        return following  # 免费提供8万人次宫颈癌: what is provided comes after
    return trimmed


def refine(words: str) -> str:
    """Subject words trimmed of what does not name the thing counted.

    A leading year, scope or verb (2024年全市实施农网建改项目 → 农网建改项目), everything up to
    the last 将, 按照, 要求, 同时 or 期间 (进一步将全口径供电可靠性 → 全口径供电可靠性), an agent
    after 由 (宫颈癌检查由所在县 → 宫颈癌检查), and the share's base after 达到
    (充分就业社区数量达到城市社区 → 充分就业社区数量).
    """
    words = trim_words(patterns.LEADING_YEAR.sub("", words))
    for word in patterns.SUBJECT_CUT_AFTER:
        at = words.rfind(word)
        if at >= 0 and trim_words(words[at + len(word) :]):
            words = trim_words(words[at + len(word) :])
    year = patterns.SUBJECT_INNER_YEAR.search(words)
    if year and year.start() >= 2:
        words = trim_words(words[: year.start()])
    for word in patterns.SUBJECT_CUT_BEFORE:
        at = words.find(word)
        if at > 0:
            words = trim_words(words[:at])
    changed = True
    while changed:
        changed = False
        for verb in patterns.SUBJECT_LEADING_VERBS:
            if words.startswith(verb) and len(words) > len(verb) + 1:
                words, changed = trim_words(words[len(verb) :]), True
    return words


def _following(after: str) -> str:
    """The noun right after a figure's unit, or '' (村(社区)成立… → 村(社区); 个项目、… → 项目)."""
    after = after.lstrip('“"')
    if after.startswith("、"):
        return ""
    bracketed = patterns.NOUN_WITH_BRACKET.match(after)
    if bracketed:
        return bracketed.group("noun")
    cut = patterns.FOLLOWING_BREAK.search(after)
    words = after[: cut.start()] if cut else after
    figure = patterns.QUANTITY.search(words)
    if figure and "、" in words[: figure.start()]:
        words = words[: words.rindex("、", 0, figure.start())]  # 2个项目、安置户189户: the next item's label
    words = trim_words(_leading_words(words))
    stop = patterns.FOLLOWING_STOP.search(words)
    return words[: stop.start()] if stop and stop.start() >= 2 else words


def _enumeration(text: str, clause: int, end: int) -> str:
    """The whole 、-list before 等 (为困难职工提供生活救助、子女助学、医疗救助等 → 生活救助、子女助学、医疗救助等)."""
    words = text[clause:end].strip(" \xa0\u3000")
    cut = max((words.rfind(verb) + len(verb) for verb in patterns.LEAD_VERBS if verb in words), default=0)
    return trim_words(words[cut:]) if "、" in words[cut:] else ""


def _clause_before(mention: Mention, end: int) -> str:
    """When the words before say only where (全市不少于4个) or are a quotation: the clause before names it.

    积极开展嵌入式养老服务机构(综合体)建设,全市不少于4个 → 嵌入式养老服务机构(综合体);
    开展食品安全“你点我检”不少于200批次 → 食品安全“你点我检”.
    """
    segment = mention.segment
    clause = segment.clause_start(end)
    words = segment.text[clause:end]
    if trim_words(words) and not trim_words(words).startswith(("全市", "全县", "全区")):
        return refine(words)
    start = segment.clause_start(max(0, clause - 1))
    before = segment.text[start:clause].strip(" ,\uff0c;\uff1b。\xa0\u3000")
    before = patterns.SUBJECT_TRAILING_ACTION.sub("", before)
    return refine(before)


def _ends_with_verb(words: str) -> bool:
    return words.rstrip(" \xa0\u3000").endswith(patterns.LEAD_VERBS[:-2])  # not 为, 对: 达到…为


def _leading_words(text: str) -> str:
    """`text` up to the next figure or basis (困难精神残疾人提供|每人每年1000元…), verbs trimmed."""
    found = patterns.QUANTITY.search(text)
    text = text[: found.start()] if found else text
    text = text.split("每", 1)[0]
    while text.endswith(patterns.LEAD_VERBS[:-2]):
        text = text[: -len(next(v for v in patterns.LEAD_VERBS if text.endswith(v)))]
    return text


def _recipient(text: str, begin: int) -> str | None:
    """'对公办托育服务机构,按照不低于600元…': the clause before names whom the figure is for."""
    if begin == 0 or not patterns.CLAUSE_BREAK.match(text, begin - 1):
        return None
    start = _last(patterns.CLAUSE_BREAK, text, max(0, begin - 24), begin - 1)
    clause = text[start : begin - 1]
    if "对" in clause and not any(c.isdigit() for c in clause):
        return trim_words(clause[clause.rindex("对") + 1 :]) or None
    return None


_BEFORE = tuple(patterns.SUBJECT_FILLERS_BEFORE)
_KEPT_WORDS = ("在校", "在园", "在岗")  # 在校残疾学生: 在 is part of the word here
_AFTER = (*patterns.SUBJECT_FILLERS_AFTER, *patterns.PREFIX_QUALIFIERS)


def trim_words(words: str) -> str:
    words = words.strip(" \xa0\u3000、")
    changed = True
    while changed and words:
        changed = False
        if not words.startswith(_BEFORE) and not words.endswith(_AFTER):
            break  # nothing to trim: skip looking filler by filler
        if words.startswith(_BEFORE) and not words.startswith(_KEPT_WORDS):  # else no filler below would match
            for filler in patterns.SUBJECT_FILLERS_BEFORE:
                if words.startswith(filler) and not words.startswith(_KEPT_WORDS):
                    words, changed = words[len(filler) :], True
        if words.endswith(_AFTER):
            for filler in _AFTER:
                if words.endswith(filler):
                    words, changed = words[: -len(filler)], True
        words = words.strip(" \xa0\u3000、")
    return words


def _last(pattern: re.Pattern[str], text: str, lo: int, at: int) -> int:
    start = lo
    for found in pattern.finditer(text, lo, at):
        start = found.end()
    return start
