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


# SHA-256 of ../shared/seeds/*.txt, the articles the project ships byte for byte; checked against
# the bundled copies on every run, and against ../shared itself where it is beside the checkout.
SEED_SHA256 = {
    "000_8ac41368b71355d9.txt": "92e5c248492027c588da1977a5d27eac3a3a1ce4cc6b616fbd9db8e9fe0aed55",
    "001_b6d71c63b0f0e433.txt": "45c41f6a3d575b463a3e11a115da867dd1a05de327da61a660c0a039c131725c",
    "002_3c01c58ec7c8c4b4.txt": "0c62a17691f5f82f91c9f67e92b7b487083b09e028c29a63f2ebe2795d126860",
    "003_c4bbd9869b3fec62.txt": "c04e7e5efee9dc6cbf4cde889fda523c6bc35bec719b8346b9782de8067c4e77",
    "004_9781db4893ada7dd.txt": "477d768aa0ffa5724224027919bbbfed5cb6260a9f9a37e12bc4920f66f11fea",
}


def test_seed_corpus_is_shipped_byte_for_byte():
    import hashlib

    bundled = {path.name: path for path in (ROOT / "corpus" / "seeds").glob("*.txt")}
    assert sorted(bundled) == sorted(SEED_SHA256)
    for name, digest in SEED_SHA256.items():
        assert hashlib.sha256(bundled[name].read_bytes()).hexdigest() == digest, name
    shared = ROOT.parent / "shared" / "seeds"
    if shared.exists():  # the embedded digests are the shared folder's
        for name, digest in SEED_SHA256.items():
            assert hashlib.sha256((shared / name).read_bytes()).hexdigest() == digest, name
