"""The reader's comparative actions: shared-passage marks, aligning panes, linked scrolling, views."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from tui.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from corpus.align import Cluster, Passage
    from store.overlaps import OverlapIndex
    from store.store import Store


SETTLE_CLUSTERS = 2_000  # clusters loaded after start-up from which they are kept out of the collector


class ComparingActions:
    """Mixed into ReaderApp: everything that looks across documents rather than into one."""

    store: Store
    clusters: list[Cluster]
    cluster_by_id: dict[str, Cluster]
    linked: bool
    show_boilerplate: bool = False  # boilerplate passages (corpus.boilerplate) are hidden until S

    @property
    def shown_clusters(self) -> list[Cluster]:
        """The clusters the reader marks, jumps to, lists and counts: boilerplate only when shown.

        Kept while the clusters and the choice stay: every pane's marks ask for it (a pass over
        24,000 clusters each time at 40,000 articles)."""
        cached = getattr(self, "_shown_clusters", None)
        if cached is None or cached[0] is not self.clusters or cached[1] != self.show_boilerplate:
            shown = self.clusters if self.show_boilerplate else [c for c in self.clusters if not c.boilerplate]
            cached = self._shown_clusters = (self.clusters, self.show_boilerplate, shown)
        return cached[2]

    @property
    def boilerplate_count(self) -> int:
        """How many clusters are boilerplate, shown or not."""
        return sum(1 for cluster in self.clusters if cluster.boilerplate)

    # --- computing and marking ------------------------------------------------------------
    def load_passages(self) -> None:
        """Mark the shared passages in every pane: from the cache at once, else found in a thread.

        Finding them for a new 5 MB article takes seconds; on the UI thread the keys froze meanwhile.
        """
        from store.passages import cached_passages, shared_passages

        clusters = cached_passages(self.store)
        if clusters is None and str(self.store.path) == ":memory:":
            clusters = shared_passages(self.store)  # no file another connection could open
        if clusters is not None:
            self._show_passages(clusters)
            return
        self.run_worker(self._find_passages, thread=True, group="passages",  # type: ignore[attr-defined]
                        exclusive=True, exit_on_error=False)

    def _find_passages(self) -> None:
        """In a worker thread, with its own connection: find the passages, store them, show them."""
        from store.connect import open_another
        from store.passages import shared_passages

        if not self.file_is_sound():  # type: ignore[attr-defined]  # the cache is written: check first
            return
        try:
            store = open_another(self.store)
            try:
                clusters = shared_passages(store)
            finally:
                store.close()
        except Exception as error:  # a locked or damaged file: reading goes on without marks
            self.call_from_thread(self.notify, f"Shared passages could not be found: {error}",  # type: ignore[attr-defined]
                                  severity="warning", markup=False)
            return
        self.call_from_thread(self._show_passages, clusters)  # type: ignore[attr-defined]

    def _show_passages(self, clusters: list[Cluster]) -> None:
        self.clusters = clusters
        self.cluster_by_id = {cluster.id: cluster for cluster in clusters}
        self._settle_clusters(collect=True)
        for pane in self.panes:  # type: ignore[attr-defined]
            self.mark_passages(pane)
        # Indexing 24,000 clusters by document takes about 0.25 s: done now, off the UI thread,
        # rather than on the first o or i.
        self.run_worker(self._prepare_overlaps, thread=True, group="overlaps", exit_on_error=False)  # type: ignore

    def _settle_clusters(self, collect: bool) -> None:
        """24,000 clusters (and their index) are some million objects that live as long as the
        reader: out of the collector's passes, as start-up's are (each full pass walked them,
        100-300 ms)."""
        if self.manages_collector and len(self.clusters) >= SETTLE_CLUSTERS:  # type: ignore[attr-defined]
            from tui.launch import settle

            settle(collect)

    def _prepare_overlaps(self) -> None:
        """In a thread: the overlap index with every document's shared characters (0.3 s at 40,000
        articles), and every document's length (reading 126 MB of text: 0.2 s), which `i` and the
        picker would otherwise spend on the UI thread."""
        from store.connect import open_another
        from store.overlaps import document_lengths

        index = self.overlap_index()
        for doc_id in list(index.by_doc):  # each document's shared characters, which i sorts by
            index.shared_chars(doc_id)
        if str(self.store.path) != ":memory:":
            other = open_another(self.store)
            try:
                self._lengths = document_lengths(other.conn)
            finally:
                other.close()
        self._settle_clusters(collect=False)  # the index lives as long as the clusters

    def document_lengths(self) -> dict[str, int]:
        """Every document's length in code points; a text never changes, so lengths are kept."""
        from store.overlaps import document_lengths

        lengths: dict[str, int] = getattr(self, "_lengths", None) or {}
        ids = self.store.document_ids()
        missing = [doc_id for doc_id in ids if doc_id not in lengths]
        if missing:  # documents another process added since, or the thread has not finished
            lengths = {**lengths, **document_lengths(self.store.conn, None if len(missing) == len(ids) else missing)}
            self._lengths = lengths
        return {doc_id: lengths[doc_id] for doc_id in ids}

    def mark_passages(self, view: ArticleView) -> None:
        if view.document is None:
            return
        doc_id = view.document.id
        view.passages = sorted((m.start, m.end, c.id) for c in self.shown_clusters for m in c.members
                               if m.document_id == doc_id)
        view.invalidate()

    def action_toggle_boilerplate(self) -> None:
        self.show_boilerplate = not self.show_boilerplate
        for pane in self.panes:  # type: ignore[attr-defined]
            self.mark_passages(pane)
        self._say(f"Boilerplate passages {'shown' if self.show_boilerplate else 'hidden'} "  # type: ignore
                  f"({self.boilerplate_count} in this corpus)")

    def _passage_at(self, view: ArticleView) -> tuple[Passage, Cluster] | None:
        """The passage under the cursor (the shortest one when several cover it)."""
        around = [(start, end, cid) for start, end, cid in view.passages if start <= view.cursor < end]
        if not around or view.document is None:
            return None
        start, end, cid = min(around, key=lambda p: p[1] - p[0])
        cluster = self.cluster_by_id[cid]
        member = next(m for m in cluster.members if m.document_id == view.document.id and m.start == start)
        return member, cluster

    def action_toggle_passages(self) -> None:
        views = self.panes  # type: ignore[attr-defined]
        show = not (views and views[0].show_passages)
        for view in views:
            view.show_passages = show
            view.invalidate()
        self._say(f"Shared passage marks {'on' if show else 'off'}")  # type: ignore[attr-defined]

    # --- aligning ----------------------------------------------------------------------------
    def align_to(self, view: ArticleView, member: Passage, cluster: Cluster) -> list[str]:
        """Bring `cluster` into view in every other pane that carries it, on the same screen row."""
        screen_row = view.layout_.row_of(member.start) - int(view.scroll_y)
        aligned = []
        for other in self.panes:  # type: ignore[attr-defined]
            if other is view or other.document is None:
                continue
            mine = [m for m in cluster.members if m.document_id == other.document.id]
            if not mine:
                continue
            target = min(mine, key=lambda m: abs(m.start - other.cursor))
            other.flash = (target.start, target.end)
            other.cursor, other.anchor = target.start, None
            other.scroll_offset_into_view(target.start, max(0, screen_row))
            other.invalidate()
            aligned.append(other.document.id)
        view.flash = (member.start, member.end)
        view.invalidate()
        return aligned

    def action_align(self) -> None:
        view = self.focused_view  # type: ignore[attr-defined]
        found = self._passage_at(view) if view else None
        if found is None:
            self._say("The cursor is not in a shared passage (> and < jump to one)", "warning")  # type: ignore
            return
        member, cluster = found
        aligned = self.align_to(view, member, cluster)
        shown = {pane.document.id for pane in self.panes if pane.document}  # type: ignore
        hidden = {m.document_id for m in cluster.members} - shown
        message = f"{cluster.kind} passage in {cluster.reach} documents; aligned {len(aligned)} pane(s)"
        if hidden:
            message += f"; not on screen: {len(hidden)} (P lists passages, Enter opens them all)"
        self._say(message)  # type: ignore[attr-defined]

    def open_cluster(self, cluster_id: str) -> None:
        """Show the documents carrying a passage in the panes, aligned on it."""
        cluster = self.cluster_by_id.get(cluster_id)
        if cluster is None:
            return
        firsts: dict[str, Passage] = {}
        for member in cluster.members:
            firsts.setdefault(member.document_id, member)
        panes = self.panes  # type: ignore[attr-defined]
        for pane, member in zip(panes, firsts.values()):
            self.show_in_pane(pane, member.document_id, cursor=member.start)  # type: ignore[attr-defined]
        first_view = panes[0]
        first_view.focus()
        first_member = next(iter(firsts.values()))
        first_view.scroll_offset_into_view(first_member.start)
        self.align_to(first_view, first_member, cluster)

    # --- jumping -------------------------------------------------------------------------------
    def action_shared_step(self, step: int) -> None:
        view = self.focused_view  # type: ignore[attr-defined]
        if view is None:
            return
        starts = sorted({start for start, _end, _cid in view.passages})
        targets = [s for s in starts if s > view.cursor] if step > 0 else [s for s in starts if s < view.cursor]
        if not targets:
            self._say("No more shared passages in this direction", "warning")  # type: ignore[attr-defined]
            return
        view.jump_to(targets[0] if step > 0 else targets[-1])

    def action_next_unique(self) -> None:
        from corpus.align import unique_spans

        view = self.focused_view  # type: ignore[attr-defined]
        if view is None or view.document is None:
            return
        # All clusters, boilerplate too: an outlet's footer is hidden, not unique to the document.
        spans = unique_spans(view.document.id, view.text, self.clusters)
        later = [start for start, end in spans if start > view.cursor and view.text[start:end].strip()]
        if not later:
            self._say("No passage unique to this document after the cursor", "warning")  # type: ignore
            return
        view.jump_to(later[0])

    # --- linked scrolling ---------------------------------------------------------------------
    def action_toggle_linked(self) -> None:
        self.linked = not self.linked
        self._say(f"Linked scrolling {'on' if self.linked else 'off'}")  # type: ignore[attr-defined]
        self.update_status()  # type: ignore[attr-defined]
        if self.linked and self.focused_view is not None:  # type: ignore[attr-defined]
            self.follow(self.focused_view)  # type: ignore[attr-defined]

    def on_article_view_scrolled(self, message: ArticleView.Scrolled) -> None:
        if self.linked and message.view is self.focused_view:  # type: ignore[attr-defined]
            self.follow(message.view)

    def follow(self, leader: ArticleView) -> None:
        """Scroll the other panes with `leader`: to the aligned passage when there is one."""
        top = int(leader.scroll_y)
        height = leader.text_height
        first_offset = leader.layout_.starts[min(top, leader.layout_.height - 1)]
        last_offset = leader.layout_.starts[min(top + height, leader.layout_.height - 1)]
        visible = [(s, e, cid) for s, e, cid in leader.passages if e > first_offset and s < last_offset]
        for other in self.panes:  # type: ignore[attr-defined]
            if other is leader or other.document is None:
                continue
            target = None
            for start, _end, cid in visible:
                mine = [m for m in self.cluster_by_id[cid].members if m.document_id == other.document.id]
                if mine:
                    row_on_screen = leader.layout_.row_of(start) - top
                    target = other.layout_.row_of(mine[0].start) - row_on_screen
                    break
            if target is None:
                span = max(1, leader.max_scroll_y)
                target = round(top / span * other.max_scroll_y)
            other.scroll_to(y=max(0, target), animate=False, immediate=True)

    # --- views across the corpus -----------------------------------------------------------------
    def overlap_index(self) -> OverlapIndex:
        """The shown clusters' members by document (store.overlaps), kept while the clusters stay."""
        from store.overlaps import OverlapIndex

        cached = getattr(self, "_overlap_index", None)
        if cached is None or cached[0] is not self.clusters or cached[1] != self.show_boilerplate:
            cached = self._overlap_index = (self.clusters, self.show_boilerplate, OverlapIndex(self.shown_clusters))
        return cached[2]

    def _titles(self) -> dict[str, str]:
        """Every title by id, in import order; kept until another connection commits (80 ms at
        40,000 articles; this reader's own writes never change a title)."""
        from store.passages import document_titles

        version = self.store.data_version()
        cached = getattr(self, "_titles_cache", None)
        if cached is None or cached[0] != version:
            # store.documents() would also count every annotation
            cached = self._titles_cache = (version, document_titles(self.store))
        return cached[1]

    def action_passages(self) -> None:
        from tui.screens.passages import PassagesScreen

        def chosen(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            what, cluster_id = result
            if what == "open":
                self.open_cluster(cluster_id)
            elif what == "variants":
                self.show_variants(cluster_id)

        hidden = 0 if self.show_boilerplate else self.boilerplate_count
        self.push_screen(PassagesScreen(self.shown_clusters, self._titles(), hidden_boilerplate=hidden),  # type: ignore
                         chosen)

    def show_variants(self, cluster_id: str) -> None:
        from tui.screens.variants import VariantsScreen

        cluster = self.cluster_by_id.get(cluster_id)
        if cluster is not None:
            self.push_screen(VariantsScreen(cluster, self._titles()))  # type: ignore[attr-defined]

    def action_variants(self) -> None:
        view = self.focused_view  # type: ignore[attr-defined]
        found = self._passage_at(view) if view else None
        if found is None:
            self._say("The cursor is not in a shared passage", "warning")  # type: ignore[attr-defined]
            return
        self.show_variants(found[1].id)

    def _open_at(self, result: tuple[str, int | None] | None) -> None:
        if result is not None:
            doc_id, offset = result
            self.show_at(doc_id, offset)  # type: ignore[attr-defined]

    def action_coverage(self) -> None:
        from store.coverage import build_coverage
        from tui.screens.coverage import CoverageScreen

        coverage = build_coverage(self.store, self.shown_clusters)
        self.push_screen(CoverageScreen(coverage, self._titles(), self.tags), self._open_at)  # type: ignore

    def action_corpus_search(self) -> None:
        from tui.screens.corpus_search import CorpusSearchScreen

        if str(self.store.path) == ":memory:":  # no file another connection could open
            from store.passages import document_texts

            screen = CorpusSearchScreen(document_texts(self.store), self._titles(), self.search_query)
        else:
            # Each keystroke's search streams the texts from its own connection, in a thread.
            screen = CorpusSearchScreen(None, self._titles(), self.search_query, source=self._stream_texts)
        self.push_screen(screen, self._open_at)  # type: ignore[attr-defined]

    @contextmanager
    def _stream_texts(self) -> Iterator[Iterable[tuple[str, str]]]:
        """Every document's (id, text) in import order, read a row at a time on a new connection."""
        from store.connect import open_another

        other = open_another(self.store)
        try:
            yield other.conn.execute("SELECT id, text FROM documents ORDER BY position, rowid")
        finally:
            other.close()

    def action_summary(self) -> None:
        import heapq

        from tui.screens.summary import MAX_ROWS, SummaryScreen

        # Every document's share decides the order, but only the rows shown become records, and
        # "also in" is found for those alone: 40,000 records cost more than the screen.
        index = self.overlap_index()
        lengths = self.document_lengths()  # in import order, which breaks ties
        ranked = [(-(index.shared_chars(doc_id) / length if length else 0.0), at, doc_id)
                  for at, (doc_id, length) in enumerate(lengths.items())]
        carrying = sum(1 for share, _, _ in ranked if share)
        top = heapq.nsmallest(MAX_ROWS, ranked)
        overlaps = {doc_id: index.overlap(doc_id, lengths[doc_id], with_documents=False) for _, _, doc_id in top}
        self.push_screen(SummaryScreen(overlaps, self._titles(), index.with_documents,  # type: ignore[attr-defined]
                                       total=len(lengths), carrying=carrying))
