"""Validate located YAML data against a model; turn pydantic errors into Chinese file:line problems.

Messages name the field the officer wrote (never a type such as "float" from a union), show
an example of the expected shape, and suggest the closest known field for a typo."""

from __future__ import annotations

import difflib
import re
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.load.yamlsrc import Located
from generator.models.base import models_in
from generator.problems import Problem, shown

M = TypeVar("M")

_TYPE_WORDS = {
    "string_type": "文本",
    "int_type": "整数",
    "int_parsing": "整数",
    "int_from_float": "整数",
    "float_type": "数字",
    "float_parsing": "数字",
    "bool_type": "true 或 false",
    "bool_parsing": "true 或 false",
    "list_type": "列表",
    "tuple_type": "列表",
    "dict_type": "映射（键: 值）",
    "model_type": "映射（键: 值）",
    "model_attributes_type": "映射（键: 值）",
    "date_type": "日期（如 2024-03-05）",
    "date_parsing": "日期（如 2024-03-05）",
    "date_from_datetime_parsing": "日期（如 2024-03-05）",
    "date_from_datetime_inexact": "日期（不带时间，如 2024-03-05）",
}
# What to write instead, by the expected shape.
_EXAMPLES = {
    "整数": "如 12",
    "数字": "如 98.5",
    "true 或 false": "如 true（不要写 是/否）",
    "列表": "如 [王强, 赵磊]（英文逗号分隔），或每项一行以“- ”开头",
    "文本": '即一段文字（含特殊符号时加引号，如 "主题: 不忘初心"）',
}


# Keys that look like personal data: the officer meant them to be kept, under `private:`.
_PRIVATE_LOOKING = re.compile(
    r"phon|tel|mobile|mail|id_?card|addr|wechat|^qq|电话|手机|身份证|地址|住址|邮箱|微信", re.I
)


def _data_loc(data: Any, loc: tuple[Any, ...], kind: str) -> tuple[Any, ...]:
    """`loc` without pydantic's union tags ("int", "float", "CountRule"): only the keys and
    indexes that exist in the data, plus a missing field's own name."""
    out: list[Any] = []
    for i, part in enumerate(loc):
        in_dict = isinstance(data, dict) and part in data
        in_list = (
            isinstance(data, (list, tuple)) and isinstance(part, int) and 0 <= part < len(data)
        )
        if in_dict or in_list:
            data = data[part]
        elif kind == "missing" and i == len(loc) - 1 and isinstance(data, dict):
            pass
        else:
            continue  # a tag: the value is still the same one
        out.append(part)
    return tuple(out)


def _field_name(loc: tuple[Any, ...]) -> str:
    names = [str(p) for p in loc if not isinstance(p, int)]
    return names[-1] if names else ""


def known_fields(model: Any, loc: tuple[Any, ...]) -> list[str]:
    """Field names (as written in YAML) of the model(s) found at `loc` under `model`."""
    current = models_in(model)
    for part in loc:
        if isinstance(part, int):
            continue
        nxt: list[type[BaseModel]] = []
        for m in current:
            for name, info in m.model_fields.items():
                if part in (name, info.alias):
                    nxt += models_in(info.annotation)
        current = nxt
    return sorted({info.alias or name for m in current for name, info in m.model_fields.items()})


def _type_message(name: str, word: str, value: Any) -> str:
    """`字段 "value" 应为数字，如 98.5；百分号请写在 unit: "%"` — the likely slip when there is
    one, else the example and what was written."""
    message = f'字段 "{name}" 应为{word}' if name else f"内容应为{word}"
    example = _EXAMPLES.get(word)
    if example:
        message += f"，{example}"
    hint = ""
    if isinstance(value, str) and word in ("数字", "整数") and value.strip().endswith("%"):
        hint = '百分号请写在 unit: "%"'
    elif isinstance(value, str) and "：" in value and word.startswith("映射"):
        hint = "是不是把英文冒号“:”写成了中文冒号“：”？"
    elif isinstance(value, str) and word == "列表" and ("，" in value or "、" in value):
        hint = (
            f"多项之间请用英文逗号并加方括号，如 [{value.replace('，', ', ').replace('、', ', ')}]"
        )
    elif isinstance(value, dict) and word == "文本":
        hint = "值里含有“: ”时请给整个值加引号"
    elif isinstance(value, bool) and word == "文本":
        hint = f'YAML 把 yes、no、on、off、true、false 读作真假值（这里读成了 {shown(value)}），作为文字请加引号，如 "yes"'
    elif isinstance(value, (int, float)) and word == "文本":
        hint = f'YAML 把 {shown(value)} 读作数字，作为文字请加引号，如 "{shown(value)}"'
    return message + (f"；{hint}" if hint else f"，实际是 {shown(value)}")


