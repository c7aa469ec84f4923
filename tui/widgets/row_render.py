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
_SPAN_START_ID = id(SPAN_START)
_new_segment = tuple.__new__  # Segment(...) runs a Python-level __new__; a row may cut dozens


class RowDecorations:
    """Everything drawn over the plain text of one row, as (start, end, style) in document offsets."""

    __slots__ = ("layers", "starts", "cursor", "cursor_style", "gutter")  # a plain class: see textlayout.Layout

    def __init__(self) -> None:
        self.layers: list[tuple[int, int, Style]] = []
        self.starts: set[int] = set()  # where a span starts: that character gets SPAN_START on top
        self.cursor: int | None = None
        self.cursor_style: Style | None = None
        self.gutter: Segment | None = None


def visible_text(text: str) -> str:
    """Characters as drawn: control characters as symbols, tabs as spaces (see textlayout.glyph)."""
    if text.isprintable() and "\t" not in text and "\ufe0f" not in text:  # VS16 is printable
        return text
    return "".join(" " * TAB_CELLS if char == "\t" else glyph(char) for char in text)


def render_row(
    text: str, start: int, end: int, width: int, base: Style, decorations: RowDecorations, simple: bool = False
) -> list[Segment]:
    """Draw text[start:end] with its decorations: the gutter and `width` cells of text, padded or cropped.

    `simple`: the caller knows every character of the row is one printable cell (no measuring).
    """
    layers = decorations.layers
    cursor = decorations.cursor
    cursor_style = decorations.cursor_style if cursor is not None and start <= cursor <= end else None
    segments: list[Segment] = [decorations.gutter or Segment(" " * GUTTER_WIDTH, base)]
    raw = text[start:end]
    shown = raw if simple else visible_text(raw)
    if not layers and (cursor_style is None or cursor == end):
        if shown:  # a blank line between paragraphs has no text to draw
            segments.append(Segment(shown, base))  # most rows: plain text, one segment
    else:
        # Each decoration as it covers this row, with its style's id: the combined styles are
        # cached by the ids of the styles over a piece, in drawing order.
        over: list[tuple[int, int, int, Style]] = []
        cuts = {start, end}
        for lo, hi, style in layers:
            lo = start if lo < start else lo
            hi = end if hi > end else hi
            if lo < hi:
                over.append((lo, hi, id(style), style))
                cuts.add(lo)
                cuts.add(hi)
        for lo in decorations.starts:
            if start <= lo < end:
                over.append((lo, lo + 1, _SPAN_START_ID, SPAN_START))
                cuts.add(lo + 1)
        if cursor_style is not None and cursor < end:
            over.append((cursor, cursor + 1, id(cursor_style), cursor_style))
            cuts.update((cursor, cursor + 1))
        points = sorted(cuts)
        plain = shown is raw  # then a piece's text is a slice of the row's, with no redrawing
        base_key = (id(base),)
        for lo, hi in zip(points, points[1:]):
            key = base_key  # every decoration starts and ends on a cut: it covers a piece or misses it
            for layer_lo, layer_hi, style_id, _ in over:
                if layer_lo <= lo and layer_hi >= hi:
                    key += (style_id,)
            entry = _COMBINED.get(key)
            if entry is not None:
                style = entry[1]
            else:  # the key names the styles to combine; a miss is rare, so the lookup is built here
                style_of = {style_id: layer_style for _, _, style_id, layer_style in over}
                style = _combine(key, [base, *map(style_of.__getitem__, key[1:])])
            piece = shown[lo - start:hi - start] if plain else visible_text(text[lo:hi])
            segments.append(_new_segment(Segment, (piece, style, None)))
    # One measure per row, not one per segment; cells_of, not rich's cell_len, whose cache a
    # 5 MB article's rows (each new) would only churn.
    cells = GUTTER_WIDTH + (len(shown) if simple else cells_of(shown))
    if cursor_style is not None and cursor == end:
        segments.append(Segment(" ", base + cursor_style))
        cells += 1
    full = width + GUTTER_WIDTH
    if cells < full:
        segments.append(Segment(" " * (full - cells), base))
    elif cells > full:
        return _without_hanging_spaces(segments, cells - full) or Segment.adjust_line_length(segments, full, base)
    return segments


def _without_hanging_spaces(segments: list[Segment], excess: int) -> list[Segment] | None:
    """Drop `excess` trailing spaces (those a word wrap lets hang past the edge), or None if not all spaces.

    Rich's adjust_line_length measures every segment again, grapheme by grapheme: 0.1-0.25 ms a row.
    """
    kept = list(segments)
    while excess > 0 and len(kept) > 1:
        text, style, control = kept[-1]
        spaces = min(excess, len(text) - len(text.rstrip(" ")))
        if spaces == 0:
            return None
        if spaces == len(text):
            kept.pop()
        else:
            kept[-1] = Segment(text[:-spaces], style, control)
        excess -= spaces
    return kept if excess == 0 else None


# Combined styles, keyed by the identities of the styles added (hashing a Style is a Python
# call): a dense page adds the same few styles thousands of times. Each entry keeps its styles
# alive, so their ids cannot be reused by other styles while it exists.
_COMBINED: dict[tuple[int, ...], tuple[list[Style], Style]] = {}


def _combine(key: tuple[int, ...], styles: list[Style]) -> Style:
    style = styles[0]
    for layer in styles[1:]:
        style = style + layer
    if len(_COMBINED) >= 4096:
        _COMBINED.clear()
    _COMBINED[key] = (styles, style)
    return style
