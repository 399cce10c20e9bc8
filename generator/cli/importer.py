"""`showcase import KIND FILE.xlsx --branch ID` and `showcase template KIND -o FILE.xlsx`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.common import fails_cleanly, options, protected
from generator.cli.outdir import output_file_problem
from generator.excel.importer import context, plan_import, preview
from generator.excel.reimport import reconcile
from generator.excel.specs import KINDS
from generator.excel.template import template_workbook
from generator.load.standard import load_standard
from generator.models import BRANCH_ID, Standard
from generator.problems import InputError
from generator.writes import write_bytes

KIND = click.Choice(list(KINDS))


def _standard(path: str) -> Standard | None:
    opts = options(path)
    standard, problems = load_standard(opts.standard, opts.root)
    if problems:
        raise InputError(problems)
    return standard


def _branch_folder(path: str, branch_id: str) -> Path:
    if not BRANCH_ID.fullmatch(branch_id):  # a path such as ../x would write outside branches/
        click.echo(
            f'支部编号 "{branch_id}" 无效：只能用小写字母、数字和 -，且以字母或数字开头', err=True
        )
        sys.exit(1)
    folder = options(path).branches / branch_id
    if not folder.is_dir():
        known = sorted(
            p.name
            for p in folder.parent.glob("*")
            if p.is_dir() and not p.name.startswith((".", "_"))
        )
        click.echo(
            f"找不到支部目录 {folder}（已有: {'、'.join(known) or '无'}；新建支部用 showcase new branch {branch_id}）",
            err=True,
        )
        sys.exit(1)
    return folder


@click.command("import")
@click.argument("kind", type=KIND)
@click.argument("xlsx")
@click.option("--branch", "branch_id", required=True, help="支部编号（branches/ 下的目录名）")
@click.option("--site", "path", default=".", help="站点目录（含 mkdocs.yml），默认当前目录")
@click.option("--year", type=int, help="公开承诺的年度（默认取完成时限中最多的年份）")
@click.option("--force", is_flag=True, help="确认更新已有文件（合并：表中没有的字段与条目保留）")
@click.option("--replace", is_flag=True, help="按表整体替换已有文件（不保留表中没有的字段与条目）")
@click.option("--dry-run", is_flag=True, help="只预览，不写入")
@fails_cleanly
def import_(
    kind: str,
    xlsx: str,
    branch_id: str,
    path: str,
    year: int | None,
    force: bool,
    replace: bool,
    dry_run: bool,
) -> None:
    """从 Excel 导入：members（党员名册）、activities（活动台账，每行一个活动文件）、
    commitments（公开承诺）、assessment（评定记录，由党建工作部填写）。

    自动跳过表头上方的标题行和隐藏的行，识别常见的列名写法与日期写法；联系电话、身份证号写入
    private:（不会公开）。先显示将写入的内容；任何一行有误时逐行列出问题，不写入任何文件。
    再次导入时与已有数据合并：新的条目直接写入；已有条目的改动先列出，加 --force 才写入，
    表中没有的字段（如手工补充的照片、正文）和条目保留。
    """
    folder = _branch_folder(path, branch_id)
    if not Path(xlsx).is_file():  # checked here, not by click: its message is English
        click.echo(f"找不到 Excel 文件：{xlsx}", err=True)
        sys.exit(1)
    limit = options(path).limits.workbook_bytes
    plan = plan_import(kind, Path(xlsx), Path(xlsx).name, folder, _standard(path), year, limit)
    change = reconcile(plan, folder, replace)
    click.echo(preview(plan))
    click.echo(change.report())
    if not change.files:
        click.echo("没有需要写入的内容：表中的数据与现有文件相同。")
        return
    if dry_run:
        more = (
            "；实际导入时需加 --force 或 --replace"
            if change.rewrites and not (force or replace)
            else ""
        )
        click.echo(f"（--dry-run：未写入任何文件{more}）")
        return
    if change.rewrites and not (force or replace):
        shown = "、".join(change.rewrites[:5]) + ("等" if len(change.rewrites) > 5 else "")
        click.echo(
            f"未写入：将改动 {folder.name}/ 下已有的 {shown}；确认请加 --force"
            "（合并，表中没有的内容保留），或 --replace（按表整体替换）",
            err=True,
        )
        sys.exit(1)
    for name, text in change.files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(target, text.encode("utf-8"))
    where = (
        f"{folder.name}/{next(iter(change.files))}"
        if len(change.files) == 1
        else f"{folder.name}/activities/"
    )
    click.echo(f"已写入 {where}（{len(change.files)} 个文件）。请运行 showcase check 校验。")


@click.command("template")
@click.argument("kind", type=KIND)
@click.option("-o", "--output", required=True, help="输出的 .xlsx 文件")
@click.option("--branch", "branch_id", help="支部编号：党小组列提供该支部的党小组下拉列表")
@click.option("--site", "path", default=".", help="站点目录（含 mkdocs.yml），默认当前目录")
@click.option("--force", is_flag=True, help="覆盖已有的文件")
@fails_cleanly
def template(kind: str, output: str, branch_id: str | None, path: str, force: bool) -> None:
    """生成 Excel 模板：members / activities / commitments / assessment（含下拉列表与填写说明）。"""
    out = Path(output)
    if out.suffix.lower() != ".xlsx":  # members.yml for members.xlsx would replace the data
        click.echo(f"模板文件 {out} 应以 .xlsx 结尾（如 名册.xlsx）", err=True)
        sys.exit(1)
    has_site = (Path(path) / "mkdocs.yml").is_file() or Path(path).name == "mkdocs.yml"
    if has_site:  # never into the data, docs_dir or over mkdocs.yml, --force or not
        refused = output_file_problem(out, *protected(path, options(path)))
        if refused:
            click.echo(refused, err=True)
            sys.exit(1)
    if out.exists() and not force:
        click.echo(f"{out} 已存在；确认覆盖请加 --force", err=True)
        sys.exit(1)
    standard = _standard(path) if has_site else None
    if standard is None:
        from generator.load.standard import DEFAULT_STANDARD

        standard, _ = load_standard(DEFAULT_STANDARD, DEFAULT_STANDARD.parent)
    groups: list[str] = []
    if branch_id:
        ctx = context(_branch_folder(path, branch_id), standard)
        groups = list(ctx.groups.values())
    types = standard.activity_types if standard else ()
    write_bytes(out, template_workbook(kind, types, groups))
    click.echo(f"已生成模板 {out}；填写说明见其中的“填写说明”工作表。")
