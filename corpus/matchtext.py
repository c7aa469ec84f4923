"""Text normalised for matching (case, quotes, dashes, accents, spaces) with a map back to original offsets."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Typographic variants that outlets swap freely; each maps one code point to one code point, so
# str.translate keeps offsets aligned.
_PUNCT_TABLE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"',
    "\u00bb": '"', "\u2039": "'", "\u203a": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
})

# Words are runs of word characters (combining marks included so "e\u0301" stays one word);
# each CJK ideograph / kana / hangul syllable is a word of its own, because those scripts put
# no spaces between words and a whole line would otherwise be one giant token.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
WORD_RE = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])[\w{_MARKS}])+")
_ASCII_WORD_RE = re.compile(r"\w+")  # the same words for ASCII text, several times faster
_SPACE_RE = re.compile(r"\s+")


def fold_char(ch: str) -> str:
    """One original code point as it reads for matching (may be empty or several characters)."""
    ch = ch.translate(_PUNCT_TABLE)
    if ch.isascii():
        return ch.lower()
    if unicodedata.combining(ch):
        return ""  # accents are dropped so precomposed and combining spellings agree
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return (base or ch).casefold()


def fold_word(word: str) -> str:
    """A word token as used for shingles: casefolded, accents dropped."""
    if word.isascii():
        return word.lower()
    return _fold_unicode_word(word)


@lru_cache(maxsize=1 << 16)
def _fold_unicode_word(word: str) -> str:
    # Cached: a corpus reuses a small vocabulary, and folding code point by code point is slow.
    return "".join(fold_char(c) for c in word)


def sentence_words(text: str) -> list[str]:
    """The folded words of a stretch of text, fast path for ASCII (the common case in news)."""
    if text.isascii():
        return _ASCII_WORD_RE.findall(text.lower())
    return [fold_word(w) for w in WORD_RE.findall(text)]


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """(folded word, start, end) for each word in text[start:end], offsets into text."""
    end = len(text) if end is None else end
    return [(fold_word(m.group()), m.start(), m.end()) for m in WORD_RE.finditer(text, start, end)]


@dataclass(frozen=True)
class MatchText:
    """Normalised text plus, for each of its characters, the original span it came from."""

    text: str
    starts: tuple[int, ...]  # original offset of the code point behind each normalised character
    ends: tuple[int, ...]  # original end of that code point, trailing combining marks included

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) covering normalised [start, end) (end exclusive, end > start)."""
        return self.starts[start], self.ends[end - 1]


def match_text(text: str, start: int = 0, end: int | None = None) -> MatchText:
    """Normalise text[start:end] for matching: quotes, dashes, case, accents, whitespace runs."""
    end = len(text) if end is None else end
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    space_from = -1  # start of a pending whitespace run, -1 when none
    for i in range(start, end):
        ch = text[i]
        if ch.isspace():
            if out and space_from < 0:  # leading whitespace is dropped, runs collapse to one space
                space_from = i
            continue
        folded = fold_char(ch)
        if not folded:
            if out and space_from < 0:
                ends[-1] = i + 1  # a dropped combining mark still belongs to its base character
            continue
        if space_from >= 0:
            out.append(" ")
            starts.append(space_from)
            ends.append(i)
            space_from = -1
        for c in folded:
            out.append(c)
            starts.append(i)
            ends.append(i + 1)
    return MatchText("".join(out), tuple(starts), tuple(ends))


def normalise(text: str) -> str:
    """Just the normalised string (no offset map); what scoring compares."""
    if text.isascii():
        return _SPACE_RE.sub(" ", text.translate(_PUNCT_TABLE)).strip().lower()
    return match_text(text).text
