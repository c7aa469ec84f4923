"""What an article view draws around its text: the header row, the scrollbar column, the border."""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import NULL_SPACING as NO_SPACING
from textual.geometry import Region
from textual.strip import Strip

from tui.textlayout import glyph

if TYPE_CHECKING:
    from store.records import StoredDocument

HEADER_ROWS = 1
SCROLLBAR_WIDTH = 1
DIM, BOLD, ITALIC = Style(dim=True), Style(bold=True), Style(italic=True)


def one_line(text: str | None) -> str:
    """Text for a one-line header: controls made visible, line breaks as spaces."""
    if not text:
        return ""
    return "".join(" " if char in "\n\t" else glyph(char) for char in text)


def header_text(document: StoredDocument, position: int, total: int, base: Style) -> Text:
    """`position/total title  source` on one line, controls made visible."""
    header = Text(no_wrap=True, overflow="ellipsis", style=base, end="")
    header.append(f"{position}/{total} ", style=DIM)  # first, so a long title never hides it
    header.append(one_line(document.title), style=BOLD)
    if document.source:
        header.append("  ")
        header.append(one_line(document.source), style=ITALIC)
    return header


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


class DrawnChrome:
    """ArticleView's header row, scrollbar column and right border, drawn in its own lines.

    Every widget costs Textual a full pass over its area at each frame: the first frame with four
    panes was twice as slow with a container, a header and a scrollbar widget per pane.
    """

    header: tuple[StoredDocument, int, int] | None  # (document, position, total); set by ArticleView
    _header_strip: Strip | None

    def set_header(self, document: StoredDocument, position: int, total: int) -> None:
        """Show `position/total title  source` above the text."""
        self.header = (document, position, total)
        self._refresh_header()

    def _refresh_header(self) -> None:
        self._header_strip = None
        self.refresh(Region(0, 0, self.container_size.width, HEADER_ROWS))

    def render_lines(self, crop: Region) -> list[Strip]:
        # finished_lines draws every cell (header, text, scrollbar) and the right border is one more
        # cell, so Textual's per-line styling pass (padding, borders, tint, opacity) has nothing to
        # add: skipping it made rendering the four panes of the first frame three times faster.
        # Any CSS that needs that pass gets it.
        if self.parent is None:  # removed while the panes are rebuilt, yet still in the last frame's map
            return [Strip.blank(crop.width)] * crop.height
        styles = self.styles
        if (styles.padding != NO_SPACING or styles.border_top[0] or styles.border_bottom[0]
                or styles.border_left[0] or styles.border_right[0] not in ("", "vkey")
                or any(edge for edge, _ in styles.outline) or styles.tint.a or self.opacity != 1
                or styles.text_opacity != 1 or styles.has_rule("hatch")):
            return super().render_lines(crop)
        border = self._border_cell() if styles.border_right[0] else None
        filters, background = self.get_line_filters(), self.background_colors[1]
        x1, x2 = crop.column_span
        whole = x1 == 0 and x2 == self.outer_size.width
        strips = self.finished_lines(crop.line_range, border)
        for line_filter in filters:
            strips = [strip.apply_filter(line_filter, background) for strip in strips]
        return strips if whole else [strip.crop(x1, x2) for strip in strips]

    def _border_cell(self) -> Segment:
        """The right border, drawn as Textual draws a `vkey` border."""
        return Segment("▕", self._style("border"))

    def _render_header(self, width: int) -> Strip:
        if self._header_strip is None or self._header_strip.cell_length != width:
            style = self._style("article--header-focused" if self.has_focus else "article--header")
            if self.header is None:
                self._header_strip = Strip.blank(width, style)
            else:
                text = header_text(*self.header, style)
                text.truncate(max(0, width - 2), overflow="ellipsis", pad=True)  # one cell of padding
                segments = [Segment(" ", style), *text.render(self.app.console), Segment(" ", style)]
                self._header_strip = Strip(segments).adjust_cell_length(width, style)
        return self._header_strip

    def _thumb_rows(self, top: int) -> tuple[int, int]:
        """Text rows (from 0) where the scrollbar shows its thumb, scrolled to `top`."""
        geometry = (self.text_height, self._scrolled_rows, top)
        if self._thumb[0] != geometry:
            self._thumb = (geometry, thumb_rows(*geometry))
        return self._thumb[1]

    def _scrollbar_cell(self, on_thumb: bool) -> Segment:
        return Segment(" ", self._style("thumb" if on_thumb else "track"))

    def _scroll_by_bar(self, event: events.MouseEvent) -> None:
        top = top_for_track_row(event.y - HEADER_ROWS, self.text_height, self._scrolled_rows)
        self.scroll_to(y=top, animate=False, immediate=True)
