"""Annotations: validation, stored text and context, edits, ordering, tags and reader state."""
from __future__ import annotations

import re
import threading

import pytest

import store
from corpus.document import Document
from store.errors import (
    InvalidSpanError,
    UnknownAnnotationError,
    UnknownDocumentError,
    UnknownTagError,
)

TEXT = "Alpha said «the rate is 4.5%» 😀 on Monday; 中文 e\u0301 عربي and more text here."
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


@pytest.fixture
def s(tmp_path):
    st = store.open_store(tmp_path / "ann.db")
    st.add_document(Document(id="d1", title="One", text=TEXT))
    st.add_document(Document(id="d2", title="Two", text="x" * 100))
    yield st
    st.close()


def history_rows(s):
    return s.conn.execute("SELECT a.kind, c.row_id, a.undone FROM actions a JOIN changes c ON c.action_id = a.id "
                          "ORDER BY c.seq").fetchall()


def test_add_annotation_stores_text_and_context(s):
    start = TEXT.index("😀")
    a = s.add_annotation("d1", start, start + 1, "number", note="n", annotator="ana")
    assert a.text == "😀" == TEXT[a.start:a.end]
    assert a.prefix == TEXT[:start] and len(a.prefix) == 30  # clipped at the start
    assert a.suffix == TEXT[start + 1:start + 33] and len(a.suffix) == 32
    assert (a.note, a.annotator, a.tag, a.document_id) == ("n", "ana", "number", "d1")
    assert ISO.match(a.created) and a.created == a.updated
    assert re.fullmatch(r"[0-9a-f]{32}", a.id)
    assert s.annotation(a.id) == a
    assert history_rows(s) == [("create", a.id, 0)]


def test_context_is_clipped_at_document_edges(s):
    a = s.add_annotation("d1", 0, len(TEXT), "quote")
    assert (a.prefix, a.suffix, a.text) == ("", "", TEXT)


def test_ids_are_unique(s):
    ids = {s.add_annotation("d2", i, i + 1, "quote").id for i in range(50)}
    assert len(ids) == 50


@pytest.mark.parametrize("start, end", [
    (-1, 3), (3, 3), (5, 2), (0, len(TEXT) + 1), (1.0, 3), ("1", 3), (None, 3), (True, 3), (0, 2.5),
])
def test_invalid_spans(s, start, end):
    with pytest.raises(InvalidSpanError):
        s.add_annotation("d1", start, end, "quote")
    assert s.count_annotations() == 0 and history_rows(s) == []


def test_unknown_document_and_tag(s):
    with pytest.raises(UnknownDocumentError):
        s.add_annotation("nope", 0, 1, "quote")
    with pytest.raises(UnknownTagError) as info:
        s.add_annotation("d1", 0, 1, "Quote")
    for name in ["quote", "claim", "number", "actor"]:
        assert name in str(info.value)
    assert s.count_annotations() == 0 and history_rows(s) == []


def test_delete_annotation(s):
    a = s.add_annotation("d1", 0, 5, "actor")
    assert s.delete_annotation(a.id) == a
    assert s.count_annotations() == 0
    with pytest.raises(UnknownAnnotationError):
        s.annotation(a.id)
    with pytest.raises(UnknownAnnotationError):
        s.delete_annotation(a.id)
    assert [k for k, _, _ in history_rows(s)] == ["create", "delete"]


def test_set_note(s):
    a = s.add_annotation("d1", 0, 5, "actor")
    b = s.set_note(a.id, "=SUM(A1), \"quoted\"\nline two")
    assert b.note == "=SUM(A1), \"quoted\"\nline two" and s.annotation(a.id) == b
    assert b.created == a.created and b.updated >= a.updated
    assert s.set_note(a.id, b.note) == b  # no change, no history entry
    assert [k for k, _, _ in history_rows(s)] == ["create", "note"]
    with pytest.raises(UnknownAnnotationError):
        s.set_note("missing", "x")
    with pytest.raises(TypeError):
        s.set_note(a.id, None)


def test_move_span(s):
    a = s.add_annotation("d1", 0, 5, "actor")
    b = s.move_span(a.id, 6, 10)
    assert (b.start, b.end, b.text) == (6, 10, TEXT[6:10])
    assert b.prefix == TEXT[:6] and b.suffix == TEXT[10:42]
    assert s.annotation(a.id) == b
    for bad in [(10, 6), (3, 3), (-1, 2), (0, len(TEXT) + 1)]:
        with pytest.raises(InvalidSpanError):
            s.move_span(a.id, *bad)
    assert s.annotation(a.id) == b
    assert [k for k, _, _ in history_rows(s)] == ["create", "move"]


