"""Validate located YAML data against a model; turn pydantic errors into Chinese file:line problems."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.load.yamlsrc import Located
from generator.problems import Problem

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


def _field_name(loc: tuple[Any, ...]) -> str:
    names = [str(p) for p in loc if not isinstance(p, int)]
    return names[-1] if names else "（文档）"


def _message(err: dict[str, Any]) -> str:
    kind, loc, value = err["type"], tuple(err["loc"]), err.get("input")
    name = _field_name(loc)
    if kind == "extra_forbidden":
        return f'未知字段 "{name}"'
    if kind == "missing":
        return f'缺少必填字段 "{name}"'
    if kind in _TYPE_WORDS:
        return f'字段 "{name}" 应为{_TYPE_WORDS[kind]}，实际是 {value!r}'
    if kind == "literal_error":
        expected = str(err["ctx"]["expected"]).replace(" or ", "、").replace(", ", "、")  # pydantic's English list
        return f'字段 "{name}" 的值 {value!r} 无效，应为 {expected} 之一'
    if kind == "string_pattern_mismatch":
        return f'字段 "{name}" 的值 {value!r} 格式不对，应匹配 {err["ctx"]["pattern"]}'
    if kind in ("string_too_short", "too_short"):
        return f'字段 "{name}" 不能为空'
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(err["ctx"].values()))
        word = {"greater_than_equal": "不能小于", "less_than_equal": "不能大于"}.get(kind, "超出范围")
        return f'字段 "{name}" 的值 {value!r} {word} {bound}'
    if kind == "value_error":
        return f'字段 "{name}": {err["ctx"]["error"]}' if loc else str(err["ctx"]["error"])
    return f'字段 "{name}": {err["msg"]}'


def validate(model: type[M] | Any, located: Located, file: str, base: tuple[Any, ...] = ()) -> tuple[M | None, list[Problem]]:
    """Validate `located.data[base]` as `model`; problems carry file and line."""
    data = located.data
    for part in base:
        data = data[part]
    try:
        if isinstance(model, type) and issubclass(model, BaseModel):
            return model.model_validate(data), []
        return TypeAdapter(model).validate_python(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = (*base, *err["loc"])
            problems.append(Problem(file, located.line_of(loc), _message(err)))
        return None, problems
