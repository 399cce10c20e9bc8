"""Worker processes for the heavy stages (reading branches, photos, boards): how many, and how.

Processes, not threads: YAML parsing, validation, resampling and encoding hold the GIL.
Fork, on Linux only: spawn would re-run `python -m generator.cli` in every child, and fork
is unsafe on macOS; elsewhere the work runs in this process, one item after another.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import multiprocessing.context
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
Item = TypeVar("Item")

_left = 0  # cores this process leaves to another (see leave_one_core)


def cores() -> int:
    """The cores this process may use: those it may run on (a container's CPU set, not the
    host's count), less one if it leaves one to MkDocs."""
    found = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    n = len(found) if found is not None else (os.cpu_count() or 1)
    return max(1, n - _left)


def leave_one_core() -> None:
    """For a background child: MkDocs renders pages on one core meanwhile, so the child's
    pools take one worker fewer (on two cores: none, the child works alone)."""
    global _left
    _left = 1


def fork_context() -> multiprocessing.context.BaseContext | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


_PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h)


def die_with_parent() -> None:
    """Initializer of every pool worker: end when the process that started it ends.

    A build killed with SIGKILL (an impatient CI job, a timeout) otherwise leaves its
    workers blocked for good on a pipe write, each with its copy of the parent's memory.
    Linux only; elsewhere nothing changes."""
    parent = multiprocessing.parent_process()
    try:
        prctl = ctypes.CDLL(None).prctl
    except (OSError, AttributeError):  # not Linux
        return
    prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if parent is not None and os.getppid() != parent.pid:
        os._exit(1)  # the parent was gone before the line above: no signal will come


def worker_pool(
    workers: int, context: multiprocessing.context.BaseContext, initializer: Any = None
) -> ProcessPoolExecutor:
    """A pool of forked workers that end with this process (see die_with_parent);
    `initializer` runs in each worker besides."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(initializer,),
    )


def forked_map(
    work: Callable[[Item], T], items: Sequence[Item], chunksize: int, parallel_from: int
) -> Iterator[T]:
    """`work` of each item, in order, each as soon as it is done: in forked workers on every
    core when there are at least `parallel_from` items (fewer do not pay for starting them)
    and fork is possible; else in this process, one after another."""
    workers = min(cores(), len(items))
    context = fork_context()
    if workers < 2 or len(items) < parallel_from or context is None:
        yield from (work(item) for item in items)
        return
    with worker_pool(workers, context) as pool:
        yield from pool.map(work, items, chunksize=chunksize)


def _start_worker(initializer: Any) -> None:
    die_with_parent()
    if initializer is not None:
        initializer()


# glibc's mallopt parameters (malloc.h)
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


def keep_freed_memory() -> None:
    """For a worker that makes and drops big pixel buffers, one item after another (photos):
    keep freed memory for the next item instead of handing it back to the system.

    By default glibc maps each buffer over 128 KiB afresh and unmaps it when freed, and the
    kernel zero-fills every page on first touch again: a 12-MP photo's 60 MB of decode, resize
    and encode buffers cost some 7,000 page faults, a sixth of its CPU time. Served from the
    heap and kept (up to the trim threshold, so a huge image's memory still goes back), the
    next photo reuses the same pages. Only where glibc is; elsewhere nothing changes."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (macOS, musl without it): default malloc
        return
    mallopt(_M_MMAP_THRESHOLD, 32 << 20)  # Pillow's image blocks are 16 MB at most
    mallopt(_M_TRIM_THRESHOLD, 256 << 20)


def process_stats() -> Iterator[tuple[int, list[str]]]:
    """(pid, the fields of /proc/<pid>/stat after the command name: state, ppid, pgrp, …)
    of every process; nothing where /proc is missing. A process gone meanwhile is skipped."""
    with contextlib.suppress(OSError):
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                    yield int(entry.name), f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
