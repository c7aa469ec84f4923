"""The reader's entity manager controller (ctrl+e): rename, merge and delete entities, one undo step each.

The screen (tui/screens/entities.py) asks; this saves through the patient writer and tells the screen
what happened. Spans do not move, so no pane redraws: the status line (which names the entity under
the cursor) is brought up to date, and coverage, the annotation list and exports read the store.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from store.entities import EntityCount
    from store.store import Store
    from tui.patient_writes import PatientWriter
    from tui.reading import Say, Show, UpdateStatus
    from tui.screens.entities import Done


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _spans(count: int) -> str:
    return f"{count} span{'' if count == 1 else 's'}"


class EntityManagement:
    """Opens the entity manager and carries out what it asks (the screen's EntityEdits)."""

    def __init__(self, store: Store, writer: PatientWriter, say: Say, show: Show,
                 update_status: UpdateStatus) -> None:
        from store.entities import OFFER_SCORE, score

        self.store = store
        self.writer = writer
        self.say = say
        self.show = show
        self.update_status = update_status
        self.score: Callable[[str, str], float] = score
        self.offer_score: float = OFFER_SCORE

    def open(self) -> None:
        """ctrl+e: the manager over the reader."""
        from tui.screens.entities import EntitiesScreen

        self.show(EntitiesScreen(self))

    def listing(self) -> list[EntityCount]:
        return self.store.entities()

    def _save(self, what: str, call: Callable[[], Any], said: Callable[[Any], str], done: Done) -> None:
        """Save `call()`; a refusal of the store's entities module (a name taken, an entity gone) is
        told to the screen, other errors (busy, read-only) the writer says."""
        from store.entities import EntityError

        def attempt() -> Any:
            try:
                return call()
            except EntityError as error:
                return error

        def saved(result: Any) -> None:
            self.update_status()
            if isinstance(result, EntityError):
                done(str(result), True)
            else:
                message = said(result)
                done(message, False)
                self.say(message)

        self.writer.write(what, attempt, saved)

    def rename(self, entity_id: str, name: str, done: Done) -> None:
        self._save("the entity's new name", lambda: self.store.rename_entity(entity_id, name),
                   lambda entity: f"Renamed to “{_short(entity.name)}” (u in the reader undoes)", done)

    def merge(self, source_id: str, target_id: str, done: Done) -> None:
        def said(result: Any) -> str:
            target, moved = result
            verb = "names" if moved == 1 else "name"
            return f"Merged: {_spans(moved)} now {verb} “{_short(target.name)}” (u in the reader undoes)"

        self._save("the merge", lambda: self.store.merge_entities(source_id, target_id), said, done)

    def delete(self, entity_id: str, done: Done) -> None:
        def said(result: Any) -> str:
            entity, unlinked = result
            kept = f"; its {_spans(unlinked)} {'names' if unlinked == 1 else 'name'} no entity now" if unlinked else ""
            return f"Deleted “{_short(entity.name)}”{kept} (u in the reader undoes)"

        self._save("the deletion of the entity", lambda: self.store.delete_entity(entity_id), said, done)
