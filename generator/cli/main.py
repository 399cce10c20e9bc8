"""Entry point: `showcase <command>`; each command lives in a small module of its own."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

import click

from generator import __version__
from generator.cli import boards, export, importer, new, portal, site
from generator.cli.usage import ShowcaseGroup
from generator.load.reading import ENV_PREFIX

F = TypeVar("F", bound=Callable[..., Any])


def _limit_option(name: str, what: str) -> Callable[[F], F]:
    return click.option(
        f"--{name.replace('_', '-')}", name, type=click.FloatRange(min=0, min_open=True), help=what
    )


@click.group(cls=ShowcaseGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="showcase")
@_limit_option("max_text_mb", "单个 YAML/Markdown 文件的大小上限（MB，默认 2）")
@_limit_option("max_image_mb", "单个图片文件的大小上限（MB，默认 30）")
@_limit_option("max_image_megapixels", "单张图片的像素上限（百万像素，默认 50）")
@_limit_option("max_workbook_mb", "导入的 Excel 文件大小上限（MB，默认 20）")
@click.pass_context
def main(ctx: click.Context, **limits: float | None) -> None:
    """一支部一品牌 展示站点生成器（branch-showcase）。"""
    # The limits travel as environment variables, so the MkDocs plugin that `build` runs sees
    # them as well; they override the plugin options in mkdocs.yml for this run only.
    saved = {}
    for name, value in limits.items():
        if value is not None:
            key = ENV_PREFIX + name.upper()
            saved[key] = os.environ.get(key)
            os.environ[key] = repr(value)
    ctx.call_on_close(lambda: _restore(saved))


def _restore(saved: dict[str, str | None]) -> None:
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


main.add_command(site.check)
main.add_command(site.build)
main.add_command(site.serve)
main.add_command(new.new)
main.add_command(importer.import_)
main.add_command(importer.template)
main.add_command(export.export)
main.add_command(boards.boards)
main.add_command(portal.units)
main.add_command(portal.portal)


@main.command()
@click.option(
    "-n", "--branches", "n", default=100, show_default=True, help="生成的互不相同的支部数量"
)
@click.option(
    "--photos", default=2, show_default=True, help="每个支部的照片数（1600×1200，各不相同）"
)
@click.option("--search/--no-search", default=True, help="是否包含全文检索索引")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="把结果另存为 JSON 文件")
@click.option(
    "--scale",
    "sizes",
    help="逐个规模测量每支部用时，如 100,300,1000（只测基线、冷生成、无改动重建）",
)
@click.option(
    "--cams", default=24, show_default=True, help="测图片吞吐用的 1200 万像素 JPEG 张数（0 = 不测）"
)
@click.option("--serve/--no-serve", default=True, help="是否测量 showcase serve 的改动显示用时")
def bench(
    n: int,
    photos: int,
    search: bool,
    json_path: str | None,
    sizes: str | None,
    cams: int,
    serve: bool,
) -> None:
    """基准测试：生成 N 个互不相同的支部，测量各种生成场景，并与同次测得的基线相比。"""
    from generator.bench import main as run

    try:
        scale = [int(s) for s in sizes.split(",")] if sizes else None
    except ValueError:
        raise click.BadParameter(
            "应为逗号分隔的整数，如 100,300,1000", param_hint="--scale"
        ) from None
    run(n, photos, search, json_path, scale, cams, serve)
