"""Warm builds: unchanged inputs mean no work; any changed input means a real rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import run_cli

SKIPPED = "输入未变化"


def _build(site_root: Path, out: Path, *extra: str) -> str:
    code, stdout, stderr = run_cli("build", str(site_root), "-d", str(out), *extra)
    assert code == 0, stderr
    return stdout + stderr


def test_unchanged_inputs_skip_the_build_and_every_change_rebuilds(
    good_site: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    assert SKIPPED not in _build(good_site, out)
    inode = out.stat().st_ino
    assert SKIPPED in _build(good_site, out)
    assert out.stat().st_ino == inode  # the very same folder: nothing was rewritten

    activity = sorted((good_site / "branches").glob("*/activities/*.md"))[0]
    activity.write_text(
        activity.read_text(encoding="utf-8") + "\n增量构建检验用的新句子。\n", encoding="utf-8"
    )
    assert SKIPPED not in _build(good_site, out)
    assert any(
        "增量构建检验用的新句子" in p.read_text(encoding="utf-8") for p in out.rglob("*.html")
    )

    # options are inputs too: a build with --strict is not the build without it
    assert SKIPPED not in _build(good_site, out, "--strict")
    assert SKIPPED in _build(good_site, out, "--strict")
    assert SKIPPED not in _build(good_site, out, "--force", "--strict")

    shutil.rmtree(out)  # a deleted site is always rebuilt
    assert SKIPPED not in _build(good_site, out)
    assert (out / "index.html").is_file()

    (good_site / "content" / "about.md").write_text("# 关于\n\n新页面。\n", encoding="utf-8")
    assert SKIPPED not in _build(good_site, out)
    assert (out / "about" / "index.html").is_file()
    config = good_site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_name:", "site_name: 改名后的", 1),
        encoding="utf-8",
    )
    assert SKIPPED not in _build(good_site, out)
    assert "改名后的" in (out / "index.html").read_text(encoding="utf-8")
