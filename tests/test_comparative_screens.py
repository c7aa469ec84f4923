"""Pilot tests for the comparative-reading modals: passages, variants, coverage, corpus search, summary."""
from __future__ import annotations

from types import SimpleNamespace

from textual.app import App
from textual.widgets import DataTable, Input, Static

from corpus.align import Cluster, Overlap, Passage
from tests.screen_host import Host, no_blink
from tui.screens.corpus_search import MAX_HITS, CorpusSearchScreen, search_texts
from tui.screens.coverage import CoverageScreen
from tui.screens.passages import PassagesScreen
from tui.screens.summary import SummaryScreen
from tui.screens.variants import VariantsScreen, diff_ops

NASTY = "[/] [bold]x \x1b[31m [@click=app.quit]q[/] [b"


TITLES = {"a": "Alpha Times", "b": "Beta [/] Post", "c": "\x1b[31mGamma", "d": "Delta"}
REF = "“We will not resign,” the minister said on Monday."
VAR = '"We will never resign," the minister told reporters on Monday.'
WIDE = Cluster("wide", (Passage("a", 10, 10 + len(REF), REF), Passage("b", 5, 5 + len(VAR), VAR),
                        Passage("c", 0, len(REF), REF)), 88.0, "similar")
NARROW = Cluster("narrow", (Passage("a", 100, 100 + len(NASTY), NASTY), Passage("d", 7, 7 + len(NASTY), NASTY)),
                 100.0, "shared")


def shown_text(app: App) -> str:
    return "\n".join(str(static.render()) for static in app.screen.query(Static))


async def test_passages_sorted_by_reach_enter_and_v():
    app = Host(lambda: PassagesScreen([NARROW, WIDE], TITLES))
    async with app.run_test(size=(140, 30)) as pilot:
        table = app.screen.query_one(DataTable)
        assert [row.value for row in table.rows] == ["wide", "narrow"]
        assert table.get_cell("wide", "reach").plain == "3/4"
        assert table.get_cell("wide", "kind").plain == "similar"
        documents = table.get_cell("wide", "documents").plain
        assert "Alpha Times" in documents and "Beta [/] Post" in documents and "\x1b" not in documents
        assert table.get_cell("narrow", "text").plain.startswith("[/] [bold]x ␛[31m")
        await pilot.press("enter")
    assert app.results == [("open", "wide")]

    app = Host(lambda: PassagesScreen([NARROW, WIDE], TITLES))
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("down", "v")
    assert app.results == [("variants", "narrow")]

    app = Host(lambda: PassagesScreen([NARROW, WIDE], TITLES))
    async with app.run_test() as pilot:
        await pilot.press("escape")
    assert app.results == [None]


async def test_passages_empty_state():
    app = Host(lambda: PassagesScreen([], TITLES))
    async with app.run_test() as pilot:
        assert "No shared passages" in shown_text(app)
        assert not app.screen.query_one(DataTable).display
        await pilot.press("v", "enter")  # nothing to choose: stays open
        assert app.results == []
        await pilot.press("escape")
    assert app.results == [None]


def test_diff_ops_mark_changes_against_the_first_version():
    ops = diff_ops(REF, VAR)
    assert "".join(t for k, t in ops if k != "delete") == VAR  # the version, exactly
    assert ("insert", "never ") in ops and ("delete", "not ") in ops
    assert any(k == "insert" and "told reporters" in t for k, t in ops)
    assert any(k == "delete" and t.startswith("said") for k, t in ops)
    assert diff_ops(REF, REF) == [("equal", REF)]


