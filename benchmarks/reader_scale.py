"""The reader on a 40,000-article database: start-up against the seed corpus, and the corpus screens.

Run:  .venv/bin/python benchmarks/reader_scale.py           (full: 40,000 articles, about 1 minute)
      .venv/bin/python benchmarks/reader_scale.py --quick   (10,000 articles, fewer repetitions)

Issue 13's targets, every ratio measured in the same run:
1. Start-up (process start -> first frame showing text, on a pseudo-terminal, `sidebyside --db`):
   the big database against the seeds' database, runs interleaved. Target: big/seeds <= 1.2.
2. In one process (App.run_test at 160x48, the cache of passages loaded): opening the picker (o),
   corpus search (F), the overlap summary (i) and the passages list (P), from the action to the
   first frame showing the screen; and a keystroke of filtering (o, F): the screen's own filter
   plus the frame after it. Targets: a keystroke under 200 ms; i opens under 200 ms; P opens
   under 1 s. Opening o and F is reported (information).
See benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import asyncio
import inspect
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from reader import compile_package, first_paint  # noqa: E402
from scale_db import build_scale_db  # noqa: E402

STARTUP_TARGET = 1.2
KEY_TARGET_MS = 200.0
SUMMARY_TARGET_MS = 200.0
PASSAGES_TARGET_MS = 1000.0
TYPED = {"o": "minister said", "F": "the minister"}  # typed a character at a time


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def result_line(name: str, value: float, target: str, ok: bool) -> str:
    """The line benchmarks/run.py collects: RESULT name value target PASS|FAIL."""
    return f"RESULT {name} {value:.3f} {target} {'PASS' if ok else 'FAIL'}"


def bench_startup(big: Path, workdir: Path, reps: int) -> dict:
    compile_package()
    seeds_folder = workdir / "seeds"
    first_paint("reader", workdir, seeds_folder)  # creates the seeds' database (and warms the cache)
    seeds = seeds_folder / "sidebyside.db"
    first_paint("options", workdir, big)  # warm the OS file cache for the big one too
    runs: dict[str, list[float]] = {"seeds": [], "big": []}
    for rep in range(reps):
        order = (("seeds", seeds), ("big", big)) if rep % 2 == 0 else (("big", big), ("seeds", seeds))
        for key, db in order:
            runs[key].append(first_paint("options", workdir, db)[0])
    ratios = [b / s for b, s in zip(runs["big"], runs["seeds"])]
    return {"seeds": runs["seeds"], "big": runs["big"], "ratio": median(ratios)}


def timed_app_class():
    from tui.app import ReaderApp

    class TimedReaderApp(ReaderApp):
        """ReaderApp that notes when each frame is on screen, and which screen it showed."""

        CSS_PATH = str(Path(inspect.getfile(ReaderApp)).parent / ReaderApp.CSS_PATH)
        frames: list[tuple[float, object]] = []

        def post_display_hook(self) -> None:
            self.frames.append((time.perf_counter(), self.screen))

    return TimedReaderApp


async def frame_after(app, began: float, screen_type: type, timeout: float = 30.0) -> float:
    """Seconds from `began` to the first frame after it showing a screen of `screen_type`."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for at, screen in app.frames:
            if at > began and isinstance(screen, screen_type):
                return at - began
        await asyncio.sleep(0.002)
    raise TimeoutError(f"no frame showing {screen_type.__name__}")


async def bench_screens(db: Path, reps: int) -> dict:
    from store import open_store
    from tui.screens.corpus_search import CorpusSearchScreen
    from tui.screens.passages import PassagesScreen
    from tui.screens.picker import PickerScreen
    from tui.screens.summary import SummaryScreen

    screens = {"o": ("action_picker", PickerScreen), "F": ("action_corpus_search", CorpusSearchScreen),
               "i": ("action_summary", SummaryScreen), "P": ("action_passages", PassagesScreen)}
    opened: dict[str, list[float]] = {key: [] for key in screens}
    keys: dict[str, list[float]] = {key: [] for key in TYPED}
    work: dict[str, list[float]] = {key: [] for key in TYPED}
    store = open_store(db, check=False)
    app = timed_app_class()(store, "bench")
    import gc

    gc.disable()  # as tui.launch starts the reader: the app resumes the collector after its first frame
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            began = time.perf_counter()
            while not app.reader.comparing.clusters and time.perf_counter() - began < 60:
                await pilot.pause(0.05)
            loaded = time.perf_counter() - began
            for _ in range(reps):
                for key, (action, screen_type) in screens.items():
                    began = time.perf_counter()
                    getattr(app.reader, action)()  # the reading screen holds the actions
                    opened[key].append(await frame_after(app, began, screen_type))
                    screen = app.screen
                    await pilot.pause()
                    for typed in range(1, len(TYPED.get(key, "")) + 1):
                        began = time.perf_counter()
                        screen._fill(TYPED[key][:typed])
                        work[key].append(time.perf_counter() - began)
                        if key == "F":
                            # F streams in a thread: the keystroke's answer is its first hits shown
                            # (or the end of a search that found none), not the frame after _fill.
                            while screen.searching and not screen.result.counts:
                                await asyncio.sleep(0.002)
                        screen.refresh()
                        keys[key].append(await frame_after(app, began, screen_type))
                    screen.dismiss(None)
                    await pilot.pause()
    finally:
        store.close()
        gc.enable()
    return {"opened": opened, "keys": keys, "work": work, "clusters": len(app.reader.comparing.clusters), "loaded": loaded}


