"""Soft-wrapping document text into screen lines, and mapping screen cells to code-point offsets."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from rich.cells import get_character_cell_size

TAB_CELLS = 4

# Characters that must never reach the terminal raw: C0/C1 controls, DEL, and the Unicode
# line/paragraph separators (which some terminals treat as newlines). A set, not a character
# class: compiling a class that reaches past U+00FF costs start-up about 1 ms.
_CONTROL = frozenset(chr(code) for code in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
                                             0x2028, 0x2029))
_NOT_PLAIN = re.compile(r"[^\x20-\x7e]")


# Invisible characters that change how a terminal draws the text around them, drawn as a mark
# of one cell instead (the text keeps them). Bidirectional controls reorder what follows on a
# terminal that applies bidi (`Filename<U+202E>txt.exe` drew as `Filenameexe.txt`); a zero-width
# joiner glues emoji into one picture whose width terminals disagree on (tmux 3.3a draws the
# family 👩‍👩‍👧‍👦 in 2 cells, rich counts 2, a walk by character 8, others draw 8); with the joiner
# shown, each emoji stands alone at the width everyone agrees on. VS16 (emoji presentation)
# widens the character before it on some terminals (rich counts 🏳️ as 2, tmux draws 1): it is
# drawn as VS15 (text presentation), which keeps the character at its own width everywhere.
# Other format characters (ZWNJ as in Persian می‌خواهم, zero-width space, word joiner, BOM,
# soft hyphen) stay as they are: rich and tmux measured each at its own width, and ZWNJ is
# ordinary text in Persian.
BIDI_MARK = "\u21c4"  # ⇄
JOINER_MARK = "\u2040"  # ⁀
_BIDI = frozenset(chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C))
_FORMAT_SHOWN = {**{char: BIDI_MARK for char in _BIDI}, "\u200d": JOINER_MARK, "\ufe0f": "\ufe0e"}


@lru_cache(maxsize=4096)
def control_glyph(char: str) -> str:
    """A control character as a visible symbol (other characters unchanged): what an editor may hold."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # U+2400 control pictures: ␀ ␁ ... ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0x80 <= code <= 0x9F or code in (0x2028, 0x2029):
        return "\ufffd"
    return char


@lru_cache(maxsize=4096)
def glyph(char: str) -> str:
    """What one character looks like on screen: controls as symbols, bidi controls and joiners as marks."""
    return _FORMAT_SHOWN.get(char) or control_glyph(char)


@lru_cache(maxsize=8192)
def char_cells(char: str) -> int:
    """Cells one character takes on screen (tabs are a fixed width, controls one symbol)."""
    if char == "\t":
        return TAB_CELLS
    if char in _CONTROL:
        return 1
    return get_character_cell_size(_FORMAT_SHOWN.get(char, char))


def is_simple(line: str) -> bool:
    """True when every character of the line is one printable cell (the fast path)."""
    odd = set(_NOT_PLAIN.findall(line))
    return all(char != "\t" and glyph(char) == char and char_cells(char) == 1 for char in odd)


def cells_of(text: str) -> int:
    """Screen width of a piece of text."""
    if is_simple(text):
        return len(text)
    return sum(char_cells(char) for char in text)


@lru_cache(maxsize=64)
def _wrap_pattern(width: int) -> re.Pattern[str]:
    # Greedy word wrap: up to `width` characters ending at a word end (plus the spaces after it,
    # which may hang past the edge), else a hard break of `width` characters.
    return re.compile(rf"[^\n]{{0,{width - 1}}}\S(?= |$)[ ]*|[^\n]{{1,{width}}}")


def _wrap_simple(line: str, base: int, width: int, out: list[int]) -> None:
    for match in _wrap_pattern(width).finditer(line):
        out.append(base + match.start())


def _wrap_cells(line: str, base: int, width: int, out: list[int]) -> None:
    """Word wrap by cell width, for lines with wide, zero-width, tab or control characters."""
    start = 0
    cells = 0
    last_break = -1  # index just after the last space run inside the current row
    index = 0
    length = len(line)
    out.append(base)
    while index < length:
        char = line[index]
        size = char_cells(char)
        if char == " ":
            run_end = index
            while run_end < length and line[run_end] == " ":
                run_end += 1
            cells += run_end - index  # spaces may hang past the edge rather than start a row
            index = last_break = run_end
            continue
        if cells + size > width and index > start:
            cut = last_break if last_break > start else index
            start = cut
            out.append(base + cut)
            cells = sum(char_cells(c) for c in line[cut:index])
            last_break = -1
        cells += size
        index += 1


class Layout:
    """The wrapped rows of a text at one width: row i shows text[starts[i]:ends[i]]."""

    __slots__ = ("text", "width", "starts", "ends", "simple")  # a plain class: a dataclass costs start-up 1 ms

    def __init__(self, text: str, width: int, starts: list[int], ends: list[int], simple: bytearray) -> None:
        self.text, self.width, self.starts, self.ends = text, width, starts, ends
        self.simple = simple  # simple[row] is 1 when every character of the row is one printable cell

    @classmethod
    def build(cls, text: str, width: int) -> Layout:
        width = max(4, width)
        starts: list[int] = []
        ends: list[int] = []
        simple = bytearray()
        offset = 0
        for line in text.split("\n"):
            first = len(starts)
            if not line:
                starts.append(offset)
                simple.append(1)
            elif is_simple(line):
                _wrap_simple(line, offset, width, starts)
                simple.extend(b"\x01" * (len(starts) - first))
            else:
                _wrap_cells(line, offset, width, starts)
                simple.extend(bytes(len(starts) - first))
            line_end = offset + len(line)
            ends.extend(starts[first + 1 :])
            ends.append(line_end)
            offset = line_end + 1
        return cls(text, width, starts, ends, simple)

    @property
    def height(self) -> int:
        return len(self.starts)

    def row_of(self, offset: int) -> int:
        """The row that shows `offset` (an offset on a newline belongs to the row it ends)."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def row_text(self, row: int) -> str:
        return self.text[self.starts[row] : self.ends[row]]

    def column_of(self, offset: int) -> int:
        """Screen column of the cell where `offset` is drawn."""
        row = self.row_of(offset)
        before = self.text[self.starts[row] : offset]
        return len(before) if self.simple[row] else cells_of(before)

    def offset_at(self, row: int, column: int) -> int:
        """The offset drawn at a screen cell; past the end of a row, the row's end."""
        row = min(max(row, 0), self.height - 1)
        start, end = self.starts[row], self.ends[row]
        segment = self.text[start:end]
        if self.simple[row]:
            return start + min(max(column, 0), len(segment))
        cells = 0
        for index, char in enumerate(segment):
            size = char_cells(char)
            if size and column < cells + size:
                return start + index
            cells += size
        return end
