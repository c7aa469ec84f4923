"""Boilerplate: a passage recurring across many articles of one source is marked, a quote is not."""
from __future__ import annotations

import json
from random import Random

import pytest
from click.testing import CliRunner

from corpus.align import find_passages
from corpus.boilerplate import BOILERPLATE_MIN_DOCUMENTS, BOILERPLATE_SOURCE_SHARE, is_boilerplate
from corpus.document import Document
from store import open_store
from store.passages import cached_passages, shared_passages
from tui.cli import main

FOOTER = "Sign up for the Daily Courier newsletters and manage your subscriptions in one place today."
QUOTE = ("\u201cWe will rebuild every bridge the flood took from this valley before the winter comes,\u201d "
         "the governor told reporters.")


def _filler(rng: Random, sentences: int = 12) -> list[str]:
    """Sentences of made-up words that no two articles share."""
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    out = []
    for _ in range(sentences):
        words = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(9, 16))]
        out.append(" ".join(words).capitalize() + ".")
    return out


def constructed_corpus() -> tuple[dict[str, str], dict[str, str | None]]:
    """30 articles of the Daily Courier ending with its footer; 30 articles of 10 other outlets
    carrying one quote; 30 articles with no source ending with another shared line."""
    rng = Random(13)
    texts, sources = {}, {}
    for i in range(30):
        texts[f"courier-{i}"] = " ".join(_filler(rng) + [FOOTER])
        sources[f"courier-{i}"] = "Daily Courier"
    for i in range(30):
        body = _filler(rng)
        body.insert(5, QUOTE)
        texts[f"wire-{i}"] = " ".join(body)
        sources[f"wire-{i}"] = f"Outlet {i % 10}"
    for i in range(30):
        texts[f"nosource-{i}"] = " ".join(_filler(rng) + ["Read more stories like this one on our website and in our weekly print edition."])
        sources[f"nosource-{i}"] = None if i % 2 else "  "
    return texts, sources


def _cluster_with(clusters, text: str):
    found = [c for c in clusters if text[:40] in c.text]
    assert len(found) == 1, [c.text for c in clusters]
    return found[0]


def test_one_outlets_footer_is_boilerplate_a_quote_of_ten_outlets_is_not():
    texts, sources = constructed_corpus()
    clusters = find_passages(texts, sources)
    footer = _cluster_with(clusters, FOOTER)
    quote = _cluster_with(clusters, QUOTE[1:])
    unsourced = _cluster_with(clusters, "Read more stories like this one")
    assert footer.reach == 30 and footer.boilerplate
    assert quote.reach == 30 and not quote.boilerplate
    assert unsourced.reach == 30 and not unsourced.boilerplate  # unknown sources never decide it
    assert not any(c.boilerplate for c in find_passages(texts))  # no sources given: nothing marked


def test_the_rule_thresholds():
    assert BOILERPLATE_MIN_DOCUMENTS == 10 and BOILERPLATE_SOURCE_SHARE == 0.8  # as README and DESIGN say
    one = {f"d{i}": "BBC " if i % 2 else "bbc" for i in range(10)}  # case and spaces ignored
    assert is_boilerplate(one, one)
    assert not is_boilerplate(list(one)[:9], one)  # nine articles of one outlet are not "many"
    # 10 of one source among 13 documents is 77%: under the share
    mixed = {**one, "x1": "Other", "x2": "Other", "x3": None}
    assert not is_boilerplate(mixed, mixed)
    assert is_boilerplate([*one, "x1", "x2"], mixed)  # 10 of 12: 83%


@pytest.fixture
def db(tmp_path):
    texts, sources = constructed_corpus()
    path = tmp_path / "b.db"
    s = open_store(path)
    s.add_documents([Document(id=d, title=d, source=sources[d], text=t) for d, t in texts.items()])
    s.close()
    return path


def test_the_store_caches_the_flag_and_a_changed_source_re_marks(db):
    s = open_store(db)
    try:
        first = shared_passages(s)
        assert _cluster_with(first, FOOTER).boilerplate
        assert cached_passages(s) == first  # the flag survives the JSON cache
        with s._write() as conn:  # the outlet is re-labelled for half its articles: no longer 80%
            conn.execute("UPDATE documents SET source = 'Evening Post' WHERE id LIKE 'courier-1%'")
        assert cached_passages(s) is None
        again = shared_passages(s)
        assert not _cluster_with(again, FOOTER).boilerplate
        assert [c.id for c in again] == [c.id for c in first]
    finally:
        s.close()


