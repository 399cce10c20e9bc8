"""`showcase new site|branch`: start a site or a branch from commented templates."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from generator.cli.common import fails_cleanly
from generator.models import BRANCH_ID

SCAFFOLD = Path(__file__).resolve().parent.parent / "scaffold"


def _fill(template: Path, **values: str) -> str:
    return template.read_text(encoding="utf-8").format(**values)


@click.group()
def new() -> None:
    """新建站点或支部。"""


@new.command("site")
@click.argument("directory")
@click.option("--name", default="一支部一品牌 展示", help="站点名称")
@click.option("--file-share", is_flag=True, help="用于文件共享（file://）打开：所有链接以 index.html 结尾")
@fails_cleanly
def new_site(directory: str, name: str, file_share: bool) -> None:
    """在 DIRECTORY 新建一个站点（mkdocs.yml、content/、branches/ 与一个示例支部）。"""
    root = Path(directory)
    if (root / "mkdocs.yml").exists():
        click.echo(f"{root / 'mkdocs.yml'} 已存在，未做任何修改。", err=True)
        sys.exit(1)
    (root / "content").mkdir(parents=True, exist_ok=True)
    extra = "use_directory_urls: false\n" if file_share else ""
    (root / "mkdocs.yml").write_text(_fill(SCAFFOLD / "mkdocs.yml", site_name=name, extra=extra), encoding="utf-8")
    (root / "content" / "index.md").write_text(_fill(SCAFFOLD / "index.md", site_name=name), encoding="utf-8")
    _write_branch(root / "branches" / "shili", "示例党支部", "示例党委", "示例品牌")
    click.echo(f"已新建站点 {root}。下一步：cd {root} && showcase build")


@new.command("branch")
@click.argument("branch_id")
@click.argument("path", default=".")
@click.option("--name", default="新建党支部", help="支部名称")
@click.option("--unit", default="某某党委", help="上级党组织")
@fails_cleanly
def new_branch(branch_id: str, path: str, name: str, unit: str) -> None:
    """在站点 PATH 的 branches/ 下新建支部 BRANCH_ID。"""
    if not BRANCH_ID.fullmatch(branch_id):
        click.echo(f'支部编号 "{branch_id}" 无效：只能用小写字母、数字和 -，且以字母或数字开头', err=True)
        sys.exit(1)
    folder = Path(path) / "branches" / branch_id
    if folder.exists():
        click.echo(f"{folder} 已存在，未做任何修改。", err=True)
        sys.exit(1)
    _write_branch(folder, name, unit, "在此填写品牌名称")
    click.echo(f"已新建支部 {folder}。编辑其中的 YAML 文件后运行 showcase check 校验。")


def _write_branch(folder: Path, name: str, unit: str, brand: str) -> None:
    year = str(dt.date.today().year)
    for template in sorted((SCAFFOLD / "branch").rglob("*")):
        if template.is_dir():
            continue
        rel = template.relative_to(SCAFFOLD / "branch")
        if rel.name == "example.md":
            rel = rel.with_name(f"{year}-01-10-zhiweihui.md")
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_fill(template, name=name, unit=unit, brand=brand, year=year), encoding="utf-8")
    (folder / "photos").mkdir(exist_ok=True)
