"""Work that runs beside MkDocs' page rendering, in a forked child: photos, board previews,
the reviewers' exports.

MkDocs renders pages in one process, so while it does, the other cores sit idle. The jobs
planning finds (`run`) are queued and, once planning is done (`start`), one child forked
from this process does them one after another on the cores MkDocs leaves (the child's own
pools use one core fewer, see parallel.leave_one_core). One at a time on purpose: at a
thousand branches, photos, previews and the exports side by side held 2 GB between them,
and more processes than cores finish no sooner. Fork keeps the child's inputs (the loaded
project and its results) without copying or pickling them. The plugin links the files into
the site once the child is done. Without fork (not Linux) or with one core, a job runs at
once, in this process.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.parallel import cores, fork_context, leave_one_core
from generator.problems import InputError


class BackgroundError(Exception):
    """A background job failed; the message says which and why. `input`: the input was bad
    (its report names file and line), as opposed to the machine (disk full, a bug)."""

    def __init__(self, message: str, input: bool = False):
        super().__init__(message)
        self.input = input


@dataclass
class _Job:
    label: str
    work: Callable[[], None]
    heavy: bool  # uses a core fully for long (photos, previews): see Background.crowded


def _child(works: list[Callable[[], None]], send: Any) -> None:
    """Each job in turn; after each, one answer: None, or (kind, message)."""
    leave_one_core()  # MkDocs renders pages on one core meanwhile
    try:
        for work in works:
            try:
                work()
            except InputError as exc:  # bad input found late (a photo): an input report
                send.send(("input", exc.report()))
            except BaseException as exc:  # everything else goes back as words
                send.send(("error", f"{exc.__class__.__name__}: {exc}"))
            else:
                send.send(None)
    finally:
        send.close()


class Background:
    def __init__(self) -> None:
        self._queued: list[_Job] = []
        self._started: list[_Job] = []  # what the child does, in order
        self._answers: list[Any] = []  # one per job the child has finished
        self._proc: Any = None
        self._recv: Any = None
        self._failed: list[tuple[str, str]] = []  # (kind, message) of finished children's jobs

    def run(self, label: str, work: Callable[[], None], heavy: bool = False) -> None:
        """Queue `work` for the child (or run it now); `label` names it in errors."""
        if fork_context() is None or cores() < 2:
            work()
            return
        self._queued.append(_Job(label, work, heavy))

    def start(self) -> None:
        """Fork the child for the jobs queued so far (more may be queued and started later)."""
        if not self._queued:
            return
        self._join()  # one child at a time; normally there is just one
        context = fork_context()
        assert context is not None  # run() queues only when there is fork
        recv, send = context.Pipe(duplex=False)
        jobs, self._queued = self._queued, []
        # not a daemon: a job may run its own worker pool (photos, previews)
        proc = context.Process(target=_child, args=([j.work for j in jobs], send), daemon=False)
        # The child shares this process's memory until it writes to a page. Python's cyclic
        # collector writes to every object it visits; frozen, the parent's objects are left
        # out of the child's collections, and their pages stay shared (less memory in all).
        gc.freeze()
        try:
            proc.start()
        finally:
            gc.unfreeze()
        send.close()
        self._proc, self._recv, self._started, self._answers = proc, recv, jobs, []

    @property
    def pending(self) -> bool:
        return bool(self._queued or self._proc is not None)

    @property
    def crowded(self) -> bool:
        """A heavy job (photos, previews) is still at work: more work beside it and MkDocs
        would only wait for a core, holding its memory meanwhile."""
        if self._proc is None or not self._proc.is_alive():
            return False
        with contextlib.suppress(EOFError, OSError):
            while self._recv.poll():
                self._answers.append(self._recv.recv())
        at = len(self._answers)
        return at < len(self._started) and any(j.heavy for j in self._started[at:])

    def _join(self) -> None:
        """Wait for the child; note the failures of its jobs as (kind, message) pairs."""
        if self._proc is None:
            return
        proc, recv, jobs = self._proc, self._recv, self._started
        answers, self._proc, self._recv, self._started, self._answers = (
            self._answers, None, None, [], []
        )  # fmt: skip
        lost = None
        try:
            while len(answers) < len(jobs):
                answers.append(recv.recv())
        except EOFError:  # the child died (killed, out of memory) during this job
            lost = jobs[len(answers)].label
        proc.join()
        recv.close()
        if lost is not None:
            self._failed.append(("error", f"{lost}失败：进程意外退出（退出码 {proc.exitcode}）"))
        for job, answer in zip(jobs, answers, strict=False):
            if answer is not None:
                kind, message = answer
                self._failed.append(
                    (kind, message if kind == "input" else f"{job.label}失败：{message}")
                )

    def wait(self) -> None:
        """Do what is queued, wait for everything; raise BackgroundError naming what failed."""
        self.start()
        self._join()
        failed, self._failed = self._failed, []
        errors = [m for kind, m in failed if kind != "input"]
        reports = [m for kind, m in failed if kind == "input"]
        if errors:
            raise BackgroundError("\n".join(errors))
        if reports:
            raise BackgroundError("\n".join(reports), input=True)

    def cancel(self) -> None:
        """A failed build: stop what is still running, leave nothing behind."""
        self._queued, self._failed = [], []
        proc, recv, self._proc, self._recv = self._proc, self._recv, None, None
        if proc is not None:
            with contextlib.suppress(Exception):
                proc.terminate()
                proc.join(5)
                recv.close()
