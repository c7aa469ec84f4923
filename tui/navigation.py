"""Where word, sentence and search movements land, as code-point offsets into a document."""
from __future__ import annotations

import re
from functools import cache

# What a tagger means by "the word under the cursor", and where w and b stop: numbers whole, with
# their digit groups, decimals, signs, currency, magnitude and percent (2,493  6.4%  $500,000
# US$12m  $2.4 billion  €6.5bn  30 per cent  2017-2018), numbered references (No. 1), and words with inner hyphens and
# apostrophes (next-generation, two-thirds, don't). Anything else that is not white space is a
# word of its own for w and b (punctuation), and nothing to tag.
_CURRENCY = r"(?:[A-Z]{1,3}\$|[$€£¥₹₩₽¢₺₪₦]|(?:USD|EUR|GBP|JPY|CNY|RMB|CHF|CAD|AUD|INR|HKD)\s?)"
_DIGITS = r"\d+(?:[.,]\d+)*"
_AMOUNT = (
    rf"(?:(?<![\w.,])[-−+])?{_CURRENCY}?{_DIGITS}(?:[-–]{_CURRENCY}?{_DIGITS})*\w*(?:[-'’]\w+)*"
    r"(?:\s(?:thousand|million|billion|trillion|bn|mn)\b)?"
    r"(?:\s?[%‰]|\s?[$€£¥](?!\w)|\s(?:USD|EUR|GBP|JPY|CNY|RMB|CHF)\b|\s(?:per\s?cent|percent)\b)?"
)
_NUMBERED = rf"\b(?:No|Nos|Nr|no|nos|Art|art|Vol|vol|pp?)\.\s?{_DIGITS}"
_TAGGABLE = rf"{_NUMBERED}|{_AMOUNT}|\w+(?:['’\-]\w+)*"
_WORD = rf"{_TAGGABLE}|[^\w\s]"
# A sentence ends at . ! ? … (plus closing quotes) before a space and a word that does not start
# in lower case ("U.S. will" goes on), or at a line break; a single capital before the full stop
# is an initial or an abbreviation ("U.S. Tells", "Richard A. Grenell"), not a sentence end.
_SENTENCE_END = r"(?<!\b[A-Z])[.!?…]+[\"'”’»)\]]*(?=[ \t]+[^\sa-z])|\n"


@cache
def _pattern(source: str) -> re.Pattern[str]:
    # Compiled at the first movement, not at import: the two cost start-up about 1 ms.
    return re.compile(source)


def _token_floor(text: str, offset: int, reach: int = 2000) -> int:
    """A position at or before `offset` that cuts no word: just after white space (a scan for words
    that began inside "2,493" would take ",493" for two words)."""
    lo = max(0, offset - reach)
    found = max(text.rfind(" ", lo, offset), text.rfind("\n", lo, offset), text.rfind("\t", lo, offset))
    return found + 1 if found >= 0 else lo


def next_word_start(text: str, offset: int) -> int:
    """Start of the next word after the one at `offset` (or the end of the text)."""
    for match in _pattern(_WORD).finditer(text, _token_floor(text, offset)):
        if match.start() > offset:
            return match.start()
    return len(text)


def previous_word_start(text: str, offset: int) -> int:
    """Start of the word before `offset` (or of the word `offset` is inside)."""
    reach = 200
    while True:
        lo = _token_floor(text, max(0, offset - reach))
        best = None
        for match in _pattern(_WORD).finditer(text, lo, offset):
            best = match.start()
        if best is not None or lo == 0:
            return best or 0
        reach *= 10


def word_end_after(text: str, offset: int) -> int:
    """End of the word that ends after `offset` (the rest of a word `offset` is inside)."""
    for match in _pattern(_WORD).finditer(text, _token_floor(text, offset)):
        if match.end() > offset:
            return match.end()
    return len(text)


def trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """[start, end) without the whitespace at its edges (a selection made by words takes the space
    after the last one); None if nothing else is in it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def word_at(text: str, offset: int) -> tuple[int, int] | None:
    """The word under `offset` as tagging takes it: a whole number or amount, a numbered reference,
    or letters and digits with inner apostrophes and hyphens; None on white space or punctuation."""
    # From white space well before the cursor, so "No. 1" and "30 per cent" are whole with the
    # cursor on their last part too.
    lo = _token_floor(text, max(0, offset - 200))
    for match in _pattern(_TAGGABLE).finditer(text, lo, min(len(text), offset + 200)):
        start, end = match.span()
        if start > offset:
            break
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
