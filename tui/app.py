"""The reader app: starts the reading screen, opens the screens over it, keeps the file sound, quits."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import App, SystemCommand
from textual.screen import Screen

from tui.bindings import APP_BINDINGS, MOVES
from tui.launch import resume_collector
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.status_line import FALLBACK_TAG_COLOUR, usable_colour

if TYPE_CHECKING:
    from store.store import Store

__all__ = ["FALLBACK_TAG_COLOUR", "ReaderApp", "usable_colour"]


class ReaderApp(App[None]):
    """Read documents side by side; every key press that changes data goes straight to the store.

    The reading itself (panes, legend, status line, the keys and their controllers) is the
    ReaderScreen, the first screen on the stack: `app.reader`.
    """

    CSS_PATH = "app.tcss"
    TITLE = "sidebyside"

    def __init__(self, store: Store, annotator: str, document_ids: Iterable[str] | None = None,
                 refused: list[str] | None = None, keymap: dict[str, str] | None = None,
                 warnings: list[str] | None = None) -> None:
        super().__init__()
        self.store = store
        self.annotator = annotator
        store.owner = f"reader:{annotator}"  # u undoes this annotator's changes only, across restarts
        store.annotator = annotator  # recorded as updated_by on what this reader changes
        from tui.patient_writes import READER_BUSY_TIMEOUT_MS

        store.conn.execute(f"PRAGMA busy_timeout = {READER_BUSY_TIMEOUT_MS}")
        self.refused = refused or []
        self._keymap = keymap or {}
        self.warnings = list(warnings or [])  # said once the reader is on screen
        self.manages_collector = False  # set after the first frame if the launcher paused the collector
        self.quitting = False
        import threading

        self._check_lock = threading.Lock()
        self.crash_report: str | None = None  # the traceback, if an unhandled exception ended the app
        self.reader = ReaderScreen(store, annotator, list(document_ids or []), self._keymap, self,
                                   self.file_is_sound, lambda: self.manages_collector)
        self.warnings.extend(self.reader.codebook_problems)

    def get_default_screen(self) -> ReaderScreen:
        return self.reader

    # Conveniences for scripts and tests: the reading screen's panes.
    @property
    def focused_view(self) -> ArticleView | None:
        return self.reader.focused_view

    @property
    def panes(self) -> list[ArticleView]:
        return self.reader.panes

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
        self.call_after_refresh(self._resume_collector)
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

        self.reader.update_status()
        self.push_screen(MessageScreen("This database is damaged: nothing will be written to it", [message]))

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
            self.store.set_state("panes", self.reader.remember_positions())
        except StoreError as error:  # every annotation is committed already; only positions are lost
            self.exit(message=Text(f"Pane positions not saved: {error}"))
            return
        self.exit()

    # --- help and the command palette ------------------------------------------------------------
    def key_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The keys overlay: one section per binding group, in GROUPS order, one line per binding."""
        from tui.bindings import ADJUST_KEYS, ATTRIBUTE_KEYS, ENTITY_KEYS, GROUPS, LINK_KEYS, group_of, help_line

        rows: dict[str, list[tuple[str, str]]] = {group: [] for group in GROUPS}
        for binding in [*ArticleView.BINDINGS, *self.reader.tag_bindings, *APP_BINDINGS]:
            if self._listed(binding):
                rows[group_of(binding.id or "")].append((self._keys_of(binding), help_line(binding)))
        return [*((title, rows[group]) for group, title in GROUPS.items() if rows[group]),
                ("Adjusting a span (e)", ADJUST_KEYS), ("Attributes (t)", ATTRIBUTE_KEYS),
                ("Linking a quote to its speaker (r)", LINK_KEYS),
                ("Entities (ctrl+e)", ENTITY_KEYS),
                ("Mouse", [("click", "Place the cursor"), ("drag", "Select"), ("wheel", "Scroll")])]

    def _listed(self, binding: Any) -> bool:
        """Every binding with an id is listed (tag keys exist only for the codebook's tags)."""
        return bool(binding.id)

    def _keys_of(self, binding: Any) -> str:
        keys = self._keymap.get(binding.id, binding.key) if binding.id else binding.key
        return ", ".join(self.get_key_display(type(binding)(key, "")) for key in keys.split(","))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen
        definitions = [(f"{tag.key or '-'}  {tag.name}", tag.description) for tag in self.reader.tags]
        self.push_screen(HelpScreen(self.key_sections(), definitions))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        from tui.bindings import palette_safe

        tag_bindings = self.reader.tag_bindings
        for binding in [*APP_BINDINGS, *tag_bindings]:
            if self._listed(binding):
                # The palette reads titles as markup: a tag name it could misread is left out.
                title = binding.description
                if binding in tag_bindings:
                    title = palette_safe(title) or f"Tag with key {binding.key}"
                yield SystemCommand(title, f"{binding.id} ({binding.key})",
                                    lambda action=binding.action: self.run_action(action, self.reader))
        for how, keys, _extend, description in MOVES:
            yield SystemCommand(description, f"move.{how} ({keys})",
                                lambda how=how: self._move(how))

    def _move(self, how: str) -> None:
        view = self.focused_view
        if view is not None:
            view.action_move(how)
