"""Work that runs beside MkDocs' page rendering, in child processes: photos, board previews,
the reviewers' exports.

MkDocs renders pages in one process, so while it does, the other cores sit idle. Jobs are
queued (`run`) and, at `start`, a child process does them one after another on the cores
MkDocs leaves (the child's own pools use one core fewer, see parallel.leave_one_core). The
photos start as soon as the branches are read, while this process scores and plans;
previews and exports start once planning is done, each in a child that waits for the one
before to exit. One child at work at a time on purpose: at a thousand branches, photos,
previews and the exports side by side held 2 GB between them, and more processes than
cores finish no sooner. The plugin links the files into the site once the children are
done. Without fork (not Linux) or with one core, a job runs at once, in this process.

A job queued `fresh` (a picklable callable that needs nothing of this process's memory: it
reads its inputs from files) runs in a new interpreter (spawn), whose memory is its own and
only what the job needs. The build's jobs are (render/photos.PhotoBatch, the previews,
render/exports.ExportJob; the exports are forked only when the caches cannot be written):
a forked child keeps the old copy of every memory page this
process writes after the fork, and scoring, planning and MkDocs' rendering write nearly all
of them (reference counts, new objects in the holes of the heap), so a forked child grew to
~300-350 MB of its own at a thousand branches without allocating much. A job that is not
fresh is forked, and keeps the loaded project and its results without pickling them.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.parallel import cores, fork_context, leave_one_core
from generator.problems import InputError
from generator.writes import describe


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
    fresh: bool = False  # picklable, needs nothing of this process: run in a new interpreter


def _child(works: list[Callable[[], None]] | bytes, send: Any, after: Any, gate: Any) -> None:
    """Each job in turn; after each, one answer: None, or (kind, message). `after`: the read
    end of the previous child's gate; its end of file says that child is gone. `gate`: this
    child's write end, never used: open (here and in the pools this child forks) until they
    exit. `works` pickled (a new interpreter): unpickled only once it may start, so a child
    waiting for its turn has not imported what its jobs need."""
    leave_one_core()  # MkDocs renders pages on one core meanwhile
    gc.enable()  # forked while the plugin had it off (on_config); the parent's objects stay frozen
    _log_like_mkdocs()
    try:
        if after is not None:
            with contextlib.suppress(EOFError):
                after.recv_bytes()  # nobody writes: EOFError once the earlier child has exited
        if isinstance(works, bytes):
            works = pickle.loads(works)
        for work in works:
            try:
                work()
            except InputError as exc:  # bad input found late (a photo): an input report
                send.send(("input", exc.report()))
            except OSError as exc:  # the disk, a folder: said in words, as everywhere else
                send.send(("error", describe(exc)))
            except BaseException as exc:  # everything else goes back as words
                send.send(("error", f"{exc.__class__.__name__}: {exc}"))
            else:
                send.send(None)
    finally:
        send.close()


@functools.cache
def _can_start_python() -> bool:
    """Whether this process may start its interpreter again (spawn). Not so where the
    interpreter's folder is closed to this user (a build run as another user, its Python
    installed under someone's home): there fresh jobs are forked like the others."""
    exe = sys.executable
    return bool(exe) and os.access(os.path.realpath(exe), os.X_OK)


@contextlib.contextmanager
def _main_left_alone() -> Iterator[None]:
    """Spawn runs the parent's main script again in the child (as `__mp_main__`), so that
    objects defined there can be unpickled. Every job here comes from the generator package,
    and a user's own script that builds a site without an `if __name__ == "__main__":` guard
    would start a whole build again in the child: the script is hidden while a child starts."""
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved = {k: main.__dict__[k] for k in ("__file__", "__spec__") if k in main.__dict__}
    main.__dict__.pop("__file__", None)
    main.__dict__["__spec__"] = None
    try:
        yield
    finally:
        main.__dict__.pop("__file__", None)
        main.__dict__.pop("__spec__", None)
        main.__dict__.update(saved)


