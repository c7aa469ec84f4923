"""Undo and redo: persistent, exact, never losing or duplicating an annotation."""
from __future__ import annotations

import random

import pytest

import store
from corpus.document import Document

TEXT = "The minister said 40% of 😀 voters agreed, according to 中文 sources." * 3


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "undo.db"
    s = store.open_store(p)
    s.add_document(Document(id="d1", title="One", text=TEXT))
    s.close()
    return p


@pytest.fixture
def s(path):
    st = store.open_store(path)
    yield st
    st.close()


def ids(s):
    return [a.id for a in s.annotations()]


def test_nothing_to_undo_or_redo(s):
    assert s.undo() is None and s.redo() is None


def test_create_create_undo_undo_redo_redo(s):
    a = s.add_annotation("d1", 0, 3, "quote")
    b = s.add_annotation("d1", 4, 12, "actor")
    c1 = s.undo()
    assert (c1.kind, c1.annotation, c1.document_id, c1.undone, c1.exists) == (
        "create", b, "d1", True, False)
    assert ids(s) == [a.id]
    c2 = s.undo()
    assert c2.annotation == a and not c2.exists and ids(s) == []
    assert s.undo() is None
    r1 = s.redo()
    assert (r1.annotation, r1.undone, r1.exists) == (a, False, True)
    r2 = s.redo()
    assert r2.annotation == b
    assert s.redo() is None
    assert s.annotations() == [a, b]
    assert s.count_annotations() == 2


def test_undo_delete_restores_exact_row(s):
    a = s.add_annotation("d1", 5, 9, "claim", note="keep me", annotator="ana")
    s.delete_annotation(a.id)
    change = s.undo()
    assert (change.kind, change.exists, change.annotation) == ("delete", True, a)
    assert s.annotation(a.id) == a
    assert s.redo().exists is False
    assert s.count_annotations() == 0


def test_undo_note_and_move(s):
    a = s.add_annotation("d1", 0, 3, "quote", note="old")
    s.set_note(a.id, "new")
    moved = s.move_span(a.id, 4, 12)
    assert s.undo().annotation == s.annotation(a.id)
    after_move_undo = s.annotation(a.id)
    assert (after_move_undo.start, after_move_undo.end, after_move_undo.text) == (0, 3, "The")
    assert after_move_undo.note == "new"
    assert s.undo().kind == "note"
    assert s.annotation(a.id) == a
    s.redo()
    assert s.redo().annotation == moved == s.annotation(a.id)


def test_new_change_clears_redo(s):
    a = s.add_annotation("d1", 0, 3, "quote")
    s.undo()
    b = s.add_annotation("d1", 4, 8, "quote")
    assert s.redo() is None
    assert ids(s) == [b.id]
    assert s.conn.execute("SELECT COUNT(*) FROM actions WHERE undone = 1").fetchone()[0] == 0
    assert s.undo().annotation == b
    assert s.undo() is None  # the create of `a` was undone and then dropped with the redo stack
    assert a.id not in ids(s)


def test_undo_redo_across_reopen(path):
    s = store.open_store(path)
    a = s.add_annotation("d1", 0, 3, "quote")
    b = s.add_annotation("d1", 4, 8, "number")
    s.close()
    s = store.open_store(path)
    assert s.undo().annotation == b
    s.close()
    s = store.open_store(path)
    assert ids(s) == [a.id]
    assert s.redo().annotation == b
    s.close()
    s = store.open_store(path)
    assert s.annotations() == [a, b]
    s.close()


