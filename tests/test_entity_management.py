"""Managing entities in the store: rename, merge, delete; one undo step each, persistent; coverage and
exports follow at once."""
from __future__ import annotations

import io
import json

import pytest

from corpus.document import Document
from store import open_store
from store.coverage import build_coverage
from store.entities import EntityError, EntityNameTakenError
from store.formats import export

DOCS = {
    "a": "Ambassador Richard Grenell said the pipeline was a risk. Grenell spoke in Berlin.",
    "b": "Richard A. Grenell, the US ambassador, warned Berlin on Tuesday.",
    "c": "Dick Grenell told reporters the deal was a mistake.",
}


@pytest.fixture
def st(tmp_path):
    s = open_store(tmp_path / "manage.db")
    s.annotator = "ana"
    for doc_id, text in DOCS.items():
        s.add_document(Document(id=doc_id, title=f"Doc {doc_id}", text=text))
    yield s
    s.close()


def actor(st, doc_id: str, needle: str):
    start = DOCS[doc_id].index(needle)
    return st.add_annotation(doc_id, start, start + len(needle), "actor", annotator="ana")


def actor_labels(st) -> list[tuple[str, int]]:
    return [(row.label, row.reach) for row in build_coverage(st, []).rows if row.tag == "actor"]


def exported_entities(st) -> dict[str, tuple[str | None, str | None]]:
    out = io.StringIO()
    export(st, "jsonl", out)
    return {r["id"]: (r["entity_id"], r["entity"]) for r in map(json.loads, out.getvalue().splitlines())}


@pytest.fixture
def two(st):
    """Two entities: "Richard Grenell" (spans in a and c) and "R. A. Grenell" (the span in b)."""
    a, b, c = actor(st, "a", "Richard Grenell"), actor(st, "b", "Richard A. Grenell"), actor(st, "c", "Dick Grenell")
    first = st.create_and_link_entity(a.id, "Richard Grenell")
    st.link_entity(c.id, first.id)
    second = st.create_and_link_entity(b.id, "R. A. Grenell")
    return first, second, (a, b, c)


def test_rename_changes_coverage_and_exports_and_one_undo_restores(st, two, tmp_path):
    first, _, (a, _, c) = two
    renamed = st.rename_entity(first.id, "  Richard  Allen Grenell ")
    assert renamed.name == "Richard Allen Grenell"
    assert ("Richard Allen Grenell", 2) in actor_labels(st)
    assert exported_entities(st)[a.id] == (first.id, "Richard Allen Grenell")
    assert st.undo().kind == "entity rename"
    assert [c.entity.name for c in st.entities() if c.entity.id == first.id] == ["Richard Grenell"]
    assert st.redo() is not None
    st.close()
    again = open_store(tmp_path / "manage.db")  # the rename and its undo step are stored
    assert again.entity_of(c.id).name == "Richard Allen Grenell"
    assert again.undo().kind == "entity rename"
    assert again.entity_of(c.id).name == "Richard Grenell"
    again.close()


def test_rename_to_another_entitys_name_is_refused_naming_it(st, two):
    first, second, _ = two
    with pytest.raises(EntityNameTakenError, match="another entity is named 'R. A. Grenell'") as caught:
        st.rename_entity(first.id, "r. a.  GRENELL")
    assert caught.value.other == second
    with pytest.raises(EntityError, match="empty"):
        st.rename_entity(first.id, "   ")
    assert st.rename_entity(first.id, "richard grenell").name == "richard grenell"  # its own name, other case
    assert st.undo().kind == "entity rename" and st.undo().kind == "entity"  # nothing logged for the refusals


def test_merge_moves_every_span_removes_the_source_and_one_undo_brings_it_back(st, two):
    first, second, (a, b, c) = two
    assert sorted(actor_labels(st)) == [("R. A. Grenell", 1), ("Richard Grenell", 2)]
    target, moved = st.merge_entities(first.id, second.id)
    assert (target, moved) == (second, 2)
    assert [(counted.entity.id, counted.spans, counted.documents) for counted in st.entities()] == [(second.id, 3, 3)]
    assert actor_labels(st) == [("R. A. Grenell", 3)]
    assert {ann_id: value for ann_id, value in exported_entities(st).items()} == {
        a.id: (second.id, "R. A. Grenell"), b.id: (second.id, "R. A. Grenell"), c.id: (second.id, "R. A. Grenell")}
    assert st.annotation(a.id).updated_by == "ana"
    change = st.undo()
    assert change.kind == "entity merge"
    assert sorted(actor_labels(st)) == [("R. A. Grenell", 1), ("Richard Grenell", 2)]
    assert st.annotation(a.id).entity_id == first.id and st.annotation(b.id).entity_id == second.id
    st.redo()
    assert [counted.entity.id for counted in st.entities()] == [second.id]
    with pytest.raises(EntityError, match="itself"):
        st.merge_entities(second.id, second.id)
    with pytest.raises(EntityError, match="no entity"):
        st.merge_entities(first.id, second.id)  # merged away already


def test_delete_keeps_the_spans_grouped_by_text_and_one_undo_relinks_them(st, two):
    first, second, (a, b, c) = two
    entity, unlinked = st.delete_entity(first.id)
    assert (entity, unlinked) == (first, 2)
    assert [counted.entity.id for counted in st.entities()] == [second.id]
    assert st.annotation(a.id).entity_id is None and st.annotation(c.id).entity_id is None
    assert st.annotation(a.id).text == "Richard Grenell"  # the span itself stays
    assert sorted(actor_labels(st)) == [("Dick Grenell", 1), ("R. A. Grenell", 1), ("Richard Grenell", 1)]
    assert exported_entities(st)[a.id] == (None, None)
    assert st.undo().kind == "entity deletion"
    assert st.annotation(a.id).entity_id == first.id and st.annotation(c.id).entity_id == first.id
    assert sorted(actor_labels(st)) == [("R. A. Grenell", 1), ("Richard Grenell", 2)]


def test_an_entity_with_no_spans_is_deleted_too(st):
    lonely = st.create_entity("Nobody Yet")
    assert st.delete_entity(lonely.id) == (lonely, 0)
    assert st.entities() == []
    st.undo()
    assert [counted.entity for counted in st.entities()] == [lonely]
