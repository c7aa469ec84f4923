"""Importing a corpus from the command line: progress, Ctrl+C between documents, the summary.

Progress goes to stderr: a rich bar (articles done, rate, time left) when stderr is a terminal,
else a plain line per committed batch. The first Ctrl+C stops the import after the document
being read (what was committed stays); a second one interrupts at once (the open batch rolls back).
"""
from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from corpus.readers import CorpusStream
    from store.importer import ImportReport

INTERRUPTED_STATUS = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl+C


@contextmanager
def ctrl_c_stops() -> Iterator[Callable[[], bool]]:
    """While inside, the first SIGINT only sets a flag (the yielded callable reads it)."""
    stopped = False

    def on_interrupt(signum, frame) -> None:
        nonlocal stopped
        stopped = True
        signal.signal(signal.SIGINT, signal.default_int_handler)  # a second Ctrl+C: at once

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield lambda: stopped
    finally:
        signal.signal(signal.SIGINT, previous)


class ImportProgress:
    """Called after each committed batch with the report and the stream being read."""

    def __init__(self, err: TextIO, *, transient: bool = False) -> None:
        self.err = err
        self.terminal = err.isatty()
        self.transient = transient
        self.started = time.monotonic()
        self.total: int | None = None
        self.bar = None  # rich.progress.Progress, made at the first batch (rich loads only then)
        self.task = None

    def __call__(self, report: ImportReport, stream: CorpusStream) -> None:
        if self.total is None:
            self.total = max(1, stream.total_bytes())
        done = min(stream.bytes_read, self.total)
        elapsed = max(time.monotonic() - self.started, 1e-6)
        articles = report.imported + report.unchanged  # stored, refusals apart
        rate = articles / elapsed
        left = elapsed * (self.total - done) / done if done else None
        eta = f"about {_duration(left)} left" if left is not None and done < self.total else ""
        if self.terminal:
            self._draw(done, articles, rate, eta)
            return
        eta = f", {eta}" if eta else ""
        self.err.write(f"stored {articles:,} articles "
                       f"({report.imported:,} new, {len(report.refused):,} refused), "
                       f"{100 * done // self.total}% of the input read, {rate:,.0f} articles/s{eta}\n")
        self.err.flush()

    def _draw(self, done: int, articles: int, rate: float, eta: str) -> None:
        # Time left from the bytes read so far, as the plain lines say it: rich's own estimate
        # needs several updates before it shows anything, and there is one update per batch.
        if self.bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

            self.bar = Progress(
                TextColumn("importing", markup=False), BarColumn(), TaskProgressColumn(),
                TextColumn("{task.fields[articles]:,} articles", markup=False),
                TextColumn("{task.fields[rate]:,.0f}/s", markup=False),
                TextColumn("{task.fields[eta]}", markup=False),
                console=Console(file=self.err), transient=self.transient,
                redirect_stdout=False, redirect_stderr=False,
            )
            self.task = self.bar.add_task("import", total=self.total, completed=done,
                                          articles=articles, rate=rate, eta=eta)
            self.bar.start()
            return
        self.bar.update(self.task, completed=done, articles=articles, rate=rate, eta=eta)

    def echo(self, line: str, out: TextIO) -> None:
        """A line for `out`; drawn above the bar while the bar shows on the same terminal."""
        from tui.terminal_text import one_line

        line = one_line(line)  # a file name or an id may hold a newline or an escape sequence
        if self.bar is not None and out.isatty():
            from rich.text import Text

            self.bar.console.print(Text(line), soft_wrap=True)
        else:
            out.write(line + "\n")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _duration(seconds: float) -> str:
    seconds = max(1, int(seconds + 0.5))
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


def run_import(store, corpus: tuple[str, ...], err: TextIO, *, out: TextIO | None = None,
               verbose: bool = False, transient: bool = False) -> ImportReport:
    """Import CORPUS with progress on `err` (and, with verbose, a line per document on `out`).

    Ctrl+C stops between documents and the returned report is marked stopped; after a second
    Ctrl+C (which rolls back the batch being written) it is the report of the last commit.
    """
    from store.importer import ImportReport, import_corpus

    progress = ImportProgress(err, transient=transient)
    committed = ImportReport()

    def on_batch(report: ImportReport, stream: CorpusStream) -> None:
        nonlocal committed
        committed = report
        progress(report, stream)

    on_line = (lambda line: progress.echo(line, out)) if verbose and out is not None else None
    try:
        with ctrl_c_stops() as should_stop:
            return import_corpus(store, corpus, on_batch=on_batch, on_line=on_line,
                                 should_stop=should_stop)
    except KeyboardInterrupt:
        committed.stopped = True
        return committed
    finally:
        progress.close()
        if out is not None:
            out.flush()


def stopped_message(report: ImportReport) -> str:
    """What a stopped import says: how many documents are stored."""
    return (f"import stopped by Ctrl+C: {report.imported + report.unchanged:,} articles stored "
            f"({report.imported:,} new); the rest was not imported - run the same import again "
            "to continue (stored articles are skipped as unchanged)")
