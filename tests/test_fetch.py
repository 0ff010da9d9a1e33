"""`bz-tasks fetch` against a local HTTP server on 127.0.0.1: no test touches any other address.

The server answers each path with a small function (a route), so one case is one route:
the page as a site serves it, the site's defects and refusals, and the network failing.
Waits are recorded rather than slept where the case is about how long to wait, and set
to a few milliseconds where the server must really be slow.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

import bozhou_tasks
from bozhou_tasks import batch
from bozhou_tasks import fetch as fetch_module
from bozhou_tasks.cli import app
from bozhou_tasks.fetch import USER_AGENT, Fetcher, FetchOptions, Result, read_url_list, url_stem
from bozhou_tasks.load import provenance
from bozhou_tasks.load.decode import decode

from .conftest import PAGE_HTML, PAGE_TXT

Route = Callable[["Handler"], None]

PAGE = PAGE_HTML.read_bytes()
"""The bundled page as UTF-8 HTML; it declares its charset in a <meta>."""
PAGE_NO_META = PAGE.replace(b'<meta charset="utf-8">', b"").replace(b"charset=utf-8", b"")
CAPTURE_GBK = PAGE_TXT.read_text(encoding="utf-8").encode("gb18030")
"""The text capture in GBK (GB18030): declared nowhere but in the HTTP header."""

FAST = FetchOptions(delay=0, timeout=2.0, retries=2, backoff=0.001)


class Handler(BaseHTTPRequestHandler):
    """Answers by the server's route table; records every request it saw."""

    protocol_version = "HTTP/1.1"
    server: Server

    def do_GET(self) -> None:
        self.server.log.append((self.path, dict(self.headers.items())))
        self.server.hits[self.path] = self.server.hits.get(self.path, 0) + 1
        route = self.server.routes.get(self.path)
        if route is None:
            self.reply(404, b"not here", "text/plain")
        else:
            route(self)

    def reply(self, status: int, body: bytes, content_type: str | None, **headers: str) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # the base class's signature
        pass  # keep the test output clean


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.log: list[tuple[str, dict[str, str]]] = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hung up on a slow route is the point of that test


@pytest.fixture
def server() -> Iterator[Server]:
    httpd = Server()
    thread = threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy set on the machine must not carry the tests' requests off 127.0.0.1."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def page(body: bytes, content_type: str | None = "text/html; charset=utf-8", **headers: str) -> Route:
    return lambda h: h.reply(200, body, content_type, **headers)


def fetch(server: Server, out: Path, *paths: str, options: FetchOptions = FAST, **kwargs: object) -> list[Result]:
    with Fetcher(out, options, **kwargs) as fetcher:  # type: ignore[arg-type]
        return [fetcher.fetch(server.url(path)) for path in paths]


def only_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


# --- pages as sites serve them ---------------------------------------------------------------


def test_a_utf8_page_is_saved_unchanged_with_its_provenance(server: Server, tmp_path: Path) -> None:
    server.routes["/notice.html"] = page(PAGE, ETag='"v1"', Last_Modified="Mon, 01 Apr 2024 08:00:00 GMT")
    [result] = fetch(server, tmp_path, "/notice.html")
    assert (result.outcome, result.error) == ("new", None)
    assert result.path == tmp_path / f"{url_stem(server.url('/notice.html'))}.html"
    assert result.path.read_bytes() == PAGE
    manifest = json.loads((tmp_path / "provenance.json").read_text(encoding="utf-8"))
    entry = manifest["pages"][0]
    assert manifest["manifest_version"] == 1
    assert {k: v for k, v in entry.items() if k != "retrieved_at"} == {
        "file": result.path.name,
        "url": server.url("/notice.html"),
        "final_url": server.url("/notice.html"),
        "status": 200,
        "content_type": "text/html; charset=utf-8",
        "charset": "utf-8",
        "etag": '"v1"',
        "last_modified": "Mon, 01 Apr 2024 08:00:00 GMT",
        "size": len(PAGE),
        "sha256": hashlib.sha256(PAGE).hexdigest(),
        "checked_at": None,
    }
    assert entry["retrieved_at"].endswith("Z")
    assert only_files(tmp_path) == sorted([result.path.name, "provenance.json"])


