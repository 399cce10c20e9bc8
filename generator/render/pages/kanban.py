"""`/branches/<id>/kanban/` (党建看板): the lean-office board in three parts — 支部动态 (latest
activities), 党务公开 (notices shown until their `until` day) and 活动感悟 (members'
reflections on recent activities)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from generator.models import Branch
from generator.render.plan import SitePlan, branch_uri
from generator.score.kanban import news, notices, thoughts


def plan(site: SitePlan) -> None:
    for b in site.published():
        site.add_page(
            branch_uri(b.id, "kanban"),
            "showcase/kanban.html",
            f"{b.profile.name} 党建看板",
            branch=b,
            lazy=functools.partial(_data, b, site.as_of),
        )


def _data(b: Branch, as_of: dt.date) -> dict[str, Any]:
    return {"news": news(b, as_of), "notices": notices(b, as_of), "thoughts": thoughts(b, as_of)}
