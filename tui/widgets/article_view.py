"""The article pane: a Line API ScrollView that draws only visible rows, with its header and scrollbar."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Self

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.dom import NoScreen
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui import navigation as nav
from tui.bindings import VIEW_BINDINGS
from tui.spans import Span, SpanIndex
from tui.textlayout import Layout
from tui.widgets.pane_chrome import HEADER_ROWS, SCROLLBAR_WIDTH, DrawnChrome
from tui.widgets.panes import Panes
from tui.widgets.row_render import GUTTER_WIDTH, MARKDOWN_STYLES, RowDecorations, render_row
from tui.widgets.view_layers import (
    MARKDOWN,
    ORDER_MARKDOWN,
    RESERVED,
    Layer,
    Layers,
    Range,
    RangeIndex,
    StyleRef,
    TagLayer,
    rows_showing,
)
from tui.widgets.view_mouse import ViewMouse

if TYPE_CHECKING:
    from store.records import StoredDocument

CACHE_ROWS = 1024
UNFOCUSED_CURSOR = Style(underline=True)


class ArticleView(DrawnChrome, ViewMouse, ScrollView, can_focus=True):
    """One document: a header, the text soft-wrapped to the pane, named layers of decorations, a cursor.

    Every decoration is a layer (tui/widgets/view_layers.py): the markdown styles and the
    annotations in tag colours (set by show_document), and what controllers set by name with
    set_layer (search hits, the aligned passage's flash, shared passages, suggestions...). The
    selection and the cursor are the view's own, drawn over every layer.

    The header row, the scrollbar column and the border are drawn by the view (see DrawnChrome).
    It lives in a Panes container, whose component classes style its cursor, selection and header.
    """

    BINDINGS = VIEW_BINDINGS

    class Scrolled(Message):
        """The pane scrolled; with linked scrolling on, the app moves the other panes."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view

    class CursorMoved(Message):
        """The cursor or the selection changed; the app refreshes the status line."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.document: StoredDocument | None = None
        self.text = ""
        self._tags = TagLayer(SpanIndex(), {})
        self.named_layers = Layers()
        self.named_layers.put(self._tags)
        self.cursor = 0
        self.anchor: int | None = None
        self.sticky_anchor = False
        self.goal_column: int | None = None
        self.layout_ = Layout.build("", 40)
        self._cache: dict[int, tuple[list[Segment], dict]] = {}  # row -> segments, finished strips
        self._styles_by_name: dict[str, Style] = {}
        self._dragging = False
        self._dragging_bar = False
        self.header: tuple[StoredDocument, int, int] | None = None  # (document, position, total)
        self._header_strip: Strip | None = None
        self._pending_top: int | None = None  # a saved scroll position, applied at the first layout
        self._fitting = False
        self._scrolled_rows = 0
        self._thumb: tuple[tuple[int, int, int], tuple[int, int]] = ((0, 0, 0), (0, 0))

    # --- loading -------------------------------------------------------------------------
    def focus(self, scroll_visible: bool = True) -> Self:
        """Take focus now, not after the messages already queued (Textual's way): a terminal read
        can hold Tab and D together, and D must act on the pane Tab went to."""
        try:
            screen = self.screen
        except NoScreen:
            return super().focus(scroll_visible)
        if not self.focusable:  # not laid out yet: Textual's deferred focus waits for that
            return super().focus(scroll_visible)
        self.refresh()
        screen.set_focus(self, scroll_visible=scroll_visible)
        return self

    def show_document(self, document: StoredDocument, annotations: Iterable[Span], tag_colours: dict[str, str],
                      cursor: int = 0, top_row: int | None = None) -> None:
        self.document = document
        self.text = document.text
        # Another document: every layer goes (the shown hooks set theirs again), the tags are its own.
        self.named_layers = Layers()
        self._tags = TagLayer(SpanIndex(annotations), {})
        self.named_layers.put(self._tags)
        self.set_tag_colours(tag_colours)
        if document.styles:
            styled = sorted(document.styles, key=lambda s: (s.start, s.end))
            index = RangeIndex([(s.start, s.end) for s in styled], presorted=True)
            styles = [MARKDOWN_STYLES.get(s.style, Style()) for s in styled]
            self.named_layers.put(Layer(MARKDOWN, index, Style(), ORDER_MARKDOWN, styles=styles))
        self.cursor = min(max(cursor, 0), len(self.text))
        self.anchor, self.sticky_anchor, self.goal_column = None, False, None
        self._pending_top = top_row
        self._fit_layout()
        self._changed()

    def replace_spans(self, annotations: Iterable[Span]) -> None:
        """Draw these annotations instead of the ones shown (another process changed them); the
        cursor, selection and scroll position stay."""
        self._tags.spans = SpanIndex(annotations)
        self.invalidate()

    @property
    def spans(self) -> SpanIndex:
        """The shown document's annotations (the tags layer's index): update it, then invalidate its lines."""
        return self._tags.spans

    @property
    def tag_styles(self) -> dict[str, Style]:
        return self._tags.tag_styles

    def set_tag_colours(self, tag_colours: dict[str, str]) -> None:
        background = self.styles.background if self.styles.background.a else Color(30, 30, 30)
        self._tags.tag_styles = {
            tag: Style(bgcolor=background.blend(Color.parse(colour), 0.55).rich_color)
            for tag, colour in tag_colours.items()
        }
        self.invalidate()

    # --- layers --------------------------------------------------------------------------
    def set_layer(self, name: str, ranges: Iterable[Range], style: StyleRef, *, order: int = 0,
                  mark: str | None = None) -> None:
        """Draw `ranges` (code-point offsets, end exclusive) in `style` as the layer `name`, replacing it.

        `style`: a component class of the Panes container ("article--suggestion") or a rich Style.
        A higher `order` is drawn over a lower one (tags are at -100, search hits at 100). With
        `mark`, the rows the ranges touch get that text in the gutter instead. Only the rows whose
        decoration changed are drawn again.
        """
        if name in RESERVED:
            raise ValueError(f"the {name!r} layer is the view's own (show_document sets it)")
        if isinstance(style, str) and style not in Panes.COMPONENT_CLASSES:
            raise ValueError(f"no such style for a layer: {style!r} (a Panes component class or a rich Style)")
        layer = Layer(name, RangeIndex(ranges), style, order, mark)
        if not layer.index.ranges:
            self.clear_layer(name)
            return
        old = self.named_layers.put(layer)
        if old is None:
            self.invalidate_ranges(layer.index.ranges)
        elif layer.looks_like(old):
            self.invalidate_ranges(set(old.index.ranges).symmetric_difference(layer.index.ranges))
        else:
            self.invalidate_ranges([*old.index.ranges, *layer.index.ranges])

    def clear_layer(self, name: str) -> None:
        """Stop drawing the layer `name` (nothing happens if it is not set)."""
        if name in RESERVED:
            raise ValueError(f"the {name!r} layer is the view's own (show_document sets it)")
        old = self.named_layers.remove(name)
        if old is not None:
            self.invalidate_ranges(old.index.ranges)

    def layer_ranges(self, name: str) -> list[Range]:
        """The layer's ranges, sorted ([] when it is not set)."""
        layer = self.named_layers.get(name)
        return layer.ranges() if layer is not None else []

    @property
    def allow_vertical_scroll(self) -> bool:
        # overflow-y is hidden because the view draws its own scrollbar; it still scrolls.
        return not self._check_disabled()

    @property
    def text_height(self) -> int:
        """Rows of text on screen (the header row is not one)."""
        return max(1, self.container_size.height - HEADER_ROWS)

    def _content_width(self) -> int:
        return max(8, self.container_size.width - SCROLLBAR_WIDTH - GUTTER_WIDTH)

    def _fit_layout(self) -> None:
        """Wrap the text to the pane's width, keeping the top row's text on top, then show the cursor.

        Until the pane has a size (a document shown before the first layout) nothing is wrapped:
        render_line fits the text when it draws the first frame, so that frame is already right.
        """
        if not self.container_size.width:
            self.invalidate()
            return
        width, old = self._content_width(), self.layout_
        top_row: int | None = None
        if old.text is not self.text or old.width != width:
            self.layout_ = Layout.build(self.text, width)
            if old.text is self.text:
                top_row = self.layout_.row_of(old.starts[min(int(self.scroll_y), old.height - 1)])
        # Half a screen of space past the end lets a passage near the end align with another pane's.
        overscroll = self.text_height // 2
        self.virtual_size = Size(width + GUTTER_WIDTH, HEADER_ROWS + self.layout_.height + overscroll)
        self._scrolled_rows = self.layout_.height + overscroll  # what the scrollbar's track stands for
        self.invalidate()
        self._fitting = True
        try:
            if self._pending_top is not None:
                top_row = self._pending_top
                # The first frame comes before the footer: a saved position near the end may not
                # be reachable yet, so it stays pending until it is, or until the reader moves.
                if top_row <= self.max_scroll_y:
                    self._pending_top = None
            if top_row is not None:
                self.scroll_to(y=top_row, animate=False, immediate=True)
            self._follow_cursor()
        finally:
            self._fitting = False

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not getattr(self, "_fitting", True):
            self._pending_top = None  # the reader scrolled: that position wins
        if round(old_value) != round(new_value):
            self.post_message(self.Scrolled(self))

    def on_resize(self, event: events.Resize) -> None:
        self._fit_layout()  # the header is redrawn when its width changes (_render_header)

    # --- drawing -------------------------------------------------------------------------
    def invalidate_ranges(self, ranges: Iterable[Range]) -> None:
        """Forget and repaint only the rows that show part of these ranges.

        The rows that could be stale are the cached ones and those on screen (see rows_showing).
        """
        index = RangeIndex(ranges)
        layout = self.layout_
        if not index.ranges or layout.text is not self.text:
            if index.ranges:
                self.invalidate()  # not wrapped yet: the first frame draws every row
            return
        top, height, cache = int(self.scroll_y), self.text_height, self._cache
        rows = rows_showing(layout, index, lambda: {*cache, *range(top, min(top + height, layout.height))})
        for row in rows:
            cache.pop(row, None)
        shown = [row for row in rows if top <= row < top + height]
        if shown:
            first, last = min(shown), max(shown)
            self.refresh(Region(0, HEADER_ROWS + first - top, self.container_size.width, last - first + 1))

    def invalidate(self, lo: int | None = None, hi: int | None = None) -> None:
        """Forget cached rows (all, or those showing offsets lo..hi) and repaint them."""
        if lo is None or hi is None:
            self._cache.clear()
            self.refresh()
            return
        first, last = self.layout_.row_of(lo), self.layout_.row_of(max(lo, hi))
        for row in range(first, last + 1):
            self._cache.pop(row, None)
        top = int(self.scroll_y)
        visible_first, visible_last = max(first, top), min(last, top + self.text_height - 1)
        if visible_first <= visible_last:
            self.refresh(Region(0, HEADER_ROWS + visible_first - top, self.container_size.width,
                                visible_last - visible_first + 1))

    def _style(self, name: str) -> Style:
        # Looking styles up through the DOM for every row cost a third of a first frame; they only
        # change when CSS or the theme does (notify_style_update below forgets them).
        style = self._styles_by_name.get(name)
        if style is None:
            if name == "base":
                style = self.rich_style
            elif name in ("thumb", "track"):
                colour = self.styles.scrollbar_color if name == "thumb" else self.styles.scrollbar_background
                style = Style(bgcolor=(self.background_colors[1] + colour).rich_color)
            elif name == "border":  # as Textual draws a right border
                base_background, background = self.background_colors
                colour = base_background + self.styles.border_right[1]
                style = Style(color=colour.rich_color, bgcolor=(base_background + background).rich_color)
            else:  # "article--cursor" and the like: component classes of the Panes container
                style = self.parent.get_component_rich_style(name)
            self._styles_by_name[name] = style
        return style

    def notify_style_update(self) -> None:
        self.forget_styles()
        super().notify_style_update()

    def forget_styles(self) -> None:
        """Drop every style and row drawn with it: CSS or the theme changed."""
        self._styles_by_name = {}
        self._header_strip = None
        if getattr(self, "_cache", None):
            self._cache.clear()
            self.refresh()

    def render_line(self, y: int) -> Strip:
        """Line y of the view (Line API): the header, or a text row with its scrollbar cell."""
        return self.finished_lines(range(y, y + 1), None)[0]

    def finished_lines(self, lines: range, border: Segment | None) -> list[Strip]:
        """Lines of the view with the scrollbar cell and, when given, the border cell after it.

        Text rows are cached as finished Strips (per scrollbar state and border), so a key press
        rebuilds only the rows it changed, and Textual's filters find their own cached results.
        What every line needs (sizes, scroll position, thumb) is read once: Textual's reactive
        attributes cost ~2 us a read.
        """
        width = self.container_size.width
        content_width = self._content_width()
        if self.layout_.width != content_width or self.layout_.text is not self.text:
            self._fit_layout()  # the first frame after a document was shown before any layout
        top = int(self.scroll_y)
        thumb_first, thumb_last = self._thumb_rows(top)
        height = self.layout_.height
        drawn = content_width + GUTTER_WIDTH + SCROLLBAR_WIDTH
        cells_drawn = drawn + (border is not None)
        thumb = track = None
        strips = []
        for y in lines:
            if y < HEADER_ROWS:
                strips.append(self._bordered(self._render_header(width), border))
                continue
            row = top + y - HEADER_ROWS
            on_thumb = thumb_first <= y - HEADER_ROWS < thumb_last
            cached = self._cache.get(row)
            if cached is None:
                if len(self._cache) > CACHE_ROWS:
                    self._cache.clear()
                segments = (self._render_row(row, content_width) if row < height else
                            [Segment(" " * (content_width + GUTTER_WIDTH), self._style("base"))])
                cached = self._cache[row] = (segments, {})
            segments, finished = cached
            strip = finished.get((on_thumb, border))
            if strip is None:
                if on_thumb:
                    scrollbar = thumb = thumb or self._scrollbar_cell(True)
                else:
                    scrollbar = track = track or self._scrollbar_cell(False)
                if drawn == width:  # one Strip per row: each costs ~7 us (it makes its own caches)
                    strip = Strip([*segments, scrollbar] if border is None else [*segments, scrollbar, border],
                                  cells_drawn)
                else:  # a pane under 11 cells
                    narrow = Strip([*segments, scrollbar], drawn).crop_extend(0, width, self._style("base"))
                    strip = self._bordered(narrow, border)
                finished[(on_thumb, border)] = strip
            strips.append(strip)
        return strips

    @staticmethod
    def _bordered(strip: Strip, border: Segment | None) -> Strip:
        return strip if border is None else Strip([*strip, border], strip.cell_length + 1)

    def _render_row(self, row: int, content_width: int) -> list[Segment]:
        start, end = self.layout_.starts[row], self.layout_.ends[row]
        base = self._style("base")
        decorations = RowDecorations()
        style_of = self._style
        for layer in self.named_layers:  # in drawing order: each adds its pieces of this row
            layer.draw(start, end, decorations, style_of)
        selection = self.selection
        if selection and selection[0] < max(end, start + 1) and selection[1] > start:
            decorations.layers.append((*selection, self._style("article--selection")))
        cursor = self.cursor
        if start <= cursor <= end:
            at_soft_wrap = cursor == end and row + 1 < self.layout_.height and self.layout_.starts[row + 1] == end
            if not at_soft_wrap:  # else it is drawn on the next row
                decorations.cursor = cursor
                decorations.cursor_style = self._style("article--cursor") if self.has_focus else UNFOCUSED_CURSOR
        return render_row(self.text, start, end, content_width, base, decorations, self.layout_.simple[row])

    def on_focus(self) -> None:
        self.invalidate(self.cursor, self.cursor)
        self._refresh_header()
        self._changed()

    def on_blur(self) -> None:
        self.invalidate(self.cursor, self.cursor)
        self._refresh_header()

    # --- cursor and selection --------------------------------------------------------------
    @property
    def selection(self) -> tuple[int, int] | None:
        if self.anchor is None or self.anchor == self.cursor:
            return None
        return (min(self.anchor, self.cursor), max(self.anchor, self.cursor))

    def move_to(self, offset: int, *, extend: bool = False, keep_goal: bool = False) -> None:
        """Put the cursor at `offset`; extend the selection when asked or in anchor mode."""
        offset = min(max(offset, 0), len(self.text))
        self._pending_top = None
        old_cursor, old_selection = self.cursor, self.selection
        if extend or self.sticky_anchor:
            if self.anchor is None:
                self.anchor = self.cursor
        else:
            self.anchor = None
        self.cursor = offset
        if not keep_goal:
            self.goal_column = None
        self._repaint_moved(old_cursor, old_selection)
        self._follow_cursor()
        self._changed()

    def jump_to(self, offset: int, *, always: bool = False) -> None:
        """Put the cursor at `offset` for a jump (a hit, an annotation, a passage, an opened item).

        A target off screen is brought to a quarter of the way down the pane, so what follows it
        shows (scrolling minimally, as a cursor move does, left it on the last row); one already on
        screen stays where it is, unless `always` (a document just opened there).
        """
        offset = min(max(offset, 0), len(self.text))
        if self.container_size.width and self.layout_.text is self.text:  # else the first layout shows it
            top, height, row = int(self.scroll_y), self.text_height, self.layout_.row_of(offset)
            if always or not top <= row < top + height:
                self.scroll_offset_into_view(offset, height // 4)  # first, so move_to need not scroll
        self.move_to(offset)

    def clear_selection(self) -> None:
        old = self.selection
        self.anchor, self.sticky_anchor = None, False
        if old:
            self.invalidate(*old)
        self._changed()

    def start_anchor(self) -> None:
        self.anchor, self.sticky_anchor = self.cursor, True
        self._changed()

    def _repaint_moved(self, old_cursor: int, old_selection: tuple[int, int] | None) -> None:
        new_selection = self.selection
        self.invalidate(old_cursor, old_cursor)
        self.invalidate(self.cursor, self.cursor)
        if old_selection != new_selection:
            for selection in (old_selection, new_selection):
                if selection:
                    self.invalidate(*selection)

    def _follow_cursor(self) -> None:
        row = self.layout_.row_of(self.cursor)
        top, height = int(self.scroll_y), self.text_height
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)

    def scroll_offset_into_view(self, offset: int, row_on_screen: int | None = None) -> None:
        """Scroll so that `offset` shows, at a given screen row when asked (for aligned reading)."""
        row = self.layout_.row_of(offset)
        if row_on_screen is None:
            row_on_screen = max(0, self.text_height // 3)
        self.scroll_to(y=max(0, row - row_on_screen), animate=False, immediate=True)

    def _changed(self) -> None:
        self.post_message(self.CursorMoved(self))

    def vertical(self, rows: int, extend: bool = False) -> None:
        layout = self.layout_
        if self.goal_column is None:
            self.goal_column = layout.column_of(self.cursor)
        row = layout.row_of(self.cursor) + rows
        if row < 0:
            target = 0
        elif row >= layout.height:
            target = len(self.text)
        else:
            target = layout.offset_at(row, self.goal_column)
        self.move_to(target, extend=extend, keep_goal=True)

    def page(self, direction: int, extend: bool = False) -> None:
        height = max(1, self.text_height - 1)
        self.scroll_to(y=self.scroll_y + direction * height, animate=False, immediate=True)
        self.vertical(direction * height, extend)

    def line_edge(self, end: bool, extend: bool = False) -> None:
        layout = self.layout_
        row = layout.row_of(self.cursor)
        target = layout.ends[row] if end else layout.starts[row]
        if end and row + 1 < layout.height and layout.starts[row + 1] == target and target > layout.starts[row]:
            target -= 1  # a soft-wrapped row ends on its last character, not on the next row's first
        self.move_to(target, extend=extend)

    # --- the movement actions (bound in tui.bindings) ---------------------------------------
    def action_move(self, how: str, extend: bool = False) -> None:
        moves: dict[str, Callable[[], None]] = {
            "left": lambda: self.move_to(self.cursor - 1, extend=extend),
            "right": lambda: self.move_to(self.cursor + 1, extend=extend),
            "up": lambda: self.vertical(-1, extend),
            "down": lambda: self.vertical(1, extend),
            "word_next": lambda: self.move_to(nav.next_word_start(self.text, self.cursor), extend=extend),
            "word_previous": lambda: self.move_to(nav.previous_word_start(self.text, self.cursor), extend=extend),
            "sentence_next": lambda: self.move_to(nav.next_sentence_start(self.text, self.cursor), extend=extend),
            "sentence_previous": lambda: self.move_to(nav.previous_sentence_start(self.text, self.cursor),
                                                      extend=extend),
            "page_up": lambda: self.page(-1, extend),
            "page_down": lambda: self.page(1, extend),
            "line_start": lambda: self.line_edge(False, extend),
            "line_end": lambda: self.line_edge(True, extend),
            "document_start": lambda: self.move_to(0, extend=extend),
            "document_end": lambda: self.move_to(len(self.text), extend=extend),
        }
        moves[how]()
