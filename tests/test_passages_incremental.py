"""The incremental passage index: after any update, the same clusters as find_passages from scratch."""
from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from random import Random

import pytest

import store.passages as passages_module
from corpus.align import find_passages
from corpus.document import Document
from store import open_store
from store.passages import document_texts, shared_passages

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"


@functools.cache
def _benchmark_module():
    spec = importlib.util.spec_from_file_location("_bench_passages", ROOT / "benchmarks" / "passages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _benchmark_corpus(n: int, seed: int) -> dict[str, str]:
    return _benchmark_module().make_corpus(n, seed=seed)[0]


def _key(clusters):
    return [(c.id, c.members, c.score, c.kind) for c in clusters]


def _assert_from_scratch(s):
    got = shared_passages(s)
    want = find_passages(document_texts(s))
    assert _key(got) == _key(want)
    assert {(c.id, c.members) for c in got} == {(c.id, c.members) for c in want}
    return got


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "inc.db")
    yield s
    s.close()


@pytest.fixture
def paths(monkeypatch):
    """Which update path ran: "append" (new documents only) or "relink" (whole corpus, stored scores)."""
    calls = []
    real_append, real_relink = passages_module._append, passages_module._relink

    def append(*args, **kwargs):
        done = real_append(*args, **kwargs)
        calls.append("append" if done else "append-declined")
        return done

    def relink(*args, **kwargs):
        calls.append("relink")
        return real_relink(*args, **kwargs)

    monkeypatch.setattr(passages_module, "_append", append)
    monkeypatch.setattr(passages_module, "_relink", relink)
    return calls


def _add(s, texts):
    for doc_id, text in texts.items():
        s.add_document(Document(id=doc_id, title=doc_id, text=text))


