"""Views across the corpus: the document picker, shared passages, variants, coverage, search, overlap."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.records import Tag
    from store.store import Store
    from tui.comparing import ComparingController
    from tui.progress import ProgressController
    from tui.reading import Say, Show, Views
    from tui.widgets.article_view import ArticleView


class CorpusViews:
    """The list screens that look at every document at once; Enter in one goes to a place in the panes."""

    def __init__(self, store: Store, comparing: ComparingController, tags: Callable[[], list[Tag]],
                 search_query: Callable[[], str], views: Views, say: Say, show: Show,
                 show_at: Callable[[str, int | None], ArticleView | None],
                 open_in_focused: Callable[[str], None], progress: ProgressController | None = None) -> None:
        self.store = store
        self.comparing = comparing  # the shared passages, their marks and the overlap index
        self.tags = tags
        self.search_query = search_query  # F starts from the query of /
        self.views = views
        self.say = say
        self.show = show
        self.show_at = show_at  # a place chosen in a list: in the pane showing it, if one does
        self.open_in_focused = open_in_focused  # a document chosen in the picker: where it was left
        self._titles_cache: tuple[int, dict[str, str]] | None = None
        self.progress = progress  # the annotator's status of each document, for the picker

    def picker(self) -> None:
        from store.catalogue import Catalogue
        from store.overlaps import LazyShares
        from tui.screens.picker import PickerScreen

        view = self.views.focused_view
        current = view.document.id if view and view.document else None

        def chosen(doc_id: str | None) -> None:
            if doc_id:
                self.open_in_focused(doc_id)

        # Titles only: lengths, tag counts and shares are read for the rows the picker shows.
        tags = self.tags()
        catalogue = Catalogue(self.store.conn, [tag.name for tag in tags])
        overlap = LazyShares(self.comparing.overlap_index(), self.store.conn, (doc for doc, _ in catalogue.haystacks),
                             self.comparing.lengths)
        progress = self.progress
        statuses = progress.statuses() if progress is not None else None
        counts = progress.counts() if progress is not None else None
        self.show(PickerScreen(catalogue, tags, current, overlap, statuses=statuses, progress=counts), chosen)

    def titles(self) -> dict[str, str]:
        """Every title by id, in import order; kept until another connection commits (80 ms at
        40,000 articles; this reader's own writes never change a title)."""
        from store.passages import document_titles

        version = self.store.data_version()
        cached = self._titles_cache
        if cached is None or cached[0] != version:
            # store.documents() would also count every annotation
            cached = self._titles_cache = (version, document_titles(self.store))
        return cached[1]

    def all_annotations(self) -> None:
        """Every annotation of every document (A), paged from SQL; Enter opens the span."""
        from store.corpus_annotations import CorpusAnnotations
        from tui.screens.corpus_annotations import CorpusAnnotationsScreen

        store = self.store
        if str(store.path) == ":memory:":  # no file another connection could open: ask on this thread
            source = CorpusAnnotations(lambda: store.conn, threaded=False, owns_connection=False)
        else:
            from store.connect import open_another

            source = CorpusAnnotations(lambda: open_another(store).conn)
        self.show(CorpusAnnotationsScreen(source, self.tags(), store.count_annotations()), self.open_at)

    def passages(self) -> None:
        from tui.screens.passages import PassagesScreen

        def chosen(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            what, cluster_id = result
            if what == "open":
                self.comparing.open_cluster(cluster_id)
            elif what == "variants":
                self.show_variants(cluster_id)

        comparing = self.comparing
        hidden = 0 if comparing.show_boilerplate else comparing.boilerplate_count
        self.show(PassagesScreen(comparing.shown_clusters, self.titles(), hidden_boilerplate=hidden), chosen)

    def show_variants(self, cluster_id: str) -> None:
        from tui.screens.variants import VariantsScreen

        cluster = self.comparing.cluster_by_id.get(cluster_id)
        if cluster is not None:
            self.show(VariantsScreen(cluster, self.titles()))

    def variants(self) -> None:
        view = self.views.focused_view
        found = self.comparing.passage_at(view) if view else None
        if found is None:
            self.say("The cursor is not in a shared passage", "warning")
            return
        self.show_variants(found[1].id)

    def open_at(self, result: tuple[str, int | None] | None) -> None:
        if result is not None:
            doc_id, offset = result
            self.show_at(doc_id, offset)

    def coverage(self) -> None:
        from store.coverage import build_coverage
        from tui.screens.coverage import CoverageScreen

        coverage = build_coverage(self.store, self.comparing.shown_clusters)
        self.show(CoverageScreen(coverage, self.titles(), self.tags()), self.open_at)

    def corpus_search(self) -> None:
        from tui.screens.corpus_search import CorpusSearchScreen

        if str(self.store.path) == ":memory:":  # no file another connection could open
            from store.passages import document_texts

            screen = CorpusSearchScreen(document_texts(self.store), self.titles(), self.search_query())
        else:
            # Each keystroke's search streams the texts from its own connection, in a thread.
            screen = CorpusSearchScreen(None, self.titles(), self.search_query(), source=self._stream_texts)
        self.show(screen, self.open_at)

    @contextmanager
    def _stream_texts(self) -> Iterator[Iterable[tuple[str, str]]]:
        """Every document's (id, text) in import order, read a row at a time on a new connection."""
        from store.connect import open_another

        other = open_another(self.store)
        try:
            yield other.conn.execute("SELECT id, text FROM documents ORDER BY position, rowid")
        finally:
            other.close()

    def summary(self) -> None:
        import heapq

        from tui.screens.summary import MAX_ROWS, SummaryScreen

        # Every document's share decides the order, but only the rows shown become records, and
        # "also in" is found for those alone: 40,000 records cost more than the screen.
        index = self.comparing.overlap_index()
        lengths = self.comparing.document_lengths()  # in import order, which breaks ties
        ranked = [(-(index.shared_chars(doc_id) / length if length else 0.0), at, doc_id)
                  for at, (doc_id, length) in enumerate(lengths.items())]
        carrying = sum(1 for share, _, _ in ranked if share)
        top = heapq.nsmallest(MAX_ROWS, ranked)
        overlaps = {doc_id: index.overlap(doc_id, lengths[doc_id], with_documents=False) for _, _, doc_id in top}
        self.show(SummaryScreen(overlaps, self.titles(), index.with_documents, total=len(lengths),
                                carrying=carrying))
