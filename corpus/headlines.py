"""Title-case lines (headlines, link lists), where capitals say nothing about names."""
from __future__ import annotations

import re
from bisect import bisect_right

_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"(?<![\w’'])[^\W\d_][\w’'\-]*")
_SMALL = frozenset("a an the and or but nor of in on at to for by with from as vs via is are be "
                   "if so up off out into over per than that this".split())
_SENTENCE_END = re.compile(r"[a-z]{2}\.(?:\s|$)")
MAX_HEADLINE = 200  # characters; a longer line is prose
MIN_WORDS = 3  # non-small words a line needs before its capitals can tell anything
TITLE_SHARE = 0.75  # of its non-small words capitalised, for a line to be in title case


def headline_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line written in title case, in text order."""
    lines = []
    for match in _LINE.finditer(text):
        if len(match.group()) <= MAX_HEADLINE and _title_case(match.group()):
            lines.append((match.start(), match.end()))
    return lines


def _title_case(line: str) -> bool:
    if _SENTENCE_END.search(line):
        return False  # prose: a headline does not end a sentence with a full stop
    words = [w for w in _WORD.findall(line) if w.lower() not in _SMALL]
    if len(words) < MIN_WORDS:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= TITLE_SHARE * len(words)


class LineIndex:
    """Whether a position falls in one of a sorted list of non-overlapping ranges, by bisection."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.starts = [start for start, _ in ranges]
        self.ends = [end for _, end in ranges]

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]
