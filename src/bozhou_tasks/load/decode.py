"""Load a source: read its bytes, recognise what it is, and decode it to text.

Decoding is a cascade, most reliable rule first, and the rule that fired is recorded:
BOM → strict UTF-8 → the charset the page declares → the charset of the HTTP header it was
served with (for a fetched page) → a statistical detector.
Bad bytes are never replaced silently: if no rule decodes the input strictly, it is
refused with an error that says so. The one exception is a file cut short in the middle
of a character: the text is kept up to the last whole character and `Loaded.cut_bytes`
says how many bytes were left over, so that the pipeline can report it.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import InputError

Rule = Literal["bom", "utf-8", "declared", "http", "detected", "str"]
"""Which step of the decoding cascade chose the encoding ('str': the caller gave text)."""

HTML_SUFFIXES = (".html", ".htm", ".shtml")
PAGE_SUFFIXES = (*HTML_SUFFIXES, ".txt", ".text")
"""File names a folder of saved pages is searched for (`parse`, freshness checks, exports)."""

MAX_INPUT_BYTES = 50 * 1024 * 1024
"""Refuse inputs above this size, from a file, standard input or memory: a notice page is well
under a megabyte (markup and inline images cost little; see `MAX_TEXT_CHARACTERS` for text)."""

TOO_LARGE = f"more than {MAX_INPUT_BYTES} bytes is too large for a notice page (limit {MAX_INPUT_BYTES})"

MAX_TEXT_CHARACTERS = 500_000
"""Refuse pages whose text is longer: 25 times the bundled notice's 20,750 characters. Reading
text costs far more than reading markup (a page of 600,000 characters of numbered items takes
about 400 MB and 12 s), so this bounds the memory and time of every accepted page."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_CHARSET_ALIASES = {
    # lxml and Python's gb2312 codec stop or fail at the first GBK-only character,
    # and pages declared gb2312 are in practice GBK: read them with the superset.
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "csgb2312": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
}

