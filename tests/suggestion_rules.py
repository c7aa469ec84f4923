"""A stand-in for corpus/suggest.py's rules in tests of the plumbing: few, exact, predictable."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

DOCS = {
    "a": 'Grenell said: "We will not back down," and 30 more.',
    "b": "Grenell met Grenell's deputy; 7 days later.",
    "c": "No rule finds anything here.",
}


@dataclass(frozen=True)
class Suggestion:  # corpus.suggest.Suggestion's fields
    start: int
    end: int
    tag: str
    rule: str


def fake_rules(text: str, known_actors: Iterable[str] = (), tags: Iterable[str] = ()) -> list[Suggestion]:
    """Straight-quoted passages (quote), digit runs (number), and every known actor's occurrences."""
    found = [Suggestion(m.start(), m.end(), "quote", "fake.quote") for m in re.finditer(r'"[^"]+"', text)]
    found += [Suggestion(m.start(), m.end(), "number", "fake.number") for m in re.finditer(r"\d+", text)]
    for name in known_actors:
        found += [Suggestion(m.start(), m.end(), "actor", "fake.known_actor")
                  for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    return sorted(found, key=lambda s: (s.start, s.end))


def use_fake_rules(monkeypatch) -> None:
    import store.suggestions

    monkeypatch.setattr(store.suggestions, "_default_rules", fake_rules)
