"""A page's JSON and YAML appear together: never one run's JSON beside another run's YAML."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import pytest

from bozhou_tasks import interrupt
from bozhou_tasks.export import documents as export
from bozhou_tasks.models import Notice


def _titled(notice: Notice, title: str) -> Notice:
    copy = notice.model_copy(deep=True)
    copy.notice.title = title
    return copy


def test_a_second_writer_waits_for_the_first_pair(
    tmp_path: Path, html_notice: Notice, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_renamed = threading.Event()
    go_on = threading.Event()
    replace = Path.replace

    def slow_replace(self: Path, target: Path) -> Path:  # type: ignore[override]
        result = replace(self, target)
        if threading.current_thread().name == "first" and Path(target).suffix == ".json":
            first_renamed.set()
            go_on.wait(5)  # the first writer stops between its two renames
        return result

    monkeypatch.setattr(Path, "replace", slow_replace)
    first = threading.Thread(
        target=export.write_document, args=(_titled(html_notice, "first"), tmp_path, "page"), name="first"
    )
    second = threading.Thread(
        target=export.write_document, args=(_titled(html_notice, "second"), tmp_path, "page"), name="second"
    )
    first.start()
    assert first_renamed.wait(5)
    second.start()
    time.sleep(0.3)  # unlocked, the second writer would rename both of its files now
    assert export.read_document(tmp_path / "page.json").notice.title == "first"
    go_on.set()
    first.join(5)
    second.join(5)
    json_title = export.read_document(tmp_path / "page.json").notice.title
    yaml_title = export.read_document(tmp_path / "page.yaml").notice.title
    assert (json_title, yaml_title) == ("second", "second")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.json", "page.yaml"]


def test_a_stop_waits_until_both_files_are_renamed(
    tmp_path: Path, html_notice: Notice, monkeypatch: pytest.MonkeyPatch
) -> None:
    stops: list[int] = []
    monkeypatch.setattr(interrupt._State, "action", stops.append)
    replace = Path.replace

    def replace_then_signal(self: Path, target: Path) -> Path:  # type: ignore[override]
        result = replace(self, target)
        if Path(target).suffix == ".json":  # a Ctrl-C between the two renames
            handler = signal.getsignal(signal.SIGINT)
            assert callable(handler)
            handler(signal.SIGINT, None)
            assert stops == []  # held back
        return result

    handlers = {sig: signal.getsignal(sig) for sig in interrupt.STOP_SIGNALS}
    try:
        interrupt.on_signals(stops.append)
        monkeypatch.setattr(Path, "replace", replace_then_signal)
        export.write_document(html_notice, tmp_path, "page")
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        interrupt._State.action = None
    assert stops == [signal.SIGINT]  # delivered once both were in place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.json", "page.yaml"]
