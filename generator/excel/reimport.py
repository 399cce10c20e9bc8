"""Importing into a branch that already has data: merged into what is on file, never dropped.

A workbook holds only the fields it has columns for. What the branch files hold beyond them
stays: a member's photo, 责任区 and 发展党员 stages, people who are not in the roster (入党申请人),
an activity's photos and write-up added by hand, other years' commitments and assessments.
Everything an import would change in an existing file is listed first and needs `--force`;
`--replace` writes the workbook's data alone, as it is. Nothing is ever deleted: an activity
file the ledger no longer has a row for (its date was corrected) is named, not removed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.excel.cells import read_name
from generator.excel.importer import IMPORTED_MARK, Plan, holds_data
from generator.load.files import FileProblem, load_yaml_file
from generator.problems import InputError, Problem

# Front-matter fields as an officer knows them, for "what changes" lines.
FIELD_LABELS = {
    "name": "姓名",
    "date": "日期",
    "type": "类型",
    "title": "标题",
    "group": "党小组",
    "attendance": "出席人数",
    "participants": "参加人员",
    "photos": "照片",
    "points": "积分",
    "tags": "标签",
    "post": "岗位",
    "roles": "党内职务",
    "joined": "入党时间",
    "photo": "照片",
    "private": "联系方式/证件号",
    "body": "正文",
    "kind": "类型",
    "due": "完成时限",
    "done": "践诺日期",
    "evidence": "佐证",
}
_DATED = re.compile(r"(\d{4}-\d{2}-\d{2})")


@dataclass
class Change:
    """What an import does to the branch: the files to write and, for the officer, what
    is new, what changes in existing entries, what only the branch files have (kept)."""

    files: dict[str, str] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    unchanged: int = 0
    # existing files with data that the import would rewrite: written only with --force
    rewrites: list[str] = field(default_factory=list)

    def report(self, limit: int = 8) -> str:
        def some(items: list[str]) -> str:
            more = f" 等 {len(items)} 项" if len(items) > limit else ""
            return "；".join(items[:limit]) + more

        lines = []
        if self.added:
            lines.append(f"新增 {len(self.added)}: {some(self.added)}")
        if self.updated:
            lines.append(f"更新 {len(self.updated)}: {some(self.updated)}")
        if self.unchanged:
            lines.append(f"与现有文件相同、不改动 {self.unchanged}")
        if self.kept:
            lines.append(
                f"表中没有、原文件中保留 {len(self.kept)}: {some(self.kept)}"
                "（不再需要的请在文件中手动删除，或用 --replace 按表整体替换）"
            )
        if self.stale:
            lines.append(
                f"台账中已没有对应行的活动文件 {len(self.stale)}: {some(self.stale)}"
                "（以前从台账导入，可能是改了日期或删了行后留下的；它们仍会计入评定，确认无用后请手动删除）"
            )
        return "\n".join(lines)


def _changed(before: dict[str, Any], after: dict[str, Any]) -> str:
    keys = [k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
    return "、".join(FIELD_LABELS.get(k, k) for k in keys)


# The shape each file must have to be merged into (DATA-FORMAT).
_SHAPES = {
    "members": (list, "党员列表"),
    "commitments": (dict, "承诺"),
    "assessment": (dict, "评定记录"),
}


def _load(path: Path, kind: str) -> Any:
    """A branch file's data to merge into. One that cannot be read (a typo such as a Chinese
    colon) or has another shape is refused with its line: merging into "nothing" would
    write the workbook alone over everything the file holds."""
    try:
        shown = "/".join((path.parent.parent.name, path.parent.name, path.name))
        data = load_yaml_file(path, shown, path.parent).data
    except FileProblem as exc:
        problem = exc.problem
        raise InputError(
            [
                Problem(
                    problem.file,
                    problem.line,
                    f"{problem.message}。文件有误时不能合并导入：请先修正（showcase check 会列出），"
                    "或用 --replace 按表整体替换",
                )
            ]
        ) from None
    shape, what = _SHAPES[kind]
    if data is not None and not isinstance(data, shape):
        raise InputError(
            [
                Problem(
                    path.name,
                    1,
                    f"{path.name} 不是{what}的格式，不能合并导入：请先修正，或用 --replace 按表整体替换",
                )
            ]
        )
    return data


def _activity(path: Path) -> tuple[dict[str, Any], str] | None:
    """An activity file's front matter and body; None when it cannot be read as one."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    parts = re.split(r"^---[ \t]*$\n?", text, maxsplit=2, flags=re.M)
    if len(parts) != 3 or parts[0].strip():
        return None
    try:
        meta = yaml.safe_load(parts[1])
    except yaml.YAMLError:
        return None
    return (meta, parts[2].strip()) if isinstance(meta, dict) else None


