"""The entity manager's small dialogs: a new name, the entity to merge into."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static

from tui.screens._text import CleanInput, TableFromInput, editable, highlighted_row_key, table_cursor_bindings, visible
from tui.screens.entities import counted_spans
from tui.screens.modal import ModalBase

if TYPE_CHECKING:
    from store.entities import EntityCount

NAME_CHARS = 60


class EntityNameScreen(ModalBase[str | None]):
    """A new name for an entity, starting from its name; dismisses with the typed name or None."""

    CSS_PATH = "entity_dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="entity_name.cancel")]

    def __init__(self, name: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.old_name = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box entity-dialog"):
            yield Static(Text.assemble(("Rename ", "bold"), (visible(self.old_name, NAME_CHARS), "italic")),
                         classes="modal-title")
            yield CleanInput(editable(self.old_name), id="entity-name")
            yield Static(Text("enter rename · esc cancel"), classes="modal-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class MergeTargetScreen(TableFromInput, ModalBase[str | None]):
    """The entity to merge another into: the names most like its name first; typing filters.
    Dismisses with the chosen entity's id, or None."""

    CSS_PATH = "entity_dialogs.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="merge_target.cancel"),
        *table_cursor_bindings("merge_target", "entity"),
    ]

    def __init__(self, source: EntityCount, others: Iterable[EntityCount], score: Callable[[str, str], float],
                 offer_score: float, **kwargs) -> None:
        super().__init__(**kwargs)
        self.source = source
        self.others = [counted for counted in others if counted.entity.id != source.entity.id]
        self.score = score
        self.offer_score = offer_score
        self.rows: list[str] = []  # entity ids shown, in order

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box entity-dialog entity-merge"):
            yield Static(Text.assemble(("Merge ", "bold"), (visible(self.source.entity.name, NAME_CHARS), "italic"),
                                       (f" ({counted_spans(self.source)}) into…", "bold")), classes="modal-title")
            yield CleanInput(id="merge-filter", placeholder="type to filter")
            yield DataTable(id="merge-table", cursor_type="row", zebra_stripes=True, show_header=False)
            yield Static(Text("enter merge into the highlighted entity (its name stays) · ↑↓ move · esc cancel"),
                         classes="modal-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("entity"), key="entity")
        table.add_column(Text("spans", justify="right"), key="spans")
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, typed: str) -> None:
        wanted = " ".join(typed.split())
        against = wanted or self.source.entity.name
        scored = sorted(((self.score(against, c.entity.name), c) for c in self.others),
                        key=lambda pair: (-pair[0], -pair[1].spans, pair[1].entity.name.casefold(), pair[1].entity.id))
        if wanted:
            scored = [(value, c) for value, c in scored
                      if value >= self.offer_score or wanted.casefold() in c.entity.name.casefold()]
        table = self.query_one(DataTable)
        table.clear()
        self.rows = []
        for _, counted in scored:
            table.add_row(Text(visible(counted.entity.name, NAME_CHARS)),
                          Text(counted_spans(counted), justify="right", style="dim"), key=counted.entity.id)
            self.rows.append(counted.entity.id)
        if self.rows:
            table.move_cursor(row=0)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(highlighted_row_key(self.query_one(DataTable)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._choose(event.row_key.value)

    def _choose(self, entity_id: str | None) -> None:
        if entity_id is None:
            self.app.bell()  # no other entity matches
        else:
            self.dismiss(entity_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
