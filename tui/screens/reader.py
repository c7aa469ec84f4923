"""The reading screen: the panes side by side, the legend and the status line, and the keys that act on them."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.color import Color
from textual.screen import Screen
from textual.widgets import Static

from tui.annotating import AnnotatingController
from tui.bindings import APP_BINDINGS
from tui.comparing import ComparingController, Threads
from tui.corpus_views import CorpusViews
from tui.entity_linking import EntityLinking
from tui.launch import settle_large_document
from tui.pane_plan import pane_count, plan_panes, positions
from tui.propagating import Propagation
from tui.searching import SearchController
from tui.widgets.article_view import ArticleView
from tui.widgets.panes import Panes
from tui.widgets.status_line import legend_text, status_text, usable_colour

if TYPE_CHECKING:
    from store.records import StoredDocument, Tag
    from store.store import Store
    from tui.reading import Severity, StatusPart, ViewHook


class ReaderScreen(Screen[None]):
    """Owns the panes, the legend, the status line and the controllers; the App starts it and quits.

    Each key's action here hands the work to a controller (tui/annotating.py, searching.py,
    comparing.py, corpus_views.py), built in __init__ with what it needs and nothing else.
    """

    BINDINGS: ClassVar[list[BindingType]] = [*APP_BINDINGS]

    def __init__(self, store: Store, annotator: str, requested_ids: list[str], keymap: dict[str, str],
                 threads: Threads, file_is_sound: Callable[[], bool], collector_managed: Callable[[], bool]) -> None:
        super().__init__()
        from tui.patient_writes import PatientWriter

        self.store = store
        self.requested_ids = requested_ids
        self.keymap = keymap
        self.collector_managed = collector_managed
        self.documents: dict[str, StoredDocument] = {}
        self.pane_count = 0
        self.tags: list[Tag] = []
        self.codebook_problems = self.use_codebook(store.tags())
        self.writer = PatientWriter(self, self.say)  # every store write from a key goes through it
        # The controllers, each given what it needs (this screen is the Views; docs/DESIGN.md).
        self.searching = SearchController(views=self, say=self.say, show=self.show, update_status=self.update_status)
        self.annotating = AnnotatingController(
            store=store, writer=self.writer, annotator=annotator, tags=self.codebook, views=self, say=self.say,
            show=self.show, update_status=self.update_status, codebook_changed=self.codebook_changed)
        self.comparing = ComparingController(
            store=store, views=self, say=self.say, update_status=self.update_status, show_in_pane=self.show_in_pane,
            threads=threads, file_is_sound=file_is_sound, collector_managed=collector_managed)
        from tui.progress import ProgressController

        self.progress = ProgressController(store=store, writer=self.writer, annotator=annotator, views=self,
                                           say=self.say, update_status=self.update_status)
        self.corpus_views = CorpusViews(
            store=store, comparing=self.comparing, tags=self.codebook, search_query=lambda: self.searching.query,
            views=self, say=self.say, show=self.show, show_at=self.show_at, open_in_focused=self.open_in_focused,
            progress=self.progress)
        from tui.attributing import AttributesController

        self.attributes = AttributesController(
            store=store, tags=self.codebook, writer=self.writer, views=self,
            annotation_under_cursor=self.annotating.annotation_under_cursor,
            refresh_annotation=self.annotating.refresh_annotation, show=self.show, say=self.say)
        self.entity_linking = EntityLinking(
            store=store, writer=self.writer, tags=self.codebook, views=self, say=self.say, show=self.show,
            current_annotation=self.annotating.annotation_under_cursor, refresh=self.annotating.refresh_annotation,
            manage=lambda: self.entity_management.open())
        from tui.entity_management import EntityManagement

        self.entity_management = EntityManagement(
            store=store, writer=self.writer, say=self.say, show=self.show, update_status=self.update_status)
        self.propagation = Propagation(
            store=store, writer=self.writer, views=self, say=self.say, show=self.show,
            update_status=self.update_status, threads=threads,
            current_annotation=self.annotating.annotation_under_cursor)
        from tui.annotating import _span_at_cursor
        from tui.linking import Linking

        self.linking = Linking(
            store=store, writer=self.writer, views=self, say=self.say, show=self.show,
            update_status=self.update_status, current_annotation=self.annotating.annotation_under_cursor,
            span_at_cursor=_span_at_cursor)
        from tui.suggesting import SuggestingController

        self.suggesting = SuggestingController(
            store=store, writer=self.writer, views=self, say=self.say, update_status=self.update_status,
            threads=threads, tags=self.codebook, refresh_annotation=self.annotating.refresh_annotation)
        self.annotating.document_hooks.append(self.suggesting.refresh)
        # Hooks, called in order: a part of the status line each (the search hits, "linked"); after a
        # document is shown in a pane (its layers); after the focused pane's cursor moved.
        self.status_parts: list[StatusPart] = [self.linking.status, self.attributes.status, self.entity_linking.status,
                                               self.suggesting.status, self.searching.status, self.comparing.status]
        self.status_parts.append(self.progress.status)  # "in progress · 12/40 done"
        self.shown_hooks: list[ViewHook] = [self.comparing.mark_passages, self.suggesting.draw]
        self.cursor_hooks: list[ViewHook] = []

    def use_codebook(self, tags: list[Tag]) -> list[str]:
        """Bind each tag's key, built from the codebook in the database: no tag is known by name.
        Returns what could not be bound, for the App to say."""
        from textual.binding import BindingsMap

        from tui.bindings import tag_bindings

        self.tags = tags
        self.tag_bindings, problems = tag_bindings(tags, self.keymap)
        # A new map over the class's bindings, kept apart so a later codebook replaces the tag keys;
        # merge copies the key lists it shares.
        if not hasattr(self, "_bindings_without_tags"):
            self._bindings_without_tags = self._bindings
        self._bindings = BindingsMap.merge([self._bindings_without_tags, BindingsMap(self.tag_bindings)])
        if self.is_mounted:
            self._show_legend()
            self.refresh_bindings()
        return [f"codebook: {problem}" for problem in problems]

    # --- what controllers are given ---------------------------------------------------------------
    def codebook(self) -> list[Tag]:
        """The tags as bound now (use_codebook replaces them)."""
        return self.tags

    def say(self, message: str, severity: Severity = "information") -> None:
        timeout = 10 if severity == "error" else 4  # a change that was not saved must be read
        self.app.notify(message, severity=severity, markup=False, timeout=timeout)

    def show(self, screen: Screen[Any], then: Callable[[Any], Any] | None = None) -> None:
        self.app.push_screen(screen, then)

    @property
    def focused_view(self) -> ArticleView | None:
        """The pane with focus on this screen (kept while a modal screen is over it), else the first."""
        if isinstance(self.focused, ArticleView):
            return self.focused
        views = self.panes
        return views[0] if views else None

    @property
    def panes(self) -> list[ArticleView]:
        return list(self.query(ArticleView))

    def views_of(self, doc_id: str) -> list[ArticleView]:
        return [pane for pane in self.panes if pane.document and pane.document.id == doc_id]

    # --- layout ---------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        self._plan_panes()
        # The panes are composed, not mounted later, so the first frame already shows the text.
        yield Panes(*self._new_panes(), id="panes")
        yield Static("", id="legend", markup=False)
        yield Static("", id="status", markup=False)

    def _plan_panes(self) -> None:
        """Which documents the panes show: where the reader left off, else the order asked for."""
        self.document_order = self.store.document_ids()
        saved = self.store.get_state("panes", []) if not self.requested_ids else []
        self.plan = plan_panes(self.document_order, saved, self.requested_ids)
        self.saved_positions = {entry["document"]: entry for entry in self.plan.starts}
        self.pane_count = self._wanted_pane_count()

    def on_mount(self) -> None:
        self._fill_panes()
        self._show_legend()
        self.app.theme_changed_signal.subscribe(self, self._follow_theme)
        # The footer, the passage finder and the watch on other processes wait for the first frame.
        self.call_after_refresh(self._mount_footer)
        self.call_after_refresh(self.comparing.load_passages)
        self.call_after_refresh(self._watch_outside_changes)

    async def _mount_footer(self) -> None:
        from textual.widgets import Footer  # not needed for the first frame

        await self.mount(Footer())
        self.refresh_bindings()  # the footer lists keys when bindings change; they did before it came

    def _watch_outside_changes(self) -> None:
        from tui.outside_changes import POLL_SECONDS, OutsideChanges

        self.outside_changes = OutsideChanges(self.store, self, self.update_status, self.notify)
        self.outside_changes.document_hooks.append(self.suggesting.refresh)
        self.set_interval(POLL_SECONDS, self.outside_changes.poll)

    def _wanted_pane_count(self, width: int | None = None) -> int:
        width = width or self.app.size.width or 120
        return pane_count(width, len(self.document_order))

    def _fill_panes(self) -> None:
        panes = self.panes
        starts = self.plan.starts
        for index, (pane, doc_id) in enumerate(zip(panes, self.plan.documents)):
            saved = starts[index] if index < len(starts) else self.saved_positions.get(doc_id, {})
            self.show_in_pane(pane, doc_id, saved.get("cursor", 0), saved.get("top"))
        if panes:
            panes[0].focus()

    async def _build_panes(self, width: int) -> None:
        container = self.query_one(Panes)
        await container.remove_children()
        self.pane_count = self._wanted_pane_count(width)
        await container.mount_all(self._new_panes())
        self._fill_panes()

    async def on_resize(self, event: Any) -> None:
        # The event's size, not self.size: this handler runs before Textual's own, which updates it.
        if self.pane_count and self._wanted_pane_count(event.size.width) != self.pane_count:
            self.plan = plan_panes(self.document_order, self.remember_positions(), [])
            await self._build_panes(event.size.width)

    def _new_panes(self) -> list[ArticleView]:
        return [ArticleView(id=f"view-{index}") for index in range(self.pane_count)]

    # --- documents in panes -------------------------------------------------------------------------
    def document(self, doc_id: str) -> StoredDocument:
        if doc_id not in self.documents:
            self.documents[doc_id] = self.store.document(doc_id)
        return self.documents[doc_id]

    def tag_colours(self) -> dict[str, str]:
        """Each tag's colour; one stored as something Textual cannot parse draws in a neutral grey."""
        return {tag.name: usable_colour(tag.colour) for tag in self.tags}

    def show_in_pane(self, pane: ArticleView, doc_id: str, cursor: int = 0, top_row: int | None = None) -> None:
        document = self.document(doc_id)
        spans = self.store.spans(doc_id)
        pane.show_document(document, spans, self.tag_colours(), cursor=cursor, top_row=top_row)
        if self.collector_managed():
            self.call_after_refresh(settle_large_document, len(document.text), len(spans))
        pane.set_header(document, self.document_order.index(doc_id) + 1, len(self.document_order))
        for hook in self.shown_hooks:
            hook(pane)

    def open_in_focused(self, doc_id: str, cursor: int | None = None) -> None:
        """Show a document in the focused pane: at `cursor`, or where the reader left it."""
        view = self.focused_view
        if view is None:
            return
        self.remember_positions()
        saved = self.saved_positions.get(doc_id, {}) if cursor is None else {"cursor": cursor}
        self.show_in_pane(view, doc_id, saved.get("cursor", 0), saved.get("top"))
        if cursor is not None:
            view.jump_to(cursor, always=True)  # a place asked for: not on the pane's last row
        self.update_status()

    def show_at(self, doc_id: str, cursor: int | None = None) -> ArticleView | None:
        """Go to a document (at `cursor`, when given): in the pane already showing it, focused first;
        else in the focused pane. Two panes showing one document by accident lost another one."""
        focused = self.focused_view
        shown = self.views_of(doc_id)
        view = focused if focused in shown else (shown[0] if shown else None)
        if view is None:
            self.open_in_focused(doc_id, cursor)
            return self.focused_view
        view.focus()
        if cursor is not None:
            view.jump_to(cursor)
        return view

    def remember_positions(self) -> list[dict[str, Any]]:
        """Each pane's document and position, in pane order; also kept per document for reopening."""
        states = positions(self.panes)
        self.saved_positions.update((state["document"], state) for state in states)
        return states

    # --- status and legend ----------------------------------------------------------------------
    def _show_legend(self) -> None:
        background = self.styles.background if self.styles.background.a else Color(30, 30, 30)
        passage = self.query_one(Panes).get_component_rich_style("article--passage")
        self.query_one("#legend", Static).update(legend_text(self.tags, background, passage))

    def codebook_changed(self) -> None:
        """The stored codebook changed (a codebook import undone or redone): keys, colours and legend follow."""
        self.use_codebook(self.store.tags())
        self._follow_theme(None)

    def _follow_theme(self, _theme: Any) -> None:
        """Tag colours, the styles panes draw with, and the legend follow a new theme."""
        colours = self.tag_colours()
        for pane in self.panes:
            pane.forget_styles()
            pane.set_tag_colours(colours)
        self._show_legend()

    def update_status(self, extra: str = "") -> None:
        view = self.focused_view
        if view is None or view.document is None:
            return
        self.query_one("#status", Static).update(status_text(view, self.store, self.status_parts, extra))

    def on_article_view_cursor_moved(self, message: ArticleView.CursorMoved) -> None:
        if message.view is self.focused_view:
            for hook in self.cursor_hooks:
                hook(message.view)
            self.update_status()

    def on_article_view_scrolled(self, message: ArticleView.Scrolled) -> None:
        self.comparing.scrolled(message.view)

    # --- keys: moving between panes and documents -------------------------------------------------
    def action_focus_pane(self, step: int) -> None:
        panes = self.panes
        view = self.focused_view
        index = next((i for i, pane in enumerate(panes) if pane is view), 0)
        panes[(index + step) % len(panes)].focus()

    def action_step_document(self, step: int) -> None:
        view = self.focused_view
        if view is None or not self.document_order:
            return
        index = self.document_order.index(view.document.id) if view.document else -1
        self.open_in_focused(self.document_order[(index + step) % len(self.document_order)])

    # --- keys: selecting (the view's own), then each controller's -----------------------------------
    def action_anchor(self) -> None:
        view = self.focused_view
        if view is not None:
            view.start_anchor()

    def action_escape(self) -> None:
        view = self.focused_view
        if self.linking.cancel():
            return
        if view is not None:
            view.clear_selection()
            self.searching.clear(view)

    # Each key below hands its work to the controller that does it, one line each (see docs/DESIGN.md).
    # --- annotating ---
    def action_tag(self, key: str) -> None:
        self.annotating.tag(key)
    def action_delete(self) -> None:
        self.linking.delete_span(self.annotating.delete)  # asks first when the span is in relations
    def action_undo(self) -> None:
        self.annotating.undo()
    def action_redo(self) -> None:
        self.annotating.redo()
    def action_note(self) -> None:
        self.annotating.note()
    def action_adjust(self) -> None:
        self.annotating.adjust()
    def action_next_annotation(self) -> None:
        if not self.linking.step(1):  # while linking, ] steps between the spans a link may end on
            self.annotating.next_annotation()
    def action_previous_annotation(self) -> None:
        if not self.linking.step(-1):
            self.annotating.previous_annotation()
    def action_annotations(self) -> None:
        self.annotating.annotations()
    def action_codebook(self) -> None:
        self.annotating.codebook()
    def action_export(self) -> None:
        self.annotating.export()
    def action_attributes(self) -> None:
        self.attributes.open_form()
    def action_entity(self) -> None:
        self.entity_linking.open()
    def action_manage_entities(self) -> None:
        self.entity_management.open()
    def action_propagate(self) -> None:
        self.propagation.start()

    # --- relations ---
    def action_link(self) -> None:
        self.linking.start()
    def action_link_confirm(self) -> None:
        self.linking.confirm()
    def action_relations(self) -> None:
        self.linking.open_list()
    # --- suggestions ---
    def action_toggle_suggestions(self) -> None:
        self.suggesting.toggle()
    def action_next_suggestion(self) -> None:
        self.suggesting.step()
    def action_accept_suggestion(self) -> None:
        self.suggesting.accept()
    def action_reject_suggestion(self) -> None:
        self.suggesting.reject()

    # --- progress ---
    def action_progress(self) -> None:
        self.progress.cycle()

    # --- searching ---
    def action_search(self) -> None:
        self.searching.search()
    def action_search_step(self, step: int) -> None:
        self.searching.step(step)

    # --- comparing ---
    def action_toggle_passages(self) -> None:
        self.comparing.toggle_passages()
    def action_toggle_boilerplate(self) -> None:
        self.comparing.toggle_boilerplate()
    def action_align(self) -> None:
        self.comparing.align()
    def action_shared_step(self, step: int) -> None:
        self.comparing.shared_step(step)
    def action_next_unique(self) -> None:
        self.comparing.next_unique()
    def action_toggle_linked(self) -> None:
        self.comparing.toggle_linked()

    # --- the corpus at once ---
    def action_picker(self) -> None:
        self.corpus_views.picker()
    def action_passages(self) -> None:
        self.corpus_views.passages()
    def action_variants(self) -> None:
        self.corpus_views.variants()
    def action_coverage(self) -> None:
        self.corpus_views.coverage()
    def action_corpus_search(self) -> None:
        self.corpus_views.corpus_search()
    def action_summary(self) -> None:
        self.corpus_views.summary()
    def action_all_annotations(self) -> None:
        self.corpus_views.all_annotations()
