"""The document picker: filter documents by title, id or source and open one."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from tui.screens._text import (
    CleanInput,
    TableFromInput,
    colour_style,
    highlighted_row_key,
    table_cursor_bindings,
    visible,
)

if TYPE_CHECKING:
    from store.records import DocumentInfo, Tag

TITLE_CHARS = 50
SOURCE_CHARS = 24


def _haystack(doc: DocumentInfo) -> str:
    return " ".join(str(part) for part in (doc.title, doc.id, doc.source) if part).casefold()


class PickerScreen(TableFromInput, ModalScreen[str | None]):
    """Document list; dismisses with the chosen document id, or None."""

    CSS_PATH = "picker.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        # Only reached from the Input: the table handles its own arrows and Enter.
        *table_cursor_bindings("picker", "document"),
    ]

    def __init__(self, documents: Iterable[DocumentInfo], tags: Iterable[Tag], current_id: str | None = None,
                 overlap: dict[str, float] | None = None, **kwargs) -> None:
        """`overlap` maps document id to the share of its text found elsewhere (0..1)."""
        super().__init__(**kwargs)
        self.documents = list(documents)
        self.tags = list(tags)
        self.current_id = current_id
        self.overlap = overlap
        self._haystacks = {doc.id: _haystack(doc) for doc in self.documents}

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box", classes="modal-box"):
            yield Static(Text("Open document", style="bold"), classes="modal-title")
            yield CleanInput(placeholder="Filter by title, id or source", id="picker-filter")
            yield Static(id="picker-status")
            yield DataTable(id="picker-table", cursor_type="row", zebra_stripes=True)
            yield Static(Text("enter open · esc cancel · ↑↓ move · tab switch focus"), classes="modal-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # Labels as Text: a str label would be parsed as markup, and tag names are user data.
        table.add_column(Text("title"), key="title")
        table.add_column(Text("source"), key="source")
        table.add_column(Text("length", justify="right"), key="length")
        for index, tag in enumerate(self.tags):
            label = Text(visible(tag.name, 16), style=colour_style(getattr(tag, "colour", None), bold=True))
            table.add_column(label, key=f"tag:{index}")
        if self.overlap is not None:
            table.add_column(Text("shared %", justify="right"), key="shared")
        self._fill("")
        self.query_one(Input).focus()

    def _cells(self, doc: DocumentInfo) -> list[Text]:
        counts = getattr(doc, "counts", None) or {}
        cells = [
            Text(visible(doc.title or doc.id, TITLE_CHARS)),
            Text(visible(doc.source, SOURCE_CHARS), style="dim"),
            Text(f"{doc.length or 0:,}", justify="right"),
        ]
        for tag in self.tags:
            count = counts.get(tag.name, 0)
            cells.append(Text(str(count) if count else "·", justify="right"))
        if self.overlap is not None:
            share = self.overlap.get(doc.id)
            cells.append(Text("–" if share is None else f"{share * 100:.0f}%", justify="right"))
        return cells

    def _fill(self, query: str) -> None:
        """Show the documents matching every word of `query`, keeping the highlighted one if it stays."""
        table = self.query_one(DataTable)
        keep = self.highlighted_id() or self.current_id
        words = query.casefold().split()
        shown = [doc for doc in self.documents if all(w in self._haystacks[doc.id] for w in words)]
        table.clear()
        for doc in shown:
            table.add_row(*self._cells(doc), key=doc.id)
        status = f"{len(shown)} of {len(self.documents)} documents"
        self.query_one("#picker-status", Static).update(Text(status if words else f"{len(shown)} documents"))
        if keep is not None and any(doc.id == keep for doc in shown):
            table.move_cursor(row=table.get_row_index(keep), scroll=True)

    def highlighted_id(self) -> str | None:
        """Id of the document under the cursor, or None when the list is empty."""
        return highlighted_row_key(self.query_one(DataTable))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.highlighted_id())

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._choose(event.row_key.value)

    def _choose(self, document_id: str | None) -> None:
        if document_id is None:
            self.app.bell()  # nothing matches the filter: stay, so the researcher can edit it
        else:
            self.dismiss(document_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
