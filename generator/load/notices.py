"""`notices/`: 党务公开 notices, one dated Markdown file each (optional folder)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.load.files import FileProblem, load_markdown_file, strip_private
from generator.load.validate import validate
from generator.models.notices import Notice, NoticeMeta
from generator.problems import Problem

if TYPE_CHECKING:
    from generator.load.branch import BranchReader


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
        try:
            located, body = load_markdown_file(path, shown)
        except FileProblem as exc:
            reader.problems.append(exc.problem)
            continue
        reader.problems += strip_private(located, shown)
        meta, problems = validate(NoticeMeta, located, shown)
        reader.problems += problems
        if meta is not None:
            out.append(Notice(**meta.model_dump(), id=path.stem, body=body, source=shown))
    return tuple(sorted(out, key=lambda n: (n.date, n.id)))
