"""Quantities: every figure with a unit in a headline or measure, with its qualifier and span.

A cascade over each `patterns.QUANTITY` match: drop it if it sits in a year, date, quote,
title, document number, phone number or code (`patterns.NOT_QUANTITIES`); read its value
(`numbers`); look back in its clause for a qualifier word, 各, a 每… basis and 力争/争取;
then, across the segment, let lists share their qualifier (不低于80%、75%、60%), mark
baseline and target (从99.90%提高到99.93%), and name the subject.
"""

from __future__ import annotations

import bisect
import itertools
import re
import sys
from collections.abc import Callable

from ..models import Qualifier, Quantity
from ..numerals import count_value
from . import numbers, patterns
from .subjects import refine, subject, trim_words
from .text import Mention, Segment

IsRegion = Callable[[str], bool]


def find(segment: Segment, is_region: IsRegion | None = None) -> list[Mention]:
    """The quantities of one headline or measure, in order."""
    text = segment.text
    repeated, taken = _times_rate(segment)
    matches = list(patterns.QUANTITY.finditer(text))
    if not matches:
        return repeated  # most measures state no figure: spare them the exclusion scan
    excluded = [found.span() for found in patterns.NOT_QUANTITY.finditer(text)]  # sorted, disjoint
    ends = [end for _, end in excluded]
    mentions = []
    for match in matches:
        at = bisect.bisect_right(ends, match.start())  # the first excluded span ending after the match starts
        if at < len(excluded) and excluded[at][0] < match.end():
            continue
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue  # 三个100%: read once, as three rates
        mention = _mention(segment, match)
        if mention is not None:
            mentions.append(mention)
    runs = _runs(mentions)
    _share_qualifiers(runs)
    for previous, mention in zip([None, *mentions], mentions, strict=False):
        mention.quantity.subject = subject(mention, previous, is_region)
    _mark_roles(mentions)
    for run in runs:
        labels = paired_labels(run)
        if labels is not None:
            for member, label in zip(run, labels, strict=True):
                member.quantity.subject = label  # A、B分别为X、Y: X counts A, Y counts B
            continue
        for member in run[1:]:
            member.quantity.subject = run[0].quantity.subject  # 80%、75%、60% count one thing
    _share_bases(runs)
    return sorted([*mentions, *repeated], key=lambda m: m.start) if repeated else mentions


def _share_bases(runs: list[list[Mention]]) -> None:
    """A basis written once for a list of amounts applies to each (按照1500元、2500元/人的标准;
    专科生、研究生每人每学年分别资助1500元、2500元)."""
    for run in runs:
        given = [m for m in run if m.quantity.per is not None]
        if not given or len(given) == len(run) or len({m.quantity.per for m in given}) != 1:
            continue
        source = given[-1] if given[-1] is run[-1] else given[0]
        for member in run:
            if member.quantity.per is None:
                member.quantity.per = source.quantity.per
                member.per_text, member.per_start = source.per_text, source.per_start
                member.quantity.rule += "+shared-basis"


def _times_rate(segment: Segment) -> tuple[list[Mention], list[tuple[int, int]]]:
    """“3个100%” (quoted or not) after a list of three rates: one figure of 100% for each rate named.

    Also returns the spans read, so that 三个 and 100% are not read again on their own.

    力争…实现物业服务覆盖率、业主委员会组建率、党组织组建率“3个100%”: each quantity has the
    rate's text and span (shared, like a figure written once with 各) and its own subject.
    """
    text = segment.text
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for found in patterns.TIMES_RATE.finditer(text):
        count = count_value(found.group("count"))
        clause = segment.clause_start(found.start(), reach=120)
        names = [trim_words(name) for name in patterns.LABEL_SEPARATOR.split(text[clause : found.start()])]
        if count is None or count < 2 or len(names) < count:
            continue
        names = names[-count:]
        names[0] = _last_words(names[0])
        aspiration = _aspiration(text, clause, found.start())
        start, end = found.start("number"), found.end("unit")
        for name in names:
            quantity = Quantity(
                text=text[start:end],
                value=numbers.to_decimal(found.group("number")),
                unit=sys.intern(found.group("unit")),
                qualifier="target" if aspiration is not None else "exact",
                qualifier_text=aspiration.group() if aspiration is not None else None,
                qualifier_span=segment.span(*aspiration.span()) if aspiration is not None else None,
                aspiration=aspiration is not None,
                each=True,
                subject=name,
                location=segment.location,
                rule="times-rate",
                span=segment.span(start, end),
            )
            out.append(Mention(quantity, segment, start, end))
        taken.append(found.span())
    return out, taken


def _last_words(words: str) -> str:
    """The first label of a list without the words before it (力争在2024年实现物业服务覆盖率 → 物业服务覆盖率)."""
    for verb in patterns.TIMES_RATE_LEADS:
        at = words.rfind(verb)
        if at >= 0 and words[at + len(verb) :]:
            words = words[at + len(verb) :]
    return trim_words(words)


