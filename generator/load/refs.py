"""Cross-reference checks inside a branch: group ids, member names, evidence, types, photos."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from generator.load.branch import BranchReader
from generator.load.reading import ImageVerdicts, ReadRefused, read_user_bytes
from generator.load.roster_refs import roster_problems
from generator.models import Activity, Branch, Standard
from generator.problems import Problem

Check = Iterator[Problem]


def suggest(name: str, known: set[str] | list[str] | tuple[str, ...]) -> str:
    """A hint for a name that is not known: the full-width comma the officer typed between
    names, or the closest known name (difflib)."""
    for comma in ("，", "、"):
        if comma in name:
            parts = [p.strip() for p in name.split(comma)]
            return f"：名字之间用了中文“{comma}”，请改为英文逗号，如 [{', '.join(parts)}]"
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.5)  # 张敏 → 张明
    return f'，是不是 "{close[0]}"？' if close else ""


def safe_photo(folder: Path, rel: str) -> tuple[Path | None, str | None]:
    """Resolve a data path inside the branch folder; refuse absolute, `..` and symlinks out."""
    pure = PurePosixPath(rel.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or (pure.parts and ":" in pure.parts[0]):
        return None, f'路径 "{rel}" 必须是支部目录内的相对路径'
    if any(ord(ch) < 32 for ch in rel):  # a NUL byte would make the OS call raise ValueError
        return None, f"路径 {rel!r} 含有控制字符"
    path = folder / pure
    try:
        resolved = path.resolve(strict=True)
    except (FileNotFoundError, RuntimeError, OSError):
        return None, f'找不到图片文件 "{rel}"'
    if not resolved.is_relative_to(folder.resolve()):
        return None, f'路径 "{rel}" 指向支部目录之外（符号链接不允许指向外部）'
    if not resolved.is_file():
        return None, f'"{rel}" 不是文件'
    return resolved, None


class RefChecker:
    """Checks one branch's references; `at(file, path)` finds the line of a value."""

    def __init__(
        self,
        branch: Branch,
        reader: BranchReader,
        standard: Standard,
        verdicts: ImageVerdicts | None = None,
    ):
        self.b = branch
        self.reader = reader
        self.standard = standard
        self.verdicts = verdicts or ImageVerdicts(None)
        # Names come from the raw files too, so one invalid entry does not cascade into
        # "not found" errors for everything that refers to it.
        self.members = {m.name for m in branch.members} | self._raw("members.yml", "name")
        self.groups = {g.id for g in branch.groups} | self._raw("groups.yml", "id")
        self.activity_ids = {a.id for a in branch.activities} | set(reader.sources.activities)
        folder = branch.folder / "activities"
        if folder.is_dir():
            self.activity_ids |= {p.stem for p in folder.glob("*.md")}

    def readable(self, name: str) -> bool:
        """False when the file exists but could not be read: checks against it would cascade."""
        return name in self.reader.sources.files or not (self.b.folder / name).exists()

    def _raw(self, name: str, key: str) -> set[str]:
        located = self.reader.sources.files.get(name)
        data = located.data if located else None
        if not isinstance(data, list):
            return set()
        return {str(e[key]) for e in data if isinstance(e, dict) and e.get(key) is not None}

    def at(self, name: str, path: tuple[Any, ...]) -> tuple[str, int]:
        located = self.reader.sources.files.get(name)
        shown = self.reader.shown(self.reader.folder / name)
        return shown, located.line_of(path) if located else 1

    def at_activity(self, aid: str, path: tuple[Any, ...]) -> tuple[str, int]:
        a = self.b.activity(aid)
        located = self.reader.sources.activities[aid]
        return a.source if a else aid, located.line_of(path)

    def problems(self) -> list[Problem]:
        out: list[Problem] = []
        checks = (
            self._committee,
            self._groups,
            self._members,
            self._commitments,
            self._assessment,
            self._activities,
            self._photos,
        )
        for check in checks:
            out.extend(check())
        out.extend(roster_problems(self))
        return out

    def _group_hint(self, written: str) -> str:
        """A group given by its name instead of its id, or a near miss of an id."""
        for g in self.b.groups:
            if written == g.name:
                return f'（"{written}" 是党小组名称，这里应写编号 "{g.id}"）'
        return suggest(written, self.groups)

    def _committee(self) -> Check:
        """支委会: each name once, and (when members.yml exists) a member of the branch."""
        seen: set[str] = set()
        for i, c in enumerate(self.b.profile.committee):
            where = self.at("branch.yml", ("committee", i, "name"))
            if c.name in seen:
                yield Problem(*where, f'支委会成员 "{c.name}" 重复')
            seen.add(c.name)
            has_members = (self.b.folder / "members.yml").exists() and self.readable("members.yml")
            if has_members and c.name not in self.members:
                yield Problem(
                    *where,
                    f'支委会成员 "{c.name}" 不在 members.yml 中{suggest(c.name, self.members)}',
                )

    def _groups(self) -> Check:
        seen: set[str] = set()
        for i, g in enumerate(self.b.groups):
            if g.id in seen:
                yield Problem(*self.at("groups.yml", (i, "id")), f'党小组编号 "{g.id}" 重复')
            seen.add(g.id)
            if g.id == "branch":  # `who: branch` in commitments.yml means the branch itself
                yield Problem(
                    *self.at("groups.yml", (i, "id")),
                    '党小组编号不能是 "branch"：公开承诺的 who: branch 表示支部本身，请换一个编号',
                )
            if g.leader and self.readable("members.yml") and g.leader not in self.members:
                yield Problem(
                    *self.at("groups.yml", (i, "leader")),
                    f'党小组长 "{g.leader}" 不在 members.yml 中{suggest(g.leader, self.members)}',
                )

    def _members(self) -> Check:
        seen: set[str] = set()
        for i, m in enumerate(self.b.members):
            if m.name in seen:
                yield Problem(
                    *self.at("members.yml", (i, "name")),
                    f'党员姓名 "{m.name}" 重复（同名请加区分，如 王强（二））',
                )
            seen.add(m.name)
            if m.name in self.groups or m.name == "branch":  # `who:` could mean either
                yield Problem(
                    *self.at("members.yml", (i, "name")),
                    f'党员姓名 "{m.name}" 与党小组编号（或 branch）相同，公开承诺的 who: 将无法区分；'
                    "请改用党员的真实姓名",
                )
            if m.group and self.readable("groups.yml") and m.group not in self.groups:
                yield Problem(
                    *self.at("members.yml", (i, "group")),
                    f'党小组 "{m.group}" 不在 groups.yml 中{self._group_hint(m.group)}',
                )

    def _commitments(self) -> Check:
        book = self.b.commitments
        if not book:
            return
        known = self.readable("members.yml") and self.readable("groups.yml")
        for year, items in sorted(book.years.items()):
            for i, c in enumerate(items):
                path = book.yaml_path(year, i)
                if (
                    known
                    and c.who != "branch"
                    and c.who not in self.members
                    and c.who not in self.groups
                ):
                    yield Problem(
                        *self.at("commitments.yml", (*path, "who")),
                        f'承诺人 "{c.who}" 既不是党员姓名，也不是党小组编号或 branch{suggest(c.who, self.members | self.groups)}',
                    )
                for j, ev in enumerate(c.evidence):
                    if ev not in self.activity_ids:
                        yield Problem(
                            *self.at("commitments.yml", (*path, "evidence", j)),
                            f'佐证活动 "{ev}" 不存在（应为 activities/ 下的文件名，不含 .md）{suggest(ev, self.activity_ids)}',
                        )

    def _assessment(self) -> Check:
        """Attestations only where the rulebook lets a reviewer decide: `pass:` on `attested`
        items, `na: true` on those and on items marked `na_allowed` (fix the data, not the verdict)."""
        items = {item.id: item for item in self.standard.items}
        for year, ya in self.b.assessment.years.items():
            for item_id, att in ya.items.items():
                item = items.get(item_id)
                if item is None:
                    yield Problem(
                        *self.at("assessment.yml", (year, item_id)),
                        f'条目 "{item_id}" 不在评定标准《{self.standard.name}》中{suggest(str(item_id), items)}',
                    )
                elif att.pass_ is not None and not item.is_attested:
                    yield Problem(
                        *self.at("assessment.yml", (year, item_id, "pass")),
                        f"条目 {item_id}（{item.text}）由系统根据数据自动核验，不能在 assessment.yml 中评定 pass；请补正数据",
                    )
                elif att.na and not (item.is_attested or item.na_allowed):
                    yield Problem(
                        *self.at("assessment.yml", (year, item_id, "na")),
                        f"条目 {item_id}（{item.text}）不允许认定不适用（评定标准未标注 na_allowed: true）",
                    )
                for j, ev in enumerate(att.evidence):
                    _, err = safe_photo(self.b.folder, ev)
                    if err:
                        yield Problem(
                            *self.at("assessment.yml", (year, item_id, "evidence", j)), err
                        )

    def _activities(self) -> Check:
        types = set(self.standard.activity_types)
        for a in self.b.activities:
            if a.type not in types:
                yield Problem(
                    *self.at_activity(a.id, ("type",)),
                    f'活动类型 "{a.type}" 不在标准的 activity_types 中{suggest(a.type, [*types, *self.standard.aliases])}（可选: {"、".join(self.standard.activity_types)}）',
                )
            if a.group and self.readable("groups.yml") and a.group not in self.groups:
                yield Problem(
                    *self.at_activity(a.id, ("group",)),
                    f'党小组 "{a.group}" 不在 groups.yml 中{self._group_hint(a.group)}',
                )
            for j, name in enumerate(a.participants):
                if self.readable("members.yml") and name not in self.members:
                    yield Problem(
                        *self.at_activity(a.id, ("participants", j)),
                        f'参加人 "{name}" 不在 members.yml 中{suggest(name, self.members)}',
                    )
            if a.attendance is not None and len(set(a.participants)) > a.attendance.present:
                yield Problem(
                    *self.at_activity(a.id, ("participants",)),
                    f"参加人 {len(set(a.participants))} 人，多于 attendance 的实到人数 present: {a.attendance.present}",
                )
            yield from self._adjust(a)

    def _adjust(self, a: Activity) -> Check:
        """`adjust:` names a member or a group; with point_lists, a listed reason."""
        lists = self.standard.point_lists
        known = self.readable("members.yml") and self.readable("groups.yml")
        for j, adj in enumerate(a.adjust):
            if known and adj.who not in self.members and adj.who not in self.groups:
                yield Problem(
                    *self.at_activity(a.id, ("adjust", j, "who")),
                    f'积分调整对象 "{adj.who}" 既不是党员姓名，也不是党小组编号{suggest(adj.who, self.members | self.groups)}',
                )
            listed = self.standard.listed_points(adj.reason)
            if lists and listed is None:
                names = "、".join(lists)
                yield Problem(
                    *self.at_activity(a.id, ("adjust", j, "reason")),
                    f'积分调整事由 "{adj.reason}" 不在评定标准的{names}中',
                )
            elif adj.points is None and listed is None:
                yield Problem(
                    *self.at_activity(a.id, ("adjust", j)),
                    "积分调整须填写 points（评定标准没有列出该事由的分值）",
                )

    def _photos(self) -> Check:
        refs: list[tuple[str, int, str]] = []
        if self.b.profile.brand.logo:
            refs.append((*self.at("branch.yml", ("brand", "logo")), self.b.profile.brand.logo))
        for i, m in enumerate(self.b.members):
            if m.photo:
                refs.append((*self.at("members.yml", (i, "photo")), m.photo))
        for a in self.b.activities:
            for j, p in enumerate(a.photos):
                refs.append((*self.at_activity(a.id, ("photos", j)), p))
        checked: dict[str, str | None] = {}  # a logo used on every page is decoded once
        for file, line, rel in refs:
            if rel not in checked:
                checked[rel] = self._image_problem(rel)
            if checked[rel]:
                yield Problem(file, line, checked[rel])

    def _image_problem(self, rel: str) -> str | None:
        """Every image is read through the reading layer and decoded once (or found in the
        verdict cache): a truncated or oversized file is reported here, never in a build."""
        path, err = safe_photo(self.b.folder, rel)
        if err:
            return err
        try:
            data = read_user_bytes(path, self.b.folder, self.reader.limits.image_bytes)
            self.verdicts.check(data, self.reader.limits)
        except ReadRefused as exc:
            return f'图片 "{rel}"：{exc.message}'
        return None
