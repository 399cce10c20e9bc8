"""The 党建看板 board's data: the same three parts as the page `/branches/<id>/kanban/`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from generator.print.text import chinese_quotes, plain_text
from generator.score.kanban import news, notices, thoughts

if TYPE_CHECKING:
    from generator.models import Branch
    from generator.print.boards import Board
    from generator.score.results import BranchResult


def kanban_board(branch: Branch, result: BranchResult, as_of: dt.date) -> Board:
    from generator.print.boards import Board, _common

    data = _common(branch, result)
    data |= {
        "news": [
            {
                "date": f"{a.date.month}月{a.date.day}日",
                "type": a.type,
                "title": chinese_quotes(a.title),
            }
            for a in news(branch, as_of)
        ],
        "notices": [
            {
                "date": n.date.isoformat(),
                "title": chinese_quotes(n.title),
                "body": chinese_quotes(plain_text(n.body)),
                "until": n.until.isoformat() if n.until else "长期",
            }
            for n in notices(branch, as_of)
        ],
        "thoughts": [
            {
                "by": t.reflection.by,
                "text": chinese_quotes(t.reflection.text),
                "activity": f"{t.activity.date.month}月{t.activity.date.day}日 {chinese_quotes(t.activity.title)}",
            }
            for t in thoughts(branch, as_of, 6)
        ],
        "footer": f"{branch.profile.name} · 数据截至 {as_of.isoformat()}",
    }
    return Board("kanban", branch.id, data)
