"""`showcase boards`: print-resolution display boards (PNG + PDF) for every published branch."""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, NoReturn

import click

from generator.cli.common import config_file, fails_cleanly, load_and_score, options, protected
from generator.cli.outdir import boards_dir_problem
from generator.load.refs import suggest
from generator.options import cache_dir
from generator.print import all_boards
from generator.print.boards import default_month
from generator.print.build import BranchOutput, Rendered, Settings, render_boards, write_outputs
from generator.print.fonts import FontNotFound, find_fonts
from generator.print.layout import LayoutError
from generator.print.paper import SIZES_MM, Paper
from generator.writes import reason


def _site_config(path: str) -> dict[str, Any]:
    """site_url, site_dir and use_directory_urls from mkdocs.yml (no full MkDocs config load)."""
    from mkdocs.utils.yaml import yaml_load

    with config_file(path).open("rb") as f:
        try:
            cfg = yaml_load(f) or {}
        except Exception:  # options() has already reported a broken mkdocs.yml
            cfg = {}
    return cfg if isinstance(cfg, dict) else {}


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(1)


def _check_month(month: str | None) -> None:
    if month is None:
        return
    m = re.fullmatch(r"(\d{4})-(\d{2})", month)
    if not m or not 1 <= int(m.group(2)) <= 12 or not 1900 <= int(m.group(1)) <= 2999:
        _fail(f'--month "{month}" 无效：请写成 2024-06 这样的年-月')


@click.command()
@click.argument("path", default=".")
@click.option(
    "--branch", "branch_ids", multiple=True, metavar="ID", help="只生成这个支部（可重复指定）"
)
@click.option(
    "--size",
    type=click.Choice(list(SIZES_MM), case_sensitive=False),
    default="A3",
    show_default=True,
    help="纸张",
)
@click.option("--landscape", is_flag=True, help="横版（默认竖版）")
@click.option("--dpi", type=click.IntRange(10, 1200), default=300, show_default=True, help="分辨率")
@click.option(
    "--bleed", type=click.FloatRange(0, 20), default=0, show_default=True, help="出血，毫米（每边）"
)
@click.option("--month", help="公示栏的月份，如 2024-06（默认评定基准日前最近一个已结束的月份）")
@click.option("-o", "--output", help="输出目录（默认 <site_dir>/boards/）")
@click.option("--font", help="中文字体文件（默认自动查找）")
@click.option("--include-unpublished", is_flag=True, help="也为 publish: false 的支部生成")
@click.option("--year", type=int, help="评定年度")
@click.option("--as-of", help="评定基准日期，如 2025-01-15")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), help="并行进程数（默认按 CPU 与内存）")
@fails_cleanly
def boards(
    path: str,
    branch_ids: tuple[str, ...],
    size: str,
    landscape: bool,
    dpi: int,
    bleed: float,
    month: str | None,
    output: str | None,
    font: str | None,
    include_unpublished: bool,
    year: int | None,
    as_of: str | None,
    jobs: int | None,
) -> None:
    """生成展板：品牌展板、“1+N”微品牌展板、公示栏、星级铭牌（PNG 与 PDF，可直接送印）。"""
    _check_month(month)
    opts = options(path, as_of)
    site = _site_config(path)
    out = (
        Path(output).resolve()
        if output
        else (opts.root / (site.get("site_dir") or "site") / "boards")
    )
    refused = boards_dir_problem(out, *protected(path, opts))
    if refused:  # before any work: boards must never land among the data
        _fail(refused)
    try:  # a read-only share: say so now, not after minutes of drawing
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        hint = "请换一个可写的输出目录" if output else "请用 -o 指定一个可写的输出目录"
        _fail(f"无法写入展板输出目录 {out}：{reason(exc)}。{hint}。")
    project, results = load_and_score(opts, year)
    chosen = [b for b in project.branches if b.publish or include_unpublished]
    if branch_ids:
        known = {b.id: b for b in project.branches}
        for bid in branch_ids:
            if bid not in known:
                _fail(f"找不到支部 {bid}（branches/ 下没有这个目录）{suggest(bid, list(known))}")
            if not known[bid].publish and not include_unpublished:
                _fail(f"支部 {bid} 未公开（publish: false）；确需生成请加 --include-unpublished")
        chosen = [b for b in chosen if b.id in branch_ids]
    if not chosen:
        _fail("没有可生成展板的支部")
    try:
        fonts = find_fonts(font)
    except FontNotFound as exc:
        _fail(exc.message)
    site_url = site.get("site_url") or None
    if not site_url:
        click.echo("警告：mkdocs.yml 未设置 site_url，品牌展板不印二维码。", err=True)
    paper = Paper(size.upper(), landscape, dpi, bleed)
    month = month or default_month(results.as_of)
    per_branch = all_boards(
        chosen, results, site_url, month, site.get("use_directory_urls", True) is not False
    )
    flat = [board for bs in per_branch.values() for board in bs]
    settings = Settings(paper, fonts, cache_dir(opts.root, "boards"))
    click.echo(
        f"展板 {len(flat)} 张（{len(chosen)} 个支部，{paper.label()}，公示栏 {month}）→ {out}"
    )
    start = time.perf_counter()

    def progress(i: int, total: int, r: Rendered) -> None:
        status = f"已生成（{r.seconds:.1f} 秒）" if r.fresh else "未变化"
        click.echo(f"[{i}/{total}] {r.board.branch_id} {r.board.title} … {status}")

    try:
        rendered = render_boards(flat, settings, progress, jobs)
    except LayoutError as exc:  # an edited layout file: say which, no traceback
        _fail(str(exc))
    warnings = list(dict.fromkeys(w for r in rendered for w in r.warnings))
    for w in warnings:
        click.echo(f"警告：{w}", err=True)
    by_id: dict[str, list[Rendered]] = {}
    for r in rendered:
        by_id.setdefault(r.board.branch_id, []).append(r)
    outputs = [BranchOutput(b.id, b.profile.name, by_id[b.id]) for b in chosen]
    # plaques.pdf holds every chosen branch: with --branch it would shrink to a few, so keep it
    try:
        write_outputs(outputs, out, settings, results.as_of, plaques=not branch_ids)
    except OSError as exc:
        hint = "请用 -o 指定一个可写的输出目录" if not output else "请换一个可写的输出目录"
        _fail(f"无法写入展板到 {out}：{reason(exc)}（{exc.filename or out}）。{hint}。")
    fresh = sum(r.fresh for r in rendered)
    skipped = len(rendered) - fresh
    parts = [f"生成 {fresh} 张展板"] if fresh else []
    if skipped:
        parts.append(f"{skipped} 张展板未变化，跳过")
    click.echo(f"{'；'.join(parts)}。用时 {time.perf_counter() - start:.1f} 秒。")
    tail = "；指定了 --branch，未更新 plaques.pdf" if branch_ids else "；全部星级铭牌：plaques.pdf"
    click.echo(f"输出：{out}（每个支部一个文件夹：PNG 与 PDF{tail}）")
