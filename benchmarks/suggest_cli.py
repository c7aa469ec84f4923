"""`sidebyside suggest` over 4,000 and 40,000 generated articles: it streams, in time and memory.

Run:  .venv/bin/python benchmarks/suggest_cli.py           (4,000 and 40,000 articles of scale_db.py)
      .venv/bin/python benchmarks/suggest_cli.py --quick   (1,000 and 10,000)

Each size is a database of scale_db.py, whose random actor spans are replaced by the same 200 real
names at both sizes (fixed_known_actors), so the rules do the same work per article at both.
`sidebyside suggest --format jsonl` runs as its own process writing to a pipe that is read and
counted; figures: seconds, peak RSS of that process, the time to its first line. Targets: peak RSS
at the large size / at the small size <= 1.3 (one article in memory at a time, whatever the corpus),
and seconds per article at the large size / at the small size <= 1.5 (linear, nothing quadratic).
The rules' own speed is corpus/suggest.py's (h1a's benchmark); this measures the plumbing around it.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

RSS_RATIO_TARGET = 1.3
PER_ARTICLE_RATIO_TARGET = 1.5


def result_line(name: str, value: float, target: str, ok: bool) -> str:
    """The line benchmarks/run.py collects: RESULT name value target PASS|FAIL."""
    return f"RESULT {name} {value:.3f} {target} {'PASS' if ok else 'FAIL'}"


def build_in_child(db: Path, n: int) -> dict[str, int]:
    """scale_db.py's database, written by another process: ru_maxrss survives fork and exec, so a
    parent that had held 40,000 articles would lend the suggest process its own peak."""
    import json

    code = ("import json, sys; sys.path[:0] = sys.argv[3:5]; from scale_db import build_scale_db; "
            "print(json.dumps(build_scale_db(__import__('pathlib').Path(sys.argv[1]), int(sys.argv[2]))))")
    done = subprocess.run([sys.executable, "-c", code, str(db), str(n), str(HERE), str(HERE.parent)],
                          check=True, capture_output=True, text=True)
    built: dict[str, int] = json.loads(done.stdout.splitlines()[-1])
    return built


KNOWN_ACTORS = 200


def fixed_known_actors(db: Path) -> int:
    """Replace scale_db's random actor spans (5-40 character snippets, a tenth of the corpus's size:
    "e the" matched everywhere) with KNOWN_ACTORS texts of the first articles (the same at every
    size): their capitalised pairs of words ("Ms Okafor"), then long words (the generated prose has
    few names; a lowercase one, like "the ambassador", also makes the rule read every word)."""
    import re
    import sqlite3

    shapes = (re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b"), re.compile(r"\b[a-z]{8,}\b"))
    conn = sqlite3.connect(db)
    names: dict[str, tuple[str, int, int]] = {}
    rows = conn.execute("SELECT id, text FROM documents ORDER BY position LIMIT 500").fetchall()
    for shape in shapes:
        for doc_id, text in rows:
            for match in shape.finditer(text):
                if len(names) < KNOWN_ACTORS:
                    names.setdefault(match.group(), (doc_id, match.start(), match.end()))
    with conn:
        conn.execute("DELETE FROM annotations WHERE tag = 'actor'")
        conn.executemany("INSERT INTO annotations (id, document_id, tag, start, end, text, annotator, created) "
                         "VALUES (?, ?, 'actor', ?, ?, ?, 'bench', '')",
                         [(f"actor-{k}", *place, name) for k, (name, place) in enumerate(names.items())])
    conn.close()
    return len(names)


def run_suggest(db: Path) -> dict[str, float]:
    """One `sidebyside suggest --format jsonl` in a child process: seconds, first line, lines, peak RSS."""
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    began = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "tui", "suggest", "--db", str(db), "--format", "jsonl"],
                             stdout=subprocess.PIPE, env=env)
    assert child.stdout is not None
    first = None
    lines = 0
    for _line in child.stdout:
        if first is None:
            first = time.perf_counter() - began
        lines += 1
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - began
    if status != 0:
        raise SystemExit(f"sidebyside suggest exited with status {status}")
    return {"seconds": seconds, "first_s": first or seconds, "lines": lines, "rss_mb": usage.ru_maxrss / 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 articles")
    args = parser.parse_args(argv)
    sizes = (1_000, 10_000) if args.quick else (4_000, 40_000)
    results = {}
    with tempfile.TemporaryDirectory(prefix="sbs-suggest-") as tmp:
        for n in sizes:
            db = Path(tmp) / f"scale-{n}.db"
            built = build_in_child(db, n)
            actors = fixed_known_actors(db)
            results[n] = run_suggest(db)
            figures = results[n]
            print(f"{n:,} articles ({built['chars'] / 1e6:.0f} M characters, {built['annotations']:,} annotations, "
                  f"{actors} known actors): "
                  f"{figures['lines']:,} suggestions in {figures['seconds']:.1f} s "
                  f"({figures['seconds'] / n * 1000:.2f} ms an article), first line after {figures['first_s']:.2f} s, "
                  f"peak RSS {figures['rss_mb']:.0f} MB")
            db.unlink()
    small, large = (results[n] for n in sizes)
    rss_ratio = large["rss_mb"] / small["rss_mb"]
    per_article = (large["seconds"] / sizes[1]) / (small["seconds"] / sizes[0])
    print(f"peak RSS ratio {rss_ratio:.2f} (target <= {RSS_RATIO_TARGET}); per-article time ratio "
          f"{per_article:.2f} (target <= {PER_ARTICLE_RATIO_TARGET})")
    print(result_line("suggest.rss_large_over_small", rss_ratio, f"<={RSS_RATIO_TARGET}", rss_ratio <= RSS_RATIO_TARGET))
    print(result_line("suggest.per_article_large_over_small", per_article, f"<={PER_ARTICLE_RATIO_TARGET}",
                      per_article <= PER_ARTICLE_RATIO_TARGET))
    return 0


if __name__ == "__main__":
    sys.exit(main())
