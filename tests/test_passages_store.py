"""Shared passages cached in the store, and the coverage matrix ("who carries what")."""
from __future__ import annotations

import csv
import io

import pytest

import store.passages as passages_module
from corpus.align import Cluster, Passage
from corpus.document import Document
from store import open_store
from store.coverage import build_coverage, normalise_name, normalise_number, write_coverage_csv
from store.passages import cached_passages, document_overlaps, document_texts, shared_passages

QUOTE = ("“We will not allow our networks to become a backdoor for surveillance by any foreign power,” "
         "the minister told parliament on Tuesday.")
A = f"Berlin, Tuesday. {QUOTE} About 1,000 jobs depend on the contract. Olaf Scholz said little."
STRAIGHT = QUOTE.replace("“", '"').replace("”", '"')
B = (f"Germany pushed back. {STRAIGHT} Officials said 1000 jobs "
     "were at stake. Scholz’s office declined to comment.")
C = "An unrelated story about the weather in Hamburg, where it rained for 4.2% of the year."


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "p.db")
    s.add_document(Document(id="a", title="Alpha", text=A))
    s.add_document(Document(id="b", title="Beta", text=B))
    yield s
    s.close()


@pytest.fixture
def counted(monkeypatch):
    """Every time the clusters are (re)computed: the sorted document ids they covered."""
    calls = []
    real = passages_module._update_index

    def counting(store, *args, **kwargs):
        calls.append(sorted(store.document_ids()))
        return real(store, *args, **kwargs)

    monkeypatch.setattr(passages_module, "_update_index", counting)
    return calls


def test_passages_are_found_and_cached(store, counted):
    first = shared_passages(store)
    assert len(counted) == 1
    assert first and first[0].reach == 2
    texts = document_texts(store)
    for cluster in first:
        for m in cluster.members:
            assert texts[m.document_id][m.start:m.end] == m.text
    again = shared_passages(store)
    assert len(counted) == 1  # cache hit: not recomputed
    assert again == first
    assert cached_passages(store) == first
    assert store.get_state("passages")["fingerprint"]


def test_cache_survives_reopening(store, counted, tmp_path):
    first = shared_passages(store)
    store.close()
    reopened = open_store(tmp_path / "p.db")
    try:
        assert shared_passages(reopened) == first
        assert len(counted) == 1
    finally:
        reopened.close()


def test_adding_a_document_recomputes(store, counted):
    shared_passages(store)
    store.add_document(Document(id="c", title="Gamma", text=C))
    assert cached_passages(store) is None
    shared_passages(store)
    assert len(counted) == 2 and counted[-1] == ["a", "b", "c"]
    shared_passages(store)
    assert len(counted) == 2
    shared_passages(store, refresh=True)
    assert len(counted) == 3


def test_damaged_cache_is_recomputed(store, counted):
    shared_passages(store)
    state = store.get_state("passages")
    state["clusters"] = [{"nonsense": 1}]
    store.set_state("passages", state)
    assert shared_passages(store)
    assert len(counted) == 2


def test_document_overlaps(store):
    store.add_document(Document(id="c", title="Gamma", text=C))
    overlaps = document_overlaps(store)
    assert set(overlaps) == {"a", "b", "c"}
    assert overlaps["a"].share > 0.3 and set(overlaps["a"].with_documents) == {"b"}
    assert overlaps["c"].shared_chars == 0 and overlaps["c"].with_documents == {}


def tag(s, doc_id, text, tag_name, occurrence=0):
    body = s.document(doc_id).text
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(text, start + 1)
    return s.add_annotation(doc_id, start, start + len(text), tag_name)


def test_normalisers():
    assert normalise_name("  Scholz’s ") == normalise_name("scholz") == "scholz"
    assert normalise_name("Olaf\n  Scholz") == "olaf scholz"
    assert normalise_name("“Huawei”") == "huawei"
    assert normalise_number("1,000") == normalise_number("1000") == normalise_number("1 000") == "1000"
    assert normalise_number("4.2%") == normalise_number("4.2 per cent") == "4.2%"
    assert normalise_number("4.2%") != normalise_number("42%")


