"""Warnings `showcase check` prints after the data passed: likely mistakes that are still valid input.

- template placeholders (在此填写…, 张三) left in a branch that will be published;
- an activity whose `date` differs from the date in its file name (a copied file not updated);
- dates after `as_of` (a typed year like 2204, or a record entered ahead of time): such
  activities do not count yet, such commitments are not fulfilled yet.
They are warnings, not errors: the site still builds, and each can be right on purpose.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import Any

from generator.load.files import FileProblem, load_markdown_file, load_yaml_file, read_text
from generator.load.project import PARALLEL_FROM
from generator.load.reading import limits_in_force
from generator.load.yamlsrc import Located
from generator.models import Branch
from generator.parallel import forked_map
from generator.problems import Problem, shown_path
from generator.writes import read_memo, write_memo

PLACEHOLDERS = ("在此填写", "在此用", "请填写", "张三", "李四", "某某")
_DATED_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_COMMENT = re.compile(r"(^|\s)#.*$")
BRANCH_FILES = ("branch.yml", "groups.yml", "members.yml", "commitments.yml", "assessment.yml")


# The rating counts activities and fulfilled commitments dated before as_of (DATA-FORMAT,
# "Contract changes (rating)"): one dated on as_of itself counts from the next day on.
_ON_AS_OF = "{what}日期 {date} 就是评定基准日：评定只计基准日之前的{what}，本条次日起才计入"


def _files(branch: Branch) -> list[Path]:
    paths = [branch.folder / n for n in BRANCH_FILES if (branch.folder / n).is_file()]
    acts = branch.folder / "activities"
    if acts.is_dir():
        paths += sorted(p for p in acts.glob("*.md") if not p.name.startswith((".", "_")))
    return paths


def placeholders(branch: Branch, root: Path) -> list[Problem]:
    """Template text still in a published branch's files (comments are not looked at)."""
    if not branch.publish:
        return []
    out = []
    for path in _files(branch):
        try:  # through the reading layer, like every read of user files
            text = read_text(path, path.name, branch.folder, limits_in_force())
        except FileProblem:
            continue  # the load would have reported it (and named the file as the user sees it)
        # Nearly every file holds none: one scan of the whole text in C instead of a Python
        # step per line (a quarter of the advice's time, measured on 40 generated branches).
        if not any(m in text for m in PLACEHOLDERS):
            continue
        for n, line in enumerate(text.splitlines(), start=1):
            content = _COMMENT.sub("", line)
            found = next((m for m in PLACEHOLDERS if m in content), None)
            if found:
                out.append(
                    Problem(
                        shown_path(path, root),
                        n,
                        f"仍是模板的占位内容（“{content.strip()}”），发布前请改为真实内容",
                    )
                )
    return out


def _located(path: Path, shown: str, markdown: bool = False) -> Located | None:
    try:
        return load_markdown_file(path, shown)[0] if markdown else load_yaml_file(path, shown)
    except FileProblem:
        return None


def dates(branch: Branch, root: Path, as_of: dt.date) -> list[Problem]:
    out: list[Problem] = []

    # A file is parsed again only for the line of a date found wrong: most are right, and
    # parsing every activity file a second time was a quarter of a cold `check`.
    @functools.cache
    def located(path: Path, markdown: bool = False) -> Located | None:
        return _located(path, shown_path(path, root), markdown)

    def line_of(path: Path, key: tuple[Any, ...], markdown: bool = False) -> int:
        found = located(path, markdown)
        return found.line_of(key) if found else 1

    acts = branch.folder / "activities"
    for a in branch.activities:
        messages = []
        named = _DATED_NAME.match(a.id)
        if named:
            try:
                in_name = dt.date(*(int(g) for g in named.groups()))
            except ValueError:
                in_name = None
            if in_name is not None and in_name != a.date:
                messages.append(
                    f"date: {a.date.isoformat()} 与文件名中的日期 {in_name.isoformat()} 不一致（复制文件后忘了改？）"
                )
        if a.date > as_of:
            messages.append(
                f"活动日期 {a.date.isoformat()} 晚于评定基准日 {as_of.isoformat()}，暂不计入评定（年份写错了？）"
            )
        elif a.date == as_of:  # the rating counts what lies before as_of (DATA-FORMAT)
            messages.append(_ON_AS_OF.format(what="活动", date=a.date))
        if messages:
            path = acts / f"{a.id}.md"
            line = line_of(path, ("date",), markdown=True)
            out += [Problem(shown_path(path, root), line, m) for m in messages]
    book = branch.commitments
    if book:
        path = branch.folder / "commitments.yml"
        for year, items in sorted(book.years.items()):
            for i, c in enumerate(items):
                if c.done and c.done >= as_of:
                    message = (
                        f"践诺日期 {c.done.isoformat()} 晚于评定基准日 {as_of.isoformat()}，暂按未践诺计"
                        if c.done > as_of
                        else _ON_AS_OF.format(what="践诺", date=c.done)
                    )
                    line = line_of(path, (*book.yaml_path(year, i), "done"))
                    out.append(Problem(shown_path(path, root), line, message))
    path = branch.folder / "members.yml"
    for i, m in enumerate(branch.members):
        if m.joined and m.joined > as_of:
            out.append(
                Problem(
                    shown_path(path, root),
                    line_of(path, (i, "joined")) if path.is_file() else 1,
                    f"入党日期 {m.joined.isoformat()} 晚于评定基准日 {as_of.isoformat()}（年份写错了？）",
                )
            )
    return out


