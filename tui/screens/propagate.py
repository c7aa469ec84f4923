"""The propagation confirm screen (key p): how many other occurrences, where, a few contexts; Enter tags all."""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from tui.screens._text import visible
from tui.screens.modal import ModalBase

if TYPE_CHECKING:
    from store.propagation import Occurrences

TITLE_CHARS = 60
CONTEXTS = 5  # contexts shown under the table: enough to see whether the text means one thing
CONTEXT_CHARS = 30
MAX_ROWS = 1000  # documents listed; the summary gives the full count


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


class PropagateScreen(ModalBase[str | None]):
    """Dismisses with "tag" (tag them all), "case" (count again with case the other way), or None."""

    CSS_PATH = "propagate.tcss"
    BINDINGS = [
        Binding("escape,q", "cancel", "Cancel", id="propagate.cancel"),
        Binding("enter", "tag", "Tag them all", id="propagate.tag", priority=True),
        Binding("i", "case", "Match case or not", id="propagate.case"),
    ]

    def __init__(self, occurrences: Occurrences, entity: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.occurrences = occurrences
        self.entity = entity  # the name of the entity the new spans will name, if any

    def summary(self) -> Text:
        """What Enter would do, in words."""
        found = self.occurrences
        case = "case-sensitive" if found.case_sensitive else "any case"
        text = Text()
        if found.too_many:
            text.append(f"More than {len(found.found) - 1:,} other occurrences: too many to tag at once. ",
                        style="bold red")
            text.append("Select a longer text (a whole name) and press p on its span.")
            return text
        text.append(f"{_plural(len(found.found), 'other occurrence')} in {_plural(len(found.documents), 'document')}",
                    style="bold")
        text.append(f" (whole words, {case})")
        if found.already:
            text.append(f"; {_plural(found.already, 'more')} already inside a span of {visible(found.tag, 20)}, "
                        "left out")
        text.append(".")
        if self.entity is not None:
            text.append(" Each new span names the entity ")
            text.append(visible(self.entity, 40), style="bold")
            text.append(", as this one does.")
        return text

    def compose(self) -> ComposeResult:
        found = self.occurrences
        with Vertical(id="propagate-box", classes="modal-box"):
            title = Text.assemble(("Tag every ", "bold"), (visible(found.tag, 20), "bold"), (" “", "bold"),
                                  (visible(found.text, 50), "bold"), ("”", "bold"))
            yield Static(title, classes="modal-title")
            yield Static(self.summary(), id="propagate-summary")
            yield DataTable(id="propagate-table", cursor_type="row", zebra_stripes=True)
            yield Static(self._contexts(), id="propagate-contexts")
            enter = "" if found.too_many or not found.found else f"enter tag all {len(found.found):,} · "
            other = "match any case" if found.case_sensitive else "match case"
            yield Static(Text(f"{enter}i {other} · esc cancel"), classes="modal-hint")

    def _contexts(self) -> Text:
        text = Text()
        for occurrence in self.occurrences.found[:CONTEXTS]:
            text.append(visible(occurrence.document_id, 20), style="dim")
            text.append("  …" + visible(occurrence.prefix[-CONTEXT_CHARS:], CONTEXT_CHARS + 1))
            text.append(visible(occurrence.text, 40), style="bold reverse")
            text.append(visible(occurrence.suffix[:CONTEXT_CHARS], CONTEXT_CHARS + 1) + "…\n")
        return text

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("document"), key="document")
        table.add_column(Text("title"), key="title")
        table.add_column(Text("occurrences", justify="right"), key="count")
        for counted in self.occurrences.documents[:MAX_ROWS]:
            table.add_row(Text(visible(counted.document_id, 24)), Text(visible(counted.title, TITLE_CHARS)),
                          Text(f"{counted.occurrences:,}", justify="right"), key=counted.document_id)
        table.display = bool(self.occurrences.documents)
        table.focus()

    def action_tag(self) -> None:
        if self.occurrences.too_many or not self.occurrences.found:
            self.app.bell()
            return
        self.dismiss("tag")

    def action_case(self) -> None:
        self.dismiss("case")

    def action_cancel(self) -> None:
        self.dismiss(None)
