"""Turning one wrapped row of an article into styled segments (the view adds its scrollbar cell)."""
from __future__ import annotations

from rich.segment import Segment
from rich.style import Style

from tui.textlayout import TAB_CELLS, cells_of, glyph

MARKDOWN_STYLES = {
    "bold": Style(bold=True),
    "italic": Style(italic=True),
    "heading": Style(bold=True, underline=False),
    "code": Style(dim=True),
    "quote": Style(italic=True),
}
SPAN_START = Style(underline=True, bold=True)
GUTTER_WIDTH = 2


class RowDecorations:
    """Everything drawn over the plain text of one row, as (start, end, style) in document offsets."""

    __slots__ = ("layers", "cursor", "cursor_style", "gutter")  # a plain class: see textlayout.Layout

    def __init__(self) -> None:
        self.layers: list[tuple[int, int, Style]] = []
        self.cursor: int | None = None
        self.cursor_style: Style | None = None
        self.gutter: Segment | None = None


def visible_text(text: str) -> str:
    """Characters as drawn: control characters as symbols, tabs as spaces."""
    if text.isprintable() and "\t" not in text:
        return text
    return "".join(" " * TAB_CELLS if char == "\t" else glyph(char) for char in text)


def render_row(
    text: str, start: int, end: int, width: int, base: Style, decorations: RowDecorations
) -> list[Segment]:
    """Draw text[start:end] with its decorations: the gutter and `width` cells of text, padded or cropped."""
    cuts = {start, end}
    for lo, hi, _style in decorations.layers:
        cuts.add(min(max(lo, start), end))
        cuts.add(min(max(hi, start), end))
    cursor = decorations.cursor
    if cursor is not None and start <= cursor < end:
        cuts.update((cursor, cursor + 1))
    points = sorted(cuts)
    segments: list[Segment] = [decorations.gutter or Segment(" " * GUTTER_WIDTH, base)]
    for lo, hi in zip(points, points[1:]):
        style = base
        for layer_lo, layer_hi, layer_style in decorations.layers:
            if layer_lo < hi and layer_hi > lo:
                style = style + layer_style
        if cursor is not None and lo == cursor and decorations.cursor_style is not None:
            style = style + decorations.cursor_style
        segments.append(Segment(visible_text(text[lo:hi]), style))
    # One measure per row, not one per segment; cells_of, not rich's cell_len, whose cache a
    # 5 MB article's rows (each new) would only churn.
    cells = GUTTER_WIDTH + cells_of(visible_text(text[start:end]))
    if cursor is not None and cursor == end and decorations.cursor_style is not None:
        segments.append(Segment(" ", base + decorations.cursor_style))
        cells += 1
    if cells <= width + GUTTER_WIDTH:
        if cells < width + GUTTER_WIDTH:
            segments.append(Segment(" " * (width + GUTTER_WIDTH - cells), base))
        return segments
    return Segment.adjust_line_length(segments, width + GUTTER_WIDTH, base)  # spaces hanging past the edge
