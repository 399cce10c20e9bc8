"""`showcase new site|branch`: start a site or a branch from templates that teach.

Every file a branch can have is written, each field with a commented Chinese example of its
shape; lists an officer must fill start empty (`[]`) so nothing invented is published, and
the remaining placeholders (在此填写…) are flagged by `showcase check`.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from string import Template

import click

from generator.cli.common import fails_cleanly
from generator.load.standard import DEFAULT_STANDARD, load_standard
from generator.models import BRANCH_ID, Standard

SCAFFOLD = Path(__file__).resolve().parent.parent / "scaffold"
ORDINALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
GROUP_IDS = ("yizu", "erzu", "sanzu", "sizu", "wuzu", "liuzu", "qizu", "bazu", "jiuzu", "shizu")


def _fill(template: Path, **values: str) -> str:
    return Template(template.read_text(encoding="utf-8")).safe_substitute(**values)


@click.group()
def new() -> None:
    """新建站点或支部。"""


@new.command("site")
@click.argument("directory")
@click.option("--name", default="一支部一品牌 展示", help="站点名称")
@click.option(
    "--file-share", is_flag=True, help="用于文件共享（file://）打开：所有链接以 index.html 结尾"
)
@fails_cleanly
def new_site(directory: str, name: str, file_share: bool) -> None:
    """在 DIRECTORY 新建一个站点（mkdocs.yml、content/、branches/ 与一个不公开的示例支部）。"""
    root = Path(directory)
    if (root / "mkdocs.yml").exists():
        click.echo(f"{root / 'mkdocs.yml'} 已存在，未做任何修改。", err=True)
        sys.exit(1)
    (root / "content").mkdir(parents=True, exist_ok=True)
    extra = "use_directory_urls: false   # 从共享文件夹直接打开时需要\n" if file_share else ""
    (root / "mkdocs.yml").write_text(
        _fill(SCAFFOLD / "mkdocs.yml", site_name=name, extra=extra), encoding="utf-8"
    )
    (root / "content" / "index.md").write_text(
        _fill(SCAFFOLD / "index.md", site_name=name), encoding="utf-8"
    )
    _write_branch(
        root / "branches" / "shili", "示例党支部", "示例党委", "示例品牌", groups=1, example=True
    )
    click.echo(
        f"已新建站点 {root}。branches/shili 是示例支部（publish: false，不会发布）。\n"
        f"下一步：cd {root} && showcase new branch 支部编号 --name 支部名称 --groups 党小组数"
    )


@new.command("branch")
@click.argument("branch_id")
@click.argument("path", default=".")
@click.option("--name", default="新建党支部", help="支部名称")
@click.option("--unit", default="某某党委", help="上级党组织")
@click.option(
    "--groups",
    "n_groups",
    default=0,
    type=click.IntRange(0, len(GROUP_IDS)),
    help="党小组个数（0–10）",
)
@fails_cleanly
def new_branch(branch_id: str, path: str, name: str, unit: str, n_groups: int) -> None:
    """在站点 PATH 的 branches/ 下新建支部 BRANCH_ID（全部数据文件的模板与 photos/ 目录）。"""
    if not BRANCH_ID.fullmatch(branch_id):
        click.echo(
            f'支部编号 "{branch_id}" 无效：只能用小写字母、数字和 -，且以字母或数字开头', err=True
        )
        sys.exit(1)
    folder = Path(path) / "branches" / branch_id
    if folder.exists():
        click.echo(f"{folder} 已存在，未做任何修改。", err=True)
        sys.exit(1)
    _write_branch(
        folder, name, unit, "在此填写品牌名称", groups=n_groups, standard=_site_standard(Path(path))
    )
    click.echo(
        f"已新建支部 {folder}：branch.yml、groups.yml、members.yml、commitments.yml、assessment.yml、"
        "activities/、photos/。编辑后运行 showcase check 校验；党员名册可用 showcase import members 从 Excel 导入。"
    )


def _site_standard(root: Path) -> Standard | None:
    """The site's rulebook (for the attested items and activity types the templates list)."""
    from generator.options import read_mkdocs_options
    from generator.problems import InputError

    try:
        raw = read_mkdocs_options(root / "mkdocs.yml")
    except InputError:
        raw = {}
    path = (root / raw["standard"]).resolve() if raw.get("standard") else None
    standard, _ = load_standard(path, root)
    return standard


def groups_yaml(n: int) -> str:
    head = (
        "# 党小组及其微品牌（“1+N”中的 N，可选）。id 用于网址，只能用小写字母、数字和 -。\n"
        "# leader 填党小组长姓名（须在 members.yml 中）；kind 为小组类别，如 生产、管理、营销。\n"
    )
    if n == 0:
        return (
            head
            + "[]\n# 示例：\n# - id: yizu\n#   name: 第一党小组\n#   brand: 精甲先锋          # 微品牌名称\n#   meaning: 微品牌内涵（可用 Markdown）\n#   leader: 王强\n#   kind: 生产\n"
        )
    out = [head]
    for i in range(n):
        out.append(
            f"- id: {GROUP_IDS[i]}\n"
            f"  name: 第{ORDINALS[i]}党小组\n"
            f"  brand: 在此填写微品牌名称     # 微品牌名称，如 精甲先锋\n"
            f"  meaning: 在此填写微品牌内涵   # 可用 Markdown\n"
            f"  # leader: 王强              # 党小组长（先在 members.yml 中录入）\n"
            f"  kind: 生产                  # 小组类别\n"
        )
    return "".join(out)


def _attested(standard: Standard | None) -> str:
    if standard is None:
        return "#   （评定标准读取失败，请查看站点“使用指南”）"
    rows = [f"#   {i.id}  {i.text}" for i in standard.items if i.is_attested]
    return "\n".join(rows) or "#   （本标准没有需要考核组评定的条目）"


def _write_branch(
    folder: Path,
    name: str,
    unit: str,
    brand: str,
    groups: int = 0,
    example: bool = False,
    standard: Standard | None = None,
) -> None:
    if standard is None:
        standard, _ = load_standard(DEFAULT_STANDARD, DEFAULT_STANDARD.parent)
    year = str(dt.date.today().year)
    publish = (
        "false   # 示例支部：仅供参考，不会发布。建好自己的支部后可删除整个 shili 目录"
        if example
        else "true"
    )
    values = {
        "name": name,
        "unit": unit,
        "brand": brand,
        "year": year,
        "publish": publish,
        "branch_id": folder.name,
        "group": GROUP_IDS[0] if groups else "yizu",
        "types": "、".join(standard.activity_types) if standard else "",
        "attested": _attested(standard),
    }
    for template in sorted((SCAFFOLD / "branch").rglob("*")):
        if template.is_dir():
            continue
        target = folder / template.relative_to(SCAFFOLD / "branch")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_fill(template, **values), encoding="utf-8")
    (folder / "groups.yml").write_text(groups_yaml(groups), encoding="utf-8")
    (folder / "photos").mkdir(exist_ok=True)