def test_seeds_added_in_two_steps(store, paths):
    seeds = {p.stem: p.read_bytes().decode("utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    ids = list(seeds)
    assert len(ids) >= 5
    _add(store, {i: seeds[i] for i in ids[:3]})
    _assert_from_scratch(store)
    _add(store, {i: seeds[i] for i in ids[3:]})
    clusters = _assert_from_scratch(store)
    assert clusters and paths == ["relink", "append"]
    assert _key(clusters) == _key(find_passages(seeds))


def _generated(n_old: int, n_new: int, seed: int = 7) -> tuple[dict[str, str], dict[str, str]]:
    """A synthetic corpus, plus new articles that copy sentences of old ones (new-old matches),
    of each other, and carry a boilerplate line most articles have."""
    texts = _benchmark_corpus(n_old + n_new, seed)
    rng = Random(seed)
    ids = list(texts)
    old_ids, new_ids = ids[:n_old], ids[n_old:]
    boiler = "This article was produced with the support of the regional news agency network today."
    for doc_id in ids:
        if rng.random() < 0.3:
            texts[doc_id] += "\n\n" + boiler
    for doc_id in new_ids:
        donor = texts[rng.choice(old_ids)]
        sentences = [s for s in donor.replace("\n", " ").split(". ") if len(s.split()) > 12]
        if sentences:
            texts[doc_id] += "\n\n" + rng.choice(sentences) + "."
    texts[new_ids[1]] += "\n\n" + texts[new_ids[0]].split("\n\n")[0]
    return {i: texts[i] for i in old_ids}, {i: texts[i] for i in new_ids}


def test_generated_corpus_then_twenty_more(store, paths):
    old, new = _generated(200, 20)
    _add(store, old)
    _assert_from_scratch(store)
    _add(store, new)
    clusters = _assert_from_scratch(store)
    assert paths[-1] == "append"
    assert any(m.document_id in new for c in clusters for m in c.members)
    assert any({m.document_id in new for m in c.members} == {True, False} for c in clusters)


def test_append_one_at_a_time_and_after_reopening(tmp_path, paths):
    old, new = _generated(40, 4, seed=11)
    s = open_store(tmp_path / "r.db")
    _add(s, old)
    _assert_from_scratch(s)
    s.close()
    for doc_id, text in new.items():
        s = open_store(tmp_path / "r.db")
        try:
            _add(s, {doc_id: text})
            _assert_from_scratch(s)
        finally:
            s.close()
    assert paths[0] == "relink" and set(paths[1:]) <= {"append", "append-declined", "relink"}
    assert "append" in paths


def _boiler_corpus(n: int, carriers: int, seed: int = 5) -> dict[str, str]:
    texts = _benchmark_corpus(n, seed)
    line = "Reporting by the Northern Wire Service, editing by the weekend desk staff in the capital."
    for doc_id in list(texts)[:carriers]:
        texts[doc_id] += "\n\n" + line
    return texts


def test_boilerplate_limit_moving_gives_the_same_result(store, paths):
    # 22 articles, 12 carry a line: above the limit (11), it links nothing. Two more articles
    # move the limit to 12 and the line links again, between old articles too.
    texts = _boiler_corpus(24, 12)
    ids = list(texts)
    _add(store, {i: texts[i] for i in ids[:22]})
    before = _assert_from_scratch(store)
    assert not any("Northern Wire" in c.text for c in before)
    _add(store, {i: texts[i] for i in ids[22:]})
    after = _assert_from_scratch(store)
    assert any("Northern Wire" in c.text for c in after)
    assert paths[-2:] == ["append-declined", "relink"]


def test_boilerplate_crossing_the_limit_with_a_new_carrier(store, paths):
    texts = _boiler_corpus(24, 11)
    line = texts[list(texts)[0]].split("\n\n")[-1]
    ids = list(texts)
    _add(store, {i: texts[i] for i in ids[:22]})  # 11 of 22: at the limit, links
    assert any("Northern Wire" in c.text for c in _assert_from_scratch(store))
    _add(store, {ids[22]: texts[ids[22]] + "\n\n" + line, ids[23]: texts[ids[23]] + "\n\n" + line})
    assert not any("Northern Wire" in c.text for c in _assert_from_scratch(store))  # 13 of 24


def test_removed_changed_and_reordered_documents(store, paths):
    old, new = _generated(60, 6, seed=3)
    _add(store, old)
    _add(store, new)
    clusters = _assert_from_scratch(store)
    members = [m.document_id for c in clusters for m in c.members]
    assert members
    conn = store.conn
    # removed: a document in a cluster
    conn.execute("DELETE FROM documents WHERE id = ?", (members[0],))
    _assert_from_scratch(store)
    assert paths[-1] == "relink"
    # changed in place: new text, new hash
    victim = next(d for d in members if d != members[0])
    text = store.document(victim).text
    conn.execute("UPDATE documents SET text = ?, sha256 = ? WHERE id = ?",
                 (text[len(text) // 2:], "changed", victim))
    _assert_from_scratch(store)
    # reordered: the last document moves to the front
    last = store.document_ids()[-1]
    conn.execute("UPDATE documents SET position = -1 WHERE id = ?", (last,))
    _assert_from_scratch(store)
    # and appending still works after all that
    _add(store, {"late": old[next(iter(old))] if members[0] != next(iter(old)) else old[list(old)[1]]})
    _assert_from_scratch(store)
    assert paths[-1] == "append"


def test_refresh_and_algorithm_change_rebuild(store, paths, monkeypatch):
    old, new = _generated(30, 3, seed=9)
    _add(store, old)
    first = _assert_from_scratch(store)
    assert shared_passages(store, refresh=True) == first
    assert paths == ["relink", "relink"]
    monkeypatch.setattr(passages_module, "_align_digest", "another version")
    _add(store, new)
    _assert_from_scratch(store)
    assert paths[-1] == "relink"
    assert store.conn.execute("SELECT COUNT(*) FROM passage_docs").fetchone()[0] == 33


def test_damaged_index_rows_are_not_trusted(store, paths):
    old, new = _generated(30, 3, seed=4)
    _add(store, old)
    _assert_from_scratch(store)
    store.conn.execute("UPDATE passage_meta SET value = 'not json'")
    _add(store, new)
    _assert_from_scratch(store)
    assert paths[-1] == "relink"


def test_empty_and_single_document(store):
    assert shared_passages(store) == []
    _add(store, {"only": "One document alone shares nothing with anybody else in this corpus."})
    assert shared_passages(store) == []
