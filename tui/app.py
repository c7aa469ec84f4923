"""The reader app: panes side by side, the status line, pane and document management."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult, ScreenStackError, SystemCommand
from textual.color import Color
from textual.screen import Screen
from textual.widgets import Static

from tui.annotating import AnnotatingActions, _span_at_cursor, hit_status
from tui.bindings import APP_BINDINGS, MOVES
from tui.comparing import ComparingActions
from tui.entity_linking import EntityLinking
from tui.launch import resume_collector, settle_large_document
from tui.propagating import Propagation
from tui.widgets.article_view import ArticleView
from tui.widgets.pane_chrome import one_line
from tui.widgets.panes import Panes

if TYPE_CHECKING:
    from corpus.align import Cluster
    from store.records import StoredDocument
    from store.store import Store

MIN_PANE_WIDTH = 40
MAX_PANES = 5
FALLBACK_TAG_COLOUR = "#9ca3af"


def usable_colour(colour: str | None) -> str:
    """`colour` if Textual can draw it, else a neutral grey (a hand-edited `tags` row once crashed
    start-up with ColorParseError)."""
    from textual.color import ColorParseError

    try:
        Color.parse(colour or "")
    except (ColorParseError, ValueError):
        return FALLBACK_TAG_COLOUR
    return colour or FALLBACK_TAG_COLOUR


class ReaderApp(AnnotatingActions, ComparingActions, App[None]):
    """Read documents side by side; every key press that changes data goes straight to the store."""

    CSS_PATH = "app.tcss"
    TITLE = "sidebyside"
    BINDINGS = APP_BINDINGS

    def __init__(self, store: Store, annotator: str, document_ids: Iterable[str] | None = None,
                 refused: list[str] | None = None, keymap: dict[str, str] | None = None,
                 warnings: list[str] | None = None) -> None:
        super().__init__()
        self.store = store
        self.annotator = annotator
        store.owner = f"reader:{annotator}"  # u undoes this annotator's changes only, across restarts
        store.annotator = annotator  # recorded as updated_by on what this reader changes
        from tui.patient_writes import READER_BUSY_TIMEOUT_MS, PatientWriter

        self.writer = PatientWriter(self, self._say)
        store.conn.execute(f"PRAGMA busy_timeout = {READER_BUSY_TIMEOUT_MS}")
        self.requested_ids = list(document_ids or [])
        self.refused = refused or []
        self._keymap = keymap or {}
        self.warnings = list(warnings or [])  # said once the reader is on screen
        self.manages_collector = False  # set after the first frame if the launcher paused the collector
        self.documents: dict[str, StoredDocument] = {}
        self.use_codebook(store.tags())
        self.pane_count = 0
        self.search_query = ""
        self.clusters: list[Cluster] = []
        self.cluster_by_id: dict[str, Cluster] = {}
        self.linked = False
        self.quitting = False
        import threading

        self._check_lock = threading.Lock()
        self.crash_report: str | None = None  # the traceback, if an unhandled exception ended the app
        self.entity_linking = EntityLinking(store, self.writer, self._say, self.push_screen, lambda: self.tags,
                                            self._annotation_under_cursor, self._refresh_annotation)
        self.propagation = Propagation(store, self.writer, self._say, self.push_screen, self.in_thread,
                                       self._annotation_under_cursor, self.views_of, self.update_status)

    def use_codebook(self, tags: list[Any]) -> None:
        """Bind each tag's key, built from the codebook in the database: no tag is known by name."""
        from textual.binding import BindingsMap

        from tui.bindings import tag_bindings

        self.tags = tags
        self.tag_bindings, problems = tag_bindings(tags, self._keymap)
        self.warnings.extend(f"codebook: {problem}" for problem in problems)
        # A new map over the one Textual built (class bindings plus its command palette key), kept
        # apart so a later codebook replaces the tag keys; merge copies the key lists it shares.
        if not hasattr(self, "_bindings_without_tags"):
            self._bindings_without_tags = self._bindings
        self._bindings = BindingsMap.merge([self._bindings_without_tags, BindingsMap(self.tag_bindings)])

    # --- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        self._plan_panes()
        # The panes are composed, not mounted later, so the first frame already shows the text.
        yield Panes(*self._new_panes(), id="panes")
        yield Static("", id="legend", markup=False)
        yield Static("", id="status", markup=False)

    def _plan_panes(self) -> None:
        """Which documents the panes show: where the reader left off, else the order asked for."""
        self.document_order = self.store.document_ids()
        state = self.store.get_state("panes", []) if not self.requested_ids else []
        state = [entry for entry in state if entry.get("document") in self.document_order]
        wanted = [entry["document"] for entry in state]
        wanted += [doc for doc in self.requested_ids if doc not in wanted]
        wanted += [doc for doc in self.document_order if doc not in wanted]
        self.pane_plan = wanted
        self.pane_starts = state  # where each pane was, in pane order (two may show one document)
        self.saved_positions = {entry["document"]: entry for entry in state}
        self.pane_count = self._wanted_pane_count()

    def on_mount(self) -> None:
        if self._keymap:
            from tui.keymap import unknown_ids

            self.set_keymap(self._keymap)
            unknown = unknown_ids(self._keymap)
            if unknown:
                self.warnings.append(f"keymap: no binding has the id{'s' if len(unknown) > 1 else ''} "
                                     f"{', '.join(unknown)} (ignored; ? lists the ids)")
        for warning in self.warnings:
            self.notify(warning, severity="warning", timeout=10, markup=False)
        self._fill_panes()
        self._show_legend()
        self.theme_changed_signal.subscribe(self, self._follow_theme)
        # The footer and the passage finder wait for the first frame: start-up stays fast.
        self.call_after_refresh(self._mount_footer)
        self.call_after_refresh(self.load_passages)
        self.call_after_refresh(self._resume_collector)
        self.call_after_refresh(self._watch_outside_changes)
        if not self.store.checked:
            self.call_after_refresh(self._check_the_file)
        if self.store.read_only:
            self.notify(f"Opened read-only: {self.store.read_only}. Changes are refused; reading and "
                        "export work.", severity="warning", timeout=10, markup=False)
        if self.refused:
            from tui.screens.message import MessageScreen
            count = len(self.refused)
            self.push_screen(MessageScreen(f"{count} input{'s' if count != 1 else ''} could not be read",
                                           self.refused))

    def _check_the_file(self) -> None:
        self.run_worker(self.file_is_sound, thread=True, group="check", exit_on_error=False)

    def file_is_sound(self) -> bool:
        """SQLite's quick_check, once, off the UI thread (about 80 ms on 40,000 articles); every
        worker that writes asks first. A damaged file is never written: the reader goes on
        read-only and says how to recover."""
        from store.connect import open_another
        from store.errors import DamagedDatabaseError
        from store.schema import quick_check

        with self._check_lock:
            if self.store.checked:
                return not self.store.read_only
            other = open_another(self.store)
            try:
                quick_check(other.conn, self.store.path)
            except DamagedDatabaseError as error:
                self.store.read_only = "the file is damaged"
                self.call_from_thread(self._say_damaged, str(error))
            finally:
                other.close()
                self.store.checked = True
            return not self.store.read_only

    def _say_damaged(self, message: str) -> None:
        from tui.screens.message import MessageScreen

        self.update_status()
        self.push_screen(MessageScreen("This database is damaged: nothing will be written to it", [message]))

    def _watch_outside_changes(self) -> None:
        from tui.outside_changes import POLL_SECONDS, OutsideChanges

        self.outside_changes = OutsideChanges(self)
        self.set_interval(POLL_SECONDS, self.outside_changes.poll)

    def _handle_exception(self, error: Exception) -> None:
        # Textual 8.2.8 ends the app on an exception no handler caught, prints its traceback once
        # the terminal is restored, and returns from run() as if all went well (only
        # return_code says 1). Keep the first traceback for the launcher's log (tui/crash.py).
        if self.crash_report is None:
            import traceback

            self.crash_report = "".join(traceback.format_exception(error))
        super()._handle_exception(error)

    def _resume_collector(self) -> None:
        self.manages_collector = resume_collector()

    async def _mount_footer(self) -> None:
        from textual.widgets import Footer  # not needed for the first frame

        await self.mount(Footer())
        self.refresh_bindings()  # the footer lists keys when bindings change; they did before it came

    def _wanted_pane_count(self, width: int | None = None) -> int:
        width = width or self.size.width or 120
        return max(1, min(MAX_PANES, width // MIN_PANE_WIDTH, max(1, len(self.document_order))))

    def _fill_panes(self) -> None:
        panes = self.panes
        for index, (pane, doc_id) in enumerate(zip(panes, self.pane_plan)):
            saved = (self.pane_starts[index] if index < len(self.pane_starts)
                     else self.saved_positions.get(doc_id, {}))
            self.show_in_pane(pane, doc_id, cursor=saved.get("cursor", 0), top_row=saved.get("top"))
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
            self.pane_starts = self._remember_positions()
            self.pane_plan = [entry["document"] for entry in self.pane_starts]
            self.pane_plan += [doc for doc in self.document_order if doc not in self.pane_plan]
            await self._build_panes(event.size.width)

    def _new_panes(self) -> list[ArticleView]:
        return [ArticleView(id=f"view-{index}") for index in range(self.pane_count)]

    @property
    def panes(self) -> list[ArticleView]:
        return list(self.query(ArticleView))

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
        if self.manages_collector:
            self.call_after_refresh(settle_large_document, len(document.text), len(spans))
        pane.set_header(document, self.document_order.index(doc_id) + 1, len(self.document_order))
        self.mark_passages(pane)

    @property
    def focused_view(self) -> ArticleView | None:
        try:
            focused = self.focused
        except ScreenStackError:  # a message that arrives while the app is closing
            return None
        if isinstance(focused, ArticleView):
            return focused
        views = self.panes
        return views[0] if views else None

    def views_of(self, doc_id: str) -> list[ArticleView]:
        return [pane for pane in self.panes if pane.document and pane.document.id == doc_id]

    # --- status and legend ----------------------------------------------------------------
    def _show_legend(self) -> None:
        legend = Text(no_wrap=True, overflow="ellipsis")
        background = self.screen.styles.background if self.screen.styles.background.a else Color(30, 30, 30)
        for tag in self.tags:
            colour = background.blend(Color.parse(usable_colour(tag.colour)), 0.55).rich_color
            if tag.key:
                legend.append(f" {one_line(tag.key)} ", style=Style(bold=True))
            legend.append(one_line(tag.name), style=Style(bgcolor=colour))
            legend.append(" ")
        legend.append("  ▌", style=self._passage_colour())
        legend.append(" shared passage  ", style="dim")
        self.query_one("#legend", Static).update(legend)

    def _follow_theme(self, _theme: Any) -> None:
        """Tag colours, the styles panes draw with, and the legend follow a new theme."""
        colours = self.tag_colours()
        for pane in self.panes:
            pane.forget_styles()
            pane.set_tag_colours(colours)
        self._show_legend()

    def _passage_colour(self) -> Style:
        return self.query_one(Panes).get_component_rich_style("article--passage")

    def on_article_view_cursor_moved(self, message: ArticleView.CursorMoved) -> None:
        if message.view is self.focused_view:
            self.update_status()

    def update_status(self, extra: str = "") -> None:
        view = self.focused_view
        if view is None or view.document is None:
            return
        selection = view.selection
        status = Text(no_wrap=True, overflow="ellipsis")
        status.append(one_line(view.document.id), style="bold")
        status.append(f"  offset {view.cursor}/{len(view.text)}")
        status.append(f"  sel {selection[1] - selection[0] if selection else 0}")
        if view.sticky_anchor:
            status.append(" (anchor)", style="bold")
        status.append(f"  annotations {len(view.spans)} here · {self.store.count_annotations()} total")
        span = _span_at_cursor(view)
        entity = self.entity_linking.status(span.id if span else None)
        if entity:
            status.append(f"  {one_line(entity)[:60]}", style="bold")
        if view.hits:
            status.append(f"  {hit_status(view)}", style="bold")
        if self.linked:
            status.append("  linked", style="bold")
        if self.store.read_only:
            status.append("  READ-ONLY", style="bold reverse")
        status.append(f"  {Path(self.store.path).name}", style="dim")
        if extra:
            status.append(f"  {extra}", style="bold")
        self.query_one("#status", Static).update(status)

    # --- entities (tui/entity_linking.py) and propagation (tui/propagating.py) ---------------------
    def action_entity(self) -> None:
        self.entity_linking.open(self.focused_view)

    def action_propagate(self) -> None:
        self.propagation.start(self.focused_view)

    def in_thread(self, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """Run `work` in a worker thread, then `then(result)` back on the UI thread."""
        def run() -> None:
            result = work()
            if not self.quitting:
                self.call_from_thread(then, result)

        self.run_worker(run, thread=True, group="background", exit_on_error=False)

    # --- panes and documents -----------------------------------------------------------------
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
        doc_id = self.document_order[(index + step) % len(self.document_order)]
        self.open_in_focused(doc_id)

    def open_in_focused(self, doc_id: str, cursor: int | None = None) -> None:
        """Show a document in the focused pane: at `cursor`, or where the reader left it."""
        view = self.focused_view
        if view is None:
            return
        self._remember_positions()
        saved = self.saved_positions.get(doc_id, {}) if cursor is None else {"cursor": cursor}
        self.show_in_pane(view, doc_id, cursor=saved.get("cursor", 0), top_row=saved.get("top"))
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

    def action_picker(self) -> None:
        from tui.screens.picker import PickerScreen
        view = self.focused_view
        current = view.document.id if view and view.document else None

        def chosen(doc_id: str | None) -> None:
            if doc_id:
                self.open_in_focused(doc_id)

        from store.catalogue import Catalogue
        from store.overlaps import LazyShares

        # Titles only: lengths, tag counts and shares are read for the rows the picker shows.
        catalogue = Catalogue(self.store.conn, [tag.name for tag in self.tags])
        overlap = LazyShares(self.overlap_index(), self.store.conn, (doc for doc, _ in catalogue.haystacks),
                             getattr(self, "_lengths", None))
        self.push_screen(PickerScreen(catalogue, self.tags, current, overlap), chosen)

    def _remember_positions(self) -> list[dict[str, Any]]:
        """Each pane's document and position, in pane order; also kept per document for reopening."""
        states = [{"document": view.document.id, "cursor": view.cursor, "top": int(view.scroll_y)}
                  for view in self.panes if view.document is not None]
        self.saved_positions.update((state["document"], state) for state in states)
        return states

    def save_positions(self) -> None:
        self.store.set_state("panes", self._remember_positions())

    async def run_action(self, action: Any, default_namespace: Any = None, namespaces: Any = None) -> bool:
        # Keys typed after q (say "question" in one burst) would open screens on an app that is
        # shutting down: once q is pressed, no key runs a command.
        if self.quitting:
            return True
        return await super().run_action(action, default_namespace, namespaces)

    async def action_quit(self) -> None:
        from store.errors import StoreError

        if self.quitting:
            return
        self.quitting = True
        if self.store.read_only:  # nowhere to keep the positions; nothing else is unsaved
            self.exit()
            return

        try:
            self.save_positions()
        except StoreError as error:  # every annotation is committed already; only positions are lost
            self.exit(message=Text(f"Pane positions not saved: {error}"))
            return
        self.exit()

    # --- help and the command palette ------------------------------------------------------------
    def key_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The keys overlay: one section per binding group, in GROUPS order, one line per binding."""
        from tui.bindings import ADJUST_KEYS, GROUPS, group_of, help_line

        rows: dict[str, list[tuple[str, str]]] = {group: [] for group in GROUPS}
        for binding in [*ArticleView.BINDINGS, *self.tag_bindings, *self.BINDINGS]:
            if self._listed(binding):
                rows[group_of(binding.id)].append((self._keys_of(binding), help_line(binding)))
        return [*((title, rows[group]) for group, title in GROUPS.items() if rows[group]),
                ("Adjusting a span (e)", ADJUST_KEYS),
                ("Mouse", [("click", "Place the cursor"), ("drag", "Select"), ("wheel", "Scroll")])]

    def _listed(self, binding: Any) -> bool:
        """Every binding with an id is listed (tag keys exist only for the codebook's tags)."""
        return bool(binding.id)

    def _keys_of(self, binding: Any) -> str:
        keys = self._keymap.get(binding.id, binding.key) if binding.id else binding.key
        return ", ".join(self.get_key_display(type(binding)(key, "")) for key in keys.split(","))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen
        definitions = [(f"{tag.key or '-'}  {tag.name}", tag.description) for tag in self.tags]
        self.push_screen(HelpScreen(self.key_sections(), definitions))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        from tui.bindings import palette_safe

        for binding in [*self.BINDINGS, *self.tag_bindings]:
            if self._listed(binding):
                # The palette reads titles as markup: a tag name it could misread is left out.
                title = binding.description
                if binding in self.tag_bindings:
                    title = palette_safe(title) or f"Tag with key {binding.key}"
                yield SystemCommand(title, f"{binding.id} ({binding.key})",
                                    lambda action=binding.action: self.run_action(action))
        for how, keys, _extend, description in MOVES:
            yield SystemCommand(description, f"move.{how} ({keys})",
                                lambda how=how: self.focused_view and self.focused_view.action_move(how))
