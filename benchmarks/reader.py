"""Speed of the reader: start-up against a bare Textual app, and key latency on a 5 KB and a 5 MB article.

Run:  .venv/bin/python benchmarks/reader.py            (full: about 130 s on 2 cores; must stay under 3 min)
      .venv/bin/python benchmarks/reader.py --quick    (fewer repetitions: a smoke check, 30-45 s)

Targets live here, not in unit tests. The machine is shared and noisy, so every figure is a
median of repetitions, and every target is a ratio of two things measured in the same run:

1. Start-up, process start -> first painted frame, real subprocesses, headless driver,
   interleaved: (a) a minimal Textual app with one Static, (b1) `sidebyside` in a new folder
   (first run: creates the database and imports the seed corpus), (b2) the same command in
   that folder again; each run between two runs of (a). Target: b/a <= 1.2. For context: (c)
   the command with options, (d) the reader's layout built from plain Textual widgets. Plus
   the import time of the main packages.
2. In process, through App.run_test(): time to first paint (constructing the app -> first
   frame showing text), then the work one key causes (the action, the status line it updates,
   and rendering every visible line, which is what a frame asks of the view) and the compositor
   refresh that follows it (the frame), a full page rendered cold in the middle of the document,
   and tagging a selection (action + repaint). pilot.press() is not used for timing: it waits for
   the app to go idle (~60 ms). The apps start as the real reader does (tui.launch): collector
   paused until the first frame, then what lives is frozen.
   Target: 5 MB / 5 KB <= 1.25 for each key, on the key's whole cost (work + frame).

See benchmarks/README.md for what each figure means and the figures measured.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import inspect
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from articles import make_article, make_spans  # noqa: E402
from textual.geometry import Region  # noqa: E402

STARTUP_TARGET = 1.2
SIZE_TARGET = 1.25
VIEW_SIZE = (120, 40)  # terminal for the in-process runs: one pane, 38 text rows

KEYS = [  # label, action_move arguments, whether the rows of the new page start cold
    ("down", ("down", False), False),
    ("right", ("right", False), False),
    ("pagedown", ("page_down", False), True),
    ("w", ("word_next", False), False),
    ("shift+right", ("right", True), False),
    ("shift+down", ("down", True), False),
]


def ms(seconds: float) -> float:
    return seconds * 1000.0


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def verdict(ratio: float, target: float) -> str:
    return "PASS" if ratio <= target else "WARN"


# --- 1. start-up ------------------------------------------------------------------------------

def first_paint(mode: str, workdir: Path, place: Path | None = None) -> tuple[float, float]:
    """Seconds from just before spawning the child to its first painted frame, and the child's CPU
    seconds by then. `place`: the folder `sidebyside` runs in (mode "reader"), or the database
    given with --db (mode "options")."""
    out = workdir / "painted"
    out.unlink(missing_ok=True)
    command = [sys.executable, str(HERE / "_first_paint.py"), mode, str(out)]
    if mode == "options":
        command.append(str(place))
    if mode == "reader":
        place.mkdir(exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith("TEXTUAL")}
    env["SIDEBYSIDE_ANNOTATOR"] = "bench"
    from tests.pty_terminal import run_on_terminal

    started = time.time()
    # On a pseudo-terminal, as `sidebyside` runs for a person: the reader refuses to start without one.
    status, shown, _ = run_on_terminal(command, cwd=place if mode == "reader" else workdir, env=env, timeout=60)
    if status != 0 or not out.exists():
        raise RuntimeError(f"{mode} run failed ({status}):\n{shown[-2000:]}")
    painted, cpu = map(float, out.read_text().split())
    return painted - started, cpu


def import_time(module: str) -> float:
    """Seconds to import `module` in a fresh interpreter; for our modules, with textual.app already
    imported, so the figure is what the module adds beyond what the static app loads too."""
    preload = "" if module == "textual.app" else "import textual.app; "
    code = (preload + "import time; t = time.perf_counter(); import " + module +
            "; print(time.perf_counter() - t)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return float(result.stdout)


def compile_package() -> None:
    """Write the bytecode cache of tui/, store/ and corpus/, as any normal install or first run does.

    Textual's modules were compiled when pip installed them; ours are an editable install, and with
    PYTHONDONTWRITEBYTECODE set (as on these machines) Python would compile them from source on
    every start (about 50 ms), which no user sees twice.
    """
    import compileall

    for package in ("tui", "store", "corpus"):
        compileall.compile_dir(ROOT / package, quiet=1)


def bench_startup(reps: int, import_reps: int) -> dict:
    compile_package()
    static: list[tuple[float, float]] = []
    runs: dict[str, list[tuple[float, float]]] = {"first": [], "second": [], "options": [], "shape": []}
    with tempfile.TemporaryDirectory(prefix="sbs-startup-") as tmp:
        workdir = Path(tmp)
        first_paint("static", workdir)  # warm the OS file cache for both apps
        first_paint("reader", workdir, workdir / "warm")
        static.append(first_paint("static", workdir))
        for rep in range(reps):
            # Every other run is the static app, so each reader run has a static run just before
            # and just after it: the pair brackets it in the same machine weather.
            folder = workdir / f"run{rep}"
            for key, mode, place in (("first", "reader", folder), ("second", "reader", folder),
                                     ("options", "options", folder / "sidebyside.db"),
                                     ("shape", "shape", None)):
                runs[key].append(first_paint(mode, workdir, place))
                static.append(first_paint("static", workdir))
    modules = ["textual.app", "tui.launch", "tui.app", "store", "store.importer", "corpus.seeds", "tui.cli"]
    imports = {module: [] for module in modules}
    for _ in range(import_reps):
        for module in modules:
            imports[module].append(import_time(module))
    paired = {}
    for index, key in enumerate(runs):
        brackets = zip(static[index::len(runs)], static[index + 1::len(runs)])
        paired[key] = median([run[0] / ((before[0] + after[0]) / 2)
                              for run, (before, after) in zip(runs[key], brackets)])
    return {"paired": paired, "static": [wall for wall, _ in static],
            **{key: [wall for wall, _ in values] for key, values in runs.items()},
            "cpu": {"static": [cpu for _, cpu in static], "first": [cpu for _, cpu in runs["first"]],
                    "second": [cpu for _, cpu in runs["second"]]},
            "imports": {module: median(values) for module, values in imports.items()}}


# --- 2. the reader on a 5 KB and a 5 MB article -----------------------------------------------

def build_store(path: Path, chars: int, annotations: int) -> tuple[object, str, dict]:
    """A fresh store holding one generated article and its annotations, inserted in bulk."""
    from corpus.document import Document
    from store import open_store
    from store.records import CORE_ANNOTATION_COLUMNS as ANNOTATION_COLUMNS
    from store.records import utc_now
    from store.store import CONTEXT_CHARS

    store = open_store(path)
    text = make_article(chars)
    doc_id = f"article-{chars}"
    store.add_document(Document(id=doc_id, title=f"Generated article, {chars:,} characters", text=text))
    spans = make_spans(text, annotations)
    now = utc_now()
    rows = [(uuid.UUID(int=index + 1).hex, doc_id, tag, start, end, text[start:end],
             text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS], "", "bench", now, now)
            for index, (start, end, tag) in enumerate(spans)]
    began = time.perf_counter()
    conn = store.conn
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(f"INSERT INTO annotations ({', '.join(ANNOTATION_COLUMNS)}) "
                     f"VALUES ({', '.join('?' for _ in ANNOTATION_COLUMNS)})", rows)
    conn.execute("COMMIT")
    bulk = time.perf_counter() - began
    return store, doc_id, {"bulk_insert_s": bulk, "annotations": len(rows), "chars": len(text)}


def time_add_annotation_one_by_one(path: Path, chars: int, count: int) -> float:
    """Median seconds per Store.add_annotation on the article (each call is one durable commit)."""
    from corpus.document import Document
    from store import open_store

    store = open_store(path)
    text = make_article(chars)
    store.add_document(Document(id="one-by-one", title="one by one", text=text))
    spans = make_spans(text, count, seed=5)
    times = []
    for start, end, tag in spans:
        began = time.perf_counter()
        store.add_annotation("one-by-one", start, end, tag, annotator="bench")
        times.append(time.perf_counter() - began)
    store.close()
    return median(times)


def make_app_class():
    from tui.app import ReaderApp
    from tui.widgets.article_view import ArticleView

    class TimedReaderApp(ReaderApp):
        """ReaderApp that notes its first frame showing article text, and how long frames take."""

        CSS_PATH = str(Path(inspect.getfile(ReaderApp)).parent / ReaderApp.CSS_PATH)  # relative to tui/
        first_paint_at: float | None = None

        def post_display_hook(self) -> None:
            if self.first_paint_at is None:
                if any(view.document is not None and view._cache for view in self.query(ArticleView)):
                    self.first_paint_at = time.perf_counter()

    return TimedReaderApp


class FrameTimer:
    """Wraps the screen's compositor refresh: how long the frame after a key press takes."""

    def __init__(self, screen) -> None:
        self.durations: list[float] = []
        self.event = asyncio.Event()
        original = screen._compositor_refresh

        def timed() -> None:
            began = time.perf_counter()
            original()
            self.durations.append(time.perf_counter() - began)
            self.event.set()

        screen._compositor_refresh = timed

    def clear(self) -> None:
        self.durations.clear()
        self.event.clear()

    async def wait(self, timeout: float = 0.25) -> float:
        try:
            await asyncio.wait_for(self.event.wait(), timeout)
        except TimeoutError:
            pass
        await asyncio.sleep(0)
        return sum(self.durations)