def _merge_members(new: list[dict[str, Any]], old: Any, change: Change) -> list[dict[str, Any]]:
    old_list = [m for m in old if isinstance(m, dict)] if isinstance(old, list) else []
    # names on file as the workbook's are read: 李　秀英 padded by hand is 李秀英
    by_name = {read_name(m.get("name")): m for m in old_list}
    merged = []
    for member in new:
        before = by_name.get(member["name"])
        if before is None:
            change.added.append(member["name"])
            merged.append(member)
            continue
        after = {**before, **member}
        if member.get("private"):  # the workbook's numbers over the file's, other keys kept
            kept = before.get("private")
            after["private"] = {**(kept if isinstance(kept, dict) else {}), **member["private"]}
        if after != before:
            change.updated.append(f"{member['name']}（{_changed(before, after)}）")
        else:
            change.unchanged += 1
        merged.append(after)
    names = {m["name"] for m in new}
    for entry in old_list:
        if read_name(entry.get("name")) not in names:
            change.kept.append(str(entry.get("name")))
            merged.append(entry)
    return merged


def _years(old: Any) -> dict[int, list[Any]]:
    """commitments.yml in either form as {year: items}."""
    if not isinstance(old, dict):
        return {}
    if "items" in old and "year" in old:
        return {old["year"]: list(old.get("items") or [])}
    return {y: list(v or []) for y, v in old.items() if isinstance(y, int)}


def _merge_commitments(
    new: dict[int, list[dict[str, Any]]], old: Any, change: Change
) -> dict[int, list[Any]]:
    merged = _years(old)
    for year, items in new.items():
        before = merged.get(year, [])
        key = lambda c: (str(c.get("who")), str(c.get("text")))  # noqa: E731
        by_key = {key(c): c for c in before if isinstance(c, dict)}
        out = []
        for item in items:
            was = by_key.pop(key(item), None)
            if was is None:
                change.added.append(f"{year}年 {item['who']}：{item['text']}")
                out.append(item)
                continue
            after = {**was, **item}
            if after != was:
                change.updated.append(
                    f"{year}年 {item['who']}：{item['text']}（{_changed(was, after)}）"
                )
            else:
                change.unchanged += 1
            out.append(after)
        for was in by_key.values():
            change.kept.append(f"{year}年 {was.get('who')}：{was.get('text')}")
            out.append(was)
        merged[year] = out
    return merged


def _merge_assessment(
    new: dict[int, dict[str, Any]], old: Any, change: Change
) -> dict[int, dict[str, Any]]:
    merged = (
        {y: dict(v) for y, v in old.items() if isinstance(v, dict)} if isinstance(old, dict) else {}
    )
    for year, entries in new.items():
        before = merged.setdefault(year, {})
        for item, entry in entries.items():
            # An entry is replaced whole: {pass: true} over {na: true, reason} would be neither.
            if item not in before:
                change.added.append(f"{year}年 {item}")
            elif before[item] != entry:
                change.updated.append(f"{year}年 {item}（{_changed(before[item], entry)}）")
            else:
                change.unchanged += 1
            before[item] = entry
        change.kept += [f"{year}年 {k}" for k in before if k not in entries]
    change.kept += [f"{y}年（整年）" for y in merged if y not in new]
    return merged


MERGERS: dict[str, Callable[[Any, Any, Change], Any]] = {
    "members": _merge_members,
    "commitments": _merge_commitments,
    "assessment": _merge_assessment,
}


def reconcile(plan: Plan, folder: Path, replace: bool = False) -> Change:
    """The files an import writes into `folder`, merged into what is there (see module doc)."""
    change = Change()
    if plan.kind == "activities":
        _activities(plan, folder, replace, change)
        return change
    ((name, data),) = plan.data.items()
    target = folder / name
    if not holds_data(target):
        change.files[name] = plan.text(name, data)  # a new file: the preview said it all
        return change
    if replace:
        change.files[name] = plan.text(name, data)
        change.rewrites.append(name)
        change.updated.append(f"{name} 按表整体替换")
        return change
    merged = MERGERS[plan.kind](data, _load(target, plan.kind), change)
    if change.added or change.updated:
        change.files[name] = plan.text(name, merged)
        change.rewrites.append(name)
    return change