def test_the_request_names_the_tool_and_reads_robots_txt_first(server: Server, tmp_path: Path) -> None:
    server.routes["/notice.html"] = page(PAGE)
    fetch(server, tmp_path, "/notice.html")
    assert [path for path, _ in server.log] == ["/robots.txt", "/notice.html"]
    assert {headers["User-Agent"] for _, headers in server.log} == {USER_AGENT}
    assert USER_AGENT.startswith("bz-tasks/")


def test_a_gbk_page_declared_only_in_the_header_is_read_by_that_charset(server: Server, tmp_path: Path) -> None:
    server.routes["/capture.txt"] = page(CAPTURE_GBK, "text/plain; charset=GBK")
    [result] = fetch(server, tmp_path, "/capture.txt")
    assert result.path is not None
    assert result.path.suffix == ".txt"
    assert result.path.read_bytes() == CAPTURE_GBK  # the bytes as served, not re-encoded
    notice = bozhou_tasks.parse(result.path)
    source = notice.source
    assert (source.encoding, source.encoding_rule, source.media_type) == ("gb18030", "http", "text/plain")
    assert source.retrieval is not None
    assert (source.retrieval.url, source.retrieval.charset, source.retrieval.status) == (
        server.url("/capture.txt"),
        "GBK",
        200,
    )
    assert len(notice.items) == 50


def test_a_utf8_page_declared_only_in_the_header(server: Server, tmp_path: Path) -> None:
    server.routes["/bare.html"] = page(PAGE_NO_META)
    [result] = fetch(server, tmp_path, "/bare.html")
    assert result.path is not None
    notice = bozhou_tasks.parse(result.path)
    assert (notice.source.encoding, notice.source.encoding_rule) == ("utf-8", "utf-8")
    assert notice.source.retrieval is not None
    assert notice.source.retrieval.content_type == "text/html; charset=utf-8"
    assert [f.code for f in notice.findings if f.code.startswith("http")] == []


def test_the_pages_own_declaration_wins_over_a_wrong_header(server: Server, tmp_path: Path) -> None:
    """A server-wide `charset=utf-8` in front of a GBK page that declares gb2312 itself."""
    html = PAGE.decode("utf-8").replace('<meta charset="utf-8">', '<meta charset="gb2312">').encode("gb18030")
    server.routes["/gbk.html"] = page(html, "text/html; charset=utf-8")
    [result] = fetch(server, tmp_path, "/gbk.html")
    assert result.path is not None
    notice = bozhou_tasks.parse(result.path)
    assert (notice.source.encoding, notice.source.encoding_rule) == ("gb18030", "declared")
    [finding] = [f for f in notice.findings if f.code == "http-charset-disagrees"]
    assert finding.severity == "info"
    assert finding.message == (
        "the HTTP header said charset=utf-8, but the page reads as gb18030 (decoding rule 'declared' decided); "
        "the header's charset was not used"
    )
    assert len(notice.items) == 50


@pytest.mark.parametrize(
    ("raw", "header", "expected"),
    [
        pytest.param("公告".encode("gb18030"), "gbk", ("公告", "gb18030", "http"), id="header-only"),
        pytest.param("公告".encode(), "gbk", ("公告", "utf-8", "utf-8"), id="valid-utf8-beats-header"),
        pytest.param(
            b'<meta charset="gbk">' + "公告".encode("gb18030"),
            "iso-8859-1",
            ('<meta charset="gbk">公告', "gb18030", "declared"),
            id="declaration-beats-latin1-header",
        ),
        pytest.param(
            b'<meta charset="us-ascii">' + "亳州".encode("gb18030"),
            "GBK",
            ('<meta charset="us-ascii">亳州', "gb18030", "http"),
            id="header-when-the-declaration-fails",
        ),
        pytest.param("公告".encode("gb18030"), "no-such-charset", None, id="unknown-header-ignored"),
    ],
)
def test_the_http_charset_in_the_decoding_cascade(
    raw: bytes, header: str, expected: tuple[str, str, str] | None
) -> None:
    if expected is None:
        _, _, rule = decode(raw, http_charset=header)
        assert rule == "detected"
    else:
        assert decode(raw, http_charset=header) == expected


