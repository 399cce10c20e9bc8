"""`{field: ...}` rules: find a profile field, say where it lives and how to count it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from generator.models import Activity, Commitment, Group, Member
from generator.models.profile import (
    BranchProfile,
    Brand,
    CommitteeMember,
    Figure,
    Honor,
    Partner,
    Practice,
    Term,
)
from generator.score.context import Context

# field -> (what a person calls it, the file it is written in, the counting word)
FIELDS: dict[str, tuple[str, str, str]] = {
    "name": ("支部名称", "branch.yml", "项"),
    "unit": ("上级党组织", "branch.yml", "项"),
    "founded": ("成立日期", "branch.yml", "项"),
    "term": ("支委会任期", "branch.yml", "项"),
    "terms": ("往届支委会任期", "branch.yml", "届"),
    "committee": ("支委会成员", "branch.yml", "人"),
    "partners": ("结对共建单位", "branch.yml", "个"),
    "members": ("党员名册", "members.yml", "人"),
    "groups": ("党小组", "groups.yml", "个"),
    "commitments": ("本年度公开承诺", "commitments.yml", "项"),
    "activities": ("本年度活动记录", "activities/", "条"),
    "brand.name": ("品牌名称", "branch.yml", "项"),
    "brand.slogan": ("品牌口号", "branch.yml", "项"),
    "brand.logo": ("品牌标识（logo）", "branch.yml", "项"),
    "brand.meaning": ("品牌内涵", "branch.yml", "项"),
    "brand.practices": ("特色做法", "branch.yml", "项"),
    "brand.results": ("品牌成效", "branch.yml", "项"),
    "brand.honors": ("荣誉", "branch.yml", "项"),
}


# list fields -> the model of one entry, so `distinct:` / `every:` can name its keys
ENTRY_MODELS: dict[str, type[BaseModel]] = {
    "committee": CommitteeMember,
    "terms": Term,
    "partners": Partner,
    "members": Member,
    "groups": Group,
    "commitments": Commitment,
    "activities": Activity,
    "brand.practices": Practice,
    "brand.results": Figure,
    "brand.honors": Honor,
}
# entry keys as a person says them
ATTR_LABELS = {
    "name": "姓名/名称",
    "leader": "党小组长",
    "brand": "微品牌",
    "role": "职务",
    "title": "标题",
    "label": "指标",
    "who": "承诺人",
    "kind": "类别",
    "post": "岗位",
    "joined": "入党时间",
    "photo": "照片",
    "group": "所属党小组",
    "photos": "照片",
}


def attr_label(key: str | None) -> str:
    return ATTR_LABELS.get(key or "", key or "")


def entry_keys(path: str) -> tuple[str, ...] | None:
    """Keys an entry of a list field has, or None when the field is not a list."""
    model = ENTRY_MODELS.get(path)
    return tuple(model.model_fields) if model else None


def entry_name(entry: Any) -> str:
    """How a message names one entry: its id, name, title or label."""
    for key in ("name", "id", "title", "label", "text"):
        value = getattr(entry, key, None)
        if value:
            return str(value)
    return str(entry)


def unknown_path(path: str) -> str | None:
    """Why a `field:` path cannot be resolved, or None when it can."""
    head, _, rest = path.partition(".")
    roots = {"members", "groups", "commitments", "activities"}
    profile = set(BranchProfile.model_fields) - {"brand", "publish"}
    if (not rest and head in roots | profile) or (head == "brand" and rest in Brand.model_fields):
        return None
    known = "、".join(sorted(roots | profile))
    return f'字段 "{path}" 无法识别（可用: {known}，或 brand.名称）'


@dataclass(frozen=True)
class FieldValue:
    known: bool
    value: Any
    label: str
    file: str
    unit: str

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, (tuple, list))

    @property
    def present(self) -> bool:
        """Present and not empty: None, blank text and empty lists all count as missing."""
        if self.value is None:
            return False
        if isinstance(self.value, str):
            return bool(self.value.strip())
        if self.is_list:
            return len(self.value) > 0
        return True

    @property
    def size(self) -> int:
        """Entries of a list; a scalar counts as one entry when present."""
        return len(self.value) if self.is_list else int(self.present)


def resolve(ctx: Context, path: str) -> FieldValue:
    """The value a field rule names; `commitments` and `activities` are the evaluation year's."""
    label, file, unit = FIELDS.get(path, (path, "branch.yml", "项"))
    b, profile = ctx.branch, ctx.branch.profile
    roots: dict[str, Any] = {
        "members": b.members,
        "groups": b.groups,
        "commitments": ctx.commitments,
        "activities": ctx.activities,
    }
    head, _, rest = path.partition(".")
    if head in roots and not rest:
        return FieldValue(True, roots[head], label, file, unit)
    if head == "brand" and rest:
        known = rest in type(profile.brand).model_fields
        return FieldValue(known, getattr(profile.brand, rest, None), label, file, unit)
    if not rest and head in type(profile).model_fields and head not in ("brand", "publish"):
        return FieldValue(True, getattr(profile, head), label, file, unit)
    return FieldValue(False, None, label, file, unit)
