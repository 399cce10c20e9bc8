"""Print stage: display boards (展板) rendered with Pillow from the same results as the site.

boards.py   what each board kind shows (data from branch + results)
layouts/    where it goes (YAML, relative units) — layout.py validates them
draw.py     the generic renderer of layout boxes; table.py the table box
text.py     Chinese line breaking (避头尾), shrink-to-fit, cut with …
fonts.py    finding a Chinese font; paper.py sizes in pixels; pdf.py the PDF writer
build.py    cache by content hash, parallel rendering, PNG/PDF outputs
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from generator.models import Branch
from generator.print.boards import Board, boards_for, default_month
from generator.score.results import Results


def branch_url(site_url: str | None, branch_id: str, directory_urls: bool = True) -> str | None:
    """The public address of a branch's brand page, for the QR code; None without site_url."""
    if not site_url:
        return None
    page = f"branches/{branch_id}/" if directory_urls else f"branches/{branch_id}/index.html"
    return site_url.rstrip("/") + "/" + page


def all_boards(
    branches: Sequence[Branch],
    results: Results,
    site_url: str | None,
    month: str | None = None,
    directory_urls: bool = True,
    as_of: dt.date | None = None,
) -> dict[str, list[Board]]:
    """Boards of each branch, keyed by branch id, in branch order."""
    as_of = as_of or results.as_of
    month = month or default_month(as_of)
    return {
        b.id: boards_for(
            b,
            results.branches[b.id],
            url=branch_url(site_url, b.id, directory_urls),
            month=month,
            as_of=as_of,
        )
        for b in branches
    }


__all__ = ["all_boards", "branch_url", "default_month"]