def test_a_redirect_is_followed_and_the_final_url_recorded(server: Server, tmp_path: Path) -> None:
    server.routes["/old"] = lambda h: h.reply(301, b"", None, Location="/moved")
    server.routes["/moved"] = lambda h: h.reply(302, b"", None, Location=server.url("/2024/notice.html"))
    server.routes["/2024/notice.html"] = page(PAGE)
    [result] = fetch(server, tmp_path, "/old")
    assert result.entry is not None
    assert (result.entry.url, result.entry.final_url) == (server.url("/old"), server.url("/2024/notice.html"))
    assert result.path == tmp_path / f"{url_stem(server.url('/old'))}.html"  # named by the URL asked for


def test_a_redirect_loop_is_an_error(server: Server, tmp_path: Path) -> None:
    server.routes["/loop"] = lambda h: h.reply(302, b"", None, Location="/loop")
    [result] = fetch(server, tmp_path, "/loop", options=FetchOptions(delay=0, max_redirects=3))
    assert result.error == (
        f"{server.url('/loop')}: more than 3 redirects; open the URL in a browser and give the page's final URL"
    )
    assert server.hits["/loop"] == 4


# --- fetching again ----------------------------------------------------------------------------


def conditional(etag: str | None, last_modified: str | None, body: Callable[[], bytes]) -> Route:
    """A page that answers 304 to a request carrying its current validators."""

    def route(h: Handler) -> None:
        current = body()
        if (etag and h.headers.get("If-None-Match") == etag) or (
            last_modified and h.headers.get("If-Modified-Since") == last_modified
        ):
            h.reply(304, b"", None)
            return
        extra = {"ETag": etag} if etag else {}
        if last_modified:
            extra["Last_Modified"] = last_modified
        h.reply(200, current, "text/html; charset=utf-8", **extra)

    return route


@pytest.mark.parametrize(
    ("etag", "last_modified", "header"),
    [
        pytest.param('"abc"', None, "If-None-Match", id="etag"),
        pytest.param(None, "Tue, 02 Apr 2024 09:30:00 GMT", "If-Modified-Since", id="last-modified"),
    ],
)
def test_a_304_keeps_the_old_bytes(
    server: Server, tmp_path: Path, etag: str | None, last_modified: str | None, header: str
) -> None:
    server.routes["/n.html"] = conditional(etag, last_modified, lambda: PAGE)
    [first] = fetch(server, tmp_path, "/n.html")
    assert first.path is not None
    written = first.path.stat().st_mtime_ns
    [again] = fetch(server, tmp_path, "/n.html")
    assert (again.outcome, again.path) == ("unchanged", first.path)
    assert server.log[-1][1][header] == (etag or last_modified)
    assert first.path.stat().st_mtime_ns == written
    [entry] = provenance.read_manifest(tmp_path)
    assert first.entry is not None
    assert entry == again.entry
    assert (entry.retrieved_at, entry.etag, entry.last_modified) == (
        first.entry.retrieved_at,
        first.entry.etag,
        first.entry.last_modified,
    )
    assert entry.checked_at is not None


def test_a_server_without_validators_sending_the_same_bytes_is_unchanged(server: Server, tmp_path: Path) -> None:
    server.routes["/n.html"] = page(PAGE)
    fetch(server, tmp_path, "/n.html")
    [again] = fetch(server, tmp_path, "/n.html")
    assert again.outcome == "unchanged"
    assert len(provenance.read_manifest(tmp_path)) == 1


def test_a_changed_page_gets_a_new_file_and_the_old_one_stays(server: Server, tmp_path: Path) -> None:
    versions = [PAGE, PAGE.replace("50项".encode(), "51项".encode(), 1)]
    server.routes["/n.html"] = conditional('"v"', None, lambda: versions[0])
    [first] = fetch(server, tmp_path, "/n.html")
    versions.pop(0)
    server.routes["/n.html"] = conditional('"v2"', None, lambda: versions[0])
    [second] = fetch(server, tmp_path, "/n.html")
    assert first.path is not None
    assert second.path is not None
    assert second.outcome == "changed"
    assert second.path.name == first.path.name.replace(".html", "-v2.html")
    assert (first.path.read_bytes(), second.path.read_bytes()) == (PAGE, versions[0])
    assert [(e.file, e.etag) for e in provenance.read_manifest(tmp_path)] == [
        (first.path.name, '"v"'),
        (second.path.name, '"v2"'),
    ]
    [third] = fetch(server, tmp_path, "/n.html")  # asks with the newest version's ETag
    assert (third.outcome, third.path) == ("unchanged", second.path)


