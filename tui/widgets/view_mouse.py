"""The mouse in an article view: a click places the cursor, a drag selects, the scrollbar scrolls."""
from __future__ import annotations

from textual import events

from tui.widgets.pane_chrome import HEADER_ROWS, SCROLLBAR_WIDTH
from tui.widgets.row_render import GUTTER_WIDTH


class ViewMouse:
    """ArticleView's mouse handlers (the wheel is Textual's own)."""

    def _offset_at_mouse(self, event: events.MouseEvent) -> int:
        row = int(self.scroll_y) + max(0, event.y - HEADER_ROWS)
        if row >= self.layout_.height:
            return len(self.text)
        return self.layout_.offset_at(row, event.x - GUTTER_WIDTH)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1:
            return
        self.focus()
        if event.y < HEADER_ROWS:
            return
        if event.x >= self.container_size.width - SCROLLBAR_WIDTH:
            self._dragging_bar = True
            self.capture_mouse()
            self._scroll_by_bar(event)
            return
        self.sticky_anchor = False
        self.move_to(self._offset_at_mouse(event))
        self.anchor = self.cursor
        self._dragging = True
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging_bar:
            self._scroll_by_bar(event)
        elif self._dragging:
            self.move_to(self._offset_at_mouse(event), extend=True)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging_bar:
            self._dragging_bar = False
            self.release_mouse()
        elif self._dragging:
            self._dragging = False
            self.release_mouse()
            if self.anchor == self.cursor:
                self.anchor = None
                self._changed()
