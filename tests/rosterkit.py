"""A small site written for the roster tests (portrait, 政治生日, 发展党员, 换届, 责任区,
党建看板): two years of activities, members with development stages and zones, applicants,
reflections and notices. Names and texts are made up here, distinct from the demo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

AS_OF = dt.date(2025, 3, 10)
APPLICANTS = ("欧阳申请", "司马积极", "诸葛对象")  # must never reach any output
MEMBERS = ("甘露华", "柏青松", "卓远航", "蓝天佑", "闻一鸣", "韶华年", "祁连山", "荀子墨")
PROBATION_DUE = "闻一鸣"  # 预备党员 since 2024-04-01: 转正 due within 30 days of AS_OF
PROBATION_OVERDUE = "韶华年"  # 预备党员 since 2024-01-05: overdue at AS_OF
MARCH = ("甘露华", "柏青松")  # joined in March: 本月政治生日 at AS_OF


def _dump(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _activity(folder: Path, aid: str, meta: dict, body: str) -> None:
    text = (
        "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n"
    )
    (folder / "activities").mkdir(parents=True, exist_ok=True)
    (folder / "activities" / f"{aid}.md").write_text(text, encoding="utf-8")


def write_site(
    root: Path, term_start: dt.date = dt.date(2022, 5, 20), extra_mkdocs: str = ""
) -> Path:
    """The site project folder (mkdocs.yml, content/, branches/hangxin/)."""
    (root / "content").mkdir(parents=True)
    (root / "content" / "index.md").write_text("# 航信测试\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: 航信测试\ndocs_dir: content\ntheme:\n  name: material\n  language: zh\n  palette:\n"
        '    - {media: "(prefers-color-scheme: light)", scheme: default, toggle: {icon: material/weather-night, name: 深色}}\n'
        '    - {media: "(prefers-color-scheme: dark)", scheme: slate, toggle: {icon: material/weather-sunny, name: 浅色}}\n'
        f"plugins:\n  - showcase:\n      as_of: {AS_OF.isoformat()}\n      search: false\n{extra_mkdocs}",
        encoding="utf-8",
    )
    b = root / "branches" / "hangxin"
    _dump(
        b / "branch.yml",
        {
            "name": "航信调度党支部",
            "unit": "航信集团党委",
            "term": {"start": term_start, "years": 3},
            "committee": [
                {"name": "甘露华", "role": "书记"},
                {"name": "柏青松", "role": "组织委员"},
            ],
            "brand": {"name": "航信红舵·调度先锋", "slogan": "稳舵护航"},
        },
    )
    _dump(
        b / "groups.yml",
        [
            {
                "id": "diaodu",
                "name": "调度党小组",
                "brand": "红舵",
                "leader": "甘露华",
                "zones": [{"name": "调度大厅党员责任区", "covers": "大厅值班秩序与应急响应"}],
            },
            {"id": "weihu", "name": "维护党小组", "brand": "护航", "leader": "卓远航"},
        ],
    )
    joined = {
        "甘露华": dt.date(1998, 3, 2),
        "柏青松": dt.date(2012, 3, 28),
        "卓远航": dt.date(2008, 7, 1),
        "蓝天佑": dt.date(2019, 11, 5),
        "闻一鸣": dt.date(2024, 4, 1),
        "韶华年": dt.date(2024, 1, 5),
        "祁连山": dt.date(1990, 6, 30),
        "荀子墨": dt.date(2016, 9, 9),
    }
    members: list[dict] = []
    for i, name in enumerate(MEMBERS):
        m: dict = {
            "name": name,
            "group": "diaodu" if i % 2 == 0 else "weihu",
            "post": ("调度员", "维护工程师", "值班长")[i % 3],
            "joined": joined[name],
        }
        if name == "蓝天佑":
            m["roles"] = ["党员责任区"]
            m["zones"] = [{"name": "机房党员责任区", "covers": "核心机房巡检"}]
        if name == "卓远航":
            m["roles"] = ["党员示范岗"]
        if name in (PROBATION_DUE, PROBATION_OVERDUE):
            start = joined[name]
            m["development"] = {
                "入党申请人": start - dt.timedelta(days=900),
                "入党积极分子": start - dt.timedelta(days=700),
                "发展对象": start - dt.timedelta(days=200),
                "预备党员": start,
            }
        m["private"] = {"phone": "13900001111"}
        members.append(m)
    members += [
        {
            "name": APPLICANTS[0],
            "group": "diaodu",
            "development": {"入党申请人": dt.date(2024, 9, 1)},
        },
        {
            "name": APPLICANTS[1],
            "group": "weihu",
            "development": {"入党申请人": dt.date(2023, 2, 1), "入党积极分子": dt.date(2023, 8, 1)},
        },
        # trained as 积极分子 for only seven months before 发展对象: a warning
        {
            "name": APPLICANTS[2],
            "development": {
                "入党申请人": dt.date(2023, 1, 1),
                "入党积极分子": dt.date(2023, 6, 1),
                "发展对象": dt.date(2024, 1, 1),
            },
        },
    ]
    _dump(b / "members.yml", members)
    everyone = list(MEMBERS)
    for year in (2023, 2024):
        for month in range(1, 13):
            present = everyone[: 8 - (month + year) % 3]
            _activity(
                b,
                f"{year}-{month:02d}-05-zwh",
                {
                    "date": dt.date(year, month, 5),
                    "type": "支委会",
                    "title": f"{month}月支委会",
                    "attendance": {"expected": 2, "present": 2},
                    "participants": ["甘露华", "柏青松"],
                },
                "研究航信调度工作。",
            )
            meta = {
                "date": dt.date(year, month, 18),
                "type": "主题党日",
                "title": f"{year}年{month}月航信主题党日",
                "group": "diaodu",
                "attendance": {"expected": 8, "present": len(present)},
                "participants": present,
            }
            if month == 6:
                meta["reflections"] = [
                    {"by": "祁连山", "text": "调度岗位连着千家万户，守好每一班。"}
                ]
            _activity(b, f"{year}-{month:02d}-18-ztdr", meta, "航信主题党日：学习调度规程。")
        if year == 2024:
            _activity(
                b,
                "2024-03-20-zzsr",
                {
                    "date": dt.date(2024, 3, 20),
                    "type": "政治生日",
                    "title": "三月集体政治生日",
                    "participants": list(MARCH),
                },
                "为三月入党的党员过政治生日。",
            )
    notices = b / "notices"
    notices.mkdir()
    (notices / "2025-03-01-dangfei.md").write_text(
        "---\ndate: 2025-03-01\ntitle: 航信二月党费公示\nuntil: 2025-03-31\nkind: 党费收缴\n---\n二月党费已全部交纳。\n",
        encoding="utf-8",
    )
    (notices / "2025-01-02-old.md").write_text(
        "---\ndate: 2025-01-02\ntitle: 航信旧公示已过期\nuntil: 2025-01-31\n---\n过期内容。\n",
        encoding="utf-8",
    )
    return root