# --- politeness ------------------------------------------------------------------------------


def test_429_then_200_waits_as_the_server_asks(server: Server, tmp_path: Path) -> None:
    answers = iter([429, 503])

    def busy(h: Handler) -> None:
        status = next(answers, 200)
        if status == 200:
            h.reply(200, PAGE, "text/html")
        else:
            h.reply(status, b"busy", "text/plain", Retry_After="7" if status == 429 else "")

    server.routes["/n.html"] = busy
    waits: list[float] = []
    options = FetchOptions(delay=0, retries=3, backoff=0.5)
    [result] = fetch(server, tmp_path, "/n.html", options=options, sleep=waits.append)
    assert result.outcome == "new"
    assert waits == [7.0, 1.0]  # Retry-After: 7; then no Retry-After: the second backoff, 0.5 s doubled
    assert server.hits["/n.html"] == 3


def test_a_server_that_stays_busy_is_an_error_after_the_retries(server: Server, tmp_path: Path) -> None:
    server.routes["/n.html"] = lambda h: h.reply(503, b"busy", "text/plain")
    [result] = fetch(server, tmp_path, "/n.html", options=FetchOptions(delay=0, retries=2, backoff=0.001))
    assert (
        result.error == f"{server.url('/n.html')}: HTTP 503 Service Unavailable, still after 2 retries; try again later"
    )
    assert server.hits["/n.html"] == 3
    assert only_files(tmp_path) == []


def test_a_retry_after_longer_than_the_limit_is_an_error(server: Server, tmp_path: Path) -> None:
    server.routes["/n.html"] = lambda h: h.reply(429, b"", "text/plain", Retry_After="3600")
    [result] = fetch(server, tmp_path, "/n.html", options=FetchOptions(delay=0, max_wait=60))
    assert result.error == (
        f"{server.url('/n.html')}: HTTP 429: the server asks to wait 3600 s, longer than 60 s; try again later"
    )


def test_requests_to_one_host_are_spaced_by_the_delay(server: Server, tmp_path: Path) -> None:
    server.routes["/a.html"] = page(PAGE)
    server.routes["/b.html"] = page(PAGE_NO_META)
    waits: list[float] = []
    fetch(server, tmp_path, "/a.html", "/b.html", options=FetchOptions(delay=5), sleep=waits.append)
    assert len(waits) == 2  # before the first page (after robots.txt) and before the second
    assert all(3 < wait <= 5 for wait in waits)  # 5 s less the time since


def test_robots_txt_crawl_delay_lengthens_the_delay(server: Server, tmp_path: Path) -> None:
    server.routes["/robots.txt"] = page(b"User-agent: *\nCrawl-delay: 9\n", "text/plain")
    server.routes["/a.html"] = page(PAGE)
    waits: list[float] = []
    fetch(server, tmp_path, "/a.html", options=FetchOptions(delay=1), sleep=waits.append)
    assert len(waits) == 1
    assert 7 < waits[0] <= 9


def test_robots_txt_that_forbids_a_path_is_obeyed(server: Server, tmp_path: Path) -> None:
    server.routes["/robots.txt"] = page(b"User-agent: bz-tasks\nDisallow: /private/\n", "text/plain")
    server.routes["/private/n.html"] = page(PAGE)
    server.routes["/public/n.html"] = page(PAGE)
    refused, allowed = fetch(server, tmp_path, "/private/n.html", "/public/n.html")
    assert refused.error == (
        f"{server.url('/private/n.html')}: {server.base}/robots.txt does not allow bz-tasks to fetch this path; "
        "not fetched"
    )
    assert "/private/n.html" not in server.hits
    assert allowed.outcome == "new"
    assert server.hits["/robots.txt"] == 1  # read once per site


