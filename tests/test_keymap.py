"""Keymaps: unknown binding ids are named, files that are not regular files or unreadable are said."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tui.keymap import KeymapError, default_keymap_path, known_binding_ids, load_keymap


async def test_unknown_binding_ids_are_named_when_the_reader_starts(make_reader):
    app = make_reader(keymap={"tag.1": "f5", "tag.typo": "x", "move.dwn": "j", "note.save": "ctrl+w"})
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        [warning] = [m for m in messages if m.startswith("keymap:")]
        assert "move.dwn, tag.typo" in warning and "note.save" not in warning and "tag.1" not in warning
        await pilot.press("f5")  # the known remapping works
        assert len(app.store.annotations()) == 1


def test_every_screens_binding_id_is_known():
    known = known_binding_ids()
    assert {"tag.1", "note.save", "note.cancel", "adjust.done", "message.close"} <= known


def test_a_fifo_given_as_keymap_is_refused_at_once(tmp_path):
    fifo = tmp_path / "keys.toml"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []
    worker = threading.Thread(target=lambda: _capture(outcome, lambda: load_keymap(str(fifo))), daemon=True)
    worker.start()
    worker.join(5)
    if worker.is_alive():  # unblock the reader thread before failing
        with open(fifo, "w"):
            pass
        pytest.fail("loading a FIFO keymap blocked")
    assert isinstance(outcome[0], KeymapError) and "not a regular file" in str(outcome[0])


def _capture(outcome: list[BaseException], call) -> None:
    try:
        call()
    except BaseException as error:  # noqa: BLE001 - handed to the test thread
        outcome.append(error)


def test_an_unreadable_default_keymap_is_skipped_with_a_warning(monkeypatch):
    target = default_keymap_path()
    target.parent.mkdir(parents=True)
    target.write_text('[keys]\n"tag.1" = "f1"\n', encoding="utf-8")
    real = Path.read_text

    def denied(self, *args, **kwargs):
        if self == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", denied)
    warnings: list[str] = []
    assert load_keymap(None, warnings) == {}
    assert warnings == [f"keymap {target} cannot be read (Permission denied): default keys used"]
    with pytest.raises(KeymapError, match="cannot be read: Permission denied"):
        load_keymap(str(target))
