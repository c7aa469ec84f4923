"""Suggestion rules on hard cases: quotes, numbers, actors; offsets are code points."""
from __future__ import annotations

from corpus.suggest import Suggestion, suggest


def spans(text: str, tag: str) -> list[str]:
    return [text[s.start:s.end] for s in suggest(text) if s.tag == tag]


def test_a_straight_quote_is_suggested_marks_included():
    text = 'He said "we will go there now" and left.'
    assert spans(text, "quote") == ['"we will go there now"']
    assert all(isinstance(s, Suggestion) for s in suggest(text))