def test_robots_txt_is_obeyed_after_a_redirect_to_a_forbidden_path(server: Server, tmp_path: Path) -> None:
    server.routes["/robots.txt"] = page(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    server.routes["/go"] = lambda h: h.reply(302, b"", None, Location="/private/n.html")
    [result] = fetch(server, tmp_path, "/go")
    assert result.error is not None
    assert "robots.txt does not allow" in result.error
    assert "/private/n.html" not in server.hits


def test_robots_txt_unreachable_means_stay_away(server: Server, tmp_path: Path) -> None:
    server.routes["/robots.txt"] = lambda h: h.reply(500, b"oops", "text/plain")
    server.routes["/n.html"] = page(PAGE)
    [result] = fetch(server, tmp_path, "/n.html")
    assert result.error == (
        f"{server.url('/n.html')}: {server.base}/robots.txt could not be read (HTTP 500), so nothing there is "
        "fetched; try again later"
    )
    assert "/n.html" not in server.hits


def test_proxies_come_from_the_environment(server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The proxy is a second local server: it sees the absolute URL of a request meant for the first."""
    with Server() as proxy:
        thread = threading.Thread(target=proxy.serve_forever, args=(0.01,), daemon=True)
        thread.start()
        target = server.url("/n.html")
        proxy.routes[target] = page(PAGE)
        proxy.routes[server.url("/robots.txt")] = lambda h: h.reply(404, b"", "text/plain")
        monkeypatch.setenv("HTTP_PROXY", proxy.base)
        try:
            [result] = fetch(server, tmp_path, "/n.html")
        finally:
            proxy.shutdown()
    assert result.outcome == "new"
    assert target in proxy.hits
    assert server.hits == {}


# --- what is refused, and the network failing -------------------------------------------------


def test_a_pdf_is_refused_and_nothing_saved(server: Server, tmp_path: Path) -> None:
    server.routes["/plan.pdf"] = page(b"%PDF-1.7\n" + b"\0" * 100, "application/pdf")
    [result] = fetch(server, tmp_path, "/plan.pdf")
    assert result.error == (
        f"{server.url('/plan.pdf')}: served as application/pdf, not a web page or text; nothing was saved: give the "
        "URL of the notice's HTML page (an attachment such as a PDF or Word file must be converted by hand)"
    )
    assert only_files(tmp_path) == []


def test_a_body_over_the_size_limit_is_refused(server: Server, tmp_path: Path) -> None:
    server.routes["/big.html"] = page(PAGE)
    [result] = fetch(server, tmp_path, "/big.html", options=FetchOptions(delay=0, max_bytes=1000))
    assert result.error == (
        f"{server.url('/big.html')}: the body is {len(PAGE)} bytes, over the limit of 1000 bytes; nothing was saved: "
        "check that the URL is a notice page, or raise --max-size"
    )
    assert only_files(tmp_path) == []


def test_a_body_without_a_length_is_stopped_at_the_size_limit(server: Server, tmp_path: Path) -> None:
    def endless(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Connection", "close")
        h.end_headers()
        for _ in range(200):
            h.wfile.write(b"<p>" + b"x" * 1021)

    server.routes["/endless.html"] = endless
    [result] = fetch(server, tmp_path, "/endless.html", options=FetchOptions(delay=0, max_bytes=50_000))
    assert result.error is not None
    assert "the body is more than 50000 bytes, over the limit of 50000 bytes; nothing was saved" in result.error
    assert only_files(tmp_path) == []


def test_a_connection_cut_mid_body_saves_nothing(server: Server, tmp_path: Path) -> None:
    def cut(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(PAGE)))
        h.end_headers()
        h.wfile.write(PAGE[:10_000])
        h.wfile.flush()
        h.connection.shutdown(socket.SHUT_RDWR)
        h.close_connection = True

    server.routes["/cut.html"] = cut
    [result] = fetch(server, tmp_path, "/cut.html")
    assert result.error is not None
    assert result.error.startswith(f"{server.url('/cut.html')}: the connection was cut before the page arrived whole (")
    assert result.error.endswith("); nothing was saved: try again")
    assert only_files(tmp_path) == []


def test_a_slow_server_is_abandoned_at_the_timeout(server: Server, tmp_path: Path) -> None:
    def stall(h: Handler) -> None:
        time.sleep(1.0)
        h.reply(200, PAGE, "text/html")

    server.routes["/slow.html"] = stall
    server.routes["/next.html"] = page(PAGE)
    started = time.monotonic()
    slow, following = fetch(server, tmp_path, "/slow.html", "/next.html", options=FetchOptions(delay=0, timeout=0.2))
    assert slow.error == (
        f"{server.url('/slow.html')}: no answer within the 0.2 s timeout; nothing was saved: try again later, "
        "or raise --timeout"
    )
    assert time.monotonic() - started < 1.0
    assert following.outcome == "new"


def test_a_page_that_trickles_in_past_the_timeout_is_abandoned(server: Server, tmp_path: Path) -> None:
    def trickle(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(len(PAGE)))
        h.end_headers()
        for start in range(0, len(PAGE), 4096):
            h.wfile.write(PAGE[start : start + 4096])
            h.wfile.flush()
            time.sleep(0.05)  # each read comes in time; the whole page does not

    server.routes["/trickle.html"] = trickle
    [result] = fetch(server, tmp_path, "/trickle.html", options=FetchOptions(delay=0, timeout=0.3))
    assert result.error == (
        f"{server.url('/trickle.html')}: the page did not arrive whole within the 0.3 s timeout; nothing was saved: "
        "try again later, or raise --timeout"
    )
    assert only_files(tmp_path) == []


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (404, "HTTP 404 Not Found; check the URL (the notice may have moved or been withdrawn)"),
        (403, "HTTP 403 Forbidden; the site refuses access: save the page from a browser instead"),
        (400, "HTTP 400 Bad Request; check the URL, or save the page from a browser"),
    ],
)
def test_an_error_status_is_one_line_naming_the_fix(server: Server, tmp_path: Path, status: int, message: str) -> None:
    server.routes["/x.html"] = lambda h: h.reply(status, b"", "text/plain")
    [result] = fetch(server, tmp_path, "/x.html")
    assert result.error == f"{server.url('/x.html')}: {message}"


def raising(exc: Exception) -> httpx.MockTransport:
    """A transport that has no robots.txt and fails every other request with `exc`."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        raise exc

    return httpx.MockTransport(handler)


def _caused(exc: Exception, cause: BaseException) -> Exception:
    exc.__cause__ = cause
    return exc


@pytest.mark.parametrize(
    ("exc", "message"),
    [
        pytest.param(
            _caused(httpx.ConnectError("[Errno -2] Name or service not known"), socket.gaierror(-2, "unknown")),
            "cannot find the host www.example.gov.cn (DNS); check the URL's spelling and the network",
            id="dns",
        ),
        pytest.param(
            httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"),
            "the TLS connection failed ([SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed); check the URL, "
            "the system clock and its CA certificates",
            id="tls",
        ),
        pytest.param(
            httpx.ConnectError("[Errno 111] Connection refused"),
            "cannot connect to www.example.gov.cn ([Errno 111] Connection refused); check the URL and the network",
            id="refused",
        ),
    ],
)
def test_network_failures_name_the_cause(tmp_path: Path, exc: Exception, message: str) -> None:
    """No network here: a mock transport raises what httpx raises for each failure."""
    url = "https://www.example.gov.cn/n.html"
    with Fetcher(tmp_path, FAST, transport=raising(exc)) as fetcher:
        result = fetcher.fetch(url)
    assert result.error == f"{url}: {message}"
    assert only_files(tmp_path) == []


def test_a_robots_txt_that_cannot_be_reached_stops_the_site(tmp_path: Path) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused")

    url = "https://www.example.gov.cn/n.html"
    with Fetcher(tmp_path, FAST, transport=httpx.MockTransport(refuse)) as fetcher:
        result = fetcher.fetch(url)
    assert result.error == (
        f"{url}: https://www.example.gov.cn/robots.txt could not be read (ConnectError), so nothing there is "
        "fetched; try again later"
    )


@pytest.mark.parametrize("url", ["ftp://example.gov.cn/n.html", "www.example.gov.cn/n.html", "notes.txt"])
def test_a_url_that_is_not_http_is_an_error(tmp_path: Path, url: str) -> None:
    with Fetcher(tmp_path, FAST, transport=raising(AssertionError("no request may be sent"))) as fetcher:
        result = fetcher.fetch(url)
    assert result.error == f"{url}: not an http(s) URL; give a full URL such as https://www.example.gov.cn/notice.html"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://[::1/n.html", "not a valid URL (Invalid IPv6 URL); check it for spaces or stray characters"),
        (
            "http://127.0.0.1:99999/n.html",
            "not a valid URL (Port out of range 0-65535); check it for spaces or stray characters",
        ),
    ],
)
def test_a_malformed_url_is_an_error(tmp_path: Path, url: str, message: str) -> None:
    with Fetcher(tmp_path, FAST, transport=raising(AssertionError("no request may be sent"))) as fetcher:
        result = fetcher.fetch(url)
    assert result.error == f"{url}: {message}"