_PAIR_LEADS = ("给予", "对于", "对", "为", "向", "按照", "按", "其中", "全市", "全县", "全区")
"""Words before the first label of a paired list that are not part of it (给予特困人员、低保对象80%、75%)."""


def paired_labels(run: list[Mention]) -> list[str] | None:
    """The labels a list of figures pairs with in order, or None when the text pairs none.

    Three layouts: labels, then 分别 (分别为, 分别按不低于 …), then the figures
    (新生儿遗传代谢病筛查率和新生儿听力障碍筛查率分别达到98%和95%以上); as many labels as
    figures, 、-separated, right before them (给予特困人员、低保对象80%、75%救助); or the
    figures, then 分别 and the labels (80%、75%分别用于特困人员、低保对象). A shared
    modifier pair is spread over its head (分散和集中养育的孤儿…标准分别不低于1155元/月和1575元/月:
    分散养育的孤儿…标准, 集中养育的孤儿…标准).
    """
    first = run[0]
    text = first.segment.text
    after = patterns.RESPECTIVELY_AFTER.match(text, run[-1].end)
    if after is not None:  # 80%、75%分别用于特困人员、低保对象: the labels follow the figures
        named = [refine(label) for label in patterns.LABEL_SEPARATOR.split(after.group("labels"))]
        if len(named) == len(run) and all(named):
            return named
    clause = first.segment.clause_start(first.start, reach=120)
    before = text[clause : first.start]
    said = list(patterns.RESPECTIVELY.finditer(before))
    if said:
        tail = trim_words(before[said[-1].end() :])
        if tail and tail not in patterns.LEAD_VERBS:
            return None  # words between 分别… and the figures, other than a verb (分别资助): not a plain pairing
        words = before[: said[-1].start()]
        if first.per_text and words.rstrip().endswith(first.per_text):
            words = words.rstrip()[: -len(first.per_text)]  # 专科生、研究生每人每学年分别…: the basis is not a label
    else:
        words = before
    words = patterns.LEADING_YEAR.sub("", words).strip(" \xa0\u3000")
    while words.startswith(_PAIR_LEADS):
        words = words[len(next(lead for lead in _PAIR_LEADS if words.startswith(lead))) :]
    labels = _split_labels(words, len(run), respectively=bool(said))
    if labels is None:
        return None
    cleaned = [refine(label) for label in labels]
    cleaned[-1] = cleaned[-1].split("等", 1)[0] or cleaned[-1]  # …监测对象等个人自付…费用: the group ends at 等
    return cleaned if all(cleaned) else None


def _split_labels(words: str, count: int, *, respectively: bool) -> list[str] | None:
    anded = patterns.LABEL_AND.split(words)
    heads = [trim_words(part) for part in anded[:-1]]
    if respectively and len(anded) == count and all(0 < len(h) <= 3 and len(h) == len(heads[0]) for h in heads):
        size = len(heads[0])
        head = anded[-1][size:]
        return [h + head for h in heads] + [anded[-1]]  # 分散和集中养育的…: the modifiers share the head
    listed = patterns.LABEL_SEPARATOR.split(words)
    if len(listed) == count:
        return listed
    if respectively and len(anded) == count:
        return anded
    if not respectively and len(listed) > count:
        return None  # more labels than figures and no 分别: not a pairing
    return None


def _mention(segment: Segment, match: re.Match[str]) -> Mention | None:
    """One `patterns.QUANTITY` match read as a quantity, or None when it is not one.

    Long on purpose: it reads the match in the order of precedence of its qualifiers (a
    range; a word before, with 各; a suffix; 余/多; 力争); split up, that order would no
    longer read top to bottom.
    """
    text = segment.text
    core = numbers.core(match)
    if core is None:
        return None
    value, value_max, unit, about, per = core
    clause = segment.clause_start(match.start())
    window_start = max(clause, match.start() - 16)
    window = text[window_start : match.start()]
    start = match.start()
    qualifier: Qualifier = "exact"
    word: str | None = None
    word_at: int | None = None
    each = patterns.EACH_BEFORE.search(window)
    if each:
        start = window_start + each.start()
    found = patterns.QUALIFIER_BEFORE.search(window)
    if found and not (found.group("word") in patterns.ATTACHED_ONLY and found.group("gap")):
        word, word_at = sys.intern(found.group("word")), window_start + found.start("word")
        qualifier = numbers.prefix_qualifier(word)
        if not found.group("gap"):
            start = word_at
        each = each or (found if found.group("each") else None)
    qualified = word is not None and found is not None and not found.group("gap")
    if match.group("numeral") and not qualified and not numbers.counted_word_stands_alone(match):
        return None  # a lone 一 or 百 (一个窗口, 百家) is a count only right after a qualifier (不少于一场)
    if value_max is not None:
        qualifier, word, word_at = "range", None, None
    elif match.group("suffix") and word is None:
        word, word_at = sys.intern(match.group("suffix")), match.start("suffix")
        qualifier = numbers.suffix_qualifier(word)
    elif about and word is None:
        word, word_at, qualifier = about, match.start("about"), "at_least"
    aspiration = _aspiration(text, clause, match.start())
    if aspiration is not None and word is None:
        qualifier, word, word_at = "target", aspiration.group(), aspiration.start()
    per_text, per_start = None, None
    if per is None:
        per, per_text, per_start = _basis(text, clause, start, money=unit == "元")
    else:
        per_text, per_start = text[match.start("per") - 1 : match.end("per")], match.start("per") - 1
    quantity = Quantity(
        text=text[start : match.end()],
        value=value,
        value_max=value_max,
        unit=unit,
        qualifier=qualifier,
        qualifier_text=word,
        qualifier_span=segment.span(word_at, word_at + len(word)) if word is not None and word_at is not None else None,
        aspiration=aspiration is not None,
        each=each is not None,
        per=per,
        location=segment.location,
        rule=_rule(match, value_max),
        span=segment.span(start, match.end()),
    )
    return Mention(quantity, segment, start, match.end(), per_text, per_start, match.group("scale"))


