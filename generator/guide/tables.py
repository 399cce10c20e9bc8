"""Field tables for the guide, generated from the pydantic models and FIELD_DOCS."""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Literal

from pydantic import BaseModel

from generator.guide.fields import FIELD_DOCS
from generator.models import profile, records, standard
from generator.models.base import models_in

# Each data file and the model(s) its entries are; nested models follow in the tables.
FILE_MODELS: dict[str, tuple[type[BaseModel], ...]] = {
    "branch.yml": (profile.BranchProfile,),
    "groups.yml": (records.Group,),
    "members.yml": (records.Member,),
    "commitments.yml": (records.Commitments,),
    "assessment.yml": (records.Attestation, records.Veto),
    "activities": (records.ActivityMeta,),
    "rulebook": (standard.Standard,),
}
TITLES = {
    "BranchProfile": "branch.yml（顶层）",
    "Commitments": "commitments.yml（一年的写法）",
    "Commitment": "每项承诺（items 中的一项）",
    "Attestation": "条目评定（如 B-03: {…}）",
    "Veto": "一票否决（veto: {…}）",
    "ActivityMeta": "活动头信息（--- 之间）",
    "Standard": "评定标准（顶层）",
    "Term": "任期（term、terms 中的一项）",
    "CommitteeMember": "支委（committee 中的一项）",
    "Brand": "品牌（brand）",
    "Practice": "特色做法（practices 中的一项）",
    "Figure": "成效（results 中的一项）",
    "Honor": "荣誉（honors 中的一项）",
    "Partner": "结对共建（partners 中的一项）",
    "Group": "每个党小组",
    "Member": "每位党员",
    "Attendance": "出勤（attendance）",
    "Development": "发展党员（development）",
    "Zone": "党员责任区（zones 中的一项）",
    "Reflection": "活动感悟（reflections 中的一项）",
    "Tier": "星级（tiers 中的一级）",
    "PointRule": "积分（points 中的一项）",
    "Item": "条目（items 中的一项）",
    "PointListEntry": "清单条目（point_lists 中的一项）",
    "Adjustment": "积分调整（adjust 中的一项）",
    "CountRule": "规则 count：次数",
    "EveryRule": "规则 every：每月/每季度",
    "AttendanceRule": "规则 attendance：出勤率",
    "FieldRule": "规则 field：资料已填写",
    "TermRule": "规则 term_current：任期未届满",
    "CommitmentsRule": "规则 commitments_fulfilled：践诺率",
    "CommitmentsByRule": "规则 commitments_by：承诺主体",
    "AttestedRule": "规则 attested：考核组评定",
    "VetoRule": "规则 no_veto：未触发一票否决",
    "AllRule": "规则 all：全部满足",
    "AnyRule": "规则 any：满足其一",
}


def _rule_models() -> list[type[BaseModel]]:
    """Every rule kind of the registry (an item's `rule` is typed by their common base)."""
    from generator.rules import REGISTRY

    return [kind.model for kind in REGISTRY.values()]


def models_of(file: str) -> list[type[BaseModel]]:
    """The file's models: its roots, then every model nested in their fields, each once
    (for the rulebook, then every rule kind). Field-less bases such as RuleSpec are left out."""
    out: list[type[BaseModel]] = []
    todo = list(FILE_MODELS[file]) + (_rule_models() if file == "rulebook" else [])
    while todo:
        model = todo.pop(0)
        if model in out or not model.model_fields:
            continue
        out.append(model)
        for f in model.model_fields.values():
            if f.exclude:
                continue
            todo += [m for m in models_in(f.annotation) if m not in out]
    return out


def field_names(model: type[BaseModel]) -> list[str]:
    """The keys a user writes (aliases such as `pass`), excluding internal fields."""
    return [f.alias or name for name, f in model.model_fields.items() if not f.exclude]


def _type_word(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Annotated:
        return _type_word(args[0])
    if origin in (typing.Union, types.UnionType):
        if len(args) == 1:
            return _type_word(args[0])
        if all(a in (int, float) for a in args):
            return "数字"
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if len(models) > 2:
            return "规则"
        return " 或 ".join(dict.fromkeys(_type_word(a) for a in args))
    if origin is Literal:
        return " / ".join(str(a).replace("True", "true") for a in typing.get_args(annotation))
    if origin in (tuple, list):
        inner = args[0] if args else str
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return f"列表，每项见“{TITLES.get(inner.__name__, inner.__name__)}”"
        return f"列表（{_type_word(inner)}）"
    if origin is dict:
        return "映射"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"映射（见“{TITLES.get(annotation.__name__, annotation.__name__)}”）"
    return {dt.date: "日期", int: "整数", float: "数字", str: "文本", bool: "true / false"}.get(
        annotation, "文本"
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def field_table(model: type[BaseModel]) -> str:
    docs = FIELD_DOCS.get(model.__name__, {})
    rows = ["| 字段 | 类型 | 必填 | 说明 | 示例 |", "|---|---|---|---|---|"]
    for name, f in model.model_fields.items():
        if f.exclude:
            continue
        key = f.alias or name
        text, example = docs.get(key, ("（缺少说明）", ""))
        example = (
            _cell(example) if example.startswith("见") else f"`{_cell(example)}`" if example else ""
        )
        rows.append(
            f"| `{key}` | {_type_word(f.annotation)} | {'是' if f.is_required() else ''} | {_cell(text)} | {example} |"
        )
    return "\n".join(rows)


def file_tables(file: str, level: int = 3) -> str:
    """Every table of a file: its root model(s) and the models nested in them."""
    parts = []
    for model in models_of(file):
        title = TITLES.get(model.__name__, f"`{model.__name__}`")
        parts.append(f"{'#' * level} {title}\n\n{field_table(model)}\n")
    return "\n".join(parts)
