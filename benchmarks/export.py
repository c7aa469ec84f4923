"""Speed and memory of `export`: 1,000,000 annotations to CSV and JSONL, against writing them from memory.

Run:  .venv/bin/python benchmarks/export.py            (full: 1,000,000 annotations, about 3 min)
      .venv/bin/python benchmarks/export.py --quick    (100,000 annotations: a smoke check, under a minute)

A temporary store of 40,000 news-length articles (4,000 characters; 25 annotations each, a
well-read study) is built with bare sqlite3 inserts (export_corpus.py). Then, interleaved rep by
rep: store.formats.export() through write_output (as `sidebyside export -o` runs it) to a
temporary file, for csv and jsonl; and the in-memory baseline: the same rows, already in a Python
list, written with csv.writer (tuples) and json.dumps(ensure_ascii=False) (dicts, one per line)
to a temporary file. Target: export throughput >= 0.5x the baseline's, judged on the median of
the paired ratios (baseline seconds / export seconds of the same rep). Memory: each export once
more in a fresh subprocess, its peak RSS (VmHWM) and Python's traced peak; target < 300 MB.

See benchmarks/README.md for the figures measured.
"""
from __future__ import annotations

import argparse
import csv
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from export_corpus import ARTICLE_CHARS, build_database  # noqa: E402

RATIO_TARGET = 0.5
MEMORY_TARGET_MB = 300

# ru_maxrss survives exec (a child would report its parent's peak): VmHWM is this process's own.
_CHILD = """
import sys, tracemalloc
sys.path.insert(0, {root!r})
import store
from store.formats import export
from store.formats.output import write_output
db, fmt, out, traced = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
def high_water():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
s = store.open_store(db)
before = high_water()
if traced:
    tracemalloc.start()
count = write_output(out, lambda stream: export(s, fmt, stream))
peak = tracemalloc.get_traced_memory()[1] if traced else 0
print(count, before, high_water(), peak)
"""


def load_rows(db: Path) -> tuple[tuple[str, ...], list[tuple], list[dict]]:
    """Every exported record as the baselines write it: the CSV's header and rows (FIELDS, then
    one cell per attribute) and the JSONL's records (FIELDS, and the attributes as stored JSON)."""
    import store
    from store.formats import COLUMNS, FIELDS, attribute_columns, iter_batches

    with store.open_store(db) as s:
        headers, names = attribute_columns(s)
        rows, records = [], []
        for batch in iter_batches(s, ", ".join((*COLUMNS, "a.attributes"))):
            for *cells, attributes in batch:
                values = json.loads(attributes)
                rows.append((*cells, *(values.get(name) for name in names)))
                records.append({**dict(zip(FIELDS, cells)), "attributes": attributes})
        return (*FIELDS, *headers), rows, records


def baseline_csv(rows: list[tuple], fields: tuple[str, ...], path: Path) -> int:
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(fields)
        writer.writerows(rows)
    return len(rows)


def baseline_json(records: list[dict], path: Path) -> int:
    with open(path, "w", encoding="utf-8", newline="") as out:
        for record in records:
            attributes = record.pop("attributes")
            # The attributes object is the stored JSON itself, as the export writes it; the corpus has
            # no relations, so each record's list of them is empty.
            out.write(json.dumps(record, ensure_ascii=False)[:-1] + ', "attributes": ' + attributes
                      + ', "relations": []}')
            out.write("\n")
            record["attributes"] = attributes
    return len(records)


def timed(call) -> tuple[float, int]:
    began = time.perf_counter()
    count = call()
    return time.perf_counter() - began, count


def memory(db: Path, fmt: str, out: Path, traced: bool) -> dict[str, float]:
    """One export in a fresh process: RSS before it, peak RSS, and Python's traced peak, in MB."""
    code = _CHILD.format(root=str(ROOT))
    result = subprocess.run([sys.executable, "-c", code, str(db), fmt, str(out), "1" if traced else "0"],
                            capture_output=True, text=True, check=True)
    count, before, peak, traced_peak = map(int, result.stdout.split())
    return {"count": count, "before": before / 1024, "peak": peak / 1024, "traced": traced_peak / 2**20}


