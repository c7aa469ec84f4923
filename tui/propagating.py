"""The reader's propagation controller (key p): tag every other occurrence of the current span's text.

p on the span just tagged (or the one under the cursor) counts the other whole-word occurrences
of its text across the corpus in a thread (its own connection: the keys stay live at 40,000
articles), shows how many and where, and on Enter tags them all in one action, so one u takes
them all back. Spans copy the tag and the entity of the span propagated.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.propagation import Occurrences
    from store.records import Annotation
    from store.store import Store
    from tui.comparing import Threads
    from tui.patient_writes import PatientWriter
    from tui.reading import Say, Show, UpdateStatus, Views
    from tui.widgets.article_view import ArticleView


class Propagation:
    """Counts in the background, confirms on a screen, tags in one undoable action."""

    def __init__(self, store: Store, writer: PatientWriter, views: Views, say: Say, show: Show,
                 update_status: UpdateStatus, threads: Threads,
                 current_annotation: Callable[[ArticleView], Annotation | None]) -> None:
        self.store = store
        self.writer = writer
        self.views = views
        self.say = say
        self.show = show
        self.update_status = update_status
        self.threads = threads  # the count runs in a worker thread, on a connection of its own
        self.current_annotation = current_annotation  # the span just tagged, else the one at the cursor
        self.counting: str | None = None  # the text being counted, while a count runs

    def start(self) -> None:
        """p: count the other occurrences of the current span's text."""
        view = self.views.focused_view
        annotation = self.current_annotation(view) if view is not None else None
        if annotation is None:
            self.say("Put the cursor on a span (or tag one) to tag every other occurrence of its text", "warning")
            return
        self.count(annotation, case_sensitive=True)

    def count(self, annotation: Annotation, case_sensitive: bool) -> None:
        if self.counting is not None:
            self.say(f"Still counting the occurrences of “{_short(self.counting)}”", "warning")
            return
        self.counting = annotation.text
        self.update_status(f"counting the occurrences of “{_short(annotation.text)}”…")
        source = (annotation.document_id, annotation.start, annotation.end)
        store = self.store

        def work() -> Occurrences | Exception:
            from store.connect import open_another
            from store.errors import StoreError

            try:
                if str(store.path) == ":memory:":  # no file another connection could open
                    return store.find_occurrences(annotation.text, annotation.tag,
                                                  case_sensitive=case_sensitive, source=source)
                other = open_another(store)
                try:
                    return other.find_occurrences(annotation.text, annotation.tag,
                                                  case_sensitive=case_sensitive, source=source)
                finally:
                    other.close()
            except (StoreError, OSError) as error:
                return error

        def run() -> None:
            result = work()
            self.threads.call_from_thread(self.counted, annotation, result)

        self.threads.run_worker(run, thread=True, group="propagation", exit_on_error=False)

    def counted(self, annotation: Annotation, result: Occurrences | Exception) -> None:
        """On the UI thread: say there is nothing to do, or show the confirm screen."""
        from tui.screens.propagate import PropagateScreen

        self.counting = None
        self.update_status("")
        if isinstance(result, Exception):
            self.say(f"Could not count the occurrences: {result}", "error")
            return
        if not result.found:
            already = f" ({result.already:,} more already inside a span of {result.tag})" if result.already else ""
            case = "" if result.case_sensitive else " in any case"
            self.say(f"No other occurrence of “{_short(result.text)}”{case} to tag{already}")
            return
        entity = self.store.entity_of(annotation.id) if annotation.entity_id else None

        def chosen(answer: str | None) -> None:
            if answer == "case":
                self.count(annotation, not result.case_sensitive)
            elif answer == "tag":
                self.tag(result, entity.id if entity else None)

        self.show(PropagateScreen(result, entity.name if entity else None), chosen)

    def tag(self, found: Occurrences, entity_id: str | None) -> None:
        def done(made: list[str]) -> None:
            for counted in found.documents:
                for view in self.views.views_of(counted.document_id):
                    view.replace_spans(self.store.spans(counted.document_id))
            self.update_status("")
            self.say(f"Tagged {len(made):,} more “{_short(found.text)}” as {found.tag} in "
                     f"{len(found.documents):,} document{'' if len(found.documents) == 1 else 's'} "
                     "(one u undoes them all)")

        self.writer.write(f"the propagation of “{_short(found.text)}”",
                          lambda: self.store.propagate(found, entity_id), done)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
