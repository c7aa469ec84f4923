"""Unit tests of the span index and the wrapping layout the article view stands on."""
from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import accumulate

from tui.spans import SpanIndex
from tui.textlayout import Layout, cells_of


@dataclass(frozen=True)
class Span:
    id: str
    start: int
    end: int
    tag: str = "quote"


def test_span_index_matches_brute_force_through_adds_and_removes():
    rnd = random.Random(5)
    index = SpanIndex(Span(str(i), a, a + rnd.randrange(1, 400)) for i, a in
                      enumerate(rnd.randrange(0, 100_000) for _ in range(2_000)))
    for step in range(400):
        if rnd.random() < 0.5:
            start = rnd.randrange(0, 100_000)
            index.add(Span(f"n{step}", start, start + rnd.randrange(1, 5_000)))
        else:
            assert index.remove(rnd.choice(list(index)).id) is not None
        lo = rnd.randrange(0, 100_000)
        hi = lo + rnd.randrange(1, 300)
        expected = sorted(s.id for s in index if s.start < hi and s.end > lo)
        assert sorted(s.id for s in index.overlapping(lo, hi)) == expected
        assert index._ends() == list(accumulate((s.end for s in index), max))  # kept up to date, not rebuilt
    assert index.remove("absent") is None


def test_innermost_and_neighbours():
    index = SpanIndex([Span("outer", 0, 50), Span("inner", 10, 20), Span("later", 60, 70)])
    assert index.innermost_at(15).id == "inner"
    assert [s.id for s in index.containing(15)] == ["outer", "inner"]
    assert index.innermost_at(30).id == "outer"
    assert index.next_start_after(10).id == "later"
    assert index.previous_start_before(60).id == "inner"
    assert index.get("later").start == 60


def test_layout_rows_cover_every_offset_once_and_fit_the_width():
    rnd = random.Random(9)
    words = ["news", "Grenell", "習近平", "👍🏽", "e\u0301", "tab\there", "x" * 50, "\x1b[31m", ""]
    text = "\n".join(" ".join(rnd.choice(words) for _ in range(rnd.randrange(0, 40))) for _ in range(60))
    for width in (8, 13, 40, 77):
        layout = Layout.build(text, width)
        covered = []
        for row in range(layout.height):
            covered.extend(range(layout.starts[row], layout.ends[row]))
            shown = layout.row_text(row).rstrip(" ")
            assert cells_of(shown) <= width or len(shown) == 1, (width, shown)
        assert covered == [i for i, char in enumerate(text) if char != "\n"]
        for offset in range(0, len(text), 7):
            row = layout.row_of(offset)
            assert layout.starts[row] <= offset <= layout.ends[row]
            if text[offset] != "\n":
                assert layout.offset_at(row, layout.column_of(offset)) == offset or \
                    cells_of(text[offset]) == 0
