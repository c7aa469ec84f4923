"""Offline rule-based suggestions of spans for the default tags (quote, number, actor).

Rule names a Suggestion carries: quote-marks, quote-paragraphs (a quotation running over paragraphs);
digits, year, range, percent, currency, spelled (numbers); name, title-name, acronym, name-elsewhere
(a name the rules found elsewhere in the same text), known-actor (from known_actors).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from corpus.suggest_actors import actor_spans
from corpus.suggest_numbers import number_spans
from corpus.suggest_quotes import quote_spans

# A rule family yields (start, end, rule name) in code points of the text, end exclusive.
RawSpans = Iterator[tuple[int, int, str]]

TAGS = ("quote", "number", "actor")


@dataclass(frozen=True)
class Suggestion:
    """A proposed span: [start, end) in code points of the stored text, the tag, and the rule that found it."""

    start: int
    end: int
    tag: str
    rule: str


def _families(known_actors: tuple[str, ...]) -> list[tuple[str, Callable[[str], RawSpans]]]:
    return [("quote", quote_spans), ("number", number_spans),
            ("actor", lambda text: actor_spans(text, known_actors))]


def suggest(text: str, known_actors: Iterable[str] = (), *, tags: Iterable[str] = TAGS) -> list[Suggestion]:
    """Every suggestion the rules make for text, sorted by (start, end), one per (span, tag).

    known_actors: names to find wherever they occur (whole words, same case), e.g. every text
    already tagged as actor in the corpus. tags: the rule families to run (those whose tag exists).
    """
    known = tuple(known_actors)
    wanted = frozenset(tags)
    found: dict[tuple[int, int, str], Suggestion] = {}
    for tag, family in _families(known):
        if tag not in wanted:
            continue
        for start, end, rule in family(text):
            if 0 <= start < end <= len(text):
                found.setdefault((start, end, tag), Suggestion(start, end, tag, rule))
    return sorted(found.values(), key=lambda s: (s.start, s.end, s.tag))
