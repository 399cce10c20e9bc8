"""`showcase units` and `showcase portal`: building past one machine, one unit per CI job.

Each job runs `showcase build --unit ID -d shards/ID`; a last job runs
`showcase portal shards/* -d site`, which writes the pages that span units from the shards'
summaries, copies the shards under `site/units/<ID>/` and merges their search indexes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from generator.cli.common import (
    config_file,
    fails_cleanly,
    options,
    protected,
    setup_logging,
    text_or_json,
)
from generator.cli.outdir import output_dir_problem
from generator.cli.site import build_and_swap_in, load_config_or_exit
from generator.shard import merge, read_shard
from generator.units import scan_units, unit_id


@click.command()
@click.argument("path", default=".")
@text_or_json("json 便于 CI 生成作业矩阵")
@fails_cleanly
def units(path: str, fmt: str) -> None:
    """列出各单位的 ID、名称和支部数（showcase build --unit ID 用）。"""
    opts = options(path)
    names = [n for n in scan_units(opts.branches).values() if n]
    rows = sorted(
        ({"id": unit_id(n), "name": n, "branches": names.count(n)} for n in set(names)),
        key=lambda r: r["id"],
    )
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False))
    else:
        for r in rows:
            click.echo(f"{r['id']}  {r['name']}（{r['branches']} 个支部）")


@click.command()
@click.argument("shards", nargs=-1, required=True)
@click.option("-d", "--site-dir", required=True, help="门户的输出目录")
@click.option(
    "-f",
    "--config",
    "config",
    default=".",
    show_default=True,
    help="门户用的 mkdocs.yml 或其所在目录（站点名称、主题、首页文字）",
)
@click.option("-v", "--verbose", is_flag=True)
@fails_cleanly
def portal(shards: tuple[str, ...], site_dir: str, config: str, verbose: bool) -> None:
    """在各单位分片之上生成门户：首页、支部索引、星级评定/党小组/预警、导出和合并的全文检索。分片页面不重新生成。"""
    errors = setup_logging(verbose)
    cfg_path = config_file(config)
    opts = options(config)
    folders = [Path(s).resolve() for s in shards]
    final = Path(site_dir).resolve()
    dirs, files = protected(config, opts)
    refused = output_dir_problem(final, [*dirs, *folders], files)
    if refused:
        click.echo(refused, err=True)
        sys.exit(1)
    merged = merge([read_shard(f) for f in folders], opts.root)
    cfg = load_config_or_exit(cfg_path, errors)
    if "showcase" not in cfg.plugins:
        click.echo(f"{cfg_path.name}: 没有启用 showcase 插件，无法生成门户。", err=True)
        sys.exit(1)
    if cfg.use_directory_urls != merged.shards[0].use_directory_urls:
        click.echo(
            f"{cfg_path.name}: use_directory_urls 与分片生成时不同：门户与分片须用同一设置。",
            err=True,
        )
        sys.exit(1)
    cfg.plugins["showcase"].portal = merged  # type: ignore[attr-defined]
    build_and_swap_in(
        cfg,
        final,
        errors,
        what="门户",
        failed="门户生成失败，旧站点保持不变。",
        where="请换一个可写的输出目录",
    )
    click.echo(
        f"门户已生成：{final}（{len(merged.shards)} 个单位，{len(merged.project.branches)} 个支部）"
    )
