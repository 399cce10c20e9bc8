"""Reviewer exports of the results: JSON (stable schema), CSV and XLSX, byte-for-byte reproducible.

JSON follows "Results export" in DATA-FORMAT.md and adds keys (never renames):
  top level   standard {name, version, stamp}, year, as_of (ISO date), branches [...]
  per branch  id, name, unit, publish, star, star_name, star_label, vetoed, veto_reason, next_star,
              items [{id, category, tier, optional, veto, text, how, pass, na, na_reason,
                      value (exact), display (as shown), threshold, explanation,
                      evidence [{kind, ref, label}]}],
              missing_for_next, missing_optional_for_next,
              categories [{name, passed, total, optional_passed, optional_total}],
              commitments {total, fulfilled, overdue, in_progress, rate},
              warnings [{kind, kind_name, message, date, ref}],
              groups [{id, name, brand, points, points_by_period}],   points = the year's total
              members [{name, group, points}],
              model_groups {"2024" | "2024-Q1" | "2024-01": [group ids, all tied]},
              history [{year, as_of, star, vetoed}],
              progress {year, as_of, ended_months, items [{id, status, value, required_so_far,
                        display, required_display, text, explanation}]}   (the running year, 进度)
CSV: one row per branch, UTF-8 with BOM (so Excel shows Chinese), columns = summary_columns
(`category` columns repeat per rulebook category as "<类别>通过" / "<类别>条目").
XLSX: sheets 汇总 (the CSV rows), 条目 (branch × item), 预警, 积分 (groups and members × period),
五力 (members and groups ranked), 党员队伍 (发展党员 counts, never names),
本年进度 (branch × item of the running year); for people: Chinese labels for kinds and periods,
shares as %, dates as dates, sized columns, frozen header with an autofilter.

Only data already in the results and the public profile is written; nothing under `private:`
ever reaches the models, and no raw file is copied here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from generator.excel.results_book import Pct, write_book_rows
from generator.load.project import Project
from generator.load.wuli import default_wuli
from generator.models import Branch, Standard
from generator.rules import kind_of
from generator.score.labels import NO_STAR, WARNING_KINDS, period_label, star_label, warning_label
from generator.score.results import BranchResult, ItemResult, Progress, Results
from generator.score.roster import roster_summary
from generator.score.wuli import wuli_json, wuli_scores

Format = Literal["json", "csv", "xlsx"]

WARNING_LABELS = WARNING_KINDS  # kind -> 中文名称, defined once in score/labels.py


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _round(x: float | None) -> float | None:
    return round(x, 4) if x is not None else None


def _models(branch: Branch, r: BranchResult, year: int) -> str:
    """示范党小组 of the year and its quarters, by group name: "2024年：一组；2024年第1季度：一组、二组"."""
    keys = [str(year), *(f"{year}-Q{q}" for q in range(1, 5))]
    parts = []
    for key in keys:
        gids = r.model_groups.get(key, ())
        if gids:
            names = "、".join((g.name if (g := branch.group(gid)) else gid) for gid in gids)
            parts.append(f"{period_label(key)}：{names}")
    return "；".join(parts)


def _pct(x: float | None) -> Pct | None:
    return None if x is None else Pct(x)


def _history_star(card: Any) -> str:
    return "一票否决" if card.vetoed else star_label(card.star, card.star_name)


def _star_name(star: int, name: str) -> str:
    """星级名称 for a table: the rulebook's tier name, 未评星 for no star."""
    return name if star else NO_STAR


def _gap(r: BranchResult) -> str:
    """差距条目 with each item's text, so a reviewer need not look the ids up."""
    texts = {i.id: i.text for i in r.scorecard.items}
    return "；".join(f"{iid} {texts.get(iid, '')}".rstrip() for iid in r.scorecard.missing_for_next)


Pair = tuple[Branch, BranchResult]
Table = list[list[Any]]


