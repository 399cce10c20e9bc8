"""Turn a workbook's rows into the records of members.yml, activities, commitments.yml and
assessment.yml. Every bad cell of every row is reported at once as `FILE!Sheet:R12: …`."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.excel.cells import (
    CellError,
    read_date,
    read_id_number,
    read_int,
    read_list,
    read_name,
    read_names,
    read_number,
    read_phone,
    read_text,
)
from generator.excel.sheet import Row, Table
from generator.excel.specs import (
    BRANCH_WORDS,
    NA_WORDS,
    RESULT_WORDS,
    VETO_IDS,
    VETO_WORDS,
    Column,
    normalize_header,
)
from generator.load.refs import suggest
from generator.models.records import COMMITMENT_KINDS
from generator.problems import Problem


@dataclass(frozen=True)
class Context:
    """What the branch and the rulebook know, to resolve names into ids and catch typos."""

    groups: dict[str, str] = field(default_factory=dict)  # group id -> name
    members: tuple[str, ...] = ()
    activity_types: tuple[str, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)  # officer's word -> rulebook type
    item_ids: tuple[str, ...] = ()
    attested_ids: frozenset[str] = frozenset()  # items a reviewer decides (pass / na)
    na_ids: frozenset[str] = frozenset()  # automatic items the rulebook lets a reviewer mark 不适用

    def group_of_heading(self, heading: str) -> str | None:
        """The group a sub-heading row names (第一党小组, 第一党小组（5人）); None for one that
        names no group (在职党员, 离退休党员)."""
        for text in (heading, normalize_header(heading)):
            with contextlib.suppress(CellError):
                return self.group_id(text)
        return None

    def group_id(self, text: str) -> str:
        if text in self.groups:
            return text
        by_name = {name: gid for gid, name in self.groups.items()}
        if text in by_name:
            return by_name[text]
        if not self.groups:
            raise CellError(f'党小组 "{text}" 无法识别：本支部的 groups.yml 中还没有党小组')
        known = "、".join(f"{n}（{g}）" for g, n in self.groups.items())
        hint = suggest(text, [*self.groups.values(), *self.groups])
        raise CellError(f'党小组 "{text}" 不在 groups.yml 中{hint}；可用: {known}')


def _cell(column: Column, value: Any, ctx: Context) -> Any:
    kind = column.read
    if kind == "date":
        return read_date(value)
    if kind == "list":
        return read_list(value)
    if kind == "name":
        return read_name(value)
    if kind == "names":  # checked here, with the row's other cells, not after them
        names = read_names(value)
        unknown = [n for n in names if ctx.members and n not in ctx.members]
        if unknown:
            hints = "；".join(f'"{n}"{suggest(n, ctx.members)}' for n in unknown)
            raise CellError(f"不在 members.yml 中: {hints}")
        return names
    if kind == "int":
        return read_int(value)
    if kind == "number":
        return read_number(value)
    if kind == "phone":
        return read_phone(value)
    if kind == "id_number":
        return read_id_number(value)
    if kind == "group":
        return ctx.group_id(read_text(value))
    if kind == "who":
        text = read_name(value)
        if text in BRANCH_WORDS:
            return "branch"
        if text in ctx.groups or text in ctx.groups.values():
            return ctx.group_id(text)
        if ctx.members and text not in ctx.members:
            raise CellError(
                f'承诺人 "{text}" 既不是党员姓名，也不是党小组或“支部”{suggest(text, ctx.members)}'
            )
        return text
    if kind == "type":
        text = read_text(value)
        text = ctx.aliases.get(text, text)
        if ctx.activity_types and text not in ctx.activity_types:
            hint = suggest(text, [*ctx.activity_types, *ctx.aliases])
            raise CellError(
                f'活动类型 "{text}" 不在评定标准中{hint}；可用: {"、".join(ctx.activity_types)}'
            )
        return text
    if kind == "result":
        text = read_text(value).lower()
        if text in NA_WORDS:
            return "na"
        if text in RESULT_WORDS or text in VETO_WORDS:
            return text
        raise CellError(f'评定结果 "{read_text(value)}" 无法识别：请写 通过 / 不通过 / 不适用')
    return read_text(value)


def read_rows(table: Table, ctx: Context) -> tuple[list[tuple[Row, dict[str, Any]]], list[Problem]]:
    """Each data row as {key: value}; every bad cell becomes a problem naming row and column."""
    out: list[tuple[Row, dict[str, Any]]] = []
    problems: list[Problem] = []
    headers = {col.key: written for written, col in table.used}
    columns = {col.key: col for _, col in table.used}
    for row in table.rows:
        record: dict[str, Any] = {}
        bad = False
        for key, value in row.values.items():
            try:
                record[key] = _cell(columns[key], value, ctx)
            except CellError as exc:
                problems.append(table.problem(row.number, f"“{headers[key]}”列: {exc}"))
                bad = True
        for col in columns.values():
            if col.required and col.key not in row.values:
                problems.append(table.problem(row.number, f"“{headers[col.key]}”列不能为空"))
                bad = True
        if not bad:
            out.append((row, record))
    return out, problems


Builder = Callable[[Table, list[tuple[Row, dict[str, Any]]], Context], tuple[Any, list[Problem]]]


def _repeat(seen: dict[str, int], key: str, number: int) -> int | None:
    """The row `key` was first seen on, or None (and `number` is remembered for it)."""
    if key in seen:
        return seen[key]
    seen[key] = number
    return None


def members(
    table: Table, rows: list[tuple[Row, dict[str, Any]]], ctx: Context
) -> tuple[list[dict[str, Any]], list[Problem]]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    out = []
    for row, rec in rows:
        name = rec["name"]
        again = _repeat(seen, name, row.number)
        if again:
            problems.append(
                table.problem(
                    row.number, f'姓名 "{name}" 与第 {again} 行重复（同名请加区分，如 王强（二））'
                )
            )
            continue
        if "group" not in rec and row.section is not None:
            group = ctx.group_of_heading(row.section)
            if group is not None:
                rec["group"] = group
        member = {
            k: rec[k] for k in ("name", "group", "post", "roles", "joined", "photo") if k in rec
        }
        private = {k: rec[k] for k in ("phone", "id_number") if k in rec}
        if private:
            member["private"] = private
        out.append(member)
    return out, problems


def activities(
    table: Table, rows: list[tuple[Row, dict[str, Any]]], ctx: Context
) -> tuple[list[dict[str, Any]], list[Problem]]:
    problems: list[Problem] = []
    out = []
    seen: dict[str, int] = {}  # the row's cells -> its row number
    for row, rec in rows:
        again = _repeat(seen, repr(sorted(rec.items())), row.number)
        if again:
            problems.append(
                table.problem(
                    row.number,
                    f"与第 {again} 行完全相同（重复粘贴？）；同一天确有两次相同的活动时请在标题上加以区分",
                )
            )
            continue
        meta: dict[str, Any] = {k: rec[k] for k in ("date", "type", "title", "group") if k in rec}
        if "expected" in rec or "present" in rec:
            if "expected" not in rec or "present" not in rec:
                problems.append(table.problem(row.number, "应到人数与实到人数要么都填，要么都不填"))
                continue
            if rec["present"] > rec["expected"]:
                problems.append(
                    table.problem(
                        row.number, f"实到人数 {rec['present']} 大于应到人数 {rec['expected']}"
                    )
                )
                continue
            meta["attendance"] = {"expected": rec["expected"], "present": rec["present"]}
        participants = rec.get("participants", [])
        if "attendance" in meta and len(participants) > meta["attendance"]["present"]:
            problems.append(
                table.problem(
                    row.number,
                    f"参加人员 {len(participants)} 人，多于实到人数 {meta['attendance']['present']}",
                )
            )
            continue
        for key in ("participants", "photos", "points", "tags"):
            if rec.get(key) not in (None, []):
                meta[key] = rec[key]
        out.append({"row": row.number, "meta": meta, "body": rec.get("body", "")})
    return out, problems


def commitments(
    table: Table, rows: list[tuple[Row, dict[str, Any]]], ctx: Context
) -> tuple[list[dict[str, Any]], list[Problem]]:
    problems: list[Problem] = []
    out = []
    for row, rec in rows:
        if rec["kind"] not in COMMITMENT_KINDS:
            hint = suggest(rec["kind"], COMMITMENT_KINDS)
            problems.append(
                table.problem(
                    row.number,
                    f'承诺类型 "{rec["kind"]}" 无效{hint}；应为 {"、".join(COMMITMENT_KINDS)} 之一',
                )
            )
            continue
        out.append(
            {k: rec[k] for k in ("who", "kind", "text", "due", "done", "evidence") if k in rec}
        )
    return out, problems


def assessment(
    table: Table, rows: list[tuple[Row, dict[str, Any]]], ctx: Context
) -> tuple[dict[int, dict[str, Any]], list[Problem]]:
    problems: list[Problem] = []
    years: dict[int, dict[str, Any]] = {}
    for row, rec in rows:
        year, item, result = rec["year"], rec["id"], rec["result"]
        if not 1900 < year < 3000:
            problems.append(table.problem(row.number, f"年度 {year} 无效"))
            continue
        entries = years.setdefault(year, {})
        key = "veto" if item.lower() in VETO_IDS else item.upper()
        if key in entries:
            problems.append(
                table.problem(row.number, f"{year} 年的条目 {key} 已在前面的行中评定过")
            )
            continue
        if key == "veto":
            if result not in VETO_WORDS:
                problems.append(
                    table.problem(row.number, "一票否决行的评定结果请写 触发 或 未触发")
                )
                continue
            veto: dict[str, Any] = {"triggered": VETO_WORDS[result]}
            reason = rec.get("reason") or rec.get("note")
            if veto["triggered"] and not reason:
                problems.append(table.problem(row.number, "一票否决为“触发”时必须填写理由"))
                continue
            if reason:
                veto["reason"] = reason
            if "by" in rec:
                veto["by"] = rec["by"]
            entries[key] = veto
            continue
        if ctx.item_ids and key not in ctx.item_ids:
            problems.append(
                table.problem(
                    row.number, f'条目编号 "{item}" 不在评定标准中{suggest(key, ctx.item_ids)}'
                )
            )
            continue
        att: dict[str, Any] = {}
        if ctx.attested_ids and result != "na" and key not in ctx.attested_ids:
            problems.append(
                table.problem(
                    row.number, f"条目 {key} 由系统根据数据自动核验，不能评定通过或不通过"
                )
            )
            continue
        if ctx.attested_ids and result == "na" and key not in ctx.attested_ids | ctx.na_ids:
            problems.append(
                table.problem(
                    row.number, f"条目 {key} 不允许认定不适用（评定标准未标注 na_allowed: true）"
                )
            )
            continue
        if result == "na":
            if not rec.get("reason"):
                problems.append(table.problem(row.number, "“不适用”必须在理由列写明原因"))
                continue
            att = {"na": True, "reason": rec["reason"]}
            if "until" in rec:
                att["until"] = rec["until"]
        elif result in RESULT_WORDS:
            att = {"pass": RESULT_WORDS[result]}
        else:
            problems.append(
                table.problem(row.number, f'评定结果 "{result}" 无效：请写 通过 / 不通过 / 不适用')
            )
            continue
        for k in ("by", "note", "evidence"):
            if k in rec:
                att[k] = rec[k]
        entries[key] = att
    return years, problems


BUILDERS: dict[str, Builder] = {
    "members": members,
    "activities": activities,
    "commitments": commitments,
    "assessment": assessment,
}
