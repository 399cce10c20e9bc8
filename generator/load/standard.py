"""Load and check a rulebook YAML (the built-in default or the `standard:` option)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.load.files import FileProblem, load_yaml_file
from generator.load.reading import DEFAULT_LIMITS, Limits
from generator.load.validate import validate
from generator.load.yamlsrc import Located
from generator.models import Standard
from generator.problems import Problem, shown_path
from generator.rules import check as check_rule

DEFAULT_STANDARD = Path(__file__).resolve().parent.parent / "standards" / "default.yml"


def check_standard(std: Standard, located: Located, shown: str) -> list[Problem]:
    """Consistency a schema cannot express: ids unique, categories and types declared; each
    rule kind checks its own parts (generator/rules/<kind>.py)."""
    problems: list[Problem] = []
    types = set(std.activity_types)

    def at(path: tuple[Any, ...], message: str) -> None:
        problems.append(Problem(shown, located.line_of(path), message))

    for alias, target in std.aliases.items():
        if alias in types:
            at(("aliases", alias), f'别名 "{alias}" 本身就是 activity_types 中的类型，不能再作别名')
        elif target not in types:
            at(("aliases", alias), f'别名 "{alias}" 指向的 "{target}" 不在 activity_types 中')
    for t in std.points:
        if t not in types:
            at(("points", t), f'积分表中的活动类型 "{t}" 不在 activity_types 中')
    seen: set[str] = set()
    for i, item in enumerate(std.items):
        if item.id in seen:
            at(("items", i, "id"), f'条目编号 "{item.id}" 重复')
        seen.add(item.id)
        if item.category not in std.categories:
            at(("items", i, "category"), f'类别 "{item.category}" 不在 categories 中')
        for path, message in check_rule(item.rule, std, ("items", i, "rule")):
            at(path, message)
    for tier, spec in std.tiers.items():
        optional = sum(1 for it in std.items if it.tier == tier and it.optional)
        if spec.min_optional > optional:
            at(
                ("tiers", tier, "min_optional"),
                f"{tier} 星要求 {spec.min_optional} 个自选题，但只有 {optional} 个自选题",
            )
    return problems


def load_standard(
    path: Path | None, root: Path, limits: Limits = DEFAULT_LIMITS
) -> tuple[Standard | None, list[Problem]]:
    """Read a rulebook; return it with the problems found (none means it is usable)."""
    path = path or DEFAULT_STANDARD
    shown = shown_path(path, root)
    if not path.is_file():
        return None, [Problem(shown, 0, "找不到评定标准文件（插件选项 standard）")]
    try:
        # The rulebook is configuration: any folder, even a link to a shared file (its target's
        # folder is the root), but still a regular file under the size limit (the built-in is ours).
        located = load_yaml_file(
            path,
            shown,
            path.resolve().parent,
            limits if path != DEFAULT_STANDARD else DEFAULT_LIMITS,
        )
    except FileProblem as exc:
        return None, [exc.problem]
    std, problems = validate(Standard, located, shown)
    if std is None:
        return None, problems
    problems = check_standard(std, located, shown)
    return (std if not problems else None), problems
