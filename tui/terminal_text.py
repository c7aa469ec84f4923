"""Untrusted text for a terminal, the one way every screen and the CLI show it (no Textual here).

Characters that would act on the terminal (ESC starting a sequence that retitles the window or
recolours it, BEL, a carriage return that overwrites the line) or reorder it (bidi controls) are
shown as visible symbols (tui/textlayout.glyph). Files written keep their exact text: only what
goes to a terminal is shown this way.
"""
from __future__ import annotations

import sys
from typing import TextIO

from tui.textlayout import glyph

ELLIPSIS = "…"
# One-line displays must not break lines or jump to tab stops, so these get their own symbols.
_ONE_LINE = {"\n": "⏎ ", "\t": "→"}


def _one_line_glyph(char: str) -> str:
    return _ONE_LINE.get(char) or glyph(char)


def one_line(text: str | None, limit: int | None = None) -> str:
    """`text` on one line: controls shown as symbols, newlines as "⏎ ", cut to `limit` chars with "…"."""
    if not text:
        return ""
    # Map only what can be shown: a 1 MB article must not be walked to show 60 characters.
    head = text if limit is None else text[: limit + 1]
    shown = "".join(map(_one_line_glyph, head))
    if limit is not None and len(shown) > limit:
        shown = shown[: max(limit - 1, 0)] + ELLIPSIS
    return shown


def lines_shown(text: str) -> str:
    """Text of several lines for a terminal: line breaks and tabs kept, every other control shown."""
    return "".join(char if char in "\n\t" else glyph(char) for char in text)


class ShownOnTerminal:
    """A text stream for a terminal: what is written has its controls shown as symbols.

    A CRLF row ending is a line end (the terminal adds the CR itself); a carriage return anywhere
    else (the rest of the line would overwrite its start) is shown, so one that ends a write
    waits for the next.
    """

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self._carriage_return = False

    def write(self, text: str) -> int:
        if self._carriage_return:
            text = "\r" + text
            self._carriage_return = False
        if text.endswith("\r"):
            text, self._carriage_return = text[:-1], True
        self.out.write(lines_shown(text.replace("\r\n", "\n")))
        return len(text)

    def flush(self) -> None:
        if self._carriage_return:
            self.out.write(glyph("\r"))
            self._carriage_return = False
        self.out.flush()


def for_terminal(out: TextIO, stream: TextIO | None = None) -> TextIO:
    """`out` as it is when `stream` (default: standard output) is not a terminal, else ShownOnTerminal."""
    stream = sys.stdout if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    return ShownOnTerminal(out) if isatty is not None and isatty() else out  # type: ignore[return-value]
