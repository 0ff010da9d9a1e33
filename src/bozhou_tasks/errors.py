"""Exceptions the library raises for input it cannot use.

Each message names the problem and what to do about it; the CLI prints it as one line
on stderr, without a traceback.
"""

from __future__ import annotations


class BzTasksError(Exception):
    """Base class for every error the library raises on purpose."""


class InputError(BzTasksError):
    """The input cannot be read as a notice page (missing, binary, undecodable, not a notice)."""


class OutputError(BzTasksError):
    """The output cannot be written where asked."""
