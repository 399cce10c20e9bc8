"""The full rebuild that follows `showcase serve`'s quick previews (cli/quick.py).

Once edits pause for FOLLOW_UP_DELAY seconds, the whole site is rebuilt in a process of its
own (cli/rebuild.py) beside the served one; when it is done, serve swaps it in and open
pages reload with the overviews and search up to date. A newer edit stops it at once —
the process and everything it started — so the quick preview of that edit never waits
for it; it is started again after the next pause.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from generator.parallel import process_stats

# Seconds without edits before the full rebuild starts: an officer saving file after file
# sees each edit at once, and the overviews once, at the end.
FOLLOW_UP_DELAY = 3.0

# done(site, None) with the rebuilt site's folder, or done(None, problem lines).
Done = Callable[[Path | None, list[str] | None], None]


class FollowUp:
    def __init__(
        self, config_file: str, dev_addr: str, serve_url: str, work: Path, done: Done
    ) -> None:
        self.args = (config_file, serve_url, dev_addr)
        self.work, self.done = work, done
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._target: Path | None = None
        self._runs = 0

    def schedule(self) -> None:
        """(Re)start the wait for a pause; whatever runs now is stopped."""
        self.stop()
        with self._lock:
            timer = threading.Timer(FOLLOW_UP_DELAY, lambda: self._start(timer))
            timer.daemon = True
            self._timer = timer
            timer.start()

    def stop(self, wait: bool = True) -> None:
        """Cancel the wait, stop a running rebuild and remove what it wrote. Without `wait`
        the rebuild is only signalled here and the rest happens in a thread: a process of
        ~1 GB takes a second or more to exit, which the next quick preview need not wait for
        (the stopped rebuild can no longer hand anything over)."""
        with self._lock:
            timer, self._timer = self._timer, None
            proc, self._proc = self._proc, None
            target, self._target = self._target, None
        if timer is not None:
            timer.cancel()

        def finish() -> None:
            if proc is not None:
                _stop_group(proc)
            if target is not None:
                shutil.rmtree(target, ignore_errors=True)

        if wait:
            finish()
            return
        if proc is not None:
            _signal_group(proc, signal.SIGTERM)
        threading.Thread(target=finish, daemon=True).start()

    @property
    def pending(self) -> bool:
        with self._lock:
            return self._timer is not None or self._proc is not None

    def _start(self, timer: threading.Timer) -> None:
        with self._lock:
            if self._timer is not timer:  # stopped, or scheduled anew, meanwhile
                return
            self._timer = None
            self._runs += 1
            target = self.work / f"rebuild-{self._runs}"
            problems = self.work / f"rebuild-{self._runs}.json"
            config_file, serve_url, dev_addr = self.args
            cmd = [sys.executable, "-m", "generator.cli.rebuild", config_file, str(target)]
            proc = subprocess.Popen(
                [*cmd, serve_url, dev_addr, str(problems)],
                stdin=subprocess.DEVNULL,
                env={**os.environ, "PYTHONPATH": _importable()},
                start_new_session=True,  # its own process group: stopped as one
            )
            self._proc, self._target = proc, target
        threading.Thread(target=self._wait, args=(proc, target, problems), daemon=True).start()

    def _wait(self, proc: subprocess.Popen[bytes], target: Path, problems: Path) -> None:
        code = proc.wait()
        with self._lock:
            if self._proc is not proc:  # stopped: stop() cleans up
                return
            self._proc = self._target = None
        if code == 0:
            self.done(target, None)
            return
        shutil.rmtree(target, ignore_errors=True)
        try:
            lines = json.loads(problems.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            lines = [f"全站重新生成失败（退出码 {code}），请查看终端输出"]
        problems.unlink(missing_ok=True)
        self.done(None, [str(line) for line in lines])


def _stop_group(proc: subprocess.Popen[bytes]) -> None:
    """Stop the rebuild and all it started (background children, pagefind), and wait until
    they are gone: none may still be writing when its folder is removed."""
    _signal_group(proc, signal.SIGTERM)
    proc.wait()
    deadline = time.monotonic() + 5
    while group_alive(proc.pid):
        if time.monotonic() > deadline:  # one ignored SIGTERM: no second chance
            _signal_group(proc, signal.SIGKILL)
            if time.monotonic() > deadline + 2:
                return
        time.sleep(0.01)


def _signal_group(proc: subprocess.Popen[bytes], sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, sig)


def group_alive(pgid: int) -> list[int]:
    """The live (not zombie) processes of a process group, from /proc (empty without it)."""
    return [pid for pid, f in process_stats() if int(f[2]) == pgid and f[0] != "Z"]


def _importable() -> str:
    """PYTHONPATH under which the child imports this very generator package."""
    here = str(Path(__file__).resolve().parents[2])
    return os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH", "")) if p)
