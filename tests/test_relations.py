"""Relations in the store: checked against the codebook, one undo each, cascading with their spans."""
from __future__ import annotations

import pytest

from corpus.document import Document
from store import open_store
from store.codebook_file import parse_codebook
from store.errors import UndoConflictError, UnknownAnnotationError
from store.relations import RelationError

TEXT = "“We will not pay,” said Richard Grenell on Tuesday. The minister claimed 40 jobs would go."
OTHER = "Richard Grenell spoke elsewhere."


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


@pytest.fixture
def st(tmp_path):
    s = open_store(tmp_path / "relations.db")
    s.annotator = "ana"
    s.add_document(Document(id="a", title="A", text=TEXT))
    s.add_document(Document(id="b", title="B", text=OTHER))
    yield s
    s.close()


def tag(st, needle: str, name: str, doc: str = "a"):
    return st.add_annotation(doc, *span(TEXT if doc == "a" else OTHER, needle), name, annotator="ana")


def test_said_by_links_a_quote_to_its_speaker_and_one_undo_takes_it_back(st):
    quote, actor = tag(st, "“We will not pay,”", "quote"), tag(st, "Richard Grenell", "actor")
    relation = st.add_relation(quote.id, actor.id)  # the one type a quote -> actor allows
    assert (relation.type, relation.document_id, relation.annotator) == ("said_by", "a", "ana")
    [info] = st.relations("a")
    assert (info.source.text, info.target.text, info.target.tag) == ("“We will not pay,”", "Richard Grenell", "actor")
    assert st.relations_of(actor.id) == [info] == st.relations_of(quote.id)
    change = st.undo()
    assert change is not None and change.kind == "relate" and st.relations() == []
    assert change.documents() == {"a"}
    st.redo()
    assert [i.relation for i in st.relations()] == [relation]
    st.delete_relation(relation.id)
    assert st.relations() == [] and len(st.annotations()) == 2  # the spans stay
    st.undo()
    assert [i.relation for i in st.relations()] == [relation]


def test_what_the_codebook_does_not_allow_is_refused_saying_why(st):
    quote, actor = tag(st, "“We will not pay,”", "quote"), tag(st, "Richard Grenell", "actor")
    number, elsewhere = tag(st, "40", "number"), tag(st, "Richard Grenell", "actor", doc="b")
    with pytest.raises(RelationError, match="cannot be linked to itself"):
        st.add_relation(quote.id, quote.id)
    with pytest.raises(RelationError, match="two spans of one document: the source is in 'a', the target in 'b'"):
        st.add_relation(quote.id, elsewhere.id)
    with pytest.raises(RelationError, match="no relation from an actor to a quote.*said_by: quote or claim to actor"):
        st.add_relation(actor.id, quote.id)
    with pytest.raises(RelationError, match="said_by goes to an actor: the target “40” is a number"):
        st.add_relation(quote.id, number.id, "said_by")
    with pytest.raises(RelationError, match="said_by goes from a quote or claim: the source “40” is a number"):
        st.add_relation(number.id, actor.id, "said_by")
    with pytest.raises(RelationError, match="unknown relation type 'quoted'; the codebook's types: said_by"):
        st.add_relation(quote.id, actor.id, "quoted")
    with pytest.raises(UnknownAnnotationError, match="the relation's target"):
        st.add_relation(quote.id, "nope")
    st.add_relation(quote.id, actor.id)
    with pytest.raises(RelationError, match="already said_by “Richard Grenell”"):
        st.add_relation(quote.id, actor.id)
    assert len(st.relations()) == 1 and st.undo() is not None and st.undo() is not None  # no step left by refusals
    assert st.annotation(number.id)  # the undo took the relation, then the last span tagged


def test_several_types_between_two_tags_must_be_named(st):
    st.apply_codebook(parse_codebook('[[relation]]\nname = "about"\nsource = ["quote"]\ntarget = ["actor"]\n', "b"))
    quote, actor = tag(st, "“We will not pay,”", "quote"), tag(st, "Richard Grenell", "actor")
    assert [t.name for t in st.relation_types_between("quote", "actor")] == ["said_by", "about"]
    with pytest.raises(RelationError, match=r"several relation types link a quote to an actor \(said_by, about\)"):
        st.add_relation(quote.id, actor.id)
    assert st.add_relation(quote.id, actor.id, "about").type == "about"


