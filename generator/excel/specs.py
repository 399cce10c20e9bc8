"""The columns of each workbook kind: template header, accepted synonyms, how a cell is read.

Defined once: the template writer, the importer and the guide all read these tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# How a cell is read (see generator/excel/rows.py): text, date, list, int, number,
# phone (exact digits, checked), id_number (checked), group (name or id), bool_result (通过/不通过/不适用),
# name / names (a person's name, or a list of them: spaces inside a Chinese name dropped).
READERS = (
    "text",
    "name",
    "names",
    "date",
    "list",
    "int",
    "number",
    "phone",
    "id_number",
    "group",
    "who",
    "result",
    "type",
)


@dataclass(frozen=True)
class Column:
    key: str  # the field it fills; private ones go under `private:`
    header: str  # the header the template writes
    synonyms: tuple[str, ...] = ()  # other headers officers use for it
    read: str = "text"
    required: bool = False
    private: bool = False
    help: str = ""  # one line for the template's instructions sheet
    example: str = ""

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.header, *self.synonyms)


@dataclass(frozen=True)
class Kind:
    name: str  # members | activities | commitments | assessment
    title: str  # 党员名册 …
    target: str  # what it writes, for messages
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


MEMBERS = Kind(
    "members",
    "党员名册",
    "members.yml",
    (
        Column(
            "name",
            "姓名",
            ("党员姓名", "名字", "党员"),
            read="name",
            required=True,
            help="党员姓名，本支部内不能重名",
            example="王强",
        ),
        Column(
            "group",
            "所在党小组",
            ("党小组", "小组", "党小组名称", "党小组编号", "所属党小组"),
            read="group",
            help="党小组名称或编号（见 groups.yml），写入时换成编号",
            example="第一党小组",
        ),
        Column(
            "post",
            "岗位",
            ("工作岗位", "岗位名称", "现岗位"),
            help="工作岗位",
            example="制丝操作工",
        ),
        Column(
            "roles",
            "党内职务",
            ("职务", "角色", "身份", "示范岗"),
            read="list",
            help="多个用顿号分隔，如 党小组长、党员示范岗",
            example="党小组长、党员示范岗",
        ),
        Column(
            "joined",
            "入党时间",
            ("入党日期", "入党年月", "转正时间"),
            read="date",
            help="日期，如 2012-07-01 或 2012年7月1日",
            example="2012-07-01",
        ),
        Column(
            "photo",
            "照片",
            ("照片文件",),
            help="本支部 photos/ 下的文件，如 photos/wangqiang.jpg",
            example="photos/wangqiang.jpg",
        ),
        Column(
            "phone",
            "联系电话",
            ("手机", "手机号", "手机号码", "电话", "联系方式"),
            read="phone",
            private=True,
            help="只写入 private:，不会公开",
            example="13912345678",
        ),
        Column(
            "id_number",
            "身份证号",
            ("身份证号码", "公民身份号码", "身份证"),
            read="id_number",
            private=True,
            help="请把本列设为文本格式；只写入 private:，不会公开",
            example="18 位身份证号（文本）",
        ),
    ),
)

ACTIVITIES = Kind(
    "activities",
    "活动台账",
    "activities/*.md",
    (
        Column(
            "date",
            "日期",
            ("活动日期", "活动时间", "时间", "召开时间"),
            read="date",
            required=True,
            help="活动日期",
            example="2024-03-05",
        ),
        Column(
            "type",
            "活动类型",
            ("类型", "活动形式", "形式", "会议类型"),
            read="type",
            required=True,
            help="评定标准中的活动类型（下拉选择）",
            example="主题党日",
        ),
        Column(
            "title",
            "活动名称",
            ("标题", "活动主题", "主题", "名称", "会议名称"),
            required=True,
            help="一句话标题",
            example="学雷锋志愿服务",
        ),
        Column(
            "group",
            "党小组",
            ("所在党小组", "组织党小组", "承办党小组"),
            read="group",
            help="由某个党小组组织时填写（名称或编号）",
            example="第一党小组",
        ),
        Column("expected", "应到人数", ("应到",), read="int", help="应到人数", example="16"),
        Column(
            "present",
            "实到人数",
            ("实到",),
            read="int",
            help="实到人数，不能大于应到人数",
            example="15",
        ),
        Column(
            "participants",
            "参加人员",
            ("参加人", "参会人员", "出席人员", "参加党员"),
            read="names",
            help="党员姓名，用顿号分隔",
            example="王强、赵磊",
        ),
        Column(
            "photos",
            "照片",
            ("活动照片",),
            read="list",
            help="本支部 photos/ 下的文件，用顿号分隔",
            example="photos/2024-03-05-1.jpg",
        ),
        Column(
            "points",
            "积分调整",
            ("加减分", "积分"),
            read="number",
            help="对本次活动的人工加减分",
            example="-2",
        ),
        Column("tags", "标签", ("关键词",), read="list", help="用顿号分隔", example="志愿服务"),
        Column(
            "body",
            "活动内容",
            ("内容", "主要内容", "内容摘要", "活动记录", "记录", "备注"),
            help="做了什么（可多行），写入 Markdown 正文",
            example="到结对社区开展志愿服务……",
        ),
    ),
)

COMMITMENTS = Kind(
    "commitments",
    "公开承诺",
    "commitments.yml",
    (
        Column(
            "who",
            "承诺人",
            ("姓名", "承诺主体", "责任人", "党员姓名"),
            read="who",
            required=True,
            help="党员姓名、党小组名称或编号，支部承诺写“支部”",
            example="王强",
        ),
        Column(
            "kind",
            "承诺类型",
            ("类型", "类别", "承诺类别"),
            required=True,
            help="亮标准 / 亮身份 / 亮承诺（下拉选择）",
            example="亮承诺",
        ),
        Column(
            "text",
            "承诺内容",
            ("内容", "承诺事项", "具体承诺"),
            required=True,
            help="承诺的具体内容",
            example="全年设备故障停机率下降10%",
        ),
        Column(
            "due",
            "完成时限",
            ("截止日期", "计划完成时间", "期限", "承诺时限"),
            read="date",
            help="日期",
            example="2024-12-31",
        ),
        Column(
            "done",
            "践诺日期",
            ("完成日期", "完成时间", "实际完成时间", "践诺时间"),
            read="date",
            help="已完成时填写完成日期；未完成留空",
            example="2024-11-20",
        ),
        Column(
            "evidence",
            "佐证活动",
            ("佐证", "佐证材料"),
            read="list",
            help="activities/ 下的文件名（不含 .md），用顿号分隔",
            example="2024-06-12-shebei",
        ),
    ),
)

ASSESSMENT = Kind(
    "assessment",
    "评定记录",
    "assessment.yml",
    (
        Column(
            "year",
            "年度",
            ("评定年度", "年份"),
            read="int",
            required=True,
            help="评定年度",
            example="2024",
        ),
        Column(
            "id",
            "条目编号",
            ("编号", "条目", "指标编号"),
            required=True,
            help="评定标准中的条目编号，如 B-03；一票否决写 veto",
            example="B-03",
        ),
        Column(
            "result",
            "评定结果",
            ("结果", "是否通过", "结论"),
            read="result",
            required=True,
            help="通过 / 不通过 / 不适用；veto 行写 触发 / 未触发",
            example="通过",
        ),
        Column(
            "by",
            "评定人",
            ("评定单位", "考核人", "考核单位"),
            help="如 党建工作部",
            example="党建工作部",
        ),
        Column("note", "说明", ("备注", "意见", "评定意见"), help="简要说明", example="档案齐全"),
        Column(
            "reason",
            "理由",
            ("不适用理由", "否决理由"),
            help="不适用或一票否决时必填",
            example="本支部无离退休党员",
        ),
        Column(
            "until",
            "不适用截止",
            ("有效期至", "截止日期"),
            read="date",
            help="不适用的有效期（可空）",
            example="2024-12-31",
        ),
        Column(
            "evidence",
            "佐证",
            ("佐证材料", "佐证文件"),
            read="list",
            help="本支部 photos/ 下的文件",
            example="photos/archive.jpg",
        ),
    ),
)

KINDS: dict[str, Kind] = {k.name: k for k in (MEMBERS, ACTIVITIES, COMMITMENTS, ASSESSMENT)}

RESULT_WORDS = {
    "通过": True,
    "合格": True,
    "是": True,
    "达标": True,
    "√": True,
    "✓": True,
    "true": True,
    "yes": True,
    "不通过": False,
    "不合格": False,
    "否": False,
    "未达标": False,
    "×": False,
    "✗": False,
    "false": False,
    "no": False,
}
NA_WORDS = ("不适用", "na", "n/a")
VETO_IDS = ("veto", "一票否决")
VETO_WORDS = {
    "触发": True,
    "是": True,
    "否决": True,
    "true": True,
    "未触发": False,
    "否": False,
    "无": False,
    "false": False,
}
BRANCH_WORDS = ("branch", "支部", "本支部", "党支部")


# A note after a header in brackets: 入党时间（年月日）, 联系电话(手机), 身份证号【18位】.
_HEADER_NOTE = re.compile(r"[（(【\[][^（()）【】\[\]]*[)）】\]]$")


def normalize_header(text: str) -> str:
    """Headers as officers type them: spaces, a trailing note in brackets (必填, 年月日, 手机,
    18位…), a * mark or a colon vary; none of the known headers has brackets of its own."""
    t = "".join(str(text).split())
    for junk in ("*", "＊", "：", ":"):
        t = t.replace(junk, "")
    while (stripped := _HEADER_NOTE.sub("", t)) not in ("", t):
        t = stripped
    return t
