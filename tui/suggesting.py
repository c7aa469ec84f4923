"""The reader's suggestions (keys z Z + -): spans the rules propose, drawn dim, accepted or rejected one by one.

`z` shows or hides them in the focused pane. They are off until asked for: a pane of dim
underlines competes with the tags a coder is reading for, and a coder who has not asked for
machine proposals should never mistake one for work already done; the rules also cost time on a
long article. Once on, a pane keeps them on for every document it shows, and only the documents
shown are ever computed. `Z` goes to the next (showing them first if hidden), `+` makes the one
under the cursor an ordinary annotation, `-` rejects it (remembered in the database, for every
session, until undone); each is one undo step, and `u` brings a rejected one back.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.records import Annotation, Tag
    from store.store import Store
    from store.suggestions import OpenSuggestion
    from tui.comparing import Threads
    from tui.patient_writes import PatientWriter
    from tui.reading import Say, UpdateStatus, Views
    from tui.widgets.article_view import ArticleView

LAYER = "suggestions"
STYLE = "article--suggestion"  # a Panes component class: dim and underlined, never a tag's background
ORDER = -50  # over the tags (a suggestion inside a longer span still shows), under hits and the rest
# The rules run on the UI thread for an article up to this long (about 50 ms: they take about 1 s a
# MB, benchmarks/suggestions.py); a longer one in a worker thread, the keys live meanwhile.
THREAD_CHARS = 50_000


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SuggestingController:
    """Which panes show suggestions, each shown document's open suggestions, and the keys on them."""

    def __init__(self, store: Store, writer: PatientWriter, views: Views, say: Say, update_status: UpdateStatus,
                 threads: Threads, tags: Callable[[], list[Tag]],
                 refresh_annotation: Callable[[Annotation, bool], None]) -> None:
        self.store = store
        self.writer = writer
        self.views = views
        self.say = say
        self.update_status = update_status
        self.threads = threads
        self.tags = tags  # the codebook as the reader binds it: a rule runs only for a tag it has
        self.refresh_annotation = refresh_annotation  # the annotating controller's: views follow the store
        self.shown: set[str] = set()  # the ids of the panes showing suggestions (kept when panes are rebuilt)
        # Per document: the known actors the rules were given, and what they proposed (a stored text
        # never changes, so only a new actor name makes the rules run again).
        self._proposed: dict[str, tuple[tuple[str, ...], tuple[str, ...], list[OpenSuggestion]]] = {}
        self._open: dict[str, list[OpenSuggestion]] = {}  # per document: what is drawn, by (start, end)
        # Per document: the starts of those, and the running maximum of their ends (which of them
        # may hold the cursor, by bisection: the status line asks after every key).
        self._starts: dict[str, tuple[list[int], list[int]]] = {}
        self._computing: set[str] = set()

    # --- what is open -------------------------------------------------------------------------------
    def showing(self, view: ArticleView) -> bool:
        return view.id in self.shown

    def open_in(self, view: ArticleView) -> list[OpenSuggestion]:
        """The open suggestions drawn in `view` (none when it does not show them)."""
        if view.document is None or not self.showing(view):
            return []
        return self._open.get(view.document.id, [])

    def at_cursor(self, view: ArticleView) -> OpenSuggestion | None:
        """The shortest open suggestion at the cursor, or just before it (as with spans)."""
        index = self._index_at_cursor(view)
        return None if index is None else self.open_in(view)[index]

    def _index_at_cursor(self, view: ArticleView) -> int | None:
        found = self.open_in(view)
        if not found or view.document is None:
            return None
        starts, max_ends = self._starts[view.document.id]
        for cursor in (view.cursor, view.cursor - 1):
            inside = []
            index = bisect_right(starts, cursor) - 1
            while index >= 0 and max_ends[index] > cursor:  # nothing earlier reaches the cursor
                if found[index].end > cursor:
                    inside.append(index)
                index -= 1
            if inside:
                return min(inside, key=lambda i: (found[i].end - found[i].start, found[i].start))
        return None

    def status(self, view: ArticleView) -> str | None:
        """The status line's part: the suggestion under the cursor (tag and rule), else how many."""
        if not self.showing(view):
            return None
        if view.document is not None and view.document.id in self._computing:
            return "finding suggestions…"
        found = self.open_in(view)
        index = self._index_at_cursor(view)
        if index is not None:
            here = found[index]
            return f"suggested {here.tag} ({here.rule}) {index + 1}/{len(found)}: + accepts, - rejects"
        if not found:
            return "no open suggestion"
        return f"{len(found)} suggestion{'' if len(found) == 1 else 's'} (Z next)"

    # --- drawing ------------------------------------------------------------------------------------
    def draw(self, view: ArticleView) -> None:
        """A document was shown in `view` (a shown hook), or its suggestions were turned on: compute and draw."""
        document = view.document
        if document is None or not self.showing(view):
            return
        doc_id, text = document.id, document.text
        tags = tuple(tag.name for tag in self.tags())
        actors = tuple(self.store.known_actors())
        cached = self._proposed.get(doc_id)
        if cached is not None and cached[0] == actors and cached[1] == tags:
            self.refresh(doc_id)
            return
        if len(text) <= THREAD_CHARS:
            self._computed(doc_id, actors, tags, self._propose(doc_id, text, actors, tags))
            return
        if doc_id in self._computing:
            return
        self._computing.add(doc_id)
        self.update_status()

        def work() -> None:
            try:
                proposed = self._propose(doc_id, text, actors, tags)
            except Exception as error:  # a rule's bug must not end the reader: say it, draw nothing
                self.threads.call_from_thread(self._failed, doc_id, error)
                return
            self.threads.call_from_thread(self._computed, doc_id, actors, tags, proposed)

        self.threads.run_worker(work, thread=True, group="suggestions", exit_on_error=False)

    @staticmethod
    def _propose(doc_id: str, text: str, actors: Sequence[str], tags: Sequence[str]) -> list[OpenSuggestion]:
        from store.suggestions import as_open, proposals

        return as_open(doc_id, text, proposals(text, actors, tags))

    def _failed(self, doc_id: str, error: Exception) -> None:
        self._computing.discard(doc_id)
        self.update_status()
        self.say(f"Suggestions could not be computed: {error}", "error")

    def _computed(self, doc_id: str, actors: tuple[str, ...], tags: tuple[str, ...],
                  proposed: list[OpenSuggestion]) -> None:
        self._computing.discard(doc_id)
        self._proposed[doc_id] = (actors, tags, proposed)
        self.refresh(doc_id)

    def refresh(self, doc_id: str) -> None:
        """The document's annotations or decisions changed: draw what is still open in every pane showing it."""
        cached = self._proposed.get(doc_id)
        views = [view for view in self.views.views_of(doc_id) if self.showing(view)]
        if cached is None or not views:
            return
        closed = self.store.closed_suggestions(doc_id)  # what is annotated or rejected now
        found = [s for s in cached[2] if (s.tag, s.start, s.end) not in closed]  # in (start, end) order
        self._open[doc_id] = found
        self._starts[doc_id] = ([s.start for s in found], list(accumulate((s.end for s in found), max)))
        for view in views:
            view.set_layer(LAYER, [(s.start, s.end) for s in found], STYLE, order=ORDER)
        self.update_status()

    # --- keys ---------------------------------------------------------------------------------------
    def toggle(self) -> None:
        """z: show or hide the suggestions in the focused pane."""
        view = self.views.focused_view
        if view is None or view.id is None or view.document is None:
            return
        if self.showing(view):
            self.shown.discard(view.id)
            view.clear_layer(LAYER)
            self.update_status()
            self.say("Suggestions hidden in this pane (z shows them)")
            return
        self.shown.add(view.id)
        self.draw(view)
        if view.document.id not in self._computing:
            count = len(self.open_in(view))
            self.say(f"{count} suggestion{'' if count == 1 else 's'} in this document: Z goes to the next, "
                     "+ accepts, - rejects")

    def step(self) -> None:
        """Z: go to the next suggestion after the cursor, round to the first after the last."""
        view = self.views.focused_view
        if view is None or view.document is None:
            return
        if not self.showing(view):
            self.toggle()
        found = self.open_in(view)
        if not found:
            if view.document.id not in self._computing:
                self.say("No open suggestion in this document", "warning")
            return
        later = [s for s in found if s.start > view.cursor]
        target = later[0] if later else found[0]
        view.jump_to(target.start)
        if not later:
            self.say("Suggestions went on from the top of the document")

    def accept(self) -> None:
        """+: the suggestion under the cursor becomes an ordinary annotation (one undo step)."""
        view = self.views.focused_view
        found = self._under_cursor(view)
        if found is None:
            return
        tag = found.tag

        def accepted(annotation: Annotation) -> None:
            self.refresh_annotation(annotation, True)
            for shown in self.views.views_of(annotation.document_id):
                self.draw(shown)  # a new actor name makes the rules run again (it may occur elsewhere)
            self.say(f"Accepted the suggested {tag} “{_short(found.text)}” (u undoes)")

        self.writer.write(f"the suggested {tag} “{_short(found.text)}”", lambda: self.store.accept_suggestion(found),
                          accepted)

    def reject(self) -> None:
        """-: remember that the suggestion under the cursor is wrong (one undo step: u brings it back)."""
        view = self.views.focused_view
        found = self._under_cursor(view)
        if found is None:
            return

        def rejected(_decision: str) -> None:
            self.refresh(found.document_id)
            self.say(f"Rejected the suggested {found.tag} “{_short(found.text)}” (u brings it back)")

        self.writer.write(f"the rejection of “{_short(found.text)}”", lambda: self.store.reject_suggestion(found),
                          rejected)

    def _under_cursor(self, view: ArticleView | None) -> OpenSuggestion | None:
        if view is None or view.document is None:
            return None
        if not self.showing(view):
            self.say("Suggestions are hidden in this pane: z shows them", "warning")
            return None
        found = self.at_cursor(view)
        if found is None:
            self.say("No suggestion under the cursor (Z goes to the next)", "warning")
        return found
