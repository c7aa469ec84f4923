"""Time corpus.align.find_passages on the seeds and on synthetic corpora of 100 to 10,000 articles.

Run: .venv/bin/python benchmarks/passages.py [--quick] [--only scale]
(--quick: 100 and 1,000 synthetic articles, news corpora of 1,000 and 2,500: a smoke run)

Then the store's incremental index (store.passages.shared_passages): a corpus of 1,000 (and 10,000)
articles indexed and cached in a fresh database, then 10 more articles added; the update's time
against a full recompute of the same 1,010 (10,010) articles, as a ratio.

Then news corpora at scale (`news_corpus.py`: many outlets, agency copy, each outlet's footer):
4,000, 10,000 and 40,000 articles stored in a fresh database, and `sidebyside passages`'s work
(store.passages.shared_passages, from nothing to cached) run in a child process, whose time and
peak memory (its maximum RSS, from os.wait4) are printed with the per-article cost against
4,000 articles. Targets: per-article CPU time within 1.5x of 4,000's at 10,000 and 40,000, and
peak memory under 1 GB at 40,000. The database is filled by one executemany (importing is
not what is measured). `--only scale` runs this part alone.

Synthetic articles are about 3,000 characters of sentences drawn from a Zipf-weighted vocabulary
(so common words do collide, as in real prose); about 5% of articles carry one quote from a
shared pool sized so each quote reaches about five articles, with a varying attribution tail.
Everything is drawn from random.Random(seed), so every run builds the same corpora.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from news_corpus import make_sentence, make_vocabulary  # noqa: E402  (one generator of pseudo-news words)

from corpus.align import find_passages  # noqa: E402
from corpus.document import Document  # noqa: E402

ARTICLE_CHARS = 3000
QUOTE_SHARE = 0.05  # share of articles that carry a shared quote
ARTICLES_PER_QUOTE = 5
TAILS = ["said {name}", "{name} told reporters", "a spokesperson for {name} said",
         "according to {name}", "{name} said in a statement on {day}"]
NAMES = ["Smith", "the minister", "Ms Okafor", "the ambassador", "Mr Lindqvist", "the agency"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


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


PER_ARTICLE_TARGET = 1.5  # per-article cost at 10,000 and 40,000 articles against 4,000
MEMORY_TARGET_MB = 1024  # peak RSS at the largest size


def build_news_db(path: Path, n: int) -> int:
    """A store holding n generated news articles (with their outlets as sources); total chars."""
    from news_corpus import generate

    from store import open_store
    from store.documents import _DOCUMENT_COLUMNS, text_sha256
    from store.records import utc_now

    now = utc_now()
    rows = [(a.id, a.id, a.source, None, None, a.text, text_sha256(a.text), now, "text", "[]", i + 1)
            for i, a in enumerate(generate(n))]
    s = open_store(path)
    try:
        with s._write() as conn:  # Store.add_documents works one document at a time
            conn.executemany(f"INSERT INTO documents ({_DOCUMENT_COLUMNS}, position) "
                             f"VALUES ({', '.join('?' * 11)})", rows)
    finally:
        s.close()
    return sum(len(r[5]) for r in rows)


def child(db: str) -> int:
    """In the measured process: the passages of the database, from nothing to cached."""
    import json

    from store import open_store
    from store.passages import shared_passages

    s = open_store(db)
    c0, t0 = time.process_time(), time.perf_counter()
    clusters = shared_passages(s)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    s.close()
    print(json.dumps({"wall": wall, "cpu": cpu, "clusters": len(clusters),
                      "boilerplate": sum(1 for c in clusters if getattr(c, "boilerplate", False)),
                      "top_reach": max((c.reach for c in clusters), default=0)}))
    return 0


def run_child(db: Path) -> dict:
    """Run child() in a fresh interpreter; its result with its peak RSS in MB."""
    import json
    import os
    import subprocess

    proc = subprocess.Popen([sys.executable, __file__, "--child", str(db)], stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"the measured process failed ({proc.returncode})")
    result = json.loads(out)
    result["rss_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return result


def scale(sizes: list[int]) -> bool:
    """The news corpora at scale; True when every target passes."""
    import tempfile

    print("news corpora (news_corpus.py): `sidebyside passages` from nothing, in a child process")
    print(f"{'articles':>9} {'chars':>12} {'time s':>7} {'cpu s':>7} {'ms/article':>11} {'peak MB':>8} "
          f"{'clusters':>9} {'boilerplate':>12} {'top reach':>10}")
    results = {}
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "news.db"
            chars = build_news_db(db, n)
            r = results[n] = run_child(db)
        print(f"{n:>9,} {chars:>12,} {r['wall']:>7.1f} {r['cpu']:>7.1f} {r['cpu'] / n * 1000:>11.3f} "
              f"{r['rss_mb']:>8.0f} {r['clusters']:>9,} {r['boilerplate']:>12,} {r['top_reach']:>10,}", flush=True)
    base = sizes[0]
    ok = True
    for n in sizes[1:]:
        cpu_ratio = (results[n]["cpu"] / n) / (results[base]["cpu"] / base)
        wall_ratio = (results[n]["wall"] / n) / (results[base]["wall"] / base)
        verdict = "PASS" if cpu_ratio <= PER_ARTICLE_TARGET else "FAIL"
        ok &= verdict == "PASS"
        print(f"per-article cost {n:,}/{base:,}: cpu {cpu_ratio:.2f}, wall {wall_ratio:.2f} "
              f"(target cpu <= {PER_ARTICLE_TARGET})  {verdict}")
        print(f"RESULT passages.per_article_cpu_{n}_over_{base} {cpu_ratio:.3f} <={PER_ARTICLE_TARGET} {verdict}")
    largest = sizes[-1]
    verdict = "PASS" if results[largest]["rss_mb"] < MEMORY_TARGET_MB else "FAIL"
    ok &= verdict == "PASS"
    print(f"peak memory at {largest:,}: {results[largest]['rss_mb']:.0f} MB (target < {MEMORY_TARGET_MB} MB)  {verdict}")
    print(f"RESULT passages.peak_mb_{largest} {results[largest]['rss_mb']:.1f} <{MEMORY_TARGET_MB} {verdict}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: small sizes only")
    parser.add_argument("--only", choices=["scale"], help="run only the news corpora at scale")
    parser.add_argument("--child", metavar="DB", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child)
    if args.only == "scale":
        return 0 if scale([1000, 2500] if args.quick else [4000, 10000, 40000]) else 1

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
          "full: find_passages over all texts; rebuild: shared_passages(refresh=True))\n")
    return 0 if scale([1000, 2500] if args.quick else [4000, 10000, 40000]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
