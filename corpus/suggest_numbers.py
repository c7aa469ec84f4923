"""Number rules: digit groups, decimals, percentages, currencies with magnitudes, years, ranges, words."""
from __future__ import annotations

import re
from collections.abc import Iterator

from corpus import amounts as a

_AMOUNT = (rf"(?:{a.CURRENCY_SIGN}{a._SPACE}?|{a.CURRENCY_CODE}{a._SPACE}?)?"
           rf"(?:{a.DATE}|{a.DECADE}|{a.DIGITS}(?:{a.MAGNITUDE_GLUED}|{a.UNIT_GLUED})?|{a.SPELLED})"
           rf"(?:{a._SPACE}{a.MAGNITUDE_WORD}\b)?(?:{a._SPACE}{a.CURRENCY_WORD}\b)?"
           rf"(?:{a.PERCENT})?(?:{a.HYPHEN_UNIT})?")
_RANGE_SEP = rf"(?:{a._SPACE}?[-–—]{a._SPACE}?|{a._SPACE}to{a._SPACE})"
# Not inside a word or an identifier (5G, G7, COVID-19, F-16): no word character, or word and hyphen, before.
_NUMBER = re.compile(rf"(?<![\w.,])(?<!\w-)(?:{_AMOUNT}(?:{_RANGE_SEP}{_AMOUNT})?|{a.VAGUE_WORD})"
                     r"(?!\w)(?![.,]\d)(?!-[A-Z])(?![-–]\d)")
_CURRENCY = re.compile(rf"{a.CURRENCY_SIGN}|{a.CURRENCY_CODE}|\b{a.CURRENCY_WORD}\b")
_PERCENT = re.compile(a.PERCENT)
_YEAR = re.compile(r"(?:1[0-9]|20)\d\d")
_DIGIT = re.compile(r"\d")
_SMALL_INTEGER = re.compile(r"\d{1,3}")
# The capitalised word before a small integer that makes it part of a name: Nord Stream 2, Mate 20.
_NAME_BEFORE = re.compile(r"(?:^|(?<=[^\s.!?:;\"“]\s)|(?<=\w\s))([A-Z][\w’'.-]*)[ \u00a0]$")
_MONTHS = frozenset("January February March April May June July August September October November "
                    "December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())


def number_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Spans of numbers as written, with their currency, magnitude and percent words."""
    for match in _NUMBER.finditer(text):
        written = match.group()
        if _is_lone_one(written) or _is_name_part(text, match.start(), written):
            continue
        yield match.start(), match.end(), _rule(written)


def _is_lone_one(written: str) -> bool:
    """"one" alone is mostly a pronoun (no one, one of them), not a count."""
    return written.lower() in ("one", "zero")


def _is_name_part(text: str, start: int, written: str) -> bool:
    """A small integer after a capitalised word in mid-sentence (Nord Stream 2, No. 1) is part of a name."""
    if not _SMALL_INTEGER.fullmatch(written):
        return False
    before = _NAME_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    word = before.group(1).rstrip(".")
    if word in ("No", "Nos"):
        return True
    if word in _MONTHS:
        return False
    line_start = text.rfind("\n", 0, before.start(1)) + 1
    return bool(text[line_start:before.start(1)].strip())


def _rule(written: str) -> str:
    if _PERCENT.search(written):
        return "percent"
    if _CURRENCY.search(written):
        return "currency"
    if not _DIGIT.search(written):
        return "spelled"
    if _YEAR.fullmatch(written):
        return "year"
    return "range" if re.search(r"\d\D+\d", written) and not re.search(r"\d[,. ]\d", written) else "digits"
