"""Comparing documents: shared-passage marks, aligning panes on a passage, linked scrolling, jumps."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from tui.widgets.view_layers import FLASH, ORDER_FLASH, PASSAGES

if TYPE_CHECKING:
    from corpus.align import Cluster, Passage
    from store.overlaps import OverlapIndex
    from store.store import Store
    from tui.reading import Say, UpdateStatus, Views
    from tui.widgets.article_view import ArticleView


SETTLE_CLUSTERS = 2_000  # clusters loaded after start-up from which they are kept out of the collector
PASSAGE_MARK = "▌ "  # in the gutter of every row a shared passage touches


class Threads(Protocol):
    """Where work off the UI thread runs (the App): a worker thread, and the way back from it."""

    def run_worker(self, work: Callable[[], Any], *, thread: bool = ..., group: str = ...,
                   exclusive: bool = ..., exit_on_error: bool = ...) -> Any: ...

    def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any: ...


class ComparingController:
    """The shared passages (found after the first frame) and everything that looks across the panes."""

    def __init__(self, store: Store, views: Views, say: Say, update_status: UpdateStatus,
                 show_in_pane: Callable[[ArticleView, str, int], None], threads: Threads,
                 file_is_sound: Callable[[], bool], collector_managed: Callable[[], bool]) -> None:
        self.store = store
        self.views = views
        self.say = say
        self.update_status = update_status
        self.show_in_pane = show_in_pane
        self.threads = threads
        self.file_is_sound = file_is_sound  # asked before the passage cache is written
        self.collector_managed = collector_managed
        self.clusters: list[Cluster] = []
        self.cluster_by_id: dict[str, Cluster] = {}
        self.linked = False
        self.show_boilerplate = False  # boilerplate passages (corpus.boilerplate) are hidden until S
        self._shown_clusters: tuple[list[Cluster], bool, list[Cluster]] | None = None
        self._overlap_index: tuple[list[Cluster], bool, OverlapIndex] | None = None
        self.lengths: dict[str, int] | None = None  # every document's length, once a thread read them
        self.marks_shown = True  # the passages' marks in the gutter (key toggles them)
        # Each marked document's passages, (start, end, cluster id) sorted: what `=`, `>` and the
        # linked scrolling look up; the views draw only their ranges (the "passages" layer).
        self._passages: dict[str, list[tuple[int, int, str]]] = {}

    def status(self, view: ArticleView) -> str | None:
        """The status line's part: "linked" while linked scrolling is on."""
        return "linked" if self.linked else None

    @property
    def shown_clusters(self) -> list[Cluster]:
        """The clusters the reader marks, jumps to, lists and counts: boilerplate only when shown.

        Kept while the clusters and the choice stay: every pane's marks ask for it (a pass over
        24,000 clusters each time at 40,000 articles)."""
        cached = self._shown_clusters
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
        self.threads.run_worker(self._find_passages, thread=True, group="passages", exclusive=True,
                                exit_on_error=False)

    def _find_passages(self) -> None:
        """In a worker thread, with its own connection: find the passages, store them, show them."""
        from store.connect import open_another
        from store.passages import shared_passages

        if not self.file_is_sound():  # the cache is written: check first
            return
        try:
            store = open_another(self.store)
            try:
                clusters = shared_passages(store)
            finally:
                store.close()
        except Exception as error:  # a locked or damaged file: reading goes on without marks
            self.threads.call_from_thread(self.say, f"Shared passages could not be found: {error}", "warning")
            return
        self.threads.call_from_thread(self._show_passages, clusters)

    def _show_passages(self, clusters: list[Cluster]) -> None:
        self.clusters = clusters
        self.cluster_by_id = {cluster.id: cluster for cluster in clusters}
        self._passages = {}
        self._settle_clusters(collect=True)
        for pane in self.views.panes:
            self.mark_passages(pane)
        # Indexing 24,000 clusters by document takes about 0.25 s: done now, off the UI thread,
        # rather than on the first o or i.
        self.threads.run_worker(self._prepare_overlaps, thread=True, group="overlaps", exit_on_error=False)

    def _settle_clusters(self, collect: bool) -> None:
        """24,000 clusters (and their index) are some million objects that live as long as the
        reader: out of the collector's passes, as start-up's are (each full pass walked them,
        100-300 ms)."""
        if self.collector_managed() and len(self.clusters) >= SETTLE_CLUSTERS:
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
                self.lengths = document_lengths(other.conn)
            finally:
                other.close()
        self._settle_clusters(collect=False)  # the index lives as long as the clusters

    def document_lengths(self) -> dict[str, int]:
        """Every document's length in code points; a text never changes, so lengths are kept."""
        from store.overlaps import document_lengths

        lengths = self.lengths or {}
        ids = self.store.document_ids()
        missing = [doc_id for doc_id in ids if doc_id not in lengths]
        if missing:  # documents another process added since, or the thread has not finished
            lengths = {**lengths, **document_lengths(self.store.conn, None if len(missing) == len(ids) else missing)}
            self.lengths = lengths
        return {doc_id: lengths[doc_id] for doc_id in ids}

    def mark_passages(self, view: ArticleView) -> None:
        if view.document is None:
            return
        doc_id = view.document.id
        passages = self._passages[doc_id] = sorted(
            (m.start, m.end, c.id) for c in self.shown_clusters for m in c.members if m.document_id == doc_id)
        self._draw_marks(view, passages)

    def _draw_marks(self, view: ArticleView, passages: list[tuple[int, int, str]]) -> None:
        if self.marks_shown:
            view.set_layer(PASSAGES, [(start, end) for start, end, _cid in passages], "article--passage",
                           mark=PASSAGE_MARK)
        else:
            view.clear_layer(PASSAGES)

    def passages_in(self, view: ArticleView) -> list[tuple[int, int, str]]:
        """The shared passages of the pane's document, (start, end, cluster id) sorted; shown or not."""
        return self._passages.get(view.document.id, []) if view.document is not None else []

    def toggle_boilerplate(self) -> None:
        self.show_boilerplate = not self.show_boilerplate
        self._passages = {}
        for pane in self.views.panes:
            self.mark_passages(pane)
        self.say(f"Boilerplate passages {'shown' if self.show_boilerplate else 'hidden'} "
                  f"({self.boilerplate_count} in this corpus)")

    def passage_at(self, view: ArticleView) -> tuple[Passage, Cluster] | None:
        """The passage under the cursor (the shortest one when several cover it)."""
        around = [(start, end, cid) for start, end, cid in self.passages_in(view) if start <= view.cursor < end]
        if not around or view.document is None:
            return None
        start, end, cid = min(around, key=lambda p: p[1] - p[0])
        cluster = self.cluster_by_id[cid]
        member = next(m for m in cluster.members if m.document_id == view.document.id and m.start == start)
        return member, cluster

    def toggle_passages(self) -> None:
        self.marks_shown = show = not self.marks_shown
        for view in self.views.panes:
            self._draw_marks(view, self.passages_in(view))
        self.say(f"Shared passage marks {'on' if show else 'off'}")

    # --- aligning ----------------------------------------------------------------------------
    def align_to(self, view: ArticleView, member: Passage, cluster: Cluster) -> list[str]:
        """Bring `cluster` into view in every other pane that carries it, on the same screen row."""
        screen_row = view.layout_.row_of(member.start) - int(view.scroll_y)
        aligned = []
        for other in self.views.panes:
            if other is view or other.document is None:
                continue
            mine = [m for m in cluster.members if m.document_id == other.document.id]
            if not mine:
                continue
            target = min(mine, key=lambda m: abs(m.start - other.cursor))
            other.set_layer(FLASH, [(target.start, target.end)], "article--flash", order=ORDER_FLASH)
            other.cursor, other.anchor = target.start, None
            other.scroll_offset_into_view(target.start, max(0, screen_row))
            other.invalidate()  # the cursor and the selection moved without move_to
            aligned.append(other.document.id)
        view.set_layer(FLASH, [(member.start, member.end)], "article--flash", order=ORDER_FLASH)
        return aligned

    def align(self) -> None:
        view = self.views.focused_view
        found = self.passage_at(view) if view else None
        if view is None or found is None:
            self.say("The cursor is not in a shared passage (> and < jump to one)", "warning")
            return
        member, cluster = found
        aligned = self.align_to(view, member, cluster)
        shown = {pane.document.id for pane in self.views.panes if pane.document}
        hidden = {m.document_id for m in cluster.members} - shown
        message = f"{cluster.kind} passage in {cluster.reach} documents; aligned {len(aligned)} pane(s)"
        if hidden:
            message += f"; not on screen: {len(hidden)} (P lists passages, Enter opens them all)"
        self.say(message)

    def open_cluster(self, cluster_id: str) -> None:
        """Show the documents carrying a passage in the panes, aligned on it."""
        cluster = self.cluster_by_id.get(cluster_id)
        if cluster is None:
            return
        firsts: dict[str, Passage] = {}
        for member in cluster.members:
            firsts.setdefault(member.document_id, member)
        panes = self.views.panes
        for pane, member in zip(panes, firsts.values()):
            self.show_in_pane(pane, member.document_id, member.start)
        first_view = panes[0]
        first_view.focus()
        first_member = next(iter(firsts.values()))
        first_view.scroll_offset_into_view(first_member.start)
        self.align_to(first_view, first_member, cluster)

    # --- jumping -------------------------------------------------------------------------------
    def shared_step(self, step: int) -> None:
        view = self.views.focused_view
        if view is None:
            return
        starts = sorted({start for start, _end, _cid in self.passages_in(view)})
        targets = [s for s in starts if s > view.cursor] if step > 0 else [s for s in starts if s < view.cursor]
        if not targets:
            self.say("No more shared passages in this direction", "warning")
            return
        view.jump_to(targets[0] if step > 0 else targets[-1])

    def next_unique(self) -> None:
        from corpus.align import unique_spans

        view = self.views.focused_view
        if view is None or view.document is None:
            return
        # All clusters, boilerplate too: an outlet's footer is hidden, not unique to the document.
        spans = unique_spans(view.document.id, view.text, self.clusters)
        later = [start for start, end in spans if start > view.cursor and view.text[start:end].strip()]
        if not later:
            self.say("No passage unique to this document after the cursor", "warning")
            return
        view.jump_to(later[0])

    # --- linked scrolling ---------------------------------------------------------------------
    def toggle_linked(self) -> None:
        self.linked = not self.linked
        self.say(f"Linked scrolling {'on' if self.linked else 'off'}")
        self.update_status()
        view = self.views.focused_view
        if self.linked and view is not None:
            self.follow(view)

    def scrolled(self, view: ArticleView) -> None:
        """A pane scrolled: with linked scrolling on, the others follow the focused one."""
        if self.linked and view is self.views.focused_view:
            self.follow(view)

    def follow(self, leader: ArticleView) -> None:
        """Scroll the other panes with `leader`: to the aligned passage when there is one."""
        top = int(leader.scroll_y)
        height = leader.text_height
        first_offset = leader.layout_.starts[min(top, leader.layout_.height - 1)]
        last_offset = leader.layout_.starts[min(top + height, leader.layout_.height - 1)]
        visible = [(s, e, cid) for s, e, cid in self.passages_in(leader) if e > first_offset and s < last_offset]
        for other in self.views.panes:
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

    def overlap_index(self) -> OverlapIndex:
        """The shown clusters' members by document (store.overlaps), kept while the clusters stay."""
        from store.overlaps import OverlapIndex

        cached = self._overlap_index
        if cached is None or cached[0] is not self.clusters or cached[1] != self.show_boilerplate:
            cached = self._overlap_index = (self.clusters, self.show_boilerplate, OverlapIndex(self.shown_clusters))
        return cached[2]