_IMAGE = re.compile(r"!\[[^\]]*\]\(")


def body_images(branch: Branch, root: Path) -> list[Problem]:
    """An image written into a write-up is not shown (render/markup.py keeps its alt text):
    the officer is told where photos go instead."""
    out = []
    for a in branch.activities:
        if "![" not in a.body or not _IMAGE.search(a.body):
            continue
        path = branch.folder / "activities" / f"{a.id}.md"
        try:
            lines = read_text(path, path.name, branch.folder, limits_in_force()).splitlines()
        except FileProblem:
            continue
        line = next((n for n, t in enumerate(lines, 1) if _IMAGE.search(t)), 1)
        out.append(
            Problem(
                shown_path(path, root),
                line,
                "正文中的图片不会显示（只保留其说明文字）：照片请写在头信息的 photos: 中，如 photos: [photos/现场.jpg]",
            )
        )
    return out


def advise(branches: tuple[Branch, ...], root: Path, as_of: dt.date) -> list[Problem]:
    """Every warning for these branches, sorted by file and line."""
    out: list[Problem] = []
    for branch in branches:
        out += placeholders(branch, root)
        out += dates(branch, root, as_of)
        out += body_images(branch, root)
    return sorted(set(out))


def advise_cached(
    project: Any, root: Path, as_of: dt.date, memo_file: Path | None
) -> list[Problem]:
    """`advise`, remembered per branch under its content key and as_of: the advice re-reads
    every activity file, which would make a warm check cost as much as a cold one."""
    memo = read_memo(memo_file) if memo_file is not None else {}
    slots: dict[str, str | None] = {}
    for branch in project.branches:
        key = project.keys.get(branch.id)
        slots[branch.id] = f"{key}:{as_of.isoformat()}" if key else None
    known = {
        bid: [Problem(str(f), int(line), str(msg)) for f, line, msg in memo[slot]]
        for bid, slot in slots.items()
        if slot is not None and isinstance(memo.get(slot), list)
    }
    todo = [b for b in project.branches if b.id not in known]
    known.update(zip((b.id for b in todo), _advise_each(todo, root, as_of), strict=True))
    used = {
        slot: [[p.file, p.line, p.message] for p in known[bid]]
        for bid, slot in slots.items()
        if slot is not None
    }
    if memo_file is not None:
        write_memo(memo_file, used, memo)
    return sorted({p for found in known.values() for p in found})


_todo: tuple[Branch, ...] = ()  # what a forked pool's workers advise, by index


def _advise_nth(i: int, root: Path, as_of: dt.date) -> list[Problem]:
    return advise((_todo[i],), root, as_of)


def _advise_each(branches: list[Branch], root: Path, as_of: dt.date) -> list[list[Problem]]:
    """`advise` of each branch, in order; on every core when there are many (a `check` after
    a build: the build writes no advice, so every branch is new to the memo). The workers
    are forked with the branches in hand, so none is pickled."""
    global _todo
    _todo = tuple(branches)
    try:
        nth = functools.partial(_advise_nth, root=root, as_of=as_of)
        return list(forked_map(nth, range(len(branches)), 8, PARALLEL_FROM))
    finally:
        _todo = ()
