"""The four board kinds and what each shows, as plain data for a layout to draw.

Each builder takes the loaded branch and its results and returns a flat dict of strings,
lists and Pictures — exactly what the board prints, and exactly what its cache key hashes.
Nothing from `private:` exists in the models, so nothing private can reach a board.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.load.reading import ReadRefused, digest_user_file
from generator.models import Branch
from generator.print.canvas import Picture
from generator.print.kanban import kanban_board
from generator.print.text import chinese_quotes, plain_text
from generator.score.commitments import summarize, who_name, year_commitments
from generator.score.labels import STAR_DIGITS, VETOED, star_label
from generator.score.periods import month_key
from generator.score.points import published_month
from generator.score.ranks import shared_ranks
from generator.score.results import BranchResult, Scorecard
from generator.score.roster import birthdays_in

KINDS = ("brand", "1n", "notice", "plaque")
TITLES = {
    "brand": "品牌展板",
    "1n": "微品牌展板",
    "notice": "公示栏",
    "plaque": "星级铭牌",
    "kanban": "党建看板",
}
FILES = {
    "brand": "brand.png",
    "1n": "1n.png",
    "notice": "notice.png",
    "plaque": "plaque.png",
    "kanban": "kanban.png",
}
KIND_ORDER = ("亮标准", "亮身份", "亮承诺")
CN_DIGITS = "〇一二三四五六七八九"
QUARTERS = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}


@dataclass(frozen=True)
class Board:
    """One board to draw: which kind, for which branch, with what data."""

    kind: str
    branch_id: str
    data: dict[str, Any]

    @property
    def title(self) -> str:
        return TITLES[self.kind]

    @property
    def label(self) -> str:
        return f"{self.branch_id} {self.title}"


@lru_cache(maxsize=4096)
def _digest(path: str, mtime_ns: int, size: int) -> str:
    digest = digest_user_file(Path(path))
    if digest is None:
        raise ReadRefused("不是普通文件")
    return digest.hex()[:20]


def picture(branch: Branch, rel: str | None) -> Picture | None:
    """A branch photo to draw; None when unset or missing (the loader reports missing files)."""
    if not rel:
        return None
    path = (branch.folder / rel).resolve()
    try:
        st = path.stat()
        return Picture(str(path), _digest(str(path), st.st_mtime_ns, st.st_size))
    except (OSError, ReadRefused):
        return None


def number(value: float | int) -> str:
    """30, 99.6, 1234567 — never 1.23457e+06 (a board is read by people, not parsers)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value)
    return f"{value:.2f}".rstrip("0").rstrip(".")


def star_words(card: Scorecard) -> str:
    """三星·达标级 (the rulebook's tier name), 一票否决, or 未评星."""
    return VETOED if card.vetoed else star_label(card.star, card.star_name)


def chinese_year(year: int) -> str:
    return "".join(CN_DIGITS[int(d)] for d in str(year))


def chinese_month(month: int) -> str:
    return ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"][month]


def _common(branch: Branch, result: BranchResult) -> dict[str, Any]:
    p = branch.profile
    card = result.scorecard
    return {
        "branch_name": p.name,
        "unit": p.unit,
        "brand_name": chinese_quotes(p.brand.name),
        "slogan": chinese_quotes(p.brand.slogan),
        "logo": picture(branch, p.brand.logo),
        "year": str(card.year),
        "star": card.star,
        "vetoed": card.vetoed,
        "star_words": star_words(card),
        "stamp": f"评定依据：{card.standard_name}（{card.standard_version}版） · 数据截至 {card.as_of.isoformat()}",
    }


