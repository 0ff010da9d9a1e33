"""Fetch notice pages by URL, politely, and record where each one came from.

`Fetcher` downloads one URL at a time into a folder: the body's bytes unchanged, under a
name made from the URL, and an entry in the folder's provenance manifest (see
`bozhou_tasks.load.provenance`). It is polite by default: it reads each site's `robots.txt`
first and obeys it, waits between two requests to one host (longer if robots.txt asks
for a Crawl-delay), retries 429 and 5xx answers a few times with a growing wait (or the
server's Retry-After), and names itself in its User-Agent. A URL fetched before is asked
for with its ETag and Last-Modified; when the server says nothing changed, the old file
is kept, and a page that changed gets a new file beside the old one, which is never
overwritten.

Each URL ends in a `Result`: the file, or an error message naming the fix. One URL's
failure does not stop the others, and nothing half-written is ever left: the page is
received whole in memory (up to a size limit) and renamed into place.

The HTTP client is httpx: HTTP/1.1, redirects followed here one hop at a time (so that
robots.txt and the per-host wait apply to each), proxies from the environment
(HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, NO_PROXY), certificate checks on.
"""

from __future__ import annotations

import hashlib
import re
import socket
import ssl
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime
from itertools import count
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import httpx

from . import __version__
from .errors import BzTasksError, OutputError
from .export.documents import ensure_dir, write_atomic
from .load import provenance

ROBOTS_TOKEN = "bz-tasks"
"""The name robots.txt rules address this tool by (`User-agent: bz-tasks`)."""

USER_AGENT = f"{ROBOTS_TOKEN}/{__version__} (livelihood-notice dataset tool; obeys robots.txt) python-httpx"

PAGE_TYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt"}
"""Media types a notice page is served as, and the suffix its file gets."""

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
"""Answers that say "not now": retried after a wait. Any other error status is final."""