def report(built: dict, startup: dict | None, screens: dict) -> int:
    ms = 1000.0
    failed = 0
    lines = []
    print(f"database: {built['documents']:,} articles, {built['chars']:,} characters, {built['annotations']:,} "
          f"annotations, {built['clusters']:,} passages cached, {built['bytes'] / 2**20:.0f} MB; built in "
          f"{built['seconds']:.1f} s")
    if startup is not None:
        ok = startup["ratio"] <= STARTUP_TARGET
        failed += not ok
        print(f"\n1. START-UP (process start -> first frame with text, sidebyside --db), {len(startup['big'])} runs each")
        print(f"   seeds database    median {median(startup['seeds']) * ms:6.0f} ms")
        print(f"   {built['documents']:,} articles median {median(startup['big']) * ms:6.0f} ms   "
              f"ratio {startup['ratio']:.2f} (median of pairs)  target <= {STARTUP_TARGET}  {'PASS' if ok else 'FAIL'}")
        lines.append(result_line("scale.startup_big_over_seeds", startup["ratio"], f"<={STARTUP_TARGET}", ok))
    print(f"\n2. SCREENS on {built['documents']:,} articles ({screens['clusters']:,} passages; the cache loaded "
          f"{screens['loaded']:.2f} s after start), medians, ms")
    print(f"   {'screen':<26}{'open':>8}{'key: work':>11}{'to frame':>10}{'max':>8}   target")
    names = {"o": "o picker", "F": "F corpus search", "i": "i overlap summary", "P": "P passages list"}
    for key, name in names.items():
        opened = median(screens["opened"][key]) * ms
        row = f"   {name:<26}{opened:8.0f}"
        verdicts = []
        if key in TYPED:
            key_ms = median(screens["keys"][key]) * ms
            worst = max(screens["keys"][key]) * ms
            ok = worst < KEY_TARGET_MS
            failed += not ok
            row += f"{median(screens['work'][key]) * ms:11.1f}{key_ms:10.1f}{worst:8.0f}"
            verdicts.append(f"every key < {KEY_TARGET_MS:.0f}  {'PASS' if ok else 'FAIL'}")
            lines.append(result_line(f"scale.key_{key}_max_ms", worst, f"<{KEY_TARGET_MS:.0f}", ok))
        else:
            row += " " * 29
        target = {"i": SUMMARY_TARGET_MS, "P": PASSAGES_TARGET_MS}.get(key)
        if target is not None:
            ok = opened < target
            failed += not ok
            verdicts.append(f"open < {target:.0f}  {'PASS' if ok else 'FAIL'}")
            lines.append(result_line(f"scale.open_{key}_ms", opened, f"<{target:.0f}", ok))
        print(row + "   " + ("; ".join(verdicts) or "information"))
    print("   (key: typing " + ", ".join(f"{k} {v!r}" for k, v in TYPED.items()) +
          " a character at a time; work = the screen's filter, to frame = until the next frame is shown)")
    print()
    for line in lines:
        print(line)
    print("\nall PASS" if not failed else f"\n{failed} FAIL")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="10,000 articles and fewer repetitions")
    parser.add_argument("--articles", type=int, help="how many articles (default 40,000; 10,000 with --quick)")
    parser.add_argument("--only", choices=("startup", "screens"))
    args = parser.parse_args(argv)
    n = args.articles or (10_000 if args.quick else 40_000)
    with tempfile.TemporaryDirectory(prefix="sbs-scale-") as tmp:
        workdir = Path(tmp)
        db = workdir / "big.db"
        began = time.perf_counter()
        built = build_scale_db(db, n)
        built["seconds"] = time.perf_counter() - began
        startup = None if args.only == "screens" else bench_startup(db, workdir, 3 if args.quick else 9)
        screens = (asyncio.run(bench_screens(db, 1 if args.quick else 3)) if args.only != "startup"
                   else {"opened": {k: [float("nan")] for k in "oFiP"}, "keys": {}, "work": {}, "clusters": 0,
                         "loaded": 0.0})
        if args.only == "startup":
            screens = None
        return report(built, startup, screens) if screens is not None else report_startup_only(built, startup)


def report_startup_only(built: dict, startup: dict) -> int:
    ok = startup["ratio"] <= STARTUP_TARGET
    print(f"start-up {built['documents']:,} articles / seeds: {startup['ratio']:.2f} "
          f"(medians {median(startup['big']) * 1000:.0f} / {median(startup['seeds']) * 1000:.0f} ms)  "
          f"target <= {STARTUP_TARGET}  {'PASS' if ok else 'FAIL'}")
    print(result_line("scale.startup_big_over_seeds", startup["ratio"], f"<={STARTUP_TARGET}", ok))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