def test_random_sequences_match_a_model(path):
    """Every step compared with a model of the undo stack: nothing lost, nothing duplicated."""
    rng = random.Random(1234)
    s = store.open_store(path)
    states = [{}]  # states[i] = annotations after i live changes
    current = 0
    for step in range(400):
        live = states[current]
        op = rng.choice(["add", "add", "delete", "note", "move", "undo", "undo", "redo", "reopen"])
        if op == "reopen":
            s.close()
            s = store.open_store(path)
        elif op in ("undo", "redo"):
            change = s.undo() if op == "undo" else s.redo()
            can = current > 0 if op == "undo" else current < len(states) - 1
            assert (change is not None) == can, (step, op)
            if can:
                current += -1 if op == "undo" else 1
        else:
            if op != "add" and not live:
                continue
            target = rng.choice(sorted(live)) if live else None
            if op == "add":
                start = rng.randrange(len(TEXT) - 1)
                ann = s.add_annotation("d1", start, rng.randrange(start + 1, len(TEXT) + 1),
                                       rng.choice(["quote", "claim", "number", "actor"]))
                new = {**live, ann.id: ann}
            elif op == "delete":
                s.delete_annotation(target)
                new = {k: v for k, v in live.items() if k != target}
            elif op == "note":
                new = {**live, target: s.set_note(target, f"note {step} ✓")}
            else:
                start = rng.randrange(len(TEXT) - 1)
                end = min(len(TEXT), start + 1 + rng.randrange(5))
                new = {**live, target: s.move_span(target, start, end)}
            if new == live:
                continue  # a no-op change records nothing
            del states[current + 1:]
            states.append(new)
            current += 1
        stored = s.annotations()
        assert len(stored) == len({a.id for a in stored}), step
        assert {a.id: a for a in stored} == states[current], (step, op)
        for a in stored:
            assert a.text == TEXT[a.start:a.end]
    s.close()


def test_failed_change_leaves_no_history(s):
    from store.errors import InvalidSpanError, UnknownTagError

    with pytest.raises(InvalidSpanError, match="10000"):
        s.add_annotation("d1", 0, 10_000, "quote")
    with pytest.raises(UnknownTagError):
        s.add_annotation("d1", 0, 3, "frame")
    a = s.add_annotation("d1", 0, 3, "quote")
    with pytest.raises(InvalidSpanError):
        s.move_span(a.id, 3, 0)
    assert s.conn.execute("SELECT kind FROM actions").fetchall() == [("create",)]


def test_merged_moves_are_one_step_and_keep_the_redo_stack_in_order(s, path):
    a = s.add_annotation("d1", 4, 12, "actor")
    mark = s.history_mark()
    s.move_span(a.id, 4, 13)
    s.move_span(a.id, 4, 14)
    s.move_span(a.id, 3, 14)
    s.undo()  # the last step, undone during the session: stays redoable above the merged one
    s.merge_moves(a.id, mark)
    assert (s.annotation(a.id).start, s.annotation(a.id).end) == (4, 14)
    s.close()
    reopened = store.open_store(path)  # the merged step persists like any other
    try:
        change = reopened.undo()
        assert change.kind == "move" and (change.annotation.start, change.annotation.end) == (4, 12)
        assert reopened.annotation(a.id) == a
        assert (reopened.redo().annotation.end, reopened.redo().annotation.start) == (14, 3)
        assert reopened.redo() is None
    finally:
        reopened.close()


def test_moves_are_not_merged_across_another_change(s):
    a = s.add_annotation("d1", 4, 12, "actor")
    mark = s.history_mark()
    s.move_span(a.id, 4, 13)
    other = s.add_annotation("d1", 20, 25, "quote")  # e.g. another process's change meanwhile
    s.move_span(a.id, 4, 14)
    s.merge_moves(a.id, mark)
    assert s.undo().annotation.end == 13
    assert s.undo().annotation.id == other.id
    assert s.undo().annotation.end == 12


def test_moves_that_end_where_they_began_leave_the_row_and_the_log_as_before(s):
    a = s.add_annotation("d1", 4, 12, "actor")
    mark = s.history_mark()
    s.move_span(a.id, 4, 13)
    s.move_span(a.id, 4, 12)
    s.merge_moves(a.id, mark)
    assert s.annotation(a.id) == a  # the updated time too
    assert s.history_mark() == mark
    assert s.undo().kind == "create"
