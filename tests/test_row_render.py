"""Drawing one wrapped row: every character's style equals the layers over it, whatever the cuts."""
from __future__ import annotations

import random

from rich.segment import Segment
from rich.style import Style

from tui.textlayout import Layout, cells_of
from tui.widgets.row_render import GUTTER_WIDTH, SPAN_START, RowDecorations, render_row

BASE = Style(color="#dddddd", bgcolor="#111111")
TAGS = [Style(bgcolor="#3b82f6"), Style(bgcolor="#f59e0b"), Style(bgcolor="#10b981")]
CURSOR = Style(reverse=True)


def expected_styles(start: int, end: int, decorations: RowDecorations) -> list[Style]:
    """The style of each character, built the slow way: base, then each layer over it in order."""
    styles = []
    for offset in range(start, end):
        style = BASE
        for lo, hi, layer in decorations.layers:
            if lo <= offset < hi:
                style = style + layer
        if offset in decorations.starts:
            style = style + SPAN_START
        if offset == decorations.cursor:
            style = style + decorations.cursor_style
        styles.append(style)
    return styles


def drawn_styles(segments: list[Segment]) -> list[Style]:
    return [style for text, style, _ in segments for _ in text]


def test_every_character_has_the_style_of_the_layers_over_it():
    rng = random.Random(7)
    text = "".join(rng.choice("abc de“f”") for _ in range(400))
    for _ in range(300):
        start = rng.randrange(0, 300)
        end = start + rng.randrange(0, 60)
        decorations = RowDecorations()
        for _ in range(rng.randrange(0, 5)):
            lo = rng.randrange(max(0, start - 20), end + 20)
            decorations.layers.append((lo, lo + rng.randrange(1, 40), rng.choice(TAGS)))
            if start <= lo:
                decorations.starts.add(lo)
        if rng.random() < 0.5:
            decorations.cursor, decorations.cursor_style = rng.randrange(start, end + 1), CURSOR
        width = end - start + 5
        segments = render_row(text, start, end, width, BASE, decorations)
        assert "".join(s.text for s in segments) == " " * GUTTER_WIDTH + text[start:end] + " " * (width - (end - start))
        cursor_at_end = decorations.cursor == end
        drawn = drawn_styles(segments)[GUTTER_WIDTH:GUTTER_WIDTH + end - start + cursor_at_end]
        expected = expected_styles(start, end, decorations) + ([BASE + CURSOR] if cursor_at_end else [])
        assert drawn == expected


def test_spaces_hanging_past_the_edge_are_dropped_even_under_a_span():
    text = "word " + " " * 12 + "next"
    decorations = RowDecorations()
    decorations.layers.append((2, 15, TAGS[0]))  # the span covers part of the hanging spaces
    segments = render_row(text, 0, 17, 8, BASE, decorations)
    assert "".join(s.text for s in segments) == " " * GUTTER_WIDTH + "word    "
    assert sum(len(s.text) for s in segments) == 8 + GUTTER_WIDTH
    assert drawn_styles(segments)[GUTTER_WIDTH + 2:] == [BASE + TAGS[0]] * 6


def test_a_wide_row_that_overflows_is_cut_to_the_width_in_cells():
    segments = render_row("名前は山田です", 0, 7, 6, BASE, RowDecorations())
    assert cells_of("".join(s.text for s in segments)) == 6 + GUTTER_WIDTH


def test_layout_marks_rows_of_one_cell_characters_as_simple():
    layout = Layout.build("plain words here\n名前は山田 and more\n\tTabbed\nok", 8)
    lines = layout.text.split("\n")
    for row in range(layout.height):
        line = lines[layout.text.count("\n", 0, layout.starts[row])]
        assert layout.simple[row] == (line.isascii() and "\t" not in line)


def test_a_blank_row_is_the_gutter_and_padding_only():
    segments = render_row("one\n\ntwo", 4, 4, 6, BASE, RowDecorations())
    assert all(segment.text for segment in segments)
    assert "".join(s.text for s in segments) == " " * (6 + GUTTER_WIDTH)