class Subject:
    """One running app showing one article, with the helpers that time what a key costs it."""

    def __init__(self, app, pilot) -> None:
        self.app, self.pilot = app, pilot
        self.view = app.panes[0]
        self.frames = FrameTimer(app.screen)
        self.height = self.view.size.height
        text = self.view.text
        self.middle = text.find(" ", len(text) // 2) + 1 or len(text) // 2

    def spot(self, rep: int) -> int:
        """A start for repetition `rep`: the same fractions of every article, from 10% to 60%
        (what one page shows varies, so each figure is a median over many places)."""
        text = self.view.text
        fraction = 0.1 + 0.5 * ((rep * 0.618034) % 1.0)
        offset = int(len(text) * fraction)
        return text.find(" ", offset) + 1 or offset

    def render_page(self) -> list:
        """Every line of the view, as the compositor asks for them in a frame (one render_lines call)."""
        view = self.view
        return view.render_lines(Region(0, 0, *view.outer_size))

    async def reset(self, offset: int, cold: bool = False) -> None:
        """Cursor at `offset`, mid-screen, no selection; rows rendered (warm) or forgotten (cold)."""
        view = self.view
        view.move_to(offset)
        view.scroll_offset_into_view(offset, self.height // 2)
        self.render_page()
        self.frames.clear()
        await self.frames.wait()  # let the frame and the messages of the reset go by
        self.frames.clear()
        if cold:  # after the frame, which would have filled the cache again
            view._cache.clear()

    async def key(self, how: str, extend: bool, cold: bool, rep: int) -> tuple[float, float]:
        await self.reset(self.spot(rep), cold)
        began = time.perf_counter()
        self.view.action_move(how, extend)
        self.app.reader.update_status()  # what the CursorMoved message makes the reader screen do
        self.render_page()
        work = time.perf_counter() - began
        return work, await self.frames.wait()

    async def cold_page(self, rep: int) -> float:
        await self.reset(self.spot(rep), True)
        began = time.perf_counter()
        self.render_page()
        return time.perf_counter() - began

    async def tag(self, where: int, store_times: list[float]) -> tuple[float, float]:
        """Select 30 characters from `where`, press 1 (tag quote), repaint the visible rows."""
        await self.reset(where)
        self.view.move_to(where + 30, extend=True)
        self.render_page()
        self.frames.clear()
        await self.frames.wait()
        self.frames.clear()
        store = self.app.store
        original_add = store.add_annotation

        def timed_add(*args, **kwargs):
            began = time.perf_counter()
            try:
                return original_add(*args, **kwargs)
            finally:
                store_times.append(time.perf_counter() - began)

        store.add_annotation = timed_add
        try:
            began = time.perf_counter()
            self.app.reader.action_tag("1")
            self.render_page()
            work = time.perf_counter() - began
        finally:
            del store.add_annotation
        return work, await self.frames.wait()


class GcPauses:
    """Durations of the garbage collector's passes, by generation, while active."""

    def __init__(self) -> None:
        self.pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self._began = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.pauses[info["generation"]].append(time.perf_counter() - self._began)

    def __enter__(self) -> GcPauses:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)


def full_collection() -> tuple[int, int, float]:
    """Objects the garbage collector tracks now, how many of them are frozen (its passes skip those),
    and the median seconds of a full collection."""
    times = []
    for _ in range(3):
        began = time.perf_counter()
        gc.collect()
        times.append(time.perf_counter() - began)
    frozen = gc.get_freeze_count()
    return len(gc.get_objects()) + frozen, frozen, median(times)


def launched(app_class, store, doc_id: str):
    """A reader on one document, started as tui.launch.open_reader starts it: the collector paused
    until the first frame, then resumed with what lives by then frozen (tui.launch.resume_collector).
    Without this, the collector's passes would walk the 5 MB article's objects as the real reader's do not."""
    gc.disable()
    return app_class(store, "bench", [doc_id])


def rotated(items: list, rep: int) -> list:
    """The items starting at a different one each repetition, so no size always goes first."""
    shift = rep % len(items)
    return items[shift:] + items[:shift]


async def measure_sizes(subjects: dict[str, tuple[object, str]], reps: int, paint_reps: int) -> dict:
    """Interleave the sizes rep by rep, so drift on a shared machine hits both alike."""
    app_class = make_app_class()
    results: dict = {label: {"first_paint": []} for label in subjects}
    for rep in range(paint_reps):
        for label, (store, doc_id) in rotated(list(subjects.items()), rep):
            began = time.perf_counter()
            app = launched(app_class, store, doc_id)
            async with app.run_test(size=VIEW_SIZE) as pilot:
                for _ in range(500):
                    if app.first_paint_at is not None:
                        break
                    await asyncio.sleep(0.01)
                results[label]["first_paint"].append(app.first_paint_at - began)
                await pilot.pause()

    full_gc: dict[str, tuple[int, int, float]] = {"none": full_collection()}
    async with contextlib.AsyncExitStack() as stack:
        running: dict[str, Subject] = {}
        for label, (store, doc_id) in subjects.items():
            app = launched(app_class, store, doc_id)
            pilot = await stack.enter_async_context(app.run_test(size=VIEW_SIZE))
            await pilot.pause()
            await app.workers.wait_for_complete()  # shared passages: nothing may run beside the keys
            assert gc.isenabled(), "the reader did not resume the collector after its first frame"
            running[label] = Subject(app, pilot)
            full_gc[label] = full_collection()
        with GcPauses() as gc_pauses:
            for label, (how, extend), cold in KEYS:
                for entry in results.values():
                    entry[label] = {"work": [], "frame": []}
                for rep in range(reps):
                    for size, subject in rotated(list(running.items()), rep):
                        work, frame = await subject.key(how, extend, cold, rep)
                        results[size][label]["work"].append(work)
                        results[size][label]["frame"].append(frame)
            for entry in results.values():
                entry["page (cold)"] = {"work": [], "frame": []}
                entry["tag (1)"] = {"work": [], "frame": [], "store": []}
            for rep in range(reps):
                for size, subject in rotated(list(running.items()), rep):
                    results[size]["page (cold)"]["work"].append(await subject.cold_page(rep))
            for rep in range(reps):
                for size, subject in rotated(list(running.items()), rep):
                    text = subject.view.text
                    step = max(1, len(text) // (3 * reps + 3))
                    where = text.find(" ", min(len(text) - 40, subject.middle + (rep - reps // 2) * step)) + 1
                    entry = results[size]["tag (1)"]
                    work, frame = await subject.tag(where, entry["store"])
                    entry["work"].append(work)
                    entry["frame"].append(frame)
        for size, subject in running.items():
            results[size]["rows"] = subject.view.layout_.height
            results[size]["height"] = subject.height
        results["gc"] = gc_pauses.pauses
        results["gc_full"] = full_gc
    return results


async def bench_sizes(reps: int, paint_reps: int, one_by_one: int) -> dict:
    sizes = {"5 KB": (5_000, 10), "5 KB dense": (5_000, 50), "5 MB": (5_000_000, 50_000)}
    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="sbs-sizes-") as tmp:
        subjects = {}
        for label, (chars, count) in sizes.items():
            began = time.perf_counter()
            store, doc_id, info = build_store(Path(tmp) / f"{chars}-{count}.db", chars, count)
            info["setup_s"] = time.perf_counter() - began
            subjects[label] = (store, doc_id)
            out[label] = info
        measures = await measure_sizes(subjects, reps, paint_reps)
        for label, (store, _doc_id) in subjects.items():
            store.close()
            out[label]["measures"] = measures[label]
        out["gc"] = measures["gc"]
        out["gc_full"] = measures["gc_full"]
        out["one_by_one_5MB"] = time_add_annotation_one_by_one(Path(tmp) / "one.db", 5_000_000, one_by_one)
        out["one_by_one_5KB"] = time_add_annotation_one_by_one(Path(tmp) / "one-small.db", 5_000, one_by_one)
    return out


# --- report -------------------------------------------------------------------------------------

def report(startup: dict | None, sizes: dict | None, reps: int) -> int:
    warnings = 0
    results: list[str] = []
    line = "-" * 92
    print()
    if startup:
        a = median(startup["static"])
        b1, b2 = (startup["paired"][key] * a for key in ("first", "second"))
        print(line)
        print(f"1. START-UP: process start -> first painted frame (headless), {len(startup['first'])} runs each,"
              " every run between two static runs")
        print(line)
        print(f"{'app':<52}{'median ms':>11}{'min ms':>9}{'max ms':>9}{'ratio':>7}  target")
        print("(ratio: the median of the paired ratios, each run over the mean of the static runs around it)")
        rows = [("(a) minimal Textual app, one Static", startup["static"], None, False),
                ("(b1) sidebyside, in a new folder (imports the seeds)", startup["first"], b1 / a, True),
                ("(b2) sidebyside, the same folder again", startup["second"], b2 / a, True),
                ("(c) sidebyside --db ... --annotator ... (information)", startup["options"],
                 startup["paired"]["options"], False),
                ("(d) 4 Statics of text + 2 lines, plain Textual (info)", startup["shape"],
                 startup["paired"]["shape"], False)]
        for name, values, ratio, judged in rows:
            status = ""
            if judged:
                status = f"b/a <= {STARTUP_TARGET}  {verdict(ratio, STARTUP_TARGET)}"
                warnings += ratio > STARTUP_TARGET
                results.append(f"RESULT reader.startup_{name[1:3]} {ratio:.3f} <={STARTUP_TARGET} "
                               f"{'PASS' if ratio <= STARTUP_TARGET else 'FAIL'}")
            ratio_text = f"{ratio:7.2f}" if ratio is not None else " " * 7
            print(f"{name:<52}{ms(median(values)):11.0f}{ms(min(values)):9.0f}{ms(max(values)):9.0f}"
                  f"{ratio_text}  {status}")
        cpu = {key: median(values) for key, values in startup["cpu"].items()}
        print(f"CPU time of the process at its first frame (information), median ms: a {ms(cpu['static']):.0f},"
              f" b1 {ms(cpu['first']):.0f} ({cpu['first'] / cpu['static']:.2f}),"
              f" b2 {ms(cpu['second']):.0f} ({cpu['second'] / cpu['static']:.2f})")
        print()
        print("Import time in a fresh interpreter, median ms (textual.app alone; each of ours with")
        print("textual.app imported first, so what it adds):")
        for module, seconds in startup["imports"].items():
            print(f"    import {module:<16}{ms(seconds):8.0f}")
    if sizes:
        small, dense, large = sizes["5 KB"], sizes["5 KB dense"], sizes["5 MB"]
        sm, dn, lg = small["measures"], dense["measures"], large["measures"]
        print()
        print(line)
        print(f"2. ARTICLE SIZE: 5 KB article with {small['annotations']} annotations vs 5 MB with "
              f"{large['annotations']:,}; {VIEW_SIZE[0]}x{VIEW_SIZE[1]} terminal, "
              f"{lg['height']} text rows; median of {reps}, sizes interleaved")
        print(line)
        print("work  = the action + status line + render of every visible row, ms")
        print("frame = Textual's compositor refresh that follows the key (screen-wide), ms")
        print("key   = work + frame of the same repetition: what the key costs the app before the frame is on screen")
        print(f"dense = a 5 KB article with {dense['annotations']} annotations, the 5 MB one's density: "
              "MB/dense isolates document size from span density")
        print(f"{'':<14}{'work: 5 KB':>11}{'dense':>7}{'5 MB':>7}{'MB/KB':>7}{'MB/dense':>9}"
              f"{'frame KB':>9}{'MB':>6}{'key KB':>8}{'MB':>6}{'MB/KB':>7}  target key MB/KB <= {SIZE_TARGET}")
        fp = [median(m["first_paint"]) for m in (sm, dn, lg)]
        print(f"{'first paint':<14}{ms(fp[0]):11.0f}{ms(fp[1]):7.0f}{ms(fp[2]):7.0f}{fp[2] / fp[0]:7.2f}"
              f"{fp[2] / fp[1]:9.2f}{'':>36}  info: app constructed -> first frame (run_test)")
        for label in [key for key, _args, _cold in KEYS] + ["page (cold)", "tag (1)"]:
            ws, wd, wl = (median(m[label]["work"]) for m in (sm, dn, lg))
            row = f"{label:<14}{ms(ws):11.2f}{ms(wd):7.2f}{ms(wl):7.2f}{wl / ws:7.2f}{wl / wd:9.2f}"
            if label == "page (cold)":
                print(row + f"{'':>36}  info: the rows of a new page alone (no key)")
                continue
            fs, fl = (median(m[label]["frame"]) for m in (sm, lg))
            ks, kl = (median([w + f for w, f in zip(m[label]["work"], m[label]["frame"])]) for m in (sm, lg))
            ratio = kl / ks
            if label == "tag (1)":
                status = "info: includes a durable commit"
            else:
                status = verdict(ratio, SIZE_TARGET)
                warnings += ratio > SIZE_TARGET
                results.append(f"RESULT reader.key_{label} {ratio:.3f} <={SIZE_TARGET} "
                               f"{'PASS' if ratio <= SIZE_TARGET else 'FAIL'}")
            print(row + f"{ms(fs):9.2f}{ms(fl):6.2f}{ms(ks):8.2f}{ms(kl):6.2f}{ratio:7.2f}  {status}")
        print(f"pagedown: the 5 KB article is {sm['rows']} rows, under two screens of {sm['height']}, so every page-down"
              " there lands on its last page; page (cold) renders a full page at the same places in each article.")
        store_small, store_large = median(sm["tag (1)"]["store"]), median(lg["tag (1)"]["store"])
        print()
        print(f"tag (1): of which Store.add_annotation {ms(store_small):.2f} ms (5 KB) / {ms(store_large):.2f} ms (5 MB);"
              f" the rest (span index, invalidation, status, repaint) {ms(median(sm['tag (1)']['work']) - store_small):.2f}"
              f" / {ms(median(lg['tag (1)']['work']) - store_large):.2f} ms")
        for label, info in (("5 KB", small), ("5 KB dense", dense), ("5 MB", large)):
            rate = info["annotations"] / info["bulk_insert_s"] if info["bulk_insert_s"] else float("inf")
            print(f"setup {label}: {info['chars']:,} characters, {info['measures']['rows']:,} wrapped rows, "
                  f"{info['annotations']:,} annotations by executemany in one transaction in "
                  f"{ms(info['bulk_insert_s']):.0f} ms ({rate:,.0f} rows/s)")
        pauses = sizes["gc"]
        print("garbage collector during the key, page and tag runs (three apps in one process): "
              + ", ".join(f"gen {gen}: {len(values)} passes, median {ms(median(values)):.2f} ms, "
                          f"max {ms(max(values)):.1f} ms" for gen, values in pauses.items() if values))
        full = sizes["gc_full"]
        print("objects tracked by the garbage collector as the apps open one after another (frozen): "
              + ", ".join(f"{label} {count:,} ({frozen:,})" for label, (count, frozen, _s) in full.items())
              + f"; a full collection with all open takes {ms(full['5 MB'][2]):.0f} ms"
              f" (with the small ones only: {ms(full['5 KB dense'][2]):.0f} ms)")
        per_call = sizes["one_by_one_5MB"]
        print(f"Store.add_annotation one by one: {ms(sizes['one_by_one_5KB']):.2f} ms per call on the 5 KB article, "
              f"{ms(per_call):.2f} ms on the 5 MB one -> 50,000 calls would take ~{per_call * 50_000:.0f} s")
    print()
    for line in results:  # for benchmarks/run.py: RESULT name value target PASS|FAIL
        print(line)
    print(f"{warnings} WARN" if warnings else "all PASS")
    return warnings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke check)")
    parser.add_argument("--only", choices=["startup", "sizes"], help="run one part")
    args = parser.parse_args()
    if args.quick:
        startup_reps, import_reps, reps, paint_reps, one_by_one = 3, 1, 9, 2, 10
    else:
        startup_reps, import_reps, reps, paint_reps, one_by_one = 15, 3, 31, 5, 40
    began = time.perf_counter()
    startup = sizes = None
    if args.only in (None, "startup"):
        print(f"start-up: {startup_reps} x (sidebyside fresh db, again, with options, plain-Textual shape),"
              " each between static runs ...", flush=True)
        startup = bench_startup(startup_reps, import_reps)
    if args.only in (None, "sizes"):
        print(f"article sizes: 5 KB, 5 KB dense and 5 MB, {reps} repetitions per key ...", flush=True)
        sizes = asyncio.run(bench_sizes(reps, paint_reps, one_by_one))
    report(startup, sizes, reps)
    print(f"(benchmark took {time.perf_counter() - began:.0f} s)")


if __name__ == "__main__":
    main()
