"""Time `sidebyside import` of a generated JSONL news corpus against bare sqlite3 executemany.

Run: .venv/bin/python benchmarks/import_corpus.py [--quick]
     (full: 4,000 and 40,000 articles, 5 repetitions, about 2 minutes; --quick: 1,000 and 5,000, 1 repetition)

Both sides are child processes, interleaved (bare, sidebyside, per size, per repetition), each
into a new database: `python -m tui import --db DB corpus.jsonl` (the real command, output piped)
and benchmarks/_bare_import.py (parse, hash, one executemany in one transaction, same pragmas).
Peak memory is the child's maximum resident set size (os.wait4). Targets, from issue 13:
sidebyside / bare <= 2 at each size, per-article time at the large size / the small <= 1.25,
and sidebyside's peak memory under 300 MB.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from articles import ADJECTIVES, NOUNS, PLACES, _sentence  # noqa: E402

ARTICLE_CHARS = 6000
OUTLETS = [f"{town} {kind}" for town in ("Northfield", "Harbour", "Valmora", "Kessler", "Port Ellis",
                                           "Eastbrook", "Lindale", "Marren")
           for kind in ("Herald", "Times", "Daily", "Courier", "Wire")]  # 40 outlets
BOILERPLATE = ["Sign up for the {outlet} morning newsletter to get the day's top stories.",
               "The Associated Press contributed to this report.",
               "Watch: video of the briefing is available on the {outlet} website."]
TARGET_RATIO, TARGET_LINEAR, TARGET_MB = 2.0, 1.25, 300


def write_corpus(path: Path, count: int, seed: int = 13) -> int:
    """`count` news-length articles (about 6 KB) as JSONL; the same bytes for the same arguments.

    Paragraphs come from a shared pool (as wire copy recurs between outlets), each article opens
    with its own lede and about a third end with their outlet's boilerplate line."""
    rng = Random(seed)
    pool = [" ".join(_sentence(rng) for _ in range(rng.randint(3, 6))) for _ in range(4000)]
    size = 0
    with open(path, "w", encoding="utf-8") as out:
        for number in range(count):
            outlet = OUTLETS[number % len(OUTLETS)]
            noun = rng.choice(NOUNS)
            headline = f"{rng.choice(ADJECTIVES).capitalize()} {noun} divides {rng.choice(PLACES)}"
            paragraphs = [f"{headline} (report {number}): {_sentence(rng)}"]
            chars = len(paragraphs[0])
            while chars < ARTICLE_CHARS:
                paragraphs.append(rng.choice(pool))
                chars += len(paragraphs[-1]) + 2
            if rng.random() < 0.35:
                paragraphs.append(rng.choice(BOILERPLATE).format(outlet=outlet))
            record = {"id": f"{outlet.lower().replace(' ', '-')}-{number:06d}", "title": headline,
                      "source": outlet, "url": f"https://news.example/{number}",
                      "date": f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}",
                      "text": "\n\n".join(paragraphs)}
            line = json.dumps(record, ensure_ascii=False) + "\n"
            size += len(line.encode("utf-8"))
            out.write(line)
    return size