def _message(err: dict[str, Any], loc: tuple[Any, ...], model: Any, hint: str | None) -> str:
    kind, value = err["type"], err.get("input")
    name = _field_name(loc)
    if kind == "extra_forbidden":
        if _PRIVATE_LOOKING.search(name):
            return f'未知字段 "{name}"：联系方式、证件号等个人信息请写在 private: 下（不会公开）'
        return f'未知字段 "{name}"' + (f'，是不是 "{hint}"？' if hint else "")
    if kind == "missing":
        return f'缺少必填字段 "{name}"'
    if kind == "invalid_key":  # `2024: 优秀党员` inside a member: a field name must be text
        return f"{shown(value)}: 不是字段名（字段名应为文字，如 post:）；这一行是否缩进错了，或少写了字段名？"
    if kind in _TYPE_WORDS:
        return _type_message(name, _TYPE_WORDS[kind], value)
    if kind == "literal_error":
        expected = (
            str(err["ctx"]["expected"]).replace(" or ", "、").replace(", ", "、").replace("'", "")
        )  # pydantic's English list
        return f'字段 "{name}" 的值 {shown(value)} 无效，应为 {expected} 之一'
    if kind == "string_pattern_mismatch":
        return f'字段 "{name}" 的值 {shown(value)} 格式不对，应匹配 {err["ctx"]["pattern"]}'
    if kind in ("string_too_short", "too_short"):
        return f'字段 "{name}" 不能为空'
    if kind in ("string_too_long", "too_long"):
        limit = err["ctx"].get("max_length")
        return f'字段 "{name}" 太长（{len(value)} 个字符，最多 {limit} 个）'
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(err["ctx"].values()))
        word = {"greater_than_equal": "不能小于", "less_than_equal": "不能大于"}.get(
            kind, "超出范围"
        )
        return f'字段 "{name}" 的值 {shown(value)} {word} {bound}'
    if kind == "value_error":
        return f'字段 "{name}": {err["ctx"]["error"]}' if loc else str(err["ctx"]["error"])
    return f'字段 "{name}": {err["msg"]}'


def _merge_types(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`int | float` fails twice at one place; one "应为数字" is the message."""
    out: list[dict[str, Any]] = []
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for err in errors:
        key = err["_loc"]
        if err["type"] in _TYPE_WORDS and key in seen:
            if _TYPE_WORDS[err["type"]] == "数字":
                seen[key]["type"] = err["type"]  # "数字" covers "整数"
            continue
        if err["type"] in _TYPE_WORDS:
            seen[key] = err
        out.append(err)
    return out


def problems_of(
    exc: ValidationError, model: Any, data: Any, located: Located, file: str, base: tuple[Any, ...]
) -> list[Problem]:
    errors = [
        dict(e, _loc=_data_loc(data, tuple(e["loc"]), e["type"]))
        for e in exc.errors(include_url=False)
    ]
    errors = _merge_types(errors)
    # A typo is an unknown field plus a missing one: suggest the field, drop the "missing".
    suggested: set[tuple[Any, ...]] = set()
    hints: dict[int, str] = {}
    for i, err in enumerate(errors):
        if err["type"] != "extra_forbidden":
            continue
        parent, name = err["_loc"][:-1], str(err["_loc"][-1]) if err["_loc"] else ""
        missing = [
            str(e["_loc"][-1])
            for e in errors
            if e["type"] == "missing" and e["_loc"][:-1] == parent
        ]
        candidates = missing or known_fields(model, parent)
        close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
        if close:
            hints[i] = close[0]
            suggested.add((*parent, close[0]))
    problems = []
    for i, err in enumerate(errors):
        if err["type"] == "missing" and err["_loc"] in suggested:
            continue
        loc = (*base, *err["_loc"])
        problems.append(
            Problem(file, located.line_of(loc), _message(err, err["_loc"], model, hints.get(i)))
        )
    return problems


def validate(
    model: type[M] | Any, located: Located, file: str, base: tuple[Any, ...] = ()
) -> tuple[M | None, list[Problem]]:
    """Validate `located.data[base]` as `model`; problems carry file and line."""
    data = located.data
    for part in base:
        data = data[part]
    try:
        if isinstance(model, type) and issubclass(model, BaseModel):
            return model.model_validate(data), []
        return TypeAdapter(model).validate_python(data), []
    except ValidationError as exc:
        return None, problems_of(exc, model, data, located, file, base)
