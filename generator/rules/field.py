"""`{field: PATH}` and `{field: PATH, min: N, distinct: KEY, every: KEY}` — profile fields.

- `{field: brand.logo}`: present and not empty.
- `{field: members, min: 3}`: a list with at least 3 entries.
- `distinct: name` with `min`: at least `min` entries with different `name`s (a name listed
  twice counts once); without `min`, or beside `every:`, the values are pairwise different.
- `every: leader`: the list is not empty and every entry has a non-empty `leader`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import Field

from generator.models.base import NonEmpty
from generator.models.standard import RuleSpec
from generator.rules import RuleKind
from generator.rules.outcome import Outcome, reached
from generator.score import fields
from generator.score.context import Context
from generator.score.results import Evidence


class FieldRule(RuleSpec):
    field: NonEmpty
    min: int | None = Field(None, ge=0, strict=True)
    distinct: NonEmpty | None = None
    every: NonEmpty | None = None


def _attr(entry: Any, key: str) -> str:
    value = getattr(entry, key, None)
    return str(value).strip() if value is not None else ""


def _basic(rule: FieldRule, fv: fields.FieldValue) -> Outcome:
    evidence: tuple[Evidence, ...] = ()
    if rule.field == "brand.logo" and fv.present:
        evidence = (Evidence(kind="file", ref=str(fv.value), label=fv.label),)
    elif fv.present:
        shown = f"{fv.size} {fv.unit}" if fv.is_list else "已填写"
        evidence = (Evidence(kind="field", ref=rule.field, label=f"{fv.label}：{shown}"),)
    if rule.min is None:
        ok = fv.present
        text = f"{fv.file} 中{'已' if ok else '未'}填写{fv.label}。"
        value: int | str = fv.size if fv.is_list else ("已填写" if ok else "未填写")
        return Outcome(ok, value, "已填写", text, evidence)
    n = fv.size
    ok = n >= rule.min
    text = f"{fv.file} 中{fv.label}共 {n} {fv.unit}，{reached(ok)} ≥{rule.min} {fv.unit}的要求。"
    return Outcome(ok, n, f"≥{rule.min} {fv.unit}", text, evidence)


def _threshold(rule: FieldRule, fv: fields.FieldValue) -> str:
    parts = []
    if rule.min is not None:
        what = f"不同{fields.attr_label(rule.distinct)}的" if rule.distinct else ""
        parts.append(f"≥{rule.min} {fv.unit}{what}".rstrip("的"))
    if rule.every:
        parts.append(f"每{fv.unit}都有{fields.attr_label(rule.every)}")
    if rule.distinct and (rule.min is None or rule.every):
        parts.append(f"{fields.attr_label(rule.distinct)}互不相同")
    return "，".join(parts)


def _entries(rule: FieldRule, ctx: Context, fv: fields.FieldValue) -> Outcome:
    """The `distinct` / `every` forms: look inside the list's entries."""
    entries = list(fv.value) if fv.is_list else []
    threshold = _threshold(rule, fv)
    gaps: list[str] = []
    said: list[str] = [f"{fv.file} 中{fv.label}共 {len(entries)} {fv.unit}"]
    value: int | str = len(entries)
    if rule.every:
        word = fields.attr_label(rule.every)
        lacking = [fields.entry_name(e) for e in entries if not _attr(e, rule.every)]
        if not entries:
            gaps.append(f"没有任何{fv.label}")
        elif lacking:
            gaps.append(f"{'、'.join(lacking)} 未填写{word}")
        else:
            said.append(f"每{fv.unit}都已填写{word}")
    if rule.distinct:
        word = fields.attr_label(rule.distinct)
        values = [_attr(e, rule.distinct) for e in entries]
        unique = list(dict.fromkeys(v for v in values if v))
        dupes = sorted({v for v in values if v and values.count(v) > 1})
        repeated = f"（{'、'.join(dupes)} 有重复，各计一次）" if dupes else ""
        said.append(f"其中不同{word} {len(unique)} 个{repeated}")
        value = len(unique)
        if rule.min is not None and len(unique) < rule.min:
            gaps.append(f"不同{word}仅 {len(unique)} 个，不足 {rule.min} 个")
        if (rule.min is None or rule.every) and dupes:  # the `every:` form: pairwise different
            gaps.append(f"{word}重复：{'、'.join(dupes)}")
    elif rule.min is not None and len(entries) < rule.min:
        gaps.append(f"不足 {rule.min} {fv.unit}")
    ok = not gaps
    tail = "；".join(gaps) if gaps else "符合要求"
    text = f"{'，'.join(said)}：{tail}，{reached(ok)}「{threshold}」的要求。"
    evidence = (
        (Evidence(kind="field", ref=rule.field, label=f"{fv.label}：{len(entries)} {fv.unit}"),)
        if entries
        else ()
    )
    return Outcome(ok, value, threshold, text, evidence)


def evaluate(rule: FieldRule, ctx: Context, item_id: str) -> Outcome:
    fv = fields.resolve(ctx, rule.field)
    if not fv.known:
        return Outcome(False, None, "已填写", f"无法识别的字段 {rule.field}，请检查评定标准。")
    if rule.distinct or rule.every:
        return _entries(rule, ctx, fv)
    return _basic(rule, fv)


def describe(rule: FieldRule) -> str:
    label, file, unit = fields.FIELDS.get(rule.field, (rule.field, "branch.yml", "项"))
    if not (rule.min is not None or rule.distinct or rule.every):
        return f"{file} 已填写{label}"
    parts = []
    if rule.min is not None:
        what = f"（按{fields.attr_label(rule.distinct)}去重）" if rule.distinct else ""
        parts.append(f"{file} 中{label} ≥{rule.min} {unit}{what}")
    else:
        parts.append(f"{file} 中{label}不为空")
    if rule.every:
        parts.append(f"每{unit}都填写了{fields.attr_label(rule.every)}")
    if rule.distinct and (rule.min is None or rule.every):
        parts.append(f"{fields.attr_label(rule.distinct)}互不相同")
    return "，".join(parts)


def check(rule: FieldRule, standard: Any) -> Iterator[tuple[tuple[Any, ...], str]]:
    problem = fields.unknown_path(rule.field)
    if problem:
        yield ("field",), problem
        return
    for key in ("distinct", "every"):
        attr = getattr(rule, key)
        if attr is None:
            continue
        allowed = fields.entry_keys(rule.field)
        if allowed is None:
            yield (key,), f'字段 "{rule.field}" 不是列表，不能用 {key}'
        elif attr not in allowed:
            yield (key,), f'"{attr}" 不是 {rule.field} 各项的字段（可用: {"、".join(allowed)}）'


KIND = RuleKind("field", FieldRule, evaluate, describe, check)
