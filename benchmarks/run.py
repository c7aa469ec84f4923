"""Run every benchmark, print one table of the judged figures with their targets, write results.json.

Run:  .venv/bin/python benchmarks/run.py            (full: several minutes)
      .venv/bin/python benchmarks/run.py --quick    (each script's --quick: a smoke run)
      .venv/bin/python benchmarks/run.py --only reader_scale import_corpus

Each script runs as a child process, one after another (the machine is shared: in parallel they
would measure each other). A script reports its judged figures as lines
`RESULT name value target PASS|FAIL`; a script that exits non-zero or prints no RESULT is a FAIL
too. Figures go to benchmarks/results.json (or --json PATH).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# script, arguments: the reader's, passages at scale, import, export (when present), suggestion rules, key A,
# `suggest`
BENCHMARKS = [
    ("reader.py", []),
    ("reader_scale.py", []),
    ("passages.py", ["--only", "scale"]),
    ("import_corpus.py", []),
    ("export.py", []),
    ("propagation.py", []),
    ("suggestions.py", []),
    ("all_annotations.py", []),
    ("suggest_cli.py", []),
]


def parse_results(output: str) -> list[dict]:
    results = []
    for line in output.splitlines():
        parts = line.split()
        if len(parts) == 5 and parts[0] == "RESULT" and parts[4] in ("PASS", "FAIL"):
            try:
                value = float(parts[2])
            except ValueError:
                continue
            results.append({"name": parts[1], "value": value, "target": parts[3], "verdict": parts[4]})
    return results


def run_one(script: str, args: list[str], quick: bool) -> dict:
    command = [sys.executable, str(HERE / script), *args, *(["--quick"] if quick else [])]
    print(f"$ {' '.join(command[1:])}", flush=True)
    began = time.perf_counter()
    done = subprocess.run(command, cwd=HERE.parent, capture_output=True, text=True)
    seconds = time.perf_counter() - began
    results = parse_results(done.stdout)
    print(f"  {seconds:.0f} s, exit {done.returncode}, {len(results)} results", flush=True)
    if done.returncode and not results:
        print("  " + (done.stderr or done.stdout)[-1500:].replace("\n", "\n  "), flush=True)
    return {"script": script, "command": command[1:], "exit": done.returncode, "seconds": round(seconds, 1),
            "results": results, "output": done.stdout}


def machine() -> dict:
    info = {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        info["memory_gib"] = round(pages * size / 2**30, 1)
        info["load_average"] = [round(x, 2) for x in os.getloadavg()]
    except (ValueError, OSError, AttributeError):
        pass
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="run each benchmark with --quick")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="scripts to run (without .py)")
    parser.add_argument("--json", type=Path, default=HERE / "results.json", help="where to write the figures")
    args = parser.parse_args(argv)
    chosen = [(s, a) for s, a in BENCHMARKS if (HERE / s).exists()
              and (not args.only or s.removesuffix(".py") in args.only)]
    missing = [s for s, _ in BENCHMARKS if not (HERE / s).exists()]
    runs = [run_one(script, extra, args.quick) for script, extra in chosen]
    print(f"\n{'benchmark':<18}{'figure':<44}{'value':>10}  {'target':<10}verdict")
    failed = 0
    for run in runs:
        rows = run["results"] or [{"name": "(no RESULT lines)", "value": float("nan"), "target": "-",
                                   "verdict": "FAIL"}]
        if run["exit"] and all(r["verdict"] == "PASS" for r in rows):
            rows = [*rows, {"name": f"(exit status {run['exit']})", "value": float("nan"), "target": "0",
                            "verdict": "FAIL"}]
        for row in rows:
            failed += row["verdict"] != "PASS"
            print(f"{run['script'].removesuffix('.py'):<18}{row['name']:<44}{row['value']:>10.3f}  "
                  f"{row['target']:<10}{row['verdict']}")
    for script in missing:
        print(f"{script.removesuffix('.py'):<18}(not present: skipped)")
    total = sum(run["seconds"] for run in runs)
    print(f"\n{'all PASS' if not failed else f'{failed} FAIL'} ({total:.0f} s{', quick' if args.quick else ''})")
    args.json.write_text(json.dumps({"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "quick": args.quick,
                                     "machine": machine(), "seconds": round(total, 1), "failed": failed,
                                     "runs": runs}, indent=2, ensure_ascii=False) + "\n")
    print(f"figures written to {args.json}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
