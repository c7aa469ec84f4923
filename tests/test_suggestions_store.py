"""Suggestions in the store: the rules' output minus what is tagged or rejected; accept and reject undo as one step.

The rules are a small stand-in here (tests/suggestion_rules.py), so these tests are about the plumbing
(what is open, what is remembered, what is exported), not about how good corpus/suggest.py is.
"""
from __future__ import annotations

import csv
import io
import json

import pytest

from corpus.document import Document
from store import open_store
from store.codebook_file import parse_codebook
from store.errors import UnknownDocumentError, UnknownTagError
from store.formats import FORMATS, export
from store.suggestions import SuggestionClosedError
from tests.suggestion_rules import DOCS, use_fake_rules


@pytest.fixture
def st(tmp_path, monkeypatch):
    use_fake_rules(monkeypatch)
    s = open_store(tmp_path / "suggest.db")
    s.annotator = "ana"
    for doc_id, text in DOCS.items():
        s.add_document(Document(id=doc_id, title=f"Doc {doc_id}", text=text))
    yield s
    s.close()


def _spans(found):
    return [(s.tag, s.text, s.rule) for s in found]


def test_open_suggestions_are_the_rules_output_with_exact_text(st):
    found = st.suggestions("a")
    assert _spans(found) == [("quote", '"We will not back down,"', "fake.quote"), ("number", "30", "fake.number")]
    assert all(DOCS["a"][s.start:s.end] == s.text and s.document_id == "a" for s in found)
    assert [s.start for s in found] == sorted(s.start for s in found)


def test_a_span_annotated_with_the_same_tag_at_the_same_offsets_is_not_suggested(st):
    number = next(s for s in st.suggestions("a") if s.tag == "number")
    st.add_annotation("a", number.start, number.end - 1, "number")  # other offsets: still suggested
    st.add_annotation("a", number.start, number.end, "claim")  # another tag: still suggested
    assert number in st.suggestions("a")
    st.add_annotation("a", number.start, number.end, "number")
    assert number not in st.suggestions("a")


def test_known_actors_are_every_text_tagged_as_actor_anywhere(st):
    assert not [s for s in st.suggestions("b") if s.tag == "actor"]
    start = DOCS["a"].index("Grenell")
    st.add_annotation("a", start, start + len("Grenell"), "actor")
    assert st.known_actors() == ["Grenell"]
    actors = [s for s in st.suggestions("b") if s.tag == "actor"]
    assert [(s.text, s.rule) for s in actors] == [("Grenell", "fake.known_actor")] * 2


def test_rejecting_hides_a_suggestion_until_undone_and_is_one_undo_step(st, tmp_path):
    quote = st.suggestions("a")[0]
    st.reject_suggestion(quote)
    assert quote not in st.suggestions("a")
    assert st.count_annotations() == 0
    st.close()
    again = open_store(tmp_path / "suggest.db")  # remembered across a restart
    again.annotator = "ana"
    assert quote not in again.suggestions("a")
    with pytest.raises(SuggestionClosedError, match="rejected already"):
        again.reject_suggestion(quote)
    change = again.undo()
    assert change is not None and change.kind == "reject suggestion"
    assert quote in again.suggestions("a")
    again.redo()
    assert quote not in again.suggestions("a")
    decision = again.conn.execute("SELECT tag, start, end, rule, decision, annotator FROM suggestion_decisions").fetchall()
    assert decision == [("quote", quote.start, quote.end, "fake.quote", "rejected", "ana")]
    again.close()


def test_accepting_makes_an_ordinary_annotation_in_one_undo_step(st):
    quote = st.suggestions("a")[0]
    made = st.accept_suggestion(quote)
    assert (made.tag, made.start, made.end, made.text, made.annotator) == (
        "quote", quote.start, quote.end, quote.text, "ana")
    assert made.prefix == DOCS["a"][:quote.start]
    assert st.annotation(made.id) == made
    assert quote not in st.suggestions("a")
    rows = st.conn.execute("SELECT decision, annotation_id, rule FROM suggestion_decisions").fetchall()
    assert rows == [("accepted", made.id, "fake.quote")]  # which rule proposed it, for the method section
    with pytest.raises(SuggestionClosedError, match="already an annotation"):
        st.accept_suggestion(quote)
    change = st.undo()
    assert change is not None and change.annotation is not None and not change.exists
    assert st.count_annotations() == 0
    assert st.conn.execute("SELECT COUNT(*) FROM suggestion_decisions").fetchone()[0] == 0
    assert quote in st.suggestions("a")


def test_deleting_an_accepted_annotation_makes_it_a_suggestion_again(st):
    quote = st.suggestions("a")[0]
    st.delete_annotation(st.accept_suggestion(quote).id)
    assert quote in st.suggestions("a")


def test_a_stale_suggestion_is_refused(st):
    quote = st.suggestions("a")[0]
    with pytest.raises(SuggestionClosedError, match="does not match"):
        st.accept_suggestion(quote._replace(start=quote.start + 1))
    assert st.count_annotations() == 0


def test_suggestions_are_never_exported_as_annotations_in_any_format(st, monkeypatch):
    quote, number = st.suggestions("a")
    st.reject_suggestion(quote)
    accepted = st.accept_suggestion(number)
    assert {"csv", "jsonl"} <= set(FORMATS)
    written = {}
    for fmt in FORMATS:
        out = io.StringIO()
        export(st, fmt, out)
        written[fmt] = out.getvalue()
        assert "fake." not in written[fmt], fmt  # no rule name: nothing of the suggestion machinery
    for fmt in ("csv", "jsonl"):  # the annotation exports: only the accepted one, now an annotation
        if fmt == "csv":
            records = list(csv.DictReader(io.StringIO(written[fmt], newline="")))
        else:
            records = [json.loads(line) for line in written[fmt].splitlines()]
        assert [(r["id"], r["tag"], int(r["start"]), int(r["end"])) for r in records] == [
            (accepted.id, "number", number.start, number.end)], fmt
    import store.suggestions

    monkeypatch.setattr(store.suggestions, "_default_rules", lambda *args: [])
    assert st.suggestions("a") == [] and st.suggestions("b") == []
    for fmt in FORMATS:  # every format writes the same whether anything is suggested or not
        out = io.StringIO()
        export(st, fmt, out)
        assert out.getvalue() == written[fmt], fmt


def test_rules_run_only_for_tags_the_codebook_has(st):
    st.apply_codebook(parse_codebook('replace_defaults = true\n[[tag]]\nname = "number"\nkey = "1"\n'
                                     'color = "#10b981"\n'))
    assert [t.name for t in st.tags()] == ["number"]
    assert {s.tag for s in st.iter_suggestions()} == {"number"}
    assert st.known_actors() == []


def test_a_tag_asked_for_filters_and_an_unknown_one_lists_the_tags(st):
    assert {s.tag for s in st.iter_suggestions(tag="quote")} == {"quote"}
    assert list(st.iter_suggestions(tag="claim")) == []  # no rule proposes claims
    with pytest.raises(UnknownTagError, match="known tags: quote, claim, number, actor"):
        st.iter_suggestions(tag="frame")
    with pytest.raises(UnknownDocumentError):
        st.iter_suggestions(doc_id="nope")


def test_iter_suggestions_goes_document_by_document_in_import_order(st):
    found = list(st.iter_suggestions())
    assert [s.document_id for s in found] == sorted((s.document_id for s in found), key=list(DOCS).index)
    assert [s for s in found if s.document_id == "b"] == st.suggestions("b")
    assert list(st.iter_suggestions(doc_id="b")) == st.suggestions("b")
