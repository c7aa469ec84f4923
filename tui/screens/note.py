"""The note editor: a multi-line note on one annotation, saved with ctrl+s."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from tui.screens._text import CleanPaste, TypesEveryCharacter, editable, visible, visible_block
from tui.screens.modal import ModalBase

QUOTE_LINES = 4
QUOTE_CHARS = 400


class NoteEditor(CleanPaste, TypesEveryCharacter, TextArea):
    """The note's TextArea, refusing raw control characters from pastes, storing every character typed."""

    # Bound here, not as a priority binding on the screen: the editor handles its keys in the order
    # they came, so ctrl+s saves only after every character typed (or sent) before it is in the text.
    BINDINGS = [Binding("ctrl+s", "screen.save", "Save note", id="note.save")]


class NoteScreen(ModalBase[str | None]):
    """Note editor; dismisses with the edited note (possibly empty), or None when cancelled."""

    CSS_PATH = "note.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    def __init__(self, annotation_text: str, tag: str, note: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.annotation_text = annotation_text
        self.tag = tag
        self.note = note or ""
        self.shown_note = editable(self.note)  # what the editor starts with: controls made visible

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box", classes="modal-box"):
            yield Static(Text.assemble(("Note on ", "bold"), (visible(self.tag, 30), "bold")), classes="modal-title")
            quote = visible_block(self.annotation_text, QUOTE_LINES, QUOTE_CHARS)
            yield Static(Text(quote), id="note-quote")
            # tab_behavior="focus" (the default) leaves Escape to the screen's cancel binding.
            yield NoteEditor(self.shown_note, id="note-editor", soft_wrap=True)
            yield Static(Text("ctrl+s save · esc cancel"), classes="modal-hint")

    def on_mount(self) -> None:
        editor = self.query_one(NoteEditor)
        editor.focus()
        editor.move_cursor(editor.document.end)  # researchers usually add to a note

    def action_save(self) -> None:
        text = self.query_one(NoteEditor).text
        # Saved unedited, the note comes back exactly as stored, not with its controls replaced.
        self.dismiss(self.note if text == self.shown_note else text)

    def action_cancel(self) -> None:
        self.dismiss(None)
