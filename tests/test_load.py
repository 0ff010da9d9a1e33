"""Reading and decoding sources: the cascade BOM → UTF-8 → declared → detected."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from bozhou_tasks.errors import InputError
from bozhou_tasks.load.decode import declared_charset, load

SAMPLE = "(一)促进重点群体稳定就业,城镇新增就业3.5万人左右。(牵头单位:市人力资源社会保障局)\n"
GBK_ONLY = "朱镕基、王喆"  # 镕 and 喆 are in GBK but not in GB2312

DECODING = [
    # name, bytes, expected encoding, expected rule
    ("utf-8", SAMPLE.encode("utf-8"), "utf-8", "utf-8"),
    ("utf-8 with BOM", codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig", "bom"),
    ("utf-16 with BOM", SAMPLE.encode("utf-16"), "utf-16", "bom"),
    ("utf-16-le without BOM", SAMPLE.encode("utf-16-le"), "utf-16-le", "detected"),
    (
        "gb2312 declared, GBK content",
        f'<html><head><meta charset="gb2312"></head><body><p>{GBK_ONLY}{SAMPLE}</p></body></html>'.encode("gbk"),
        "gb18030",
        "declared",
    ),
    (
        "http-equiv charset",
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=GBK"></head><p>{SAMPLE}</p>'.encode(
            "gb18030"
        ),
        "gb18030",
        "declared",
    ),
]


@pytest.mark.parametrize(("raw", "encoding", "rule"), [c[1:] for c in DECODING], ids=[c[0] for c in DECODING])
def test_decoding_cascade(raw: bytes, encoding: str, rule: str) -> None:
    loaded = load(raw)
    assert (loaded.encoding, loaded.encoding_rule) == (encoding, rule)
    assert "促进重点群体稳定就业" in loaded.text
    assert not loaded.text.startswith("\ufeff")


def test_undeclared_gb18030_is_detected() -> None:
    raw = (SAMPLE * 20).encode("gb18030")
    loaded = load(raw)
    assert loaded.encoding_rule == "detected"
    assert loaded.text == SAMPLE * 20


def test_gb2312_alias_reads_gbk_only_characters() -> None:
    assert declared_charset(b'<meta charset="gb2312">') == "gb18030"
    assert declared_charset(b"<meta charset=utf-8>") == "utf-8"
    assert declared_charset(b'<meta charset="no-such-codec">') is None


def test_bad_bytes_for_the_declared_charset_are_refused_not_replaced() -> None:
    raw = b'<html><head><meta charset="utf-16"></head>\xff\xfe\xfd'
    with pytest.raises(InputError, match="not valid"):
        load(raw[:-1] + b"\x81")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n\t", "the file is empty"),
        (b"%PDF-1.7\n...", "this is a PDF file"),
        (b"PK\x03\x04\x14\x00", "ZIP archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "old Microsoft Office file"),
        (bytes(range(256)) * 4, "binary file"),
    ],
    ids=["empty", "blank", "pdf", "docx", "doc", "binary"],
)
def test_refused_inputs_say_what_they_are(raw: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load(raw)


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load(tmp_path / "missing.html")


def test_media_type_is_sniffed_from_content() -> None:
    assert load("<!DOCTYPE html><html><body><p>x</p></body></html>").media_type == "text/html"
    assert load("<p>一、促进就业(3项)</p>\n").media_type == "text/html"
    assert load("一、促进就业(3项)\n").media_type == "text/plain"