async def test_variants_show_every_version_and_mark_differences():
    app = Host(lambda: VariantsScreen(WIDE, TITLES))
    async with app.run_test(size=(120, 40)) as pilot:
        headings = [s.render() for s in app.screen.query(".variant-heading")]
        bodies = [s.render() for s in app.screen.query(".variant-text")]
        assert len(headings) == len(bodies) == 3
        assert "Alpha Times" in str(headings[0]) and "10–" in str(headings[0]) and "reference" in str(headings[0])
        assert "Beta [/] Post" in str(headings[1]) and "+" in str(headings[1])
        assert "␛[31mGamma" in str(headings[2]) and "same words" in str(headings[2])
        variant = app.screen.versions()[1][1]
        assert variant.plain.replace("not ", "", 1).replace("said ", "", 1) == VAR
        styled = {variant.plain[s.start:s.end]: str(s.style) for s in variant.spans}
        assert "strike" in styled["not "] and "red" in styled["not "]
        assert "green" in styled["never "] and "underline" in styled["never "]
        await pilot.press("pagedown", "escape")
    assert app.results == [None]


async def test_variants_count_words_not_punctuation():
    reference = "the court freed Ms Meng"
    versions = ['the court freed Ms. Meng."', "the court freed Ms. Meng, a Huawei executive.", "the U.S. court freed Meng"]
    members = [Passage(doc, 0, len(text), text) for doc, text in zip("abcd", [reference, *versions])]
    app = Host(lambda: VariantsScreen(Cluster("meng", tuple(members), 90.0, "similar"), TITLES))
    async with app.run_test(size=(120, 40)) as pilot:
        headings = [str(s.render()) for s in app.screen.query(".variant-heading")]
        assert "same words, punctuation differs" in headings[1]  # was "+2 words"
        assert "+3 words" in headings[2] and "−0 words" in headings[2]  # "a Huawei executive"
        assert "+1 words" in headings[3] and "−1 words" in headings[3]  # "U.S." in, "Ms" out
        await pilot.press("escape")
    assert app.results == [None]


def annotation(doc, tag, start, text):
    return SimpleNamespace(id=f"{doc}-{start}", document_id=doc, tag=tag, start=start, end=start + len(text), text=text)


TAGS = [SimpleNamespace(name="quote", key="1", colour="#3b82f6"),
        SimpleNamespace(name="number", key="3", colour="#10b981"),
        SimpleNamespace(name="actor", key="4", colour="nonsense")]


def coverage():
    def row(tag, label, **cells):
        return SimpleNamespace(tag=tag, label=label, cells=cells,
                               reach=sum(1 for v in cells.values() if v))

    return SimpleNamespace(documents=["a", "b", "c"], rows=[
        row("quote", "We will not resign", a=[annotation("a", "quote", 12, "We will")], b=[annotation("b", "quote", 6, "We")]),
        row("number", "1,000", b=[annotation("b", "number", 40, "1000"), annotation("b", "number", 30, "1,000")]),
        row("actor", NASTY, c=[annotation("c", "actor", 3, NASTY)]),
    ])


async def test_coverage_matrix_enter_returns_document_and_start():
    app = Host(lambda: CoverageScreen(coverage(), TITLES, TAGS))
    async with app.run_test(size=(140, 30)) as pilot:
        table = app.screen.query_one(DataTable)
        assert table.cursor_type == "cell" and table.row_count == 3
        labels = [c.label.plain for c in table.columns.values()]
        assert labels[:3] == ["tag", "item", "Alpha Times"] and "Beta [/] Post" in labels
        assert table.get_cell("0", "doc:c").plain == "·" and table.get_cell("1", "doc:b").plain == "2"
        assert table.get_cell("2", "item").plain.startswith("[/] [bold]x ␛")
        await pilot.press("right", "enter")  # quote row, Beta's column
    assert app.results == [("b", 6)]


async def test_coverage_filter_keys_and_empty_cell():
    app = Host(lambda: CoverageScreen(coverage(), TITLES, TAGS))
    async with app.run_test(size=(140, 30)) as pilot:
        screen = app.screen
        table = screen.query_one(DataTable)
        await pilot.press("3")
        assert table.row_count == 1 and screen.status.plain == "Showing: number (1 of 3 items)"
        await pilot.press("left", "enter")  # the item's label: nothing to open, stays open
        assert app.results == []
        await pilot.press("right", "2")  # no tag on key 2: the filter stays
        assert table.row_count == 1
        await pilot.press("0")
        assert table.row_count == 3 and screen.status.plain == "Showing: all 3 items"
        await pilot.press("3", "right", "enter")  # first of the two annotations, by start
    assert app.results == [("b", 30)]

    app = Host(lambda: CoverageScreen(coverage(), TITLES, TAGS))
    async with app.run_test() as pilot:
        await pilot.press("escape")
    assert app.results == [None]


