"""Fixtures that write small sites into tmp dirs and build or check them in-process."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def good_site(tmp_path: Path) -> Path:
    """A copy of tests/data/good: one small valid branch with photos and private data."""
    dst = tmp_path / "site-src"
    shutil.copytree(DATA / "good", dst)
    return dst


def overlay(site: Path, case: Path) -> None:
    """Apply a broken-input case: its files replace the good ones, delete.txt removes some."""
    for src in case.rglob("*"):
        if src.is_file() and src.name not in ("expect.txt", "delete.txt"):
            dst = site / src.relative_to(case)
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    if (case / "delete.txt").exists():
        for rel in (case / "delete.txt").read_text().split():
            (site / rel).unlink()


def demo_site_url() -> str:
    """The demo's configured `site_url` (QR codes and canonical links point there)."""
    found = re.search(
        r"^site_url:\s*(\S+)", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M
    )
    return found.group(1) if found else ""


def run_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's demo site, built once per test session; returns the site/ folder."""
    out = tmp_path_factory.mktemp("demo") / "site"
    code, _, err = run_cli("build", str(REPO), "--site-dir", str(out))
    assert code == 0, err
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output readable
        pass


@contextlib.contextmanager
def serve_dir(root: Path) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if not Path("/usr/bin/chromium").exists():
        pytest.fail("Chromium missing: run `make test`, which installs it with apt-get")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(site: Path) -> Iterator[tuple[str, Path]]:
    """Run `showcase serve` on a free port in a subprocess; yields its URL and its log file."""
    import subprocess
    import sys
    import time

    port = _free_port()
    log = site.parent / "serve.log"
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "serve", str(site), "-a", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        deadline = time.monotonic() + 60
        while b"Serving on" not in log.read_bytes():
            assert proc.poll() is None, log.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, "serve did not start"
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/", log
    finally:
        proc.terminate()
        proc.wait(timeout=20)
