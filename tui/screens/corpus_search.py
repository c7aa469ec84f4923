"""Search every document at once: hits grouped by document, each with a line of context."""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static

from tui.screens._text import CleanInput, TableFromInput, editable, highlighted_row_key, table_cursor_bindings, visible
from tui.screens.modal import ModalBase
from tui.screens.passages import short_title

MAX_HITS = 200  # rows shown (a DataTable row costs about a millisecond to add); counting goes on past it
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
    listed: int = 0  # hits listed so far (at most the limit)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def search_texts(texts: Mapping[str, str], query: str, limit: int = MAX_HITS) -> SearchResult:
    """Case-insensitive literal search; offsets are code points into each text.

    re.IGNORECASE with an escaped pattern matches on the original text, so offsets stay exact
    (casefolding the text first would shift them: "ß" folds to "ss")."""
    result = SearchResult({}, {}, False)
    if query:
        pattern = re.compile(re.escape(query), re.IGNORECASE)
        for doc_id, text in texts.items():
            search_one(pattern, doc_id, text, result, limit)
    return result


def search_one(pattern: re.Pattern[str], doc_id: str, text: str, result: SearchResult,
               limit: int = MAX_HITS) -> list[Hit] | None:
    """Add one document's hits to `result` (listing them while fewer than `limit` are listed);
    the hits listed for it, or None when it has none."""
    found: list[Hit] = []
    count = 0
    for match in pattern.finditer(text):
        count += 1
        if count == 1:
            result.first[doc_id] = match.start()
        if result.listed < limit:
            found.append(Hit(doc_id, match.start(), match.end()))
            result.listed += 1
        else:
            result.capped = True
        if count >= MAX_COUNT:
            break
    if not count:
        return None
    result.counts[doc_id] = count
    result.hits[doc_id] = found
    return found