def published(results: Results, project: Project) -> Iterator[Pair]:
    """The branches the site's exports hold (published ones), in id order."""
    return _rows(results, project, False)


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


def _exact(value: Any) -> Any:
    """A measured value for JSON: a rate's Fraction as its full-precision number (never
    rounded to 4 places: 0.9479 can read as a pass or a fail); other values unchanged."""
    return float(value) if isinstance(value, Fraction) else value


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
        "value": _exact(r.value),
        "display": r.display,
        "threshold": r.threshold,
        "explanation": r.explanation,
        "evidence": [{"kind": e.kind, "ref": e.ref, "label": e.label} for e in r.evidence],
    }


def _wuli(branch: Branch, res: BranchResult, year: int, standard: Standard | None) -> Any:
    """五力 of the rated year: scored with the branch (score_branch), else scored here."""
    if res.wuli is not None:
        return res.wuli
    return wuli_scores(branch, default_wuli(), year, res.scorecard.as_of, standard)


def branch_json(
    branch: Branch, res: BranchResult, year: int, standard: Standard | None = None
) -> dict[str, Any]:
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
        "star_label": star_label(card.star, card.star_name),
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
            {
                "kind": w.kind,
                "kind_name": warning_label(w.kind),
                "message": w.message,
                "date": _iso(w.date),
                "ref": w.ref,
            }
            for w in res.warnings
        ],
        "groups": _group_rows(branch, res, year),
        "members": [
            {"name": n, "group": member_group.get(n), "points": total}
            for n, total in ((n, res.points.member_total(n, str(year))) for n in res.points.members)
        ],
        "model_groups": {k: list(v) for k, v in sorted(res.model_groups.items())},
        "roster": roster_summary(branch, card.as_of),  # counts only: applicants are never named
        "wuli": wuli_json(_wuli(branch, res, year, standard)),  # 五力 points model
        "history": [
            {"year": h.year, "as_of": h.as_of.isoformat(), "star": h.star, "vetoed": h.vetoed}
            for h in res.history
        ],
        "progress": _progress_json(res.progress),
    }


def _plain(value: Any) -> Any:
    """JSON has no fractions: an exact share is written as a float."""
    return float(value) if isinstance(value, Fraction) else value


def _progress_json(p: Progress | None) -> dict[str, Any] | None:
    """The running year (进度): DATA-FORMAT's {year, as_of, items: [{id, status, value,
    required_so_far}]}, plus ended_months and each item's text and explanation."""
    if p is None:
        return None
    return {
        "year": p.year,
        "as_of": p.as_of.isoformat(),
        "ended_months": p.ended_months,
        "items": [
            {
                "id": i.id,
                "status": i.status,
                "value": _plain(i.value),
                "required_so_far": _plain(i.required_so_far),
                "display": i.display,
                "required_display": i.required_display,
                "text": i.text,
                "explanation": i.explanation,
            }
            for i in p.items
        ],
    }


def _head(results: Results, project: Project) -> dict[str, Any]:
    """The document around the branches (an empty list, filled by the callers)."""
    return {
        "standard": {
            "name": results.standard_name,
            "version": results.standard_version,
            "stamp": project.standard.stamp,
        },
        "year": results.year,
        "as_of": results.as_of.isoformat(),
        "branches": [],
    }


