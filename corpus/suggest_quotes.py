"""Quotation rules: spans between matched quote marks, outermost first, newspaper paragraph runs."""
from __future__ import annotations

import re
from collections.abc import Iterator

# Every character that can open or close a quotation, and the newline that ends a paragraph.
_MARKS = re.compile("[\"“”„‚‘’«»\n]")
# For each closing mark, the opening marks it closes (German „..“ and ‚..‘, both guillemet orders).
_CLOSES = {"”": "“„", "“": "„", "»": "«", "«": "»", '"': '"', "‘": "‚", "’": "‘‚"}
_OPENERS = frozenset("\"“„‚‘«»")
_MAX_DEPTH = 8  # deeper nesting is not prose; the bound keeps the scan linear on hostile input
_WORD = re.compile(r"\w+")
_VISIBLE = re.compile(r"\S")
# A short quotation is a real one (not a scare quote) when a reporting verb introduces it: `said: "No"`.
_INTRODUCED = re.compile(r"\b(?:said|says|say|told|asked|asks|replied|added|wrote|writes|declared|"
                         r"insisted|shouted|answered|stated)\s*[:,]\s*$", re.IGNORECASE)
SCARE_WORDS = 3  # a quotation of this many words or fewer is a scare quote unless it reads as speech


def quote_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Spans of quotations, quote marks included; nested quotes give only the outer span."""
    pairs = [pair for pair in _Scanner(text).pairs() if not _is_scare_quote(text, *pair[:2])]
    yield from _outermost(pairs)


class _Scanner:
    """Pairs quote marks paragraph by paragraph with a bounded stack."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.stack: list[tuple[str, int]] = []  # (opening mark, its position)
        self.found: list[tuple[int, int, str]] = []
        self.para_start = 0
        self.skip = -1  # the opening mark that continues a quotation from the paragraph before
        self.continued = False

    def pairs(self) -> list[tuple[int, int, str]]:
        for match in _MARKS.finditer(self.text):
            pos = match.start()
            if match.group() == "\n":
                self.end_paragraph(pos)
            elif pos != self.skip:
                self.mark(match.group(), pos)
        return self.found

    def mark(self, char: str, pos: int) -> None:
        before = self.text[pos - 1] if pos else " "
        after = self.text[pos + 1] if pos + 1 < len(self.text) else " "
        if self.close(char, pos, before, after):
            return
        if char in _OPENERS and _can_open(char, before, after) and len(self.stack) < _MAX_DEPTH:
            self.stack.append((char, pos))

    def close(self, char: str, pos: int, before: str, after: str) -> bool:
        openers = _CLOSES.get(char, "")
        if not openers or before.isspace() or (char == "’" and after.isalnum()):
            return False
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] in openers:
                start = self.stack[depth][1]
                rule = "quote-paragraphs" if depth == 0 and self.continued else "quote-marks"
                self.found.append((start, pos + 1, rule))
                del self.stack[depth:]
                self.continued = self.continued and bool(self.stack)
                return True
        return False

    def end_paragraph(self, pos: int) -> None:
        """Carry an unclosed quotation that opened its paragraph on to a paragraph opening the same way."""
        carried = self.stack[0] if self.stack else None
        self.stack = []
        self.continued = False
        opened_paragraph = carried is not None and not self.text[self.para_start:carried[1]].strip()
        self.para_start = pos + 1
        if carried is None or not opened_paragraph:
            return
        nxt = _next_visible(self.text, pos + 1)
        if nxt is not None and self.text[nxt] == carried[0]:
            self.stack = [carried]
            self.skip = nxt
            self.continued = True


def _can_open(char: str, before: str, after: str) -> bool:
    if after.isspace() and char in "\"»":
        return False  # a straight quote or a » followed by a space closes or is stray, never opens
    # rock‘n’roll, the ‘90s written with the wrong mark: apostrophes, not quotations
    return not (char in "‘‚" and (before.isalnum() or after.isdigit()))


def _next_visible(text: str, pos: int) -> int | None:
    """The position of the first non-space character from pos, or None."""
    match = _VISIBLE.search(text, pos)
    return match.start() if match else None


def _is_scare_quote(text: str, start: int, end: int) -> bool:
    """A quotation of a few words that neither ends in punctuation nor follows `said:`."""
    inner = text[start + 1:end - 1]
    words = 0
    for _ in _WORD.finditer(inner):
        words += 1
        if words > SCARE_WORDS:
            return False
    if inner.rstrip()[-1:] in (",", ".", "!", "?"):
        return False
    return _INTRODUCED.search(text, max(0, start - 30), start) is None


def _outermost(pairs: list[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
    """The spans not inside another span."""
    reach = -1
    for start, end, rule in sorted(pairs, key=lambda p: (p[0], -p[1])):
        if start >= reach:
            yield start, end, rule
            reach = end
