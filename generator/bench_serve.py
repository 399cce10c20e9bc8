"""The bench's serve figure: how long after an edit is saved the browser's page shows it.

`showcase serve` runs on the bench's branches as an officer runs it. Each measured edit
appends a line of its own to one activity of a branch and polls that branch's activity page
until the line is in it: the time from the write to the first page that has it. Edits are
measured with the server idle (each after the full rebuild that follows the previous one)
and one more while that full rebuild runs (cli/followup.py stops it for the newer edit).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from generator.bench_data import YEAR
from generator.parallel import process_stats

STARTED = "Serving on "
FOLLOWED = "全站总览与检索已更新"


@dataclass
class ServeFigures:
    start_s: float = 0.0  # from launch to serving (the first, full build)
    idle_s: list[float] = field(default_factory=list)  # edits with the server idle
    during_rebuild_s: float | None = None  # an edit while the follow-up rebuild runs


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def measure(src: Path, branches: list[str], timeout: float = 3600) -> ServeFigures:
    """Serve `src`; time an edit in each of `branches` but the last with the server idle,
    then one in the last while the full rebuild after the previous edit runs."""
    figures = ServeFigures()
    with tempfile.NamedTemporaryFile(prefix="bench-serve-", suffix=".log") as log:
        port = _port()
        cmd = [sys.executable, "-m", "generator.cli", "serve", str(src), "-a", f"127.0.0.1:{port}"]
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

        def text() -> str:
            return Path(log.name).read_text(encoding="utf-8", errors="replace")

        def until(check, limit: float = timeout) -> None:  # type: ignore[no-untyped-def]
            deadline = time.monotonic() + limit
            while not check():
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"bench: showcase serve 未按预期工作：\n{text()[-3000:]}")
                time.sleep(0.02)

        try:
            until(lambda: STARTED in text())
            figures.start_s = round(time.perf_counter() - started, 1)
            match = re.search(STARTED + r"(\S+)", text())
            assert match is not None
            base = match.group(1)
            *idle, last = branches
            for k, bid in enumerate(idle):
                done = text().count(FOLLOWED)
                figures.idle_s.append(_edit_and_wait(src, base, bid, k, until))
                if k < len(idle) - 1:  # idle again: the follow-up rebuild is done
                    until(lambda done=done: text().count(FOLLOWED) > done)
            until(lambda: _rebuilding(proc.pid), 120)  # the last idle edit's follow-up
            time.sleep(2)
            figures.during_rebuild_s = _edit_and_wait(src, base, last, len(idle), until)
            return figures
        finally:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def _edit_and_wait(src: Path, base: str, bid: str, k: int, until) -> float:  # type: ignore[no-untyped-def]
    target = sorted((src / "branches" / bid / "activities").glob("*.md"))[10]
    marker = f"第{k + 1}次计时修改{time.time_ns()}"
    url = f"{base}branches/{bid}/activities/{YEAR}/"

    def shown() -> bool:
        with urllib.request.urlopen(url, timeout=60) as resp:
            return marker in resp.read().decode("utf-8", errors="replace")

    started = time.perf_counter()
    with target.open("a", encoding="utf-8") as fh:
        fh.write(f"\n{marker}\n")
    until(shown, 300)
    return round(time.perf_counter() - started, 2)


def _rebuilding(serve_pid: int) -> bool:
    """serve's follow-up rebuild process is running."""
    for pid, fields in process_stats():
        if int(fields[1]) == serve_pid:
            with contextlib.suppress(OSError):
                if b"generator.cli.rebuild" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    return True
    return False
