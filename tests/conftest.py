"""Shared fixtures: an isolated store with the seed corpus, and a reader app on it."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("SIDEBYSIDE_ANNOTATOR", "tester")


@pytest.fixture(autouse=True)
def isolated_config(tmp_path, monkeypatch):
    """No test reads the developer's own keymap or config."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def seeded_store(tmp_path):
    from store import open_store
    from store.importer import import_seeds

    store = open_store(tmp_path / "study.db")
    import_seeds(store)
    yield store
    store.close()


@pytest.fixture
def make_reader(seeded_store):
    """Build a ReaderApp on the seeded store (documents in import order)."""
    from tui.app import ReaderApp

    def build(**kwargs):
        kwargs.setdefault("annotator", "tester")
        return ReaderApp(seeded_store, **kwargs)

    return build
