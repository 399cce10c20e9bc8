"""`showcase import KIND FILE.xlsx --branch ID`: read a workbook, preview, then write the data files.

Nothing is written when any row is bad; an existing file is replaced only with `--force`
(or when it holds no data yet, as `new branch` leaves it).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.excel.rows import BUILDERS, Context, read_rows
from generator.excel.sheet import Table, read_table
from generator.excel.specs import KINDS
from generator.load.reading import DEFAULT_LIMITS
from generator.models import Standard
from generator.problems import InputError, Problem

# Activity file names (ids) from the type: ASCII, as the URL needs, readable for an officer.
TYPE_SLUGS = {
    "支部党员大会": "dangyuandahui",
    "支委会": "zhiweihui",
    "党小组会": "dangxiaozuhui",
    "党课": "dangke",
    "主题党日": "zhutidangri",
    "组织生活会": "zuzhishenghuohui",
    "民主评议党员": "minzhupingyi",
    "志愿服务": "zhiyuanfuwu",
    "结对共建": "jieduigongjian",
    "学习培训": "xuexipeixun",
    "政治生日": "zhengzhishengri",
}


@dataclass
class Plan:
    """What an import would write, as data: file path (relative to the branch) -> its records
    (a members list, {year: commitments}, {year: {item: entry}}, or an activity's
    (front matter, body)). Kept as data so a re-import can merge it into what is on file
    (reimport.py) before it becomes text."""

    table: Table
    kind: str
    source: str  # the workbook's file name, for the header comment
    summary: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def text(self, name: str, data: Any) -> str:
        """One file's text: YAML with a header comment, or an activity's Markdown."""
        if self.kind == "activities":
            meta, body = data
            return activity_text(meta, body)
        head = f"# 由 showcase import {self.kind} 从 {self.source} 生成；字段说明见站点的“使用指南”。\n"
        if self.kind == "members":
            return head + PRIVATE_NOTE + _dump(data)
        if self.kind == "commitments":
            if len(data) == 1:  # the one-year form {year, items}
                ((year, items),) = data.items()
                return head + _dump({"year": year, "items": items})
            return head + _dump(dict(sorted(data.items())))  # the by-year form
        return head + REVIEWER_NOTE + _dump(dict(sorted(data.items())), None)

    @property
    def files(self) -> dict[str, str]:
        return {name: self.text(name, data) for name, data in self.data.items()}


PRIVATE_NOTE = "# private: 下的联系方式与证件号只用于内部核对，不会出现在网站、展板或导出中。\n"
REVIEWER_NOTE = "# 评定记录由上级党建工作部（考核组）填写，不由支部自评。\n"


def context(folder: Path, standard: Standard | None) -> Context:
    """Groups and members as the branch files have them now (unreadable files count as absent)."""
    groups = _raw_list(folder / "groups.yml")
    members = _raw_list(folder / "members.yml")
    return Context(
        groups={
            str(g["id"]): str(g.get("name") or g["id"])
            for g in groups
            if isinstance(g, dict) and g.get("id")
        },
        members=tuple(str(m["name"]) for m in members if isinstance(m, dict) and m.get("name")),
        activity_types=standard.activity_types if standard else (),
        aliases=dict(getattr(standard, "aliases", {}) or {}) if standard else {},
        item_ids=tuple(i.id for i in standard.items) if standard else (),
        attested_ids=frozenset(i.id for i in standard.items if i.is_attested)
        if standard
        else frozenset(),
        na_ids=frozenset(i.id for i in standard.items if i.na_allowed) if standard else frozenset(),
    )


def _raw(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def _raw_list(path: Path) -> list[Any]:
    data = _raw(path)
    return data if isinstance(data, list) else []


def _dump(data: Any, flow: bool | None = False) -> str:
    return yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=flow, width=1000
    )


def plan_import(
    kind_name: str,
    xlsx: Path,
    shown: str,
    folder: Path,
    standard: Standard | None,
    year: int | None,
    limit: int = DEFAULT_LIMITS.workbook_bytes,
) -> Plan:
    """Read the workbook and build the files to write; InputError listing every bad row."""
    kind = KINDS[kind_name]
    table = read_table(xlsx, shown, kind, limit)
    ctx = context(folder, standard)
    rows, problems = read_rows(table, ctx)
    built, more = BUILDERS[kind_name](table, rows, ctx)
    problems += more
    if problems:
        raise InputError(problems)
    if not built:
        raise InputError(
            [
                Problem(
                    f"{table.file}!{table.sheet}",
                    0,
                    f"表头（第 {table.header_row} 行）下面没有数据行",
                )
            ]
        )
    plan = Plan(table, kind_name, xlsx.name)
    if kind_name == "members":
        plan.data["members.yml"] = built
        plan.summary = f"{len(built)} 名党员 → members.yml"
    elif kind_name == "commitments":
        y = commitment_year(built, year)
        plan.data["commitments.yml"] = {y: built}
        later = sum(1 for i in built if isinstance(i.get("due"), dt.date) and i["due"].year != y)
        plan.summary = f"{y} 年 {len(built)} 项公开承诺 → commitments.yml" + (
            f"（其中 {later} 项的完成时限不在 {y} 年，也计入 {y} 年；其他年度请用 --year 分表导入）"
            if later
            else ""
        )
    elif kind_name == "assessment":
        plan.data["assessment.yml"] = built
        plan.summary = f"{sum(len(v) for v in built.values())} 条评定记录（{'、'.join(map(str, built))} 年）→ assessment.yml"
    else:
        plan.data.update(_activity_files(built))
        plan.summary = f"{len(built)} 条活动记录 → activities/ 下每条一个 .md 文件"
    return plan


def commitment_year(items: list[dict[str, Any]], year: int | None) -> int:
    """The year a sheet of commitments is for: `--year`, else the year most of its due dates
    fall in (the earliest of equals). A sheet is one year's list: a 2024 pledge due in
    January 2025 is still one of 2024's, not a list of 2025 of its own."""
    if year is not None:
        return year
    years = Counter(i["due"].year for i in items if isinstance(i.get("due"), dt.date))
    if not years:
        return dt.date.today().year
    top = max(years.values())
    return min(y for y, n in years.items() if n == top)


