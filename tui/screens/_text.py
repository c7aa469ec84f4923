"""Untrusted text on screen: visible control characters, bounded length, safe colours, clean pastes."""
from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from rich.color import Color, ColorParseError
from rich.style import Style
from textual.binding import Binding
from textual.events import Key, Paste
from textual.widgets import DataTable, Input, TextArea

from tui.bindings import TAG_KEYS
from tui.terminal_text import ELLIPSIS
from tui.terminal_text import one_line as visible  # noqa: F401  (the screens' name for it)
from tui.textlayout import control_glyph, glyph

if TYPE_CHECKING:
    from store.records import Tag


def visible_block(text: str | None, max_lines: int = 4, max_chars: int = 400) -> str:
    """`text` kept on its own lines (at most `max_lines`, `max_chars`), other controls shown as symbols."""
    if not text:
        return ""
    head = text[: max_chars + 1]
    lines = head.split("\n")
    cut = len(lines) > max_lines or len(text) > max_chars
    lines = ["".join(glyph(c) if c != "\t" else "→" for c in line) for line in lines[:max_lines]]
    shown = "\n".join(lines)[:max_chars]
    return shown + ELLIPSIS if cut else shown


def editable(text: str | None) -> str:
    """Text safe to put in an Input or TextArea: line breaks normalised, other controls shown as symbols.

    Those widgets send control characters to the terminal raw (ESC included), and give them no width,
    so they must be replaced before they reach the widget, not at render time. Format characters
    (ZWNJ, ZWJ, bidi controls) are kept: what the editor holds is saved, and a note keeps them.
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(char if char in "\n\t" else control_glyph(char) for char in text)


class CleanPaste:
    """Mixin for Input and TextArea: pasted control characters become visible symbols first."""

    def _on_paste(self, event: Paste) -> None:
        # Runs before the widget's own paste handler (earlier in the MRO), which inserts event.text.
        event.text = editable(event.text)


# Textual's Input and TextArea insert a typed character only if str.isprintable(), which is False
# for format characters (ZWNJ in Persian, ZWJ in emoji, bidi marks), spaces other than U+0020
# (no-break, ideographic), private-use and not-yet-assigned characters (emoji newer than Python's
# Unicode tables): typed, they vanished. Only controls (keys like ctrl+a, escape) and lone
# surrogates are not text; line and paragraph separators would become line breaks in a TextArea.
_NOT_TYPED = frozenset(("Cc", "Cs", "Zl", "Zp"))


def typed_character(event: Key) -> str | None:
    """The character a key types that Textual's editors would drop, else None."""
    char = event.character
    if char is None or len(char) != 1 or char.isprintable() or unicodedata.category(char) in _NOT_TYPED:
        return None
    return char


class TypesEveryCharacter:
    """Mixin for Input and TextArea: a typed character is inserted even when not str.isprintable()."""

    async def _on_key(self, event: Key) -> None:
        # Runs before the widget's own key handler (earlier in the MRO); prevent_default skips it.
        char = typed_character(event)
        if char is None:
            return
        event.stop()
        event.prevent_default()
        if isinstance(self, TextArea):
            if not self.read_only:
                self.replace(char, *self.selection, maintain_selection_offset=False)
        elif isinstance(self, Input):
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(char)
            else:
                self.replace(char, *selection)


class CleanInput(CleanPaste, TypesEveryCharacter, Input):
    """An Input that turns pasted control characters into visible symbols and takes every typed character."""


def table_cursor_bindings(prefix: str, noun: str) -> list[Binding]:
    """Arrow and page keys that, pressed in a screen's Input, move its DataTable's cursor."""
    return [
        Binding("down", "move(1)", f"Next {noun}", show=False, id=f"{prefix}.down"),
        Binding("up", "move(-1)", f"Previous {noun}", show=False, id=f"{prefix}.up"),
        Binding("pagedown", "move(10)", "Page down", show=False, id=f"{prefix}.page_down"),
        Binding("pageup", "move(-10)", "Page up", show=False, id=f"{prefix}.page_up"),
    ]


class TableFromInput:
    """Mixin for a screen whose Input steers its one DataTable (see table_cursor_bindings)."""

    def action_move(self, rows: int) -> None:
        table = self.query_one(DataTable)  # type: ignore[attr-defined]
        if table.row_count:
            table.move_cursor(row=max(0, min(table.cursor_row + rows, table.row_count - 1)), scroll=True)


def tag_filter_bindings(prefix: str) -> list[Binding]:
    """`0` shows every tag, 1-9 only the tag on that key (see TagFilter)."""
    return [
        Binding("0", "filter('0')", "Show all tags", id=f"{prefix}.filter.all"),
        *[Binding(key, f"filter('{key}')", f"Show only the tag on key {key}", show=False,
                  id=f"{prefix}.filter.{key}") for key in TAG_KEYS],
    ]


class TagFilter:
    """Mixin for a screen listing tagged items: the tag keys filter the list, which `_fill()` redraws."""

    def _use_tags(self, tags: list[Tag]) -> None:
        from textual.binding import BindingsMap

        from tui.bindings import usable_tag_key

        self.tag_styles = {tag.name: colour_style(getattr(tag, "colour", None), bold=True) for tag in tags}
        self.tag_by_key = {tag.key: tag.name for tag in tags if getattr(tag, "key", None)}
        self.active_tag: str | None = None  # None shows every tag
        # A tag on a letter filters with that letter, unless the screen binds it already (q closes).
        bound = {key for key, _ in self._bindings}  # type: ignore[attr-defined]
        letters = [Binding(key, f"filter('{key}')", f"Show only {name}", show=False)
                   for key, name in self.tag_by_key.items()
                   if usable_tag_key(key) and key not in TAG_KEYS and key not in bound]
        if letters:
            self._bindings = BindingsMap.merge([self._bindings, BindingsMap(letters)])  # type: ignore[has-type]


    def action_filter(self, key: str) -> None:
        tag = self.tag_by_key.get(key)
        if key != "0" and tag is None:
            self.app.bell()  # type: ignore[attr-defined]  # no tag on this key: keep the current filter
            return
        # `0` or the active tag's key again shows every tag.
        self.active_tag = None if key == "0" or tag == self.active_tag else tag
        self._fill()  # type: ignore[attr-defined]


def highlighted_row_key(table: DataTable) -> str | None:
    """The key of the row under the table's cursor, or None when the table is empty."""
    if table.row_count == 0:
        return None
    row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
    return row_key.value


def colour_style(colour: str | None, **extra: bool) -> Style:
    """A Rich style in the tag's colour; a missing or malformed colour falls back to no colour."""
    try:
        return Style(color=Color.parse(colour), **extra) if colour else Style(**extra)
    except ColorParseError:
        return Style(**extra)


def tag_keys_line(tags: list[Tag]) -> str:
    """The tags and their keys, for an empty state: "1 quote, 2 claim, ..." (names shown literally)."""
    shown = [f"{tag.key} {visible(tag.name, 30)}" if tag.key else visible(tag.name, 30) for tag in tags]
    return ", ".join(shown) if shown else "no tags: import a codebook"
