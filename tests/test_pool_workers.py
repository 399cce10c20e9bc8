"""Pool workers end with the process that started them: a build killed with SIGKILL leaves
no worker behind, blocked on a pipe with its copy of the parent's memory."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

PARENT = """
import os, sys, time
import multiprocessing
from generator.parallel import keep_freed_memory, worker_pool

def work(_):
    print(os.getpid(), flush=True)
    time.sleep(120)

init = {"plain": None, "photos": keep_freed_memory}[sys.argv[1]]
pool = worker_pool(1, multiprocessing.get_context("fork"), init)
pool.submit(work, 0)
time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
@pytest.mark.parametrize("init", ["plain", "photos"])
def test_a_worker_ends_when_its_parent_is_killed(init: str) -> None:
    root = Path(__file__).resolve().parent.parent
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, init],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    worker = None
    try:
        assert parent.stdout is not None
        worker = int(parent.stdout.readline())
        assert _alive(worker)
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 10
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(worker)
    finally:
        parent.kill()
        if worker is not None and _alive(worker):
            os.kill(worker, signal.SIGKILL)
