"""What an article view draws around its text: the header row and the scrollbar column."""
from __future__ import annotations

from typing import Any

from rich.segment import Segment
from rich.style import Style

from tui.textlayout import glyph

HEADER_ROWS = 1
SCROLLBAR_WIDTH = 1
DIM, BOLD, ITALIC = Style(dim=True), Style(bold=True), Style(italic=True)


def one_line(text: str | None) -> str:
    """Text for a one-line header: controls made visible, line breaks as spaces."""
    if not text:
        return ""
    return "".join(" " if char in "\n\t" else glyph(char) for char in text)


def header_segments(document: Any, position: int, total: int, width: int, base: Style) -> list[Segment]:
    """`position/total title  source` in `width` cells, cut with an ellipsis, one cell of padding."""
    from rich.text import Text

    header = Text(no_wrap=True, overflow="ellipsis", style=base, end="")
    header.append(f"{position}/{total} ", style=DIM)  # first, so a long title never hides it
    header.append(one_line(document.title), style=BOLD)
    if document.source:
        header.append("  ")
        header.append(one_line(document.source), style=ITALIC)
    inner = max(0, width - 2)
    header.truncate(inner, overflow="ellipsis", pad=True)
    segments = [Segment(" ", base)]
    segments.extend(Segment(span_text, base + style if style else base)
                    for span_text, style in _styled_runs(header))
    segments.append(Segment(" ", base))
    return Segment.adjust_line_length(segments, width, base)


def _styled_runs(text: Any) -> list[tuple[str, Style | None]]:
    """The text's characters in runs of one style (Text.render needs a Console; this does not)."""
    plain = text.plain
    cuts = sorted({0, len(plain), *(s.start for s in text.spans), *(s.end for s in text.spans)})
    runs = []
    for lo, hi in zip(cuts, cuts[1:]):
        style = None
        for span in text.spans:
            if span.start <= lo and span.end >= hi:
                style = span.style if style is None else style + span.style
        runs.append((plain[lo:hi], style))
    return runs


def thumb_rows(track: int, total: int, top: int) -> tuple[int, int]:
    """Rows of the scrollbar thumb on a `track` rows high, for `total` rows scrolled to `top`."""
    if total <= track or track <= 0:
        return (0, 0)  # nothing to scroll: an empty track
    size = max(1, round(track * track / total))
    start = round(min(max(top, 0), total - track) / (total - track) * (track - size))
    return (start, start + size)


def top_for_track_row(track_row: int, track: int, total: int) -> int:
    """The top row that puts the thumb at `track_row`: a click or a drag on the scrollbar."""
    if total <= track or track <= 1:
        return 0
    fraction = min(max(track_row, 0), track - 1) / (track - 1)
    return round(fraction * (total - track))
