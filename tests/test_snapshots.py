"""Snapshot tests: the reader's screens as SVG, compared with the baselines in tests/__snapshots__/.

Each test builds a fresh store (tmp_path/study.db, the seed corpus and the fixed annotations of
tests/snapshot_data.py: all four tags, an actor nested in a quote, a note) and passes an App instance to
snap_compare at a fixed terminal size. Nothing shown depends on time, ids or the machine: the status line
names only the database file, and annotation ids and timestamps are never displayed.

Update the baselines after a deliberate visual change, and look at them before committing:

    .venv/bin/pytest tests/test_snapshots.py --snapshot-update
"""
from __future__ import annotations

import pytest

from tests.snapshot_data import (
    ALL_ANNOTATIONS_KEYS,
    ATTRIBUTE_FORM_KEYS,
    RELATION_KEYS,
    build_app,
    build_store,
    move_and_select,
    press_and_hold_still,
)

WIDE = (200, 50)
NARROW = (100, 40)


@pytest.fixture
def study(tmp_path, monkeypatch):
    """The fixed study, with the environment that would change colours neutralised."""
    import textual.constants

    monkeypatch.delenv("NO_COLOR", raising=False)  # read (and popped) by App.__init__
    monkeypatch.setattr(textual.constants, "FILTERS", "")  # TEXTUAL_FILTERS, read when textual is imported
    store = build_store(tmp_path)
    yield store
    store.close()


def _then_press(*keys: str):
    """run_before: the usual cursor move and selection, then `keys` (opening a screen), blink off."""

    async def run_before(pilot) -> None:
        await move_and_select(pilot)
        await press_and_hold_still(pilot, *keys)

    return run_before


def test_main_screen_all_tags(study, snap_compare):
    """Five panes at 200 columns: quote, claim, number and actor colours, an actor nested in a quote,
    a number nested in a claim, the cursor and a shift+right selection in the focused first pane."""
    assert snap_compare(build_app(study), terminal_size=WIDE, run_before=_then_press())


def test_two_panes_at_100_columns(study, snap_compare):
    """Two panes at 100 columns: the text rewraps, spans still start and end on the same words."""
    assert snap_compare(build_app(study), terminal_size=NARROW, run_before=_then_press())


def test_help_screen(study, snap_compare):
    """The keys overlay opened with ?."""
    assert snap_compare(build_app(study), terminal_size=WIDE, run_before=_then_press("question_mark"))


def test_annotation_list(study, snap_compare):
    """The annotation list of the first document opened with a: tag colours, offsets, the note."""
    assert snap_compare(build_app(study), terminal_size=WIDE, run_before=_then_press("a"))


def test_document_picker(study, snap_compare):
    """The document picker opened with o: per-tag counts, the filter Input with its cursor not blinking."""
    assert snap_compare(build_app(study), terminal_size=WIDE, run_before=_then_press("o"))


def test_codebook_view(study, snap_compare):
    """The codebook view opened with C: each tag's key, name in its colour, grouping and definition."""
    assert snap_compare(build_app(study), terminal_size=WIDE, run_before=_then_press("C"))


def test_attribute_form(study, snap_compare):
    """The attribute form opened with t on a quote: its kind's choices with their keys, direct picked."""
    assert snap_compare(build_app(study), terminal_size=WIDE, run_before=_then_press(*ATTRIBUTE_FORM_KEYS))


def test_relation_shown_while_reading(study, snap_compare):
    """The cursor on Pompeo's quote in the fifth pane: his name drawn as the relation's target
    (reversed, bold) and "said by: Mike Pompeo" in the status line."""
    assert snap_compare(build_app(study), terminal_size=WIDE, run_before=_then_press(*RELATION_KEYS))


def test_all_annotations(study, snap_compare):
    """The corpus-wide list opened with A and filtered with tag:act: every document's actor spans,
    with document title, tag, annotator and text; the count of matches above them."""
    assert snap_compare(build_app(study), terminal_size=WIDE, run_before=_then_press(*ALL_ANNOTATIONS_KEYS))


def test_suggestions_shown(study, snap_compare, monkeypatch):
    """z then Z in the first pane at 200 columns: the suggested spans dim and underlined (no background,
    unlike the tags), the cursor on the first, the status line naming its tag and rule. The stand-in rules
    of tests/suggestion_rules.py (quoted passages, digit runs), so the picture shows the drawing, whatever
    corpus/suggest.py's rules become."""
    from tests.suggestion_rules import use_fake_rules

    use_fake_rules(monkeypatch)

    async def run_before(pilot) -> None:
        await move_and_select(pilot)
        await press_and_hold_still(pilot, "z", "Z")
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(build_app(study), terminal_size=WIDE, run_before=run_before)
