"""The entity manager (ctrl+e, or ctrl+e in the E picker): every entity with its spans and documents;
rename, merge into another, delete. Each change is saved by the reader's controller as one undo step."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from tui.screens._text import highlighted_row_key, visible
from tui.screens.modal import ModalBase

if TYPE_CHECKING:
    from store.entities import EntityCount

NAME_CHARS = 60


def plural(count: int, noun: str, nouns: str = "") -> str:
    """"1 span", "2 spans"."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"
# What the manager was told after a change: the message, and whether it is an error.
Done = Callable[[str, bool], None]


def counted_spans(entity: EntityCount) -> str:
    return plural(entity.spans, "span")


def _documents(count: int) -> str:
    return plural(count, "document")


class EntityEdits(Protocol):
    """What the manager asks of the reader (tui/entity_management.py): the list, and the three changes."""

    score: Callable[[str, str], float]
    offer_score: float

    def listing(self) -> list[EntityCount]: ...

    def rename(self, entity_id: str, name: str, done: Done) -> None: ...

    def merge(self, source_id: str, target_id: str, done: Done) -> None: ...

    def delete(self, entity_id: str, done: Done) -> None: ...


class EntitiesScreen(ModalBase[None]):
    """Entities, most spans first; r/enter rename, m merge into another, d delete (asks when spans name it)."""

    CSS_PATH = "entities.tcss"
    BINDINGS = [
        Binding("escape,q", "close", "Close", id="entity_list.close"),
        Binding("r", "rename", "Rename", id="entity_list.rename"),
        Binding("m", "merge", "Merge into another", id="entity_list.merge"),
        Binding("d,delete", "delete", "Delete", id="entity_list.delete"),
    ]

    def __init__(self, edits: EntityEdits, **kwargs) -> None:
        super().__init__(**kwargs)
        self.edits = edits
        self.entities: list[EntityCount] = []
        self.message = Text()  # what the last change did (or why it was refused)

    def compose(self) -> ComposeResult:
        with Vertical(id="entity-list-box", classes="modal-box"):
            yield Static(Text("Entities", style="bold"), classes="modal-title")
            yield Static(id="entity-list-status")
            yield DataTable(id="entity-list-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="entity-list-message")
            yield Static(Text("r / enter rename · m merge into another · d delete · esc close (then u undoes)"),
                         classes="modal-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("entity"), key="entity")
        table.add_column(Text("spans", justify="right"), key="spans")
        table.add_column(Text("documents", justify="right"), key="documents")
        self.refill()
        table.focus()

    def refill(self, message: str = "", error: bool = False) -> None:
        """List the entities as the store has them now, the cursor kept on the same entity (or row)."""
        table = self.query_one(DataTable)
        current, row = highlighted_row_key(table), table.cursor_row
        self.entities = self.edits.listing()
        table.clear()
        for counted in self.entities:
            table.add_row(Text(visible(counted.entity.name, NAME_CHARS)),
                          Text(str(counted.spans), justify="right"), Text(str(counted.documents), justify="right"),
                          key=counted.entity.id)
        ids = [counted.entity.id for counted in self.entities]
        if ids:
            table.move_cursor(row=ids.index(current) if current in ids else min(row, len(ids) - 1))
        spans = sum(counted.spans for counted in self.entities)
        status = (f"{plural(len(ids), 'entity', 'entities')} naming {plural(spans, 'span')}" if ids else
                  "No entities yet: E on an actor span names one")
        self.query_one("#entity-list-status", Static).update(Text(status))
        self.message = Text(message, style="bold red" if error else "bold")
        self.query_one("#entity-list-message", Static).update(self.message)
        table.display = bool(ids)

    def highlighted(self) -> EntityCount | None:
        key = highlighted_row_key(self.query_one(DataTable))
        return next((counted for counted in self.entities if counted.entity.id == key), None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_rename()

    def action_rename(self) -> None:
        from tui.screens.entity_dialogs import EntityNameScreen

        counted = self.highlighted()
        if counted is None:
            self.app.bell()
            return

        def named(name: str | None) -> None:
            if name is None:
                return
            wanted = " ".join(name.split())
            other = next((c for c in self.entities if c.entity.id != counted.entity.id
                          and c.entity.name.casefold() == wanted.casefold()), None)
            if other is None:
                self.edits.rename(counted.entity.id, name, self.refill)
            else:
                self._offer_merge(counted, other)

        self.app.push_screen(EntityNameScreen(counted.entity.name), named)

    def _offer_merge(self, counted: EntityCount, other: EntityCount) -> None:
        """A rename to another entity's name: two entities would share it, so merging is offered."""
        from tui.screens.confirm import ConfirmScreen

        question = f"Merge {counted.entity.name} into {other.entity.name}?"
        lines = [f"Another entity is named {other.entity.name} ({counted_spans(other)}): two cannot share a name.",
                 f"Merging moves the {counted_spans(counted)} of {counted.entity.name} to it; "
                 f"{counted.entity.name} goes."]

        def answered(yes: bool | None) -> None:
            if yes:
                self.edits.merge(counted.entity.id, other.entity.id, self.refill)
            else:
                self.refill("Not renamed: two entities cannot share one name", True)

        self.app.push_screen(ConfirmScreen(question, lines, "y merge · n / esc keep both as they are"), answered)

    def action_merge(self) -> None:
        from tui.screens.entity_dialogs import MergeTargetScreen

        counted = self.highlighted()
        if counted is None or len(self.entities) < 2:
            self.refill("Merging needs two entities", True) if counted is not None else self.app.bell()
            return

        def chosen(target_id: str | None) -> None:
            if target_id is not None:
                self.edits.merge(counted.entity.id, target_id, self.refill)

        self.app.push_screen(MergeTargetScreen(counted, self.entities, self.edits.score, self.edits.offer_score),
                             chosen)

    def action_delete(self) -> None:
        from tui.screens.confirm import ConfirmScreen

        counted = self.highlighted()
        if counted is None:
            self.app.bell()
            return
        if counted.spans == 0:
            self.edits.delete(counted.entity.id, self.refill)
            return
        question = f"Delete the entity {counted.entity.name}?"
        one = counted.spans == 1
        stay = "stays, naming no entity (coverage groups it by its" if one else \
            "stay, naming no entity (coverage groups them by their"
        lines = [f"Its {counted_spans(counted)} in {_documents(counted.documents)} {stay} text again)."]

        def answered(yes: bool | None) -> None:
            if yes:
                self.edits.delete(counted.entity.id, self.refill)

        self.app.push_screen(ConfirmScreen(question, lines, "y delete · n / esc keep it"), answered)

    def action_close(self) -> None:
        self.dismiss(None)
