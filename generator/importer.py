"""Import a member roster (党员名册) from Excel into members.yml.

Officers keep rosters in Excel today; this reads the first sheet, finds columns by their
Chinese headers, and writes members.yml. Contact details go under `private:` so they are
kept for internal checks but never published.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from generator.problems import InputError, Problem

# header text (as officers write it) -> (field, is_private)
COLUMNS: dict[str, tuple[str, bool]] = {
    "姓名": ("name", False),
    "党小组": ("group", False),
    "党小组编号": ("group", False),
    "岗位": ("post", False),
    "职务": ("roles", False),
    "角色": ("roles", False),
    "入党时间": ("joined", False),
    "入党日期": ("joined", False),
    "联系电话": ("phone", True),
    "手机": ("phone", True),
    "身份证号": ("id_number", True),
    "身份证号码": ("id_number", True),
}


def _date(value: Any, where: tuple[str, int]) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError([Problem(where[0], where[1], f'"{value}" 不是有效日期（如 2012-07-01）')]) from None


def read_roster(path: Path) -> list[dict[str, Any]]:
    """Rows of the first sheet as member mappings in the members.yml shape."""
    from openpyxl import load_workbook

    shown = path.as_posix()
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise InputError([Problem(shown, 0, f"无法读取 Excel 文件: {exc}")]) from None
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    if not rows:
        raise InputError([Problem(shown, 1, "工作表为空")])
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    fields = {i: COLUMNS[h] for i, h in enumerate(header) if h in COLUMNS}
    if not any(f == ("name", False) for f in fields.values()):
        raise InputError([Problem(shown, 1, f"第一行应为表头且包含“姓名”列；可识别的列: {'、'.join(COLUMNS)}")])
    members: list[dict[str, Any]] = []
    for n, row in enumerate(rows[1:], start=2):
        member: dict[str, Any] = {}
        private: dict[str, str] = {}
        for i, (field, is_private) in fields.items():
            value = row[i] if i < len(row) else None
            if value is None or str(value).strip() == "":
                continue
            if is_private:
                private[field] = str(value).strip()
            elif field == "joined":
                member[field] = _date(value, (shown, n))
            elif field == "roles":
                member[field] = [r for r in str(value).replace("，", ",").replace("、", ",").split(",") if r.strip()]
            else:
                member[field] = str(value).strip()
        if not member.get("name"):
            continue  # blank or subtotal rows
        if private:
            member["private"] = private
        members.append(member)
    return members


def members_yaml(members: list[dict[str, Any]]) -> str:
    head = "# 由 showcase import 从 Excel 名册生成。private: 下的内容不会出现在网站、展板或导出中。\n"
    return head + yaml.safe_dump(members, allow_unicode=True, sort_keys=False, default_flow_style=False)
