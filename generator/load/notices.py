"""`notices/`: 党务公开 notices, one dated Markdown file each (optional folder)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.models.notices import Notice, NoticeMeta

if TYPE_CHECKING:
    from generator.load.branch import BranchReader


def read_notices(reader: BranchReader) -> tuple[Notice, ...]:
    """Every `notices/*.md` with valid front matter (date, title, until); problems go to the reader."""
    found = reader.markdown_entries("notices", "公示", NoticeMeta)
    out = [
        Notice(**meta.model_dump(), id=nid, body=body, source=shown)
        for nid, shown, _, meta, body in found
    ]
    return tuple(sorted(out, key=lambda n: (n.date, n.id)))
