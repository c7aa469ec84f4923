"""Progress per document and annotator: the cycle, the counts, undo, annotators kept apart."""
from __future__ import annotations

import pytest

from store import open_store
from store.errors import UnknownDocumentError
from store.progress import ProgressCount, ProgressError


def test_a_document_never_marked_is_to_do(seeded_store):
    doc = seeded_store.document_ids()[0]
    assert seeded_store.progress(doc, "alice") == "todo"
    assert seeded_store.progress_counts() == []  # nobody has marked anything
    assert seeded_store.progress_counts("alice") == [ProgressCount("alice", 5, 0, 0, 5)]


def test_cycle_goes_to_do_in_progress_done_and_round(seeded_store):
    doc = seeded_store.document_ids()[0]
    assert [seeded_store.cycle_progress(doc, "alice") for _ in range(4)] == ["in_progress", "done", "todo",
                                                                            "in_progress"]
    assert seeded_store.progress(doc, "alice") == "in_progress"


def test_counts_per_annotator_and_status(seeded_store):
    ids = seeded_store.document_ids()
    seeded_store.set_progress(ids[0], "alice", "done")
    seeded_store.set_progress(ids[1], "alice", "done")
    seeded_store.set_progress(ids[2], "alice", "in_progress")
    seeded_store.set_progress(ids[0], "bob", "in_progress")
    seeded_store.set_progress(ids[1], "bob", "todo")  # a row saying to do counts as to do
    assert seeded_store.progress_counts() == [ProgressCount("alice", 2, 1, 2, 5), ProgressCount("bob", 4, 1, 0, 5)]
    assert seeded_store.progress_counts("bob") == [ProgressCount("bob", 4, 1, 0, 5)]


def test_two_annotators_are_independent(seeded_store):
    doc = seeded_store.document_ids()[0]
    seeded_store.cycle_progress(doc, "alice")
    seeded_store.cycle_progress(doc, "alice")
    seeded_store.cycle_progress(doc, "bob")
    assert seeded_store.progress(doc, "alice") == "done"
    assert seeded_store.progress(doc, "bob") == "in_progress"
    assert seeded_store.progress_statuses("alice") == {doc: "done"}


def test_each_mark_is_one_undo_step_and_survives_a_restart(seeded_store, tmp_path):
    doc = seeded_store.document_ids()[0]
    seeded_store.owner = "reader:alice"
    seeded_store.cycle_progress(doc, "alice")
    seeded_store.cycle_progress(doc, "alice")
    seeded_store.close()
    store = open_store(tmp_path / "study.db")
    store.owner = "reader:alice"
    assert store.progress(doc, "alice") == "done"
    change = store.undo()
    assert change is not None and change.kind == "progress"
    assert store.progress(doc, "alice") == "in_progress"
    store.undo()
    assert store.progress(doc, "alice") == "todo"
    assert store.progress_counts() == []  # the row the first mark made is gone again
    store.redo()
    assert store.progress(doc, "alice") == "in_progress"
    store.close()


def test_the_same_status_again_leaves_no_undo_step(seeded_store):
    doc = seeded_store.document_ids()[0]
    seeded_store.set_progress(doc, "alice", "todo")  # no row means to do already
    seeded_store.set_progress(doc, "alice", "done")
    mark = seeded_store.history_mark()
    seeded_store.set_progress(doc, "alice", "done")
    assert seeded_store.history_mark() == mark


def test_bad_input_is_refused_with_a_message(seeded_store):
    doc = seeded_store.document_ids()[0]
    with pytest.raises(ProgressError, match="unknown status 'finished'"):
        seeded_store.set_progress(doc, "alice", "finished")
    with pytest.raises(ProgressError, match="empty"):
        seeded_store.cycle_progress(doc, " ")
    with pytest.raises(UnknownDocumentError):
        seeded_store.cycle_progress("no-such-document", "alice")
    assert seeded_store.progress_counts() == []


def test_every_document_is_listed_for_each_annotator(seeded_store):
    ids = seeded_store.document_ids()
    seeded_store.set_progress(ids[3], "bob", "done")
    rows = list(seeded_store.iter_progress())
    assert [(row.document_id, row.status) for row in rows] == [(doc, "done" if doc == ids[3] else "todo")
                                                              for doc in ids]
    assert {row.annotator for row in rows} == {"bob"}
    assert rows[3].updated is not None and rows[0].updated is None
    assert [row.annotator for row in seeded_store.iter_progress("carol")] == ["carol"] * len(ids)
