"""The HTML save and the text capture of the page say the same thing."""

from __future__ import annotations

from bozhou_tasks.models import Notice
from bozhou_tasks.pipeline import content, content_differences


def test_html_and_text_capture_agree(html_notice: Notice, txt_notice: Notice) -> None:
    assert content_differences(html_notice, txt_notice) == []
    assert content(html_notice) == content(txt_notice)


def test_source_records_how_it_was_read(html_notice: Notice, txt_notice: Notice) -> None:
    assert (html_notice.source.media_type, html_notice.source.encoding, html_notice.source.encoding_rule) == (
        "text/html",
        "utf-8",
        "utf-8",
    )
    assert txt_notice.source.media_type == "text/plain"
    assert html_notice.source.sha256 == "7ad00f7f14b6e442f34d37886ee123200b4063dd856cb4f209a759949bcaef54"


def test_a_changed_item_is_a_difference(html_notice: Notice, txt_notice: Notice) -> None:
    changed = txt_notice.model_copy(deep=True)
    changed.items[16].lead_units = ["市民政局"]
    assert content_differences(html_notice, changed) == [
        "item 17 differs in lead_units (lead_units[0]: '市退役军人事务局' ≠ '市民政局')"
    ]