def _rule(match: re.Match[str], value_max: object) -> str:
    if match.group("numeral"):
        return "counted-word"
    if match.group("lost") is not None:
        return "unit-missing"
    return "range" if value_max is not None else "number-unit"


def _aspiration(text: str, clause: int, at: int) -> re.Match[str] | None:
    """The last 力争 (or 争取 …) of the clause before `at`, or None."""
    last = None
    for last in patterns.ASPIRATION.finditer(text, clause, at):  # noqa: B007 (the last one is wanted)
        pass
    return last


def _basis(text: str, clause: int, start: int, *, money: bool) -> tuple[str | None, str | None, int | None]:
    """The 每… (or 人均) basis before a figure: (per, as written, local start).

    For money the basis may stand anywhere earlier in the clause (每人每年补贴12000元, 户均补助
    不超过5000元); for counts it must be right before the figure (不超过每生每年10个月).
    """
    average = patterns.AVERAGE_BEFORE.search(text, max(clause, start - 2), start)
    if average:
        return average.group("noun"), average.group(), average.start()
    last: tuple[str | None, str | None, int | None] = (None, None, None)
    at = text.find("每", clause, start)
    while at >= 0:
        nouns, end = [], at
        while piece := patterns.PER_PIECE.match(text, end, start):
            nouns.append(piece.group("noun"))
            end = piece.end()
        if nouns:
            adjacent = not text[end:start].strip(" \xa0\u3000") and all(len(noun) <= 4 for noun in nouns)
            last = (numbers.per_from_nouns(nouns), text[at:end], at) if money or adjacent else (None, None, None)
        at = text.find("每", max(end, at + 1), start)
    averages = list(patterns.AVERAGE.finditer(text, clause, start)) if last[0] is None and money else []
    if averages:  # 户均补助不超过5000元: the last 人均/户均 of the clause, for an amount
        return averages[-1].group("noun"), averages[-1].group(), averages[-1].start()
    return last


def _runs(mentions: list[Mention]) -> list[list[Mention]]:
    """Figures written as one list (80%、75%、60%; 1155 元/月和 1575元/月), two or more each."""
    runs: list[list[Mention]] = []
    for mention in mentions:
        previous = runs[-1][-1] if runs else None
        if (
            previous is not None
            and previous.segment is mention.segment
            and previous.quantity.unit == mention.quantity.unit
            and patterns.RUN_JOINER.match(mention.segment.text[previous.end : mention.start])
        ):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    return [run for run in runs if len(run) >= 2]


def _share_qualifiers(runs: list[list[Mention]]) -> None:
    """Let the figures of one list share the qualifier written once (不低于80%、75%、60%; 98%和95%以上)."""
    for run in runs:
        first, last = run[0].quantity, run[-1].quantity
        if first.qualifier_text in patterns.PREFIX_QUALIFIERS:
            _spread(first, run[1:])
        if last.qualifier_text in patterns.SUFFIX_QUALIFIERS:
            _spread(last, run[:-1])


def _spread(source: Quantity, targets: list[Mention]) -> None:
    for target in targets:
        if target.quantity.qualifier == "exact":
            target.quantity.qualifier = source.qualifier
            target.quantity.qualifier_text = source.qualifier_text
            target.quantity.qualifier_span = source.qualifier_span
            target.quantity.rule += "+shared-qualifier"


def _mark_roles(mentions: list[Mention]) -> None:
    """从X提高到Y: X is the baseline, Y the target."""
    for first, second in itertools.pairwise(mentions):
        text = first.segment.text
        if (
            first.segment is second.segment
            and patterns.FROM_BEFORE.search(text, max(0, first.start - 4), first.start)
            and patterns.CHANGE_TO.match(text[first.end : second.start])
        ):
            first.quantity.role, second.quantity.role = "baseline", "target"
            second.quantity.subject = first.quantity.subject