def to_json(
    results: Results, project: Project, include_unpublished: bool = False, compact: bool = False
) -> bytes:
    """The JSON export; `compact` (the site's download) skips the indentation, which halves the
    file and lets the C encoder run (json's indenting encoder is pure Python, 10× slower)."""
    if compact:
        return b"".join(json_chunks(results, project, include_unpublished))
    doc = _head(results, project)
    rows = _rows(results, project, include_unpublished)
    doc["branches"] = [branch_json(b, r, results.year, project.standard) for b, r in rows]
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def json_chunks(
    results: Results,
    project: Project,
    include_unpublished: bool = False,
    pairs: Iterable[Pair] | None = None,
) -> Iterator[bytes]:
    """The compact JSON export, a branch at a time: the bytes of json.dumps(doc) without ever
    holding the whole document, as objects or as bytes (at a thousand branches ~70 MB of file,
    hundreds of MB as objects); the site's download is written from these as they come.
    `pairs`: the branches and results to write, if not those of `results` and `project`."""
    if pairs is None:
        pairs = _rows(results, project, include_unpublished)
    head = json.dumps(_head(results, project), **_COMPACT)
    assert head.endswith('"branches":[]}')
    yield head[:-2].encode("utf-8")
    for i, (b, r) in enumerate(pairs):
        one = branch_json(b, r, results.year, project.standard)
        yield (b"," if i else b"") + json.dumps(one, **_COMPACT).encode("utf-8")
    yield b"]}\n"


_COMPACT: dict[str, Any] = {"ensure_ascii": False, "separators": (",", ":")}


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
        ("评定日期", lambda b, r: results.as_of),
        ("评定标准", lambda b, r: project.standard.stamp),
        ("星级", lambda b, r: r.scorecard.star),
        ("星级名称", lambda b, r: _star_name(r.scorecard.star, r.scorecard.star_name)),
        ("一票否决", lambda b, r: _yes(r.scorecard.vetoed)),
        ("否决原因", lambda b, r: r.scorecard.veto_reason),
        ("下一星级", lambda b, r: r.scorecard.next_star),
        ("差距条目", lambda b, r: _gap(r)),
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
        ("践诺率", lambda b, r: _pct(_round(r.commitments.rate))),
        ("预警数", lambda b, r: len(r.warnings)),
        ("本年进度落后", lambda b, r: r.progress.count("落后") if r.progress else None),
        ("示范党小组", lambda b, r: _models(b, r, year)),
        ("历年星级", lambda b, r: "；".join(f"{h.year}年：{_history_star(h)}" for h in r.history)),
    ]
    return cols


@dataclass(frozen=True)
class Sheet:
    """One table of the CSV and XLSX: its header, and the rows one branch adds (a branch at a
    time, so the exports can be written as branches arrive, never all held at once)."""

    name: str
    head: list[Any]
    rows: Callable[[Branch, BranchResult], Iterable[list[Any]]]

    def table(self, pairs: Iterable[Pair]) -> Table:
        return [self.head, *(row for b, r in pairs for row in self.rows(b, r))]


def summary_sheet(results: Results, project: Project) -> Sheet:
    cols = summary_columns(results, project)
    return Sheet("汇总", [name for name, _ in cols], lambda b, r: [[get(b, r) for _, get in cols]])


def _result_word(r: ItemResult) -> str:
    return "不适用" if r.na else ("通过" if r.passed else "未通过")


ITEM_HEAD = ["支部编号", "支部名称", "条目", "类别", "星级", "自选题", "一票否决", "内容",
             "考核方式", "结果", "测量值", "要求", "说明", "佐证"]  # fmt: skip


def _rate_items(project: Project) -> set[str]:
    """Items whose measured value is a share (attendance, commitments): shown as %."""
    keys = ("attendance", "commitments_fulfilled")
    return {i.id for i in project.standard.items if kind_of(i.rule).key in keys}


def _as_displayed(value: Any, display: str, rate: bool) -> Any:
    """A rate for the 0.0% format: the exact value, unless Excel's own rounding of it would
    show something else than the page (a failing 0.89966 would read 90.0%, at its threshold);
    then the page's figure ("89.9%" → 0.899)."""
    if rate and display.endswith("%") and isinstance(value, (int, float, Fraction)):
        shown = Fraction(display[:-1]) / 100
        excel = Fraction(math.floor(Fraction(value) * 1000 + Fraction(1, 2)), 1000)
        return Pct(float(value) if excel == shown else float(shown))
    return _measured(value, rate)


