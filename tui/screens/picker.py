"""The document picker: filter documents by title, id or source and open one."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static

from store.catalogue import Catalogue, ListCatalogue
from tui.screens._text import (
    CleanInput,
    TableFromInput,
    colour_style,
    highlighted_row_key,
    table_cursor_bindings,
    visible,
)
from tui.screens.modal import ModalBase

if TYPE_CHECKING:
    from store.progress import ProgressCount
    from store.records import DocumentInfo

TITLE_CHARS = 50
SOURCE_CHARS = 24
MAX_ROWS = 100  # rows in the table, about a millisecond each to add: typing narrows the rest
# A status's word in the filter, `status:` and a prefix of one of these (spaces, - and _ ignored).
STATUS_WORDS = {"todo": "todo", "inprogress": "in_progress", "done": "done"}
STATUS_MARKS = {"todo": Text("to do", style="dim"), "in_progress": Text("in progress", style="bold yellow"),
                "done": Text("done ✓", style="bold green")}


def status_filter(words: list[str]) -> tuple[list[str], set[str] | None]:
    """The filter's other words, and the statuses its `status:` words ask for (None: any)."""
    rest: list[str] = []
    wanted: set[str] | None = None
    for word in words:
        if not word.startswith("status:"):
            rest.append(word)
            continue
        prefix = word[len("status:"):].replace("-", "").replace("_", "")
        chosen = {status for name, status in STATUS_WORDS.items() if name.startswith(prefix)}
        wanted = chosen if wanted is None else wanted & chosen
    return rest, wanted


def shown_window(ids: list[str], keep: str | None, limit: int = MAX_ROWS) -> list[str]:
    """The first `limit` of `ids`, or, when `keep` matches further down, `limit` ids around it."""
    if len(ids) <= limit or keep is None or keep in ids[:limit]:
        return ids[:limit]
    try:
        at = ids.index(keep)
    except ValueError:
        return ids[:limit]
    start = max(0, min(at - limit // 2, len(ids) - limit))
    return ids[start:start + limit]


class PickerScreen(TableFromInput, ModalBase[str | None]):
    """Document list; dismisses with the chosen document id, or None."""

    CSS_PATH = "picker.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        # Only reached from the Input: the table handles its own arrows and Enter.
        *table_cursor_bindings("picker", "document"),
    ]

    def __init__(self, documents: Iterable[Any] | Catalogue, tags: Iterable[Any], current_id: str | None = None,
                 overlap: Mapping[str, float] | None = None, *, statuses: Mapping[str, str] | None = None,
                 progress: ProgressCount | None = None, **kwargs) -> None:
        """`documents`: DocumentInfo-like objects, or a store.catalogue.Catalogue (titles only,
        details read for the shown rows). `overlap` maps document id to the share of its text
        found elsewhere (0..1); only the shown rows are looked up. `statuses`: the annotator's
        status of each document they marked (the others are to do), shown in a column and
        filtered by `status:` words; `progress`: their counts, shown at the top."""
        super().__init__(**kwargs)
        self.catalogue = documents if isinstance(documents, Catalogue) else ListCatalogue(documents)
        self.tags = list(tags)
        self.current_id = current_id
        self.overlap = overlap
        self.statuses = statuses
        self.progress = progress
        self.matches: list[str] = []  # ids matching the filter, in import order (more than are shown)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box", classes="modal-box"):
            yield Static(Text("Open document", style="bold"), classes="modal-title")
            if self.progress is not None:
                yield Static(self._progress_line(self.progress), id="picker-progress")
            placeholder = "Filter by title, id or source" + (" · status:todo / status:in / status:done"
                                                             if self.statuses is not None else "")
            yield CleanInput(placeholder=placeholder, id="picker-filter")
            yield Static(id="picker-status")
            yield DataTable(id="picker-table", cursor_type="row", zebra_stripes=True)
            yield Static(Text("enter open · esc cancel · ↑↓ move · tab switch focus"), classes="modal-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # Labels as Text: a str label would be parsed as markup, and tag names are user data.
        table.add_column(Text("title"), key="title")
        if self.statuses is not None:
            table.add_column(Text("status"), key="status")
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
            *([STATUS_MARKS[self.statuses.get(doc.id, "todo")].copy()] if self.statuses is not None else []),
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
        words, wanted = status_filter(query.casefold().split())
        self.matches = self.catalogue.find(words)
        if wanted is not None and self.statuses is not None:
            statuses = self.statuses
            self.matches = [doc_id for doc_id in self.matches if statuses.get(doc_id, "todo") in wanted]
        shown = self.catalogue.details(shown_window(self.matches, keep))
        table.clear()
        for doc in shown:
            table.add_row(*self._cells(doc), key=doc.id)
        found = len(self.matches)
        filtered = bool(query.split())
        status = Text(f"{found:,} of {len(self.catalogue):,} documents" if filtered else f"{found:,} documents")
        if len(shown) < found:
            status.append(f" · showing {len(shown):,}: type to narrow", style="bold yellow")
        self.query_one("#picker-status", Static).update(status)
        if keep is not None and any(doc.id == keep for doc in shown):
            table.move_cursor(row=table.get_row_index(keep), scroll=True)

    @staticmethod
    def _progress_line(counts: ProgressCount) -> Text:
        line = Text.assemble(("Your progress", "bold"), f" ({visible(counts.annotator, 30)}): ",
                             (f"{counts.done:,}/{counts.documents:,} done", "bold green"),
                             f" · {counts.in_progress:,} in progress · {counts.todo:,} to do")
        return line

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
