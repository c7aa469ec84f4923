"""The Python examples in docs/store.md run as written."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[1] / "docs" / "store.md"
BLOCKS = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_docs_example_runs(index, capsys):
    exec(compile(BLOCKS[index], f"{DOC.name}[{index}]", "exec"), {})


def test_docs_cover_every_table_and_the_csv_note():
    text = DOC.read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    for table in ["documents", "annotations", "tags", "relation_types", "relations", "entities", "progress",
                  "suggestion_decisions", "actions", "changes", "state"]:
        assert any(f"`{table}`" in heading for heading in headings), table
    assert "'=SUM(A1)" in text and "lossless" in text
