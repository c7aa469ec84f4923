"""CI keeps the code typed and linted: .ci/run runs mypy (strict) and ruff after the tests, pinned."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _ci_lines() -> list[str]:
    return [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]


def test_ci_runs_mypy_then_ruff_after_the_tests_and_stops_on_failure():
    lines = _ci_lines()
    assert "set -euo pipefail" in lines  # any failing step fails the script
    tests = next(i for i, line in enumerate(lines) if "pytest" in line)
    assert lines.index(".venv/bin/mypy") > tests
    assert lines.index(".venv/bin/ruff check .") > lines.index(".venv/bin/mypy")


def test_mypy_and_ruff_are_installed_by_the_test_extra_at_pinned_versions():
    extra = PYPROJECT["project"]["optional-dependencies"]["test"]
    for tool in ("mypy", "ruff"):
        pins = [req for req in extra if re.fullmatch(rf"{tool}==\d+(\.\d+)+", req)]
        assert len(pins) == 1, f"{tool} is not pinned in the test extra: {extra}"


def test_mypy_is_strict_over_store_and_corpus_and_the_reader_screen_with_its_controllers():
    mypy = PYPROJECT["tool"]["mypy"]
    assert mypy["strict"] is True
    assert sorted(mypy["files"]) == sorted([
        "corpus", "store", "tui/app.py", "tui/screens/reader.py", "tui/reading.py", "tui/annotating.py",
        "tui/searching.py", "tui/comparing.py", "tui/corpus_views.py", "tui/outside_changes.py",
        "tui/patient_writes.py", "tui/widgets/status_line.py", "tui/keymap.py", "tui/attributing.py",
        "tui/entity_linking.py", "tui/propagating.py", "tui/widgets/view_layers.py", "tui/progress.py",
        "tui/suggesting.py", "tui/linking.py", "tui/entity_management.py"])


def test_readme_says_how_to_run_the_checks():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`.venv/bin/mypy`" in readme and "`.venv/bin/ruff check .`" in readme
