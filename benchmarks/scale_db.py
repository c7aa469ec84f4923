"""A generated store of tens of thousands of news articles, with annotations and a passages cache.

Written by bare executemany into a database made by store.open_store (importing is benchmarked
by import_corpus.py, not here). The passages cache holds synthetic clusters with the store's real
fingerprint, so the reader takes it as current (finding real passages in 40,000 articles takes a
minute and most of a gigabyte: passages.py measures that).
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from random import Random

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def build_scale_db(path: Path, n: int, *, clusters: int | None = None, annotations: int | None = None,
                   annotators: tuple[str, ...] = ("bench",)) -> dict:
    """Write n generated articles (titled from their first words) to a new store at `path`, with
    `annotations` annotations (each by one of `annotators`) and a passages cache of `clusters`
    clusters; returns what it wrote."""
    from news_corpus import generate

    from store import open_store
    from store.documents import _DOCUMENT_COLUMNS, text_sha256
    from store.passages import STATE_KEY, clusters_to_json, fingerprint
    from store.records import utc_now

    clusters = n * 6 // 10 if clusters is None else clusters  # passages.py found ~24,500 at 40,000
    annotations = n // 2 if annotations is None else annotations
    rng = Random(13)
    now = utc_now()
    rows, lengths = [], []
    for i, article in enumerate(generate(n)):
        title = " ".join(article.text.split(None, 9)[:8]).rstrip(".,;:")
        rows.append((article.id, title, article.source, None, None, article.text,
                     text_sha256(article.text, bulk=True), now, "text", "[]", i + 1))
        lengths.append(len(article.text))
    store = open_store(path)
    try:
        tags = [tag.name for tag in store.tags()]
        spans = []
        for k in range(annotations):
            d = rng.randrange(n)
            start = rng.randrange(max(1, lengths[d] - 40))
            end = min(lengths[d], start + rng.randint(5, 40))
            text = rows[d][5]
            # One annotator draws nothing from rng, so the other benchmarks' databases stay as they were.
            by = annotators[0] if len(annotators) == 1 else rng.choice(annotators)
            spans.append((f"bench-{k:07d}", rows[d][0], start, end, rng.choice(tags), text[start:end],
                          text[max(0, start - 32):start], text[end:end + 32], by, now))
        with store._write() as conn:  # one transaction, as the other benchmarks fill theirs
            conn.executemany(f"INSERT INTO documents ({_DOCUMENT_COLUMNS}, position) "
                             f"VALUES ({', '.join('?' * 11)})", rows)
            conn.executemany("INSERT INTO annotations (id, document_id, start, end, tag, text, prefix, suffix, "
                             "annotator, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", spans)
        fake = []
        for c in range(clusters):
            members = []
            for d in rng.sample(range(n), rng.choice((2, 2, 2, 3, 3, 4, 6, 12))):
                start = rng.randrange(max(1, lengths[d] - 200))
                end = start + rng.randint(60, 200)
                members.append([rows[d][0], start, end, rows[d][5][start:end]])
            fake.append({"id": hashlib.sha256(f"cluster {c}".encode()).hexdigest()[:16], "kind": rng.choice(
                ("shared", "shared", "similar")), "score": float(rng.randint(70, 100)),
                "boilerplate": rng.random() < 0.01, "members": members})
        store.set_state(STATE_KEY, {"fingerprint": fingerprint(store), "computed": now, "clusters": fake})
        assert clusters_to_json  # the cache has the shape clusters_to_json writes
    finally:
        store.close()
    return {"documents": n, "chars": sum(lengths), "annotations": annotations, "clusters": clusters,
            "bytes": path.stat().st_size}
