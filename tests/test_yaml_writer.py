"""yaml_writer writes what PyYAML with libyaml writes, or says it cannot.

Generated documents of the shapes a document has (mappings, lists, strings, numbers,
booleans, None), with strings built from the characters that decide a scalar's style:
indicators, spaces, quotes, line breaks, tabs, CJK text and long runs that pass the width.
Whenever the writer does not raise `UnsupportedError`, its text must equal PyYAML's.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bozhou_tasks.export import yaml_writer

from .test_same_output import reference_yaml

PIECES = [
    "a", "b", "z", "0", "1", "9", "12", "2024-03-28", "1.", "1.5", "3e5", "0x1F", "1_000", "1:20",
    " ", "  ", "\n", "\n\n", "\t", "\r", "\x85", "\u2028", "\ufeff", "\x7f", "\x00",
    "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", '"', "%", "@", "`", ".", "~",
    "---", "...", ": ", " #", "yes", "No", "null", "true", "on", "=", "<<",
    "亳州市", "民生实事", "项", "(一)", "、", ":", ",", "；", "\u3000", "\xa0", "\uff11\uff12", "𠀀",
    "x" * 60, "很长的中文" * 15, "word " * 12,
]  # fmt: skip

strings = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
keys = st.sampled_from(["text", "span", "value", "a_long_field_name_of_a_model", "n"])
scalars = st.one_of(
    strings,
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.lists(st.one_of(st.integers(0, 10**6), st.floats(allow_nan=False)), max_size=40),
        st.dictionaries(keys, children, max_size=5),
    ),
    max_leaves=30,
)


def _same_or_unsupported(data: dict[str, Any]) -> None:
    try:
        written = yaml_writer.dump(data)
    except yaml_writer.UnsupportedError:
        return
    assert written == reference_yaml(data)


@settings(max_examples=600, deadline=None)
@given(st.dictionaries(keys, documents, min_size=1, max_size=6))
def test_generated_documents(data: dict[str, Any]) -> None:
    _same_or_unsupported(data)


@settings(max_examples=600, deadline=None)
@given(strings, st.integers(0, 4))
def test_generated_strings_at_every_depth(value: str, depth: int) -> None:
    nested: Any = value
    for level in range(depth):
        nested = {"text": nested} if level % 2 else [nested, "x"]
    _same_or_unsupported({"value": nested, "list": [value], "items": [{"text": value, "span": [1, 2]}]})


@pytest.mark.parametrize(
    "value",
    [
        "plain 中文",
        "2024-03-28",
        "1.",
        "it's",
        "a: b",
        "a #b",
        "- a",
        "-a",
        ":a",
        "?",
        "",
        "第一行\n第二行\n",
        "第一行\n\n第三行",
        ("word " * 40).strip(),
        "'" + ("word " * 40).strip(),
        "很长" * 70,
    ],
)
def test_styles(value: str) -> None:
    _same_or_unsupported({"text": value, "list": [value], "items": [{"text": value}]})


@pytest.mark.parametrize(
    "value",
    ["a\tb", "trailing \n", " leading\nbreak", "\nfirst", "keep\n\n", "\x85", "\ufeff"],
)
def test_what_it_leaves_to_pyyaml(value: str) -> None:
    with pytest.raises(yaml_writer.UnsupportedError):
        yaml_writer.dump({"text": value})


def test_the_unsafe_characters_are_the_complement_of_libyamls_printable_ones() -> None:
    import re

    printable = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
    for code in range(0x110000):
        char = chr(code)
        assert bool(yaml_writer._UNSAFE.match(char)) is not bool(printable.match(char)), hex(code)
        assert bool(yaml_writer._UNSAFE_IN_BLOCK.match(char)) is (char != "\n" and not printable.match(char))
