"""The reader's relations (keys r, R): link a quote to its speaker from the keyboard, and show who said it.

`r` on a span that starts a relation (a quote or claim in the default codebook) begins a link: the
status line says "link from “…” — pick target", moving the cursor (or `]`/`[`, which then step
between the spans the link may end on) picks the target, Enter links (after a chooser when several
relation types fit), Esc cancels. With the cursor on a span, the other ends of its relations are
drawn as the layer "relation-target" and named in the status line ("said by: Richard Grenell").
Both follow the store whenever the status line is drawn, so undo, redo and other processes'
changes show at once. `R` lists the document's relations; `d` on a span in a relation asks first.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from store.records import Annotation
    from store.relations import Relation, RelationInfo
    from store.store import Store
    from tui.patient_writes import PatientWriter
    from tui.reading import Say, Show, UpdateStatus, Views
    from tui.spans import Span
    from tui.widgets.article_view import ArticleView

LAYER = "relation-target"
STYLE = "article--relation-target"
ORDER = 50  # over the tags (-100), under search hits (100)


class Link(NamedTuple):
    """A link being made: from this span, in this pane, to a span of one of these tags."""

    view: ArticleView
    source: Annotation
    targets: frozenset[str]


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quoted(text: str, limit: int = 40) -> str:
    """A span's text in quotation marks, unless it has its own (a quote's “…” is not wrapped again)."""
    short = _short(text, limit)
    return short if short[:1] in "“\"«„‘'" else f"“{short}”"


def _a(tag: str) -> str:
    """The tag with its article: "a quote", "an actor"."""
    return f"{'an' if tag[:1].lower() in 'aeiou' else 'a'} {tag}"


def type_label(name: str) -> str:
    """A relation type as a status line says it: said_by -> "said by"."""
    return name.replace("_", " ")


def relation_labels(relations: Iterable[RelationInfo]) -> dict[str, str]:
    """What each source span is linked to, by its id: "said by: Richard Grenell" (the annotation list's column)."""
    named: dict[str, dict[str, list[str]]] = {}
    for info in relations:
        named.setdefault(info.source.id, {}).setdefault(type_label(info.relation.type), []).append(
            _short(info.target.text, 30))
    return {ann_id: " · ".join(f"{label}: {', '.join(names)}" for label, names in by_type.items())
            for ann_id, by_type in named.items()}


class Linking:
    """Makes, lists and deletes relations; draws the other ends of the span under the cursor."""

    def __init__(self, store: Store, writer: PatientWriter, views: Views, say: Say, show: Show,
                 update_status: UpdateStatus, current_annotation: Callable[[ArticleView], Annotation | None],
                 span_at_cursor: Callable[[ArticleView], Span | None]) -> None:
        self.store = store
        self.writer = writer
        self.views = views
        self.say = say
        self.show = show
        self.update_status = update_status
        self.current_annotation = current_annotation  # the span just tagged, else the one at the cursor
        self.span_at_cursor = span_at_cursor  # the innermost span at (or just before) the cursor
        self.link: Link | None = None
        self._drawn: ArticleView | None = None  # the pane whose relation layer is set

    # --- making a link ------------------------------------------------------------------------
    def start(self) -> None:
        """r: begin a link from the span the cursor means."""
        view = self.views.focused_view
        source = self.current_annotation(view) if view is not None else None
        if view is None or source is None:
            self.say("Put the cursor on a quote (or another span that starts a relation) to link it", "warning")
            return
        targets = frozenset(tag for kind in self.store.relation_types() if source.tag in kind.source
                            for tag in kind.target)
        if not targets:
            starts = sorted({tag for kind in self.store.relation_types() for tag in kind.source})
            self.say(f"{_a(source.tag).capitalize()} starts no relation in this codebook (relations start from "
                     f"{', '.join(starts) or 'no tag'})", "warning")
            return
        self.link = Link(view, source, targets)
        self.update_status()

    def candidate(self, view: ArticleView) -> Span | None:
        """The innermost span at the cursor that the link may end on (not its source)."""
        link = self.link
        if link is None or view is not link.view:
            return None
        for offset in (view.cursor, view.cursor - 1):  # the cursor just after a span still means it
            found = [span for span in view.spans.containing(offset)
                     if span.tag in link.targets and span.id != link.source.id]
            if found:
                return found[-1]
        return None

    def step(self, direction: int) -> bool:
        """] / [ while linking: jump to the next / previous span the link may end on; False when not linking."""
        link = self.link
        view = self.views.focused_view
        if link is None or view is not link.view:
            return False
        spans = [span for span in view.spans if span.tag in link.targets and span.id != link.source.id]
        ahead = [s for s in spans if s.start > view.cursor] if direction > 0 else \
            [s for s in reversed(spans) if s.start < view.cursor]
        if not ahead:
            self.say(f"No {' or '.join(sorted(link.targets))} {'after' if direction > 0 else 'before'} "
                     "the cursor to link to", "warning")
        else:
            view.jump_to(ahead[0].start)
        return True

    def confirm(self) -> bool:
        """Enter while linking: link to the span at the cursor (choosing the type if several fit)."""
        link = self.link
        if link is None:
            return False
        target = self.candidate(link.view)
        if target is None:
            self.say(f"Move to {_a(' or '.join(sorted(link.targets)))} to link to (Esc cancels the link)", "warning")
            return True
        types = self.store.relation_types_between(link.source.tag, target.tag)
        if len(types) == 1:
            self._save(link, target, types[0].name)
        elif types:
            from tui.screens.relation_type import RelationTypeScreen

            def chosen(name: str | None) -> None:
                if name is not None:
                    self._save(link, target, name)

            target_text = link.view.text[target.start:target.end]
            self.show(RelationTypeScreen(types, link.source.text, target_text), chosen)
        return True

    def cancel(self) -> bool:
        """Esc while linking: stop, linking nothing; False when no link was being made."""
        if self.link is None:
            return False
        self.link = None
        self.update_status()
        self.say("Link cancelled")
        return True

    def _save(self, link: Link, target: Span, type_name: str) -> None:
        target_text = link.view.text[target.start:target.end]

        def saved(relation: Relation) -> None:
            self.link = None
            self.update_status()
            self.say(f"{_quoted(link.source.text)} {type_label(relation.type)} {_quoted(target_text)} (u undoes)")

        self.writer.write(f"the link {type_label(type_name)} {_quoted(target_text)}",
                          lambda: self.store.add_relation(link.source.id, target.id, type_name), saved)

    # --- the relations list and deleting ------------------------------------------------------
    def open_list(self) -> None:
        """R: the document's relations; d deletes one (undoable), Enter jumps to its source."""
        view = self.views.focused_view
        if view is None or view.document is None:
            return
        from tui.screens.relations import RelationsScreen

        def jump(source_id: str | None) -> None:
            span = view.spans.get(source_id) if source_id else None
            if span is not None:
                view.focus()
                view.jump_to(span.start)

        self.show(RelationsScreen(self.store.relations(view.document.id), view.document.title, self.delete), jump)

    def delete(self, info: RelationInfo, done: Callable[[], None]) -> None:
        """Delete one relation (its spans stay); `done` after it is saved."""
        def deleted(_relation: Relation) -> None:
            done()
            self.update_status()
            self.say(f"Deleted: {_quoted(info.source.text)} {type_label(info.relation.type)} "
                     f"{_quoted(info.target.text)} (u undoes)")

        self.writer.write("the relation's deletion", lambda: self.store.delete_relation(info.relation.id), deleted)

    def delete_span(self, delete: Callable[[], None]) -> None:
        """d: delete the span under the cursor with `delete`, asking first when it is in relations
        (the store removes them with it, one undo step)."""
        view = self.views.focused_view
        annotation = self.current_annotation(view) if view is not None else None
        relations = self.store.relations_of(annotation.id) if annotation is not None else []
        if annotation is None or not relations:
            delete()
            return
        from tui.screens.confirm import ConfirmScreen

        lines = [f"{_quoted(info.source.text)} {type_label(info.relation.type)} {_quoted(info.target.text)}"
                 for info in relations]
        count = len(relations)
        title = (f"Delete the {annotation.tag} {_quoted(annotation.text)} and its {count} "
                 f"relation{'' if count == 1 else 's'}?")

        def answered(yes: bool | None) -> None:
            if yes:
                delete()

        self.show(ConfirmScreen(title, lines, "d / y / enter delete both · n / esc keep"), answered)

    # --- shown while reading --------------------------------------------------------------------
    def status(self, view: ArticleView) -> str | None:
        """The status line's part ("link from … — pick target", or "said by: Richard Grenell"), and
        the relation layer it names, drawn in the focused pane: both follow the store each time the
        status line is drawn (a key, an undo or redo, another process's change)."""
        link = self.link
        if link is not None and (link.view.document is None or link.view.document.id != link.source.document_id):
            link = self.link = None  # the pane went to another document: a link stays within one
        if link is not None and view is link.view:
            target = self.candidate(view)
            self._draw(view, [(target.start, target.end)] if target is not None else [])
            picked = (f"→ {target.tag} {_quoted(view.text[target.start:target.end], 30)}: Enter links"
                      if target is not None else f"pick target ({' or '.join(sorted(link.targets))}: ] [ or move)")
            return f"link from {_quoted(link.source.text, 30)} — {picked} · Esc cancels"
        span = self.span_at_cursor(view) if view.document is not None else None
        relations = self.store.relations_of(span.id) if span is not None else []
        outgoing = [info for info in relations if span is not None and info.relation.source_id == span.id]
        self._draw(view, [(info.target.start, info.target.end) for info in outgoing])
        if not outgoing:
            incoming = len(relations)
            return f"in {incoming} relation{'' if incoming == 1 else 's'} (R lists)" if incoming else None
        return relation_labels(outgoing)[outgoing[0].source.id]

    def _draw(self, view: ArticleView, ranges: list[tuple[int, int]]) -> None:
        if self._drawn is not None and self._drawn is not view:
            self._drawn.clear_layer(LAYER)
        if ranges:
            view.set_layer(LAYER, ranges, STYLE, order=ORDER)
        else:
            view.clear_layer(LAYER)
        self._drawn = view