def test_coverage_rows(store):
    store.add_document(Document(id="c", title="Gamma", text=C))
    clusters = shared_passages(store)
    tag(store, "a", "Olaf Scholz", "actor")
    tag(store, "b", "Scholz’s", "actor")
    tag(store, "a", "Scholz", "actor")  # inside "Olaf Scholz": its own annotation
    tag(store, "b", "Scholz", "actor", occurrence=0)  # "Scholz’s" and "Scholz" in b: one row, count 2
    a_quote = tag(store, "a", "We will not allow our networks to become a backdoor", "quote")
    tag(store, "b", "our networks to become a backdoor for surveillance", "quote")
    tag(store, "a", "1,000", "number")
    tag(store, "b", "1000", "number")
    tag(store, "c", "4.2%", "number")
    tag(store, "c", "the weather in Hamburg", "claim")

    coverage = build_coverage(store, clusters)
    assert coverage.documents == ["a", "b", "c"]
    rows = {(r.tag, r.label): r for r in coverage.rows}

    # "Scholz", "Scholz’s" and "Scholz" are one actor, labelled by the first in document order;
    # "Olaf Scholz" is another name
    scholz = rows[("actor", "Scholz")]
    assert {d: len(v) for d, v in scholz.cells.items()} == {"a": 1, "b": 2}
    assert scholz.reach == 2 and scholz.count("b") == 2
    assert rows[("actor", "Olaf Scholz")].reach == 1

    quote = rows[("quote", a_quote.text)]
    assert set(quote.cells) == {"a", "b"} and quote.key.startswith("cluster:")
    assert [r for r in coverage.rows if r.tag == "quote"] == [quote]

    thousand = rows[("number", "1,000")]
    assert set(thousand.cells) == {"a", "b"}
    assert rows[("number", "4.2%")].reach == 1

    # tag order (quote, claim, number, actor), then reach, then label
    assert [r.tag for r in coverage.rows] == ["quote", "claim", "number", "number", "actor", "actor"]
    assert [r.label for r in coverage.rows if r.tag == "actor"] == ["Scholz", "Olaf Scholz"]

    only = build_coverage(store, clusters, tag="number")
    assert {r.tag for r in only.rows} == {"number"} and len(only.rows) == 2


def test_actor_in_two_documents_is_one_row(store):
    tag(store, "a", "Scholz", "actor")
    tag(store, "b", "Scholz", "actor")
    coverage = build_coverage(store, [])
    assert len(coverage.rows) == 1
    assert coverage.rows[0].reach == 2 and coverage.rows[0].first("b").document_id == "b"


def test_quotes_overlapping_one_cluster_are_one_row_even_with_other_words(store):
    # Hand-made cluster: the two spans differ in wording, so only the cluster can join them.
    qa = tag(store, "a", "Berlin, Tuesday.", "quote")
    qb = tag(store, "b", "Germany pushed back.", "quote")
    cluster = Cluster("c1", (Passage("a", 0, 16, "Berlin, Tuesday."), Passage("b", 0, 20, "Germany pushed back.")),
                      80.0, "similar")
    coverage = build_coverage(store, [cluster])
    assert len(coverage.rows) == 1 and set(coverage.rows[0].cells) == {"a", "b"}
    assert coverage.rows[0].label == qa.text
    assert len(build_coverage(store, []).rows) == 2  # without the cluster: two items
    assert qb.text == "Germany pushed back."


def test_coverage_csv_reads_back(store):
    store.add_document(Document(id="=c", title="Gamma", text="=SUM(A1) is not a formula here. Scholz."))
    tag(store, "a", "Scholz", "actor")
    tag(store, "b", "Scholz", "actor")
    tag(store, "=c", "=SUM(A1)", "claim")
    coverage = build_coverage(store, shared_passages(store))
    out = io.StringIO(newline="")
    assert write_coverage_csv(coverage, out, {"a": "Alpha"}) == 2
    assert "\r\n" in out.getvalue()
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[0] == ["tag", "item", "a", "b", "'=c", "documents"]
    assert rows[1] == ["claim", "'=SUM(A1)", "0", "0", "1", "1"]
    assert rows[2] == ["actor", "Scholz", "1", "1", "0", "2"]
