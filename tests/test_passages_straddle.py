"""One passage found from two neighbouring sentence units is one cluster: in the finder, the
cache, `sidebyside passages`, and the reader's passages view (which crashed on a repeated id)."""
from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner
from textual.widgets import DataTable

from corpus.align import Cluster, Passage, find_passages
from corpus.sentences import split_units
from store import open_store
from store.passages import STATE_KEY, cached_passages, fingerprint, shared_passages
from tests import straddle_corpus
from tests.screen_host import Host
from tests.straddle_corpus import SHARED, TEXTS, TITLES
from tui.cli import main
from tui.screens.passages import PassagesScreen


def _units_holding(doc_id: str) -> list[int]:
    """The sentence units of a document whose own text holds part of the shared passage."""
    text = TEXTS[doc_id]
    at = text.index(SHARED)
    return [u for u, (s, e, _, _) in enumerate(split_units(text)) if s < at + len(SHARED) and at < e]


def _assert_one_straddling_cluster(clusters) -> None:
    ids = [c.id for c in clusters]
    assert len(ids) == len(set(ids)), f"repeated cluster ids: {ids}"
    spans = Counter((m.document_id, m.start, m.end) for c in clusters for m in c.members)
    assert all(n == 1 for n in spans.values()), f"a span listed by two clusters: {spans}"
    holding = [c for c in clusters if any(SHARED in m.text for m in c.members)]
    assert len(holding) == 1
    cluster = holding[0]
    assert {m.document_id for m in cluster.members} == {"wire", "daily"}
    for m in cluster.members:
        assert TEXTS[m.document_id][m.start:m.end] == m.text
        assert SHARED in m.text


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "straddle.db"
    store = open_store(path)
    straddle_corpus.import_into(store)
    store.close()
    return path


def test_the_corpus_puts_the_passage_across_two_units_of_both_documents():
    # What the other tests rely on: each article cuts its overlong sentence inside the passage.
    assert len(_units_holding("wire")) == 2
    assert len(_units_holding("daily")) == 2


def test_finder_reports_the_straddling_passage_once():
    _assert_one_straddling_cluster(find_passages(TEXTS))


def test_store_matches_both_units_yet_caches_one_cluster(db):
    store = open_store(db)
    try:
        clusters = shared_passages(store)
        matched = store.conn.execute(
            "SELECT a_doc, a_unit, b_doc, b_unit, a_start, a_end, b_start, b_end FROM passage_matches"
            " WHERE score IS NOT NULL AND a_doc = 'wire' AND b_doc = 'daily'").fetchall()
        # Two matched pairs of units (1-1 and 2-2), both covering the same span: the report's case.
        assert {(a_unit, b_unit) for _, a_unit, _, b_unit, *_ in matched} >= {(1, 1), (2, 2)}
        assert len({tuple(row[4:]) for row in matched}) == 1
        _assert_one_straddling_cluster(clusters)
        _assert_one_straddling_cluster(cached_passages(store))
    finally:
        store.close()


def test_a_cached_list_with_a_repeated_cluster_is_recomputed(db):
    store = open_store(db)
    try:
        clusters = shared_passages(store)
        # What the old finder wrote, under the current fingerprint: one cluster listed twice.
        repeated = [clusters[0], *clusters]
        from store.passages import clusters_to_json

        store.set_state(STATE_KEY, {"fingerprint": fingerprint(store), "computed": "then",
                                    "clusters": clusters_to_json(repeated)})
        assert cached_passages(store) is None
        again = shared_passages(store)
        assert [c.id for c in again] == [c.id for c in clusters]
        _assert_one_straddling_cluster(cached_passages(store))
    finally:
        store.close()


def test_cli_lists_the_passage_once_in_the_table_and_in_jsonl(db):
    jsonl = CliRunner().invoke(main, ["passages", "--db", str(db), "--format", "jsonl"])
    assert jsonl.exit_code == 0, jsonl.output
    records = [json.loads(line) for line in jsonl.output.splitlines()]
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)) == 2
    clusters = [Cluster(r["id"], tuple(Passage(m["document_id"], m["start"], m["end"], m["text"])
                                       for m in r["members"]), r["score"], r["kind"]) for r in records]
    _assert_one_straddling_cluster(clusters)

    table = CliRunner().invoke(main, ["passages", "--db", str(db)])
    assert table.exit_code == 0, table.output
    for cluster_id in ids:
        assert table.output.count(f"{cluster_id}  ") == 1


async def test_pressing_P_in_the_reader_lists_each_passage_once(db):
    from tui.app import ReaderApp

    store = open_store(db)
    try:
        app = ReaderApp(store, annotator="tester")
        async with app.run_test(size=(160, 40)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()  # the passages are found after the first frame
            await pilot.pause()
            assert app.reader.comparing.clusters
            await pilot.press("P")
            await pilot.pause()
            assert isinstance(app.screen, PassagesScreen)
            table = app.screen.query_one(DataTable)
            keys = [row.value for row in table.rows]
            assert len(keys) == len(set(keys)) == 2
            straddling = next(c for c in app.reader.comparing.clusters if SHARED in c.text)
            assert table.get_cell(straddling.id, "reach").plain == "2/3"
            table.move_cursor(row=table.get_row_index(straddling.id))
            await pilot.press("enter")
            await pilot.pause()
            shown = {pane.document.id for pane in app.panes if pane.layer_ranges("flash")}
            assert shown == {"wire", "daily"}
    finally:
        store.close()


async def test_passages_view_shows_a_repeated_cluster_once():
    member = Passage("wire", 0, 5, "first")
    cluster = Cluster("abc", (member, Passage("daily", 0, 5, "first")), 100.0, "shared")
    other = Cluster("def", (Passage("wire", 9, 14, "other"), Passage("briefing", 0, 5, "other")), 95.0, "shared")
    app = Host(lambda: PassagesScreen([cluster, other, cluster], TITLES))
    async with app.run_test(size=(140, 30)) as pilot:
        table = app.screen.query_one(DataTable)
        assert [row.value for row in table.rows] == ["abc", "def"]
        assert "2 passages found" in str(app.screen.query_one("#passages-status").render())
        await pilot.press("down", "enter")
    assert app.results == [("open", "def")]


def test_clusters_that_list_the_same_span_are_one():
    # Document 0's span 0-100 is matched whole from unit 0 (with document 1), and in three
    # overlapping pieces from units 1-3 (with document 2): no piece is the same region as the
    # whole, but the pieces merge into exactly that span, so it would be listed twice.
    from corpus.align import Match, cluster_matches

    text = "x" * 100
    matches = [Match((0, 0), (1, 0), 0, 1, 100.0, (0, 100), (0, 100))]
    matches += [Match((0, u), (2, 0), 0, 2, 95.0, span, (0, 100))
                for u, span in ((1, (0, 35)), (2, (30, 70)), (3, (65, 100)))]
    clusters = cluster_matches(["a", "b", "c"], matches, lambda d: text)
    assert len(clusters) == 1
    assert [(m.document_id, m.start, m.end) for m in clusters[0].members] == [
        ("a", 0, 100), ("b", 0, 100), ("c", 0, 100)]
    assert clusters[0].score == 95.0