def test_ordering_outer_before_inner_and_by_document(s):
    inner = s.add_annotation("d1", 2, 4, "quote")
    later_doc = s.add_annotation("d2", 0, 1, "quote")
    outer = s.add_annotation("d1", 2, 10, "claim")
    first = s.add_annotation("d1", 0, 1, "actor")
    assert [a.id for a in s.annotations()] == [first.id, outer.id, inner.id, later_doc.id]
    assert [a.id for a in s.iter_annotations()] == [first.id, outer.id, inner.id, later_doc.id]
    assert [a.id for a in s.annotations("d1")] == [first.id, outer.id, inner.id]
    assert [a.id for a in s.annotations(tag="quote")] == [inner.id, later_doc.id]
    assert [a.id for a in s.annotations("d1", tag="quote")] == [inner.id]
    assert s.count_annotations() == 4 and s.count_annotations("d1") == 3
    with pytest.raises(UnknownTagError):
        s.annotations(tag="nope")


def test_iter_annotations_streams(s):
    for i in range(10):
        s.add_annotation("d2", i, i + 1, "quote")
    it = s.iter_annotations()
    assert next(it).start == 0
    assert sum(1 for _ in it) == 9


def test_tags_defaults(s):
    tags = s.tags()
    assert [(t.name, t.key) for t in tags] == [
        ("quote", "1"), ("claim", "2"), ("number", "3"), ("actor", "4")]
    colours = [t.colour for t in tags]
    assert len(set(colours)) == 4 and all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)


def test_database_constraints_hold_even_without_the_api(s):
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError):  # foreign keys are on
        s.conn.execute("INSERT INTO annotations (id, document_id, tag, start, end, text) "
                       "VALUES ('x', 'nope', 'quote', 0, 1, 'a')")
    with pytest.raises(sqlite3.IntegrityError):  # CHECK end > start
        s.conn.execute("INSERT INTO annotations (id, document_id, tag, start, end, text) "
                       "VALUES ('x', 'd1', 'quote', 3, 3, '')")


def test_state_round_trips_and_persists(tmp_path):
    path = tmp_path / "state.db"
    s = store.open_store(path)
    assert s.get_state("panes") is None and s.get_state("panes", {}) == {}
    s.set_state("panes", {"left": "d1", "right": ["d2", 3], "scroll": 12.5, "ü": "😀"})
    s.set_state("panes", {"left": "d2"})
    s.close()
    s = store.open_store(path)
    assert s.get_state("panes") == {"left": "d2"}
    with pytest.raises(TypeError):
        s.set_state("bad", object())
    s.close()


def test_writes_from_another_thread(s):
    errors = []

    def work():
        try:
            for i in range(20):
                s.add_annotation("d2", i, i + 1, "claim")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and s.count_annotations() == 60


def test_spans_are_light_and_ordered_like_annotations(tmp_path):
    from corpus.document import Document
    from store import open_store

    store = open_store(tmp_path / "spans.db")
    store.add_document(Document(id="d", title="d", text="alpha beta gamma delta"))
    inner = store.add_annotation("d", 6, 10, "actor")
    outer = store.add_annotation("d", 0, 16, "quote")
    later = store.add_annotation("d", 17, 22, "claim")
    spans = store.spans("d")
    assert [s.id for s in spans] == [a.id for a in store.annotations("d")] == [outer.id, inner.id, later.id]
    assert spans[1] == (inner.id, 6, 10, "actor")
    store.close()


def test_counts_follow_every_change_including_another_connections(s, tmp_path):
    assert (s.count_annotations(), s.count_annotations("d1")) == (0, 0)
    first = s.add_annotation("d1", 0, 5, "actor")
    s.add_annotation("d2", 0, 5, "quote")
    assert (s.count_annotations(), s.count_annotations("d1"), s.count_annotations("d2")) == (2, 1, 1)
    s.delete_annotation(first.id)
    assert (s.count_annotations(), s.count_annotations("d1")) == (1, 0)
    s.undo()
    assert (s.count_annotations(), s.count_annotations("d1")) == (2, 1)
    other = store.open_store(tmp_path / "ann.db")  # a second process on the same file
    other.add_annotation("d1", 6, 10, "claim")
    other.close()
    assert (s.count_annotations(), s.count_annotations("d1")) == (3, 2)


def test_text_that_is_not_unicode_is_refused_with_a_store_error(tmp_path):
    from corpus.document import Document
    from store import open_store
    from store.errors import InvalidTextError

    s = open_store(tmp_path / "surrogates.db")
    try:
        s.add_document(Document(id="d", title="T", text="Huawei said so."))
        with pytest.raises(InvalidTextError, match=r"note holds a lone surrogate \(U\+D800\) at character 3"):
            s.add_annotation("d", 0, 6, "actor", note="abc\ud800")
        with pytest.raises(InvalidTextError, match="annotator"):
            s.add_annotation("d", 0, 6, "actor", annotator="\udfff")
        a = s.add_annotation("d", 0, 6, "actor")
        with pytest.raises(InvalidTextError):
            s.set_note(a.id, "\ud83d")
        for bad in (Document(id="x\ud800", title="T", text="t"), Document(id="x", title="\ud800", text="t"),
                    Document(id="x", title="T", text="t\udc00")):
            with pytest.raises(InvalidTextError):
                s.add_document(bad)
        assert s.document_ids() == ["d"] and s.annotation(a.id).note == ""
    finally:
        s.close()
