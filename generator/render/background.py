"""Work that runs beside MkDocs' page rendering, in a forked child: the reviewers' exports.

MkDocs renders pages in one process, so while it does one core of two sits idle. The
results workbook of a thousand branches (~180,000 rows) takes as long as rendering the
pages that changed; a child forked after planning writes it, with the JSON and CSV, into
the cache, and the plugin links the files into the site once the child is done. Fork keeps
the child's inputs (the loaded project and its results) without copying or pickling them.
Without fork (not Linux) or with one core, the work runs at once, in this process.
"""

from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import Callable
from typing import Any

from generator.parallel import cores, fork_context
from generator.problems import InputError

log = logging.getLogger("mkdocs.plugins.showcase")


class BackgroundError(Exception):
    """A background job failed; the message says which and why. `input`: the input was bad
    (its report names file and line), as opposed to the machine (disk full, a bug)."""

    def __init__(self, message: str, input: bool = False):
        super().__init__(message)
        self.input = input


def _child(work: Callable[[], None], send: Any) -> None:
    try:
        work()
    except InputError as exc:  # bad input found late (a photo): reported as input problems
        send.send(("input", exc.report()))
    except BaseException as exc:  # everything else goes back to the parent as words
        send.send(("error", f"{exc.__class__.__name__}: {exc}"))
    else:
        send.send(None)
    finally:
        send.close()


class Background:
    def __init__(self) -> None:
        self._jobs: list[tuple[str, Any, Any]] = []
        self._pools: list[Any] = []  # children that use every core (photos, previews)

    def run(self, label: str, work: Callable[[], None], pool: bool = False) -> None:
        """Start `work` in a child (or run it now); `label` names it in errors. `pool`: the
        work runs its own pool of workers on every core (see `crowded`)."""
        context = fork_context()
        if context is None or cores() < 2:
            work()
            return
        recv, send = context.Pipe(duplex=False)
        # not a daemon: a job may run its own worker pool (photos, previews)
        proc = context.Process(target=_child, args=(work, send), daemon=False)
        # The child shares this process's memory until it writes to a page. Python's cyclic
        # collector writes to every object it visits; frozen, the parent's objects are left
        # out of the child's collections, and their pages stay shared (less memory in all).
        gc.freeze()
        try:
            proc.start()
        finally:
            gc.unfreeze()
        send.close()
        self._jobs.append((label, proc, recv))
        if pool:
            self._pools.append(proc)

    @property
    def pending(self) -> bool:
        return bool(self._jobs)

    @property
    def crowded(self) -> bool:
        """A job with a pool on every core is still at work: more work beside it would only
        wait for a core, holding its memory meanwhile."""
        return any(proc.is_alive() for proc in self._pools)

    def wait(self) -> None:
        """Wait for every job; raise BackgroundError naming those that failed."""
        errors: list[str] = []
        reports: list[str] = []
        jobs, self._jobs, self._pools = self._jobs, [], []
        for label, proc, recv in jobs:
            try:
                answer = recv.recv()
            except EOFError:
                answer = ("error", f"进程意外退出（退出码 {proc.exitcode}）")
            proc.join()
            recv.close()
            if answer is None:
                continue
            kind, message = answer
            if kind == "input":
                reports.append(message)
            else:
                errors.append(f"{label}失败：{message}")
        if errors:
            raise BackgroundError("\n".join(errors))
        if reports:
            raise BackgroundError("\n".join(reports), input=True)

    def cancel(self) -> None:
        """A failed build: stop what is still running, leave nothing behind."""
        jobs, self._jobs, self._pools = self._jobs, [], []
        for _, proc, recv in jobs:
            with contextlib.suppress(Exception):
                proc.terminate()
                proc.join(5)
                recv.close()
