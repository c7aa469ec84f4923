"""Where word, sentence and search movements land, as code-point offsets into a document."""
from __future__ import annotations

import re
from functools import cache

_WORD = r"\w+(?:['’\-]\w+)*|[^\w\s]"
# A sentence ends at . ! ? … (plus closing quotes) before a space and a word that does not start
# in lower case ("U.S. will" goes on), or at a line break; a single capital before the full stop
# is an initial or an abbreviation ("U.S. Tells", "Richard A. Grenell"), not a sentence end.
_SENTENCE_END = r"(?<!\b[A-Z])[.!?…]+[\"'”’»)\]]*(?=[ \t]+[^\sa-z])|\n"


@cache
def _pattern(source: str) -> re.Pattern[str]:
    # Compiled at the first movement, not at import: the two cost start-up about 1 ms.
    return re.compile(source)


def next_word_start(text: str, offset: int) -> int:
    """Start of the next word after the one at `offset` (or the end of the text)."""
    for match in _pattern(_WORD).finditer(text, offset):
        if match.start() > offset:
            return match.start()
    return len(text)


def previous_word_start(text: str, offset: int) -> int:
    """Start of the word before `offset` (or of the word `offset` is inside)."""
    start = max(0, offset - 200)
    best = 0
    while True:
        for match in _pattern(_WORD).finditer(text, start, offset):
            if match.start() < offset:
                best = match.start()
        if best or start == 0:
            return best
        start = max(0, start - 2000)


def word_end_after(text: str, offset: int) -> int:
    """End of the word that starts at or after `offset`."""
    match = _pattern(_WORD).search(text, offset)
    return match.end() if match else len(text)


def trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """[start, end) without the whitespace at its edges (a selection made by words takes the space
    after the last one); None if nothing else is in it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def word_at(text: str, offset: int) -> tuple[int, int] | None:
    """The word under `offset` (letters and digits, with inner apostrophes and hyphens)."""
    lo = max(0, offset - 100)
    for match in re.finditer(r"\w+(?:['’\-]\w+)*", text[lo : offset + 100]):
        start, end = lo + match.start(), lo + match.end()
        if start <= offset < end:
            if text[end - 2 : end] in ("'s", "’s") and end - 2 > start:
                end -= 2  # a possessive is not part of the name being tagged (Washington’s -> Washington)
            return start, end
    return None


def sentence_starts_near(text: str, offset: int, window: int = 4000) -> list[int]:
    lo = max(0, offset - window)
    hi = min(len(text), offset + window)
    starts = [0] if lo == 0 else []
    for match in _pattern(_SENTENCE_END).finditer(text, lo, hi):
        position = match.end()
        while position < len(text) and text[position].isspace():
            position += 1
        starts.append(position)
    return starts


def next_sentence_start(text: str, offset: int) -> int:
    for start in sentence_starts_near(text, offset):
        if start > offset:
            return start
    return len(text)


def previous_sentence_start(text: str, offset: int) -> int:
    best = 0
    for start in sentence_starts_near(text, offset):
        if start < offset:
            best = start
    return best


def find_all(text: str, query: str) -> list[int]:
    """Offsets of every case-insensitive occurrence of `query` (literal, not a pattern)."""
    if not query:
        return []
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    return [match.start() for match in pattern.finditer(text)]
