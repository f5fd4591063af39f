"""Run one function over many items on every core, with a progress bar for long runs.

Cards (:mod:`generator.images.cards`) and letters (:mod:`generator.pdf.cache`) are
rendered this way. Results come back in the order of the items. A few items, or a
machine with one core, are done in this process: a pool costs more than it saves.
Workers are forked when this process runs no other thread (the fastest start, and they
share what is already imported); otherwise they come from a fork server, and the
function and items must then be picklable (module-level function, plain data).
:func:`map_forked` hands the workers what they share (a build's settings, letter makers)
as an argument of its own, through the fork's memory: it is never pickled.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

Item = TypeVar("Item")
Shared = TypeVar("Shared")
Result = TypeVar("Result")

# More items than this get a progress bar.
PROGRESS_FROM = 8


def can_fork() -> bool:
    """Workers can be forked: Linux, and no other thread in this process."""
    return sys.platform == "linux" and threading.active_count() == 1


def _context() -> multiprocessing.context.BaseContext:
    # fork is fastest; with other threads alive it is unsafe, so fall back to forkserver.
    if can_fork():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if sys.platform != "win32" else "spawn")


def workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _bar(label: str, show: bool) -> Progress:
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        transient=True,
        disable=not show,
    )


def map_on_cores(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    label: str,
    progress: bool | None = None,
    pool_from: int = 2,
    chunk: int = 1,
    forked: bool = False,
) -> list[Result]:
    """``[function(item) for item in items]``, on every core when there are ``pool_from``
    items or more; a bar labelled ``label`` (Norwegian) when ``progress`` (default: more
    than a few items). ``forked``: the function uses what this process holds (only a
    forked worker has it), so without fork it all runs here."""
    if not items:
        return []
    show = len(items) > PROGRESS_FROM if progress is None else progress
    cores = workers()
    if cores == 1 or len(items) < pool_from or (forked and not can_fork()):
        with _bar(label, show) as bar:
            task = bar.add_task(label, total=len(items))
            return [_advance(bar, task, function(item)) for item in items]
    with ProcessPoolExecutor(
        min(cores, len(items)), mp_context=_context(), initializer=quiet_interrupt
    ) as pool:
        try:
            pool.submit(int).result()  # start the workers before the bar starts its thread
            with _bar(label, show) as bar:
                task = bar.add_task(label, total=len(items))
                results = pool.map(function, items, chunksize=max(1, chunk))
                return [_advance(bar, task, result) for result in results]
        except KeyboardInterrupt:
            pool.shutdown(wait=False, cancel_futures=True)  # the rest is not started
            raise


# While map_forked runs: (its function, what the workers share). Forked workers inherit it.
_FORKED: tuple[Callable[[Any, Any], Any], Any] | None = None


def _call_forked(item: Any) -> Any:
    assert _FORKED is not None
    function, shared = _FORKED
    return function(shared, item)


def map_forked(
    function: Callable[[Shared, Item], Result],
    shared: Shared,
    items: Sequence[Item],
    **options: Any,
) -> list[Result]:
    """``[function(shared, item) for item in items]`` like :func:`map_on_cores` with
    ``forked``: ``shared`` reaches forked workers through their memory, never pickled (it
    may hold what cannot be: converters, closures). Without fork it all runs here."""
    global _FORKED
    _FORKED = (function, shared)
    try:
        return map_on_cores(_call_forked, items, forked=True, **options)
    finally:
        _FORKED = None


def quiet_interrupt() -> None:
    """In a worker: Ctrl+C (SIGINT to the whole process group) ends it without a traceback
    (SystemExit, so a file being written is removed by its own cleanup); the main process
    reports the interruption once (exit code 130)."""
    signal.signal(signal.SIGINT, _exit_quietly)


def _exit_quietly(*_: object) -> None:
    raise SystemExit(130)


def _advance(bar: Progress, task: TaskID, result: Result) -> Result:
    bar.advance(task)
    return result
