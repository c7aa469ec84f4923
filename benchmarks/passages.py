"""Time corpus.align.find_passages on the seeds and on synthetic corpora of 100 to 10,000 articles.

Run: .venv/bin/python benchmarks/passages.py [--quick]   (--quick: only 100 and 1,000 articles)

Then the store's incremental index (store.passages.shared_passages): a corpus of 1,000 (and 10,000)
articles indexed and cached in a fresh database, then 10 more articles added; the update's time
against a full recompute of the same 1,010 (10,010) articles, as a ratio.

Synthetic articles are about 3,000 characters of sentences drawn from a Zipf-weighted vocabulary
(so common words do collide, as in real prose); about 5% of articles carry one quote from a
shared pool sized so each quote reaches about five articles, with a varying attribution tail.
Everything is drawn from random.Random(seed), so every run builds the same corpora.
"""
from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus.align import find_passages  # noqa: E402
from corpus.document import Document  # noqa: E402

ARTICLE_CHARS = 3000
QUOTE_SHARE = 0.05  # share of articles that carry a shared quote
ARTICLES_PER_QUOTE = 5
TAILS = ["said {name}", "{name} told reporters", "a spokesperson for {name} said",
         "according to {name}", "{name} said in a statement on {day}"]
NAMES = ["Smith", "the minister", "Ms Okafor", "the ambassador", "Mr Lindqvist", "the agency"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def make_vocabulary(rng: Random, size: int = 6000) -> tuple[list[str], list[float]]:
    """Pronounceable pseudo-words and cumulative Zipf weights (rank r drawn with weight 1/r)."""
    syllables = [c + v for c in "bcdfghklmnprstvwz" for v in "aeiou"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))))
    ranked = sorted(words)
    rng.shuffle(ranked)
    return ranked, list(itertools.accumulate(1 / r for r in range(1, size + 1)))


def make_sentence(rng: Random, words: list[str], cum: list[float], lo: int = 8, hi: int = 28) -> str:
    body = " ".join(rng.choices(words, cum_weights=cum, k=rng.randint(lo, hi)))
    return body[0].upper() + body[1:] + rng.choice(".....?!")


def make_corpus(n: int, seed: int = 1) -> tuple[dict[str, str], list[str]]:
    """n articles keyed by id, and the quote pool (for checking that quotes are found)."""
    rng = Random(seed)
    words, cum = make_vocabulary(rng)
    quotes = [make_sentence(rng, words, cum, 14, 30).rstrip(".?!")
              for _ in range(max(2, round(n * QUOTE_SHARE / ARTICLES_PER_QUOTE)))]
    texts = {}
    for i in range(n):
        sentences: list[str] = []
        size = 0
        while size < ARTICLE_CHARS:
            s = make_sentence(rng, words, cum)
            sentences.append(s)
            size += len(s) + 1
        if rng.random() < QUOTE_SHARE:
            tail = rng.choice(TAILS).format(name=rng.choice(NAMES), day=rng.choice(DAYS))
            open_q, close_q = rng.choice((("\u201c", "\u201d"), ('"', '"')))
            sentences.insert(rng.randrange(len(sentences)), f"{open_q}{rng.choice(quotes)},{close_q} {tail}.")
        paragraphs, at = [], 0
        while at < len(sentences):
            step = rng.randint(2, 5)
            paragraphs.append(" ".join(sentences[at:at + step]))
            at += step
        texts[f"article-{i:05d}"] = "\n\n".join(paragraphs)
    return texts, quotes


def time_it(texts: dict[str, str], repeat: int) -> tuple[float, float, list]:
    """Best wall and best CPU time of find_passages over repeat runs (seconds), and its result.
    CPU time is reported too because other work on a shared machine inflates wall time."""
    walls, cpus, result = [], [], []
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        result = find_passages(texts)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return min(walls), min(cpus), result


