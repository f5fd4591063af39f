"""Render many cards on every core, with a progress bar when there are more than a few."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from generator.images.render import render_png

if TYPE_CHECKING:
    from generator.images.cards import CardSpec

# Fewer cards than this are rendered in-process (a pool costs more than it saves).
POOL_FROM = 6
# More cards than this get a progress bar.
PROGRESS_FROM = 8


def render_one(spec: CardSpec) -> bytes:
    return render_png(spec.layout, dict(spec.texts), spec.colours)


def _context() -> multiprocessing.context.BaseContext:
    # fork is fastest; with other threads alive it is unsafe, so fall back to forkserver.
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if sys.platform != "win32" else "spawn")


def workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _bar(show: bool) -> Progress:
    return Progress(
        TextColumn("Lager faktakort"),
        BarColumn(),
        MofNCompleteColumn(),
        transient=True,
        disable=not show,
    )


def render_all(specs: Sequence[CardSpec], progress: bool | None = None) -> list[bytes]:
    """PNG bytes for every spec, in order."""
    if not specs:
        return []
    show = len(specs) > PROGRESS_FROM if progress is None else progress
    cores = workers()
    if cores == 1 or len(specs) < POOL_FROM:
        with _bar(show) as bar:
            task = bar.add_task("kort", total=len(specs))
            return [_advance(bar, task, render_one(spec)) for spec in specs]
    with ProcessPoolExecutor(min(cores, len(specs)), mp_context=_context()) as pool:
        pool.submit(int).result()  # start the workers before the bar starts its thread
        with _bar(show) as bar:
            task = bar.add_task("kort", total=len(specs))
            chunk = max(1, len(specs) // (cores * 4))
            return [
                _advance(bar, task, data) for data in pool.map(render_one, specs, chunksize=chunk)
            ]


def _advance(bar: Progress, task: TaskID, data: bytes) -> bytes:
    bar.advance(task)
    return data
