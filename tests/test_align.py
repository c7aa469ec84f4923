"""Shared-passage finding: the seed corpus, near-duplicates, hostile text, diffs and overlap."""
from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest

from corpus.align import (
    Cluster,
    document_overlap,
    find_passages,
    passages_for,
    token_diff,
    unique_spans,
)
from corpus.matchtext import match_text, normalise
from corpus.sentences import MAX_SENTENCE, split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "seeds"
QUOTE = "everything we share with germany"


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    return {p.stem: p.read_bytes().decode("utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="module")
def seed_clusters(seeds) -> list[Cluster]:
    return find_passages(seeds)


def _plain(text: str) -> str:
    """Case and curly quotes folded by hand, independent of the code under test."""
    for curly, straight in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return text.casefold()


def _assert_slices(clusters, texts):
    for c in clusters:
        assert c.reach >= 2
        for m in c.members:
            assert texts[m.document_id][m.start:m.end] == m.text
            assert m.text.strip()


def _clusters_covering(clusters, doc, needle, texts):
    at = texts[doc].casefold().find(needle.casefold())
    assert at >= 0
    return [c for c in clusters for m in c.members
            if m.document_id == doc and m.start <= at and at + len(needle) <= m.end]


# --- the seed corpus -------------------------------------------------------------------------

def test_americans_quote_found_in_every_carrier_in_one_cluster(seeds, seed_clusters):
    carriers = {doc for doc, text in seeds.items() if QUOTE in _plain(text)}
    assert len(carriers) >= 2
    holding = [c for c in seed_clusters if any(QUOTE in _plain(m.text) for m in c.members)]
    assert len(holding) == 1
    cluster = holding[0]
    assert {m.document_id for m in cluster.members} == carriers
    assert all(QUOTE in _plain(m.text) for m in cluster.members)
    assert cluster.kind == "shared" and cluster.score >= 90


def test_seed_offsets_slice_back(seeds, seed_clusters):
    assert seed_clusters
    _assert_slices(seed_clusters, seeds)


def test_passage_in_one_article_only_is_not_reported(seeds, seed_clusters):
    doc = next(d for d in seeds if "File photo via RFERL" in seeds[d])
    sentence = next((s, e) for s, e in split_sentences(seeds[doc]) if "File photo via RFERL" in seeds[doc][s:e])
    # The sentence really is unique to this seed, or the test would prove nothing.
    assert sum(_plain(seeds[doc][sentence[0]:sentence[1]]) in _plain(t) for t in seeds.values()) == 1
    for c in seed_clusters:
        for m in c.members:
            assert not (m.document_id == doc and m.start < sentence[1] and sentence[0] < m.end)
    assert sentence in unique_spans(doc, seeds[doc], seed_clusters)


def test_sorted_by_reach_then_score_and_ids_stable(seeds, seed_clusters):
    keys = [(-c.reach, -c.score) for c in seed_clusters]
    assert keys == sorted(keys)
    again = find_passages(dict(reversed(list(seeds.items()))))
    assert {c.id for c in again} == {c.id for c in seed_clusters}


# --- near duplicates ---------------------------------------------------------------------------

ATTRIBUTED = {
    "a": 'Officials met on Monday. "The new tariffs will take effect before the end of the year," said Smith. Markets fell sharply.',
    "b": 'Trade talks went on. "The new tariffs will take effect before the end of the year," the minister told reporters. Analysts shrugged.',
    "c": "Nothing to see here at all. The weather was mild across the whole region on the day.",
}


def test_changed_attribution_clusters_together():
    clusters = find_passages(ATTRIBUTED)
    _assert_slices(clusters, ATTRIBUTED)
    assert len(clusters) == 1
    (c,) = clusters
    assert {m.document_id for m in c.members} == {"a", "b"} and c.kind == "shared"
    for m in c.members:
        assert "The new tariffs will take effect before the end of the year" in m.text
        assert "Smith" not in m.text and "reporters" not in m.text  # the tail is trimmed off


def test_curly_straight_quotes_and_dashes_match():
    texts = {
        "x": "Intro line here.\n\u201cWe will not back down \u2014 not now, not ever,\u201d the senator\u2019s aide said on Tuesday.",
        "y": 'Another intro.\n"We will not back down - not now, not ever," the senator\'s aide said on Tuesday.',
    }
    clusters = find_passages(texts)
    _assert_slices(clusters, texts)
    assert len(clusters) == 1 and clusters[0].reach == 2 and clusters[0].score >= 95


def test_reworded_passage_is_similar_not_shared():
    texts = {
        "p": "The committee said the new rules would apply to every company operating in the region from next spring onwards.",
        "q": "The committee said the new rules would apply to all firms operating in the area from next spring onwards.",
    }
    (c,) = find_passages(texts)
    assert c.kind == "similar" and 70 <= c.score < 90


# --- hostile text ------------------------------------------------------------------------------

HOSTILE_SENTENCES = [
    "\u4e2d\u56fd\u5916\u4ea4\u90e8\u53d1\u8a00\u4eba\u8868\u793a\uff0c\u7f8e\u56fd\u5e94\u8be5\u63a5\u53d7\u5176\u4ed6\u56fd\u5bb6\u81ea\u4e3b\u51b3\u5b9a\u7684\u4e8b\u5b9e\u3002",
    "The vote \U0001F389 will be held on Sunday across the whole country \U0001F1E9\U0001F1EA, officials said.",
    "\u0642\u0627\u0644 \u0627\u0644\u0645\u062a\u062d\u062f\u062b \u0628\u0627\u0633\u0645 \u0627\u0644\u062d\u0643\u0648\u0645\u0629 \u0625\u0646 \u0627\u0644\u0642\u0631\u0627\u0631 \u0633\u064a\u062f\u062e\u0644 \u062d\u064a\u0632 \u0627\u0644\u062a\u0646\u0641\u064a\u0630 \u0627\u0644\u0623\u0633\u0628\u0648\u0639 \u0627\u0644\u0645\u0642\u0628\u0644 \u0641\u064a \u062c\u0645\u064a\u0639 \u0623\u0646\u062d\u0627\u0621 \u0627\u0644\u0628\u0644\u0627\u062f.",
]
FRENCH = "Le pr\u00e9sident a d\u00e9clar\u00e9 que la r\u00e9forme entrera en vigueur d\u00e8s la rentr\u00e9e prochaine."


@pytest.mark.parametrize("sentence", HOSTILE_SENTENCES, ids=["cjk", "emoji", "rtl"])
def test_hostile_scripts_match_and_slice(sentence):
    texts = {"one": "Opening words of the first.\n" + sentence + "\nClosing.", "two": "Other lead.\n" + sentence}
    clusters = find_passages(texts)
    _assert_slices(clusters, texts)
    assert len(clusters) == 1 and clusters[0].reach == 2
    assert all(m.text == sentence for m in clusters[0].members)


def test_combining_marks_match_precomposed_and_slice_exactly():
    decomposed = unicodedata.normalize("NFD", FRENCH)
    assert decomposed != FRENCH
    texts = {"nfc": "Une phrase.\n" + FRENCH, "nfd": "Autre chose.\n" + decomposed}
    clusters = find_passages(texts)
    _assert_slices(clusters, texts)
    assert len(clusters) == 1
    assert {m.text for m in clusters[0].members} == {FRENCH, decomposed}


def test_long_line_without_breaks_is_windowed():
    # Speed lives in benchmarks/passages.py; here: windows are capped, so scoring cannot go quadratic.
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(3000)]
    line = " ".join(rng.choice(vocab) for _ in range(40000))[:200_000]
    quote = "the inspectors will publish their full findings before the summer recess begins"
    texts = {
        "long": line,
        "long_twin": line[:100_000] + " " + quote + " " + line[100_000:],
        "quote": "Someone said: " + quote + ".",
        "xs": "x" * 200_000,
        "cjk": "\u6c49\u5b57" * 100_000,
    }
    assert all(len(s) == 200_000 for s in (texts["long"], texts["xs"], texts["cjk"]))
    find_passages({"warm": "up", "w2": "up"})
    clusters = find_passages(texts)
    assert all(e - s <= MAX_SENTENCE for s, e in split_sentences(line))
    _assert_slices(clusters, texts)
    assert _clusters_covering(clusters, "quote", quote, texts)
    assert _clusters_covering(clusters, "long_twin", quote, texts)
    assert not any(m.document_id in ("xs", "cjk") for c in clusters for m in c.members)


def test_match_text_maps_back_to_original():
    text = "  Caf\u00e9  \u201cHi\u201d\u2014the e\u0301 \u00df  "
    m = match_text(text)
    assert m.text == 'cafe "hi"-the e ss' == normalise(text)
    s, e = m.original_span(0, len(m.text))
    assert text[s:e] == text.strip()
    s, e = m.original_span(m.text.index("e s") , m.text.index("e s") + 1)
    assert text[s:e] == "e\u0301"


# --- token_diff --------------------------------------------------------------------------------

def test_token_diff_changed_attribution():
    a = '"Prices will rise," said Smith.'
    b = '"Prices will rise," the minister told reporters.'
    ops = token_diff(a, b)
    assert "".join(t for k, t in ops if k != "insert") == a
    assert "".join(t for k, t in ops if k != "delete") == b
    assert ops[0] == ("equal", '"Prices will rise," ')
    assert ("delete", "said Smith") in ops and ("insert", "the minister told reporters") in ops


def test_token_diff_ignores_quote_style_and_handles_empty():
    assert token_diff("\u201cYes\u201d \u2014 he said", '"yes" - he said') == [("equal", "\u201cYes\u201d \u2014 he said")]
    assert token_diff("", "") == []
    assert token_diff("", "new words") == [("insert", "new words")]
    assert token_diff("old words", "") == [("delete", "old words")]


# --- document_overlap, passages_for, unique_spans ----------------------------------------------

def test_document_overlap(seeds, seed_clusters):
    overlap = document_overlap(seed_clusters, seeds)
    assert set(overlap) == set(seeds)
    for doc, o in overlap.items():
        assert 0.0 <= o.share <= 1.0 and o.length == len(seeds[doc])
        assert all(0 < n <= o.shared_chars for n in o.with_documents.values())
        assert doc not in o.with_documents
    carriers = {doc for doc, text in seeds.items() if QUOTE in _plain(text)}
    for doc in carriers:
        assert overlap[doc].share > 0 and set(overlap[doc].with_documents) & (carriers - {doc})


def test_document_without_passages_has_zero_share():
    overlap = document_overlap(find_passages(ATTRIBUTED), ATTRIBUTED)
    assert overlap["c"].shared_chars == 0 and overlap["c"].share == 0.0 and overlap["c"].with_documents == {}
    assert 0 < overlap["a"].share < 1 and set(overlap["a"].with_documents) == {"b"}
    assert document_overlap([], {"empty": ""})["empty"].share == 0.0


def test_passages_for_and_unique_spans(seeds, seed_clusters):
    for doc, text in seeds.items():
        found = passages_for(doc, seed_clusters)
        starts = [p.start for p, _ in found]
        assert starts == sorted(starts)
        assert all(p.document_id == doc and p in c.members for p, c in found)
        for s, e in unique_spans(doc, text, seed_clusters):
            assert all(e <= p.start or p.end <= s for p, _ in found)
    assert unique_spans("c", ATTRIBUTED["c"], find_passages(ATTRIBUTED)) == split_sentences(ATTRIBUTED["c"])


def test_single_and_empty_corpora():
    assert find_passages({}) == []
    assert find_passages({"solo": ATTRIBUTED["a"]}) == []
    assert find_passages({"a": "", "b": "   \n\n "}) == []
    # The same document twice under two ids is shared throughout.
    twins = find_passages({"a": ATTRIBUTED["a"], "b": ATTRIBUTED["a"]})
    assert twins and all(c.reach == 2 for c in twins)
