"""The folder a build writes before it becomes the site, and the leftovers of killed builds.

A build writes `.<site>-building-XXXX/` next to the site and swaps it in at the end. Each
staging folder has a lock file beside it, `flock`ed for as long as its build runs: the kernel
drops the lock when the process dies, even by SIGKILL. So the next build removes exactly the
staging folders whose lock it can take — those of dead builds — and never the folder of a
build running at the same time.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path


def _prefix(final: Path) -> str:
    return f".{final.name}-building-"


def _take(lock: Path) -> int | None:
    """An fd holding `lock` exclusively, or None when a live build holds it (or it is gone)."""
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def sweep(final: Path) -> list[Path]:
    """Remove staging folders (and locks) of builds of `final` that no longer run; returns them."""
    removed: list[Path] = []
    parent = final.parent
    if not parent.is_dir():
        return removed
    for path in sorted(parent.glob(_prefix(final) + "*")):
        if path.name.endswith(".lock"):
            if path.with_name(path.name.removesuffix(".lock")).exists():
                continue  # handled with its folder
            folder, lock = None, path
        else:
            folder, lock = path, path.with_name(path.name + ".lock")
        fd = None
        if lock.exists():
            fd = _take(lock)
            if fd is None:
                continue  # its build is still running
        try:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
            with contextlib.suppress(OSError):
                lock.unlink()
        finally:
            if fd is not None:
                os.close(fd)
    return removed


def _new_lock(final: Path) -> tuple[str, int]:
    """A fresh name and an fd holding its lock file. Locked before the folder exists, so a
    sweep never finds the folder unlocked; a sweep that removed the lock file between our
    create and flock is noticed (another inode) and the name is given up."""
    while True:
        name = _prefix(final) + secrets.token_hex(4)
        lock = final.with_name(name + ".lock")
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            if os.stat(lock).st_ino == os.fstat(fd).st_ino:
                return name, fd
        except FileNotFoundError:
            pass
        os.close(fd)


@contextlib.contextmanager
def staging_dir(final: Path) -> Iterator[Path]:
    """A fresh, locked folder beside `final`; removed afterwards unless it became the site."""
    name, fd = _new_lock(final)
    folder = final.with_name(name)
    try:
        folder.mkdir(mode=0o755)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # gone already when it was swapped in
        with contextlib.suppress(OSError):
            final.with_name(name + ".lock").unlink()
        os.close(fd)
