"""The relation type chooser: when several types fit a link, a key per type picks one."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from tui.screens._text import visible
from tui.screens.modal import ModalBase

if TYPE_CHECKING:
    from store.records import RelationType

KEYS = "123456789"


class RelationTypeScreen(ModalBase[str | None]):
    """The types that may link these two spans, keyed 1-9; dismisses with the chosen name, or None."""

    CSS_PATH = "relation_type.tcss"
    BINDINGS = [Binding("escape,q", "cancel", "Cancel", id="relation_type.cancel")]

    def __init__(self, types: Iterable[RelationType], source_text: str, target_text: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.types = list(types)[: len(KEYS)]
        self.source_text = source_text
        self.target_text = target_text

    def body(self) -> Text:
        lines = Text()
        for key, kind in zip(KEYS, self.types):
            lines.append(f" {key} ", style="bold reverse")
            lines.append(" ")
            lines.append(visible(kind.name, 40), style="bold")
            if kind.description:
                lines.append("  ")
                lines.append(visible(kind.description, 70), style="italic")
            lines.append("\n")
        return lines

    def compose(self) -> ComposeResult:
        with Vertical(id="relation-type-box", classes="modal-box"):
            title = Text.assemble(("Link “", "bold"), visible(self.source_text, 30), ("” to “", "bold"),
                                  visible(self.target_text, 30), ("” as", "bold"))
            yield Static(title, classes="modal-title")
            yield Static(self.body(), id="relation-type-list")
            yield Static(Text("a type's key picks it · esc cancel"), classes="modal-hint")

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character in KEYS[: len(self.types)]:
            event.stop()
            self.dismiss(self.types[KEYS.index(event.character)].name)

    def action_cancel(self) -> None:
        self.dismiss(None)
