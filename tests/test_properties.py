"""Generated edits of the real page never crash the parser and never lose a line.

Hypothesis edits the bundled page the way copying, saving and hand-editing do: it
deletes, duplicates, swaps and joins lines, inserts random text (new lines included),
changes white space and line ends, and switches punctuation between ASCII and full width;
in the HTML page it also inserts stray or unclosed markup (`</html>`, `<svg>`, `<table>` …)
between tags. Each edited page either parses, or is refused with a one-line `InputError`
(it may no longer be a notice); a parsed one keeps every visible character in exactly
one part and every span on its text. An HTML page shows every character a browser shows: its
text is checked against html5lib's tree (the WHATWG tree builder's) rendered by the same
rules. Documents round-trip exactly through JSON and through YAML (safe loader).

The runs are derandomized (seeded per test, no example database), so the same command
tests the same inputs every time. Hypothesis also draws constants from the project's
loaded modules, so running this file alone gives another, equally fixed, sequence than
the whole suite. The number of generated inputs is printed in the test summary.
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bozhou_tasks
from bozhou_tasks.errors import InputError
from bozhou_tasks.export import documents as export
from bozhou_tasks.models import Notice

from .conftest import PAGE_HTML, PAGE_TXT, PROPERTY_RUNS, ROOT
from .invariants import assert_lossless, assert_spans_slice, browser_text, visible

TXT = PAGE_TXT.read_text(encoding="utf-8")
TXT_LINES = TXT.split("\n")
HTML_LINES = PAGE_HTML.read_text(encoding="utf-8").split("\n")
PLAN_AT = TXT_LINES.index("亳州市2024年50项民生实事实施方案")
FOOTER_AT = next(i for i, line in enumerate(TXT_LINES) if line.startswith("Copyright"))

PROPERTY = settings(max_examples=100, deadline=None, derandomize=True, database=None, print_blob=False)
"""Fast and deterministic: a fixed sequence of inputs, no time limit per example."""

RUNS: Counter[str] = Counter()
"""Generated inputs each property ran, by outcome; printed in the test summary."""


@pytest.fixture(scope="module", autouse=True)
def report_runs(request: pytest.FixtureRequest) -> None:
    request.config.stash[PROPERTY_RUNS] = RUNS


# --- edits ------------------------------------------------------------------------------

ASCII_TO_WIDE = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", ".": "．"}
WIDE_TO_ASCII = {wide: narrow for narrow, wide in ASCII_TO_WIDE.items()}
WHITE_SPACE = (" ", "\t", "\xa0", "\u3000", "\u2002", "\u200b", "\ufeff", "\r", "\x0c")
PAGE_CHARACTERS = sorted(set("".join(TXT_LINES)))

characters = st.one_of(
    st.sampled_from(PAGE_CHARACTERS),
    st.sampled_from([*WHITE_SPACE, "\n", *ASCII_TO_WIDE, *WIDE_TO_ASCII, "一、", "(一)", "1.", "推进措施:"]),
    st.characters(exclude_categories=("Cs",)),  # anything UTF-8 can carry
)
random_text = st.lists(characters, max_size=30).map("".join)

Edit = Callable[[st.DrawFn, list[str]], list[str]]


def _index(draw: st.DrawFn, lines: list[str]) -> int:
    return draw(st.integers(0, max(len(lines) - 1, 0)))


def delete(draw: st.DrawFn, lines: list[str]) -> list[str]:
    index = _index(draw, lines)
    return lines[:index] + lines[index + 1 :]


def duplicate(draw: st.DrawFn, lines: list[str]) -> list[str]:
    index = _index(draw, lines)
    return lines[: index + 1] + lines[index:]


def swap(draw: st.DrawFn, lines: list[str]) -> list[str]:
    first, second = _index(draw, lines), _index(draw, lines)
    lines = list(lines)
    if lines:
        lines[first], lines[second] = lines[second], lines[first]
    return lines


def insert_text(draw: st.DrawFn, lines: list[str]) -> list[str]:
    index = _index(draw, lines)
    line = lines[index] if lines else ""
    at = draw(st.integers(0, len(line)))
    return [*lines[:index], line[:at] + draw(random_text) + line[at:], *lines[index + 1 :]]


def change_white_space(draw: st.DrawFn, lines: list[str]) -> list[str]:
    index = _index(draw, lines)
    line = lines[index] if lines else ""
    space = draw(st.text(st.sampled_from(WHITE_SPACE), min_size=1, max_size=4))
    changed = draw(
        st.sampled_from(
            [
                space + line,  # indented
                line + space,  # trailing
                line.replace(" ", space),  # another kind of space
                line + "\r",  # a CRLF line end
                space,  # a line of white space only
            ]
        )
    )
    return [*lines[:index], changed, *lines[index + 1 :]]


def change_punctuation_width(draw: st.DrawFn, lines: list[str]) -> list[str]:
    index = _index(draw, lines)
    line = lines[index] if lines else ""
    flips = draw(st.randoms(use_true_random=False))
    table = draw(st.sampled_from([ASCII_TO_WIDE, WIDE_TO_ASCII]))
    changed = "".join(table[c] if c in table and flips.random() < 0.5 else c for c in line)
    return [*lines[:index], changed, *lines[index + 1 :]]


def join(draw: st.DrawFn, lines: list[str]) -> list[str]:
    """Two neighbouring lines run together, as when a line break is lost: a category and its items on one line."""
    index = _index(draw, lines[:-1])
    if len(lines) < 2:
        return lines
    glue = draw(st.sampled_from(["", " ", "\u3000", ";"]))
    return [*lines[:index], lines[index] + glue + lines[index + 1], *lines[index + 2 :]]


EDITS: list[Edit] = [delete, duplicate, swap, join, insert_text, change_white_space, change_punctuation_width]

MARKUP = (
    "</html>",
    "</body>",
    "<html>",
    "<body>",
    "</head>",
    "<svg>",
    "<math>",
    "<svg><circle/></svg>",
    "<embed>",
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "</span>",
    "<b>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "<ul>",
    "<li>",
    "</li>",
    "<br>",
    "<hr>",
    "<form>",
    "</a>",
    "&nbsp;",
    "&amp;",
    "\x00",
)
"""Stray and unclosed markup a browser reads past: libxml2 must show the same text."""

SWALLOWING_MARKUP = ("<select>", "<template>", "<textarea>", "<title>", "<script>", "<!--", "<iframe>")
"""Unclosed elements whose content a browser hides to the end of the page (libxml2 may hide less)."""


def _markup_edit(choices: tuple[str, ...]) -> Edit:
    def insert_markup(draw: st.DrawFn, lines: list[str]) -> list[str]:
        """Markup inserted between two tags (or at a line's edge), where hand edits and broken templates put it."""
        index = _index(draw, lines)
        line = lines[index] if lines else ""
        boundaries = sorted(
            {
                0,
                len(line),
                *(i for i, c in enumerate(line) if c == "<"),
                *(i + 1 for i, c in enumerate(line) if c == ">"),
            }
        )
        if index == 0:  # not before the page's first tag: a page that does not start with markup is text
            boundaries = [at for at in boundaries if at > 0] or [len(line)]
        at = draw(st.sampled_from(boundaries))
        return [*lines[:index], line[:at] + draw(st.sampled_from(choices)) + line[at:], *lines[index + 1 :]]

    return insert_markup


insert_markup = _markup_edit(MARKUP)
HTML_EDITS: list[Edit] = [*EDITS, insert_markup, _markup_edit(SWALLOWING_MARKUP)]


@st.composite
def edited(draw: st.DrawFn, lines: list[str], most: int = 6, edits: list[Edit] = EDITS) -> str:
    for _ in range(draw(st.integers(1, most))):
        lines = draw(st.sampled_from(edits))(draw, lines)
    return "\n".join(lines)


@st.composite
def plan_windows(draw: st.DrawFn) -> str:
    """The plan title and a window of up to 15 lines of the plan, edited: small documents."""
    start = draw(st.integers(PLAN_AT + 1, FOOTER_AT - 1))
    window = TXT_LINES[start : start + draw(st.integers(1, 15))]
    return draw(edited([TXT_LINES[PLAN_AT], *window], most=3))


def parse_or_refuse(page: str, runs: str) -> Notice | None:
    """The parsed document, or None when the page is refused with a one-line `InputError`."""
    try:
        notice = bozhou_tasks.parse(page.encode("utf-8"))
    except InputError as exc:
        message = str(exc)
        assert message.startswith("input: ")
        assert "\n" not in message
        RUNS[f"{runs} refused"] += 1
        return None
    RUNS[f"{runs} parsed"] += 1
    return notice


# --- properties ---------------------------------------------------------------------------


@PROPERTY
@given(edited(TXT_LINES))
def test_edited_text_capture_keeps_every_line(page: str) -> None:
    notice = parse_or_refuse(page, "text capture")
    if notice is not None:
        assert_lossless(notice)
        assert_spans_slice(notice)


@settings(PROPERTY, suppress_health_check=[HealthCheck.too_slow])
@given(edited(HTML_LINES, edits=HTML_EDITS))
def test_edited_html_page_keeps_every_line(page: str) -> None:
    notice = parse_or_refuse(page, "html page")
    if notice is not None:
        assert_lossless(notice)
        assert_spans_slice(notice)
        lost = Counter(visible(browser_text(page))) - Counter(visible(notice.text))
        assert not lost, f"a browser shows {''.join(lost.elements())[:80]!r} that the document lacks"


@settings(PROPERTY, suppress_health_check=[HealthCheck.too_slow])
@given(edited(HTML_LINES, most=4, edits=[insert_markup]))
def test_stray_markup_reads_as_a_browser_reads_it(page: str) -> None:
    notice = parse_or_refuse(page, "stray markup")
    if notice is not None:
        assert visible(notice.text) == visible(browser_text(page))


@PROPERTY
@given(plan_windows())
def test_documents_round_trip_through_json_and_yaml(page: str) -> None:
    notice = parse_or_refuse(page, "round trip")
    if notice is None:
        return
    written = export.to_json(notice)
    assert export.to_json(export.from_json(written)) == written
    assert export.from_json(written) == notice
    as_yaml = export.to_yaml(notice)
    assert export.to_yaml(export.from_yaml(as_yaml)) == as_yaml
    assert export.to_json(export.from_yaml(as_yaml)) == written


SAVES = {
    "text capture, UTF-8": TXT.encode("utf-8"),
    "text capture, UTF-8 with BOM": TXT.encode("utf-8-sig"),
    "text capture, UTF-16 with BOM": TXT.encode("utf-16"),
    "text capture, UTF-16-BE": TXT.encode("utf-16-be"),
    "text capture, GB18030, undeclared": TXT.encode("gb18030"),
    "page, UTF-8": PAGE_HTML.read_bytes(),
    "page, GBK declared gb2312": PAGE_HTML.read_text(encoding="utf-8")
    .replace('<meta charset="utf-8">', '<meta charset="gb2312">')
    .encode("gbk", "xmlcharrefreplace"),
}


@settings(PROPERTY, max_examples=60)
@given(st.sampled_from(sorted(SAVES)), st.floats(0.3, 1.0))
def test_a_page_cut_at_any_byte_keeps_what_is_there(save: str, fraction: float) -> None:
    raw = SAVES[save]
    cut = raw[: int(len(raw) * fraction)]
    notice = bozhou_tasks.parse(cut)
    RUNS["cut page parsed"] += 1
    assert_lossless(notice)
    assert_spans_slice(notice)
    codec = notice.source.encoding
    try:
        cut.decode(codec)
        mid_character = False
    except UnicodeDecodeError:
        mid_character = True
    assert any(f.code == "input-cut-short" for f in notice.findings) is mid_character
    if save.startswith("text capture"):
        assert TXT.startswith(notice.text)  # exactly what is there, nothing more, nothing less


def test_the_bundled_document_round_trips(html_notice: Notice) -> None:
    written = export.to_json(html_notice)
    assert export.to_json(export.from_json(written)) == written
    assert export.to_json(export.from_yaml(export.to_yaml(html_notice))) == written


# --- YAML is only ever loaded safely -------------------------------------------------------

UNSAFE_CALLS = {"full_load", "full_load_all", "unsafe_load", "unsafe_load_all"}
LOADS_NEEDING_A_SAFE_LOADER = {"load", "load_all"}
SAFE_LOADERS = {"SafeLoader", "CSafeLoader"}
UNSAFE_LOADERS = {"Loader", "FullLoader", "UnsafeLoader", "CLoader", "CFullLoader", "CUnsafeLoader"}


def unsafe_yaml_uses(source: str, name: str = "<source>") -> list[str]:
    """Where `source` loads YAML without a safe loader, as 'name:line: what'."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "yaml":
            found.extend(
                f"{name}:{node.lineno}: from yaml import {alias.name}"
                for alias in node.names
                if alias.name in UNSAFE_CALLS | LOADS_NEEDING_A_SAFE_LOADER | UNSAFE_LOADERS
            )
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "yaml"
            and node.attr in UNSAFE_CALLS | UNSAFE_LOADERS
        ):
            found.append(f"{name}:{node.lineno}: yaml.{node.attr}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "yaml"
            and node.func.attr in LOADS_NEEDING_A_SAFE_LOADER
        ):
            loader = next((k.value for k in node.keywords if k.arg == "Loader"), None)
            if not (isinstance(loader, ast.Attribute) and loader.attr in SAFE_LOADERS):
                found.append(f"{name}:{node.lineno}: yaml.{node.func.attr} without a safe Loader")
    return found


def test_the_code_base_never_loads_yaml_unsafely() -> None:
    files = [*sorted((ROOT / "src").rglob("*.py")), *sorted((ROOT / "tests").rglob("*.py")), ROOT / "cli.py"]
    found = [
        use for path in files for use in unsafe_yaml_uses(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert found == []
    assert len(files) > 20


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ("yaml.safe_load(data)", False),
        ("yaml.load(data, Loader=yaml.SafeLoader)", False),
        ("yaml.load(data, Loader=yaml.CSafeLoader)", False),
        ("yaml.load(data)", True),
        ("yaml.load(data, Loader=yaml.FullLoader)", True),
        ("yaml.load_all(data, yaml.SafeLoader)", True),  # positional: not checked, so refused
        ("yaml.full_load(data)", True),
        ("yaml.unsafe_load(data)", True),
        ("from yaml import load", True),
    ],
)
def test_the_yaml_check_catches_unsafe_loads(source: str, flagged: bool) -> None:
    assert bool(unsafe_yaml_uses(source)) is flagged


def test_a_yaml_document_cannot_build_python_objects(tmp_path: Path) -> None:
    document = tmp_path / "evil.yaml"
    document.write_text("!!python/object/apply:os.system ['echo unsafe']\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        export.read_document(document)
    assert str(raised.value) == (
        f"{document}: not a bz-tasks document (could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'); regenerate it with 'bz-tasks parse'"
    )


# --- the invariants hold on every fixture of the project -------------------------------------------

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "family").iterdir())


@pytest.mark.parametrize("page", FIXTURES, ids=lambda path: path.name)
def test_every_fixture_keeps_every_line(page: Path) -> None:
    try:
        notice = bozhou_tasks.parse(page)
    except InputError:
        return  # refused (not a plan): nothing to keep
    assert_lossless(notice)
    assert_spans_slice(notice)


def test_parts_of_one_line_tile_it() -> None:
    """A category with its items on its own line is several parts of that line, side by side."""
    notice = bozhou_tasks.parse(ROOT / "tests" / "fixtures" / "family" / "synthetic-one-line-categories.txt")
    line = next(line for line in notice.text.split("\n") if line.startswith("一、就业创业"))
    start = notice.text.index(line)
    parts = sorted(span for _, span in notice.parts() if start <= span[0] < start + len(line))
    assert [notice.text[a:b] for a, b in parts] == [
        "一、就业创业(2项):",
        "1.城镇新增就业3万人,其中样例县5000人(牵头单位:市人社局);",
        "2.发放创业担保贷款3亿元;1.5万人次参加创业培训(牵头单位:市人社局)。",
    ]
    assert_lossless(notice)
