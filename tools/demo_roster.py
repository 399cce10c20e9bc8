"""Demo additions for the roster features: 发展党员 stages, 党员责任区, 政治生日 ceremonies,
活动感悟 and 党务公开 notices. Called by make_demo_data.py; uses its own random stream so the
rest of the demo data stays exactly as it was."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

ZONE_PLACES = {
    "生产": ["叶片处理线", "烘丝机组", "加香加料工段", "成品暂存区", "质量检测室", "润叶工段"],
    "保障": ["空压站", "配电房", "真空泵房", "备件库", "锅炉房"],
    "营销": ["城东片区零售终端", "城西片区零售终端", "现代终端示范店", "客户服务热线"],
    "管理": ["党员活动室", "档案室", "公文流转", "财务报销窗口"],
    "服务": ["收购大厅", "定级台", "烟叶仓库", "烟农培训点"],
}
REFLECTIONS = [
    "这次活动让我对“岗位就是阵地”有了更深的理解，回到班组要带头把标准落实到每一道工序。",
    "重温入党誓词时很受触动，作为一名老党员更要在急难险重任务面前冲在前面。",
    "通过交流找到了自己工作中的短板，下个月准备牵头做一个小改善项目。",
    "和社区群众面对面交流，才知道我们的一点小服务对他们很重要，今后要常去。",
    "学习先进事迹后感到差距不小，要把学习成果转化为提升质量的实际行动。",
    "活动形式新颖，青年党员参与度很高，建议以后多组织这样的现场教学。",
]


def _stages(start: dt.date, upto: int, gaps: tuple[int, ...]) -> dict:
    """Stages 0..upto from `start`, each `gaps[i]` days after the previous."""
    names = ("入党申请人", "入党积极分子", "发展对象", "预备党员", "正式党员")
    out, day = {}, start
    for i in range(upto + 1):
        if i:
            day = day + dt.timedelta(days=gaps[i - 1])
        out[names[i]] = day
    return out


def roster(
    spec_id: str, members: list[dict], groups: list, used: set[str], make_names
) -> list[dict]:
    """Adds development stages and zones to member dicts in place; returns applicant entries."""
    rng = random.Random(f"roster-{spec_id}")
    kinds = {g.id: g.kind for g in groups}
    # zones: every group one or two, members holding 党员责任区 one each
    for g in groups:
        places = ZONE_PLACES[g.kind]
        g.zones = [
            {"name": f"{p}党员责任区", "covers": f"{p}的安全、质量与现场管理"}
            for p in rng.sample(places, 2 if len(places) > 4 else 1)
        ]
    for m in members:
        if "党员责任区" in m.get("roles", []):
            place = rng.choice(ZONE_PLACES[kinds[m["group"]]])
            m["zones"] = [
                {"name": f"{m['name'][0]}师傅责任区", "covers": f"{place}设备点检与隐患排查"}
            ]
    # two members still on probation in the bigger branches: one due for 转正 within 30 days
    # of the demo's as_of (2025-01-15), one overdue; the rest came through long ago
    if len(members) >= 15:
        young = [m for m in members if m["joined"].year >= 2015][:2]
        for m, began in zip(young, (dt.date(2024, 2, 1), dt.date(2023, 12, 20)), strict=False):
            m["joined"] = began
            m["development"] = _stages(began - dt.timedelta(days=900), 3, (200, 380, 320))
    # applicants: not party members, never published by name
    count = {"zhisi": 5, "zongbu": 3, "yingxiao": 2, "jiguan": 2, "jianxiu": 1}.get(spec_id, 0)
    applicants = []
    for i, name in enumerate(make_names(rng, count, used)):
        stage = (0, 1, 2, 1, 2)[i % 5]
        start = dt.date(2022 + (i % 2), rng.randint(1, 12), rng.randint(1, 28))
        gaps = (
            rng.randint(150, 300),
            200 if i == 2 else rng.randint(380, 500),
            300,
        )  # one 发展对象 trained under a year
        entry = {
            "name": name,
            "group": groups[i % len(groups)].id,
            "post": "",
            "development": _stages(start, stage, gaps),
        }
        entry["private"] = {"note": "发展党员档案在党委组织部"}
        applicants.append(entry)
    return applicants


def birthday_ceremonies(
    members: list[dict], committee: list[str], years: tuple[int, ...], last_month: int, add
) -> None:
    """A 政治生日 ceremony each quarter for the members whose anniversary falls in it."""
    for year in years:
        for q in range(1, 5):
            month = q * 3 - 1
            if year == years[-1] and month > last_month:
                break
            people = sorted(
                m["name"]
                for m in members
                if m.get("joined")
                and (m["joined"].month - 1) // 3 + 1 == q
                and m["joined"].year < year
            )
            if not people:
                continue
            add(
                dt.date(year, month, 16),
                "zhengzhishengri",
                "政治生日",
                f"第{q}季度党员集体过“政治生日”",
                f"支部为本季度入党纪念日的{len(people)}名党员集体过“政治生日”，重温入党誓词，赠送政治生日贺卡，老党员讲述入党初心。",
                people=sorted(set(people) | set(committee)),
            )


def reflections(rng_key: str, participants: list[str]) -> list[dict]:
    rng = random.Random(rng_key)
    people = rng.sample(participants, min(2, len(participants)))
    return [{"by": p, "text": t} for p, t in zip(people, rng.sample(REFLECTIONS, len(people)), strict=True)]


def notices(folder: Path, branch_name: str, years: tuple[int, ...]) -> None:
    """党务公开: two current notices and one that ended before the demo's as_of."""
    y = years[-1]
    items = [
        (
            dt.date(y, 6, 20),
            "dangfei",
            f"{y}年上半年党费收缴情况公示",
            dt.date(y, 7, 20),
            "党费收缴",
            f"{branch_name}{y}年1—6月应交党费的党员全部按时足额交纳。具体明细已在支部党员大会上通报。",
        ),
        (
            dt.date(y, 12, 28),
            "pingyou",
            f"{y}年度优秀共产党员推荐人选公示",
            dt.date(y + 1, 1, 31),
            "评优公示",
            "经党小组推荐、支委会研究，拟推荐支部优秀共产党员人选，现予公示。公示期间如有意见，请向支部书记反映。",
        ),
        (
            dt.date(y + 1, 1, 6),
            "zhuti",
            f"{y + 1}年第一季度主题党日安排",
            None,
            "工作安排",
            "一月：新年工作部署；二月：春节安全保供；三月：学雷锋志愿服务。请各党小组提前做好准备。",
        ),
    ]
    (folder / "notices").mkdir(parents=True, exist_ok=True)
    for day, slug, title, until, kind, body in items:
        front = {"date": day, "title": title, "kind": kind}
        if until:
            front["until"] = until
        text = (
            "---\n"
            + yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
            + "---\n"
            + body
            + "\n"
        )
        (folder / "notices" / f"{day.isoformat()}-{slug}.md").write_text(text, encoding="utf-8")