TEXTS = {"a": "The Minister resigned. the minister said nothing.",
         "b": "No minister here? MINISTER! [/] and \x1b[31m minister",
         "c": "Nothing to see."}


def test_search_texts_keeps_offsets_and_caps():
    result = search_texts(TEXTS, "minister")
    assert result.counts == {"a": 2, "b": 3}
    for doc_id, hits in result.hits.items():
        for hit in hits:
            assert TEXTS[doc_id][hit.start:hit.end].casefold() == "minister"
    capped = search_texts({"x": "a" * (MAX_HITS + 10)}, "a")
    assert capped.capped and len(capped.hits["x"]) == MAX_HITS and capped.counts["x"] == MAX_HITS + 10


async def test_corpus_search_lists_hits_and_returns_offset():
    app = Host(lambda: CorpusSearchScreen(TEXTS, TITLES))
    async with app.run_test(size=(120, 30)) as pilot:
        no_blink(app)
        screen = app.screen
        table = screen.query_one(DataTable)
        await pilot.press(*"MINISTER")
        assert screen.status.plain == "5 hits in 2 of 3 documents"
        keys = [row.value for row in table.rows]
        assert keys == ["doc:a", "hit:a:0", "hit:a:1", "doc:b", "hit:b:0", "hit:b:1", "hit:b:2"]
        assert table.get_cell("doc:b", "context").plain == "Beta [/] Post"
        assert table.get_cell("doc:a", "at").plain == "2 hits"
        context = table.get_cell("hit:b:2", "context").plain
        assert "\x1b" not in context and "␛[31m minister" in context
        assert table.cursor_row == 1  # on the first hit, not the document heading
        await pilot.press("down", "down", "down", "enter")  # from the Input: to b's first hit
    assert app.results == [("b", 3)]


async def test_corpus_search_initial_enter_and_escape():
    app = Host(lambda: CorpusSearchScreen(TEXTS, TITLES, initial="said"))
    async with app.run_test() as pilot:
        no_blink(app)
        assert app.screen.query_one(Input).value == "said"
        await pilot.press("enter")
    assert app.results == [("a", TEXTS["a"].index("said"))]

    app = Host(lambda: CorpusSearchScreen(TEXTS, TITLES))
    async with app.run_test() as pilot:
        no_blink(app)
        await pilot.press(*"zebra", "enter")  # no hit: stays open
        assert app.results == [] and app.screen.status.plain.startswith("No match for")
        await pilot.press("escape")
    assert app.results == [None]


async def test_summary_lists_percentages_sorted_by_share():
    overlaps = {
        "a": Overlap("a", 250, 1000, 0.25, {"b": 200, "c": 50}),
        "b": Overlap("b", 300, 600, 0.5, {"a": 300}),
        "c": Overlap("c", 0, 400, 0.0, {}),
        "d": Overlap("d", 1, 1000, 0.001, {"b": 1}),
    }
    app = Host(lambda: SummaryScreen(overlaps, TITLES))
    async with app.run_test(size=(140, 30)) as pilot:
        table = app.screen.query_one(DataTable)
        assert [row.value for row in table.rows] == ["b", "a", "d", "c"]
        assert [table.get_cell(k, "share").plain for k in ("b", "a", "d", "c")] == ["50%", "25%", "<1%", "0%"]
        assert table.get_cell("a", "with").plain == "Beta [/] Post (200 chars), ␛[31mGamma (50 chars)"
        assert table.get_cell("c", "with").plain == "only here"
        assert table.get_cell("a", "chars").plain == "250/1,000"
        await pilot.press("escape")
    assert app.results == [None]