def _log_like_mkdocs() -> None:
    """A spawned child's warnings ("展板 …") in MkDocs' format; a forked one has its handlers."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


@dataclass
class _Run:
    """One forked child and what it was given."""

    proc: Any
    recv: Any
    jobs: list[_Job]
    gate: Any  # read end of a pipe whose write end only the child (and its pools) hold
    answers: list[Any] = field(default_factory=list)  # one per job it has finished


class Background:
    def __init__(self) -> None:
        self._queued: list[_Job] = []
        self._runs: list[_Run] = []  # children not yet joined, oldest first
        self._failed: list[tuple[str, str]] = []  # (kind, message) of finished children's jobs

    def run(self, label: str, work: Callable[[], None], fresh: bool = False) -> None:
        """Queue `work` for the child (or run it now); `label` names it in errors. `fresh`:
        `work` pickles and reads its inputs from files, so it may run in a new interpreter
        (when every job of its batch is fresh; see the module's doc)."""
        if fork_context() is None or cores() < 2:
            work()
            return
        self._queued.append(_Job(label, work, fresh))

    def start(self) -> None:
        """Fork a child for the jobs queued so far. More may be queued and started later: the
        build starts the photos as soon as the branches are read, previews and exports once
        planning is done. A later child starts at once (it holds this process's memory as it
        is then) but waits for the earlier one to exit: one child at work at a time. Fresh
        jobs get a new interpreter each: it ends with its job and gives back all its memory
        (freed Python objects leave the heap in pieces the system rarely gets back)."""
        jobs, self._queued = self._queued, []
        if jobs and all(j.fresh for j in jobs) and _can_start_python():
            for job in jobs:
                self._start([job], multiprocessing.get_context("spawn"))
        elif jobs:
            fork = fork_context()
            assert fork is not None  # run() queues only when there is fork
            self._start(jobs, fork)

    def _start(self, jobs: list[_Job], context: Any) -> None:
        recv, send = context.Pipe(duplex=False)
        gate_r, gate_w = context.Pipe(duplex=False)
        after = self._runs[-1].gate if self._runs else None
        # not a daemon: a job may run its own worker pool (photos, previews)
        works: list[Callable[[], None]] | bytes = [j.work for j in jobs]
        if context is not fork_context():
            works = pickle.dumps(works)  # see _child
        proc = context.Process(target=_child, args=(works, send, after, gate_w), daemon=False)
        # The child shares this process's memory until it writes to a page. Python's cyclic
        # collector writes to every object it visits; frozen, the parent's objects are left
        # out of the child's collections, and their pages stay shared (less memory in all).
        # Left frozen here too: they live as long as the build (the plugin unfreezes them at
        # its end), and each full collection would only visit millions of them again.
        gc.freeze()
        try:
            with _main_left_alone():
                proc.start()
        finally:
            send.close()
            gate_w.close()  # the child's alone now: its exit is the gate's end of file
        self._runs.append(_Run(proc, recv, jobs, gate_r))

    @property
    def pending(self) -> bool:
        return bool(self._queued or self._runs)

    def _join(self) -> None:
        """Wait for the children; note the failures of their jobs as (kind, message) pairs."""
        runs, self._runs = self._runs, []
        for run in runs:
            answers, lost = run.answers, None
            try:
                while len(answers) < len(run.jobs):
                    answers.append(run.recv.recv())
            except EOFError:  # the child died (killed, out of memory) during this job
                lost = run.jobs[len(answers)].label
            run.proc.join()
            run.recv.close()
            run.gate.close()
            if lost is not None:
                self._failed.append(
                    ("error", f"{lost}失败：进程意外退出（退出码 {run.proc.exitcode}）")
                )
            for job, answer in zip(run.jobs, answers, strict=False):
                if answer is not None:
                    kind, message = answer
                    self._failed.append(
                        (kind, message if kind == "input" else f"{job.label}失败：{message}")
                    )

    def settle(self) -> None:
        """Wait until the children started so far have done their jobs (each one's answer is
        kept for `wait`, which reports failures). Nothing is started or joined: safe from
        another thread while this one renders."""
        for run in list(self._runs):
            with contextlib.suppress(EOFError, OSError):  # a child gone: `wait` says so
                while len(run.answers) < len(run.jobs):
                    run.answers.append(run.recv.recv())

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
        runs, self._runs = self._runs, []
        for run in reversed(runs):  # the later ones first: they wait for the earlier
            with contextlib.suppress(Exception):
                run.proc.terminate()
                run.proc.join(5)
                run.recv.close()
                run.gate.close()