def _activity_files(rows: list[dict[str, Any]]) -> dict[str, tuple[dict[str, Any], str]]:
    files: dict[str, tuple[dict[str, Any], str]] = {}
    for row in rows:
        meta = row["meta"]
        base = f"{meta['date'].isoformat()}-{TYPE_SLUGS.get(meta['type'], 'huodong')}"
        name, n = f"activities/{base}.md", 2
        while name in files:
            name, n = f"activities/{base}-{n}.md", n + 1
        files[name] = (meta, str(row["body"]).strip())
    return files


# The first line of an imported activity's front matter: a later import of the ledger can
# tell its own files (which it may name as left over) from ones written by hand.
IMPORTED_MARK = "# 由 showcase import 从 Excel 活动台账导入\n"


def activity_text(meta: dict[str, Any], body: str) -> str:
    """An activity file as the guide shows one: a field a line, short lists inline."""
    front = "".join(
        _dump({key: value}, None if isinstance(value, (dict, list)) else False)
        for key, value in meta.items()
    )
    body = body.strip()
    return "---\n" + IMPORTED_MARK + front + "---\n" + (body + "\n" if body else "")


def holds_data(path: Path) -> bool:
    """False for a file `new branch` wrote and nobody filled yet (comments and an empty list)."""
    if not path.exists():
        return False
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return True  # unreadable: someone's work in progress, keep it
    if data in (None, [], {}):
        return False
    return not (isinstance(data, dict) and set(data) <= {"year", "items"} and not data.get("items"))


def _without_private(lines: list[str]) -> list[str]:
    """The preview's lines with what lies under `private:` left out: a terminal's scrollback
    and a pasted screenshot are no place for ID numbers."""
    out: list[str] = []
    inside: int | None = None  # the indentation of the private: key being skipped
    for line in lines:
        indent = len(line) - len(line.lstrip(" -"))
        if inside is not None and indent > inside and line.strip():
            continue
        inside = None
        key = line.lstrip(" -")
        if key.startswith("private:"):
            inside = indent
            line = line[: len(line) - len(key)] + "private: （联系方式与证件号，不显示）"
        out.append(line)
    return out


def preview(plan: Plan, limit: int = 2) -> str:
    """What will be written: columns used and ignored, the count, the first entries."""
    t = plan.table
    used = "、".join(
        f"{written}→{col.key}{'（private）' if col.private else ''}" for written, col in t.used
    )
    lines = [
        f"读取 {t.file} 的工作表“{t.sheet}”，表头在第 {t.header_row} 行，数据 {len(t.rows)} 行。",
        f"使用的列: {used}",
        f"忽略的列: {'、'.join(t.ignored) if t.ignored else '无'}",
    ]
    if t.hidden:
        lines.append(f"跳过 Excel 中隐藏的行: {'、'.join(f'R{n}' for n in t.hidden)}")
    if t.sections:
        lines.append(
            "分节行（不是数据，其下各行按它归入党小组）: "
            + "、".join(f"R{n}“{text}”" for n, text in t.sections)
        )
    lines.append(f"将写入: {plan.summary}")
    for name, text in list(plan.files.items())[:limit]:
        shown = _without_private([ln for ln in text.splitlines() if not ln.startswith("#")])[:14]
        lines.append(f"--- {name}（前几行）")
        lines += ["    " + ln for ln in shown]
    return "\n".join(lines)
