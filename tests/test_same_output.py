"""Speed work must not change a byte: whole documents, before and after.

Two comparisons, on the bundled page (HTML and text capture), every variant of it that
test_variants.py builds, the synthetic family in tests/fixtures/family and the layout
specimens in ../shared/family (skipped, saying why, where that folder is absent):

- the serializers: `to_json` and `to_yaml` of `export.documents` against the reference writers they
  replaced (`json.dumps(…, indent=2)` and PyYAML's dumper), byte for byte;
- the parse: the SHA-256 of each document's JSON and YAML (or of the refusal message)
  against `fixtures/documents.sha256.json`, recorded before the speed-ups. A change that is
  *meant* to change the documents records new digests with
  `BZ_TASKS_RECORD_DIGESTS=1 pytest tests/test_same_output.py` and says so in its commit.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import bozhou_tasks
from bozhou_tasks.errors import InputError
from bozhou_tasks.export import documents as export
from bozhou_tasks.models import Notice

from .conftest import PAGE_HTML, PAGE_TXT
from .test_variants import VARIANTS

HERE = Path(__file__).resolve().parent
DIGESTS = HERE / "fixtures" / "documents.sha256.json"
SYNTHETIC = HERE / "fixtures" / "family"
SPECIMENS = HERE.parents[1] / "shared" / "family"
RECORD = os.environ.get("BZ_TASKS_RECORD_DIGESTS") == "1"


def _specimen(path: Path) -> str:
    """A specimen's text without its `# url:` line, as the specimen tests read it."""
    text = path.read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.startswith("# url:")) + "\n"


def _pages() -> Iterator[tuple[str, Callable[[], bytes | str]]]:
    yield "page: html", PAGE_HTML.read_bytes
    yield "page: text capture", PAGE_TXT.read_bytes
    for spec in VARIANTS:
        yield f"variant: {spec.name}", (lambda spec=spec: spec.build(bozhou_tasks.parse(PAGE_HTML.read_bytes())))
    for path in sorted(SYNTHETIC.iterdir()):
        yield f"synthetic: {path.name}", path.read_bytes
    if SPECIMENS.is_dir():
        for path in sorted(SPECIMENS.glob("*.txt")):
            yield f"specimen: {path.name}", (lambda path=path: _specimen(path))


PAGES = dict(_pages())
_parsed: dict[str, Notice | InputError] = {}


def parsed(name: str) -> Notice | InputError:
    if name not in _parsed:
        try:
            _parsed[name] = bozhou_tasks.parse(PAGES[name]())
        except InputError as error:
            _parsed[name] = error
    return _parsed[name]


def reference_json(notice: Notice) -> str:
    """The JSON writer before the speed-ups: the standard library's indented encoder."""
    return json.dumps(notice.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


class _ReferenceDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """The YAML writer before the speed-ups: PyYAML's representer around libyaml's emitter."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> Any:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> Any:
    flow = bool(value) and all(isinstance(v, int | float) for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_ReferenceDumper.add_representer(str, _represent_str)
_ReferenceDumper.add_representer(list, _represent_list)


def reference_yaml(data: Any) -> str:
    dumped: str = yaml.dump(data, Dumper=_ReferenceDumper, allow_unicode=True, sort_keys=False, width=120)
    return dumped


def digest(name: str) -> str:
    result = parsed(name)
    if isinstance(result, InputError):
        content = f"refused: {result}".encode()
    else:
        content = (export.to_json(result) + export.to_yaml(result)).encode("utf-8")
    return hashlib.sha256(content).hexdigest()


def _recorded() -> dict[str, str]:
    if not DIGESTS.exists():
        return {}
    loaded: dict[str, str] = json.loads(DIGESTS.read_text(encoding="utf-8"))
    return loaded


@pytest.mark.parametrize("name", list(PAGES))
def test_serializers_write_what_the_reference_writers_wrote(name: str) -> None:
    notice = parsed(name)
    if isinstance(notice, InputError):
        pytest.skip(f"refused, nothing to write: {notice}")
    assert export.to_json(notice) == reference_json(notice)
    assert export.to_yaml(notice) == reference_yaml(notice.model_dump(mode="json"))


@pytest.mark.parametrize("name", list(PAGES))
def test_the_document_is_the_one_recorded(name: str) -> None:
    recorded = _recorded()
    if RECORD:
        recorded[name] = digest(name)
        DIGESTS.write_text(json.dumps(recorded, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return
    if name not in recorded:
        pytest.skip(f"no digest recorded for {name!r}; record with BZ_TASKS_RECORD_DIGESTS=1")
    assert digest(name) == recorded[name], (
        f"the document of {name!r} changed; if that is intended, record it with "
        "BZ_TASKS_RECORD_DIGESTS=1 pytest tests/test_same_output.py"
    )


def test_the_specimens_are_compared_when_present() -> None:
    if not SPECIMENS.is_dir():
        pytest.skip(f"the layout specimens are not here ({SPECIMENS}): they live beside the project")
    assert sum(name.startswith("specimen: ") for name in PAGES) == len(list(SPECIMENS.glob("*.txt")))


@pytest.mark.parametrize(
    "name", ["page: html", "specimen: xiaoxian-2023-50-trad.txt", "synthetic: synthetic-news.html"]
)
def test_the_lookups_answer_as_the_scans_they_replace(name: str) -> None:
    from bozhou_tasks.validate import anomalies
    from bozhou_tasks.validate.checks import _item_before, _ItemBefore

    notice = parsed(name)
    if isinstance(notice, InputError) or name not in PAGES:
        pytest.skip(f"{name}: no document here")
    item_at = anomalies.ItemLocator(notice.items)
    item_before = _ItemBefore(notice.items)
    assert item_at.disjoint
    assert item_before.in_order
    for offset in range(-1, len(notice.text) + 2):
        assert item_at(offset) is anomalies._item_at(notice.items, offset)
        assert item_before(offset) == _item_before(notice.items, offset)


@pytest.mark.parametrize(
    "word",
    [
        "必威",
        "博彩",
        "赌场",
        "百家乐",
        "娱乐城",
        "老虎机",
        "真人视讯",
        "体育投注",
        "威尼斯人",
        "葡京",
        "bet365",
        "BetWay",
    ],
)
def test_the_spam_lookahead_lets_every_gambling_word_through(word: str) -> None:
    from bozhou_tasks.segment import patterns

    assert [m.group() for m in patterns.SPAM.finditer(f"通知{word}官网。")] == [f"{word}官网"]
