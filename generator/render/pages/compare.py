"""`/compare/`: a reviewer picks two branches, or two years of one branch, and sees stars,
category counts, every item, points and the 五力 averages side by side.

The page is static: every (branch, year) is embedded as JSON and compare.js swaps the two
columns in the browser (offline, also from a file share). Without script the page still
shows one comparison, rendered here: the first two branches in the evaluation year.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from generator.load.wuli import default_wuli
from generator.models import Branch
from generator.options import cache_dir
from generator.render.plan import SitePlan
from generator.score.cache import ScoreCache
from generator.score.labels import star_label, tier_name
from generator.score.periods import year_end
from generator.score.points import points_table
from generator.score.results import Scorecard
from generator.score.wuli import wuli_scores
from generator.writes import read_memo, write_memo


@dataclass(frozen=True)
class Entry:
    key: str  # "zhisi:2024"
    label: str  # "制丝车间党支部 · 2024年"
    data: dict


def entry(site: SitePlan, b: Branch, card: Scorecard) -> Entry:
    std = site.project.standard
    y = card.year
    as_of = min(site.as_of, year_end(y))
    result = site.result(b)
    table = result.points if y == result.scorecard.year else points_table(b, std, y, as_of)
    w = wuli_scores(b, default_wuli(), y, as_of, std)
    marks = {r.id: (2 if r.na else 1 if r.passed else 0) for r in card.items}
    acts = sum(1 for a in b.activities if a.date.year == y and a.date <= as_of)
    data = {
        "branch": b.id,
        "name": b.profile.name,
        "unit": b.profile.unit,
        "year": y,
        "star": card.star,
        "star_label": star_label(card.star, tier_name(std.tiers, card.star)),
        "vetoed": card.vetoed,
        # one digit per rulebook item, in rulebook order (0 未达标, 1 达标, 2 不适用): compact for many branches
        "pass": "".join(str(marks.get(i.id, 0)) for i in std.items),
        "cats": [[c.passed, c.total] for c in card.categories],
        "member_points": round(sum(table.member_total(m.name, str(y)) for m in b.members), 1),
        "group_points": round(sum(table.group_total(g.id, str(y)) for g in b.groups), 1),
        "activities": acts,
        "wuli": [w.averages[d] for d in default_wuli().dimensions],
    }
    return Entry(f"{b.id}:{y}", f"{b.profile.name} · {y}年", data)


def rows(site: SitePlan, left: Entry, right: Entry) -> list[tuple[str, str, str, bool]]:
    """The summary rows of one comparison: (label, left, right, differ)."""
    std = site.project.standard
    a, b = left.data, right.data
    out = [
        (
            "星级",
            a["star_label"] + ("（一票否决）" if a["vetoed"] else ""),
            b["star_label"] + ("（一票否决）" if b["vetoed"] else ""),
        )
    ]
    for i, cat in enumerate(std.categories):
        out.append((f"{cat} 达标", "{}/{}".format(*a["cats"][i]), "{}/{}".format(*b["cats"][i])))
    out += [
        ("活动次数", str(a["activities"]), str(b["activities"])),
        ("党员积分合计", f"{a['member_points']:g}", f"{b['member_points']:g}"),
        ("党小组积分合计", f"{a['group_points']:g}", f"{b['group_points']:g}"),
    ]
    for i, d in enumerate(default_wuli().dimensions):
        out.append((f"五力·{d}（平均）", f"{a['wuli'][i]:g}", f"{b['wuli'][i]:g}"))
    return [(label, x, y, x != y) for label, x, y in out]


MARK = {0: "✗ 未达标", 1: "✓ 达标", 2: "— 不适用"}
_SOURCE = Path(__file__).read_bytes()


class _Memo:
    """Each branch's entries, by what made them: its result's cache key (content, rulebook,
    year, as_of, scoring code) and this file. 五力 and past years' points for every branch and
    year are most of this page's cost, and an edit changes one branch's."""

    def __init__(self, site: SitePlan):
        self.site = site
        self.path = cache_dir(site.project.root, "compare.json")
        self.saved = read_memo(self.path)
        self.used: dict[str, list] = {}

    def _key(self, b: Branch) -> str | None:
        content = self.site.project.keys.get(b.id)
        if content is None:
            return None
        h = hashlib.sha256(ScoreCache.key(content, self.site.year, self.site.as_of).encode())
        h.update(_SOURCE)
        return h.hexdigest()[:32]

    def entries(self, b: Branch) -> list[Entry]:
        key = self._key(b)
        found = self.saved.get(key) if key else None
        if isinstance(found, list):
            out = [Entry(*e) for e in found]
        else:
            out = [entry(self.site, b, card) for card in self.site.result(b).history]
        if key:
            self.used[key] = [[e.key, e.label, e.data] for e in out]
        return out

    def save(self) -> None:
        write_memo(self.path, self.used, self.saved)


def plan(site: SitePlan) -> None:
    std = site.project.standard
    memo = _Memo(site)
    entries = [e for b in site.published() for e in memo.entries(b)]
    memo.save()
    if len(entries) < 2:
        return
    current = [e for e in entries if e.data["year"] == site.year] or entries
    left = current[0]
    right = next(
        (e for e in current[1:] if e.data["branch"] != left.data["branch"]),
        entries[1] if entries[1] is not left else entries[0],
    )
    payload = {
        "categories": list(std.categories),
        "dims": list(default_wuli().dimensions),
        "items": [
            {"id": i.id, "text": i.text, "tier": i.tier, "optional": i.optional} for i in std.items
        ],
        "entries": {e.key: {**e.data, "label": e.label} for e in entries},
        "marks": {str(k): v for k, v in MARK.items()},
    }
    # In a <script type="application/json">, "</" would end the element: escape it.
    blob = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace(
        "</", "<\\/"
    )
    items = [
        (i.id, i.text, MARK[int(left.data["pass"][k])], MARK[int(right.data["pass"][k])])
        for k, i in enumerate(std.items)
    ]
    site.add_page(
        "compare/index.md",
        "showcase/compare.html",
        "对比",
        in_nav=True,
        entries=entries,
        left=left,
        right=right,
        rows=rows(site, left, right),
        item_rows=[(i, t, x, y, x != y) for i, t, x, y in items],
        blob=blob,
    )