_DECLARED_CHARSET = re.compile(
    # possessive white space: a long run of it is crossed once, not once per quote tried
    rb"""<meta[^>]{0,200}?charset\s*+=\s*+["']?\s*+(?P<charset>[A-Za-z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)
"""`<meta charset=…>` or `<meta http-equiv=… content="text/html; charset=…">`, in the page's head."""

_XML_DECLARATION = re.compile(rb"""^<\?xml[^>]{0,200}?encoding\s*=\s*["'](?P<charset>[A-Za-z0-9_.:-]{1,40})""")

_HTML_SNIFF = re.compile(
    # each comment is atomic: without (?>…), a run of comments not followed by a tag
    # would be retried with every grouping of its '-->'s, exponentially many
    r"""^\s*+(?:<\?xml\b[^>]{0,200}+>\s*+)?+(?:(?><!--.*?-->)\s*+)*+
    <(?:!doctype\s+html|/?(?:html|head|body|meta|title|div|p|table|span|br))\b""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
"""The text starts with markup a browser would render as HTML (after an XHTML page's XML declaration;
a stray end tag such as `</html>` before the doctype counts: a browser ignores it)."""

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File Binary: .doc, .xls, .ppt, .wps

_SAVE_FROM_BROWSER = "save the notice from the browser as HTML or text and try again"
_SAVE_FROM_WORD = "open it in Word or WPS, save it as a web page (.htm) or plain text (.txt), and try again"

_OFFICE: tuple[tuple[bytes, bytes, str, str], ...] = (
    # (file magic, a part or stream name inside the container, what the file is, what to do)
    (_ZIP, b"word/", "a Word document (.docx)", _SAVE_FROM_WORD),
    (_ZIP, b"xl/", "an Excel workbook (.xlsx)", _SAVE_FROM_BROWSER),
    (_ZIP, b"ppt/", "a PowerPoint file (.pptx)", _SAVE_FROM_BROWSER),
    (_OLE, "WordDocument".encode("utf-16-le"), "a Word document (.doc)", _SAVE_FROM_WORD),
    (_OLE, "Workbook".encode("utf-16-le"), "an Excel workbook (.xls)", _SAVE_FROM_BROWSER),
)
"""Office files, told apart by the names their containers hold (OOXML parts, CFB streams)."""

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (_ZIP, "a ZIP archive (a .docx, .xlsx or similar)"),
    (_OLE, "an old Microsoft Office file (.doc, .xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)


@dataclass(frozen=True)
class Loaded:
    """A decoded source, ready to be turned into text."""

    raw: bytes
    text: str
    path: str | None
    encoding: str
    encoding_rule: Rule
    media_type: Literal["text/html", "text/plain"]
    cut_bytes: int = 0
    """Bytes at the very end that start a character but do not finish it (a file cut short)."""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


def read_source(source: str | bytes | Path) -> tuple[bytes | str, str | None]:
    """Return the raw content of `source` and its path (None for in-memory input).

    A `str` is a path if it names an existing file and has no newline; otherwise it is
    the page's text itself.
    """
    if isinstance(source, bytes | str) and (
        isinstance(source, bytes) or "\n" in source or "<" in source or len(source) > 4096
    ):
        if len(source) > MAX_INPUT_BYTES:  # (a str of that many characters holds at least as many bytes)
            raise InputError(f"input: {TOO_LARGE}")
        return source, None
    path = Path(source)
    if isinstance(source, str) and not path.exists():
        raise InputError(f"{source}: no such file; give the path of a saved notice page (.html or .txt)")
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give a file, or use the CLI to parse a folder")
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"{path}: {size} bytes is too large for a notice page (limit {MAX_INPUT_BYTES})")
        with path.open("rb") as handle:  # at most one byte past the limit: a device or pipe may never end
            raw = handle.read(MAX_INPUT_BYTES + 1)
        if len(raw) > MAX_INPUT_BYTES:
            raise InputError(f"{path}: {TOO_LARGE}")
        return raw, str(source)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; give the path of a saved notice page (.html or .txt)") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc})") from None


def load(source: str | bytes | Path, http_charset: str | None = None) -> Loaded:
    """Read and decode `source` (a path, the raw bytes, or the text itself).

    `http_charset` is the charset of the Content-Type header the page was served with,
    one more piece of evidence for the cascade (see `decode`).
    """
    content, path = read_source(source)
    rule: Rule
    cut = 0
    if isinstance(content, str):
        raw = content.encode("utf-8", "surrogatepass")
        text, encoding, rule = content, "utf-8", "str"
    else:
        raw = content
        _refuse_non_text(raw, path)
        text, encoding, rule, cut = _decode(raw, path, http_charset)
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        # NUL is no character of a page: a browser ignores it in HTML text, libxml2 would make it
        # U+FFFD; dropped here, the HTML save and the text save of one page read the same.
        text = text.replace("\x00", "")
    if not text.strip():
        raise InputError(f"{path or 'input'}: the page is empty; give a saved notice page")
    media_type: Literal["text/html", "text/plain"] = "text/html" if _HTML_SNIFF.match(text[:4096]) else "text/plain"
    problem = text_too_long(len(text)) if media_type == "text/plain" else None
    if problem is not None:  # refused before any work on it (HTML: once its text is counted)
        raise InputError(f"{path or 'input'}: {problem}")
    return Loaded(
        raw=raw, text=text, path=path, encoding=encoding, encoding_rule=rule, media_type=media_type, cut_bytes=cut
    )


def text_too_long(length: int) -> str | None:
    """Why a page whose text is `length` characters long is refused, or None: see `MAX_TEXT_CHARACTERS`."""
    if length <= MAX_TEXT_CHARACTERS:
        return None
    return (
        f"the page's text is {length:,} characters, too long for a notice page (limit {MAX_TEXT_CHARACTERS:,}); "
        "give the notice's own page, not a collection of pages"
    )


def decode(raw: bytes, path: str | None = None, http_charset: str | None = None) -> tuple[str, str, Rule]:
    """Decode `raw` strictly; return (text, encoding, rule).

    An incomplete character at the very end (a file cut short) is left out of the text.
    The page's own declaration comes before the HTTP header's charset: it travels with
    the bytes, while a header is often a server-wide default (`charset=utf-8` in front of
    GBK pages, HTTP/1.1's ISO-8859-1, which decodes any bytes and so is never refuted).
    Each is tried strictly; the header is used when the page declares nothing or its
    declaration does not decode the bytes.
    """
    text, encoding, rule, _ = _decode(raw, path, http_charset)
    return text, encoding, rule


def _decode(raw: bytes, path: str | None, http_charset: str | None = None) -> tuple[str, str, Rule, int]:
    """(text, encoding, rule, bytes of an incomplete last character left out)."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            text, cut = _strict(raw, encoding, path, "bom")
            return text, _codec_name(encoding), "bom", cut
    utf16 = _bomless_utf16(raw) if b"\x00" in raw[:8192] else None
    if utf16 is not None:
        text, cut = _strict(raw, utf16, path, "detected")
        return text, utf16, "detected", cut
    try:
        text, cut = _whole_characters(raw, "utf-8")
        return text, "utf-8", "utf-8", cut
    except UnicodeDecodeError as exc:
        _refuse_damaged_utf8(raw, exc, path)
    declared = declared_charset(raw)
    served = charset_codec(http_charset) if http_charset else None
    if declared is not None:
        try:
            text, cut = _strict(raw, declared, path, "declared")
            return text, declared, "declared", cut
        except InputError:
            if served is None or served == declared:
                raise
    if served is not None:
        text, cut = _strict(raw, served, path, "http")
        return text, served, "http", cut
    detected = _detect(raw)
    if detected is not None:
        text, cut = _strict(raw, detected, path, "detected")
        return text, detected, "detected", cut
    raise InputError(
        f"{path or 'input'}: cannot tell the text encoding; convert the file to UTF-8 "
        "(e.g. iconv -f GB18030 -t UTF-8) and try again"
    )


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
"""A well-formed multi-byte UTF-8 character (near enough to count them: overlongs are rare in text)."""

DAMAGED_UTF8_SHARE = 100
"""Bytes that are UTF-8 but for at most one bad byte in this many multi-byte characters are damaged UTF-8.

Another encoding read as UTF-8 fails on most of its non-ASCII characters (GBK on nearly every
one); a UTF-8 file with a flipped or lost byte fails on one of thousands."""


def _refuse_damaged_utf8(raw: bytes, first: UnicodeDecodeError, path: str | None) -> None:
    """Refuse UTF-8 with a few bad bytes, saying where: no other encoding would read it right."""
    # one U+FFFD per bad byte sequence; an incomplete character at the very end (a cut file) is left pending
    replaced = codecs.getincrementaldecoder("utf-8")("replace").decode(raw, final=False)
    bad = replaced.count("\ufffd") - raw.count("\ufffd".encode())
    characters = len(_UTF8_MULTIBYTE.findall(raw))
    if not bad or characters < DAMAGED_UTF8_SHARE or bad * DAMAGED_UTF8_SHARE > characters:
        return
    line = raw.count(b"\n", 0, first.start) + 1
    raise InputError(
        f"{path or 'input'}: the text is UTF-8 but for {bad} bad byte{'s' if bad > 1 else ''}, the first at byte "
        f"{first.start} (line {line}): the file is damaged; save or download the page again, or mend that line"
    )


def declared_charset(raw: bytes) -> str | None:
    """The charset the page declares (XML declaration or `<meta>`), as a Python codec name."""
    head = raw[:4096]
    match = _XML_DECLARATION.match(head) or _DECLARED_CHARSET.search(head)
    if match is None:
        return None
    codec = charset_codec(match.group("charset").decode("ascii"))
    if codec is None:
        return None
    # A declaration that could be read as ASCII cannot be in UTF-16 or UTF-32: browsers
    # then read the page as UTF-8 (HTML Standard, "prescan a byte stream"), and so do we.
    return "utf-8" if codec.startswith(("utf-16", "utf-32")) else codec


def charset_codec(charset: str) -> str | None:
    """The Python codec that reads a charset label ('GBK' → 'gb18030'); None if unknown."""
    name = charset.strip().strip("\"'").lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        return _codec_name(name)
    except LookupError:
        return None


def _codec_name(name: str) -> str:
    return codecs.lookup(name).name


LONGEST_CHARACTER = 4
"""Most bytes one character takes (UTF-8, GB18030, a UTF-16 surrogate pair, UTF-32)."""


def _whole_characters(raw: bytes, encoding: str) -> tuple[str, int]:
    """Decode `raw` strictly, leaving out an incomplete character at its very end.

    Returns the text and how many bytes were left out. A file cut short (a truncated
    download, a copy stopped half-way) mostly ends inside a multi-byte character; every
    other bad byte raises `UnicodeDecodeError`.
    """
    decoder = codecs.getincrementaldecoder(encoding)()
    text = decoder.decode(raw, final=False)
    pending = len(decoder.getstate()[0])
    if pending > LONGEST_CHARACTER:  # not the start of one character: decode it or fail
        text += decoder.decode(b"", final=True)
        pending = 0
    return text, pending


def _strict(raw: bytes, encoding: str, path: str | None, rule: str) -> tuple[str, int]:
    try:
        return _whole_characters(raw, encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        where = f" at byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else ""
        raise InputError(
            f"{path or 'input'}: bytes are not valid {encoding} ({rule}){where}; "
            "re-save the page as UTF-8 and try again"
        ) from None


def _detect(raw: bytes) -> str | None:
    """Guess the encoding of bytes that are not UTF-8 and declare nothing."""
    from charset_normalizer import from_bytes

    sample = raw[:200_000]
    # The detector gives up on a sample that ends inside a character, as the sample of a
    # larger file or a file cut short may: retry without the last one to three bytes.
    for cut in range(LONGEST_CHARACTER):
        best = from_bytes(sample[: len(sample) - cut]).best()
        if best is not None:
            break
    else:
        return None
    encoding = _CHARSET_ALIASES.get(best.encoding, best.encoding)
    return _codec_name(encoding)


def _refuse_non_text(raw: bytes, path: str | None) -> None:
    """Refuse PDFs, Office files, images and other binaries with a message that names them."""
    name = path or "input"
    if not raw.strip():
        raise InputError(f"{name}: the file is empty; give a saved notice page (.html or .txt)")
    for magic, marker, what, fix in _OFFICE:
        if raw.startswith(magic) and marker in raw:
            raise InputError(f"{name}: this is {what}, not a web page or text; {fix}")
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise InputError(f"{name}: this is {what}, not a web page or text; {_SAVE_FROM_BROWSER}")
    sample = raw[:8192]
    if any(raw.startswith(bom) for bom, _ in _BOMS):
        return
    # NUL bytes: binary unless it is UTF-16 without a BOM; otherwise, too many control bytes
    nul = b"\x00" in sample
    if (nul and _bomless_utf16(raw) is None) or (not nul and _control_bytes(sample) > len(sample) // 100):
        raise InputError(
            f"{name}: this is a binary file, not a web page or text; give a saved notice page (.html or .txt)"
        )


_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x0e\x0f\x1a\x1b")
"""Control bytes that text files do carry: tab, line and page breaks, DOS end-of-file, and
the shift-out, shift-in and escape bytes of the ISO-2022 encodings."""


def _control_bytes(sample: bytes) -> int:
    """How many bytes of `sample` are control characters no text file carries."""
    return sum(1 for byte in sample if byte < 0x20 and byte not in _TEXT_CONTROLS)


def _bomless_utf16(raw: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' if `raw` reads as text in one of them, else None."""
    sample = raw[:8192]
    sample = sample[: len(sample) - len(sample) % 2]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for char in text if char.isprintable() or char in "\r\n\t")
        if "\x00" not in text and printable >= 0.95 * len(text):
            return encoding
    return None
