"""Propagation in the store: whole-word, case-sensitive occurrences across documents, one undo for all."""
from __future__ import annotations

import pytest

from corpus.document import Document
from store import open_store
from store.propagation import MAX_OCCURRENCES, pattern

DOCS = {
    "a": "Grenell said so. Grenell again, and Grenellism is not a name. GRENELL shouts.",
    "b": "Nothing about him here.",
    "c": "Later, Grenell's office (Grenell) replied; grenell in lower case.",
    "d": "Richard Grenell was tagged already, as was Grenell.",
}


@pytest.fixture
def st(tmp_path):
    s = open_store(tmp_path / "propagate.db")
    s.annotator = "ana"
    for doc_id, text in DOCS.items():
        s.add_document(Document(id=doc_id, title=f"Doc {doc_id}", text=text))
    yield s
    s.close()


def test_occurrences_are_whole_words_case_sensitive_and_skip_spans_of_the_tag(st):
    source = st.add_annotation("a", 0, 7, "actor")
    st.add_annotation("d", 0, 15, "actor")  # "Richard Grenell" overlaps the Grenell inside it
    later = DOCS["d"].rindex("Grenell")
    st.add_annotation("d", later, later + 7, "quote")  # another tag does not hide an occurrence
    found = st.find_occurrences("Grenell", "actor", source=("a", 0, 7))
    places = [(o.document_id, o.start) for o in found.found]
    assert places == [("a", DOCS["a"].index("Grenell again")),
                      ("c", DOCS["c"].index("Grenell's")), ("c", DOCS["c"].index("Grenell)")),
                      ("d", later)]
    assert all(DOCS[o.document_id][o.start:o.end] == "Grenell" for o in found.found)
    assert [(d.document_id, d.occurrences) for d in found.documents] == [("a", 1), ("c", 2), ("d", 1)]
    assert found.already == 1 and not found.too_many
    assert found.found[0].prefix == DOCS["a"][:found.found[0].start]

    folded = st.find_occurrences("Grenell", "actor", case_sensitive=False, source=("a", source.start, source.end))
    assert len(folded.found) == len(found.found) + 2  # GRENELL and grenell


def test_pattern_boundaries_follow_the_texts_own_edges():
    assert [m.span() for m in pattern("U.S.").finditer("the U.S. and U.S.A. and XU.S.")] == [(4, 8), (13, 17)]
    assert pattern("5G").search("5Gs") is None and pattern("5G").search("a 5G mast")
    assert pattern("Émile", case_sensitive=False).search("ÉMILE said")


def test_case_insensitive_non_ascii_reads_every_document(st):
    st.add_document(Document(id="e", title="E", text="ÉMILE and émile and Émile."))
    found = st.find_occurrences("Émile", "actor", case_sensitive=False)
    assert [(o.document_id, o.text) for o in found.found] == [("e", "ÉMILE"), ("e", "émile"), ("e", "Émile")]


def test_propagate_tags_every_occurrence_in_one_action_and_one_undo_takes_all_back(st):
    source = st.add_annotation("a", 0, 7, "actor")
    entity = st.create_and_link_entity(source.id, "Richard A. Grenell")
    found = st.find_occurrences("Grenell", "actor", source=("a", 0, 7))
    made = st.propagate(found, entity_id=entity.id)
    assert len(made) == 5
    tagged = [st.annotation(ann_id) for ann_id in made]
    assert all(DOCS[a.document_id][a.start:a.end] == a.text == "Grenell" for a in tagged)
    assert all(a.entity_id == entity.id and a.annotator == "ana" and a.tag == "actor" for a in tagged)
    assert st.count_annotations() == 6

    change = st.undo()
    assert change is not None and change.kind == "propagate" and len(change.annotations()) == 5
    assert st.count_annotations() == 1 and st.annotation(source.id).entity_id == entity.id
    st.redo()
    assert st.count_annotations() == 6
    st.undo()
    # A second propagation finds them again; one tagged meanwhile by someone else is left out.
    st.add_annotation("c", DOCS["c"].index("Grenell)"), DOCS["c"].index("Grenell)") + 7, "actor")
    assert len(st.propagate(found)) == 4


def test_a_slip_of_a_common_word_is_refused(st, monkeypatch):
    import store.propagation as propagation

    monkeypatch.setattr(propagation, "MAX_OCCURRENCES", 3)
    found = st.find_occurrences("Grenell", "actor")
    assert found.too_many
    with pytest.raises(ValueError, match="too many"):
        st.propagate(found)
    assert st.count_annotations() == 0 and MAX_OCCURRENCES == 20_000


def test_glob_characters_and_nul_characters_are_found_literally(st):
    st.add_document(Document(id="g", title="G", text="The [x]*? mark, a NUL \x00 then Grenell."))
    st.add_document(Document(id="h", title="H", text="a [x]a? mark"))
    found = st.find_occurrences("[x]*?", "claim")
    assert [(o.document_id, o.start) for o in found.found] == [("g", 4)]
    # GLOB and LIKE stop at a NUL; the document is read all the same.
    assert [o.document_id for o in st.find_occurrences("Grenell", "actor").found].count("g") == 1
    assert [o.document_id for o in st.find_occurrences("grenell", "actor", case_sensitive=False).found].count("g") == 1
    assert [o.start for o in st.find_occurrences("NUL \x00", "claim").found] == [18]


def test_the_fast_case_sensitive_search_agrees_with_the_pattern():
    from random import Random

    from store.propagation import whole_words

    rng = Random(5)
    alphabet = ["ab", "a", "b", " ", "_", ".", "é", "\u0301", "1", "-", "aa"]
    for _ in range(3000):
        body = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3)))
        expected = [m.span() for m in pattern(text).finditer(body)]
        assert whole_words(body, text) == expected, (body, text)
