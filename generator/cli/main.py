"""Entry point: `showcase <command>`; each command lives in a small module of its own."""

from __future__ import annotations

import click

from generator import __version__
from generator.cli import site


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="showcase")
def main() -> None:
    """一支部一品牌 展示站点生成器（branch-showcase）。"""


main.add_command(site.check)
main.add_command(site.build)
main.add_command(site.serve)