def _measured(value: Any, rate: bool) -> Any:
    if rate and isinstance(value, (int, float, Fraction)) and not isinstance(value, bool):
        return Pct(float(value))
    return float(value) if isinstance(value, Fraction) else value


def items_sheet(results: Results, project: Project) -> Sheet:
    """条目: one row per branch × item, so a reviewer can filter every failing item at once."""
    rates = _rate_items(project)

    def rows(b: Branch, res: BranchResult) -> Iterator[list[Any]]:
        for r in res.scorecard.items:
            evidence = "；".join(e.label for e in r.evidence)
            flags = [r.category, r.tier, _yes(r.optional), _yes(r.veto)]
            value = _as_displayed(r.value, r.display, r.id in rates)
            said = [r.text, r.how, _result_word(r), value, r.threshold, r.explanation]
            yield [b.id, b.profile.name, r.id, *flags, *said, evidence]

    return Sheet("条目", ITEM_HEAD, rows)


def _ref_label(ref: str) -> str:
    """关联 in words: a period key as 2024年第2季度, term as 支委会任期, commitment:4 as 第5项承诺."""
    if ref == "term":
        return "支委会任期"
    if ref.startswith("commitment:") and ref[11:].isdigit():
        return f"第{int(ref[11:]) + 1}项公开承诺"
    return period_label(ref)


def warnings_sheet(results: Results, project: Project) -> Sheet:
    def rows(b: Branch, res: BranchResult) -> Iterator[list[Any]]:
        for w in res.warnings:
            label, ref = warning_label(w.kind), _ref_label(w.ref)
            yield [b.id, b.profile.name, label, w.date, ref, w.message]

    return Sheet("预警", ["支部编号", "支部名称", "类型", "日期", "关联", "内容"], rows)


def progress_sheet(results: Results, project: Project) -> Sheet:
    """本年进度: one row per branch × item of the running year (已达标/按进度/待评定/落后)."""
    head = ["支部编号", "支部名称", "年度", "条目", "内容", "进度", "目前", "进度要求", "说明"]
    rates = _rate_items(project)

    def rows(b: Branch, res: BranchResult) -> Iterator[list[Any]]:
        p = res.progress
        if p is None:
            return
        for i in p.items:
            rate = i.id in rates
            value, need = (
                _as_displayed(i.value, i.display, rate),
                _measured(i.required_so_far, rate),
            )
            yield [b.id, b.profile.name, p.year, i.id, i.text, i.status, value, need, i.explanation]

    return Sheet("本年进度", head, rows)


def _periods(year: int) -> list[str]:
    quarters = [f"{year}-Q{q}" for q in range(1, 5)]
    return [str(year), *quarters, *(f"{year}-{m:02d}" for m in range(1, 13))]


def points_sheet(results: Results, project: Project) -> Sheet:
    """积分: every group and member of each branch; periods not yet started are left blank.
    Headers and the 示范党小组 column name periods in words (2024年第2季度, 2024年6月)."""
    year = results.year
    periods = _periods(year)
    head = ["支部编号", "支部名称", "对象", "编号/姓名", "名称/所属党小组", "示范党小组"]

    def rows(b: Branch, res: BranchResult) -> Iterator[list[Any]]:
        for g in _group_rows(b, res, year):
            model = "、".join(
                period_label(k) for k in periods if g["id"] in res.model_groups.get(k, ())
            )
            by = g["points_by_period"]
            who = ["党小组", g["id"], g["name"], model]
            yield [b.id, b.profile.name, *who, *(by.get(p) for p in periods)]
        groups = {m.name: _group_name(b, m.group) for m in b.members}
        for name, by in res.points.members.items():
            who = ["党员", name, groups.get(name, ""), ""]
            yield [b.id, b.profile.name, *who, *(by.get(p) for p in periods)]

    return Sheet("积分", [*head, *(period_label(p) for p in periods)], rows)