Outcome = Literal["new", "changed", "unchanged"]
"""new: a first file for the URL; changed: the page changed, a new file beside the old;
unchanged: the server says (304) or shows (same bytes) that the file on disk is current."""


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How politely, and how patiently, to fetch."""

    delay: float = 2.0
    """Seconds between the end of one request and the start of the next to the same host."""
    timeout: float = 30.0
    """Seconds to connect, to wait for each read, and to receive a whole body."""
    retries: int = 3
    """Further attempts after a 429 or 5xx answer."""
    backoff: float = 5.0
    """Seconds before the first retry when the server gives no Retry-After; doubled each time."""
    max_wait: float = 120.0
    """The longest wait honoured (Retry-After, Crawl-delay); a server asking for more is an error."""
    max_bytes: int = 10 * 1024 * 1024
    """Largest body accepted; a notice page is well under a megabyte."""
    max_redirects: int = 10
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class Result:
    """What became of one URL: its file and manifest entry, or why it failed."""

    url: str
    outcome: Outcome | None = None
    path: Path | None = None
    entry: provenance.Entry | None = None
    previous: provenance.Entry | None = None
    """For 'changed' and 'unchanged': the version that was on disk before."""
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class FetchError(BzTasksError):
    """A URL could not be fetched; the message names the reason and the fix."""


class Fetcher:
    """Fetches URLs one by one into `out_dir`, keeping its provenance manifest up to date.

    `transport`, `sleep` and `clock` are for tests: a mock transport, and a recorded or
    shortened wait.
    """

    def __init__(
        self,
        out_dir: Path,
        options: FetchOptions | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        ensure_dir(out_dir)
        self.out_dir = out_dir
        self.options = options or FetchOptions()
        self.entries = provenance.read_manifest(out_dir)
        self._sleep = sleep
        self._clock = clock
        self._last: dict[str, float] = {}
        """Host → when its last request ended."""
        self._robots: dict[str, urllib.robotparser.RobotFileParser | str] = {}
        """Origin → its robots.txt rules, or why they could not be read."""
        self._client = httpx.Client(
            headers={"User-Agent": self.options.user_agent},
            timeout=self.options.timeout,
            follow_redirects=False,
            transport=transport,
            trust_env=True,  # proxies and CA bundle settings from the environment
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> Result:
        """Fetch `url` into the folder; never raises for a URL that fails, returns its error."""
        try:
            return self._fetch(url)
        except FetchError as exc:
            return Result(url, error=f"{url}: {exc}")
        except (httpx.InvalidURL, ValueError) as exc:  # a URL that urllib or httpx cannot take apart
            return Result(url, error=f"{url}: not a valid URL ({exc}); check it for spaces or stray characters")
        except OutputError as exc:
            return Result(url, error=str(exc))

    # --- one URL ---------------------------------------------------------------------------

    def _fetch(self, url: str) -> Result:
        _check_url(url)
        previous = provenance.latest_for(self.entries, url)
        on_disk = previous if previous and (self.out_dir / previous.file).is_file() else None
        response, body, final_url = self._get(url, _validators(on_disk))
        now = provenance.now()
        if response.status_code == 304 and on_disk is not None:
            return self._confirmed(url, on_disk, now)
        if response.status_code != 200:
            raise FetchError(_status_error(response, self.options.retries))
        sha256 = hashlib.sha256(body).hexdigest()
        if on_disk is not None and on_disk.sha256 == sha256:
            return self._confirmed(url, on_disk, now)
        name = self._name_for(url, _suffix(response, body), sha256)
        target = self.out_dir / name
        if not target.exists():
            write_atomic(target, body)
        entry = provenance.Entry(
            file=name,
            url=url,
            final_url=final_url,
            retrieved_at=now,
            status=response.status_code,
            content_type=response.headers.get("Content-Type"),
            charset=_charset(response.headers.get("Content-Type", "")),
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
            size=len(body),
            sha256=sha256,
        )
        self._record(entry)
        return Result(url, "changed" if previous else "new", target, entry, previous)

    def _confirmed(self, url: str, entry: provenance.Entry, now: str) -> Result:
        """The file on disk is current: note when that was last confirmed, keep the bytes."""
        current = replace(entry, checked_at=now)
        self._record(current)
        return Result(url, "unchanged", self.out_dir / entry.file, current, entry)

    def _record(self, entry: provenance.Entry) -> None:
        files = [other.file for other in self.entries]
        if entry.file in files:  # a version confirmed again keeps its place in the URL's history
            self.entries[files.index(entry.file)] = entry
        else:
            self.entries.append(entry)
        write_atomic(provenance.manifest_path(self.out_dir), provenance.manifest_text(self.entries))

    def _name_for(self, url: str, suffix: str, sha256: str) -> str:
        """A stable name from the URL; a changed page gets the next free '-vN' name, nothing is overwritten."""
        base = url_stem(url)
        listed = {entry.file for entry in self.entries}
        for version in count(1):
            name = f"{base}{'' if version == 1 else f'-v{version}'}{suffix}"
            path = self.out_dir / name
            if path.exists():
                if hashlib.sha256(path.read_bytes()).hexdigest() == sha256:
                    return name  # these very bytes are already there (a manifest lost or reset)
                continue
            if name not in listed:
                return name
        raise AssertionError("unreachable")

    # --- HTTP ------------------------------------------------------------------------------

    def _get(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes, str]:
        """The final response to `url` after redirects, its body, and the URL it came from."""
        current = url
        for _hop in range(self.options.max_redirects + 1):
            self._obey_robots(current)
            response, body = self._with_retries(current, headers)
            if not (response.is_redirect and response.next_request is not None):
                return response, body, current
            current = str(response.next_request.url)
            _check_url(current, redirected=True)
        raise FetchError(
            f"more than {self.options.max_redirects} redirects; open the URL in a browser and give the page's final URL"
        )

    def _with_retries(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        host = _host(url)
        for attempt in range(self.options.retries + 1):
            self._wait_turn(host)
            try:
                response, body = self._once(url, headers)
            finally:
                self._last[host] = self._clock()
            if response.status_code not in RETRY_STATUSES or attempt == self.options.retries:
                return response, body
            self._sleep(self._retry_wait(response, attempt))
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        """One request; the body is read only for a 200 that is a page, within the size and time limits."""
        deadline = self._clock() + self.options.timeout
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code != 200:
                    return response, b""
                _check_type(response)
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > self.options.max_bytes:
                    raise FetchError(self._too_large(f"{int(declared)} bytes"))
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.options.max_bytes:
                        raise FetchError(self._too_large(f"more than {self.options.max_bytes} bytes"))
                    if self._clock() > deadline:
                        raise FetchError(self._too_slow("the page did not arrive whole"))
                    chunks.append(chunk)
                return response, b"".join(chunks)
        except httpx.TimeoutException:
            raise FetchError(self._too_slow("no answer")) from None
        except httpx.HTTPError as exc:
            raise FetchError(_network_error(url, exc)) from None

    def _too_large(self, size: str) -> str:
        return (
            f"the body is {size}, over the limit of {self.options.max_bytes} bytes; nothing was saved: "
            "check that the URL is a notice page, or raise --max-size"
        )

    def _too_slow(self, what: str) -> str:
        return (
            f"{what} within the {self.options.timeout:g} s timeout; nothing was saved: try again later, "
            "or raise --timeout"
        )

    def _retry_wait(self, response: httpx.Response, attempt: int) -> float:
        """Seconds to wait before the next attempt: the server's Retry-After, or a doubling backoff."""
        asked = _retry_after(response.headers.get("Retry-After"))
        wait = asked if asked is not None else self.options.backoff * 2**attempt
        if wait > self.options.max_wait:
            raise FetchError(
                f"HTTP {response.status_code}: the server asks to wait {wait:g} s, longer than "
                f"{self.options.max_wait:g} s; try again later"
            )
        return wait

    def _wait_turn(self, host: str) -> None:
        """Sleep until this host's delay since its last request has passed."""
        last = self._last.get(host)
        if last is None:
            return
        wait = last + self._delay(host) - self._clock()
        if wait > 0:
            self._sleep(wait)

    def _delay(self, host: str) -> float:
        delay = self.options.delay
        for origin, rules in self._robots.items():
            if _host(origin) == host and not isinstance(rules, str):
                asked = rules.crawl_delay(ROBOTS_TOKEN)
                if asked is not None:
                    delay = max(delay, min(float(asked), self.options.max_wait))
        return delay

    # --- robots.txt ------------------------------------------------------------------------

    def _obey_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        rules = self._robots[origin]
        if isinstance(rules, str):
            raise FetchError(rules)
        if not rules.can_fetch(ROBOTS_TOKEN, url):
            raise FetchError(f"{origin}/robots.txt does not allow {ROBOTS_TOKEN} to fetch this path; not fetched")

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | str:
        """The origin's rules (RFC 9309): a 4xx means none; a 5xx or no answer means stay away for now."""
        robots_url = f"{origin}/robots.txt"
        host = _host(origin)
        unreachable = f"{robots_url} could not be read (%s), so nothing there is fetched; try again later"
        self._wait_turn(host)
        try:
            response = self._client.get(robots_url, follow_redirects=True)
        except httpx.HTTPError as exc:
            return unreachable % (type(exc).__name__,)
        finally:
            self._last[host] = self._clock()
        rules = urllib.robotparser.RobotFileParser(robots_url)
        if response.status_code >= 500 or response.status_code == 429:
            return unreachable % (f"HTTP {response.status_code}",)
        if response.status_code >= 400:
            rules.parse([])
        else:
            rules.parse(response.content[: 500 * 1024].decode("utf-8", "replace").splitlines())
        return rules


