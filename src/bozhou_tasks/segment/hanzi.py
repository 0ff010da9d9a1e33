"""Traditional-script pages: fold to simplified characters for matching, keep the original.

Some mirrors of a notice (and some county sites) publish it in traditional characters:
項 for 项, 實事, 牽頭單位, 辦公室, 索引號. The patterns are written in simplified
characters, so the segmenter matches them on a *folded* copy of the text and slices every
quoted value from the original. Folding maps one character to one character, so an
offset in the folded text is the same offset in the original and every span stays valid.

The default is a small built-in table (`TRADITIONAL`) covering the characters the
patterns need. When OpenCC is installed (`pip install 'bz-tasks[traditional]'`, the
`opencc` package, or `opencc-python-reimplemented`), its traditional→simplified table
is used as well, one character at a time, so that other traditional characters fold
too; a conversion that is not one character to one character is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

TRADITIONAL = (
    # Plan titles and counts: 實施方案, 清單, 計劃, 項, 兩
    "實实 項项 兩两 單单 計计 劃划 "
    # Lead units and measures: 牽頭單位, 責任單位, 部門, 協辦, 參與, 推進舉措, 具體措施
    "牽牵 頭头 責责 門门 協协 辦办 參参 與与 進进 舉举 體体 "
    # Metadata labels: 索引號, 組配分類, 發佈機構, 主題分類, 關鍵詞, 名稱, 文號, 諮詢電話
    "號号 組组 類类 發发 佈布 機机 構构 題题 關关 於于 鍵键 詞词 稱称 諮咨 詢询 電电 話话 "
    # Byline: 發佈時間, 信息來源, 瀏覽次數, 字體
    "時时 間间 來来 瀏浏 覽览 數数 "
    # Footer: 版權所有, 網站標識碼, 公網安備, 技術支持, 網站地圖, 聯繫我們, ICP證
    "權权 網网 標标 識识 碼码 備备 術术 圖图 聯联 繫系 們们 證证 "
    # Injected advertising: 賭場, 百家樂, 娛樂城, 老虎機, 真人視訊, 註冊, 是什麼, 首頁, 下載, 登錄
    "賭赌 場场 樂乐 娛娱 視视 訊讯 註注 冊册 麼么 頁页 載载 錄录 "
    # Interpretations and addressees: 解讀, 答記者問, 各縣區, 政務
    "讀读 記记 問问 縣县 區区 務务 "
    # Neighbours of a plan: 政府工作報告, 人民代表大會, 完成情況, 工作要點, 徵求意見, 候選
    "報报 會会 況况 點点 見见 徵征 選选 "
    # Sections, categories and counts: 總體要求, 主要任務, 促進就業, 萬, 個
    "總总 業业 萬万 個个"
)
"""Traditional → simplified pairs for the characters in `patterns` (and 辦公室 in issuers).

Source: the standard simplification of each character (通用规范汉字表); every pair agrees
with OpenCC's t2s table, which the test suite checks when OpenCC is installed.
"""

BUILTIN: dict[int, str] = {ord(pair[0]): pair[1] for pair in TRADITIONAL.split()}
"""`TRADITIONAL` as a `str.translate` table."""

_BUILTIN_CHARACTER = re.compile("[" + "".join(chr(code) for code in BUILTIN) + "]")
"""Any character `BUILTIN` folds: where there is none, folding is the identity."""


def fold(text: str, *, use_opencc: bool = True) -> str:
    """`text` with traditional characters replaced by simplified ones, one for one.

    >>> fold("牽頭單位:市教育局;2025年30項")
    '牵头单位:市教育局;2025年30项'
    >>> len(fold("實事")) == len("實事")
    True
    """
    converter = _opencc() if use_opencc else None
    if converter is not None:
        return text.translate({**BUILTIN, **_opencc_table(converter, text)})
    if not _BUILTIN_CHARACTER.search(text):  # most pages: one scan in C, not a lookup per character
        return text
    return text.translate(BUILTIN)


def backend() -> str:
    """Which table `fold` uses: 'opencc' when OpenCC is installed, else 'builtin'."""
    return "opencc" if _opencc() is not None else "builtin"


@cache
def _opencc() -> Callable[[str], str] | None:
    """OpenCC's t2s converter, or None when neither OpenCC package is installed."""
    try:
        import opencc  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    for config in ("t2s", "t2s.json"):  # opencc-python-reimplemented, then OpenCC's own bindings
        try:
            convert: Callable[[str], str] = opencc.OpenCC(config).convert
            convert("項")
        except Exception:  # a broken or differently configured install: try the next name
            continue
        return convert
    return None


def _opencc_table(convert: Callable[[str], str], text: str) -> dict[int, str]:
    """OpenCC's one-to-one conversions of the non-ASCII characters in `text`."""
    chars = sorted({char for char in text if ord(char) > 0x2E7F})  # CJK and beyond
    if not chars:
        return {}
    converted = convert("\n".join(chars)).split("\n")  # one per line: no phrase spans two characters
    if len(converted) != len(chars):
        return {}
    return {ord(a): b for a, b in zip(chars, converted, strict=True) if len(b) == 1 and b != a}
