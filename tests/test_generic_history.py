"""The generic undo log: one action is one undo step, whatever rows and tables it touched."""
from __future__ import annotations

import pytest

import store
from corpus.document import Document
from store.errors import UndoConflictError

TEXT = "The minister said the plan costs $2.4 billion, according to Ana Lope."


@pytest.fixture
def s(tmp_path):
    st = store.open_store(tmp_path / "h.db")
    st.add_document(Document(id="d", title="D", text=TEXT))
    yield st
    st.close()


def test_an_action_touching_many_rows_of_two_tables_is_one_undo_step(s):
    quote = s.add_annotation("d", 4, 12, "quote")
    actor = s.add_annotation("d", 60, 68, "actor")
    with s.transaction("relate") as action:
        action.insert("relations", {"id": "r1", "document_id": "d", "source_id": quote.id, "target_id": actor.id,
                                    "type": "said_by", "annotator": "ana", "created": action.at})
        action.update("annotations", quote.id, note="attributed")
    change = s.undo()
    assert change is not None and change.kind == "relate"
    assert [(row.table, row.row_id) for row in change.rows] == [("relations", "r1"), ("annotations", quote.id)]
    assert s.conn.execute("SELECT COUNT(*) FROM relations").fetchone()[0] == 0
    assert s.annotation(quote.id) == quote
    assert s.redo() is not None
    assert s.conn.execute("SELECT type FROM relations").fetchall() == [("said_by",)]
    assert s.annotation(quote.id).note == "attributed"


def test_deleting_a_span_with_its_relation_comes_back_in_the_right_order(s):
    # Foreign keys are on: the span must be back before the relation that refers to it.
    quote = s.add_annotation("d", 4, 12, "quote")
    actor = s.add_annotation("d", 60, 68, "actor")
    with s.transaction("relate") as action:
        action.insert("relations", {"id": "r1", "document_id": "d", "source_id": quote.id, "target_id": actor.id,
                                    "type": "said_by", "annotator": "", "created": action.at})
    with s.transaction("delete") as action:
        action.delete("relations", "r1")
        action.delete("annotations", actor.id)
    assert s.undo().kind == "delete"
    assert s.annotation(actor.id) == actor
    assert s.conn.execute("SELECT source_id, target_id FROM relations").fetchall() == [(quote.id, actor.id)]


def test_an_action_that_changed_nothing_leaves_no_step(s):
    with s.transaction("nothing"):
        pass
    assert s.undo() is None
    assert s.conn.execute("SELECT COUNT(*) FROM actions").fetchone()[0] == 0


def test_a_failed_action_leaves_neither_rows_nor_a_step(s):
    quote = s.add_annotation("d", 4, 12, "quote")
    with pytest.raises(RuntimeError), s.transaction("broken") as action:
        action.update("annotations", quote.id, note="half")
        raise RuntimeError("midway")
    assert s.annotation(quote.id).note == ""
    assert [k for (k,) in s.conn.execute("SELECT kind FROM actions")] == ["create"]


def test_an_action_another_session_changed_since_is_refused_whole(s, tmp_path):
    quote = s.add_annotation("d", 4, 12, "quote")
    number = s.add_annotation("d", 33, 45, "number")
    with s.transaction("two") as action:
        action.update("annotations", quote.id, note="mine")
        action.insert("entities", {"id": "e1", "name": "Ana Lope", "annotator": "", "created": action.at})
    other = store.open_store(tmp_path / "h.db")
    other.owner = "reader:bob"
    try:
        with other.transaction("rename") as action:
            action.update("entities", "e1", name="Ana Lopes")
    finally:
        other.close()
    with pytest.raises(UndoConflictError, match="bob .*changed it since"):
        s.undo()
    assert s.annotation(quote.id).note == "mine"  # nothing of the refused action was replayed
    change = s.undo()  # it left the stack; the step before it goes on
    assert change.kind == "create" and change.annotation.id == number.id


def test_updated_by_names_who_changed_it_last(s):
    ann = s.add_annotation("d", 4, 12, "quote", annotator="root")
    assert (ann.annotator, ann.updated_by) == ("root", "root")
    s.annotator = "bob"
    noted = s.set_note(ann.id, "checked")
    assert (noted.annotator, noted.updated_by) == ("root", "bob")
    moved = s.move_span(ann.id, 4, 8)
    assert moved.updated_by == "bob"
    s.undo()
    assert s.annotation(ann.id).updated_by == "bob"  # back to the note, which bob made
    s.undo()
    assert s.annotation(ann.id).updated_by == "root"


def test_a_table_outside_the_log_is_refused(s):
    with pytest.raises(ValueError, match="TABLE_KEYS"), s.transaction("x") as action:
        action.insert("state", {"key": "k", "value": "1"})


V5 = __import__("pathlib").Path(__file__).parent / "data" / "v5-history.db"  # written at schema 5 (8c2991a)


def test_a_v5_database_keeps_every_row_and_both_sessions_undo_stacks(tmp_path):
    import shutil

    path = tmp_path / "v5.db"
    shutil.copyfile(V5, path)
    s = store.open_store(path)
    try:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == store.schema.schema_version() == 6
        tables = {name for (name,) in s.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "history" not in tables and {"actions", "changes", "relations"} <= tables
        assert [(a.text, a.annotator, a.updated_by, a.attributes) for a in s.annotations()] == [
            ("The minister", "ana", "ana", "{}"), ("4.2%", "ana", "ana", "{}"), ("4.2 per cent,", "bob", "bob", "{}")]
        assert s.annotations()[1].note == "check ONS"
        assert [t.name for t in s.tags()] == ["quote", "claim", "number", "actor", "frame"]
        assert s.tags()[4].description == "A frame."
        assert s.get_state("panes") == [{"document": "bbc-1", "cursor": 5, "top": 0}]
        assert [r.name for r in s.relation_types()] == ["said_by"]
        actions = s.conn.execute("SELECT id, owner, kind, undone FROM actions ORDER BY id").fetchall()
        assert actions == [(1, "reader:ana", "create", 0), (2, "reader:ana", "create", 0),
                           (3, "reader:ana", "note", 0), (4, "reader:bob", "create", 0),
                           (5, "reader:bob", "move", 0), (6, "reader:ana", "create", 1)]
        s.owner = "reader:ana"
        assert s.redo().annotation.text == "said"  # ana's undone claim comes back, as schema 6 stores it
        assert s.annotations()[1].updated_by == "ana"
        assert s.undo().annotation.text == "said"
        change = s.undo()  # ana's step before is her note, not bob's move
        assert change.kind == "note" and s.annotations()[1].note == ""
        s.owner = "reader:bob"
        change = s.undo()
        assert (change.kind, change.annotation.text) == ("move", "4.2 per cent")
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        s.close()
