"""A headless Chromium driven over the DevTools protocol on a pipe: no extra package, no network port.

Chromium reads commands on file descriptor 3 and writes replies and events on 4, each a
JSON object followed by a NUL byte (`--remote-debugging-pipe`). `Page` opens one tab at a
given window size and offers what the report's tests need: evaluate an expression, press
Tab, move the mouse, take a screenshot.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
"""Chromium's flags for a headless run on this machine's closed network (no background connections)."""
TIMEOUT = 60.0


class Page:
    """One tab of a fresh headless Chromium, `width` by `height` CSS pixels (`mobile`: a phone's viewport)."""

    def __init__(self, url: str, width: int, height: int, *, mobile: bool = False) -> None:
        assert CHROMIUM is not None
        self._profile = tempfile.TemporaryDirectory(prefix="bz-tasks-chromium-")
        to_chromium, self._commands = os.pipe()
        self._replies, from_chromium = os.pipe()

        def wire() -> None:  # runs in the child: the pipe ends become its fds 3 and 4, kept across exec
            ends = [os.dup(to_chromium), os.dup(from_chromium)]  # first out of the way of 3 and 4
            for target, end in zip((3, 4), ends, strict=True):
                os.dup2(end, target)
                os.set_inheritable(target, True)

        self._process = subprocess.Popen(
            [
                CHROMIUM,
                *FLAGS,
                "--remote-debugging-pipe",
                f"--user-data-dir={self._profile.name}",
                f"--window-size={width},{height}",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire,  # only dup2 between fork and exec
            close_fds=False,
        )
        os.close(to_chromium)
        os.close(from_chromium)
        self._buffer = b""
        self._next = 0
        self._session: str | None = None
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Page.enable")
        self.send("Page.setBypassCSP", enabled=True)  # the report forbids scripts; the test's own may run
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=mobile)
        self.send("Page.navigate", url=url)
        self._wait_for("Page.loadEventFired")

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if self._session is not None:
            message["sessionId"] = self._session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        reply = self._wait_for(None, self._next)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        result: dict[str, Any] = reply.get("result", {})
        return result

    def _wait_for(self, event: str | None, reply_id: int | None = None) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message: dict[str, Any] = json.loads(raw)
                if (reply_id is not None and message.get("id") == reply_id) or (
                    event is not None and message.get("method") == event
                ):
                    return message
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._replies], [], [], left)[0]:
                raise TimeoutError(f"Chromium did not answer ({event or reply_id})")
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (JSON-able)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def press_tab(self) -> None:
        for kind in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", type=kind, key="Tab", code="Tab", windowsVirtualKeyCode=9)

    def press_enter(self) -> None:
        self.send(
            "Input.dispatchKeyEvent", type="keyDown", key="Enter", code="Enter", windowsVirtualKeyCode=13, text="\r"
        )
        self.send("Input.dispatchKeyEvent", type="keyUp", key="Enter", code="Enter", windowsVirtualKeyCode=13)

    def hover(self, selector: str) -> None:
        """Scroll the element into view and put the mouse pointer on its first character."""
        x, y = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)}); e.scrollIntoView({{block: 'center'}});"
            " const r = e.getClientRects()[0]; return [r.left + 2, r.top + r.height / 2]; })()"
        )
        self.move_mouse(x, y)

    def move_mouse(self, x: float, y: float) -> None:
        self.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)

    def screenshot(self, path: Path, *, full_page: bool = False) -> None:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
            width, height = self.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
            )
            params["clip"] = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
        path.write_bytes(base64.b64decode(self.send("Page.captureScreenshot", **params)["data"]))

    def close(self) -> None:
        try:
            self._session = None
            os.write(self._commands, json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0")
            self._process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        finally:
            os.close(self._commands)
            os.close(self._replies)
            self._profile.cleanup()

    def __enter__(self) -> Page:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


def main(argv: list[str] | None = None) -> None:
    """Take the README's screenshots of a report: `python -m tests.browser REPORT.html DIR`.

    DIR/report.png: the top at 1000 px; DIR/report-item.png: item 1 with a county's tooltip
    open; DIR/report-phone.png: item 1 at a phone's 390 px, a tooltip open.
    """
    import sys

    report, folder = (Path(arg) for arg in (argv or sys.argv[1:]))
    url = report.resolve().as_uri()
    with Page(url, 1000, 900) as page:
        page.screenshot(folder / "report.png")
    with Page(url, 1000, 800) as page:
        page.evaluate("document.getElementById('item-1').scrollIntoView({block: 'start'}); window.scrollBy(0, -120)")
        page.hover("#i1-q5")
        page.screenshot(folder / "report-item.png")
    with Page(url, 390, 844, mobile=True) as page:
        page.evaluate("document.getElementById('item-1').scrollIntoView({block: 'start'}); window.scrollBy(0, -60)")
        page.hover("#i1-q5")
        page.screenshot(folder / "report-phone.png")


if __name__ == "__main__":
    main()
