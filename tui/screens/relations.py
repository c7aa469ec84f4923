"""The relations of one document (key R): delete one with d, jump to its source with Enter."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from tui.screens._text import visible
from tui.screens.modal import ModalBase

if TYPE_CHECKING:
    from store.relations import RelationInfo

TEXT_CHARS = 40


class RelationsScreen(ModalBase[str | None]):
    """A document's relations, by where their sources start; dismisses with a source's id, or None.

    `delete(info, done)` deletes one through the reader (which saves it, then calls `done`).
    """

    CSS_PATH = "relations.tcss"
    BINDINGS = [
        Binding("escape,q", "cancel", "Close", id="relations.close"),
        Binding("d,delete", "delete", "Delete", id="relations.delete"),
    ]

    def __init__(self, relations: Iterable[RelationInfo], document_title: str | None,
                 delete: Callable[[RelationInfo, Callable[[], None]], None], **kwargs) -> None:
        super().__init__(**kwargs)
        self.relations = {info.relation.id: info for info in relations}
        self.document_title = document_title
        self.delete_relation = delete
        self.status = Text()

    def compose(self) -> ComposeResult:
        with Vertical(id="relations-box", classes="modal-box"):
            title = Text.assemble(("Relations: ", "bold"), visible(self.document_title, 70))
            yield Static(title, classes="modal-title")
            yield Static(id="relations-status")
            yield DataTable(id="relations-table", cursor_type="row", zebra_stripes=True)
            yield Static(Text("enter go to the source · d delete (u undoes in the reader) · esc close"),
                         classes="modal-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in ("source", "type", "target", "annotator"):
            table.add_column(Text(name), key=name)
        for info in self.relations.values():
            table.add_row(*self._row(info), key=info.relation.id)
        self._show_status()
        table.focus()

    def _row(self, info: RelationInfo) -> list[Text]:
        return [Text.assemble((visible(info.source.tag, 12), "dim"), " ", visible(info.source.text, TEXT_CHARS)),
                Text(visible(info.relation.type, 20), style="bold"),
                Text.assemble((visible(info.target.tag, 12), "dim"), " ", visible(info.target.text, TEXT_CHARS)),
                Text(visible(info.relation.annotator or "", 16))]

    def _show_status(self) -> None:
        count = len(self.relations)
        self.status = Text(f"{count} relation{'' if count == 1 else 's'}" if count else
                           "No relations in this document yet: r on a quote starts one")
        self.query_one("#relations-status", Static).update(self.status)
        self.query_one(DataTable).display = count > 0

    def action_delete(self) -> None:
        table = self.query_one(DataTable)
        if not self.relations or table.cursor_row < 0:
            return
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        info = self.relations.get(str(row_key.value))
        if info is None:
            return

        def done() -> None:
            self.relations.pop(info.relation.id, None)
            table.remove_row(row_key)
            self._show_status()

        self.delete_relation(info, done)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        info = self.relations.get(str(event.row_key.value))
        self.dismiss(info.relation.source_id if info is not None else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