# --- parse carries the provenance ---------------------------------------------------------------


def test_a_page_edited_after_fetching_loses_its_provenance(server: Server, tmp_path: Path) -> None:
    server.routes["/n.html"] = page(PAGE)
    [result] = fetch(server, tmp_path, "/n.html")
    assert result.path is not None
    result.path.write_bytes(PAGE.replace("50项".encode(), "五十项".encode(), 1))
    notice = bozhou_tasks.parse(result.path)
    assert notice.source.retrieval is None
    [finding] = [f for f in notice.findings if f.code == "fetched-page-changed"]
    assert finding.severity == "warning"
    assert finding.message.startswith(f"{result.path} is not the page fetched from {server.url('/n.html')} at ")


def test_an_edited_page_is_not_decoded_by_the_header_it_was_served_with(server: Server, tmp_path: Path) -> None:
    server.routes["/capture.txt"] = page(CAPTURE_GBK, "text/plain; charset=GBK")
    [result] = fetch(server, tmp_path, "/capture.txt")
    assert result.path is not None
    result.path.write_bytes(CAPTURE_GBK.replace("50项".encode("gb18030"), "五十项".encode("gb18030"), 1))
    source = bozhou_tasks.parse(result.path).source
    assert (source.encoding, source.encoding_rule, source.retrieval) == ("gb18030", "detected", None)


