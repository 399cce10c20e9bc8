"""`showcase export`: the results as JSON, CSV or XLSX for reviewers."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.common import fails_cleanly, load_and_score, options, protected
from generator.cli.outdir import output_file_problem
from generator.export import export_results
from generator.writes import reason, write_bytes


@click.command()
@click.argument("path", default=".")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv", "xlsx"]), default="json", show_default=True
)
@click.option("-o", "--output", help="输出文件；json/csv 不指定时写到标准输出")
@click.option(
    "--include-unpublished", is_flag=True, help="包含 publish: false 的支部（仅供考核组）"
)
@click.option(
    "--year", type=int, help="评定年度（默认 mkdocs.yml 中的 year，否则为 as_of 的上一年）"
)
@click.option("--as-of", help="评定基准日期，如 2025-01-15")
@fails_cleanly
def export(
    path: str,
    fmt: str,
    output: str | None,
    include_unpublished: bool,
    year: int | None,
    as_of: str | None,
) -> None:
    """导出评定结果（JSON 格式稳定，字段说明见站点“导出数据说明”页）。"""
    opts = options(path, as_of)
    if output:  # refused before the work, not after it
        refused = output_file_problem(Path(output), *protected(path, opts))
        if refused:
            click.echo(refused, err=True)
            sys.exit(1)
    project, results = load_and_score(opts, year)
    data = export_results(results, project, fmt, include_unpublished)  # type: ignore[arg-type]
    if output:
        try:
            write_bytes(Path(output), data)  # whole or not at all: a full disk leaves no half file
        except OSError as exc:
            click.echo(f"无法写入 {output}：{reason(exc)}。", err=True)
            sys.exit(1)
        click.echo(f"已导出 {output}", err=True)
    elif fmt == "xlsx":
        click.echo("xlsx 是二进制文件，请用 -o 指定输出文件名。", err=True)
        sys.exit(1)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
