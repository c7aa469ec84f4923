"""Entities in the store: link, unlink, fuzzy offers, one undo each; coverage and exports group by entity."""
from __future__ import annotations

import csv
import io
import json

import pytest

from corpus.document import Document
from store import open_store
from store.coverage import build_coverage
from store.entities import EntityError, score
from store.formats import export

DOCS = {
    "a": "Ambassador Richard Grenell said the pipeline was a risk. Grenell spoke in Berlin.",
    "b": "Richard A. Grenell, the US ambassador, warned Berlin on Tuesday.",
    "c": "Dick Grenell told reporters the deal was a mistake.",
    "d": "The minister said nothing about Grenell at all.",
}


def span(doc_id: str, needle: str) -> tuple[int, int]:
    start = DOCS[doc_id].index(needle)
    return start, start + len(needle)


@pytest.fixture
def st(tmp_path):
    s = open_store(tmp_path / "entities.db")
    s.annotator = "ana"
    for doc_id, text in DOCS.items():
        s.add_document(Document(id=doc_id, title=f"Doc {doc_id}", text=text))
    yield s
    s.close()


def actor(st, doc_id: str, needle: str):
    return st.add_annotation(doc_id, *span(doc_id, needle), "actor", annotator="ana")


def test_create_and_link_is_one_undo_step_and_unlink_keeps_the_entity(st):
    ann = actor(st, "b", "Richard A. Grenell")
    entity = st.create_and_link_entity(ann.id, "  Richard   A. Grenell ")
    assert entity.name == "Richard A. Grenell"  # white space tidied
    assert st.annotation(ann.id).entity_id == entity.id
    assert st.annotation(ann.id).updated_by == "ana"
    assert st.entity_of(ann.id) == entity
    [counted] = st.entities()
    assert (counted.entity, counted.spans, counted.documents) == (entity, 1, 1)

    change = st.undo()  # one step takes back the link and the entity
    assert change is not None and change.kind == "entity"
    assert st.annotation(ann.id).entity_id is None and st.entities() == []
    st.redo()
    assert st.annotation(ann.id).entity_id == entity.id

    assert st.unlink_entity(ann.id) == entity
    assert st.annotation(ann.id).entity_id is None
    assert [c.entity for c in st.entities()] == [entity]  # kept, for other spans to name
    assert st.unlink_entity(ann.id) is None  # naming none already: nothing to do
    st.undo()
    assert st.annotation(ann.id).entity_id == entity.id


def test_link_an_existing_entity_and_refusals(st):
    first = actor(st, "b", "Richard A. Grenell")
    second = actor(st, "c", "Dick Grenell")
    entity = st.create_and_link_entity(first.id, "Richard A. Grenell")
    assert st.link_entity(second.id, entity.id) == entity
    assert {c.entity.id: (c.spans, c.documents) for c in st.entities()} == {entity.id: (2, 2)}
    st.undo()
    assert st.annotation(second.id).entity_id is None
    assert st.annotation(first.id).entity_id == entity.id  # the earlier step stays

    quote = st.add_annotation("a", *span("a", "the pipeline was a risk"), "quote")
    with pytest.raises(EntityError, match="quote span cannot name an entity"):
        st.create_and_link_entity(quote.id, "Pipeline")
    assert len(st.entities()) == 1  # refused before any entity was made
    with pytest.raises(EntityError, match="empty"):
        st.create_and_link_entity(second.id, "   ")
    with pytest.raises(EntityError, match="no entity"):
        st.link_entity(second.id, "nope")


def test_fuzzy_offers_put_the_same_person_first(st):
    for name in ("Angela Merkel", "Richard A. Grenell", "Gerhard Schröder", "US Embassy"):
        st.create_entity(name)
    for text in ("Grenell", "Richard Grenell", "Dick Grenell", "grenell's", "Richard A. Grenell"):
        offers = st.entity_offers(text)
        assert offers[0].entity.name == "Richard A. Grenell", text
        assert offers[0].score >= 60 > offers[1].score, (text, offers[:2])
    assert st.entity_offers("Merkel")[0].entity.name == "Angela Merkel"
    assert st.entity_offers("the ambassador")[0].score < 60  # not a name: nothing is offered
    assert score("Dick Grenell", "Richard A. Grenell") >= 80 > score("Dick Smith", "Richard A. Grenell")
    assert score("Bo Li", "Yu Li") < 80  # a two-letter surname is not evidence enough


def test_coverage_groups_the_spellings_of_one_actor_once_linked(st):
    spoke = DOCS["a"].index("Grenell spoke")
    spans = [actor(st, "a", "Richard Grenell"), st.add_annotation("a", spoke, spoke + 7, "actor"),
             actor(st, "b", "Richard A. Grenell"), actor(st, "c", "Dick Grenell")]
    before = [r for r in build_coverage(st, []).rows if r.tag == "actor"]
    assert sorted(r.label for r in before) == ["Dick Grenell", "Grenell", "Richard A. Grenell", "Richard Grenell"]

    entity = st.create_and_link_entity(spans[2].id, "Richard A. Grenell")
    for ann in (spans[0], spans[3]):
        st.link_entity(ann.id, entity.id)
    rows = [r for r in build_coverage(st, []).rows if r.tag == "actor"]
    assert [(r.label, r.reach) for r in rows] == [("Richard A. Grenell", 3), ("Grenell", 1)]
    assert rows[0].count("a") == 1 and rows[0].count("b") == 1 and rows[0].count("c") == 1
    assert rows[0].key == f"entity:{entity.id}"

    st.link_entity(spans[1].id, entity.id)
    [row] = [r for r in build_coverage(st, []).rows if r.tag == "actor"]
    assert (row.label, row.count("a"), row.reach) == ("Richard A. Grenell", 2, 3)


def test_exports_carry_the_entity_id_and_name(st):
    linked = actor(st, "b", "Richard A. Grenell")
    actor(st, "c", "Dick Grenell")
    entity = st.create_and_link_entity(linked.id, "=Richard A. Grenell")
    out = io.StringIO()
    export(st, "jsonl", out)
    records = {r["text"]: r for r in map(json.loads, out.getvalue().splitlines())}
    assert (records["Richard A. Grenell"]["entity_id"], records["Richard A. Grenell"]["entity"]) == \
        (entity.id, "=Richard A. Grenell")
    assert (records["Dick Grenell"]["entity_id"], records["Dick Grenell"]["entity"]) == (None, None)
    out = io.StringIO()
    export(st, "csv", out)
    rows = {r["text"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows["Richard A. Grenell"]["entity"] == "'=Richard A. Grenell"  # formula guard, as other cells
    assert rows["Dick Grenell"]["entity_id"] == "" and rows["Dick Grenell"]["entity"] == ""