def test_a_saved_page_has_no_retrieval_and_its_document_is_unchanged(html_notice: bozhou_tasks.Notice) -> None:
    assert html_notice.source.retrieval is None
    assert "retrieval" not in html_notice.model_dump(mode="json")["source"]


def test_a_broken_manifest_is_an_error_naming_the_fix(tmp_path: Path) -> None:
    (tmp_path / "n.html").write_bytes(PAGE)
    (tmp_path / "provenance.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(bozhou_tasks.InputError, match=r"provenance.json: not a bz-tasks provenance manifest \(.*\); "):
        bozhou_tasks.parse(tmp_path / "n.html")


# --- the command -------------------------------------------------------------------------------

runner = CliRunner()


def test_the_command_reports_each_url_and_a_summary(server: Server, tmp_path: Path) -> None:
    server.routes["/a.html"] = page(PAGE)
    server.routes["/plan.pdf"] = page(b"%PDF-1.4", "application/pdf")
    server.routes["/b.txt"] = page(CAPTURE_GBK, "text/plain; charset=GBK")
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# the 2024 notices\n{server.url('/plan.pdf')}\n\n{server.url('/b.txt')}\n", encoding="utf-8")
    out = tmp_path / "raw"
    args = ["fetch", server.url("/a.html"), "--from", str(urls), "-o", str(out), "--delay", "0", "--backoff", "0"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    a, b = (
        out / f"{url_stem(server.url(path))}{suffix}" for path, suffix in (("/a.html", ".html"), ("/b.txt", ".txt"))
    )
    assert result.stdout.splitlines() == [
        f"{server.url('/a.html')} -> {a}: 200, text/html; charset=utf-8, {len(PAGE)} bytes",
        f"{server.url('/b.txt')} -> {b}: 200, text/plain; charset=GBK, {len(CAPTURE_GBK)} bytes",
        "3 URLs: 2 new, 0 changed, 0 unchanged, 1 failed",
    ]
    assert result.stderr.splitlines() == [
        f"error: {server.url('/plan.pdf')}: served as application/pdf, not a web page or text; nothing was saved: "
        "give the URL of the notice's HTML page (an attachment such as a PDF or Word file must be converted by hand)"
    ]
    assert "\r" not in result.stderr  # no progress bar off a terminal
    again = runner.invoke(app, [*args[:2], "-o", str(out), "--delay", "0"])
    assert again.exit_code == 0
    assert again.stdout.splitlines()[0].startswith(f"{server.url('/a.html')}: unchanged since ")


def test_fetch_then_parse_then_validate(server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server.routes["/notice.html"] = page(PAGE)
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["fetch", server.url("/notice.html"), "--delay", "0"]).exit_code == 0
    parsed = runner.invoke(app, ["parse"])
    assert parsed.exit_code == 0, parsed.output
    validated = runner.invoke(app, ["validate"])
    assert validated.exit_code == 0, validated.output
    assert "✓ fresh" in validated.stdout
    [document] = Path("data/structured").glob("*.json")
    source = json.loads(document.read_text(encoding="utf-8"))["source"]
    assert source["retrieval"]["url"] == server.url("/notice.html")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["fetch"], "error: no URL given; give URLs, or a file of them with --from"),
        (["fetch", "--from", "missing.txt"], "error: missing.txt: cannot read the URL list ("),
    ],
)
def test_usage_errors(args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)


