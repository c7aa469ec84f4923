"""The keys overlay: every key of the reader, grouped in sections, in a scrollable modal."""
from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tui.screens._text import visible, visible_block
from tui.screens.modal import ModalBase

KEY_COLUMN_MAX = 24  # a long key list must not push every description off screen


def rows_text(rows: list[tuple[str, str]]) -> Text:
    """One section's rows as aligned "keys  description" lines, built without markup."""
    keys = [visible(key, KEY_COLUMN_MAX) for key, _ in rows]
    width = max((cell_len(key) for key in keys), default=0)
    text = Text()
    for index, (key, (_, description)) in enumerate(zip(keys, rows)):
        if index:
            text.append("\n")
        text.append(key + " " * (width - cell_len(key)), style="bold")
        text.append("  ")
        text.append(visible(description, 200))
    return text


def definitions_text(definitions: list[tuple[str, str]]) -> Text:
    """The codebook's definitions: each tag's key and name on a line, its description below (wrapped)."""
    text = Text()
    for index, (head, description) in enumerate(definitions):
        if index:
            text.append("\n")
        text.append(visible(head, 80), style="bold")
        text.append("\n")
        text.append(visible_block(description, 12, 2000) or "(no description)", style="" if description else "dim")
    return text


class HelpScreen(ModalBase[None]):
    """Keys overlay; dismisses with None."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close", key_display="esc"),
    ]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]],
                 definitions: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sections = sections
        self.definitions = definitions or []  # the codebook: (key and name, description) per tag

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="modal-box"):
            yield Static(Text("Keys", style="bold"), id="help-title", classes="modal-title")
            with VerticalScroll(id="help-body"):
                for heading, rows in self.sections:
                    yield Static(Text(visible(heading, 80), style="bold underline"), classes="help-heading")
                    yield Static(rows_text(rows), classes="help-rows")
                if self.definitions:
                    yield Static(Text("Codebook: what each tag means (C in the reader)", style="bold underline"),
                                 classes="help-heading")
                    yield Static(definitions_text(self.definitions), classes="help-definitions")
            yield Static(Text("esc / q / ? close · ↑↓ scroll"), classes="modal-hint")

    def on_mount(self) -> None:
        # Focus the scroll area so arrows and page keys scroll a long list.
        self.query_one("#help-body", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
