"""A yes-or-no question before a change that takes more than it seems to (a span with its relations)."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from tui.screens._text import visible
from tui.screens.modal import ModalBase

LINE_CHARS = 200


class ConfirmScreen(ModalBase[bool]):
    """A question, what the change takes with it (one line each, shown literally); True for yes."""

    CSS_PATH = "confirm.tcss"
    BINDINGS = [
        Binding("y,d,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape,q", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, lines: list[str], hint: str = "y / enter yes · n / esc no", **kwargs) -> None:
        super().__init__(**kwargs)
        self.question = question
        self.lines = list(lines)
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="modal-box"):
            yield Static(Text(visible(self.question, LINE_CHARS), style="bold"), classes="modal-title")
            yield Static(Text("\n".join(visible(line, LINE_CHARS) for line in self.lines)), id="confirm-lines")
            yield Static(Text(self.hint), classes="modal-hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
