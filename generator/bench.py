"""`showcase bench`: time and memory of a full build at scale, against a floor in the same run.

The floor is the least any generator on our stack must do for the same content: render every
activity body and brand text with python-markdown into a jinja2 page and write it. The ratio
build/floor is what we report, so numbers from different machines stay comparable.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED_ROOT = Path(__file__).resolve().parent.parent  # the repository's demo site


def synthesize(dst: Path, n: int, seeds: Path) -> int:
    """Copy the demo branches round-robin into `n` branches; returns the activity count."""
    seed_dirs = sorted(p for p in (seeds / "branches").iterdir() if (p / "branch.yml").exists())
    if not seed_dirs:
        raise SystemExit("bench: no demo branches to copy")
    (dst / "content").mkdir(parents=True)
    (dst / "content" / "index.md").write_text("# 基准测试站点\n", encoding="utf-8")
    (dst / "mkdocs.yml").write_text(
        "site_name: 基准测试\ndocs_dir: content\ntheme: {name: material, language: zh}\n"
        "plugins:\n  - showcase:\n      as_of: 2025-01-15\n      year: 2024\n",
        encoding="utf-8",
    )
    activities = 0
    for i in range(n):
        seed = seed_dirs[i % len(seed_dirs)]
        target = dst / "branches" / f"{seed.name}-{i:04d}"
        shutil.copytree(seed, target)
        activities += len(list((target / "activities").glob("*.md")))
    return activities


FLOOR = r'''
import sys, pathlib, markdown, jinja2
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
tpl = jinja2.Template("<html lang=zh><body><h1>{{ t }}</h1>{{ b }}</body></html>")
md = markdown.Markdown(extensions=["tables"])
for f in sorted(src.glob("branches/*/activities/*.md")) + sorted(src.glob("branches/*/branch.yml")):
    md.reset()
    html = tpl.render(t=f.stem, b=md.convert(f.read_text(encoding="utf-8")))
    p = out / f.parent.parent.name / f.stem / "index.html"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(html, encoding="utf-8")
'''


def _run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"bench: command failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def run_bench(n: int, search: bool, seeds: Path = SEED_ROOT, keep: Path | None = None) -> dict[str, float | int]:
    work = Path(tempfile.mkdtemp(prefix="showcase-bench-")) if keep is None else keep
    try:
        src = work / "src"
        activities = synthesize(src, n, seeds)
        if not search:
            text = (src / "mkdocs.yml").read_text(encoding="utf-8")
            (src / "mkdocs.yml").write_text(text + "      search: false\n", encoding="utf-8")
        floor_s, floor_mb = _run([sys.executable, "-c", FLOOR, str(src), str(work / "floor")])
        cold_s, cold_mb = _run([sys.executable, "-m", "generator.cli", "build", str(src), "-d", str(work / "site")])
        warm_s, _ = _run([sys.executable, "-m", "generator.cli", "build", str(src), "-d", str(work / "site")])
        pages = sum(1 for _ in (work / "site").rglob("*.html"))
        return {
            "branches": n,
            "activities": activities,
            "pages": pages,
            "floor_s": round(floor_s, 2),
            "build_cold_s": round(cold_s, 2),
            "build_warm_s": round(warm_s, 2),
            "ratio_cold": round(cold_s / floor_s, 2),
            "ratio_warm": round(warm_s / floor_s, 2),
            "floor_peak_mib": round(floor_mb, 1),
            "build_peak_mib": round(cold_mb, 1),
        }
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def main(n: int, search: bool, as_json: bool, seeds: Path = SEED_ROOT) -> None:
    result = run_bench(n, search, seeds)
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
        return
    print(f"支部 {result['branches']}，活动 {result['activities']}，页面 {result['pages']}")
    print(f"基线（python-markdown + jinja2）: {result['floor_s']} s，峰值内存 {result['floor_peak_mib']} MiB")
    print(f"完整生成（冷缓存）: {result['build_cold_s']} s = 基线的 {result['ratio_cold']} 倍，峰值内存 {result['build_peak_mib']} MiB")
    print(f"完整生成（热缓存）: {result['build_warm_s']} s = 基线的 {result['ratio_warm']} 倍")
