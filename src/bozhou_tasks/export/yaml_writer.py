"""A YAML writer for documents: the bytes PyYAML with libyaml writes, without PyYAML's Python layers.

`yaml.dump` runs a representer (a node per value) and a resolver (regular expressions per
string) in Python around libyaml's C emitter; for a document of a few thousand values that
costs more than the parse that produced it. `dump` writes the same text directly, for the
shapes a document has: mappings with string keys, lists, strings, integers, floats,
booleans and None, with the styles `documents` asks for (multi-line strings as literal
blocks, lists of numbers on one line, block style elsewhere, width 120, Unicode unescaped).

It follows libyaml's rules (emitter.c: `yaml_emitter_analyze_scalar`,
`yaml_emitter_choose_scalar_style`, `yaml_emitter_write_plain`, `…_single_quoted`,
`…_literal`) for plain, single-quoted and literal scalars. Where libyaml would do something
this writer does not reproduce (a double-quoted scalar with escapes, a block scalar that
needs an indentation or keep indicator, a flow list that wraps, a key that is not a short
plain string) it raises `UnsupportedError`, and `documents.to_yaml` hands the document to PyYAML.
tests/test_same_output.py compares the two writers on every document, and
tests/test_yaml_writer.py on generated strings.
"""

from __future__ import annotations

import re
from typing import Any

from yaml.resolver import Resolver

WIDTH = 120
"""libyaml's best width as `documents` sets it: plain and quoted scalars fold at a space past this column."""

_STR = "tag:yaml.org,2002:str"
_RESOLVERS: dict[str | None, list[tuple[str, re.Pattern[str]]]] = Resolver.yaml_implicit_resolvers
"""The resolver's patterns by first character: a plain scalar that one of them matches is not a string."""

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff\U00010000-\U0010ffff]")
"""Characters libyaml escapes or treats as line breaks: controls (tab and line breaks among them), DEL and
the C1 controls (NEL among them), U+2028/9, surrogates, the BOM, U+FFFE/F, and every character beyond the
Basic Multilingual Plane, which its printable test leaves out. Written as the characters, not as the
complement of the printable ones: that class takes 20 ms to compile, a cost of every start."""

_UNSAFE_IN_BLOCK = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff\U00010000-\U0010ffff]"
)
"""The same, but for a literal block, where '\\n' is the line break it is made of."""

_FIRST_INDICATORS = frozenset("#,[]{}&*!|>'\"%@`")
"""Characters that may not start a plain scalar (libyaml: `flow_indicators = block_indicators = 1`)."""

_BLOCK_INDICATOR = re.compile(r"(?:^[?:-](?: |$))|:(?: |$)| #|^(?:---|\.\.\.)")
"""Other places where libyaml sets `block_indicators`: '?', ':' or '-' then a space or the end at
the start; ':' then a space or the end anywhere; '#' after a space; a document marker at the start."""


class UnsupportedError(Exception):
    """The document holds something this writer does not write as libyaml would."""


def dump(data: dict[str, Any]) -> str:
    """`data` as YAML, as `yaml.dump(data, Dumper=<export's dumper>, allow_unicode=True, sort_keys=False,
    width=120)` writes it with libyaml; raises `UnsupportedError` where that is not certain."""
    out: list[str] = []
    if not data:
        return "{}\n"
    _mapping(data, 0, False, out)
    return "".join(out)


def _mapping(mapping: dict[str, Any], indent: int, inline: bool, out: list[str]) -> None:
    child = indent + 2
    for key, value in mapping.items():
        head = _heads.get((key, indent)) or _head(key, indent)
        out.append(head[indent:] if inline else head)
        inline = False
        # the common scalars first, written here rather than through `_value`: a document has thousands
        kind = type(value)
        if kind is str:
            column = indent + len(key) + 2
            if (_styles.get(value) or _style(value)) == "plain" and (
                column + len(value) + 2 <= WIDTH or " " not in value
            ):
                out.append(" " + value + "\n")
            else:
                out.append(" " + _string(value, child, column) + "\n")
        elif kind is int:
            out.append(f" {value}\n")
        elif value is None:
            out.append(" null\n")
        else:
            _value(value, indent, indent + len(key) + 1, True, out)


_heads: dict[tuple[str, int], str] = {}


def _head(key: str, indent: int) -> str:
    """'<indent>key:' for a key that libyaml writes plain as a simple key (raises `UnsupportedError` otherwise)."""
    if not isinstance(key, str) or len(key) > 120 or _style(key) != "plain":
        raise UnsupportedError(f"key {key!r}")
    head = _heads[key, indent] = " " * indent + key + ":"
    if len(_heads) > 10_000:  # the field names of the models, at a few depths: this never fills in practice
        _heads.clear()
    return head


