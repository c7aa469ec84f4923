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
    return [(s, e) for s, e, _, _ in split_units(text, max_len)]


def split_units(text: str, max_len: int = MAX_SENTENCE) -> list[tuple[int, int, int, int]]:
    """(start, end, context_start, context_end) per sentence or window of an overlong one.

    The context of a window reaches up to half a window into its neighbours from the same
    sentence, so a passage that straddles a cut is still seen whole when scoring; a normal
    sentence is its own context."""
    units: list[tuple[int, int, int, int]] = []
    pos = 0
    for m in _BREAK_RE.finditer(text):
        if m.group()[0] == "." and _is_abbreviation(text, m.start(), m.end()):
            continue
        end = m.start() if m.group().startswith("\n") else m.end()
        _add(text, pos, end, units, max_len)
        pos = m.end()
    _add(text, pos, len(text), units, max_len)
    return units


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


def _add(text: str, start: int, end: int, units: list[tuple[int, int, int, int]], max_len: int) -> None:
    """Trim whitespace off text[start:end] and append it, cut into windows if it is too long."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start <= max_len:
        if end > start:
            units.append((start, end, start, end))
        return
    sentence_start, windows = start, []
    while end - start > max_len:
        cut = _window_end(text, start, start + max_len)
        windows.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        windows.append((start, end))
    reach = max_len // 2
    for s, e in windows:
        cs, ce = max(sentence_start, s - reach), min(end, e + reach)
        if sentence_start < cs < s and not text[cs - 1].isspace():  # start the context on a whole word
            space = text.find(" ", cs, s)
            cs = space + 1 if space >= 0 else s
        if e < ce < end and not text[ce].isspace():
            space = text.rfind(" ", e, ce)
            ce = space if space >= 0 else e
        units.append((s, e, cs, ce))


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
