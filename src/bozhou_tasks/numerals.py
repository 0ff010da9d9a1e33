"""Chinese numerals as used for numbering and counting (一 … 九十九, 一百 …, 两), and full-width digits."""

from __future__ import annotations

import unicodedata

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


def int_to_cn(number: int) -> str:
    """The inverse of `cn_to_int` for 1…999 (二十一, 一百零三).

    >>> [int_to_cn(n) for n in (1, 10, 12, 21, 50, 103)]
    ['一', '十', '十二', '二十一', '五十', '一百零三']
    """
    if not 0 < number < 1000:
        raise ValueError(f"{number} is outside 1…999")
    names = "零一二三四五六七八九"
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    out = ""
    if hundreds:
        out += names[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else names[tens]) + "十"
    if units:
        out += names[units]
    return out


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