def run_child(args: list[str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds (user + system), peak resident MB and stdout of a child process."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{args} exited {process.returncode}: {output!r}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output.decode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 and 5,000 articles, one repetition")
    args = parser.parse_args(argv)
    sizes = [1000, 5000] if args.quick else [4000, 40000]
    reps = 1 if args.quick else 5

    with tempfile.TemporaryDirectory(prefix="sbs-import-") as tmp:
        folder = Path(tmp)
        corpora = {}
        for n in sizes:
            t0 = time.perf_counter()
            corpora[n] = folder / f"corpus-{n}.jsonl"
            nbytes = write_corpus(corpora[n], n)
            print(f"generated {n:,} articles, {nbytes / 1e6:.0f} MB of JSONL, in {time.perf_counter() - t0:.1f} s")
        runs: dict[tuple[str, int], list[tuple[float, float, float]]] = {}
        for rep in range(reps):
            for n in sizes:
                for side in ("bare", "sidebyside"):
                    database = folder / f"{side}-{n}-{rep}.db"
                    if side == "bare":
                        command = [sys.executable, str(ROOT / "benchmarks/_bare_import.py"),
                                   str(corpora[n]), str(database)]
                    else:
                        command = [sys.executable, "-m", "tui", "import", "--db", str(database), str(corpora[n])]
                    wall, cpu, peak, output = run_child(command)
                    expected = f"{n:,} imported, 0 unchanged, 0 refused" if side == "sidebyside" else str(n)
                    assert output.strip() == expected, output
                    runs.setdefault((side, n), []).append((wall, cpu, peak))
                    for leftover in folder.glob(f"{database.name}*"):
                        leftover.unlink()
                    print(f"  rep {rep + 1}: {side:<10} {n:>6,} articles {wall:7.2f} s  cpu {cpu:6.2f} s  "
                          f"peak {peak:6.0f} MB",
                          flush=True)
    return report(sizes, runs)


def report(sizes: list[int], runs: dict[tuple[str, int], list[tuple[float, float, float]]]) -> int:
    def median(side: str, n: int, what: int = 0) -> float:
        return statistics.median(run[what] for run in runs[side, n])

    def paired(n: int, what: int = 0) -> float:
        """The median over repetitions of sidebyside / bare, each pair run one after the other."""
        return statistics.median(ours[what] / bare[what]
                                 for ours, bare in zip(runs["sidebyside", n], runs["bare", n]))

    def peak(side: str, n: int) -> float:
        return max(run[2] for run in runs[side, n])

    ok = True
    results: list[str] = []

    def verdict(good: bool) -> str:
        nonlocal ok
        ok = ok and good
        return "PASS" if good else "FAIL"

    print(f"\n{'articles':>9} {'bare s':>7} {'sbs s':>7} {'ms/art':>7} {'sbs/bare':>9} {'cpu: bare':>10} "
          f"{'sbs':>6} {'ratio':>6} {'MB: bare':>9} {'sbs':>5}   target wall sbs/bare <= {TARGET_RATIO}, "
          f"sbs MB < {TARGET_MB}")
    for n in sizes:
        ratio = paired(n)
        print(f"{n:>9,} {median('bare', n):>7.2f} {median('sidebyside', n):>7.2f} "
              f"{median('sidebyside', n) / n * 1000:>7.3f} {ratio:>9.2f} {median('bare', n, 1):>10.2f} "
              f"{median('sidebyside', n, 1):>6.2f} {paired(n, 1):>6.2f} {peak('bare', n):>9.0f} "
              f"{peak('sidebyside', n):>5.0f}   {verdict(ratio <= TARGET_RATIO)} "
              f"{verdict(peak('sidebyside', n) < TARGET_MB)}")
        results.append(f"RESULT import.sbs_over_bare_{n} {ratio:.3f} <={TARGET_RATIO} "
                       f"{'PASS' if ratio <= TARGET_RATIO else 'FAIL'}")
        results.append(f"RESULT import.peak_mb_{n} {peak('sidebyside', n):.1f} <{TARGET_MB} "
                       f"{'PASS' if peak('sidebyside', n) < TARGET_MB else 'FAIL'}")
    small, large = sizes
    def best(side: str, n: int, what: int) -> float:
        return min(run[what] for run in runs[side, n])

    # Across sizes the runs are seconds apart, not side by side, so each size's best run (the one
    # the other jobs on the machine disturbed least) is compared, and CPU time beside it.
    for label, what in (("wall", 0), ("cpu", 1)):
        ours = (best("sidebyside", large, what) / large) / (best("sidebyside", small, what) / small)
        bare = (best("bare", large, what) / large) / (best("bare", small, what) / small)
        judged = f"target <= {TARGET_LINEAR}  {verdict(ours <= TARGET_LINEAR)}" if what == 0 else "(information)"
        if what == 0:
            results.append(f"RESULT import.per_article_{large}_over_{small} {ours:.3f} <={TARGET_LINEAR} "
                           f"{'PASS' if ours <= TARGET_LINEAR else 'FAIL'}")
        print(f"per-article {label:<4} {large:,} / {small:,} articles, best runs: sidebyside {ours:.2f} "
              f"(bare {bare:.2f})   {judged}")
    print("(sbs/bare: median of the ratios of each repetition's pair; times: medians; process start"
          " included on both sides;\n peak = the child's max resident set size)")
    for line in results:  # for benchmarks/run.py: RESULT name value target PASS|FAIL
        print(line)
    print("\nall PASS" if ok else "\nsome FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
