"""Suggestion rules (corpus/suggest.py): precision and recall on the seed corpus, and time per MB.

Run:  .venv/bin/python benchmarks/suggestions.py            (3 repetitions of the speed part, ~30 s)
      .venv/bin/python benchmarks/suggestions.py --quick    (1 repetition)
      .venv/bin/python benchmarks/suggestions.py --misses   (also list every missed and extra span)

1. Quality: `suggest()` on the five seed articles (the stored, normalised text `read_seeds()` gives)
   against the hand-made gold in tests/data/gold/ (conventions in its README). Exact match: same
   start, end and tag. Overlap match: a suggestion counts if it overlaps a gold span of its tag
   (precision), a gold span counts if a suggestion of its tag overlaps it (recall).
   Targets (exact match): quote and number precision >= 0.8 and recall >= 0.9; actor recall >= 0.8.
2. Speed: `suggest()` on a generated 1 MB and 5 MB news article (benchmarks/articles.py), the runs
   interleaved, medians. Target: seconds per MB at 5 MB / at 1 MB <= 1.3 (linear, not quadratic).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from articles import make_article  # noqa: E402

from corpus.seeds import read_seeds  # noqa: E402
from corpus.suggest import TAGS, suggest  # noqa: E402

GOLD = HERE.parent / "tests" / "data" / "gold"
TARGETS = {("quote", "precision"): 0.8, ("quote", "recall"): 0.9, ("number", "precision"): 0.8,
           ("number", "recall"): 0.9, ("actor", "recall"): 0.8}
LINEAR_TARGET = 1.3
Span = tuple[str, int, int, str]  # document id, start, end, tag


def result_line(name: str, value: float, target: str, ok: bool) -> str:
    """The line benchmarks/run.py collects: RESULT name value target PASS|FAIL."""
    return f"RESULT {name} {value:.3f} {target} {'PASS' if ok else 'FAIL'}"


def load_gold() -> set[Span]:
    spans: set[Span] = set()
    for path in sorted(GOLD.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            spans.add((path.stem, record["start"], record["end"], record["tag"]))
    return spans


def overlaps(span: Span, others: list[Span]) -> bool:
    return any(o[0] == span[0] and o[3] == span[3] and o[1] < span[2] and span[1] < o[2] for o in others)


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def quality(show_misses: bool) -> tuple[list[str], bool]:
    docs = {doc.id: doc for doc in read_seeds().documents}
    gold = load_gold()
    found = {(doc_id, s.start, s.end, s.tag) for doc_id, doc in docs.items() for s in suggest(doc.text)}
    lines, ok = [], True
    print(f"{'tag':8} {'gold':>5} {'found':>6} {'exact P':>8} {'exact R':>8} {'overlap P':>10} {'overlap R':>10}")
    for tag in TAGS:
        g = [s for s in gold if s[3] == tag]
        f = [s for s in found if s[3] == tag]
        hits = len(set(g) & set(f))
        figures = {"precision": ratio(hits, len(f)), "recall": ratio(hits, len(g))}
        loose_p = ratio(sum(overlaps(s, g) for s in f), len(f))
        loose_r = ratio(sum(overlaps(s, f) for s in g), len(g))
        print(f"{tag:8} {len(g):5} {len(f):6} {figures['precision']:8.3f} {figures['recall']:8.3f} "
              f"{loose_p:10.3f} {loose_r:10.3f}")
        for measure, value in figures.items():
            target = TARGETS.get((tag, measure))
            if target is not None:
                lines.append(result_line(f"suggest.{tag}.{measure}", value, f">={target}", value >= target))
                ok = ok and value >= target
        if show_misses:
            for label, spans in (("missed", sorted(set(g) - set(f))), ("extra", sorted(set(f) - set(g)))):
                for doc_id, start, end, _ in spans:
                    print(f"    {label:6} {doc_id[:3]} {start:5} {docs[doc_id].text[start:end]!r}")
    return lines, ok


def speed(reps: int) -> tuple[list[str], bool]:
    sizes = (1_000_000, 5_000_000)
    texts = {size: make_article(size) for size in sizes}
    times: dict[int, list[float]] = {size: [] for size in sizes}
    counts: dict[int, int] = {}
    for _ in range(reps):
        for size in sizes:
            began = time.perf_counter()
            counts[size] = len(suggest(texts[size]))
            times[size].append(time.perf_counter() - began)
    per_mb = {size: statistics.median(times[size]) / (len(texts[size]) / 1_000_000) for size in sizes}
    for size in sizes:
        print(f"{len(texts[size]) / 1e6:.1f} MB article: {statistics.median(times[size]):.2f} s "
              f"({per_mb[size]:.2f} s per MB, {counts[size]} suggestions, {reps} runs)")
    growth = per_mb[5_000_000] / per_mb[1_000_000]
    print(f"seconds per MB at 5 MB over at 1 MB: {growth:.2f} (target <= {LINEAR_TARGET})")
    return [result_line("suggest.per_mb_5mb_over_1mb", growth, f"<={LINEAR_TARGET}", growth <= LINEAR_TARGET),
            f"INFO suggest.seconds_per_mb {per_mb[1_000_000]:.3f}"], growth <= LINEAR_TARGET


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repetition of the speed part")
    parser.add_argument("--misses", action="store_true", help="list every missed and extra span")
    args = parser.parse_args()
    print("1. QUALITY on the seed corpus against tests/data/gold (exact and overlap match)")
    quality_lines, quality_ok = quality(args.misses)
    print("\n2. SPEED: suggest() on generated articles")
    speed_lines, speed_ok = speed(1 if args.quick else 3)
    print()
    for line in quality_lines + speed_lines:
        print(line)
    return 0 if quality_ok and speed_ok else 1


if __name__ == "__main__":
    sys.exit(main())
