"""The entity picker (key E): link an actor span to an entity already named, or name a new one."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static

from tui.screens._text import (
    CleanInput,
    TableFromInput,
    editable,
    highlighted_row_key,
    table_cursor_bindings,
    visible,
)
from tui.screens.modal import ModalBase

if TYPE_CHECKING:
    from store.entities import EntityCount

NAME_CHARS = 60
NEW = "new"  # row keys: "new", "unlink" or "entity:<id>"
UNLINK = "unlink"


class EntityChoice(NamedTuple):
    """What the picker chose: link to `entity_id`, make a new entity `name`, or unlink."""

    kind: str  # "link" | "new" | "unlink" | "manage" (open the entity manager instead)
    entity_id: str | None = None
    name: str = ""


class EntityPickerScreen(TableFromInput, ModalBase[EntityChoice | None]):
    """Entities best matching the typed name first, then a new entity of that name; Enter chooses
    the highlighted row. Typing filters the entities (all are listed while the span's own text is
    in the box, so "the ambassador" can be linked to a name it does not resemble)."""

    CSS_PATH = "entity_picker.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="entities.cancel"),
        # priority: the name box's own ctrl+e (end of line) would take it; the end key still does that
        Binding("ctrl+e", "manage", "Manage entities", id="entities.manage", priority=True),
        *table_cursor_bindings("entities", "entity"),
    ]

    def __init__(self, span_text: str, tag: str, entities: Iterable[EntityCount],
                 score: Callable[[str, str], float], offer_score: float, current: str | None = None,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.span_text = " ".join(span_text.split())
        self.tag = tag
        self.entities = list(entities)
        self.score = score
        self.offer_score = offer_score
        self.current = current  # the id of the entity the span names now
        self.rows: list[str] = []  # the row keys shown, in order

    def compose(self) -> ComposeResult:
        with Vertical(id="entities-box", classes="modal-box"):
            title = Text.assemble(("Entity of the ", "bold"), (visible(self.tag, 20), "bold"), ("  ", ""),
                                  (visible(self.span_text, NAME_CHARS), "italic"))
            yield Static(title, classes="modal-title")
            yield CleanInput(editable(self.span_text), id="entities-name", select_on_focus=False)
            yield Static(id="entities-status")
            yield DataTable(id="entities-table", cursor_type="row", zebra_stripes=True, show_header=False)
            yield Static(Text("enter link · type to filter or name a new entity · ↑↓ move · ctrl+e manage entities"
                              " · esc cancel"),
                         classes="modal-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("entity"), key="entity")
        table.add_column(Text("spans", justify="right"), key="spans")
        self._fill(self.span_text)
        self.query_one(Input).focus()

    def _fill(self, typed: str) -> None:
        name = " ".join(typed.split())
        scored = sorted(((self.score(name, c.entity.name) if name else 0.0, c) for c in self.entities),
                        key=lambda pair: (-pair[0], -pair[1].spans, pair[1].entity.name.casefold()))
        offered = bool(name)
        offers = [counted for value, counted in scored if offered and value >= self.offer_score]
        # The span's own text (or nothing) lists every entity; a typed name lists its matches.
        rest = ([counted for value, counted in scored if not (offered and value >= self.offer_score)]
                if name in ("", self.span_text) else [])
        exists = any(counted.entity.name.casefold() == name.casefold() for counted in self.entities)
        table = self.query_one(DataTable)
        table.clear()
        self.rows = []

        def add(key: str, label: Text, spans: str = "") -> None:
            table.add_row(label, Text(spans, justify="right", style="dim"), key=key)
            self.rows.append(key)

        for counted in [*offers, *([] if name and not exists else rest)]:
            add(f"entity:{counted.entity.id}", self._label(counted), f"{counted.spans} spans")
        if name and not exists:
            add(NEW, Text.assemble(("+ new entity ", "bold green"), visible(name, NAME_CHARS)))
            for counted in rest:
                add(f"entity:{counted.entity.id}", self._label(counted), f"{counted.spans} spans")
        if self.current is not None:
            add(UNLINK, Text("✕ no entity (unlink this span)", style="bold red"))
        status = (f"{len(offers)} of {len(self.entities)} entities match" if name
                  else f"{len(self.entities)} entities")
        self.query_one("#entities-status", Static).update(Text(status, style="dim"))
        if self.rows:
            table.move_cursor(row=0)

    def _label(self, counted: EntityCount) -> Text:
        label = Text(visible(counted.entity.name, NAME_CHARS))
        if counted.entity.id == self.current:
            label.append("  (linked now)", style="bold")
        return label

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(highlighted_row_key(self.query_one(DataTable)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._choose(event.row_key.value)

    def _choose(self, key: str | None) -> None:
        if key is None:
            self.app.bell()  # nothing typed and no entity yet: stay
        elif key == NEW:
            self.dismiss(EntityChoice("new", name=" ".join(self.query_one(Input).value.split())))
        elif key == UNLINK:
            self.dismiss(EntityChoice("unlink"))
        else:
            self.dismiss(EntityChoice("link", entity_id=key.removeprefix("entity:")))

    def action_manage(self) -> None:
        self.dismiss(EntityChoice("manage"))

    def action_cancel(self) -> None:
        self.dismiss(None)
