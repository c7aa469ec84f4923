"""A fixed, realistic study for screenshots and snapshot tests: the seed corpus with annotations.

Shared by tests/test_snapshots.py and tools/make_screenshots.py, so the committed screenshots and the
snapshot baselines show the same data. Everything here is deterministic: spans are found with
`str.index` in the stored texts, and nothing time-dependent (ids, timestamps) is ever displayed.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.screen_host import no_blink

ANNOTATOR = "researcher"
DB_NAME = "study.db"

WSJ_QUOTE = "The Americans will assume that everything we share with Germany will end up with the Chinese"

# (seed position, tag, exact text, text it must come after or None, note)
# Outer spans and the spans nested in them are listed separately: the store keeps both.
ANNOTATIONS: list[tuple[int, str, str, str | None, str]] = [
    # 000 Fortune
    (0, "claim", "If Germany builds its 5G network using Huawei (HUAWEI) technology, the U.S. will limit "
                 "the intelligence it shares.", None, ""),
    (0, "number", "5G", "If Germany builds", ""),
    (0, "actor", "Richard Grenell", None, ""),
    (0, "actor", "Peter Altmaier", None, ""),
    (0, "actor", "The Wall Street Journal", None, ""),
    (0, "quote", WSJ_QUOTE, None, "Unnamed senior official; the WSJ is the only source for this line."),
    (0, "actor", "Germany", "The Americans will assume", ""),  # an actor nested in the quote
    (0, "claim", "Germany’s security agencies are heavily reliant on U.S. intelligence to fight terrorism",
     None, ""),
    (0, "number", "2,493", None, ""),
    (0, "number", "2,485", None, ""),
    # 001 Mashable
    (1, "actor", "Richard A. Grenell", None, ""),
    (1, "claim", "the United States has warned Germany that it will reduce intelligence sharing if Germany "
                 "allows Huawei to build its 5G infrastructure", None, ""),
    (1, "number", "5G", "allows Huawei to build its", ""),
    # 002 RT
    (2, "actor", "Richard A. Grenell", None, ""),
    (2, "claim", "Ignoring the warning may result in the US downgrading its intelligence-sharing cooperation "
                 "with Germany", None, ""),
    (2, "actor", "Lu Kang", None, ""),
    (2, "quote", WSJ_QUOTE, None, ""),
    # 003
    (3, "actor", "Dick Grenell", None, ""),
    (3, "claim", "it won't tell it about terrorist threats if it continues to deploy Huawei 5G infrastructure",
     None, ""),
    # 004 ZeroHedge
    (4, "actor", "Mike Pompeo", None, ""),
    (4, "actor", "Heiko Maas", None, ""),
    (4, "number", "five-day", None, ""),
    (4, "quote", "They [Germany] will take their own sovereign decisions", None, ""),
    (4, "number", "1 million", None, ""),
]


# (seed position, source text, target text): who said it. Pompeo's ultimatum in the ZeroHedge article.
RELATIONS: list[tuple[int, str, str]] = [
    (4, "They [Germany] will take their own sovereign decisions", "Mike Pompeo"),
]


def span_of(text: str, needle: str, after: str | None = None) -> tuple[int, int]:
    """Offsets of `needle` in `text` (its first occurrence after `after`, when given)."""
    origin = text.index(after) if after else 0
    start = text.index(needle, origin)
    return start, start + len(needle)


def annotate(store: Any) -> None:
    """Add ANNOTATIONS to a store holding the seed corpus."""
    ids = store.document_ids()
    for position, tag, needle, after, note in ANNOTATIONS:
        doc_id = ids[position]
        start, end = span_of(store.document(doc_id).text, needle, after)
        store.add_annotation(doc_id, start, end, tag, note=note, annotator=ANNOTATOR)
    for position, source, target in RELATIONS:
        spans = {a.text: a.id for a in store.annotations(ids[position])}
        store.add_relation(spans[source], spans[target], annotator=ANNOTATOR)


def build_store(folder: Path | str) -> Any:
    """A new store `folder/study.db` with the seed corpus and ANNOTATIONS; the caller closes it."""
    from store import open_store
    from store.importer import import_seeds

    path = Path(folder) / DB_NAME
    if path.exists():
        raise FileExistsError(path)
    store = open_store(path)
    report = import_seeds(store)
    if not report.ok:
        raise RuntimeError("\n".join(report.lines))
    annotate(store)
    return store


def build_app(store: Any) -> Any:
    """The real reader on `store`, in Textual's default theme whatever TEXTUAL_THEME says here."""
    from tui.app import ReaderApp

    app = ReaderApp(store, ANNOTATOR)
    app.theme = "textual-dark"
    return app


# Keys only: two sentences on (headline, first sentence) to "That was the message...", three words
# on to "message", then select "message delivered" with shift+right. Both ends sit mid-row at 100 and 200
# columns, away from soft-wrap boundaries, so the cursor and the selection show wherever rows wrap.
SELECTED = "message delivered"
MOVE_KEYS = ["right_parenthesis"] * 2 + ["w"] * 3
SELECT_KEYS = ["shift+right"] * len(SELECTED)


# The attribute form (t) on the Wall Street Journal quote of the first pane, found with / and
# cleared of its search hit, "direct" picked with d and not saved yet.
ATTRIBUTE_FORM_KEYS = ["slash", *("space" if c == " " else c for c in "Americans will assume"), "enter",
                       "escape", "t", "d"]


# A relation shown while reading: the fifth pane (ZeroHedge) focused with tab, the cursor put on
# Pompeo's quote with / (its hit cleared): the speaker highlighted, "said by: Mike Pompeo" in the status line.
RELATION_KEYS = ["tab"] * 4 + ["slash", *("space" if c == " " else c for c in "own sovereign"), "enter", "escape"]


async def press_and_hold_still(pilot: Any, *keys: str) -> None:
    """Press `keys` (opening a screen), then stop its text cursors blinking: a picture must not
    depend on when it is taken."""
    if keys:
        await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()  # a screen reading in a thread (A) has its rows
        await pilot.pause()
    no_blink(pilot.app)
    await pilot.pause()


async def move_and_select(pilot: Any) -> None:
    """Move the cursor a little with keys, then select two words with shift+right (first pane)."""
    await pilot.app.workers.wait_for_complete()  # the shared passages, found in a thread
    await pilot.pause()
    await pilot.press(*MOVE_KEYS)
    await pilot.press(*SELECT_KEYS)
    await pilot.pause()
    view = pilot.app.panes[0]
    start, end = view.selection or (0, 0)
    if view.text[start:end] != SELECTED:  # the keys no longer land where the pictures expect
        raise AssertionError(f"selected {view.text[start:end]!r}, expected {SELECTED!r}")


# The corpus-wide list (A), filtered to the actors as typed.
ALL_ANNOTATIONS_KEYS = ["A", "t", "a", "g", "colon", "a", "c", "t"]
