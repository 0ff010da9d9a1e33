"""HTML to text, as a reader sees it (innerText rules)."""

from __future__ import annotations

import pytest

from bozhou_tasks.errors import InputError
from bozhou_tasks.load.html import html_to_text

RENDERING = [
    ("paragraphs are set off by a blank line", "<p>一</p><p>二</p>", "一\n\n二"),
    ("divs and list items by a line break", "<div>一</div><ul><li>二</li><li>三</li></ul>", "一\n二\n三"),
    ("br is a line break", "<td>一<br>二<br/><br>三</td>", "一\n二\n\n三"),
    ("white space collapses", "<p>  a \n\t b  </p>", "a b"),
    ("inline elements join", "<p>结合政府<a href='x'>betway</a> 、工程</p>", "结合政府betway 、工程"),
    ("no-break spaces are content", "<p>&nbsp;&nbsp;2.对接</p>", "\xa0\xa02.对接"),
    ("ideographic spaces are content", "<p>\u3000\u3000一</p>", "\u3000\u3000一"),
    (
        "table cells join with a space",
        "<table><tr><th>索引号:</th><td>1</td><th>关键词:</th><td></td></tr></table>",
        "索引号: 1 关键词:",
    ),
    ("scripts and styles are dropped", "<script>var a='一'</script><style>p{}</style><p>二</p>", "二"),
    ("navigation menus are dropped", "<div class='nav'><a>首页</a></div><nav>菜单</nav><p>正文</p>", "正文"),
    ("comments are dropped", "<p>一<!-- 二 -->三</p>", "一三"),
    ("the head is not text", "<html><head><title>标题</title></head><body>正文</body></html>", "正文"),
]


@pytest.mark.parametrize(("page", "text"), [c[1:] for c in RENDERING], ids=[c[0] for c in RENDERING])
def test_rendering(page: str, text: str) -> None:
    assert html_to_text(page) == text


def test_bundled_page_renders_like_its_text_capture(page_html: str, page_txt: str) -> None:
    rendered = [line.strip() for line in html_to_text(page_html).split("\n") if line.strip()]
    captured = [line.strip() for line in page_txt.split("\n") if line.strip()]
    assert rendered == captured


def test_deep_nesting_does_not_recurse() -> None:
    page = "<p>前</p>" + "<div>" * 2_000 + "正文" + "</div>" * 2_000 + "<p>后</p>"
    assert html_to_text(page) == "前\n\n正文\n\n后"


def test_nesting_past_the_parsers_limit_is_refused_not_cut() -> None:
    # libxml2 stops at depth 2048 and returns what it has: rendering that would lose '后'
    page = "<p>前</p>" + "<div>" * 20_000 + "正文" + "</div>" * 20_000 + "<p>后</p>"
    with pytest.raises(InputError) as raised:
        html_to_text(page)
    assert str(raised.value) == (
        "the page nests its HTML elements more than 2048 deep, past what the HTML parser reads; "
        "open the page in a browser, save it as text (.txt) and parse that"
    )
