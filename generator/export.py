"""Reviewer exports of the results: JSON (stable schema), CSV and XLSX, byte-for-byte reproducible.

JSON follows "Results export" in DATA-FORMAT.md and adds keys (never renames):
  top level   standard {name, version, stamp}, year, as_of (ISO date), branches [...]
  per branch  id, name, unit, publish, star, star_name, vetoed, veto_reason, next_star,
              items [{id, category, tier, optional, veto, text, how, pass, na, na_reason,
                      value, threshold, explanation, evidence [{kind, ref, label}]}],
              missing_for_next, missing_optional_for_next,
              categories [{name, passed, total, optional_passed, optional_total}],
              commitments {total, fulfilled, overdue, in_progress, rate},
              warnings [{kind, message, date, ref}],
              groups [{id, name, brand, points, points_by_period}],   points = the year's total
              members [{name, group, points}],  model_groups {"2024-Q1": group id},
              history [{year, as_of, star, vetoed}]
CSV: one row per branch, UTF-8 with BOM (so Excel shows Chinese), columns = SUMMARY_COLUMNS
(`category` columns repeat per rulebook category as "<类别>通过" / "<类别>条目").
XLSX: sheets 汇总 (the CSV rows), 条目 (branch × item), 预警, 积分 (groups and members × period).

Only data already in the results and the public profile is written; nothing under `private:`
ever reaches the models, and no raw file is copied here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.writer.excel import ExcelWriter

from generator.load.project import Project
from generator.models import Branch
from generator.score.results import BranchResult, ItemResult, Results
from generator.score.roster import roster_summary

Format = Literal["json", "csv", "xlsx"]

WARNING_LABELS = {
    "term_expired": "换届逾期",
    "term_expiring": "换届提醒",
    "org_life_gap": "组织生活缺失",
    "commitment_overdue": "承诺逾期",
    "low_attendance": "出席率偏低",
    "stale_data": "数据未更新",
    "probation_due": "转正提醒",
    "probation_overdue": "转正逾期",
    "activist_short": "发展程序",
}


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _round(x: float | None) -> float | None:
    return round(x, 4) if x is not None else None


def _models(r: BranchResult) -> str:
    return "；".join(f"{q}:{g}" for q, g in sorted(r.model_groups.items()))


Pair = tuple[Branch, BranchResult]
Table = list[list[Any]]


def _rows(results: Results, project: Project, include_unpublished: bool) -> Iterator[Pair]:
    """Branches in id order; unpublished ones only when the reviewer asked for them."""
    for bid, res in sorted(results.branches.items()):
        branch = project.branch(bid)
        if branch is not None and (branch.publish or include_unpublished):
            yield branch, res


def _group_rows(branch: Branch, res: BranchResult, year: int) -> list[dict[str, Any]]:
    ids = sorted({g.id for g in branch.groups} | set(res.points.groups))
    out = []
    for gid in ids:
        g = branch.group(gid)
        out.append(
            {
                "id": gid,
                "name": g.name if g else gid,
                "brand": g.brand if g else "",
                "points": res.points.group_total(gid, str(year)),
                "points_by_period": res.points.groups.get(gid, {}),
            }
        )
    return out


def _item_json(r: ItemResult) -> dict[str, Any]:
    return {
        "id": r.id,
        "category": r.category,
        "tier": r.tier,
        "optional": r.optional,
        "veto": r.veto,
        "text": r.text,
        "how": r.how,
        "pass": r.passed,
        "na": r.na,
        "na_reason": r.na_reason,
        "value": r.value,
        "threshold": r.threshold,
        "explanation": r.explanation,
        "evidence": [{"kind": e.kind, "ref": e.ref, "label": e.label} for e in r.evidence],
    }


def branch_json(branch: Branch, res: BranchResult, year: int) -> dict[str, Any]:
    """One branch in the export schema (DATA-FORMAT.md minimum first, extras after)."""
    card, c = res.scorecard, res.commitments
    member_group = {m.name: m.group for m in branch.members}
    return {
        "id": branch.id,
        "name": branch.profile.name,
        "unit": branch.profile.unit,
        "publish": branch.publish,
        "star": card.star,
        "star_name": card.star_name,
        "vetoed": card.vetoed,
        "veto_reason": card.veto_reason,
        "next_star": card.next_star,
        "items": [_item_json(r) for r in card.items],
        "missing_for_next": list(card.missing_for_next),
        "missing_optional_for_next": card.missing_optional_for_next,
        "categories": [
            {
                "name": k.name,
                "passed": k.passed,
                "total": k.total,
                "optional_passed": k.optional_passed,
                "optional_total": k.optional_total,
            }
            for k in card.categories
        ],
        "commitments": {
            "total": c.total,
            "fulfilled": c.fulfilled,
            "overdue": c.overdue,
            "in_progress": c.in_progress,
            "rate": c.rate,
        },
        "warnings": [
            {"kind": w.kind, "message": w.message, "date": _iso(w.date), "ref": w.ref}
            for w in res.warnings
        ],
        "groups": _group_rows(branch, res, year),
        "members": [
            {"name": n, "group": member_group.get(n), "points": total}
            for n, total in ((n, res.points.member_total(n, str(year))) for n in res.points.members)
        ],
        "model_groups": dict(sorted(res.model_groups.items())),
        "roster": roster_summary(branch, card.as_of),  # counts only: applicants are never named
        "history": [
            {"year": h.year, "as_of": h.as_of.isoformat(), "star": h.star, "vetoed": h.vetoed}
            for h in res.history
        ],
    }


def to_json(results: Results, project: Project, include_unpublished: bool = False) -> bytes:
    doc = {
        "standard": {
            "name": results.standard_name,
            "version": results.standard_version,
            "stamp": project.standard.stamp,
        },
        "year": results.year,
        "as_of": results.as_of.isoformat(),
        "branches": [
            branch_json(b, r, results.year) for b, r in _rows(results, project, include_unpublished)
        ],
    }
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# -- tables shared by CSV and XLSX ----------------------------------------------------------

Getter = Callable[[Branch, BranchResult], Any]


def summary_columns(results: Results, project: Project) -> list[tuple[str, Getter]]:
    """汇总 columns: one row per branch; the same list writes the CSV and the XLSX sheet."""
    year = results.year
    cols: list[tuple[str, Getter]] = [
        ("编号", lambda b, r: b.id),
        ("支部名称", lambda b, r: b.profile.name),
        ("上级党组织", lambda b, r: b.profile.unit),
        ("公开", lambda b, r: _yes(b.publish)),
        ("年度", lambda b, r: year),
        ("评定日期", lambda b, r: results.as_of.isoformat()),
        ("评定标准", lambda b, r: project.standard.stamp),
        ("星级", lambda b, r: r.scorecard.star),
        ("星级名称", lambda b, r: r.scorecard.star_name),
        ("一票否决", lambda b, r: _yes(r.scorecard.vetoed)),
        ("否决原因", lambda b, r: r.scorecard.veto_reason),
        ("下一星级", lambda b, r: r.scorecard.next_star),
        ("差距条目", lambda b, r: "、".join(r.scorecard.missing_for_next)),
        ("还需自选题", lambda b, r: r.scorecard.missing_optional_for_next),
    ]
    for i, name in enumerate(project.standard.categories):
        cols.append((f"{name}通过", lambda b, r, i=i: r.scorecard.categories[i].passed))
        cols.append((f"{name}条目", lambda b, r, i=i: r.scorecard.categories[i].total))
    cols += [
        ("自选题通过", lambda b, r: sum(k.optional_passed for k in r.scorecard.categories)),
        ("承诺总数", lambda b, r: r.commitments.total),
        ("已践诺", lambda b, r: r.commitments.fulfilled),
        ("逾期", lambda b, r: r.commitments.overdue),
        ("进行中", lambda b, r: r.commitments.in_progress),
        ("践诺率", lambda b, r: _round(r.commitments.rate)),
        ("预警数", lambda b, r: len(r.warnings)),
        ("示范党小组", lambda b, r: _models(r)),
        ("历年星级", lambda b, r: "；".join(f"{h.year}:{h.star}" for h in r.history)),
    ]
    return cols


def summary_table(results: Results, project: Project, include_unpublished: bool) -> Table:
    cols = summary_columns(results, project)
    rows: Table = [[name for name, _ in cols]]
    for b, r in _rows(results, project, include_unpublished):
        rows.append([get(b, r) for _, get in cols])
    return rows


def _result_word(r: ItemResult) -> str:
    return "不适用" if r.na else ("通过" if r.passed else "未通过")


ITEM_HEAD = ["支部编号", "支部名称", "条目", "类别", "星级", "自选题", "一票否决", "内容",
             "考核方式", "结果", "测量值", "要求", "说明", "佐证"]  # fmt: skip


def items_table(results: Results, project: Project, include_unpublished: bool) -> Table:
    """条目: one row per branch × item, so a reviewer can filter every failing item at once."""
    rows: Table = [ITEM_HEAD]
    for b, res in _rows(results, project, include_unpublished):
        for r in res.scorecard.items:
            evidence = "；".join(e.label for e in r.evidence)
            flags = [r.category, r.tier, _yes(r.optional), _yes(r.veto)]
            said = [r.text, r.how, _result_word(r), r.value, r.threshold, r.explanation]
            rows.append([b.id, b.profile.name, r.id, *flags, *said, evidence])
    return rows


def warnings_table(results: Results, project: Project, include_unpublished: bool) -> Table:
    rows: Table = [["支部编号", "支部名称", "类型", "类型名称", "日期", "关联", "内容"]]
    for b, res in _rows(results, project, include_unpublished):
        for w in res.warnings:
            date = _iso(w.date)
            label = WARNING_LABELS.get(w.kind, w.kind)
            rows.append([b.id, b.profile.name, w.kind, label, date, w.ref, w.message])
    return rows


def _periods(year: int) -> list[str]:
    quarters = [f"{year}-Q{q}" for q in range(1, 5)]
    return [str(year), *quarters, *(f"{year}-{m:02d}" for m in range(1, 13))]


def points_table(results: Results, project: Project, include_unpublished: bool) -> Table:
    """积分: every group and member of each branch; periods not yet started are left blank."""
    periods = _periods(results.year)
    head = ["支部编号", "支部名称", "对象", "编号/姓名", "名称/所属党小组", "示范党小组季度"]
    rows: Table = [[*head, *periods]]
    for b, res in _rows(results, project, include_unpublished):
        for g in _group_rows(b, res, results.year):
            model = "、".join(q for q, gid in sorted(res.model_groups.items()) if gid == g["id"])
            by = g["points_by_period"]
            who = ["党小组", g["id"], g["name"], model]
            rows.append([b.id, b.profile.name, *who, *(by.get(p) for p in periods)])
        groups = {m.name: m.group or "" for m in b.members}
        for name, by in res.points.members.items():
            who = ["党员", name, groups.get(name, ""), ""]
            rows.append([b.id, b.profile.name, *who, *(by.get(p) for p in periods)])
    return rows


# -- writers ---------------------------------------------------------------------------------


def _csv_safe(value: Any) -> Any:
    """Keep a spreadsheet from running user text as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "@", "\t", "\r"):
        return "'" + value
    if isinstance(value, str) and value[:1] == "-" and not value[1:2].isdigit():
        return "'" + value
    return "" if value is None else value