def _key(meta: dict[str, Any]) -> tuple[str, str, str]:
    """What names one activity across imports and hand edits: its day, type and title."""
    return str(meta.get("date")), str(meta.get("type")), str(meta.get("title"))


def _targets(plan: Plan, folder: Path) -> dict[str, str]:
    """The file each ledger row goes to. A row finds the file that holds the same activity
    (day, type and title), whatever its name: two 志愿服务 on one day swapped in the ledger
    stay in their own files, and one written by hand is merged into, not doubled. Any other
    row gets its planned name, or the next free one when that is another activity's file."""
    acts = folder / "activities"
    on_disk = {p.name for p in acts.glob("*.md")} if acts.is_dir() else set()
    held: dict[tuple[str, str, str], str] = {}
    keys: dict[str, tuple[str, str, str]] = {}  # file -> the activity it holds
    for name in sorted(on_disk):
        found = None if name.startswith(("_", ".")) else _activity(acts / name)
        if found is not None:
            keys[f"activities/{name}"] = _key(found[0])
            held.setdefault(_key(found[0]), f"activities/{name}")
    targets: dict[str, str] = {}
    taken = {f"activities/{n}" for n in on_disk}
    for name, (meta, _) in plan.data.items():
        match = held.pop(_key(meta), None)
        if match is not None:
            targets[name] = match
    claimed = set(targets.values())
    for name, (meta, _) in plan.data.items():
        if name in targets:
            continue
        # no file holds this title: the file of its name holds the same day and type under
        # another title (the title was corrected in the ledger), unless a row claimed it
        if name not in claimed and keys.get(name, ("",) * 3)[:2] == _key(meta)[:2]:
            targets[name] = name
            claimed.add(name)
            continue
        stem = re.sub(r"-\d+$", "", name.removesuffix(".md"))  # 2024-03-05-dangke(-2)
        target, n = f"{stem}.md", 2
        while target in taken or target in targets.values():
            target, n = f"{stem}-{n}.md", n + 1
        targets[name] = target
    return targets


def _activities(plan: Plan, folder: Path, replace: bool, change: Change) -> None:
    targets = _targets(plan, folder)
    for planned, (meta, body) in plan.data.items():
        name = targets[planned]
        target = folder / name
        if not target.exists():
            change.files[name] = plan.text(name, (meta, body))
            change.added.append(name.removeprefix("activities/"))
            continue
        shown = name.removeprefix("activities/")
        on_file = _activity(target)
        if replace or on_file is None:
            change.files[name] = plan.text(name, (meta, body))
            change.rewrites.append(name)
            change.updated.append(
                f"{shown}（{'按表整体替换' if on_file else '原文件无法解析，整体替换'}）"
            )
            continue
        old_meta, old_body = on_file
        # The ledger's cells win; fields it has no column for (photos added by hand) stay, and
        # so does the write-up when the ledger's 内容 cell is empty or the file's write-up
        # already holds it (a paragraph added below the imported text by hand).
        new_meta = {**old_meta, **meta}
        new_body = old_body if not body or body in old_body else body
        if new_meta == old_meta and new_body == old_body:
            change.unchanged += 1
            continue
        what = _changed({**old_meta, "body": old_body}, {**new_meta, "body": new_body})
        change.updated.append(f"{shown}（{what}）")
        change.files[name] = plan.text(name, (new_meta, new_body))
        change.rewrites.append(name)
    change.stale = _stale(plan, folder, set(targets.values()))


def _stale(plan: Plan, folder: Path, written: set[str]) -> list[str]:
    """Imported activity files in the months the ledger covers that no row of it wrote now:
    a ledger whose 3/12 meeting became 3/13 leaves 3/12's file behind. Files written by
    hand carry no import mark and are never named."""
    dates = [meta["date"] for meta, _ in plan.data.values()]
    first, last = min(dates).replace(day=1), max(dates)
    last = (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1)  # the next month's 1st
    found = []
    for path in sorted((folder / "activities").glob("*.md")):
        m = _DATED.match(path.name)
        if m is None or f"activities/{path.name}" in written:
            continue
        try:
            day = dt.date.fromisoformat(m.group(1))
            head = path.read_text(encoding="utf-8-sig")[:200]
        except (ValueError, OSError, UnicodeDecodeError):
            continue
        if first <= day < last and IMPORTED_MARK in head:
            found.append(path.name)
    return found
