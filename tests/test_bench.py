"""The benchmark scripts keep working (no timings are asserted here: those live in bench/RESULTS.md)."""

from __future__ import annotations

import importlib
import os
import re
from pathlib import Path
from types import ModuleType

import pytest

import bozhou_tasks

from .conftest import PAGE_HTML, ROOT


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(ROOT))
    return importlib.import_module("bench")


def test_quick_run_prints_and_writes_every_benchmark(bench: ModuleType, tmp_path: Path) -> None:
    run = importlib.import_module("bench.run")
    out = tmp_path / "RESULTS.md"
    assert run.main(["--quick", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    for name in (
        "parse vs BeautifulSoup(page, 'lxml').get_text()",
        "parse vs trafilatura.extract()",
        "bz-tasks --version (cold)",
        "bz-tasks --help (cold)",
        "bz-tasks parse of the bundled page (cold)",
        "corpus of 3: speed-up of 2 workers over 1",
        "peak RSS, 3 vs 2 pages, 2 workers",
        "parse vs lxml.html.fromstring(page).text_content()",
        "writing YAML vs the parse it writes",
        "writing JSON vs the parse it writes",
        "corpus of 3, 1 worker: time per page vs get_text of the page",
        "parse per item, 100 items vs 50",
        "peak memory, parse of 100 items",
    ):
        assert f"| {name} |" in text, name
    assert f"- Reproduce: `.venv/bin/python bench/run.py --quick --out {out}`" in text
    assert re.search(r"- Machine: \d+ cores", text)
    assert re.search(r"- Load: other work kept \d+% of the \d+ cores busy", text)
    assert "| benchmark | measured | baseline | ratio | CPU ratio | goal | |" in text
    assert "Top 10 by own time:" in text
    assert "bozhou_tasks/pipeline.py" in text
    assert text.rstrip().endswith(run.KEEP_MARKER)


def test_a_rerun_keeps_the_hand_written_discussion(bench: ModuleType, tmp_path: Path) -> None:
    run = importlib.import_module("bench.run")
    out = tmp_path / "RESULTS.md"
    out.write_text(f"# old figures\n\n{run.KEEP_MARKER}\n## Discussion\n\nWhy a goal is missed.\n", encoding="utf-8")
    assert run.main(["--quick", "--only", "speed", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "# old figures" not in text
    assert text.endswith(f"{run.KEEP_MARKER}\n## Discussion\n\nWhy a goal is missed.\n")


def test_corpus_variants_are_distinct_notices_with_the_same_structure(bench: ModuleType, tmp_path: Path) -> None:
    corpus = importlib.import_module("bench.corpus")
    corpus.write_corpus(tmp_path, 3)
    original = bozhou_tasks.parse(PAGE_HTML)
    notices = [bozhou_tasks.parse(path) for path in sorted(tmp_path.iterdir())]
    assert [n.notice.index_no for n in notices] == [
        "11341600MB05708556/202404-00000",
        "11341600MB05708556/202404-00001",
        "11341600MB05708556/202404-00002",
    ]
    assert [re.split("[,,]", n.items[0].headline)[1] for n in notices] == [
        "城镇新增就业7万人左右",  # the page's 3.5万人, times 2
        "城镇新增就业10.5万人左右",
        "城镇新增就业14万人左右",
    ]
    for notice in notices:
        assert [len(item.measures) for item in notice.items] == [len(item.measures) for item in original.items]
        assert [f.code for f in notice.findings] == [f.code for f in original.findings]


def test_process_tree_memory_includes_this_process(bench: ModuleType) -> None:
    common = importlib.import_module("bench.common")
    assert common.tree_rss(os.getpid()) > 10 * 2**20


def test_the_repeated_page_has_the_items_it_says(bench: ModuleType) -> None:
    scale = importlib.import_module("bench.scale")
    notice = bozhou_tasks.parse(scale.scaled_page(150))
    assert [item.number for item in notice.items] == [*range(1, 101), *range(1, 51)]
    assert [(c.number, c.declared_item_count) for c in notice.categories] == [(1, 100), (2, 50)]
    assert all(item.lead_units for item in notice.items)