def test_cli_flags_boilerplate_and_no_boilerplate_leaves_it_out(db):
    runner = CliRunner()
    result = runner.invoke(main, ["passages", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    flags = {r["members"][0]["text"][:20]: r["boilerplate"] for r in records}
    assert flags[FOOTER[:20]] is True and flags[QUOTE[:20]] is False
    result = runner.invoke(main, ["passages", "--db", str(db), "--format", "jsonl", "--no-boilerplate"])
    kept = [json.loads(line) for line in result.output.splitlines()]
    assert len(kept) == len(records) - 1 and not any(r["boilerplate"] for r in kept)
    table = runner.invoke(main, ["passages", "--db", str(db)]).output
    header = next(line for line in table.splitlines() if "boilerplate" in line)
    footer_id = next(r["id"] for r in records if r["boilerplate"])
    assert header.startswith(footer_id)
    table = runner.invoke(main, ["passages", "--db", str(db), "--no-boilerplate"]).output
    assert footer_id not in table and FOOTER[:30] not in table


# ---- the reader: boilerplate hidden by default, S shows it -----------------------------------

def _rows(view) -> list[str]:
    return [view.render_line(y).text for y in range(view.size.height)]


@pytest.fixture
def reader_store(tmp_path):
    """Ten Daily Courier articles end with its footer; the first also carries a quote that three
    articles of other outlets carry."""
    rng = Random(5)
    docs = []
    for i in range(10):
        body = _filler(rng, 3) + ([QUOTE] if i == 0 else []) + _filler(rng, 2) + [FOOTER]
        docs.append(Document(id=f"courier-{i}", title=f"Courier {i}", source="Daily Courier", text=" ".join(body)))
    for i in range(3):
        body = _filler(rng, 2) + [QUOTE] + _filler(rng, 2)
        docs.append(Document(id=f"wire-{i}", title=f"Wire {i}", source=f"Outlet {i}", text=" ".join(body)))
    s = open_store(tmp_path / "r.db")
    s.add_documents(docs)
    yield s
    s.close()


async def test_boilerplate_is_hidden_from_marks_jumps_and_the_list_until_S(reader_store):
    from textual.widgets import DataTable

    from tui.app import ReaderApp

    app = ReaderApp(reader_store, annotator="tester")
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        footer = next(c for c in app.reader.comparing.clusters if FOOTER[:30] in c.text)
        quote = next(c for c in app.reader.comparing.clusters if QUOTE[1:30] in c.text)
        assert footer.boilerplate and not quote.boilerplate
        view = app.panes[0]
        assert view.document.id == "courier-0"
        quote_start = next(m.start for m in quote.members if m.document_id == "courier-0")
        footer_start = next(m.start for m in footer.members if m.document_id == "courier-0")
        footer_row = next(i for i, row in enumerate(_rows(view)) if "Sign up" in row)

        # hidden: no mark in the gutter, > stops at the quote, P does not list it
        assert not _rows(view)[footer_row].startswith("▌")
        assert [cid for _s, _e, cid in app.reader.comparing.passages_in(view)] == [quote.id]
        view.move_to(0)
        await pilot.press("greater_than_sign")
        assert view.cursor == quote_start
        await pilot.press("greater_than_sign")
        assert view.cursor == quote_start
        assert "No more shared passages" in list(app._notifications)[-1].message
        await pilot.press("P")
        table = app.screen.query_one(DataTable)
        assert [key.value for key in table.rows] == [quote.id]
        assert "1 boilerplate passages hidden" in str(app.screen.query_one("#passages-status").render())
        await pilot.press("escape")

        # shown: marked, > reaches it, P lists it and says so
        await pilot.press("S")
        assert "Boilerplate passages shown" in list(app._notifications)[-1].message
        assert _rows(view)[footer_row].startswith("▌")
        view.move_to(quote_start)
        await pilot.press("greater_than_sign")
        assert view.cursor == footer_start
        await pilot.press("P")
        table = app.screen.query_one(DataTable)
        assert footer.id in [key.value for key in table.rows]
        assert "boilerplate" in str(table.get_row(footer.id)[1])
        await pilot.press("escape")

        await pilot.press("S")  # and hidden again
        assert not _rows(view)[footer_row].startswith("▌")


async def test_hidden_boilerplate_does_not_count_in_the_summary_or_coverage(reader_store):
    from tui.app import ReaderApp

    app = ReaderApp(reader_store, annotator="tester")
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("i")
        hidden = {o.document_id: o.shared_chars for o in app.screen.overlaps.values()}
        await pilot.press("escape")
        assert hidden["courier-1"] == 0 and hidden["courier-0"] > 0  # only the quote counts
        await pilot.press("S")
        await pilot.press("i")
        shown = {o.document_id: o.shared_chars for o in app.screen.overlaps.values()}
        await pilot.press("escape")
        assert shown["courier-1"] == len(FOOTER) and shown["courier-0"] > hidden["courier-0"]
