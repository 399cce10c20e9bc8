"""A generated site whose names are as long as real ones get: page layout and markup are
checked on it, not only on the demo (whose names happen to be short)."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import DATA

# Real names of this length exist: 单位全称 + 车间 + 联合党支部 …
LONG_BRANCH = (
    "中国共产党某某省烟草专卖局（公司）皖江卷烟厂制丝车间生产技术与设备维修联合党支部委员会"
)
LONG_UNIT = "中共某某省烟草专卖局（公司）皖江卷烟厂机关委员会暨生产经营系统联合党委"
LONG_BRAND = "“匠心筑梦·精益求精·一线先锋”制丝工艺质量攻坚与设备精益维护党建品牌"
LONG_GROUP = "制丝车间叶片处理段与烘丝段及香精香料厨房联合第一党小组"
LONG_MICRO = "“精丝细作·匠心守护·一叶一心·零缺陷”微品牌"
LONG_ID = "zhisi-shengchan-jishu-yu-shebei-weixiu-lianhe"
LONG_GROUP_ID = "yepian-chuli-hongsi-xiangjing-lianhe-diyi"
LONG_TITLE = "学习贯彻党的二十届三中全会精神暨“安全生产月”主题党日与设备精益维护技能比武活动"
UNBROKEN = (
    "https://intranet.example/showcase/very/long/path/without/any/spaces/to/break/at/all/index.html"
)


def write_long_names_site(dst: Path) -> Path:
    """Copy tests/data/good and stretch every name; add a second branch with a long id."""
    shutil.copytree(DATA / "good", dst)
    demo = dst / "branches" / "demo"
    _replace(
        demo / "branch.yml",
        {"测试车间党支部": LONG_BRANCH, "测试厂党委": LONG_UNIT, "测试先锋": LONG_BRAND},
    )
    _replace(
        demo / "groups.yml",
        {"一组党小组": LONG_GROUP, "精甲先锋": LONG_MICRO, "yizu": LONG_GROUP_ID},
    )
    for name in ("members.yml", "commitments.yml"):
        _replace(demo / name, {"yizu": LONG_GROUP_ID})
    for act in (demo / "activities").glob("*.md"):
        _replace(act, {"yizu": LONG_GROUP_ID, "学雷锋志愿服务": LONG_TITLE})
    act = demo / "activities" / "2024-03-05-zhutidangri.md"
    # a link the sanitizer must drop (javascript:), a long unbroken URL, a long table cell
    act.write_text(
        act.read_text(encoding="utf-8")
        + f"\n[危险链接](javascript:alert(1)) 与 [内网]({UNBROKEN})\n\n{UNBROKEN}\n\n"
        + f"| 项目 | 说明 |\n|---|---|\n| {LONG_TITLE} | {UNBROKEN} |\n",
        encoding="utf-8",
    )
    other = dst / "branches" / LONG_ID
    shutil.copytree(demo, other)
    _replace(
        other / "branch.yml", {LONG_BRANCH: LONG_BRANCH + "第二", LONG_BRAND: LONG_BRAND + "（二）"}
    )
    return dst


def _replace(path: Path, pairs: dict[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs.items():
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
