"""`sidebyside corpus.jsonl` imports before reading: streamed like `sidebyside import`, the ids
handed to the reader in input order, and Ctrl+C during the import exits without opening it."""
from __future__ import annotations

import tracemalloc

from test_import_streaming import write_corpus


class FakeReader:
    """Stands in for ReaderApp: records what the reader would have been given."""

    opened: list[tuple[list[str], list[str]]] = []

    def __init__(self, store, annotator, requested, refused, keys, warnings=None) -> None:
        FakeReader.opened.append((list(requested), list(refused)))
        self.crash_report = None

    def run(self) -> None:
        pass


def test_the_reader_imports_streaming_and_gets_the_ids_in_order(tmp_path, monkeypatch):
    import tui.app
    from tui.launch import open_reader

    monkeypatch.setattr("tui.launch.require_terminal", lambda: None)  # pytest's output is no terminal

    monkeypatch.setattr(tui.app, "ReaderApp", FakeReader)
    FakeReader.opened = []
    corpus = write_corpus(tmp_path / "c.jsonl", 6000)
    tracemalloc.start()
    try:
        open_reader((str(corpus), str(tmp_path / "gone.txt")), str(tmp_path / "s.db"), "ana")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    [(requested, refused)] = FakeReader.opened
    assert requested == [f"art-{n:06d}" for n in range(6000)]
    assert refused == [f"{tmp_path / 'gone.txt'}: no such file or folder"]
    assert peak < 4_000_000, peak  # the corpus holds 12 MB of text (holding it: ~50 MB traced)


def test_ctrl_c_while_the_reader_imports_exits_130_without_opening_it(tmp_path, monkeypatch, capsys):
    import contextlib

    import pytest

    import tui.app
    import tui.importing
    from tui.launch import open_reader

    monkeypatch.setattr("tui.launch.require_terminal", lambda: None)  # pytest's output is no terminal

    monkeypatch.setattr(tui.app, "ReaderApp", FakeReader)
    FakeReader.opened = []
    monkeypatch.setattr(tui.importing, "ctrl_c_stops", lambda: contextlib.nullcontext(lambda: True))
    corpus = write_corpus(tmp_path / "c.jsonl", 10)
    with pytest.raises(SystemExit) as stop:
        open_reader((str(corpus),), str(tmp_path / "s.db"), "ana")
    assert stop.value.code == 130 and FakeReader.opened == []
    assert "import stopped by Ctrl+C: 0 articles stored" in capsys.readouterr().err
