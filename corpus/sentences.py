"""Sentence spans (code-point offsets) of a document, with overlong sentences cut into windows."""
from __future__ import annotations

import re
import unicodedata

# Longest stretch scored as one unit: alignment cost is quadratic in a unit's length, so a
# 200,000-character line without full stops must become many short windows, never one sentence.
MAX_SENTENCE = 400

# A sentence ends after . ! ? … (or their CJK forms), any closing quotes or brackets, then
# whitespace; a line break always ends one (headlines, bylines and list items have no stop).
_BREAK_RE = re.compile(
    r"""[.!?\u2026\u3002\uff01\uff1f]+["'\u201d\u2019\u00bb)\]]*(?=\s)|[\u3002\uff01\uff1f]|\n+"""
)

_NEXT_RE = re.compile(r"\s+(\w)")
_WORD_BEFORE_RE = re.compile(r"\w+$")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr gen col lt sgt capt sen rep gov pres vs etc no inc co corp ltd "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def split_sentences(text: str, max_len: int = MAX_SENTENCE) -> list[tuple[int, int]]:
    """(start, end) of every sentence in text, whitespace trimmed, none longer than max_len."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BREAK_RE.finditer(text):
        if m.group()[0] == "." and _is_abbreviation(text, m.start(), m.end()):
            continue
        end = m.start() if m.group().startswith("\n") else m.end()
        _add(text, pos, end, spans, max_len)
        pos = m.end()
    _add(text, pos, len(text), spans, max_len)
    return spans


def _is_abbreviation(text: str, stop: int, after: int) -> bool:
    """True for "U.S. will", "Richard A. Grenell", "Mr. Maas": a full stop that ends no sentence."""
    nxt = _NEXT_RE.match(text, after)
    if nxt and nxt.group(1).islower():
        return True
    word = _WORD_BEFORE_RE.search(text, max(0, stop - 12), stop)
    if not word:
        return False
    w = word.group()
    return len(w) == 1 and w.isupper() or w.lower() in _ABBREVIATIONS


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]], max_len: int) -> None:
    """Trim whitespace off text[start:end] and append it, cut into windows if it is too long."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > max_len:
        cut = _window_end(text, start, start + max_len)
        spans.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))


def _window_end(text: str, start: int, limit: int) -> int:
    """Where to cut a window that may not pass limit: at the last space, else not inside a cluster."""
    space = text.rfind(" ", start + 1, limit + 1)
    if space > start + limit // 2:
        end = space
        while end > start and text[end - 1].isspace():
            end -= 1
        return end
    cut = limit
    # Never leave a combining mark at the start of the next window, away from its base.
    while cut > start + 1 and unicodedata.combining(text[cut]):
        cut -= 1
    return cut
