"""Undo belongs to the session that made the change; a v1 database keeps its data and undo history."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import store
from corpus.document import Document
from store.errors import UndoConflictError

V1 = Path(__file__).parent / "data" / "v1-history.db"  # written by sidebyside at schema 1 (bc7931a)
TEXT = "Huawei said 40% of its staff agreed, according to Richard Grenell. " * 4


@pytest.fixture
def two_sessions(tmp_path):
    path = tmp_path / "shared.db"
    ana = store.open_store(path)
    ana.add_document(Document(id="d", title="D", text=TEXT))
    ana.owner = "reader:ana"
    bob = store.open_store(path)
    bob.owner = "reader:bob"
    yield ana, bob
    ana.close()
    bob.close()


def test_a_v1_database_keeps_every_row_and_its_undo_and_redo_stacks(tmp_path):
    path = tmp_path / "old.db"
    shutil.copyfile(V1, path)
    s = store.open_store(path)
    try:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == store.schema.schema_version() >= 2
        assert [a.text for a in s.annotations()] == ["The minister", "4.2%", "said Ana Lope"]
        assert s.annotations()[1].note == "check ONS"
        assert s.get_state("panes") == [{"document": "bbc-1", "cursor": 5, "top": 0}]
        owners = s.conn.execute("SELECT id, owner, undone FROM actions ORDER BY id").fetchall()
        assert owners == [(1, "reader:ana", 0), (2, "reader:ana", 0), (3, "reader:ana", 0),
                          (4, "reader:bob", 0), (5, "reader:bob", 0), (6, "reader:ana", 1)]
        s.owner = "reader:ana"
        assert s.redo().annotation.text == "said"  # ana's undone claim comes back
        assert s.undo().annotation.text == "said"
        assert s.undo().kind == "note"  # ana's next step back is her note, not bob's move
        s.owner = "reader:bob"
        change = s.undo()
        assert (change.kind, change.annotation.text) == ("move", " Ana Lope")
    finally:
        s.close()


def test_undo_never_touches_another_sessions_change(two_sessions):
    ana, bob = two_sessions
    mine = ana.add_annotation("d", 0, 6, "actor", annotator="ana")
    theirs = bob.add_annotation("d", 12, 15, "number", annotator="bob")
    assert ana.undo().annotation.id == mine.id
    assert bob.count_annotations() == 1 and ana.annotation(theirs.id) == theirs
    assert ana.undo() is None  # nothing of ana's is left to undo; bob's span stays
    bob.add_annotation("d", 20, 25, "claim", annotator="bob")  # bob's change keeps ana's redo stack
    assert ana.redo().annotation.id == mine.id
    assert bob.undo().annotation.text == TEXT[20:25]
    assert bob.undo().annotation.id == theirs.id
    assert [a.id for a in ana.annotations()] == [mine.id]


def test_undo_of_an_annotation_someone_else_changed_since_is_refused_and_says_who(two_sessions):
    ana, bob = two_sessions
    earlier = ana.add_annotation("d", 50, 57, "actor", annotator="ana")
    mine = ana.add_annotation("d", 0, 6, "actor", annotator="ana")
    bob.set_note(mine.id, "bob checked this")
    with pytest.raises(UndoConflictError, match="bob .*changed it since"):
        ana.undo()
    assert ana.annotation(mine.id).note == "bob checked this"  # bob's work is kept
    assert ana.undo().annotation.id == earlier.id  # the refused step left ana's stack
    assert bob.undo().annotation.note == ""  # bob can still undo his own note


async def test_the_readers_u_undoes_its_own_tag_not_a_scripts(seeded_store, make_reader):
    app = make_reader()
    async with app.run_test(size=(160, 40)) as pilot:
        view = app.focused_view
        view.move_to(view.text.index("Huawei"))
        await pilot.press("1")
        script = store.open_store(seeded_store.path)  # another session: a script on the same file
        try:
            other = script.add_annotation(view.document.id, 0, 3, "claim", annotator="script")
        finally:
            script.close()
        await pilot.pause(0.8)  # the reader notices the script's span and draws it
        assert view.spans.get(other.id) is not None
        await pilot.press("u")
        assert [a.id for a in seeded_store.annotations()] == [other.id]
        await pilot.press("u")
        assert any("Nothing to undo" in notice.message for notice in app._notifications)
        assert [a.id for a in seeded_store.annotations()] == [other.id]


async def test_the_reader_says_when_its_undo_would_throw_away_someone_elses_change(seeded_store, make_reader):
    app = make_reader()
    async with app.run_test(size=(160, 40)) as pilot:
        view = app.focused_view
        view.move_to(view.text.index("Huawei"))
        await pilot.press("1")
        [mine] = seeded_store.annotations()
        script = store.open_store(seeded_store.path)
        script.owner = "reader:bob"
        try:
            script.set_note(mine.id, "bob's note")
        finally:
            script.close()
        await pilot.press("u")
        assert seeded_store.annotation(mine.id).note == "bob's note"
        messages = [notice.message for notice in app._notifications]
        assert any("cannot undo the create of quote" in m and "bob" in m for m in messages)
