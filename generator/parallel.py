"""Worker processes for the heavy stages (reading branches, photos, boards): how many, and how.

Processes, not threads: YAML parsing, validation, resampling and encoding hold the GIL.
Fork, on Linux only: spawn would re-run `python -m generator.cli` in every child, and fork
is unsafe on macOS; elsewhere the work runs in this process, one item after another.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
import sys


def cores() -> int:
    """The cores this process may run on (a container's CPU set, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def fork_context() -> multiprocessing.context.BaseContext | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None
