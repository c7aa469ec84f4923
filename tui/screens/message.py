"""A message box: a title and lines of plain text (such as unreadable inputs), shown literally."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tui.screens._text import visible
from tui.screens.modal import ModalBase

LINE_CHARS = 1000  # enough for a long path and its reason; bounds a pathological error message


class MessageScreen(ModalBase[None]):
    """Message box; dismisses with None."""

    CSS_PATH = "message.tcss"
    BINDINGS = [
        Binding("enter,escape,q", "close", "Close", id="message.close"),
    ]

    def __init__(self, title: str, lines: list[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.message_title = title
        self.lines = list(lines)

    def body_text(self) -> Text:
        """All lines, one per row: file names and error messages can hold `[`, newlines or ESC."""
        return Text("\n".join(visible(line, LINE_CHARS) for line in self.lines))

    def compose(self) -> ComposeResult:
        with Vertical(id="message-box", classes="modal-box"):
            yield Static(Text(visible(self.message_title, 100), style="bold"), classes="modal-title")
            with VerticalScroll(id="message-body"):
                yield Static(self.body_text(), id="message-lines")
            yield Static(Text("enter / esc close · ↑↓ scroll"), classes="modal-hint")

    def on_mount(self) -> None:
        # Focus the scroll area so arrows and page keys reach a long list.
        self.query_one("#message-body", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
