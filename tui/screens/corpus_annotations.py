"""Every annotation in the corpus: type to filter by text, `tag:` and `by:`; Enter opens the span.

The table holds only the pages read so far (store/corpus_annotations.py pages by key from SQL):
moving near its end reads the next page, so a million annotations cost what two hundred do. The
queries run in worker threads on a connection of their own; a newer keystroke cancels the older
query inside SQLite (its progress handler), so typing never waits for a scan.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static

from store.corpus_annotations import PAGE_ROWS, Cancelled, CorpusAnnotations, Filter, Row, parse_filter
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
    from store.records import Tag

TITLE_CHARS = 36
ANNOTATOR_CHARS = 16
TEXT_CHARS = 70
MORE_WHEN_WITHIN = 20  # rows from the end of what is loaded at which the next page is read
HINT = "words: in the text · tag:NAME · by:ANNOTATOR"


class FilterInput(CleanInput):
    """The filter, which keeps its focus across a frame in which Textual's re-layout hides it.

    Seen in this screen only, and not every time: a reflow leaves the box out for a frame, Textual
    blurs the hidden input and hands focus to the table, and ctrl+k or backspace then edited
    nothing. Typed characters that reach the table meanwhile are passed back (Screen.on_key).
    """

    refocus = False

    def _on_hide(self, event: events.Hide) -> None:
        self.refocus = self.has_focus
        super()._on_hide(event)

    def _on_show(self, event: events.Show) -> None:
        super()._on_show(event)
        if self.refocus:
            self.refocus = False
            self.focus()


class CorpusAnnotationsScreen(TableFromInput, ModalBase[tuple[str, int] | None]):
    """All annotations of all documents; dismisses with (document id, span start), or None."""

    CSS_PATH = "corpus_annotations.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Close", id="all_annotations.close"),
        *table_cursor_bindings("all_annotations", "annotation"),
    ]

    def __init__(self, source: CorpusAnnotations, tags: Iterable[Tag], total: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source = source
        self.tags = list(tags)
        self.tag_styles = {tag.name: colour_style(getattr(tag, "colour", None), bold=True) for tag in self.tags}
        self.total = total  # every annotation in the store
        self.filter = Filter()
        self.targets: dict[str, tuple[str, int]] = {}  # row key (annotation id) -> (document id, start)
        self.last: Row | None = None  # the last row loaded: the next page starts after it
        self.exhausted = False  # every matching row is in the table
        self.loading = False
        self.matched: int | None = None  # how many match, once counted
        self.status = Text()
        self._generation = 0  # which filter the rows being read belong to

    def compose(self) -> ComposeResult:
        with Vertical(id="all-annotations-box", classes="modal-box"):
            yield Static(Text("Annotations in every document", style="bold"), classes="modal-title")
            yield FilterInput(placeholder=f"Filter: {HINT}", id="all-annotations-filter", select_on_focus=False)
            yield Static(id="all-annotations-status")
            yield DataTable(id="all-annotations-table", cursor_type="row", zebra_stripes=True)
            yield Static(Text(f"enter go to span · ↑↓ move · tab switch focus · esc close · {HINT}"),
                         classes="modal-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in ("document", "tag", "annotator", "text"):
            table.add_column(Text(name), key=name)
        self.query_one(Input).focus()
        self._refilter("")

    # --- reading pages ----------------------------------------------------------------------------
    def _refilter(self, typed: str) -> None:
        self._generation += 1
        self.filter = parse_filter(typed, [tag.name for tag in self.tags])
        self.query_one(DataTable).clear()
        self.targets, self.last, self.exhausted, self.loading = {}, None, False, False
        self.matched = self.total if self.filter.empty() else None
        self._say()
        self._read_page(count=self.matched is None)

    def _read_page(self, count: bool = False) -> None:
        if self.exhausted or self.loading:
            return
        self.loading = True
        generation, chosen, after = self._generation, self.filter, self.last

        def cancelled() -> bool:
            return generation != self._generation

        def work() -> None:
            try:
                rows = self.source.page(chosen, after, PAGE_ROWS, cancelled)
                self._hand_over(self._add_rows, generation, rows)
                if count and len(rows) == PAGE_ROWS:  # a short first page is every match: counted
                    self._hand_over(self._counted, generation, self.source.count(chosen, cancelled))
            except Cancelled:
                pass

        if self.source.threaded:
            self.run_worker(work, thread=True, group="all-annotations", exit_on_error=False)
        else:
            work()

    def _hand_over(self, then: Callable[[int, Any], None], generation: int, value: Any) -> None:
        if self.source.threaded:
            self.app.call_from_thread(then, generation, value)
        else:
            then(generation, value)

    def _add_rows(self, generation: int, rows: list[Row]) -> None:
        if generation != self._generation:
            return
        table = self.query_one(DataTable)
        for row in rows:
            if row.id in self.targets:  # cannot happen with keyed pages; a duplicate key would raise
                continue
            self.targets[row.id] = (row.document_id, row.start)
            table.add_row(*self._cells(row), key=row.id)
        self.loading = False
        self.exhausted = len(rows) < PAGE_ROWS
        if rows:
            self.last = rows[-1]
        if self.exhausted and self.matched is None:
            self.matched = len(self.targets)
        self._say()
        if not self.exhausted and table.row_count and table.cursor_row >= table.row_count - MORE_WHEN_WITHIN:
            self._read_page()

    def _counted(self, generation: int, matched: int) -> None:
        if generation == self._generation:
            self.matched = matched
            self._say()

    def _cells(self, row: Row) -> list[Text]:
        return [
            Text(visible(row.title or row.document_id, TITLE_CHARS), style="dim"),
            Text(visible(row.tag, 16), style=self.tag_styles.get(row.tag, "")),
            Text(visible(row.annotator or "", ANNOTATOR_CHARS)),
            Text(visible(row.text, TEXT_CHARS)),
        ]

    def _say(self) -> None:
        loaded = len(self.targets)
        chosen = self.filter
        if chosen.tags == ():
            status = Text("No tag's name starts with what follows tag:", style="bold yellow")
        elif self.total == 0:
            status = Text("No annotations yet: tag spans in the reader and they are listed here")
        elif chosen.empty():
            status = Text(f"All {self.total:,} annotations")
        elif self.matched is None:
            status = Text(f"Counting matches of {self.total:,} annotations…")
        elif self.matched == 0:
            status = Text(f"No annotation of {self.total:,} matches")
        else:
            status = Text(f"{self.matched:,} of {self.total:,} annotations match")
        if loaded and not self.exhausted:
            status.append(f" · showing the first {loaded:,}: move down for more", style="dim")
        if self.loading and not loaded:
            status.append(" · reading…", style="dim")
        self.status = status
        self.query_one("#all-annotations-status", Static).update(status)

    # --- keys ---------------------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        self._refilter(event.value)

    def on_key(self, event: events.Key) -> None:
        """A character typed in the table goes on the filter: typing always filters."""
        field = self.query_one(Input)
        if self.focused is self.query_one(DataTable) and event.is_printable and event.character:
            event.stop()
            field.focus()
            field.insert_text_at_cursor(event.character)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = self.query_one(DataTable)
        if event.cursor_row >= table.row_count - MORE_WHEN_WITHIN:
            self._read_page()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(highlighted_row_key(self.query_one(DataTable)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._choose(event.row_key.value)

    def _choose(self, key: str | None) -> None:
        target = self.targets.get(key) if key is not None else None
        if target is None:
            self.app.bell()  # nothing matches: stay, so the filter can be edited
        else:
            self._close(target)

    def action_cancel(self) -> None:
        self._close(None)

    def _close(self, result: tuple[str, int] | None) -> None:
        self._generation += 1  # a query still running stops at SQLite's next look at the flag
        self.dismiss(result)

    def on_unmount(self) -> None:
        self._generation += 1
        self.source.close()