def run(documents: int, annotations: int, reps: int) -> bool:
    import store
    from store.formats import COLUMNS, export, iter_batches
    from store.formats.output import write_output

    work = Path(tempfile.mkdtemp(prefix="sbs-export-bench-"))
    db = work / "study.db"
    print(f"building {documents:,} articles of {ARTICLE_CHARS:,} characters with {annotations:,} annotations ...",
          flush=True)
    built, info = timed(lambda: build_database(db, documents, annotations))
    print(f"  built in {built:.1f} s: {info['annotations']:,} annotations, "
          f"{info['bytes'] / 2**20:.0f} MB database", flush=True)
    loaded, (fields, rows, records) = timed(lambda: load_rows(db))
    print(f"  loaded {len(rows):,} rows for the in-memory baseline in {loaded:.1f} s", flush=True)
    gc.freeze()  # the baseline's million rows: keep the collector from walking them in every part
    s = store.open_store(db)
    parts = {
        "csv": lambda: write_output(work / "export.csv", lambda out: export(s, "csv", out)),
        "csv (memory)": lambda: baseline_csv(rows, fields, work / "baseline.csv"),
        "jsonl": lambda: write_output(work / "export.jsonl", lambda out: export(s, "jsonl", out)),
        "jsonl (memory)": lambda: baseline_json(records, work / "baseline.jsonl"),
        # The export's own query and batches, nothing formatted or written: what reading costs.
        "read only": lambda: sum(len(batch) for batch in iter_batches(s, ", ".join(COLUMNS))),
    }
    seconds: dict[str, list[float]] = {name: [] for name in parts}
    print(f"timing {reps} repetitions, parts interleaved ...", flush=True)
    for rep in range(reps):
        names = list(parts) if rep % 2 == 0 else list(reversed(parts))
        for name in names:
            took, count = timed(parts[name])
            assert count == len(rows), (name, count)
            seconds[name].append(took)
    s.close()
    # The exports must be the rows the baseline wrote (same bytes: the same csv/json encoding).
    same_csv = (work / "export.csv").read_bytes() == _guarded_baseline_csv(rows, fields, work)
    same_jsonl = (work / "export.jsonl").read_bytes() == (work / "baseline.jsonl").read_bytes()
    parts.clear()  # the closures hold the baseline rows: let them go before measuring memory
    rows, records = [], []
    gc.unfreeze()
    gc.collect()
    mem = {fmt: memory(db, fmt, work / f"mem.{fmt}", False) for fmt in ("csv", "jsonl")}
    traced = {fmt: memory(db, fmt, work / f"mem.{fmt}", True)["traced"] for fmt in ("csv", "jsonl")}
    for path in work.iterdir():
        path.unlink()
    work.rmdir()
    return report(seconds, annotations, mem, traced, same_csv, same_jsonl)


def _guarded_baseline_csv(rows: list[tuple], fields: tuple[str, ...], work: Path) -> bytes:
    """The baseline CSV with today's formula guard applied per cell, for the identity check."""
    from store.formats.csv_format import neutralise

    path = work / "guarded.csv"
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(fields)
        writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return path.read_bytes()


def report(seconds, annotations, mem, traced, same_csv, same_jsonl) -> bool:
    results: list[str] = []
    rule = "-" * 92
    print(rule)
    print(f"EXPORT of {annotations:,} annotations, median of {len(seconds['csv'])} interleaved repetitions")
    print(rule)
    print(f"{'part':34s} {'median s':>9s} {'min s':>7s} {'rows/s':>9s}")
    for name, values in seconds.items():
        print(f"{name:34s} {statistics.median(values):9.2f} {min(values):7.2f} "
              f"{annotations / statistics.median(values):9,.0f}")
    ok = True
    print()
    print(f"{'throughput ratio (memory s / export s, paired)':50s} {'median':>7s} {'range':>12s}  target")
    for fmt in ("csv", "jsonl"):
        ratios = [b / e for b, e in zip(seconds[f"{fmt} (memory)"], seconds[fmt])]
        ratio = statistics.median(ratios)
        verdict = "PASS" if ratio >= RATIO_TARGET else "FAIL"
        ok &= verdict == "PASS"
        print(f"{fmt + ' export / ' + fmt + ' from memory':50s} {ratio:7.2f} {min(ratios):5.2f}-{max(ratios):<5.2f}"
              f"  >= {RATIO_TARGET}  {verdict}")
        results.append(f"RESULT export.{fmt}_over_memory {ratio:.3f} >={RATIO_TARGET} {verdict}")
    # Reading the rows and then writing them as the baseline does: the ratio that would reach.
    for fmt in ("csv", "jsonl"):
        ceiling = statistics.median(b / (b + r) for b, r in zip(seconds[f"{fmt} (memory)"], seconds["read only"]))
        print(f"{'(ceiling: read only, then ' + fmt + ' from memory)':50s} {ceiling:7.2f}")
    print()
    print(f"{'memory, one export in a fresh process':40s} {'RSS before':>10s} {'peak RSS':>9s} "
          f"{'traced peak':>12s}  target")
    for fmt in ("csv", "jsonl"):
        m = mem[fmt]
        verdict = "PASS" if m["peak"] < MEMORY_TARGET_MB else "FAIL"
        ok &= verdict == "PASS"
        print(f"{fmt:40s} {m['before']:8.0f} MB {m['peak']:6.0f} MB {traced[fmt]:9.1f} MB  "
              f"< {MEMORY_TARGET_MB} MB  {verdict}")
        results.append(f"RESULT export.{fmt}_peak_mb {m['peak']:.1f} <{MEMORY_TARGET_MB} {verdict}")
    print()
    for fmt, same in (("csv", same_csv), ("jsonl", same_jsonl)):
        print(f"{fmt} export byte-identical to the baseline written row by row"
              f"{' (with the formula guard)' if fmt == 'csv' else ''}: {'yes' if same else 'NO'}")
        ok &= same
        results.append(f"RESULT export.{fmt}_identical {1 if same else 0} =1 {'PASS' if same else 'FAIL'}")
    print()
    print("\n".join(results))  # for benchmarks/run.py
    print("all PASS" if ok else "FAIL")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 annotations, 3 repetitions")
    args = parser.parse_args()
    began = time.perf_counter()
    documents, annotations, reps = (4_000, 100_000, 3) if args.quick else (40_000, 1_000_000, 5)
    ok = run(documents, annotations, reps)
    print(f"(benchmark took {time.perf_counter() - began:.0f} s)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
