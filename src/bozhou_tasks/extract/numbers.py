"""The quantity normaliser: exact values from numbers as Chinese notices write them.

3.5万 → 35000, 0.75万 → 7500, "3.6\\xa0亿元" → 360000000, 一场 → 1; the qualifier each word
sets (左右, 约, 不少于, 不低于, 以上, 至少, 不超过, 以内, 以下). Which words qualify a figure is
decided by `quantities`, the one reader of figures. Values are `Decimal`, never float: 8.97万 is
89700 exactly.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from decimal import Decimal
from typing import cast

from ..models import Qualifier
from ..numerals import count_value, tidy
from . import patterns
from .regions import names_starting_with_numerals


def to_decimal(digits: str) -> Decimal:
    """An Arabic number as written (full-width digits and '．' allowed), exactly.

    >>> full_width = ("\uff10\uff0e\uff17\uff15", "\uff12\uff10\uff0c\uff13\uff15\uff10")
    >>> [str(to_decimal(x)) for x in ("3.5", "20,350", *full_width)]
    ['3.5', '20350', '0.75', '20350']
    """
    if digits.isascii():  # the common case: ASCII digits, a point, commas
        return Decimal(digits.replace(",", ""))
    ascii_digits = "".join(str(unicodedata.digit(c)) if c.isdigit() else "." for c in digits if c not in ",\uff0c")
    return Decimal(ascii_digits)


def scaled(number: Decimal, scale: str | None) -> Decimal:
    """`number` times its scale word (万, 亿 …), as a tidy exact value.

    >>> [scaled(Decimal(n), s) for n, s in (("3.5", "万"), ("0.75", "万"), ("3.6", "亿"), ("99.90", None))]
    [Decimal('35000'), Decimal('7500'), Decimal('360000000'), Decimal('99.9')]
    """
    value = number * patterns.SCALES[scale] if scale else number
    return tidy(value)


def prefix_qualifier(word: str) -> Qualifier:
    """The qualifier a word before a figure sets (不少于 → at_least)."""
    return cast(Qualifier, patterns.PREFIX_QUALIFIERS[word])


def suffix_qualifier(word: str) -> Qualifier:
    """The qualifier a word after a figure sets (左右 → approx)."""
    return cast(Qualifier, patterns.SUFFIX_QUALIFIERS[word])


def core(match: re.Match[str]) -> tuple[Decimal, Decimal | None, str, str | None, str | None] | None:
    """Value, upper bound, unit, 余/多 and slash basis of a `patterns.QUANTITY` match."""
    scale = match.group("scale")
    if match.group("lost") is not None and (match.group("numeral") or match.group("number") is None):
        return None  # only digits may stand without their unit: 三万 alone is a word, not a figure
    if match.group("ends") is not None and not _after_a_word(match.string, match.start()):
        return None  # 按照第1, 编号A-12。, (2)…: a number that ends its clause is a figure only after a word
    if match.group("numeral"):
        if match.string.startswith(names_starting_with_numerals(), match.start("numeral")):
            return None  # 七台河, 六安: a place name, not a count
        count = count_value(match.group("numeral"))
        if count is None:
            return None
        value = scaled(Decimal(count), scale)
    else:
        value = scaled(to_decimal(match.group("number")), scale)
    upper = match.group("upper")
    value_max = scaled(to_decimal(upper), scale) if upper else None
    if value_max is not None and value_max <= value:
        return None  # 6—2 is not a range
    # the unit as written: 套(间) keeps its parentheses, a full-width percent sign its width; '' when lost
    # units and bases are a small vocabulary written in every figure: one string of each (sys.intern)
    unit = sys.intern(match.group("unit") or "")
    return value, value_max, unit, match.group("about"), per_of(match.group("per"))


def _after_a_word(text: str, at: int) -> bool:
    """The character before `at` is a Chinese character that does not make the number a rank, a
    rate's base or a name's part (第, 每, 号 …): 人员2900, 提高至640, not 第3 or 每100."""
    before = text[at - 1] if at else ""
    return "\u4e00" <= before <= "\u9fff" and before not in patterns.NOT_A_WORD_BEFORE_A_FIGURE


def counted_word_stands_alone(match: re.Match[str]) -> bool:
    """Whether a count in words is a figure without a qualifier before it: 三项, 两个, 十余个, 四家.

    一 and 百 alone are not (一个窗口, 一次性, 百家): those are idioms far more often than counts;
    nor is 二次 (二次供水: secondary). After 不少于 or 至少 they are counts (不少于一场), and
    with a scale word they are figures (一万人, 百万元).
    """
    numeral = match.group("numeral") or ""
    if numeral in ("一", "百"):
        return bool(match.group("scale"))
    return not (numeral == "二" and match.group("unit") == "次")


def per_of(written: str | None) -> str | None:
    """A slash basis as written, with its separators made uniform (生・年 → 生·年)."""
    if not written:
        return None
    return sys.intern(written.replace("・", "·").replace("•", "·"))


def per_from_nouns(nouns: list[str]) -> str:
    """A basis from its 每… nouns: entities in written order, then time words (每年每院 → 院·年).

    >>> per_from_nouns(["年", "院"]), per_from_nouns(["人", "学年"]), per_from_nouns(["新生儿"])
    ('院·年', '人·学年', '新生儿')
    """
    times = [n for n in nouns if n in patterns.TIME_BASES]
    return sys.intern("·".join([n for n in nouns if n not in patterns.TIME_BASES] + times))