def to_csv(results: Results, project: Project, include_unpublished: bool = False) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in summary_table(results, project, include_unpublished):
        writer.writerow([_csv_safe(v) for v in row])
    return "\ufeff".encode() + buf.getvalue().encode("utf-8")


def _cell_value(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _sheet(wb: Workbook, title: str, rows: list[list[Any]]) -> None:
    """One sheet in write-only mode (streamed: a large export stays fast and small in memory)."""
    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    for n, row in enumerate(rows):
        cells = []
        for v in row:
            cell = WriteOnlyCell(ws, _cell_value(v))
            if cell.data_type == "f":  # text that merely starts with "=" stays text
                cell.data_type = "s"
            if n == 0:
                cell.font = bold
            cells.append(cell)
        ws.append(cells)


def _stable_zip(raw: bytes, when: dt.date) -> bytes:
    """Rewrite the archive with one fixed timestamp per entry, so the bytes depend on data only."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    src = zipfile.ZipFile(io.BytesIO(raw))
    with src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def to_xlsx(results: Results, project: Project, include_unpublished: bool = False) -> bytes:
    wb = Workbook(write_only=True)
    _sheet(wb, "汇总", summary_table(results, project, include_unpublished))
    _sheet(wb, "条目", items_table(results, project, include_unpublished))
    _sheet(wb, "预警", warnings_table(results, project, include_unpublished))
    _sheet(wb, "积分", points_table(results, project, include_unpublished))
    when = dt.datetime.combine(results.as_of, dt.time())
    props = wb.properties
    props.created = props.modified = when
    props.creator = props.lastModifiedBy = "branch-showcase"
    props.title = f"{project.standard.stamp} {results.year}年 星级评定结果"
    buf = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook would stamp `modified` with the clock.
    ExcelWriter(wb, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED)).save()
    return _stable_zip(buf.getvalue(), results.as_of)


WRITERS: dict[str, Callable[[Results, Project, bool], bytes]] = {
    "json": to_json,
    "csv": to_csv,
    "xlsx": to_xlsx,
}


def export_results(
    results: Results, project: Project, fmt: Format = "json", include_unpublished: bool = False
) -> bytes:
    """The results as one file's bytes; unpublished branches only when asked for."""
    if fmt not in WRITERS:
        raise ValueError(f"不支持的导出格式 {fmt!r}（可选: json、csv、xlsx）")
    return WRITERS[fmt](results, project, include_unpublished)
