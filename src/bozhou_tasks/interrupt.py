"""Stopping on Ctrl-C and SIGTERM: at once, except inside steps that must not be cut in two.

`on_signals(action)` makes the signals call `action(signum)` (the command raises `Stopped`;
a worker process removes its temporary files and exits). Inside `held()` a signal only
notes itself, and its action runs when the outermost held block ends: renaming a JSON and
YAML pair, or printing a page's line, is never cut half-way. Without `on_signals` (the
library used on its own) Python's own Ctrl-C handling is left as it is.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name))


class Stopped(BaseException):
    """The run was stopped by a signal (Ctrl-C, SIGTERM) before its end.

    A `BaseException`, like `KeyboardInterrupt`, so that no `except Exception` takes it for
    a page's error. `finished` holds the outcomes of jobs that were done but not yet handed
    out when a batch stopped (see `batch.run`).
    """

    def __init__(self, signum: int, finished: tuple[object, ...] = ()) -> None:
        super().__init__(signum)
        self.signum = signum
        self.finished = finished


class _State:
    depth = 0
    pending: int | None = None
    action: Callable[[int], None] | None = None


def on_signals(action: Callable[[int], None], signals: tuple[int, ...] = STOP_SIGNALS) -> None:
    """Call `action(signum)` on each of `signals`, at once or at the end of the `held()` block it comes in.

    Call it from the main thread (where Python runs signal handlers).
    """
    _State.action = action

    def handler(signum: int, frame: object) -> None:
        if _State.depth:
            _State.pending = signum
            return
        action(signum)

    for signum in signals:
        signal.signal(signum, handler)


@contextlib.contextmanager
def held() -> Iterator[None]:
    """Hold a stop back until the block ends: for steps that must not be cut in two."""
    _State.depth += 1
    try:
        yield
    except Stopped:  # already stopping: a second signal adds nothing
        _State.depth -= 1
        if not _State.depth:
            _State.pending = None
        raise
    except BaseException:
        _State.depth -= 1
        _act_on_pending()
        raise
    _State.depth -= 1
    _act_on_pending()


def _act_on_pending() -> None:
    if not _State.depth and _State.pending is not None and _State.action is not None:
        signum, _State.pending = _State.pending, None
        _State.action(signum)


def raise_stopped(signum: int) -> None:
    """The command's action: unwind, cleaning up on the way, and say what was done."""
    raise Stopped(signum)
