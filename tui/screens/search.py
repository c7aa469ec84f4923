"""The search prompt: one line of text; an empty answer clears the search."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui.screens._text import CleanInput, editable, visible
from tui.screens.modal import ModalBase


class SearchScreen(ModalBase[str | None]):
    """Search prompt; dismisses with the query ("" clears the search), or None when cancelled."""

    CSS_PATH = "search.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="search.cancel"),
    ]

    def __init__(self, initial: str = "", prompt: str = "Search this document", **kwargs) -> None:
        super().__init__(**kwargs)
        self.initial = initial
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box", classes="modal-box"):
            yield Static(Text(visible(self.prompt, 80), style="bold"), id="search-prompt")
            # The previous query comes back selected: typing replaces it, arrows keep it.
            yield CleanInput(editable(self.initial), id="search-input", select_on_focus=True)
            yield Static(Text("enter search (empty clears) · esc cancel"), classes="modal-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