def test_a_broken_manifest_stops_the_command_before_any_request(tmp_path: Path) -> None:
    (tmp_path / "provenance.json").write_text("[]", encoding="utf-8")
    result = runner.invoke(app, ["fetch", "http://127.0.0.1:9/n.html", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {tmp_path / 'provenance.json'}: not a bz-tasks provenance manifest (")


def test_url_lists_skip_comments_and_blank_lines() -> None:
    assert read_url_list("# list\n\nhttp://a/1\n  http://a/2  \n  # indented comment\n") == ["http://a/1", "http://a/2"]


def _readme_fetch_run() -> tuple[list[str], list[str]]:
    """The README's first `bz-tasks fetch` command (its URLs) and the lines it printed."""
    readme = (PAGE_HTML.parent.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Fetching pages by URL") :]
    block = section[section.index("$ bz-tasks fetch http") :]
    command, *rest = block.splitlines()
    printed = list(itertools.takewhile(lambda line: not line.startswith("$ "), rest))
    return command.split()[3:], printed


def test_the_readme_fetch_run_is_what_fetch_prints(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's run, replayed on this test's server: only its port (so the URL hashes) and times differ."""
    urls, printed = _readme_fetch_run()
    server.routes["/robots.txt"] = page(b"User-agent: *\nDisallow: /internal/\n", "text/plain")
    server.routes["/2024/50-projects.html"] = page(PAGE, "text/html")
    server.routes["/2024/plan.pdf"] = page(b"%PDF-1.4\n", "application/pdf")
    monkeypatch.chdir(tmp_path)
    ours = [url.replace("http://127.0.0.1:8000", server.base) for url in urls]
    result = runner.invoke(app, ["fetch", *ours, "--delay", "0"])
    expected = "\n".join(printed)
    for theirs, mine in zip(urls, ours, strict=True):
        expected = expected.replace(url_stem(theirs), url_stem(mine))
    expected = expected.replace("http://127.0.0.1:8000", server.base)
    assert result.exit_code == 1
    assert result.output.splitlines() == expected.splitlines()


def test_fetch_has_help_and_is_in_the_library() -> None:
    result = runner.invoke(app, ["fetch", "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
    assert "--from" in result.output
    assert bozhou_tasks.fetch_all is fetch_module.fetch_all
    assert bozhou_tasks.FetchOptions is FetchOptions


def test_a_progress_bar_only_on_a_terminal(server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server.routes["/a.html"] = page(PAGE)
    server.routes["/b.html"] = page(PAGE_NO_META)
    args = ["fetch", server.url("/a.html"), server.url("/b.html"), "-o", str(tmp_path), "--delay", "0"]
    assert "fetching [" not in runner.invoke(app, args).stderr
    monkeypatch.setattr(batch, "_is_terminal", lambda stream: True)
    assert "\rfetching [##############################] 2/2 100%" in runner.invoke(app, args).stderr
