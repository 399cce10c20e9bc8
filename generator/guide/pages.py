"""The 使用指南 pages: hand-written Chinese text (guide/text/*.md) with generated parts.

Markers in the text are replaced at build time:
`<!-- tables: FILE -->` field tables from the models; `<!-- types -->`, `<!-- aliases -->`,
`<!-- attested -->`, `<!-- items -->`, `<!-- standard -->` from the site's own rulebook; `<!-- excel -->`
the workbook columns from generator/excel/specs.py. So the guide follows the code and
the rulebook a site actually uses.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from generator.excel.specs import KINDS
from generator.guide.tables import file_tables
from generator.models import Standard
from generator.rules.table import items_table

TEXT = Path(__file__).resolve().parent / "text"

# (src_uri, text file, title) in nav order
PAGES: tuple[tuple[str, str, str], ...] = (
    ("guide/index.md", "index.md", "使用指南"),
    ("guide/files/branch/index.md", "branch.md", "branch.yml 支部概况与品牌"),
    ("guide/files/groups/index.md", "groups.md", "groups.yml 党小组"),
    ("guide/files/members/index.md", "members.md", "members.yml 党员"),
    ("guide/files/commitments/index.md", "commitments.md", "commitments.yml 公开承诺"),
    ("guide/files/activity/index.md", "activities.md", "activities/ 活动记录"),
    ("guide/files/assessment/index.md", "assessment.md", "assessment.yml 评定记录"),
    ("guide/files/rulebook/index.md", "rulebook.md", "评定标准"),
    ("guide/scorecard/index.md", "scorecard.md", "读懂星级评定页"),
    ("guide/boards/index.md", "boards.md", "展板打印"),
    ("guide/excel/index.md", "excel.md", "Excel 导入与模板"),
    ("guide/export/index.md", "export.md", "导出评定结果"),
    ("guide/publish/index.md", "publish.md", "发布站点"),
)
_MARKER = re.compile(
    r"<!-- (tables: (?P<file>[\w./]+)|(?P<what>types|aliases|attested|items|standard|excel)) -->"
)


def _e(text: object) -> str:
    """Rulebook text inside a Markdown table: HTML-escaped, pipes kept inside their cell."""
    return html.escape(str(text)).replace("|", "\\|")


def _types(std: Standard) -> str:
    rows = ["| 活动类型 | 每人积分 | 党小组积分 | 也可写作 |", "|---|---|---|---|"]
    for t in std.activity_types:
        p = std.points.get(t)
        aliases = "、".join(a for a, target in std.aliases.items() if target == t)
        rows.append(
            f"| {_e(t)} | {_e(p.member) if p else 0} | {_e(p.group) if p else 0} | {_e(aliases)} |"
        )
    return "\n".join(rows)


def _aliases(std: Standard) -> str:
    if not std.aliases:
        return "本站的评定标准没有定义别名。"
    rows = ["| 写作 | 按此类型计 |", "|---|---|"]
    rows += [f"| {_e(a)} | {_e(t)} |" for a, t in std.aliases.items()]
    return "\n".join(rows)


def _attested(std: Standard) -> str:
    items = [i for i in std.items if i.is_attested]
    if not items:
        return "本站的评定标准没有需要考核组评定的条目。"
    rows = ["| 条目编号 | 类别 | 星级 | 内容 | 考核方式 |", "|---|---|---|---|---|"]
    for i in items:
        kind = f"{i.tier}星{'（自选）' if i.optional else ''}"
        rows.append(f"| {_e(i.id)} | {_e(i.category)} | {kind} | {_e(i.text)} | {_e(i.how)} |")
    return "\n".join(rows)


def _items(std: Standard) -> str:
    """Every item of the site's rulebook with its rule and what it checks, in words."""
    return "\n".join(items_table(std, _e))


def _excel() -> str:
    parts = []
    for kind in KINDS.values():
        rows = [
            f"## {kind.title}（{kind.name}）→ {kind.target}",
            "",
            "| 列名 | 必填 | 写入 | 也可写作 | 说明 |",
            "|---|---|---|---|---|",
        ]
        for c in kind.columns:
            target = f"private.{c.key}" if c.private else c.key
            rows.append(
                f"| {c.header} | {'是' if c.required else ''} | `{target}` | {'、'.join(c.synonyms)} | {_e(c.help)} |"
            )
        parts.append("\n".join(rows) + "\n")
    return "\n".join(parts)


def page_markdown(text_file: str, std: Standard) -> str:
    text = (TEXT / text_file).read_text(encoding="utf-8")

    def fill(m: re.Match[str]) -> str:
        if m.group("file"):
            return file_tables(m.group("file"))
        what = m.group("what")
        if what == "standard":
            return f"《{_e(std.name)}》（{_e(std.version)}版）"
        if what == "excel":
            return _excel()
        return {"types": _types, "aliases": _aliases, "attested": _attested, "items": _items}[what](
            std
        )

    return _MARKER.sub(fill, text)
