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
}


@dataclass
class Plan:
    """What an import would write: file path (relative to the branch) -> text."""

    table: Table
    summary: str
    files: dict[str, str] = field(default_factory=dict)


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
    head = f"# 由 showcase import {kind_name} 从 {xlsx.name} 生成；字段说明见站点的“使用指南”。\n"
    plan = Plan(table, "")
    if kind_name == "members":
        plan.files["members.yml"] = (
            head
            + "# private: 下的联系方式与证件号只用于内部核对，不会出现在网站、展板或导出中。\n"
            + _dump(built)
        )
        plan.summary = f"{len(built)} 名党员 → members.yml"
    elif kind_name == "commitments":
        by_year = _by_year(built, year)
        if len(by_year) == 1:
            ((y, items),) = by_year.items()
            plan.files["commitments.yml"] = head + _dump({"year": y, "items": items})
        else:  # commitments of several years: the by-year form {2023: [...], 2024: [...]}
            plan.files["commitments.yml"] = head + _dump(by_year)
        years = "、".join(map(str, by_year))
        plan.summary = f"{years} 年 {len(built)} 项公开承诺 → commitments.yml"
    elif kind_name == "assessment":
        plan.files["assessment.yml"] = (
            head + "# 评定记录由上级党建工作部（考核组）填写，不由支部自评。\n" + _dump(built, None)
        )
        plan.summary = f"{sum(len(v) for v in built.values())} 条评定记录（{'、'.join(map(str, built))} 年）→ assessment.yml"
    else:
        plan.files.update(_activity_files(built, folder))
        plan.summary = f"{len(built)} 条活动记录 → activities/ 下每条一个 .md 文件"
    return plan


def _by_year(items: list[dict[str, Any]], year: int | None) -> dict[int, list[dict[str, Any]]]:
    """Commitments by the year of their due date; `--year` puts them all in one year, and
    one without a due date goes with the most common year."""
    if year is not None:
        return {year: items}
    years = Counter(i["due"].year for i in items if isinstance(i.get("due"), dt.date))
    default = years.most_common(1)[0][0] if years else dt.date.today().year
    out: dict[int, list[dict[str, Any]]] = {}
    for item in items:
        due = item.get("due")
        out.setdefault(due.year if isinstance(due, dt.date) else default, []).append(item)
    return dict(sorted(out.items()))


def _activity_files(rows: list[dict[str, Any]], folder: Path) -> dict[str, str]:
    files: dict[str, str] = {}
    for row in rows:
        meta = row["meta"]
        base = f"{meta['date'].isoformat()}-{TYPE_SLUGS.get(meta['type'], 'huodong')}"
        name, n = f"activities/{base}.md", 2
        while name in files:
            name, n = f"activities/{base}-{n}.md", n + 1
        body = str(row["body"]).strip()
        files[name] = "---\n" + _dump(meta, None) + "---\n" + (body + "\n" if body else "")
    return files


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
        f"将写入: {plan.summary}",
    ]
    for name, text in list(plan.files.items())[:limit]:
        shown = [ln for ln in text.splitlines() if not ln.startswith("#")][:14]
        lines.append(f"--- {name}（前几行）")
        lines += ["    " + ln for ln in shown]
    return "\n".join(lines)