def test_deleting_a_span_takes_its_relations_and_one_undo_brings_both_back(st):
    quote, actor = tag(st, "“We will not pay,”", "quote"), tag(st, "Richard Grenell", "actor")
    claim = tag(st, "claimed 40 jobs would go", "claim")
    first, second = st.add_relation(quote.id, actor.id), st.add_relation(claim.id, actor.id)
    st.delete_annotation(actor.id)
    assert st.relations() == [] and {a.id for a in st.annotations()} == {quote.id, claim.id}
    change = st.undo()
    assert change is not None and change.kind == "delete" and change.annotation == actor
    assert {i.relation for i in st.relations()} == {first, second}
    st.redo()
    assert st.relations() == []
    st.undo()
    assert len(st.relations()) == 2


def test_replacing_the_codebook_keeps_a_relation_type_in_use_and_reports_it(st):
    quote, actor = tag(st, "“We will not pay,”", "quote"), tag(st, "Richard Grenell", "actor")
    st.add_relation(quote.id, actor.id)
    book = 'replace_defaults = true\n[[tag]]\nname = "quote"\n[[tag]]\nname = "actor"\n'
    report = st.apply_codebook(parse_codebook(book, "b"))
    assert report.kept_relations == [("said_by", 1)]
    assert any("kept relation type said_by: 1 relation uses it" in line for line in report.lines())
    assert [t.name for t in st.relation_types()] == ["said_by"] and len(st.relations()) == 1
    st.delete_relation(st.relations()[0].relation.id)
    report = st.apply_codebook(parse_codebook(book, "b"))
    assert report.kept_relations == [] and st.relation_types() == []


def test_renaming_a_tag_renames_it_in_the_relation_types_in_the_same_step(st):
    before = st.relation_types()
    st.apply_codebook(parse_codebook('[[tag]]\nname = "speaker"\nrenamed_from = "actor"\n', "b"))
    assert st.relation_types()[0].target == ("speaker",)
    quote, speaker = tag(st, "“We will not pay,”", "quote"), tag(st, "Richard Grenell", "speaker")
    assert st.add_relation(quote.id, speaker.id).type == "said_by"
    st.undo(), st.undo(), st.undo()  # the relation, the two spans
    change = st.undo()  # the codebook change, rename and relation type together
    assert change is not None and change.kind == "codebook"
    assert st.relation_types() == before


def test_a_codebook_that_no_longer_allows_a_kept_relation_reports_it(st):
    quote, actor = tag(st, "“We will not pay,”", "quote"), tag(st, "Richard Grenell", "actor")
    st.add_relation(quote.id, actor.id)
    book = '[[relation]]\nname = "said_by"\nsource = ["claim"]\ntarget = ["actor"]\n'
    report = st.apply_codebook(parse_codebook(book, "b"))
    assert report.misfits == [("said_by", 1)]
    assert any("said_by: 1 relation no longer fits its source or target tags" in line for line in report.lines())
    assert len(st.relations()) == 1  # kept: the researcher decides
    report = st.apply_codebook(parse_codebook(book.replace('["claim"]', '["claim", "quote"]'), "b"))
    assert report.misfits == []


def test_undoing_a_span_another_session_linked_to_since_is_refused_with_that_reason(st, tmp_path):
    actor = tag(st, "Richard Grenell", "actor")
    other = open_store(tmp_path / "relations.db")
    other.owner, other.annotator = "reader:bob", "bob"
    try:
        quote = other.add_annotation("a", *span(TEXT, "“We will not pay,”"), "quote", annotator="bob")
        other.add_relation(quote.id, actor.id)
    finally:
        other.close()
    with pytest.raises(UndoConflictError, match="remove a row that another row now refers to"):
        st.undo()
    assert st.annotation(actor.id) is not None and len(st.relations("a")) == 1
