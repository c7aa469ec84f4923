"""The hand-made gold spans of the seed corpus point at the stored text they name."""
from __future__ import annotations

import json
from pathlib import Path

from corpus.seeds import read_seeds

GOLD = Path(__file__).parent / "data" / "gold"


def test_every_seed_article_has_gold_and_every_span_text_is_the_stored_text_at_its_offsets():
    docs = {doc.id: doc for doc in read_seeds().documents}
    files = sorted(GOLD.glob("*.jsonl"))
    assert {f.stem for f in files} == set(docs)
    checked = 0
    for path in files:
        text = docs[path.stem].text
        for line in path.read_text(encoding="utf-8").splitlines():
            span = json.loads(line)
            assert span["tag"] in ("quote", "number", "actor")
            assert 0 <= span["start"] < span["end"] <= len(text)
            assert text[span["start"]:span["end"]] == span["text"], (path.stem, span)
            checked += 1
    assert checked > 200


def test_gold_spans_of_one_tag_never_overlap():
    for path in GOLD.glob("*.jsonl"):
        spans = sorted((s["tag"], s["start"], s["end"]) for s in map(json.loads, path.read_text("utf-8").splitlines()))
        for (tag_a, _, end_a), (tag_b, start_b, _) in zip(spans, spans[1:], strict=False):
            assert tag_a != tag_b or end_a <= start_b, path.stem
