"""Search every document at once: hits grouped by document, each with a line of context."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from tui.screens._text import CleanInput, TableFromInput, editable, highlighted_row_key, table_cursor_bindings, visible
from tui.screens.passages import short_title

MAX_HITS = 500  # rows shown; counting goes on past it
MAX_COUNT = 10_000  # per document: a one-letter query on a large corpus stops counting here
CONTEXT_CHARS = 32
TITLE_CHARS = 60


@dataclass(frozen=True)
class Hit:
    document_id: str
    start: int
    end: int


@dataclass
class SearchResult:
    """Hits per document (in document order), capped at MAX_HITS overall, and the true counts."""

    hits: dict[str, list[Hit]]
    counts: dict[str, int]  # per document, up to MAX_COUNT
    capped: bool  # some hits are not listed
    first: dict[str, int] = field(default_factory=dict)  # per document, where its first hit starts

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def search_texts(texts: Mapping[str, str], query: str, limit: int = MAX_HITS) -> SearchResult:
    """Case-insensitive literal search; offsets are code points into each text.

    re.IGNORECASE with an escaped pattern matches on the original text, so offsets stay exact
    (casefolding the text first would shift them: "ß" folds to "ss")."""
    hits: dict[str, list[Hit]] = {}
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    capped = False
    if not query:
        return SearchResult(hits, counts, capped, first)
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    shown = 0
    for doc_id, text in texts.items():
        found: list[Hit] = []
        count = 0
        for match in pattern.finditer(text):
            count += 1
            if count == 1:
                first[doc_id] = match.start()
            if shown < limit:
                found.append(Hit(doc_id, match.start(), match.end()))
                shown += 1
            else:
                capped = True
            if count >= MAX_COUNT:
                break
        if count:
            counts[doc_id] = count
            hits[doc_id] = found
    return SearchResult(hits, counts, capped, first)


def context_line(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> Text:
    """The hit on one line with up to `width` characters either side, the hit itself highlighted."""
    lo, hi = max(0, start - width), min(len(text), end + width)
    before = ("…" if lo > 0 else "") + visible(text[lo:start])
    after = visible(text[end:hi]) + ("…" if hi < len(text) else "")
    return Text.assemble(before, (visible(text[start:end], 80), "bold reverse"), after)


class CorpusSearchScreen(TableFromInput, ModalScreen[tuple[str, int] | None]):
    """Search all documents; dismisses with (document id, offset of the hit), or None."""

    CSS_PATH = "corpus_search.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="corpus_search.cancel"),
        # Only reached from the Input: the table handles its own arrows and Enter.
        *table_cursor_bindings("corpus_search", "hit"),
    ]

    def __init__(self, texts: Mapping[str, str], titles: Mapping[str, str], initial: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.texts = texts
        self.titles = dict(titles)
        self.initial = initial
        self.targets: dict[str, tuple[str, int]] = {}  # row key -> (document id, offset)
        self.result = SearchResult({}, {}, False)
        self.status = Text()

    def compose(self) -> ComposeResult:
        with Vertical(id="corpus-search-box", classes="modal-box"):
            yield Static(Text(f"Search all {len(self.texts)} documents", style="bold"), classes="modal-title")
            yield CleanInput(editable(self.initial), placeholder="Text to find (any case)",
                             id="corpus-search-input", select_on_focus=True)
            yield Static(id="corpus-search-status")
            yield DataTable(id="corpus-search-table", cursor_type="row", show_header=False)
            yield Static(Text("enter go to hit · ↑↓ move · tab switch focus · esc cancel"), classes="modal-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("at", justify="right"), key="at")
        table.add_column(Text("context"), key="context")
        self.query_one(Input).focus()
        self._fill(self.query_one(Input).value)

    def _fill(self, query: str) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self.targets = {}
        self.result = result = search_texts(self.texts, query)
        first_hit_row = None
        for doc_id, hits in result.hits.items():
            count = result.counts[doc_id]
            label = f"{count:,}{'+' if count >= MAX_COUNT else ''} hit{'s' if count != 1 else ''}"
            key = f"doc:{doc_id}"
            table.add_row(Text(label, justify="right", style="dim"),
                          Text(short_title(self.titles, doc_id, TITLE_CHARS), style="bold"), key=key)
            self.targets[key] = (doc_id, result.first[doc_id])
            text = self.texts[doc_id]
            for n, hit in enumerate(hits):
                key = f"hit:{doc_id}:{n}"
                self.targets[key] = (doc_id, hit.start)
                if first_hit_row is None:
                    first_hit_row = table.row_count
                table.add_row(Text(str(hit.start), justify="right"), context_line(text, hit.start, hit.end), key=key)
        if not query:
            status = Text("Type to search every document")
        elif not result.counts:
            status = Text.assemble("No match for ", (visible(query, 60), "bold"))
        else:
            total = f"{result.total:,}{'+' if any(c >= MAX_COUNT for c in result.counts.values()) else ''}"
            status = Text(f"{total} hits in {len(result.counts)} of {len(self.texts)} documents")
            if result.capped:
                status.append(f" · showing the first {MAX_HITS}", style="bold yellow")
        self.status = status
        self.query_one("#corpus-search-status", Static).update(status)
        if first_hit_row is not None:
            table.move_cursor(row=first_hit_row)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def highlighted_key(self) -> str | None:
        return highlighted_row_key(self.query_one(DataTable))

    def _choose(self, key: str | None) -> None:
        target = self.targets.get(key) if key is not None else None
        if target is None:
            self.app.bell()  # no hit: stay, so the query can be edited
        else:
            self.dismiss(target)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.highlighted_key())

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._choose(event.row_key.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