def _group_name(branch: Branch, gid: str | None) -> str:
    """A member's group as the officer names it (第一党小组), in the column 名称/所属党小组."""
    group = branch.group(gid) if gid else None
    return group.name if group is not None else gid or ""


def wuli_sheet(results: Results, project: Project) -> Sheet:
    """五力: every member and group of each branch, ranked, with the five dimension scores."""
    dims = list(default_wuli().dimensions)
    head = ["支部编号", "支部名称", "对象", "编号/姓名", "名称/所属党小组", "排名", "五力积分"]

    def rows(b: Branch, res: BranchResult) -> Iterator[list[Any]]:
        w = _wuli(b, res, results.year, project.standard)
        labels = {g.id: g.name for g in w.groups}  # as the group rows below name them
        for m in w.members:
            group = labels.get(m.group or "") or _group_name(b, m.group)
            member = [m.name, group, m.rank, m.total, *(m.dims.get(d) for d in dims)]
            yield [b.id, b.profile.name, "党员", *member]
        for g in w.groups:
            yield [
                b.id,
                b.profile.name,
                "党小组",
                g.id,
                g.name,
                g.rank,
                g.score,
                *[None] * len(dims),
            ]

    return Sheet("五力", [*head, *dims], rows)


ROSTER_STAGES = ("入党申请人", "入党积极分子", "发展对象", "预备党员")


def roster_sheet(results: Results, project: Project) -> Sheet:
    """党员队伍: per branch, 发展党员 counts by stage (never names), 政治生日 this month, 责任区
    and the re-election month."""
    head = ["支部编号", "支部名称", *ROSTER_STAGES, "本月政治生日", "责任区", "换届月份"]

    def rows(b: Branch, res: BranchResult) -> Iterator[list[Any]]:
        r = roster_summary(b, res.scorecard.as_of)  # as the JSON export counts them
        stages = r["development"]
        term = r["term"]
        month = term["reelection_month"] if isinstance(term, dict) else ""
        yield [
            b.id,
            b.profile.name,
            *(stages.get(s, 0) for s in ROSTER_STAGES),  # type: ignore[union-attr]
            r["political_birthdays_this_month"],
            r["zones"],
            period_label(month) if month else "",
        ]

    return Sheet("党员队伍", head, rows)


# The workbook's sheets, in order.
SHEETS = (
    summary_sheet,
    items_sheet,
    warnings_sheet,
    points_sheet,
    progress_sheet,
    wuli_sheet,
    roster_sheet,
)


# -- writers ---------------------------------------------------------------------------------


def _csv_safe(value: Any) -> Any:
    """Keep a spreadsheet from running user text as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "@", "\t", "\r"):
        return "'" + value
    if isinstance(value, str) and value[:1] == "-" and not value[1:2].isdigit():
        return "'" + value
    return "" if value is None else value


def csv_bytes(rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a BOM (so Excel shows Chinese), every cell safe from formula injection."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_csv_safe(v) for v in row])
    return "\ufeff".encode() + buf.getvalue().encode("utf-8")


def to_csv(results: Results, project: Project, include_unpublished: bool = False) -> bytes:
    pairs = _rows(results, project, include_unpublished)
    return csv_bytes(summary_sheet(results, project).table(pairs))


def to_xlsx(
    results: Results,
    project: Project,
    include_unpublished: bool = False,
    pairs: Iterable[Pair] | None = None,
) -> bytes:
    """Every sheet filled a branch at a time (the 条目 sheet alone is ~180,000 rows at a
    thousand branches): one pass over the branches, none of them needed again after."""
    if pairs is None:
        pairs = _rows(results, project, include_unpublished)
    sheets = [make(results, project) for make in SHEETS]
    return write_book_rows(
        [(s.name, s.head) for s in sheets],
        ((i, row) for b, r in pairs for i, s in enumerate(sheets) for row in s.rows(b, r)),
        f"{project.standard.stamp} {results.year}年 星级评定结果",
        results.as_of,
    )


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
