"""Write the demo data in branches/: fictional branches modelled on enterprise practice.

Deterministic (fixed seed): rerunning rewrites the same files. Every person and
organisation is invented. Each branch is shaped to land on a different star under the
default standard: zongbu 5★, zhisi 4★, yingxiao 3★, yanye none (gaps, expired term),
jianxiu vetoed (一票否决), jiguan 3★, wuliu unpublished.

    python tools/make_demo_data.py          # rewrites branches/
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

import demo_roster

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "branches"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文辉鹏飞玲丹萍红斌宇浩凯俊峰琳晨阳欣怡婷雪梅海波林涛成东亮志坚晓光永红春燕金凤德胜立新卫东"
POSTS = {
    "生产": ["制丝操作工", "设备维修工", "工艺员", "质检员", "班组长", "叶片处理工", "烘丝机操作工"],
    "营销": ["客户经理", "市场经理", "营销主管", "数据分析员", "终端建设专员"],
    "管理": ["综合科科员", "人事专员", "财务会计", "党建专干", "文秘", "法务专员"],
    "服务": ["收购员", "定级员", "仓储保管员", "技术指导员", "司磅员"],
    "保障": ["电工", "钳工", "空压站值班员", "仓储叉车司机", "调度员"],
}
MONTH_THEMES = {
    1: ("新年工作部署", "学习上级党委全年工作要点，部署本支部年度党建与生产经营重点任务"),
    2: ("春节安全保供", "围绕节后复工和安全生产开展岗位提醒与隐患排查"),
    3: ("学雷锋", "弘扬雷锋精神，组织党员走进社区开展便民服务"),
    4: ("清明缅怀先烈", "到烈士陵园开展祭扫活动，重温入党誓词"),
    5: ("劳动创造幸福", "学习劳模事迹，交流岗位创新成果"),
    6: ("安全生产月", "开展“安全生产月”主题学习，组织党员带头查找身边隐患"),
    7: ("七一建党节", "庆祝党的生日，为“政治生日”党员送上纪念卡"),
    8: ("廉洁文化", "观看廉政警示教育片，签订廉洁从业承诺"),
    9: ("质量月", "围绕“质量月”开展质量攻关和合理化建议征集"),
    10: ("国庆爱国主义教育", "开展爱国主义教育，讲述身边的奋斗故事"),
    11: ("冬季安全与节能", "组织冬季防火检查，开展节能降耗党员攻关"),
    12: ("年度总结", "回顾全年工作，评选优秀党员和示范党小组"),
}
STUDY = [
    "学习贯彻党的二十届三中全会精神",
    "学习《中国共产党纪律处分条例》",
    "学习习近平总书记关于安全生产的重要论述",
    "党纪学习教育专题读书班",
    "学习行业高质量发展工作部署",
    "学习《中国共产党支部工作条例（试行）》",
    "学习新修订的《保守国家秘密法》",
    "“两优一先”先进事迹学习会",
]
VOLUNTEER = [
    ("社区便民服务", "到结对社区开展志愿服务，为居民义务维修小家电、宣讲控烟知识"),
    ("关爱留守儿童", "走进乡村小学开展志愿服务，捐赠学习用品，陪孩子们读书"),
    ("文明交通劝导", "在厂区周边路口开展文明交通志愿服务，引导职工安全出行"),
    ("助农收烟", "深入烟叶产区开展志愿服务，帮助烟农分级扎把、讲解收购政策"),
    ("无偿献血", "组织党员参加无偿献血志愿服务，用实际行动传递温暖"),
    ("环境整治", "开展“清洁家园”志愿服务，清理厂区周边卫生死角"),
    ("敬老助老", "到敬老院开展志愿服务，为老人打扫房间、表演节目"),
    ("防诈骗宣传", "在社区开展防范电信诈骗宣传志愿服务，发放宣传资料"),
]
LECTURES = [
    "书记讲党课：以高质量党建引领高质量发展",
    "专题党课：严守纪律规矩，锤炼过硬作风",
    "专题党课：传承红色基因，争做岗位先锋",
    "专题党课：把支部建在生产线上",
    "专题党课：从“一支部一品牌”看基层组织力",
]


@dataclass
class GroupSpec:
    id: str
    name: str
    brand: str
    meaning: str
    kind: str
    size: int


@dataclass
class BranchSpec:
    id: str
    name: str
    unit: str
    founded: str
    term_start: str
    brand: dict
    groups: list[GroupSpec]
    partners: list[dict]
    publish: bool = True
    years: tuple[int, ...] = (2024,)
    extra_members: int = 0  # committee members and others outside groups
    skip_zhiweihui: tuple[int, ...] = ()  # months without 支委会
    skip_group_meeting: tuple[int, ...] = ()
    skip_dangke: tuple[int, ...] = ()  # quarters without 党课
    skip_zhuti: tuple[int, ...] = ()
    attendance: tuple[float, float] = (0.92, 1.0)
    group_attendance: tuple[float, float] | None = None  # 党小组会 attendance, when it differs
    study: int = 6
    volunteer: int = 6
    pairing: int = 2
    last_month: int = 12  # no activity after this month (stale data)
    assessment: dict = field(default_factory=dict)
    commitments: list[dict] = field(default_factory=list)
    private_contacts: bool = False
    committee_roles: tuple[str, ...] = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员")


ALL_PASS = {k: {"pass": True, "by": "党委党建工作部", "note": "现场核查，资料齐全"} for k in
            ("A-06", "A-07", "B-01", "B-02", "B-03", "B-04", "B-05", "B-06", "C-01", "C-02", "C-03", "E-01", "E-02", "E-03")}


def names(rng: random.Random, n: int, used: set[str]) -> list[str]:
    out = []
    while len(out) < n:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.55 else "")
        if name not in used:
            used.add(name)
            out.append(name)
    return out


def write_yaml(path: Path, data: object, header: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120, default_flow_style=False)
    path.write_text(header + text, encoding="utf-8")


def activity(folder: Path, day: dt.date, slug: str, meta: dict, body: str) -> str:
    aid = f"{day.isoformat()}-{slug}"
    front = {"date": day, **meta}
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=200) + "---\n" + body.strip() + "\n"
    (folder / "activities").mkdir(parents=True, exist_ok=True)
    (folder / "activities" / f"{aid}.md").write_text(text, encoding="utf-8")
    return aid


def attend(rng: random.Random, band: tuple[float, float], expected: int) -> dict:
    rate = rng.uniform(*band)
    return {"expected": expected, "present": max(1, min(expected, round(expected * rate)))}


def build_branch(spec: BranchSpec, photos: PhotoMaker) -> None:
    rng = random.Random(f"demo-{spec.id}")
    folder = OUT / spec.id
    used: set[str] = set()
    members: list[dict] = []
    group_members: dict[str, list[str]] = {}
    for g in spec.groups:
        ppl = names(rng, g.size, used)
        group_members[g.id] = ppl
        for i, person in enumerate(ppl):
            m = {"name": person, "group": g.id, "post": rng.choice(POSTS[g.kind])}
            roles = []
            if i == 0:
                roles.append("党小组长")
            if rng.random() < 0.3:
                roles.append(rng.choice(["党员示范岗", "党员先锋岗", "党员责任区"]))
            if roles:
                m["roles"] = roles
            m["joined"] = dt.date(rng.randint(1995, 2021), rng.randint(1, 12), rng.randint(1, 28))
            if spec.private_contacts:
                m["private"] = {"phone": f"1380000{rng.randint(1000, 9999)}", "id_number": f"340100********{rng.randint(1000, 9999)}"}
            members.append(m)
    all_names = [m["name"] for m in members]
    committee = [{"name": n, "role": r} for n, r in zip(all_names[:: max(1, len(all_names) // 5)], spec.committee_roles, strict=False)]
    brand = dict(spec.brand)
    brand["logo"] = "photos/logo.png"
    photos.logo(folder / "photos" / "logo.png", brand["name"])
    profile = {
        "name": spec.name,
        "unit": spec.unit,
        "founded": dt.date.fromisoformat(spec.founded),
        "term": {"start": dt.date.fromisoformat(spec.term_start), "years": 3},
        "committee": committee,
        "brand": brand,
        "partners": [{**p, "since": dt.date.fromisoformat(p["since"])} for p in spec.partners],
        "publish": spec.publish,
    }
    write_yaml(folder / "branch.yml", profile, f"# {spec.name}：支部概况与品牌（演示数据，人物与单位均为虚构）\n")
    leaders = {g.id: group_members[g.id][0] for g in spec.groups}
    applicants = demo_roster.roster(spec.id, members, spec.groups, used, names)
    write_yaml(folder / "groups.yml", [
        {"id": g.id, "name": g.name, "brand": g.brand, "meaning": g.meaning, "leader": leaders[g.id], "kind": g.kind,
         **({"zones": g.zones} if getattr(g, "zones", None) else {})} for g in spec.groups
    ])
    # one member with a photo of their own
    photos.portrait(folder / "photos" / "member-1.jpg", members[0]["name"])
    members[0]["photo"] = "photos/member-1.jpg"
    write_yaml(folder / "members.yml", members + applicants,
               "# 党员名册。private: 下的内容只用于内部核对，不会公开。\n# 入党申请人、积极分子、发展对象（development 未到预备党员）只统计人数，姓名不公开。\n")

    ids: dict[str, list[str]] = {}
    n_members = len(members)
    photo_count = 0

    def add(day: dt.date, slug: str, kind: str, title: str, body: str, group: str | None = None,
            expected: int | None = None, people: list[str] | None = None, photo: bool = False, tags=None, points=None,
            adjust=None, reflect: bool = False) -> str:
        nonlocal photo_count
        meta: dict = {"type": kind, "title": title}
        if group:
            meta["group"] = group
        if expected:
            band = spec.group_attendance if kind == "党小组会" and spec.group_attendance else spec.attendance
            att = attend(rng, band, expected)
            meta["attendance"] = att
            pool = people if people is not None else all_names
            meta["participants"] = sorted(rng.sample(pool, min(len(pool), att["present"])))
        elif people:
            meta["participants"] = sorted(people)
        if photo:
            photo_count += 1
            rel = f"photos/{day.isoformat()}-{slug}.jpg"
            photos.scene(folder / rel, title, seed=f"{spec.id}-{day}-{slug}", exif=(photo_count == 1))
            meta["photos"] = [rel]
        if tags:
            meta["tags"] = tags
        if points is not None:
            meta["points"] = points
        if adjust:
            meta["adjust"] = adjust
        if reflect and meta.get("participants"):
            meta["reflections"] = demo_roster.reflections(f"{spec.id}-{day}-{slug}", meta["participants"])
        aid = activity(folder, day, slug, meta, body)
        ids.setdefault(kind, []).append(aid)
        return aid

    for year in spec.years:
        last = spec.last_month if year == spec.years[-1] else 12
        for month in range(1, last + 1):
            theme, theme_text = MONTH_THEMES[month]
            if month not in spec.skip_zhiweihui:
                add(dt.date(year, month, rng.randint(3, 8)), "zhiweihui", "支委会", f"{month}月份支委会",
                    f"支委会研究{month}月份党建重点工作，{theme_text}的具体安排。会议还讨论了党员发展、党费收缴和意识形态工作，明确了责任分工。",
                    expected=len(committee), people=[c["name"] for c in committee])
            for g in spec.groups:
                if month in spec.skip_group_meeting:
                    continue
                ppl = group_members[g.id]
                add(dt.date(year, month, rng.randint(9, 14)), f"{g.id}-xiaozuhui", "党小组会", f"{g.name}{month}月党小组会",
                    f"{g.name}召开党小组会，围绕“{g.brand}”微品牌交流本月岗位履职情况，{theme_text}。党小组长点评了党员示范岗表现，布置下月任务。",
                    group=g.id, expected=len(ppl), people=ppl, photo=month % 3 == 0 or rng.random() < 0.2)
            if month not in spec.skip_zhuti:
                g = spec.groups[month % len(spec.groups)]
                add(dt.date(year, month, rng.randint(15, 22)), "zhutidangri", "主题党日", f"“{theme}”主题党日",
                    f"支部开展“{theme}”主题党日活动。{theme_text}。{g.name}承办本次活动，党员们结合岗位谈体会、定措施。",
                    group=g.id, expected=n_members, photo=True, tags=[theme], reflect=True)
            if month % 3 == 0:
                quarter = month // 3
                add(dt.date(year, month, rng.randint(23, 27)), "dangyuandahui", "支部党员大会", f"第{quarter}季度支部党员大会",
                    f"召开第{quarter}季度支部党员大会，通报支部工作和党费收缴情况，学习上级文件精神，对下一阶段工作进行部署。",
                    expected=n_members)
                if quarter not in spec.skip_dangke:
                    add(dt.date(year, month, 28), "dangke", "党课", LECTURES[(quarter + year + len(spec.id)) % len(LECTURES)],
                        "党课结合本单位实际，讲述了基层党组织在急难险重任务中发挥战斗堡垒作用的生动事例，引导党员立足岗位作表率。",
                        expected=n_members)
        for i in range(spec.study):
            month = 1 + (i * last) // max(1, spec.study)  # spread over the year: every quarter gets study
            topic = STUDY[(i + year) % len(STUDY)]
            add(dt.date(year, month, 24), f"xuexi-{i + 1}", "学习培训", topic,
                f"组织党员{topic}。采取领学、研讨、交流相结合的方式，党员结合岗位谈认识、找差距、定措施。", expected=n_members)
        for i in range(spec.volunteer):
            month = 1 + (i * 11) // max(1, spec.volunteer)
            if month > last:
                break
            title, text = VOLUNTEER[(i + len(spec.id)) % len(VOLUNTEER)]
            ppl = rng.sample(all_names, min(len(all_names), rng.randint(5, 10)))
            host = rng.choice(spec.groups)
            ppl = sorted(set(ppl[: len(ppl) // 2]) | set(group_members[host.id]))
            add(dt.date(year, month, 19), f"zhiyuan-{i + 1}", "志愿服务", title,
                f"{host.name}牵头，{text}。参加志愿服务的党员累计服务{len(ppl) * 3}小时，受到群众好评。", group=host.id, people=ppl,
                photo=i % 2 == 0, tags=["志愿服务"], points=2 if i == 0 else None)
        for i in range(spec.pairing):
            month = 4 + i * 5
            if month > last or not spec.partners:
                break
            partner = spec.partners[i % len(spec.partners)]["name"]
            ppl = rng.sample(all_names, min(len(all_names), 6))
            add(dt.date(year, month, 12), f"gongjian-{i + 1}", "结对共建", f"与{partner}开展结对共建",
                f"支部与{partner}联合开展共建活动，双方党员共同学习、交流经验，并就下一步共建项目达成一致。",
                group=rng.choice(spec.groups).id, people=ppl, photo=True,
                tags=["结对共建"])
        if last >= 2:
            add(dt.date(year, 1 if last < 12 else 12, 26), "zuzhishenghuohui", "组织生活会", f"{year}年度组织生活会",
                "召开年度组织生活会，支委班子和党员逐一对照检查，开展批评与自我批评，明确整改措施。", expected=n_members)
            add(dt.date(year, 1 if last < 12 else 12, 27), "minzhupingyi", "民主评议党员", f"{year}年度民主评议党员",
                "开展民主评议党员，党员个人自评、党员互评、民主测评，评定出优秀党员并公示结果。", expected=n_members)
        if spec.id == "yingxiao" and year == 2024:
            # a 负面清单 deduction names the one member it applies to (adjust:), not everyone present
            named = sorted(group_members[spec.groups[0].id])[0]
            add(dt.date(2024, 7, 10), "fumian-qingdan", "党小组会", "营销一组党小组会（专题）",
                f"党小组对{named}同志未按要求参加集中学习提出批评，按负面清单扣减积分，本人作了表态。", group=spec.groups[0].id,
                expected=len(group_members[spec.groups[0].id]), people=group_members[spec.groups[0].id],
                adjust=[{"who": named, "reason": "未按要求参加集中学习"}])

    demo_roster.birthday_ceremonies(members, [c["name"] for c in committee], spec.years, spec.last_month, add)
    demo_roster.campaigns(spec.id, spec.years, all_names, add)
    if spec.publish:
        demo_roster.notices(folder, spec.name, spec.years)

    # commitments: one per member-kind mix, evidence from activities that exist
    items = []
    evid = sorted(ids.get("志愿服务", []) + ids.get("主题党日", []))
    for c in spec.commitments:
        item = dict(c)
        who = item["who"]
        if who.startswith("@member"):
            item["who"] = all_names[int(who[7:])]
        elif who.startswith("@group"):
            item["who"] = spec.groups[int(who[6:])].id
        item["due"] = dt.date.fromisoformat(item["due"])
        if "done" in item:
            item["done"] = dt.date.fromisoformat(item["done"])
            before = [aid for aid in evid if aid[:10] <= item["done"].isoformat()]  # proof precedes the claim
            if before:
                item["evidence"] = [before[-1 - (len(items) % min(3, len(before)))]]
        items.append(item)
    if items:
        write_yaml(folder / "commitments.yml", {"year": spec.years[-1], "items": items}, "# 公开承诺：亮标准·亮身份·亮承诺\n")
    if spec.assessment:
        write_yaml(folder / "assessment.yml", spec.assessment, "# 考核组现场核查记录\n")


COMMIT_GOOD = [
    {"who": "branch", "kind": "亮标准", "text": "对照星级党支部创建标准，全年“三会一课”按时召开率100%", "due": "2024-12-31", "done": "2024-12-27"},
    {"who": "@group0", "kind": "亮标准", "text": "党小组月度积分公开，季度评比结果上墙公示", "due": "2024-12-31", "done": "2024-12-20"},
    {"who": "@member0", "kind": "亮身份", "text": "佩戴党员徽章上岗，所在工位设置党员示范岗标识", "due": "2024-03-31", "done": "2024-03-05"},
    {"who": "@member3", "kind": "亮身份", "text": "在岗位公开党员身份，主动认领急难险重任务", "due": "2024-06-30", "done": "2024-06-18"},
    {"who": "@member1", "kind": "亮承诺", "text": "全年牵头完成2项质量改善课题", "due": "2024-11-30", "done": "2024-11-22"},
    {"who": "@member5", "kind": "亮承诺", "text": "全年参加志愿服务不少于20小时", "due": "2024-12-31", "done": "2024-12-15"},
    {"who": "@member7", "kind": "亮承诺", "text": "带教2名新员工，帮助其通过岗位技能鉴定", "due": "2025-06-30"},
]


def specs() -> list[BranchSpec]:
    u1, u2 = "皖江卷烟厂党委", "皖江烟草商业公司党委"
    return [
        BranchSpec(
            id="zhisi", name="制丝车间党支部", unit=u1, founded="2012-06-01", term_start="2023-07-01",
            brand={
                "name": "智丝堡垒·质造先锋",
                "slogan": "以“智”铸魂，以“质”立身",
                "meaning": "“智丝堡垒”寓意支部以数字化、智能化转型为抓手，把支部建成制丝生产线上坚强的战斗堡垒；"
                           "“质造先锋”寓意每一名党员都是工艺质量的守护者和改进者。\n\n"
                           "支部以“1+4”微品牌体系为骨架：一个支部品牌统领四个党小组微品牌，让党建工作落到每一条生产线、每一个班组。",
                "practices": [
                    {"title": "党员示范岗“挂牌上岗”", "body": "在叶片处理、烘丝、加香等关键工序设立党员示范岗 **12** 个，示范岗党员公开承诺、接受监督。"},
                    {"title": "质量攻关“揭榜挂帅”", "body": "每季度发布质量难题清单，由党员领衔揭榜，攻关成果纳入党小组积分。"},
                    {"title": "“1+4”微品牌联创", "body": "四个党小组各建微品牌，月度比学赶超，季度评选示范党小组。"},
                    {"title": "师带徒“青蓝结对”", "body": "党员技术骨干与青年员工结对，传技能、带作风。"},
                ],
                "results": [
                    {"label": "质效改善项目", "value": 30, "unit": "项", "year": 2024},
                    {"label": "工艺质量合格率", "value": 99.6, "unit": "%", "year": 2024},
                    {"label": "党员示范岗", "value": 12, "unit": "个", "year": 2024},
                    {"label": "志愿服务时长", "value": 420, "unit": "小时", "year": 2024},
                ],
                "honors": [
                    {"year": 2022, "title": "市直机关“一支部一品牌”优秀案例"},
                    {"year": 2023, "title": "皖江卷烟厂先进基层党组织"},
                ],
            },
            groups=[
                GroupSpec("jingjia", "叶片处理党小组", "精甲先锋", "精益求精、甲级品质，守好制丝第一道关口。", "生产", 6),
                GroupSpec("qingfeng", "烘丝党小组", "青锋", "青年党员打头阵，锋芒所向攻难关。", "生产", 6),
                GroupSpec("zhongyan", "加香加料党小组", "众焱", "众人拾柴火焰高，凝聚合力保质量。", "生产", 6),
                GroupSpec("xinsilu", "设备保障党小组", "心丝路", "用心守护每一台设备，让丝路畅通无阻。", "保障", 6),
            ],
            partners=[{"name": "滨湖社区党委", "kind": "社区", "since": "2021-05-01"}, {"name": "设备供应商党支部", "kind": "企业", "since": "2022-09-01"}],
            years=(2023, 2024), private_contacts=True, study=6, volunteer=6, pairing=2,
            group_attendance=(0.82, 0.94),  # group meetings below 0.9 on average: D-12 keeps it at 4★
            assessment={2023: ALL_PASS, 2024: {**ALL_PASS, "veto": {"triggered": False}}},
            commitments=COMMIT_GOOD,
        ),
        BranchSpec(
            id="yingxiao", name="营销中心党支部", unit=u2, founded="2010-03-01", term_start="2022-09-01",
            brand={
                "name": "红心营销·服务先行",
                "slogan": "一颗红心向客户，一份真情促发展",
                "meaning": "支部把“以客户为中心”的营销理念和党员先锋作用结合起来，党员客户经理走在市场一线，"
                           "做规范经营的宣传员、零售客户的服务员。",
                "practices": [
                    {"title": "党员客户经理“亮身份”", "body": "走访时佩戴党徽，服务卡上标注党员身份。"},
                    {"title": "积分月度公示", "body": "党员积分每月在公示栏公布，季度考核、年度总评。"},
                    {"title": "终端帮扶“红色驿站”", "body": "在重点零售终端设立红色驿站，开展经营指导。"},
                ],
                "results": [
                    {"label": "走访零售客户", "value": 3600, "unit": "户次", "year": 2024},
                    {"label": "客户满意度", "value": 98.2, "unit": "%", "year": 2024},
                ],
                "honors": [{"year": 2023, "title": "皖江烟草商业公司“服务之星”集体"}],
            },
            groups=[
                GroupSpec("yingxiao-1", "营销一组党小组", "红帆", "扬起红色风帆，服务扬帆远航。", "营销", 6),
                GroupSpec("yingxiao-2", "营销二组党小组", "connect 连心", "连接客户的心，做有温度的营销。", "营销", 5),
                GroupSpec("yingxiao-3", "市场数据党小组", "数智", "用数据说话，以智慧决策。", "营销", 5),
            ],
            partners=[{"name": "城东街道党工委", "kind": "社区", "since": "2022-04-01"}],
            study=4, volunteer=5, pairing=1, skip_zhuti=(2, 8), attendance=(0.86, 0.98),
            assessment={2024: {**{k: v for k, v in ALL_PASS.items() if k not in ("C-03", "B-06")},
                               "C-03": {"pass": False, "note": "党员活动室阵地建设未完成升级"},
                               "veto": {"triggered": False}}},
            commitments=COMMIT_GOOD[:4] + [
                {"who": "@member2", "kind": "亮承诺", "text": "所辖片区零售户走访率达到100%", "due": "2024-09-30"},
                {"who": "@member4", "kind": "亮承诺", "text": "培育2家现代终端示范店", "due": "2024-10-31"},
            ],
        ),
        BranchSpec(
            id="jiguan", name="机关第二党支部", unit=u2, founded="2016-05-01", term_start="2022-04-01",  # 换届 due in 2025-04
            brand={
                "name": "精益党建·五力提升",
                "slogan": "精细精准精益，聚力聚心聚能",
                "meaning": "支部把精益管理方法引入党建工作，围绕学习力、执行力、创新力、组织力、服务力“五力”建立积分模型，"
                           "以标准化流程提升机关党建质量。",
                "practices": [
                    {"title": "“五力”积分模型", "body": "学习力、执行力、创新力、组织力、服务力各设指标，季度画像。"},
                    {"title": "党建工作“标准作业卡”", "body": "把三会一课等流程编成标准作业卡，一事一卡。"},
                    {"title": "机关服务基层“直通车”", "body": "机关党员定期到基层站点蹲点服务。"},
                ],
                "results": [{"label": "精益改善提案", "value": 46, "unit": "项", "year": 2024},
                            {"label": "基层蹲点服务", "value": 52, "unit": "人次", "year": 2024},
                            {"label": "流程优化", "value": 18, "unit": "项", "year": 2024}],
                "honors": [],
            },
            groups=[
                GroupSpec("zonghe", "综合党小组", "精益先锋", "用精益方法把每件小事做精做细。", "管理", 5),
                GroupSpec("caiwu", "财务审计党小组", "清风账本", "守好集体账本，算清廉洁细账。", "管理", 4),
            ],
            partners=[], study=5, volunteer=3, pairing=0, skip_zhuti=(1,), attendance=(0.9, 1.0),
            assessment={2024: {**{k: v for k, v in ALL_PASS.items() if k != "B-06"}, "veto": {"triggered": False}}},
            commitments=[
                {"who": "branch", "kind": "亮标准", "text": "机关党员“五力”积分季度公示", "due": "2024-12-31", "done": "2024-12-30"},
                {"who": "@member1", "kind": "亮身份", "text": "窗口岗位公开党员身份，首问负责", "due": "2024-06-30", "done": "2024-06-03"},
                {"who": "@member2", "kind": "亮承诺", "text": "牵头完成费用报销流程精益改善", "due": "2024-08-31", "done": "2024-08-20"},
                {"who": "@group1", "kind": "亮承诺", "text": "全年开展廉洁风险点排查2次", "due": "2024-12-31", "done": "2024-12-10"},
            ],
        ),
        BranchSpec(
            id="yanye", name="桐山烟叶收购站党支部", unit=u2, founded="2008-04-01", term_start="2021-03-01",
            brand={
                "name": "烟田红旗·助农先锋",
                "slogan": "扎根烟田，服务烟农",
                "meaning": "收购站党支部扎根烟区，党员带头下田指导、公平收购，让红旗在烟田飘扬。",
                "practices": [{"title": "党员技术指导员包片", "body": "每名党员联系10户烟农，全程技术指导。"},
                              {"title": "收购“阳光秤”", "body": "党员定级员公开承诺，公平公正定级。"}],
                "results": [{"label": "联系烟农", "value": 210, "unit": "户", "year": 2024}],
                "honors": [],
            },
            groups=[
                GroupSpec("shougou", "收购党小组", "阳光秤", "一杆秤称出公平，一颗心连着烟农。", "服务", 4),
                GroupSpec("jishu", "技术服务党小组", "田间课堂", "把课堂搬到烟田里。", "服务", 4),
            ],
            partners=[{"name": "桐山村党总支", "kind": "村", "since": "2019-03-01"}],
            skip_zhiweihui=(3, 7, 8), skip_group_meeting=(2, 7, 8), skip_dangke=(3,), skip_zhuti=(2, 5, 7, 8, 9),
            attendance=(0.7, 0.9), study=2, volunteer=3, pairing=1, last_month=9,
            assessment={2024: {"B-01": {"pass": True, "by": "党建工作部"}, "B-04": {"pass": False, "note": "缺2024年二季度党费台账"},
                               "C-01": {"na": True, "reason": "收购站点临时用房改造，党员活动室借用桐山村党群服务中心", "until": "2024-12-31"},
                               "veto": {"triggered": False}}},
            commitments=[
                {"who": "branch", "kind": "亮标准", "text": "收购期间“阳光秤”投诉为零", "due": "2024-09-30", "done": "2024-09-28"},
                {"who": "@member0", "kind": "亮身份", "text": "在收购大厅公示党员定级员身份", "due": "2024-07-31", "done": "2024-07-20"},
                {"who": "@member2", "kind": "亮承诺", "text": "完成联系烟农冬季培训全覆盖", "due": "2024-11-30"},
                {"who": "@group1", "kind": "亮承诺", "text": "建设2个烟叶标准化示范田", "due": "2024-10-31"},
            ],
        ),
        BranchSpec(
            id="zongbu", name="机关综合党支部", unit=u2, founded="2005-07-01", term_start="2024-01-01",
            brand={
                "name": "模范机关·红色引擎",
                "slogan": "当好排头兵，争做领头雁",
                "meaning": "支部以建设“让党中央放心、让人民群众满意的模范机关”为目标，把机关党支部建成推动全局工作的“红色引擎”。\n\n"
                           "品牌以“三个表率”为内核：学习上作表率、服务上作表率、廉洁上作表率。",
                "practices": [
                    {"title": "“第一议题”学习制度", "body": "支委会、党员大会首先学习上级最新精神，形成学习清单。"},
                    {"title": "机关党员“下基层、解难题”", "body": "每名党员联系一个基层站点，全年解决实际问题清单化管理。"},
                    {"title": "“清风机关”廉洁文化", "body": "廉洁提醒常态化，节点廉洁教育全覆盖。"},
                    {"title": "“红色引擎”项目化推进", "body": "重点任务项目化、项目责任党员化。"},
                ],
                "results": [
                    {"label": "解决基层问题", "value": 128, "unit": "件", "year": 2024},
                    {"label": "调研报告", "value": 15, "unit": "篇", "year": 2024},
                    {"label": "党员志愿服务时长", "value": 560, "unit": "小时", "year": 2024},
                    {"label": "制度修订", "value": 23, "unit": "项", "year": 2024},
                    {"label": "群众满意度", "value": 99.1, "unit": "%", "year": 2024},
                ],
                "honors": [
                    {"year": 2021, "title": "省直机关五星级党支部"},
                    {"year": 2023, "title": "皖江烟草系统“一支部一品牌”示范品牌"},
                    {"year": 2024, "title": "省级先进基层党组织"},
                ],
            },
            groups=[
                GroupSpec("bangong", "办公室党小组", "红色中枢", "上传下达不走样，协调服务零延误。", "管理", 5),
                GroupSpec("renli", "人力资源党小组", "育才", "为企业发展选好人、育好人。", "管理", 5),
                GroupSpec("dangjian", "党建纪检党小组", "清风", "风清气正，守正创新。", "管理", 5),
            ],
            partners=[{"name": "红星村党支部", "kind": "村", "since": "2020-06-01"}, {"name": "实验小学党支部", "kind": "学校", "since": "2021-09-01"},
                      {"name": "市烟草物流中心党支部", "kind": "企业", "since": "2022-03-01"}],
            years=(2023, 2024), study=8, volunteer=10, pairing=2, attendance=(0.96, 1.0),
            assessment={2023: ALL_PASS, 2024: {**ALL_PASS, "F-14": {"pass": True, "by": "党委党建工作部", "note": "“红色引擎”项目入选系统创新案例"},
                                               "veto": {"triggered": False}}},
            commitments=COMMIT_GOOD[:6] + [{"who": "@group2", "kind": "亮承诺", "text": "全年开展节点廉洁提醒不少于6次", "due": "2024-12-31", "done": "2024-12-12"},
                                           {"who": "@member9", "kind": "亮承诺", "text": "完成3篇基层调研报告", "due": "2025-03-31"}],
        ),
        BranchSpec(
            id="jianxiu", name="动力检修车间党支部", unit=u1, founded="2013-09-01", term_start="2023-03-01",
            brand={
                "name": "动力之源·检修尖兵",
                "slogan": "守护动力心脏，保障安全生产",
                "meaning": "支部围绕动力供应和设备检修，党员冲在抢修一线，当好安全生产的“尖兵”。",
                "practices": [{"title": "抢修“党员突击队”", "body": "重大检修任务组建党员突击队。"},
                              {"title": "设备点检“党员责任区”", "body": "关键设备划分党员责任区。"},
                              {"title": "节能降耗攻关", "body": "党员领衔节能项目。"}],
                "results": [{"label": "节能项目", "value": 9, "unit": "项", "year": 2024}, {"label": "设备完好率", "value": 99.2, "unit": "%", "year": 2024},
                            {"label": "抢修任务", "value": 37, "unit": "次", "year": 2024}],
                "honors": [{"year": 2023, "title": "皖江卷烟厂安全生产先进集体"}],
            },
            groups=[GroupSpec("dongli", "动力党小组", "动力源", "源源不断输送动力。", "保障", 5),
                    GroupSpec("jianxiu", "检修党小组", "尖兵", "检修一线当尖兵。", "保障", 5)],
            partners=[{"name": "湖滨社区党委", "kind": "社区", "since": "2023-04-01"}],
            study=6, volunteer=5, pairing=1,
            assessment={2024: {**ALL_PASS, "veto": {"triggered": True, "reason": "2024年发生一起一般生产安全责任事故，经厂党委研究实行一票否决",
                                                     "by": "皖江卷烟厂党委"}}},
            commitments=COMMIT_GOOD[:5],
        ),
        BranchSpec(
            id="wuliu", name="物流中心党支部", unit=u1, founded="2018-01-01", term_start="2024-01-01", publish=False,
            brand={"name": "红色物流·畅通无阻", "slogan": "货畅其流，党旗飘扬", "meaning": "支部正在筹建品牌，暂不公开。",
                   "practices": [{"title": "党员先锋车队", "body": "党员驾驶员组成先锋车队。"}], "results": [], "honors": []},
            groups=[GroupSpec("cangchu", "仓储党小组", "仓储先锋", "库存精准，收发无误。", "保障", 4),
                    GroupSpec("yunshu", "运输党小组", "先锋车队", "安全行车，准时送达。", "保障", 4)],
            partners=[], study=4, volunteer=3, pairing=0,
            assessment={2024: {"B-01": {"pass": True}, "veto": {"triggered": False}}},
            commitments=COMMIT_GOOD[:3],
        ),
    ]


class PhotoMaker:
    """Small, deterministic stand-in photos: gradient, shapes, a caption in a CJK font."""

    def __init__(self) -> None:
        from PIL import ImageFont

        self.font = None
        for path in ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"):
            if Path(path).exists():
                self.font = lambda size, p=path: ImageFont.truetype(p, size, index=2)
                break

    def _save(self, img, path: Path, exif=None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".png":
            img.save(path, "PNG", optimize=True)
        else:
            img.save(path, "JPEG", quality=70, optimize=True, **({"exif": exif} if exif is not None else {}))

    def scene(self, path: Path, caption: str, seed: str, exif: bool = False) -> None:
        from PIL import Image, ImageDraw

        rng = random.Random(seed)
        w, h = 640, 427
        top = (rng.randint(150, 230), rng.randint(60, 140), rng.randint(40, 90))
        bottom = (rng.randint(30, 90), rng.randint(90, 150), rng.randint(150, 220))
        img = Image.new("RGB", (w, h))
        draw = ImageDraw.Draw(img)
        for y in range(h):
            t = y / h
            draw.line([(0, y), (w, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
        for _ in range(6):
            x, y, r = rng.randint(0, w), rng.randint(h // 3, h), rng.randint(20, 70)
            draw.ellipse([x - r, y - r, x + r, y + r], fill=(rng.randint(180, 255), rng.randint(180, 240), rng.randint(120, 200)))
        draw.rectangle([0, h - 64, w, h], fill=(120, 12, 16))
        if self.font:
            draw.text((20, h - 52), caption[:24], font=self.font(30), fill=(255, 236, 190))
        data = None
        if exif:
            data = Image.Exif()
            data[0x0112] = 6  # Orientation: rotate 90° CW to display
            data[0x010F] = "DemoCam"
            data[0x8825] = {1: "N", 2: (31.0, 49.0, 12.0), 3: "E", 4: (117.0, 13.0, 48.0)}  # GPS: must never reach the site
        self._save(img, path, data)

    def portrait(self, path: Path, name: str) -> None:
        from PIL import Image, ImageDraw

        img = Image.new("RGB", (360, 480), (236, 228, 214))
        draw = ImageDraw.Draw(img)
        draw.ellipse([110, 80, 250, 220], fill=(190, 160, 140))
        draw.rounded_rectangle([60, 240, 300, 480], radius=60, fill=(40, 60, 110))
        if self.font:
            draw.text((130, 420), name, font=self.font(32), fill=(255, 255, 255))
        self._save(img, path)

    def logo(self, path: Path, brand: str) -> None:
        from PIL import Image, ImageDraw

        img = Image.new("RGBA", (512, 512), (0, 0, 0, 0))
        draw = ImageDraw.Draw(img)
        draw.ellipse([16, 16, 496, 496], fill=(200, 22, 29, 255))
        draw.ellipse([48, 48, 464, 464], outline=(212, 160, 23, 255), width=14)
        if self.font:
            ch = brand[0]
            font = self.font(230)
            box = draw.textbbox((0, 0), ch, font=font)
            draw.text(((512 - (box[2] - box[0])) / 2 - box[0], (512 - (box[3] - box[1])) / 2 - box[1]), ch, font=font, fill=(255, 222, 140, 255))
        self._save(img, path)


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    photos = PhotoMaker()
    for spec in specs():
        build_branch(spec, photos)
    n = sum(1 for _ in OUT.glob("*/activities/*.md"))
    print(f"demo data written: {len(specs())} branches, {n} activities")


if __name__ == "__main__":
    main()