def context_line(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> Text:
    """The hit on one line with up to `width` characters either side, the hit itself highlighted."""
    lo, hi = max(0, start - width), min(len(text), end + width)
    before = ("…" if lo > 0 else "") + visible(text[lo:start])
    after = visible(text[end:hi]) + ("…" if hi < len(text) else "")
    return Text.assemble(before, (visible(text[start:end], 80), "bold reverse"), after)


# A source of (document id, text) in document order, opened in the searching thread: the reader
# streams texts from the database instead of holding a 40,000-article corpus in memory.
TextSource = Callable[[], AbstractContextManager[Iterable[tuple[str, str]]]]
UPDATE_SECONDS = 0.1  # how often a streaming search shows what it has found so far


class CorpusSearchScreen(TableFromInput, ModalBase[tuple[str, int] | None]):
    """Search all documents; dismisses with (document id, offset of the hit), or None.

    Given texts, it searches them at each keystroke. Given a `source` instead (the reader on a
    database), each keystroke starts a search in a thread that streams the texts and shows hits
    as it finds them, so a keystroke answers at once however large the corpus; a newer keystroke
    abandons the search before it.
    """

    CSS_PATH = "corpus_search.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="corpus_search.cancel"),
        # Only reached from the Input: the table handles its own arrows and Enter.
        *table_cursor_bindings("corpus_search", "hit"),
    ]

    def __init__(self, texts: Mapping[str, str] | None, titles: Mapping[str, str], initial: str = "",
                 source: TextSource | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.texts = texts
        self.source = source
        self.titles = dict(titles)
        self.document_count = len(texts) if texts is not None else len(self.titles)
        self.initial = initial
        self.targets: dict[str, tuple[str, int]] = {}  # row key -> (document id, offset)
        self.result = SearchResult({}, {}, False)
        self.status = Text()
        self.searching = False  # a streaming search is still reading
        self.read = 0  # documents the current search has read
        self._generation = 0  # which keystroke's search the shown rows belong to
        self._first_hit_row: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="corpus-search-box", classes="modal-box"):
            yield Static(Text(f"Search all {self.document_count} documents", style="bold"), classes="modal-title")
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
        self._generation += 1
        self.query_one(DataTable).clear()
        self.targets, self._first_hit_row = {}, None
        self.result, self.read = SearchResult({}, {}, False), 0
        if self.source is None or not query:
            result = search_texts(self.texts or {}, query)
            rows = [self._rows(doc_id, (self.texts or {})[doc_id], hits, result)
                    for doc_id, hits in result.hits.items() if hits]
            self.searching = False
            self._show(self._generation, query, result, rows, self.document_count)
            return
        self.searching = True
        self._show(self._generation, query, self.result, [], 0, done=False)
        self.run_worker(lambda generation=self._generation: self._stream(query, generation), thread=True,
                        group="corpus-search", exclusive=True, exit_on_error=False)

    def _rows(self, doc_id: str, text: str, hits: list[Hit], result: SearchResult) -> list[tuple[str, Text, Text]]:
        """The table rows of one document's hits: its heading, then a row per listed hit."""
        count = result.counts[doc_id]
        label = f"{count:,}{'+' if count >= MAX_COUNT else ''} hit{'s' if count != 1 else ''}"
        rows = [(f"doc:{doc_id}", Text(label, justify="right", style="dim"),
                 Text(short_title(self.titles, doc_id, TITLE_CHARS), style="bold"))]
        rows += [(f"hit:{doc_id}:{n}", Text(str(hit.start), justify="right"), context_line(text, hit.start, hit.end))
                 for n, hit in enumerate(hits)]
        return rows

    def _stream(self, query: str, generation: int) -> None:
        """In a worker thread: read every text once, handing found rows to the screen in batches."""
        assert self.source is not None
        pattern = re.compile(re.escape(query), re.IGNORECASE)
        result = SearchResult({}, {}, False)
        rows: list[list[tuple[str, Text, Text]]] = []
        read, shown_at, first_shown = 0, time.monotonic(), False
        with self.source() as texts:
            for doc_id, text in texts:
                if generation != self._generation:
                    return  # a newer keystroke: its own search is running
                read += 1
                hits = search_one(pattern, doc_id, text, result)
                if hits:  # past MAX_HITS a document is counted, not listed: no table of 40,000 rows
                    rows.append(self._rows(doc_id, text, hits, result))
                # The first hits are shown as soon as they are found, then every UPDATE_SECONDS.
                if (rows and first_shown is False) or time.monotonic() - shown_at >= UPDATE_SECONDS:
                    first_shown = first_shown or bool(rows)
                    self.app.call_from_thread(self._show, generation, query, _copy(result), rows, read, False)
                    rows, shown_at = [], time.monotonic()
        self.app.call_from_thread(self._show, generation, query, result, rows, read, True)

    def _show(self, generation: int, query: str, result: SearchResult, rows: list[list[tuple[str, Text, Text]]],
              read: int, done: bool = True) -> None:
        if generation != self._generation:
            return
        table = self.query_one(DataTable)
        for document_rows in rows:
            doc_key = document_rows[0][0]
            self.targets[doc_key] = (doc_key[4:], result.first[doc_key[4:]])
            for key, at, context in document_rows:
                if key.startswith("hit:"):
                    doc_id, _, n = key[4:].rpartition(":")
                    self.targets[key] = (doc_id, result.hits[doc_id][int(n)].start)
                    if self._first_hit_row is None:
                        self._first_hit_row = table.row_count
                table.add_row(at, context, key=key)
        self.result, self.read = result, read
        self.searching = self.source is not None and bool(query) and not done
        self._say(query)
        if self._first_hit_row is not None and table.cursor_row < self._first_hit_row:
            table.move_cursor(row=self._first_hit_row)

    def _say(self, query: str) -> None:
        result = self.result
        if not query:
            status = Text("Type to search every document")
        elif not result.counts:
            status = (Text(f"Searching… {self.read:,} of {self.document_count:,} documents read") if self.searching
                      else Text.assemble("No match for ", (visible(query, 60), "bold")))
        else:
            total = f"{result.total:,}{'+' if any(c >= MAX_COUNT for c in result.counts.values()) else ''}"
            status = Text(f"{total} hits in {len(result.counts):,} of {self.document_count:,} documents")
            if self.searching:
                status.append(f" so far · searching… {self.read:,} read", style="bold")
            if result.capped:
                status.append(f" · showing the first {MAX_HITS}", style="bold yellow")
        self.status = status
        self.query_one("#corpus-search-status", Static).update(status)

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
        self._generation += 1  # a search still reading stops at its next document
        self.dismiss(None)


def _copy(result: SearchResult) -> SearchResult:
    """A snapshot for the screen while the thread goes on adding to `result`."""
    return SearchResult({k: list(v) for k, v in result.hits.items()}, dict(result.counts), result.capped,
                        dict(result.first), result.listed)
