"""`notices/`: 党务公开 notices, one dated Markdown file each (optional folder)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.load.files import FileProblem, load_markdown_file, strip_private
from generator.load.validate import validate
from generator.models.base import MAX_ID_LENGTH
from generator.models.notices import Notice, NoticeMeta
from generator.problems import Problem

if TYPE_CHECKING:
    from generator.load.branch import BranchReader

ACTIVITY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")  # the same rule as activity file names


def read_notices(reader: BranchReader) -> tuple[Notice, ...]:
    """Every `notices/*.md` with valid front matter (date, title, until); problems go to the reader."""
    folder = reader.folder / "notices"
    if not folder.is_dir():
        return ()
    out = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        shown = reader.shown(path)
        if path.suffix != ".md":
            reader.problems.append(Problem(shown, 0, "notices/ 中只能放 .md 文件"))
            continue
        if not ACTIVITY_ID.fullmatch(path.stem) or len(path.stem) > MAX_ID_LENGTH:
            reader.problems.append(Problem(shown, 0, f'公示文件名 "{path.stem[:MAX_ID_LENGTH]}" 无效：只能用字母、数字、-、_ 和 .，最多 {MAX_ID_LENGTH} 个字符'))
            continue
        try:
            # through the reading layer: size limits, no links out of the branch folder
            located, body = load_markdown_file(path, shown, reader.folder, reader.limits)
        except FileProblem as exc:
            reader.problems.append(exc.problem)
            continue
        reader.problems += strip_private(located, shown)
        meta, problems = validate(NoticeMeta, located, shown)
        reader.problems += problems
        if meta is not None:
            out.append(Notice(**meta.model_dump(), id=path.stem, body=body, source=shown))
    return tuple(sorted(out, key=lambda n: (n.date, n.id)))
