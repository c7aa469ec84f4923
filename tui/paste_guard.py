"""Terminal input where a bracketed paste is always text: ESC inside a paste can never become keys.

Textual 8.2.8's XTermParser, inside a bracketed paste, appends an ESC to the paste but collects
the characters after it as an escape sequence that it never appends; the next ESC (the paste's
end marker) makes it reissue them as key presses. A paste of `hello` ESC `[dd` typed `d d` into
the reader (deleting an annotation) and pasted `hello` after them. PasteGuardParser filters the
characters in front of that parser: between the start and end markers every ESC that does not
begin the end marker is replaced by a visible symbol, so the parser sees plain text.
"""
from __future__ import annotations

from collections.abc import Iterable

from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.message import Message

ESC = "\x1b"
ESC_SHOWN = "\u241b"  # ␛, as the reader and the editors show an ESC in text


class PasteGuardParser(XTermParser):
    """An XTermParser that never sees an ESC inside a bracketed paste except the end marker's."""

    def __init__(self, debug: bool = False) -> None:
        self._in_paste = False
        self._held = ""  # in a paste: a possible end marker cut by the end of a read, not passed on yet
        self._recent = ""  # out of a paste: the last characters passed on, to see a start marker cut in two
        super().__init__(debug)

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # end of input: pass on what was held, as text, then the end
            held, self._held = self._held, ""
            if held:
                yield from super().feed(held.replace(ESC, ESC_SHOWN))
            yield from super().feed("")
            return
        filtered = self.filter(data)
        if filtered:  # an empty string would mean end of input to Textual's parser
            yield from super().feed(filtered)

    def filter(self, data: str) -> str:
        """The characters to pass on for one read: ESCs inside a paste shown as ␛."""
        text, self._held = self._held + data, ""
        out: list[str] = []
        position, size = 0, len(text)
        while position < size:
            if not self._in_paste:
                # Outside a paste nothing is held back (an ESC key press must not wait): only
                # remembered, for a start marker whose first characters came in the last read.
                window = self._recent + text[position:]
                found = window.find(BRACKETED_PASTE_START)
                if found < 0:
                    out.append(text[position:])
                    self._recent = window[-(len(BRACKETED_PASTE_START) - 1):]
                    break
                marker_end = position + found + len(BRACKETED_PASTE_START) - len(self._recent)
                out.append(text[position:marker_end])
                position, self._in_paste, self._recent = marker_end, True, ""
                continue
            escape = text.find(ESC, position)
            if escape < 0:
                out.append(text[position:])
                break
            out.append(text[position:escape])
            ahead = text[escape : escape + len(BRACKETED_PASTE_END)]
            if ahead == BRACKETED_PASTE_END:
                out.append(ahead)
                position, self._in_paste = escape + len(ahead), False
            elif BRACKETED_PASTE_END.startswith(ahead) and escape + len(ahead) == size:
                self._held = ahead  # the next read says whether the paste ends here
                break
            else:
                out.append(ESC_SHOWN)
                position = escape + 1
        return "".join(out)


def install_paste_guard() -> None:
    """Make Textual's Linux drivers read the terminal through PasteGuardParser.

    They create their parser by the name XTermParser, imported into their own modules."""
    from textual.drivers import linux_driver, linux_inline_driver

    linux_driver.XTermParser = PasteGuardParser  # type: ignore[misc]
    linux_inline_driver.XTermParser = PasteGuardParser  # type: ignore[misc]