def brand_board(branch: Branch, result: BranchResult, url: str | None) -> Board:
    brand = branch.profile.brand
    data = _common(branch, result)
    data |= {
        "meaning": chinese_quotes(plain_text(brand.meaning)),
        "practices": [
            {
                "title": chinese_quotes(pr.title),
                "body": chinese_quotes(plain_text(pr.body)),
                "no": f"{i:02d}",
            }
            for i, pr in enumerate(brand.practices, 1)
        ],
        "results": [
            {
                "value": number(r.value),
                "unit": r.unit,
                "label": r.label,
                "when": f"{r.year}年" if r.year else "",
            }
            for r in brand.results
        ],
        "honors": [
            {"year": str(h.year), "title": chinese_quotes(h.title)}
            for h in sorted(brand.honors, key=lambda h: (-h.year, h.title))
        ],
        "qr": url or "",
        "star_line": f"{result.scorecard.year}年度星级评定",
    }
    return Board("brand", branch.id, data)


def _latest_photo(branch: Branch, gid: str, as_of: dt.date) -> tuple[Picture | None, str]:
    for a in reversed(branch.activities):
        if a.group == gid and a.photos and a.date <= as_of:
            pic = picture(branch, a.photos[0])
            if pic is not None:
                return (
                    pic,
                    f"{a.date.year}.{a.date.month:02d}.{a.date.day:02d}  {chinese_quotes(a.title)}",
                )
    return None, ""


def one_n_board(branch: Branch, result: BranchResult, as_of: dt.date) -> Board:
    data = _common(branch, result)
    groups = []
    for g in branch.groups:
        photo, caption = _latest_photo(branch, g.id, as_of)
        size = sum(1 for m in branch.members if m.group == g.id)
        groups.append(
            {
                "group_brand": chinese_quotes(g.brand),
                "group_name": g.name,
                "group_meaning": chinese_quotes(plain_text(g.meaning)),
                "leader": f"党小组长：{g.leader}" if g.leader else "",
                "members": f"党员 {size} 名" if size else "",
                "photo": photo,
                "caption": caption,
            }
        )
    data |= {"groups": groups, "n": str(len(groups)), "title": f"“1+{len(groups)}”党建品牌矩阵"}
    return Board("1n", branch.id, data)


def default_month(as_of: dt.date) -> str:
    """The notice board's month: the last month that has ended at as_of (its points and its
    示范党小组 are settled), whatever year the star on the board is for."""
    return month_key(published_month(as_of))


