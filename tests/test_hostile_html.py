"""Untrusted HTML never reaches the network or the file system, and no script runs.

The bundled page is loaded with everything a hostile page could use to make a parser
fetch or read: a doctype naming a local DTD, `file:///etc/passwd` or a web address,
external entities (XXE), XInclude, a stylesheet processing instruction, and `<img>`,
`<link>`, `<script src>`, `<iframe>`, `<object>`, `<svg><image>` and CSS `@import`
pointing at a server the test listens on. Three witnesses must stay silent:

- the server: it accepts nothing, so no connection was even attempted (this also covers
  libxml2's own C code, which Python cannot intercept);
- a resolver added to the parser, which libxml2 asks before loading any external
  resource (a control test, with an XML parser allowed to load DTDs, shows it asks);
- Python's socket functions, patched to fail the test if anything calls them.

And the notice still says exactly what the bundled page says.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import bozhou_tasks
from bozhou_tasks.load import html as render
from bozhou_tasks.models import Notice
from bozhou_tasks.pipeline import content

from .conftest import PAGE_HTML

HTML = PAGE_HTML.read_text(encoding="utf-8")
CANARY = "CANARY-5d1e9f"
"""Text only the local files hold: if it shows up in a document, a file was read."""


@pytest.fixture
def server() -> Iterator[tuple[socket.socket, str]]:
    """A listening socket on localhost, and its URL."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.setblocking(False)
    try:
        yield listener, f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        listener.close()


@pytest.fixture
def no_python_network(monkeypatch: pytest.MonkeyPatch, server: tuple[socket.socket, str]) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"the parser used the network: {args!r}")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse)


class Recorder(etree.Resolver):  # type: ignore[misc]
    """Records every external resource libxml2 asks to load, and loads none."""

    def __init__(self, calls: list[str]) -> None:
        super().__init__()
        self.calls = calls

    def resolve(self, url: str, public_id: str, context: object) -> None:
        self.calls.append(url)


@pytest.fixture
def resolver_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs the page parser asks its resolvers for (none, if nothing is loaded)."""
    calls: list[str] = []
    make_parser = render._parser

    def recording_parser() -> Any:
        parser = make_parser()
        parser.resolvers.add(Recorder(calls))
        return parser

    monkeypatch.setattr(render, "_parser", recording_parser)
    return calls


@pytest.fixture
def local_files(tmp_path: Path) -> dict[str, str]:
    """A DTD and a text file holding the canary, by the URLs a page would use."""
    dtd = tmp_path / "canary.dtd"
    dtd.write_text(f'<!ENTITY leak "{CANARY}-dtd">', encoding="utf-8")
    text = tmp_path / "canary.txt"
    text.write_text(f"{CANARY}-file", encoding="utf-8")
    return {"dtd": dtd.as_uri(), "text": text.as_uri()}


DOCTYPES = {
    "doctype naming a local DTD": '<!DOCTYPE html SYSTEM "{dtd}">',
    "doctype naming /etc/passwd": '<!DOCTYPE html SYSTEM "file:///etc/passwd">',
    "external entities (XXE)": (
        '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY leak SYSTEM "{text}">'
        '<!ENTITY % remote SYSTEM "{url}/remote.dtd"> %remote;]>'
    ),
    "XHTML doctype with a DTD on a server": (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "{url}/xhtml1-transitional.dtd">'
    ),
}

HEAD = """
<link rel="stylesheet" href="{url}/style.css">
<script src="{url}/evil.js"></script>
<meta http-equiv="refresh" content="0;url={url}/refresh">
<base href="{url}/">
<style>@import url({url}/import.css);</style>
<?xml-stylesheet type="text/xsl" href="{url}/transform.xsl"?>
"""

BODY = """
<p>&xxe;&leak;</p>
<img src="{url}/pixel.gif"><iframe src="{url}/frame"></iframe><object data="{url}/object"></object>
<svg><image href="{url}/image.png"/></svg><video src="{url}/video.mp4"></video>
<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{text}" parse="text"/>
<script>fetch('{url}/fetch'); document.write('脚本写入的文字');</script>
"""

ENTITY_LINE = "&xxe;&leak;"
"""Entity references a browser would show as written (HTML has no external entities): kept as text."""


def hostile_page(doctype: str, urls: dict[str, str]) -> bytes:
    page = HTML.replace("<!DOCTYPE html>", doctype.format(**urls), 1)
    page = page.replace("</head>", HEAD.format(**urls) + "</head>", 1)
    page = page.replace("<body>", "<body onload=\"fetch('{url}/onload')\">".format(**urls) + BODY.format(**urls), 1)
    return page.encode("utf-8")


@pytest.mark.parametrize("doctype", list(DOCTYPES.values()), ids=list(DOCTYPES))
@pytest.mark.usefixtures("no_python_network")
def test_nothing_is_fetched_read_or_run(
    doctype: str,
    server: tuple[socket.socket, str],
    resolver_calls: list[str],
    local_files: dict[str, str],
    html_notice: Notice,
) -> None:
    listener, url = server
    notice = bozhou_tasks.parse(hostile_page(doctype, {"url": url, **local_files}))
    with pytest.raises(BlockingIOError):
        listener.accept()  # no connection is waiting: none was attempted
    assert resolver_calls == []
    assert CANARY not in notice.text
    assert "root:" not in notice.text
    assert "脚本写入的文字" not in notice.text
    assert "fetch(" not in notice.text
    assert content(notice) == content(html_notice)
    assert ENTITY_LINE in [block.text for block in notice.blocks if block.role == "header"]


def test_the_resolver_witness_sees_loads_when_they_are_allowed(local_files: dict[str, str]) -> None:
    # control: were libxml2 to load the DTD, the recorder would hear of it
    calls: list[str] = []
    parser = etree.XMLParser(load_dtd=True, no_network=True)
    parser.resolvers.add(Recorder(calls))
    etree.fromstring(f'<!DOCTYPE r SYSTEM "{local_files["dtd"]}"><r/>'.encode(), parser)
    assert calls == [local_files["dtd"]]


def test_the_server_witness_sees_a_connection(server: tuple[socket.socket, str]) -> None:
    # control: a real connection is waiting to be accepted
    listener, url = server
    port = int(url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        listener.setblocking(True)
        listener.settimeout(5)
        accepted, _ = listener.accept()
        accepted.close()