def fetch_all(urls: Iterable[str], out_dir: Path, options: FetchOptions | None = None) -> Iterator[Result]:
    """Fetch each URL into `out_dir` in order; a URL given twice is fetched once."""
    with Fetcher(out_dir, options) as fetcher:
        for url in dict.fromkeys(urls):
            yield fetcher.fetch(url)


def read_url_list(text: str) -> list[str]:
    """URLs from a list file: one a line; blank lines and '#' comments are skipped."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def url_stem(url: str) -> str:
    """A file name stem from a URL: readable host and path, plus 8 hex digits of the URL's hash.

    >>> url_stem("https://www.bozhou.gov.cn/OpennessContent/show/3094617.html")
    'www.bozhou.gov.cn-OpennessContent-show-3094617-aab4da18'
    """
    parts = urlsplit(url)
    path = re.sub(r"\.(s?html?|txt|jsp|aspx?|php)$", "", parts.path, flags=re.IGNORECASE)
    query = f"-{parts.query}" if parts.query else ""
    readable = _UNSAFE.sub("-", f"{parts.hostname or ''}{path}{query}").strip("-.")[:80].rstrip("-.")
    return f"{readable}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:8]}"


def _check_url(url: str, redirected: bool = False) -> None:
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.hostname and (parts.port or 0) >= 0:  # .port checks its range
        return
    if redirected:
        raise FetchError(f"redirected to {url}, which is not an http(s) URL; open the URL in a browser")
    raise FetchError("not an http(s) URL; give a full URL such as https://www.example.gov.cn/notice.html")


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _validators(entry: provenance.Entry | None) -> dict[str, str]:
    """Conditional-request headers from the version on disk: the server may answer 304."""
    headers: dict[str, str] = {}
    if entry is not None and entry.etag:
        headers["If-None-Match"] = entry.etag
    if entry is not None and entry.last_modified:
        headers["If-Modified-Since"] = entry.last_modified
    return headers


def _check_type(response: httpx.Response) -> None:
    media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if media and media not in PAGE_TYPES:
        raise FetchError(
            f"served as {media}, not a web page or text; nothing was saved: give the URL of the notice's "
            "HTML page (an attachment such as a PDF or Word file must be converted by hand)"
        )


_CHARSET_PARAMETER = re.compile(r"""charset\s*=\s*["']?(?P<charset>[^"';\s]+)""", re.IGNORECASE)


def _charset(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header, as sent ('GBK' stays 'GBK')."""
    match = _CHARSET_PARAMETER.search(content_type)
    return match.group("charset") if match else None


def _suffix(response: httpx.Response, body: bytes) -> str:
    media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if media in PAGE_TYPES:
        return PAGE_TYPES[media]
    return ".html" if body.lstrip()[:1] == b"<" else ".txt"


def _status_error(response: httpx.Response, retries: int) -> str:
    code, reason = response.status_code, response.reason_phrase or "error"
    if code in RETRY_STATUSES:
        return f"HTTP {code} {reason}, still after {retries} retries; try again later"
    if code in (404, 410):
        return f"HTTP {code} {reason}; check the URL (the notice may have moved or been withdrawn)"
    if code in (401, 403):
        return f"HTTP {code} {reason}; the site refuses access: save the page from a browser instead"
    if response.is_redirect:
        return f"HTTP {code} {reason} without a Location to follow; open the URL in a browser"
    return f"HTTP {code} {reason}; check the URL, or save the page from a browser"


def _network_error(url: str, exc: httpx.HTTPError) -> str:
    host = urlsplit(url).hostname
    causes = _causes(exc)
    if any(isinstance(cause, socket.gaierror) for cause in causes) or "Name or service not known" in str(exc):
        return f"cannot find the host {host} (DNS); check the URL's spelling and the network"
    if any(isinstance(cause, ssl.SSLError) for cause in causes) or "SSL" in str(exc):
        return f"the TLS connection failed ({exc}); check the URL, the system clock and its CA certificates"
    if isinstance(exc, httpx.ProxyError):
        return f"the proxy failed ({exc}); check HTTP_PROXY / HTTPS_PROXY"
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return f"the connection was cut before the page arrived whole ({exc}); nothing was saved: try again"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect to {host} ({exc}); check the URL and the network"
    return f"the request failed ({type(exc).__name__}: {exc}); try again, or save the page from a browser"


def _causes(exc: BaseException) -> list[BaseException]:
    found: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in found:
        found.append(current)
        current = current.__cause__ or current.__context__
    return found


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
