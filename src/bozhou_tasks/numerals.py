"""Chinese numerals as used for numbering and counting (一 … 九十九, 一百 …, 两), full-width digits,
and exact values written back plainly (`tidy`, `plain`: the one place decimals are formatted)."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
"""Digit characters (两 is the counting form of 2)."""

MULTIPLIERS = {"十": 10, "百": 100}

TRADITIONAL = str.maketrans({"兩": "两", "參": "三", "叁": "三", "貳": "二", "拾": "十", "壹": "一", "佰": "百"})
"""Traditional and financial forms of numeral characters (兩個, 壹佰), read as their common forms."""


def cn_to_int(numeral: str) -> int | None:
    """The value of a Chinese numeral such as 一, 十二, 二十一, 五十, 一百零三; None if malformed.

    >>> [cn_to_int(n) for n in ("一", "十", "十二", "二十一", "五十", "一百零三", "十十")]
    [1, 10, 12, 21, 50, 103, None]
    """
    if not numeral:
        return None
    total = 0
    digit: int | None = None
    last_multiplier = 1000
    for char in numeral:
        if char in DIGITS:
            if digit is not None and digit != 0:
                return None  # two digits in a row: 一二
            digit = DIGITS[char]
        elif char in MULTIPLIERS:
            multiplier = MULTIPLIERS[char]
            if multiplier >= last_multiplier:
                return None  # 十十, 十百
            total += (1 if digit is None else digit) * multiplier
            digit = None
            last_multiplier = multiplier
        else:
            return None
    if digit is not None:
        total += digit
    return total if total > 0 else None


def count_value(written: str) -> int | None:
    """The value of a count as written: Chinese numerals (三, 十二, 两, 兩), ASCII or full-width digits (\uff15\uff10).

    For segmentation and extraction alike: category counts (三项), plan counts (\uff15\uff10项), counts
    after a figure's subject (两个). Surrounding white space is ignored; None if malformed.

    >>> [count_value(x) for x in ("三", "十二", "两", "兩", "\uff15\uff10", "50", " 7 ", "三5", "")]
    [3, 12, 2, 2, 50, 50, 7, None, None]
    """
    written = written.strip(" \t\xa0\u3000")
    if not written:
        return None
    if all(char.isdigit() for char in written):
        try:
            return int("".join(str(unicodedata.digit(char)) for char in written))
        except ValueError:
            return None  # a digit-like character with no decimal value (superscripts)
    return cn_to_int(written.translate(TRADITIONAL))


def tidy(value: Decimal) -> Decimal:
    """`value` without trailing zeros and without an exponent (7500.00 → 7500, 99.90 → 99.9, 5E+1 → 50).

    >>> [tidy(Decimal(x)) for x in ("7500.00", "99.90", "5E+1", "0.50")]
    [Decimal('7500'), Decimal('99.9'), Decimal('50'), Decimal('0.5')]
    """
    if value == value.to_integral_value():
        return Decimal(int(value))
    return Decimal(format(value.normalize(), "f"))


def plain(value: Decimal) -> str:
    """A value as people write it: 35000, 4.1, 0.5 (no exponent, no trailing zeros).

    >>> [plain(Decimal(x)) for x in ("3.5E+4", "4.10", "0.5")]
    ['35000', '4.1', '0.5']
    """
    return str(tidy(value))
