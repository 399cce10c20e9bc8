"""Entry point: `showcase <command>`; each command lives in a small module of its own."""

from __future__ import annotations

import click

from generator import __version__
from generator.cli import boards, export, importer, new, site


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="showcase")
def main() -> None:
    """一支部一品牌 展示站点生成器（branch-showcase）。"""


main.add_command(site.check)
main.add_command(site.build)
main.add_command(site.serve)
main.add_command(new.new)
main.add_command(importer.import_)
main.add_command(importer.template)
main.add_command(export.export)
main.add_command(boards.boards)


@main.command()
@click.option("-n", "--branches", "n", default=100, show_default=True, help="合成的支部数量")
@click.option("--search/--no-search", default=True, help="是否包含全文检索索引")
@click.option("--json", "as_json", is_flag=True)
@click.option("--seeds", type=click.Path(exists=True, file_okay=False), help="用作样本的站点目录（默认本仓库的演示站点）")
def bench(n: int, search: bool, as_json: bool, seeds: str | None) -> None:
    """基准测试：合成 N 个支部，测量生成时间与内存，并与同次测得的基线相比。"""
    from pathlib import Path

    from generator.bench import SEED_ROOT
    from generator.bench import main as run

    run(n, search, as_json, Path(seeds) if seeds else SEED_ROOT)
