"""`showcase import members`: Excel roster -> branches/<id>/members.yml."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.common import fails_cleanly, options
from generator.importer import members_yaml, read_roster
from generator.models import BRANCH_ID


@click.group("import")
def import_() -> None:
    """从 Excel 导入数据。"""


@import_.command("members")
@click.argument("xlsx")
@click.option("--branch", "branch_id", required=True, help="支部编号（branches/ 下的目录名）")
@click.option("--site", "path", default=".", help="站点目录")
@click.option("--force", is_flag=True, help="覆盖已有的 members.yml")
@fails_cleanly
def import_members(xlsx: str, branch_id: str, path: str, force: bool) -> None:
    """把 Excel 党员名册（表头含 姓名/党小组/岗位/职务/入党时间/联系电话/身份证号）导入为 members.yml。"""
    if not BRANCH_ID.fullmatch(branch_id):  # a path such as ../x would write outside branches/
        click.echo(f'支部编号 "{branch_id}" 无效：只能用小写字母、数字和 -，且以字母或数字开头', err=True)
        sys.exit(1)
    if not Path(xlsx).is_file():  # checked here, not by click: its message is English
        click.echo(f"找不到 Excel 文件：{xlsx}", err=True)
        sys.exit(1)
    folder = options(path).branches / branch_id
    if not folder.is_dir():
        click.echo(f"找不到支部目录 {folder}", err=True)
        sys.exit(1)
    target = folder / "members.yml"
    if target.exists() and not force:
        click.echo(f"{target} 已存在；确认覆盖请加 --force", err=True)
        sys.exit(1)
    members = read_roster(Path(xlsx))
    target.write_text(members_yaml(members), encoding="utf-8")
    click.echo(f"已导入 {len(members)} 名党员到 {target}；联系方式已放入 private:（不会公开）。请运行 showcase check 校验。")
