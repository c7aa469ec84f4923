"""Property-based checks (hypothesis): arbitrary Unicode, random operations and undo in two sessions."""
from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

import store
from corpus.document import Document
from store.errors import UndoConflictError
from store.formats import export

# Astral, combining, right-to-left, controls, markup, escapes, tabs: everything an article may hold.
HOSTILE = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(list("[]/\\\t\x1b\x07\u202e\u2066\u200f\u200d\u200c😀👩‍👩‍👧\u0301ا中")),
    ),
    min_size=1,
    max_size=300,
).filter(lambda text: text.strip())

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(text=HOSTILE, cuts=st.lists(st.tuples(st.integers(0, 299), st.integers(1, 40)), min_size=1, max_size=8),
       note=st.text(max_size=40).filter(lambda n: "\x00" not in n))
def test_any_text_any_span_exports_exactly_its_slice(tmp_path_factory, text, cuts, note):
    s = store.open_store(tmp_path_factory.mktemp("p") / "p.db")
    try:
        s.add_document(Document(id="doc", title="T", text=text))
        stored = s.document("doc").text
        made = []
        for start, length in cuts:
            start = start % len(stored)
            end = min(len(stored), start + length)
            made.append(s.add_annotation("doc", start, end, "quote", note=note))
        for annotation in s.annotations():
            assert annotation.text == stored[annotation.start:annotation.end]
        out = io.StringIO()
        assert export(s, "jsonl", out) == len(made)
        records = [json.loads(line) for line in out.getvalue().splitlines()]
        assert sorted((r["start"], r["end"], r["text"], r["note"]) for r in records) == sorted(
            (a.start, a.end, stored[a.start:a.end], note) for a in made)
        out = io.StringIO(newline="")
        export(s, "csv", out)
        rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
        for row in rows:
            exact = stored[int(row["start"]):int(row["end"])]
            # The spreadsheet guard adds one quote before a cell that could run as a formula.
            assert row["text"] in (exact, "'" + exact)
            assert row["text"] == exact or exact[:1] in "=+-@\t\r"
    finally:
        s.close()


class TwoSessions(RuleBasedStateMachine):
    """Create, delete, move, note, undo and redo from two sessions on one file, against a model.

    The model: the annotations as they should be, and who changed each last. Undo and redo may
    only touch the session's own changes; a refused one (UndoConflictError) changes nothing.
    """

    TEXT = "Huawei said 40% of its 😀 staff agreed, according to Richard Grenell. " * 3

    def __init__(self) -> None:
        super().__init__()
        self.model: dict[str, tuple[int, int, str]] = {}  # id -> (start, end, note)
        self.created: list[str] = []  # ids in creation order: picks must not depend on random ids

    @initialize()
    def open(self) -> None:
        import tempfile
        from pathlib import Path

        self.folder = tempfile.TemporaryDirectory()
        path = Path(self.folder.name) / "two.db"
        first = store.open_store(path)
        first.add_document(Document(id="d", title="D", text=self.TEXT))
        first.owner = "reader:ana"
        second = store.open_store(path)
        second.owner = "reader:bob"
        self.sessions = {"ana": first, "bob": second}
        self.model: dict[str, tuple[int, int, str]] = {}  # id -> (start, end, note)
        # Every state each session brought each annotation to (None: deleted): an undo by ana may
        # only start from a state ana produced, never from one only bob's change made.
        self.produced: dict[str, dict[str, set]] = {"ana": {}, "bob": {}}

    def teardown(self) -> None:
        for session in getattr(self, "sessions", {}).values():
            session.close()
        if hasattr(self, "folder"):
            self.folder.cleanup()

    def _pick(self, pick: int) -> str:
        live = [ann_id for ann_id in self.created if ann_id in self.model]
        return live[pick % len(live)]

    def _wrote(self, who: str, ann_id: str) -> None:
        self.produced[who].setdefault(ann_id, set()).add(self.model.get(ann_id))

    def _sync(self) -> None:
        self.model = {a.id: (a.start, a.end, a.note) for a in self.sessions["ana"].annotations()}

    @rule(who=st.sampled_from(["ana", "bob"]), start=st.integers(0, 150), length=st.integers(1, 20))
    def create(self, who, start, length):
        annotation = self.sessions[who].add_annotation("d", start, start + length, "claim", annotator=who)
        self.model[annotation.id] = (annotation.start, annotation.end, "")
        self.created.append(annotation.id)
        self._wrote(who, annotation.id)

    @precondition(lambda self: self.model)
    @rule(who=st.sampled_from(["ana", "bob"]), pick=st.integers(0, 10_000))
    def delete(self, who, pick):
        ann_id = self._pick(pick)
        self.sessions[who].delete_annotation(ann_id)
        del self.model[ann_id]
        self._wrote(who, ann_id)

    @precondition(lambda self: self.model)
    @rule(who=st.sampled_from(["ana", "bob"]), pick=st.integers(0, 10_000), grow=st.integers(1, 5))
    def move(self, who, pick, grow):
        ann_id = self._pick(pick)
        start, end, note = self.model[ann_id]
        moved = self.sessions[who].move_span(ann_id, start, min(len(self.TEXT), end + grow))
        self.model[ann_id] = (moved.start, moved.end, note)
        self._wrote(who, ann_id)

    @precondition(lambda self: self.model)
    @rule(who=st.sampled_from(["ana", "bob"]), pick=st.integers(0, 10_000), note=st.text(max_size=10))
    def set_note(self, who, pick, note):
        ann_id = self._pick(pick)
        start, end, _ = self.model[ann_id]
        self.sessions[who].set_note(ann_id, note)
        self.model[ann_id] = (start, end, note)
        self._wrote(who, ann_id)

    @rule(who=st.sampled_from(["ana", "bob"]), undoing=st.booleans())
    def step(self, who, undoing):
        session = self.sessions[who]
        before = dict(self.model)
        try:
            change = session.undo() if undoing else session.redo()
        except UndoConflictError:
            self._sync()
            assert self.model == before  # refused: nothing changed
            return
        self._sync()
        if change is None:
            assert self.model == before
            return
        ann_id = change.annotation.id
        touched = {k for k in set(before) | set(self.model) if before.get(k) != self.model.get(k)}
        assert touched <= {ann_id}
        # Only this session's own change was stepped back or forth: what it started from is a
        # state this session produced (else it would throw away the other session's work).
        assert before.get(ann_id) in self.produced[who].get(ann_id, set())
        self._wrote(who, ann_id)

    @invariant()
    def store_matches_model_and_text(self):
        if not hasattr(self, "sessions"):
            return
        for session in self.sessions.values():
            annotations = session.annotations()
            assert {a.id: (a.start, a.end, a.note) for a in annotations} == self.model
            assert all(a.text == self.TEXT[a.start:a.end] for a in annotations)


TwoSessions.TestCase.settings = settings(max_examples=40, stateful_step_count=30, deadline=None)
test_two_sessions_against_a_model = TwoSessions.TestCase


@pytest.mark.soak
def test_two_sessions_soak():
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(TwoSessions, settings=settings(max_examples=1000, stateful_step_count=60,
                                                             deadline=None))