CAMPAIGNS = {
    2023: ("主题教育", ["主题教育读书班（第一专题）", "主题教育专题研讨：调查研究与解决问题"], (5, 7)),
    2024: ("党纪学习教育", ["党纪学习教育读书班（开班）", "党纪学习教育：逐章学习《纪律处分条例》",
                           "党纪学习教育警示教育会", "党纪学习教育专题研讨"], (4, 5, 6, 7)),
}


def campaigns(spec_id: str, years: tuple[int, ...], names: list[str], add) -> None:
    """The year's campaign study (2023 主题教育, 2024 党纪学习教育) for branches with two years
    of data, so the portrait's year-on-year comparison shows a real difference."""
    if len(years) < 2:
        return
    rng = random.Random(f"campaign-{spec_id}")
    for year in years:
        if year not in CAMPAIGNS:
            continue
        tag, titles, months = CAMPAIGNS[year]
        for i, (title, month) in enumerate(zip(titles, months, strict=False)):
            people = sorted(rng.sample(names, max(1, len(names) - rng.randint(0, 3))))
            add(dt.date(year, month, 10 + i), f"{'zhutijiaoyu' if year == 2023 else 'dangji'}-{i + 1}", "学习培训", title,
                f"支部组织党员参加{tag}集中学习，{title}。党员结合岗位实际交流学习体会，查找差距、明确整改方向。",
                people=people, tags=[tag])