def _sequence(sequence: list[Any], indent: int, inline: bool, out: list[str]) -> None:
    dash = " " * indent + "-"
    column = indent + 2
    for value in sequence:
        out.append("-" if inline else dash)
        inline = False
        if (
            type(value) is str
            and (_styles.get(value) or _style(value)) == "plain"
            and (column + len(value) + 2 <= WIDTH or " " not in value)
        ):
            out.append(" " + value + "\n")
        else:
            _value(value, indent, indent + 1, False, out)


def _value(value: Any, indent: int, column: int, in_mapping: bool, out: list[str]) -> None:
    """`value` after a key's ':' or a sequence's '-' (which end at `column`), up to its last line break."""
    if isinstance(value, dict):
        if not value:
            out.append(" {}\n")
        elif in_mapping:
            out.append("\n")
            _mapping(value, indent + 2, False, out)
        else:
            out.append(" ")
            _mapping(value, indent + 2, True, out)
    elif isinstance(value, list):
        if not value:
            out.append(" []\n")
        elif all(isinstance(v, int | float) for v in value):
            line = "[" + ", ".join(_number(v) for v in value) + "]"
            if column + 1 + len(line) > WIDTH:  # libyaml would start a new line within it
                raise UnsupportedError("a long flow sequence")
            out.append(" " + line + "\n")
        elif in_mapping:  # a sequence in a mapping is not indented further (PyYAML's indentless style)
            out.append("\n")
            _sequence(value, indent, False, out)
        else:
            out.append(" ")
            _sequence(value, indent + 2, True, out)
    elif isinstance(value, str):
        out.append(" " + _string(value, indent + 2, column + 1) + "\n")
    else:
        out.append(" " + _number(value) + "\n")


def _number(value: Any) -> str:
    """None, a boolean, an integer or a float as PyYAML's SafeRepresenter writes them."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return ".nan"
        if value in (float("inf"), float("-inf")):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value).lower()
        return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text
    raise UnsupportedError(f"a {type(value).__name__}")


_styles: dict[str, str] = {}


def _style(value: str) -> str:
    """'plain', 'single' or 'literal': the style libyaml gives `value` (raises `UnsupportedError` for others)."""
    style = _styles.get(value)
    if style is None:
        style = _choose(value)
        if len(value) <= _CACHED_LENGTH:  # units, rules, labels and names repeat; long texts do not
            if len(_styles) >= 10_000:
                _styles.clear()
            _styles[value] = style
    return style


_CACHED_LENGTH = 40
"""Strings up to this length have their style remembered: a batch of documents must not keep their texts."""


def _choose(value: str) -> str:
    if "\n" in value:
        if (
            _UNSAFE_IN_BLOCK.search(value)
            or value[0] in " \n"  # would need an indentation indicator
            or value.endswith(("\n\n", " "))  # a keep indicator, or a trailing space libyaml double-quotes
            or value == "\n"
            or " \n" in value  # a space before a break: libyaml double-quotes it
        ):
            raise UnsupportedError("a block scalar libyaml writes otherwise")
        return "literal"
    if _UNSAFE.search(value):
        raise UnsupportedError("a scalar libyaml double-quotes")
    if (
        not value
        or value[0] in _FIRST_INDICATORS
        or value[0] == " "
        or value[-1] == " "
        or _BLOCK_INDICATOR.search(value)
        or not _plain_is_string(value)
    ):
        return "single"
    return "plain"


def _plain_is_string(value: str) -> bool:
    """Whether `value`, written plain, reads back as a string (not a number, boolean, date or null)."""
    for tag, pattern in [*_RESOLVERS.get(value[:1], ()), *_RESOLVERS.get(None, ())]:
        if pattern.match(value):
            return bool(tag == _STR)
    return True


def _string(value: str, indent: int, column: int) -> str:
    """`value` as libyaml writes it starting at `column`, continuation lines at `indent`."""
    style = _style(value)
    if style == "literal":
        lines = (value[:-1] if value.endswith("\n") else value).split("\n")
        pad = " " * indent
        chomp = "" if value.endswith("\n") else "-"
        return "|" + chomp + "\n" + "\n".join(pad + line if line else "" for line in lines)
    quote = style == "single"
    text = value.replace("'", "''") if quote else value
    if " " in value and column + len(text) + 2 > WIDTH:
        return _folded(value, indent, column, quote)
    return "'" + text + "'" if quote else text


def _folded(value: str, indent: int, column: int, quote: bool) -> str:
    """A plain or single-quoted scalar that may pass the width: libyaml breaks it at a space there."""
    parts: list[str] = []
    if quote:
        parts.append("'")
        column += 1
    spaces = False
    last = len(value) - 1
    for position, char in enumerate(value):
        if char == " ":
            following = value[position + 1] if position < last else ""
            if not spaces and column > WIDTH and following != " " and (not quote or 0 < position < last):
                parts.append("\n" + " " * indent)
                column = indent
            else:
                parts.append(" ")
                column += 1
            spaces = True
        else:
            if quote and char == "'":
                parts.append("'")
                column += 1
            parts.append(char)
            column += 1
            spaces = False
    if quote:
        parts.append("'")
    return "".join(parts)
