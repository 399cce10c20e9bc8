"""Offline Chinese full-text search: pagefind's extended build indexes the written site."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.showcase")


def build_search_index(site_dir: Path) -> None:
    """Run pagefind over site_dir; it segments Chinese because pages say lang="zh"."""
    cmd = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--output-subdir",
        "pagefind",
        "--silent",
    ]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PluginError(f"全文检索索引生成失败: {exc}") from None
    if proc.returncode != 0:
        raise PluginError(
            f"全文检索索引生成失败（pagefind）:\n{proc.stderr.strip() or proc.stdout.strip()}"
        )