def time_incremental(n: int, added: int = 10) -> dict[str, float]:
    """n articles indexed in a fresh store, then `added` more: seconds for the full build, the
    incremental update, find_passages over all texts, and a full rebuild of the store's index."""
    import tempfile

    from store import open_store
    from store.passages import shared_passages

    texts, _ = make_corpus(n + added, seed=2)
    ids = list(texts)
    with tempfile.TemporaryDirectory() as tmp:
        s = open_store(Path(tmp) / "bench.db")
        try:
            def add(chunk: list[str]) -> None:  # one transaction: importing is not what is measured
                s.add_documents([Document(id=doc_id, title=doc_id, text=texts[doc_id]) for doc_id in chunk])

            add(ids[:n])
            t0 = time.perf_counter()
            shared_passages(s)
            build = time.perf_counter() - t0
            add(ids[n:])
            c0, t0 = time.process_time(), time.perf_counter()
            incremental = shared_passages(s)
            update, update_cpu = time.perf_counter() - t0, time.process_time() - c0
            c0, t0 = time.process_time(), time.perf_counter()
            scratch = find_passages(texts)
            full, full_cpu = time.perf_counter() - t0, time.process_time() - c0
            t0 = time.perf_counter()
            rebuilt = shared_passages(s, refresh=True)
            rebuild = time.perf_counter() - t0
        finally:
            s.close()
    same = [(c.id, c.members, c.score) for c in incremental] == [(c.id, c.members, c.score) for c in scratch]
    assert same and rebuilt == incremental, "incremental result differs from find_passages"
    return {"build": build, "update": update, "update_cpu": update_cpu, "full": full,
            "full_cpu": full_cpu, "rebuild": rebuild, "clusters": len(scratch)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only 100 and 1,000 articles")
    args = parser.parse_args(argv)

    seeds = {p.stem: p.read_bytes().decode("utf-8") for p in sorted((ROOT / "corpus/seeds").glob("*.txt"))}
    find_passages(seeds)  # the first call pays for importing rapidfuzz; a reader pays it once
    runs = []
    for _ in range(30):
        t0 = time.perf_counter()
        clusters = find_passages(seeds)
        runs.append(time.perf_counter() - t0)
    print(f"seeds: {len(seeds)} articles, {len(clusters)} clusters: "
          f"median {statistics.median(runs) * 1000:.1f} ms, best {min(runs) * 1000:.1f} ms "
          f"(one frame is 16 ms)\n")

    sizes = [100, 1000] if args.quick else [100, 1000, 10000]
    print(f"{'articles':>9} {'chars':>11} {'build s':>8} {'time s':>8} {'cpu s':>7} {'ms/article':>11} "
          f"{'clusters':>9} {'quotes found':>13}")
    per_article, cpu_per_article = {}, {}
    for n in sizes:
        t0 = time.perf_counter()
        texts, quotes = make_corpus(n)
        build = time.perf_counter() - t0
        # Best of several runs: the machine may be shared, and a small corpus is over in moments.
        best, cpu, clusters = time_it(texts, repeat={100: 10, 1000: 3}.get(n, 2))
        per_article[n], cpu_per_article[n] = best / n, cpu / n
        # A quote drawn for only one article is not shared, so it must not count as missed.
        carried = {q.casefold() for q in quotes if sum(q in t for t in texts.values()) >= 2}
        found = {q for q in carried if any(q in c.text.casefold() for c in clusters)}
        print(f"{n:>9,} {sum(map(len, texts.values())):>11,} {build:>8.2f} {best:>8.2f} {cpu:>7.2f} "
              f"{best / n * 1000:>11.3f} {len(clusters):>9,} {len(found):>6}/{len(carried):<6}")
    largest = max(sizes)
    print(f"\nper-article cost, {largest:,} vs 100 articles: wall {per_article[largest] / per_article[100]:.2f}, "
          f"cpu {cpu_per_article[largest] / cpu_per_article[100]:.2f} (about 1 means linear)")

    print("\nincremental index (store.passages): n articles cached, then 10 added")
    print(f"{'articles':>9} {'index s':>8} {'update s':>9} {'cpu s':>7} {'full s':>7} {'cpu s':>7} "
          f"{'rebuild s':>10} {'full/update':>12} {'clusters':>9}")
    for n in ([1000] if args.quick else [1000, 10000]):
        r = time_incremental(n)
        print(f"{n:>9,} {r['build']:>8.2f} {r['update']:>9.3f} {r['update_cpu']:>7.3f} {r['full']:>7.2f} "
              f"{r['full_cpu']:>7.2f} {r['rebuild']:>10.2f} {r['full'] / r['update']:>11.1f}x {r['clusters']:>9,}")
    print("(index: first shared_passages, building the stored index; update: the 10 new articles; "
          "full: find_passages over all texts; rebuild: shared_passages(refresh=True))")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
