"""Distinct synthetic branches for `showcase bench`: seeded, deterministic, never copies.

Every cache of the generator keys on content, so a bench built from copies of a few demo
branches measures those few branches. Here branch `i` is made from a phrase bank by a random
generator seeded with (seed, i): its own names, brand, members, texts of realistic length,
about 80 activities of the evaluation year and K unique phone-size photos. Branch `i` depends
on nothing but (seed, i), so "one branch added" is simply branch `n`.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

YEAR = 2024
AS_OF = "2025-01-15"
MEMBERS = 16
GROUP_SIZES = (5, 5, 6)
PHOTO_SIZE = (1600, 1200)  # a phone photo as officers upload it (already downsized by the app)

CITIES = [
    "皖江",
    "淮南",
    "江城",
    "青山",
    "秀水",
    "东湖",
    "南岭",
    "北川",
    "西陵",
    "临港",
    "滨海",
    "云岭",
    "松原",
    "柳州",
    "桐城",
    "石门",
    "金沙",
    "银川",
    "玉泉",
    "长丰",
]
COMPANIES = [
    "卷烟厂",
    "烟草公司",
    "物流中心",
    "电力公司",
    "供水集团",
    "港务公司",
    "机械厂",
    "纺织集团",
    "化工公司",
    "建设集团",
]
DEPTS = [
    "制丝车间",
    "卷包车间",
    "动力车间",
    "设备科",
    "质检中心",
    "物资供应部",
    "营销中心",
    "客户服务部",
    "财务部",
    "人力资源部",
    "综合办公室",
    "安全保卫部",
    "信息中心",
    "技术研发部",
    "仓储中心",
    "运输车队",
    "调度中心",
    "计量站",
    "检修车间",
    "配送站",
    "市场部",
    "法务部",
    "审计部",
    "后勤服务中心",
    "工会办公室",
    "生产管理部",
    "工艺部",
    "采购部",
    "投资发展部",
    "离退休工作部",
]
ORDINALS = ["第一", "第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九", "第十"]
VIRTUES = [
    "红心",
    "匠心",
    "初心",
    "同心",
    "聚力",
    "先锋",
    "清风",
    "担当",
    "奋进",
    "启航",
    "领航",
    "砺剑",
    "铸魂",
    "守正",
    "创新",
    "精益",
    "攀登",
    "燎原",
    "星火",
    "赤诚",
    "磐石",
    "笃行",
    "致远",
    "暖心",
    "连心",
    "红帆",
    "金盾",
    "青锋",
    "朝阳",
    "春晖",
]
NOUNS = [
    "堡垒",
    "先锋队",
    "服务站",
    "工作室",
    "攻坚队",
    "示范岗",
    "驿站",
    "引擎",
    "灯塔",
    "桥梁",
    "纽带",
    "阵地",
    "方舟",
    "港湾",
    "高地",
    "家园",
    "蓝图",
    "丰碑",
    "火炬",
    "旗帜",
]
SLOGAN_A = [
    "以党建引领发展",
    "以服务赢得信任",
    "以创新驱动质效",
    "以实干践行初心",
    "以担当诠释忠诚",
    "以匠心铸就品质",
    "以作风保障安全",
    "以团结凝聚力量",
]
SLOGAN_B = [
    "让党旗在一线高高飘扬",
    "让群众满意成为常态",
    "把支部建在岗位上",
    "把堡垒筑在生产线",
    "让每名党员成为一面旗帜",
    "做新时代的追梦人",
]
MEANING = [
    "支部坚持把党建工作与中心工作同谋划、同部署、同考核，推动党建优势转化为发展优势。",
    "品牌名称取意于党员立足岗位、勇挑重担的精神风貌，寄托了全体党员对高质量发展的共同追求。",
    "围绕“强基础、树标杆、出实效”的思路，支部建立了品牌建设清单、责任清单和成效清单。",
    "支部以党小组为单元建立微品牌，形成“一支部一品牌、一小组一特色”的工作格局。",
    "通过亮身份、作表率、比贡献，引导党员在急难险重任务中冲在前、干在先。",
    "品牌建设坚持问题导向，聚焦生产经营中的堵点难点，以项目化方式推动解决。",
    "支部把政治理论学习与业务技能提升结合起来，打造学习型、服务型、创新型党组织。",
    "在品牌创建过程中，支部注重总结提炼，形成了一批可复制、可推广的经验做法。",
]
PRACTICES = [
    (
        "党员示范岗挂牌上岗",
        "在关键岗位设立党员示范岗，示范岗党员公开承诺、接受监督，每季度开展一次评比。",
    ),
    ("难题攻关揭榜挂帅", "每季度发布难题清单，由党员领衔揭榜，攻关成果纳入党小组积分和年度考核。"),
    ("师带徒青蓝结对", "党员骨干与青年员工结对，签订结对协议，传技能、带作风、促成长。"),
    ("党员责任区划分", "按工序和区域划分党员责任区，责任区内安全、质量、环境由党员牵头负责。"),
    ("微党课进班组", "由党员轮流讲授微党课，每次十五分钟，内容结合岗位实际和身边案例。"),
    ("红色驿站暖心服务", "在服务一线设立红色驿站，为群众和客户提供咨询、帮办和便民服务。"),
    ("积分管理月度公示", "党员积分每月公示，季度考核、年度总评，结果与评先评优挂钩。"),
    ("结对共建资源共享", "与社区、企业党组织结对共建，共享阵地资源，联合开展志愿服务。"),
]
RESULTS = [
    ("改善项目", "项"),
    ("合格率", "%"),
    ("示范岗", "个"),
    ("志愿服务时长", "小时"),
    ("合理化建议", "条"),
    ("客户满意度", "%"),
]
HONORS = [
    "先进基层党组织",
    "“一支部一品牌”优秀案例",
    "五好党支部",
    "工人先锋号",
    "青年文明号",
    "安全生产先进集体",
]
PARTNERS = [
    "社区党委",
    "街道党工委",
    "村党支部",
    "学校党支部",
    "医院党支部",
    "供应商党支部",
    "兄弟单位党支部",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文辉鹏飞玲丹萍红斌宇浩凯俊峰琳晨阳欣怡婷雪梅海波林成东亮志坚晓光永春燕金凤德胜立新卫"
POSTS = [
    "操作工",
    "维修工",
    "工艺员",
    "质检员",
    "班组长",
    "客户经理",
    "调度员",
    "会计",
    "文秘",
    "技术员",
    "仓储保管员",
    "驾驶员",
]
GROUP_KINDS = ["生产", "服务", "管理", "保障"]
THEMES = [
    "新年工作部署",
    "春节安全保供",
    "学雷锋志愿服务",
    "清明缅怀先烈",
    "劳动创造幸福",
    "安全生产月",
    "七一建党节",
    "廉洁文化",
    "质量月",
    "爱国主义教育",
    "冬季安全与节能",
    "年度总结",
]
STUDY = [
    "学习贯彻党的二十届三中全会精神",
    "学习《中国共产党纪律处分条例》",
    "学习关于安全生产的重要论述",
    "党纪学习教育专题读书班",
    "学习行业高质量发展工作部署",
    "学习《中国共产党支部工作条例（试行）》",
    "学习新修订的《保守国家秘密法》",
    "“两优一先”先进事迹学习会",
]
VOLUNTEER = [
    "社区便民服务",
    "关爱留守儿童",
    "文明交通劝导",
    "助农收购",
    "无偿献血",
    "环境整治",
    "敬老助老",
    "防诈骗宣传",
    "爱国卫生运动",
]
# Sentences an activity write-up is made of; each body picks several, so no two are alike.
BODY = [
    "会议由支部书记主持，应到党员{e}名，实到{p}名。",
    "与会党员结合岗位实际，逐一交流了本月工作完成情况和存在的不足，提出了改进措施。",
    "大家一致认为，要把学习成果转化为推动工作的实际行动，在急难险重任务中发挥先锋模范作用。",
    "活动中，党员们围绕“{theme}”主题谈体会、找差距、定措施，气氛热烈。",
    "{who}同志作了重点发言，介绍了在{post}岗位上攻坚克难的做法和体会。",
    "支部对下一阶段工作进行了部署，明确了责任人和完成时限，要求各党小组抓好落实。",
    "会上通报了党费收缴、党员发展和意识形态工作情况，提醒党员严守纪律规矩。",
    "本次活动共收集意见建议{n}条，已全部登记并明确了整改责任人。",
    "党员们表示，将以更加饱满的热情投入到工作中，为完成全年目标任务贡献力量。",
    "活动结束后，支部将相关资料整理归档，并在公示栏进行了公开。",
    "{group}的党员现场分享了微品牌建设经验，其他党小组结合自身实际进行了讨论。",
    "支委会成员分别联系一个党小组，深入班组了解党员思想动态和工作困难。",
    "大家认真学习了上级党委有关文件精神，逐段研读、交流心得，进一步统一了思想认识。",
    "结合安全生产和质量管理要求，党员们对身边的隐患和问题进行了梳理，形成问题清单{n}项。",
]
COMMIT_KINDS = ["亮标准", "亮身份", "亮承诺"]
COMMIT_TEXTS = [
    "全年“三会一课”按时召开率100%",
    "党小组月度积分公开，季度评比结果上墙公示",
    "佩戴党员徽章上岗，设置党员示范岗标识",
    "主动认领急难险重任务",
    "全年牵头完成2项改善课题",
    "全年参加志愿服务不少于20小时",
    "带教2名新员工通过技能鉴定",
    "所辖片区走访率达到100%",
    "全年安全生产零事故",
    "提出合理化建议不少于5条",
]


def _dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200)


def _attested_ids() -> list[str]:
    from generator.load.standard import DEFAULT_STANDARD

    std = yaml.safe_load(DEFAULT_STANDARD.read_text(encoding="utf-8"))
    return [i["id"] for i in std["items"] if i.get("rule") == "attested"]


def _names(rng: random.Random, n: int) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        name = (
            rng.choice(SURNAMES)
            + rng.choice(GIVEN)
            + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
        )
        if name not in out:
            out.append(name)
    return out


class Namer:
    """Distinct branch and brand names for indices 0..n: a shuffled product of the phrase bank."""

    def __init__(self, seed: int):
        rng = random.Random(f"names-{seed}")
        self.units = [f"{c}{k}党委" for c in CITIES for k in COMPANIES]
        rng.shuffle(self.units)
        self.brands = [f"{v}{n}" for v in VIRTUES for n in NOUNS]
        rng.shuffle(self.brands)
        self.depts = DEPTS[:]
        rng.shuffle(self.depts)

    def unit(self, i: int) -> str:
        return self.units[(i // 25) % len(self.units)]  # about 25 branches per unit

    def branch(self, i: int) -> str:
        dept = self.depts[(i % 25) % len(self.depts)]
        round_ = i // (25 * len(self.units))
        return f"{dept}{ORDINALS[round_ % 10] if round_ else ''}党支部"

    def brand(self, i: int) -> str:
        size = len(self.brands)  # (i % size, i // size) picks the pair: distinct for i < size²
        a = self.brands[i % size]
        b = self.brands[(i + i // size + 1) % size]
        return f"{a}·{b}"


def _photo(path: Path, seed: str, size: tuple[int, int], quality: int = 85) -> None:
    """A unique, camera-like picture: a coloured gradient, shapes and fine noise (so JPEG works)."""
    rng = random.Random(seed)
    w, h = size
    base = Image.linear_gradient("L").resize((w, h)).rotate(rng.randint(0, 359), expand=False)
    tint = Image.new("RGB", (w, h), tuple(rng.randint(40, 220) for _ in range(3)))
    img = Image.merge("RGB", [Image.blend(base, c, 0.5) for c in tint.split()])
    draw = ImageDraw.Draw(img)
    for _ in range(rng.randint(8, 16)):
        x, y = rng.randint(0, w), rng.randint(0, h)
        r = rng.randint(w // 30, w // 6)
        fill = tuple(rng.randint(0, 255) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(
            (x - r, y - r, x + r, y + r), fill=fill
        )
    small = (w // 4, h // 4)  # seeded grain (Image.effect_noise is not seeded)
    noise = Image.frombytes("L", small, rng.randbytes(small[0] * small[1])).resize((w, h))
    img = Image.blend(img, Image.merge("RGB", (noise, noise, noise)), 0.12)
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    path.write_bytes(buf.getvalue())


def _logo(path: Path, seed: str) -> None:
    rng = random.Random(seed)
    img = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    color = (rng.randint(150, 230), rng.randint(0, 60), rng.randint(0, 60), 255)
    draw.ellipse((8, 8, 248, 248), fill=color)
    draw.regular_polygon(
        (128, 128, rng.randint(50, 90)),
        rng.randint(3, 8),
        rotation=rng.randint(0, 90),
        fill=(255, 215, 0, 255),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "PNG")


def _body(rng: random.Random, theme: str, e: int, names: list[str], group: str) -> str:
    """Two or three paragraphs of 150-450 characters, like a real write-up."""
    picks = rng.sample(BODY, rng.randint(4, 8))
    fill = {
        "e": e,
        "p": max(1, e - rng.randint(0, 2)),
        "theme": theme,
        "who": rng.choice(names),
        "post": rng.choice(POSTS),
        "n": rng.randint(3, 12),
        "group": group,
    }
    sentences = [s.format(**fill) for s in picks]
    cut = sorted(rng.sample(range(1, len(sentences)), min(2, len(sentences) - 1)))
    paras = [
        "".join(sentences[a:b]) for a, b in zip([0, *cut], [*cut, len(sentences)], strict=True)
    ]
    return "\n\n".join(paras)


def write_branch(
    root: Path, seed: int, i: int, photos: int, namer: Namer, attested: list[str]
) -> list[tuple[Path, str]]:
    """Write branch `i` under root/branches/; returns the photos still to draw (path, seed)."""
    rng = random.Random(f"bench-{seed}-{i}")
    bid = f"zb{i:04d}"
    folder = root / "branches" / bid
    (folder / "activities").mkdir(parents=True)
    members = _names(rng, MEMBERS)
    gids = [f"g{k + 1}" for k in range(len(GROUP_SIZES))]
    starts = [sum(GROUP_SIZES[:k]) for k in range(len(GROUP_SIZES))]
    by_group = {g: members[s : s + n] for g, s, n in zip(gids, starts, GROUP_SIZES, strict=True)}
    group_brands = rng.sample(namer.brands, len(gids))
    groups = [
        {
            "id": g,
            "name": f"{rng.choice(['生产', '服务', '管理', '技术', '保障'])}{k + 1}组党小组",
            "brand": group_brands[k],
            "meaning": "".join(rng.sample(MEANING, 2)),
            "leader": by_group[g][0],
            "kind": rng.choice(GROUP_KINDS),
        }
        for k, g in enumerate(gids)
    ]
    committee_people = [members[0], members[5], members[10], members[3], members[12]]
    roles = ["书记", "副书记", "组织委员", "宣传委员", "纪检委员"]
    practices = rng.sample(PRACTICES, rng.randint(3, 5))
    profile = {
        "name": namer.branch(i),
        "unit": namer.unit(i),
        "founded": dt.date(rng.randint(1990, 2018), rng.randint(1, 12), 1),
        "term": {
            "start": dt.date(rng.choice([2022, 2023, 2024]), rng.randint(1, 12), 1),
            "years": 3,
        },
        "committee": [{"name": n, "role": r} for n, r in zip(committee_people, roles, strict=True)],
        "brand": {
            "name": namer.brand(i),
            "slogan": f"{rng.choice(SLOGAN_A)}，{rng.choice(SLOGAN_B)}",
            "meaning": "".join(rng.sample(MEANING, 3)) + "\n\n" + "".join(rng.sample(MEANING, 2)),
            "practices": [{"title": t, "body": b} for t, b in practices],
            "results": [
                {"label": lab, "value": rng.randint(5, 99), "unit": u, "year": YEAR}
                for lab, u in rng.sample(RESULTS, 3)
            ],
            "honors": [
                {"year": rng.randint(2018, 2024), "title": h} for h in rng.sample(HONORS, 2)
            ],
            "logo": "photos/logo.png",
        },
        "partners": [
            {
                "name": f"{rng.choice(CITIES)}{p}",
                "kind": "社区" if "社区" in p or "街道" in p else "企业",
                "since": dt.date(rng.randint(2018, 2023), rng.randint(1, 12), 1),
            }
            for p in rng.sample(PARTNERS, 2)
        ],
        "publish": True,
    }
    (folder / "branch.yml").write_text(_dump(profile), encoding="utf-8")
    (folder / "groups.yml").write_text(_dump(groups), encoding="utf-8")
    member_rows = []
    for g, ppl in by_group.items():
        for k, name in enumerate(ppl):
            row: dict = {"name": name, "group": g, "post": rng.choice(POSTS)}
            if k == 0:
                row["roles"] = ["党小组长"]
            row["joined"] = dt.date(rng.randint(1990, 2021), rng.randint(1, 12), rng.randint(1, 28))
            row["private"] = {"phone": f"139{rng.randint(10000000, 99999999)}"}
            member_rows.append(row)
    (folder / "members.yml").write_text(_dump(member_rows), encoding="utf-8")

    todo: list[tuple[Path, str]] = [(folder / "photos" / "logo.png", f"logo-{seed}-{i}")]
    ids: list[str] = []
    photo_slots = set(rng.sample(range(12), min(photos, 12)))
    extra_photos = max(0, photos - 12)

    def add(
        day: dt.date,
        slug: str,
        kind: str,
        title: str,
        people: list[str],
        group: str | None,
        theme: str,
        shots: int = 0,
    ) -> None:
        aid = f"{day.isoformat()}-{slug}"
        meta: dict = {"date": day, "type": kind, "title": title}
        if group:
            meta["group"] = group
        present = sorted(rng.sample(people, max(1, len(people) - rng.randint(0, 2))))
        meta["attendance"] = {"expected": len(people), "present": len(present)}
        meta["participants"] = present
        if shots:
            rels = [f"photos/{aid}-{k + 1}.jpg" for k in range(shots)]
            meta["photos"] = rels
            todo.extend((folder / r, f"{seed}-{i}-{r}") for r in rels)
        gname = next((x["name"] for x in groups if x["id"] == group), groups[0]["name"])
        text = (
            "---\n" + _dump(meta) + "---\n" + _body(rng, theme, len(people), people, gname) + "\n"
        )
        (folder / "activities" / f"{aid}.md").write_text(text, encoding="utf-8")
        ids.append(aid)

    for m in range(1, 13):
        theme = THEMES[m - 1]
        add(
            dt.date(YEAR, m, rng.randint(2, 6)),
            "zhiweihui",
            "支委会",
            f"{m}月份支委会",
            committee_people,
            None,
            theme,
        )
        for g in gids:
            add(
                dt.date(YEAR, m, rng.randint(8, 13)),
                f"{g}-xiaozuhui",
                "党小组会",
                f"{groups[gids.index(g)]['name']}{m}月党小组会",
                by_group[g],
                g,
                theme,
            )
        shots = (1 if m - 1 in photo_slots else 0) + (extra_photos if m == 12 else 0)
        add(
            dt.date(YEAR, m, rng.randint(15, 20)),
            "zhutidangri",
            "主题党日",
            f"“{theme}”主题党日",
            members,
            gids[m % len(gids)],
            theme,
            shots,
        )
        if m % 3 == 0:
            q = m // 3
            add(
                dt.date(YEAR, m, 24),
                "dangyuandahui",
                "支部党员大会",
                f"第{q}季度支部党员大会",
                members,
                None,
                theme,
            )
            add(
                dt.date(YEAR, m, 27),
                "dangke",
                "党课",
                f"专题党课：{rng.choice(STUDY)}",
                members,
                None,
                theme,
            )
        if m % 2 == 0:
            add(dt.date(YEAR, m, 22), "xuexi", "学习培训", rng.choice(STUDY), members, None, theme)
        if m in (3, 5, 8, 10):
            title = rng.choice(VOLUNTEER)
            g = rng.choice(gids)
            add(
                dt.date(YEAR, m, 21),
                "zhiyuan",
                "志愿服务",
                f"{title}·志愿服务",
                by_group[g],
                g,
                theme,
            )
    add(
        dt.date(YEAR, 6, 28),
        "gongjian",
        "结对共建",
        f"与{profile['partners'][0]['name']}开展结对共建",
        members[:8],
        None,
        "结对共建",
    )
    add(
        dt.date(YEAR, 12, 26),
        "zuzhishenghuohui",
        "组织生活会",
        f"{YEAR}年度组织生活会",
        members,
        None,
        "年度总结",
    )
    add(
        dt.date(YEAR, 12, 28),
        "minzhupingyi",
        "民主评议党员",
        f"{YEAR}年度民主评议党员",
        members,
        None,
        "年度总结",
    )

    items = []
    for k in range(rng.randint(6, 10)):
        who = "branch" if k == 0 else (gids[k % 3] if k < 3 else members[rng.randrange(MEMBERS)])
        due = dt.date(YEAR, rng.randint(3, 12), 28)
        item: dict = {
            "who": who,
            "kind": COMMIT_KINDS[k % 3],
            "text": rng.choice(COMMIT_TEXTS),
            "due": due,
        }
        if rng.random() < 0.8:
            item["done"] = due - dt.timedelta(days=rng.randint(1, 20))
            item["evidence"] = [a for a in ids if a < item["done"].isoformat()][-1:]
        items.append(item)
    (folder / "commitments.yml").write_text(_dump({"year": YEAR, "items": items}), encoding="utf-8")
    attest: dict = {
        k: {"pass": True, "by": "党委党建工作部", "note": "现场核查，资料齐全"}
        for k in attested
        if rng.random() < 0.9
    }
    attest["veto"] = {"triggered": False}
    (folder / "assessment.yml").write_text(_dump({YEAR: attest}), encoding="utf-8")
    return todo


def _draw(job: tuple[Path, str]) -> None:
    path, seed = job
    if path.suffix == ".png":
        _logo(path, seed)
    else:
        _photo(path, seed, PHOTO_SIZE)


def _chunks(jobs: list, size: int) -> Iterator[list]:
    for k in range(0, len(jobs), size):
        yield jobs[k : k + size]


def _draw_many(jobs: list[tuple[Path, str]]) -> None:
    for job in jobs:
        _draw(job)


def write_site(root: Path, n: int, photos: int = 2, seed: int = 1, first: int = 0) -> int:
    """Write a site project with branches first..first+n-1; returns the number of activities."""
    if first == 0:
        (root / "content").mkdir(parents=True)
        (root / "content" / "index.md").write_text(
            "# 基准测试站点\n\n由 `showcase bench` 生成的虚构支部。\n", encoding="utf-8"
        )
        (root / "mkdocs.yml").write_text(
            "site_name: 基准测试 一支部一品牌\nsite_url: https://intranet.example/bench/\ndocs_dir: content\n"
            "theme:\n  name: material\n  language: zh\n  features: [navigation.tabs, navigation.top]\n"
            f"plugins:\n  - showcase:\n      as_of: {AS_OF}\n      year: {YEAR}\n",
            encoding="utf-8",
        )
    namer, attested = Namer(seed), _attested_ids()
    todo: list[tuple[Path, str]] = []
    for i in range(first, first + n):
        todo += write_branch(root, seed, i, photos, namer, attested)
    if len(todo) > 64:
        with ProcessPoolExecutor() as pool:
            list(pool.map(_draw_many, _chunks(todo, 32)))
    else:
        _draw_many(todo)
    return sum(1 for _ in root.glob("branches/*/activities/*.md"))


def write_photos(folder: Path, count: int, size: tuple[int, int] = (4000, 3000)) -> list[Path]:
    """`count` distinct 12-megapixel camera JPEGs for the photo throughput figure."""
    paths = [folder / f"cam-{k:03d}.jpg" for k in range(count)]
    jobs = [(p, f"cam-{k}") for k, p in enumerate(paths)]
    with ProcessPoolExecutor() as pool:
        list(pool.map(_camera, jobs))
    return paths


def _camera(job: tuple[Path, str]) -> None:
    _photo(job[0], job[1], (4000, 3000), quality=92)
