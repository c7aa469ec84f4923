"""The README's promises: two commands first, the test command is what CI runs, examples run."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.S)


def test_readme_starts_with_install_and_test_commands():
    first, second = _blocks("sh")[:2]
    assert README.index("```sh") < README.index("\n## ")
    assert first.strip().endswith(".venv/bin/sidebyside")
    assert "pytest" in second


def test_ci_runs_exactly_the_readme_test_command():
    test_command = _blocks("sh")[1].strip()
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert test_command in ci_lines


def test_python_examples_run():
    for block in _blocks("python"):
        if "pandas" in block:
            continue  # pandas is the reader's tool, not our dependency
        exec(compile(block, "README.md", "exec"), {})


def test_seed_corpus_is_shipped_byte_for_byte():
    shared = ROOT.parent / "shared" / "seeds"
    bundled = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
    assert len(bundled) == 5
    if shared.exists():
        for path in bundled:
            assert path.read_bytes() == (shared / path.name).read_bytes()