def notice_board(branch: Branch, result: BranchResult, month: str, as_of: dt.date) -> Board:
    year, mm = (int(x) for x in month.split("-"))
    quarter = f"{year}-Q{(mm - 1) // 3 + 1}"
    data = _common(branch, result)
    items = year_commitments(branch, year)  # the commitments of the month's year
    order = {k: i for i, k in enumerate(KIND_ORDER)}
    rows = [
        {
            "kind": c.kind,
            "who": who_name(branch, c.who),
            "text": chinese_quotes(c.text),
            "due": c.due.isoformat() if c.due else "",
            "status": c.status(result.scorecard.as_of),  # at the year's as_of_Y
        }
        for _, c in sorted(enumerate(items), key=lambda ic: (order[ic[1].kind], ic[0]))
    ]
    s = summarize(branch, year, as_of)
    summary = ""
    if s.total:
        summary = (
            f"承诺 {s.total} 项：已践诺 {s.fulfilled} 项，进行中 {s.in_progress} 项，逾期 {s.overdue} 项，"
            f"践诺率 {s.fulfilled / s.total:.0%}"
        )
    pts = result.points
    # the month's 示范党小组 (every tied group), as the 公示栏 is renewed monthly
    models = [gid for gid in result.model_groups.get(month, ()) if branch.group(gid) is not None]
    groups = sorted(
        branch.groups,
        key=lambda g: (-pts.group_total(g.id, month), -pts.group_total(g.id, quarter), g.id),
    )
    # equal points share a place: with nobody scored yet, all are 1st, not 1st to 60th
    places = shared_ranks(
        [(pts.group_total(g.id, month), pts.group_total(g.id, quarter)) for g in groups]
    )
    group_rows = [
        {
            "rank": str(place),
            "group": f"{chinese_quotes(g.brand)}（{g.name}）",
            "month": number(pts.group_total(g.id, month)),
            "quarter": number(pts.group_total(g.id, quarter)),
            "model": "示范党小组" if g.id in models else "",
        }
        for g, place in zip(groups, places, strict=True)
    ]
    brands = {g.id: chinese_quotes(g.brand) for g in branch.groups}
    members = sorted(
        branch.members,
        key=lambda m: (
            -pts.member_total(m.name, month),
            -pts.member_total(m.name, quarter),
            m.name,
        ),
    )
    places = shared_ranks(
        [(pts.member_total(m.name, month), pts.member_total(m.name, quarter)) for m in members]
    )
    member_rows = [
        {
            "rank": str(place),
            "name": m.name,
            "group": brands.get(m.group or "", ""),
            "month": number(pts.member_total(m.name, month)),
            "quarter": number(pts.member_total(m.name, quarter)),
        }
        for m, place in zip(members, places, strict=True)
    ]
    data |= {
        "commitments": rows,
        "commitment_year": str(year),
        "summary": summary,
        "group_points": group_rows,
        "member_points": member_rows,
        "period": f"{year}年{mm}月 · {QUARTERS[(mm - 1) // 3 + 1]}",
        "month_label": f"{mm}月积分",
        "quarter_label": f"{QUARTERS[(mm - 1) // 3 + 1]}累计",
        "model_group": f"{mm}月示范党小组：{'、'.join(brands[gid] for gid in models)}"
        if models
        else "",
        "birthdays": birthday_line(branch, year, mm),
        "footer": f"公示期间如有意见，请向{branch.profile.name}委员会反映 · 数据截至 {as_of.isoformat()}",
    }
    return Board("notice", branch.id, data)


def birthday_line(branch: Branch, year: int, month: int) -> str:
    """本月政治生日 on the notice board: names (members only), date and years of membership."""
    people = birthdays_in(branch, year, month)
    if not people:
        return ""
    names = "、".join(f"{b.member.name}（{b.day.day}日·{b.years}周年）" for b in people)
    return f"{month}月政治生日：{names}"


def plaque_board(branch: Branch, result: BranchResult) -> Board:
    card = result.scorecard
    data = _common(branch, result)
    starred = bool(card.star) and not card.vetoed
    data |= {
        "plaque_title": f"{STAR_DIGITS[card.star]}星级党支部" if starred else "星级党支部评定",
        "starred": starred,
        "not_starred": not starred,
        "year_line": f"{card.year}年度",
        "standard": f"评定依据：{card.standard_name}（{card.standard_version}版）",
        "awarded": f"{branch.profile.unit}",
        "date_line": f"{chinese_year(card.as_of.year)}年{chinese_month(card.as_of.month)}月",
    }
    return Board("plaque", branch.id, data)


def kinds_for(branch: Branch) -> list[str]:
    """The kinds of board a branch has, in print order: the 1+N board only when it has
    groups, the 党建看板 only where there is 党务公开 or 感悟 to show."""
    out = ["brand"]
    if branch.groups:
        out.append("1n")
    out += ["notice", "plaque"]
    if branch.notices or any(a.reflections for a in branch.activities):
        out.append("kanban")
    return out


def boards_for(
    branch: Branch, result: BranchResult, *, url: str | None, month: str, as_of: dt.date
) -> list[Board]:
    """Every board of one branch, in print order (see kinds_for)."""
    make = {
        "brand": lambda: brand_board(branch, result, url),
        "1n": lambda: one_n_board(branch, result, as_of),
        "notice": lambda: notice_board(branch, result, month, as_of),
        "plaque": lambda: plaque_board(branch, result),
        "kanban": lambda: kanban_board(branch, result, as_of),
    }
    return [make[kind]() for kind in kinds_for(branch)]
