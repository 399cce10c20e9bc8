"""What each field of each data file means, for the 使用指南 (user guide).

Defined once, keyed by model class and field name (the YAML key); the guide's field tables
are generated from the pydantic models plus these words, and a test fails when a model
field has no description here — the guide cannot drift from the code.
Each entry: (说明, 示例). The example is written as YAML would show it.
"""

from __future__ import annotations

FIELD_DOCS: dict[str, dict[str, tuple[str, str]]] = {
    "BranchProfile": {
        "name": ("支部全称", "制丝车间党支部"),
        "unit": (
            "上级党组织；首页与支部列表按它分组，同一单位各支部写法须一致（空格、全角半角不同也算两种写法）",
            "合肥卷烟厂党委",
        ),
        "founded": ("支部成立日期", "2015-06-01"),
        "term": (
            "本届支委会任期（起始日期与年限）；到期前出现换届预警，届满则“按期换届”不通过",
            "{start: 2022-07-01, years: 3}",
        ),
        "terms": (
            "历届支委会任期（可选），用于历年星级中的“按期换届”；某年没有任期记录则该年不通过",
            "[{start: 2019-07-01, years: 3}]",
        ),
        "committee": (
            "支委会成员列表；姓名须在 members.yml 中，且不能重复",
            "[{name: 张明, role: 书记}]",
        ),
        "brand": ("“一支部一品牌”：品牌名称、口号、标识、内涵、特色做法、成效、荣誉", "见下表"),
        "partners": ("结对共建单位列表", "[{name: 某社区党委, kind: 社区, since: 2021-05-01}]"),
        "publish": (
            "是否公开：false 时照常校验和评定，但不生成公开页面、展板，也不进入下载文件",
            "true",
        ),
    },
    "Term": {
        "start": ("任期起始日期", "2022-07-01"),
        "years": ("任期年限，1–10，默认 3", "3"),
    },
    "CommitteeMember": {
        "name": ("委员姓名（须是本支部党员）", "张明"),
        "role": ("职务", "书记"),
    },
    "Brand": {
        "name": ("品牌名称", "智丝堡垒·质造先锋"),
        "slogan": ("品牌口号", "以“智”铸魂 以“质”立身"),
        "logo": ("品牌标识图片：本支部 photos/ 下的相对路径", "photos/logo.png"),
        "meaning": ("品牌内涵，可用 Markdown；多段文字用 | 开头、下面各行缩进的写法", "见上方示例"),
        "practices": ("特色做法列表，3–5 条为宜", "[{title: 党员示范岗, body: 说明}]"),
        "results": ("成效列表，以大号数字展示", "[{label: 质效改善项目, value: 30, unit: 项}]"),
        "honors": ("荣誉列表", "[{year: 2022, title: 优秀案例}]"),
    },
    "Practice": {
        "title": ("做法名称", "党员示范岗"),
        "body": ("做法说明，可用 Markdown", "每个班组设1个示范岗……"),
    },
    "Figure": {
        "label": ("指标名称", "质效改善项目"),
        "value": ("数值，只写数字（不要写 % 或单位）", "98.5"),
        "unit": ('单位；百分数写 "%"（需加引号）', '项 或 "%"'),
        "year": ("数值所属年份（可不写）", "2023"),
    },
    "Honor": {
        "year": ("获得年份", "2022"),
        "title": ("荣誉名称", "市直机关“一支部一品牌”优秀案例"),
    },
    "Partner": {
        "name": ("共建单位名称", "某社区党委"),
        "kind": ("单位类别", "社区、学校、村"),
        "since": ("开始共建日期", "2021-05-01"),
    },
    "Group": {
        "id": ("党小组编号：小写字母、数字和 -，本支部内唯一，用于网址和其他文件的引用", "yizu"),
        "name": ("党小组名称", "生产一组党小组"),
        "brand": ("微品牌名称（“1+N”中的 N）", "精甲先锋"),
        "meaning": ("微品牌内涵，可用 Markdown", "精益求精、甲级品质"),
        "leader": ("党小组长姓名（须在 members.yml 中）", "王强"),
        "kind": ("小组类别", "生产"),
        "zones": (
            "党小组认领的党员责任区（可选），显示在微品牌页和支部画像",
            "[{name: 调度大厅党员责任区, covers: 值班秩序}]",
        ),
    },
    "Member": {
        "name": ("党员姓名，本支部内不能重复（同名请加区分，如 王强（二））", "王强"),
        "group": ("所在党小组的编号（groups.yml 中的 id，不是名称）", "yizu"),
        "post": ("工作岗位", "制丝操作工"),
        "roles": ("党内职务、示范岗等，可多个", "[党小组长, 党员示范岗]"),
        "joined": ("入党日期", "2012-07-01"),
        "photo": ("照片：本支部 photos/ 下的相对路径", "photos/wangqiang.jpg"),
        "development": (
            "发展党员各阶段的开始日期（可选），最后一个为当前阶段；当前阶段为入党申请人、积极分子或发展对象的人"
            "不是党员，姓名不公开，只计人数",
            "{入党申请人: 2021-03-01, 入党积极分子: 2021-09-01}",
        ),
        "zones": ("本人的党员责任区（可选）", "[{name: 机房党员责任区, covers: 核心机房巡检}]"),
    },
    "Development": {
        "入党申请人": ("递交入党申请书的日期", "2021-03-01"),
        "入党积极分子": ("确定为入党积极分子的日期", "2021-09-01"),
        "发展对象": ("确定为发展对象的日期；距积极分子不满一年会预警", "2022-10-01"),
        "预备党员": ("接收为预备党员的日期；满一年前 30 天提醒转正，逾期预警", "2023-07-01"),
        "正式党员": ("转为正式党员的日期", "2024-07-01"),
    },
    "Zone": {
        "name": ("责任区名称", "烘丝机组党员责任区"),
        "covers": ("责任区范围或内容", "设备点检与隐患排查"),
    },
    "Commitments": {
        "year": ("承诺所属年度", "2024"),
        "items": ("本年度的承诺列表", "见下表"),
    },
    "Commitment": {
        "who": ("承诺人：党员姓名、党小组编号，或 branch（支部的承诺）", "王强"),
        "kind": ("承诺类别：亮标准 / 亮身份 / 亮承诺 之一", "亮承诺"),
        "text": ("承诺内容", "全年设备故障停机率下降10%"),
        "due": ("完成时限；过了时限仍未践诺显示“逾期”", "2024-12-31"),
        "done": ("践诺日期；未完成不写", "2024-11-20"),
        "evidence": ("佐证活动：activities/ 下的文件名（不含 .md）", "[2024-06-12-equipment-fix]"),
    },
    "ActivityMeta": {
        "date": ("活动日期", "2024-03-05"),
        "type": ("活动类型，须为评定标准中的类型或其别名", "主题党日"),
        "title": ("标题", "学雷锋志愿服务"),
        "group": ("组织活动的党小组编号（可不写）；党小组积分计给它", "jingjia"),
        "attendance": ("应到、实到人数；实到不能大于应到", "{expected: 16, present: 15}"),
        "participants": ("参加的党员姓名；人数不能多于实到人数", "[王强, 赵磊]"),
        "photos": ("活动照片：本支部 photos/ 下的相对路径", "[photos/2024-03-05-1.jpg]"),
        "points": ("对本次活动的人工加减分（正面清单、负面清单），加到每位参加人和党小组", "-2"),
        "adjust": (
            "按人加减分：对某位党员或某个党小组加减分并写明原因",
            "[{who: 王强, points: -2, reason: 无故缺席组织生活}]",
        ),
        "tags": ("标签", "[志愿服务]"),
        "reflections": (
            "活动感悟（可选）：党员写的体会，显示在党建看板和活动记录中",
            "[{by: 王强, text: 体会……}]",
        ),
    },
    "Reflection": {
        "by": ("感悟作者：本支部党员姓名", "王强"),
        "text": ("感悟内容", "这次活动让我……"),
    },
    "Adjustment": {
        "who": ("加减分的对象：党员姓名或党小组编号", "王强"),
        "points": ("分值，扣分写负数；标准的正面/负面清单列有该事由时可不写", "-2"),
        "reason": ("事由；标准写了 point_lists 时须为清单中的一项", "无故缺席组织生活"),
    },
    "Attendance": {
        "expected": ("应到人数", "16"),
        "present": ("实到人数", "15"),
    },
    "Attestation": {
        "pass": ("评定结论：true 通过、false 不通过（只用于需考核组评定的条目）", "true"),
        "by": ("评定人或评定部门", "党建工作部"),
        "note": ("评定说明，显示在评定页上", "档案齐全"),
        "evidence": ("佐证文件：本支部 photos/ 下的相对路径", "[photos/archive.jpg]"),
        "na": ("不适用：true 时该条目视为通过（不计入自选题个数），须写 reason", "true"),
        "reason": ("不适用的理由", "本支部无离退休党员"),
        "until": ("不适用的有效期；过期后须重新评定", "2024-12-31"),
    },
    "Veto": {
        "triggered": ("是否触发一票否决；触发时该年度不评星", "false"),
        "reason": ("触发的理由（triggered: true 时必填）", "发生违纪案件"),
        "by": ("认定部门", "纪检监察部"),
    },
    "Standard": {
        "name": ("标准名称；印在每个评定结果上", "星级党支部创建标准"),
        "version": ('版本；加引号写，如 "2024"', '"2024"'),
        "tiers": ("星级：恰好 3、4、5 三级，各有名称，可要求自选题个数", "{3: {name: 达标级}, …}"),
        "categories": ("条目类别", "[组织建设, 基础资料, …]"),
        "activity_types": ("活动类型；活动记录的 type 须为其中之一", "[支部党员大会, 支委会, …]"),
        "aliases": (
            "活动类型的别名：干部习惯的叫法 → 标准中的类型，按标准类型计",
            "{支部委员会: 支委会}",
        ),
        "points": (
            "积分表：每种活动每次给每位参加人 member 分、给组织的党小组 group 分",
            "{主题党日: {member: 2, group: 5}}",
        ),
        "point_lists": (
            "正面清单、负面清单：允许的加减分原因及分值",
            "{负面清单: [{reason: 无故缺席组织生活, points: -2}]}",
        ),
        "items": ("评定条目列表", "见下表"),
    },
    "PointListEntry": {
        "reason": ("加分或扣分的事由", "无故缺席组织生活"),
        "points": ("分值，扣分写负数", "-2"),
    },
    "Tier": {
        "name": ("星级名称，显示在页面、展板、铭牌和导出中", "先进级"),
        "min_optional": ("本级还须通过的自选题个数", "2"),
    },
    "PointRule": {
        "member": ("每次活动给每位参加人的分数", "2"),
        "group": ("每次活动给组织该活动的党小组的分数", "5"),
    },
    "Item": {
        "id": ("条目编号，唯一", "D-01"),
        "category": ("类别，须在 categories 中", "组织生活"),
        "tier": ("所属星级：3、4 或 5", "3"),
        "text": ("条目内容", "每月召开支委会"),
        "optional": ("是否自选题", "false"),
        "na_allowed": ("是否允许考核组在 assessment.yml 中标为不适用", "true"),
        "rule": ("判定规则（见“规则写法”）", "{every: month, type: 支委会, min: 1}"),
        "how": ("考核方式，显示在评定页上", "系统核验 activities"),
    },
    "CountRule": {
        "count": ("活动类型：本年度该类活动至少 min 次", "党课"),
        "min": ("最少次数", "4"),
        "per": ("写 group 时按每个党小组分别判定", "group"),
    },
    "EveryRule": {
        "every": ("month（每月）或 quarter（每季度）", "month"),
        "type": ("活动类型", "支委会"),
        "min": ("每个已结束的月份/季度至少几次", "1"),
        "per": ("写 group 时按每个党小组分别判定", "group"),
    },
    "AttendanceRule": {
        "attendance": ("活动类型：该类活动的平均出勤率（实到/应到）", "支部党员大会"),
        "min": ("最低出勤率，0–1", "0.9"),
        "per": ("写 group 时按每个党小组分别判定", "group"),
    },
    "FieldRule": {
        "field": ("概况中的字段（如 brand.logo、members、committee）须已填写", "brand.logo"),
        "min": ("列表至少几项", "3"),
        "distinct": ("列表各项的该字段须互不相同", "name"),
        "every": ("列表每一项的该字段都须填写", "leader"),
    },
    "TermRule": {
        "term_current": ("写 true：支委会任期在评定基准日未届满", "true"),
    },
    "CommitmentsRule": {
        "commitments_fulfilled": ("已到期承诺中已践诺的比例至少为该值，0–1", "0.8"),
    },
    "CommitmentsByRule": {
        "commitments_by": (
            "本年度承诺须包括这些主体：branch、group、member",
            "[branch, group, member]",
        ),
    },
    "AttestedRule": {
        "attested": ("直接写 attested：由考核组在 assessment.yml 中评定", "attested"),
    },
    "VetoRule": {
        "no_veto": ("写 true：未触发一票否决", "true"),
    },
    "AllRule": {
        "all": ("规则列表，全部满足才通过", "[{count: 党课, min: 4}, attested]"),
    },
    "AnyRule": {
        "any": ("规则列表，满足其一即通过", "[{field: brand.logo}, attested]"),
    },
}
