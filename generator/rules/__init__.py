"""The rule registry: every kind of rule in the rulebook vocabulary, one module each.

A module here that defines `KIND = RuleKind(...)` adds a rule: its YAML key, its model (a
`RuleSpec`), its evaluator, its rulebook check and its description for the docs table. The
modules are found by listing this package, so a new rule is one new file; a RuleSpec model
that no module registers, or a kind without an evaluator, stops the import.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.models.standard import RuleSpec

if TYPE_CHECKING:
    from generator.models.standard import Standard
    from generator.rules.outcome import Outcome
    from generator.score.context import Context

Path = tuple[Any, ...]
# A rulebook check yields (path under the rule, message) for what a schema cannot see.
Checker = Callable[[Any, "Standard"], Iterator[tuple[Path, str]]]


def no_check(rule: Any, standard: Standard) -> Iterator[tuple[Path, str]]:
    return iter(())


def activity_type_check(field: str) -> Checker:
    """The check of a rule whose `field` names an activity type: it must be in activity_types."""

    def check(rule: Any, standard: Standard) -> Iterator[tuple[Path, str]]:
        value = getattr(rule, field)
        if value not in standard.activity_types:
            yield (field,), f'活动类型 "{value}" 不在 activity_types 中'

    return check


@dataclass(frozen=True)
class RuleKind:
    key: str  # the YAML key that names the rule, e.g. "count"
    model: type[RuleSpec]
    evaluate: Callable[[Any, Context, str], Outcome]  # (rule, context, item id) -> Outcome
    describe: Callable[[Any], str]  # what the rule checks, in words (docs table)
    check: Checker = no_check
    children: Callable[[Any], tuple[Any, ...]] = lambda rule: ()  # sub-rules of all/any


REGISTRY: dict[str, RuleKind] = {}
_BY_MODEL: dict[type, RuleKind] = {}
HELPERS = {"outcome", "pergroup", "table"}  # modules of this package that are not rule kinds


def register(kind: RuleKind) -> None:
    if kind.key in REGISTRY:
        raise ImportError(f"rule key {kind.key!r} registered twice")
    if not callable(kind.evaluate) or not callable(kind.describe):
        raise ImportError(f"rule {kind.key!r} has no evaluator or description")
    REGISTRY[kind.key] = kind
    _BY_MODEL[kind.model] = kind


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    return found.union(*(_subclasses(c) for c in found)) if found else found


def _discover() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name in HELPERS:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        kind = getattr(module, "KIND", None)
        if not isinstance(kind, RuleKind):
            raise ImportError(f"generator/rules/{info.name}.py defines no KIND = RuleKind(...)")
        register(kind)
    orphans = sorted(c.__name__ for c in _subclasses(RuleSpec) if c not in _BY_MODEL)
    if orphans:
        raise ImportError(f"rule models without an evaluator: {', '.join(orphans)}")


def kind_of(rule: Any) -> RuleKind:
    return _BY_MODEL[type(rule)]


def parse(value: Any) -> Any:
    """A rule from YAML: the bare word `attested`, or a mapping with exactly one rule key."""
    if isinstance(value, RuleSpec):
        return value
    if value == "attested":
        value = {"attested": True}
    if isinstance(value, dict):
        keys = [k for k in value if k in REGISTRY]
        if len(keys) > 1:
            # `{field: groups, every: leader}`: `every` is an option of `field` here. The kind
            # whose model knows most of the keys wins; its validation then names a stray key.
            keys = [max(keys, key=lambda k: len(set(value) & set(REGISTRY[k].model.model_fields)))]
        if len(keys) == 1:
            return REGISTRY[keys[0]].model.model_validate(value)
    known = "、".join(REGISTRY)
    raise ValueError(f"无法识别的规则 {value!r}；规则须为以下之一: {known}")


def evaluate(rule: Any, ctx: Context, item_id: str) -> Outcome:
    """Dispatch on the rule's kind; `item_id` lets `attested` find its line in assessment.yml."""
    return kind_of(rule).evaluate(rule, ctx, item_id)


def describe(rule: Any) -> str:
    return kind_of(rule).describe(rule)


def walk(rule: Any, path: Path = ()) -> Iterator[tuple[Any, Path]]:
    """The rule and every sub-rule, each with its path below `path` (for file:line)."""
    yield rule, path
    kind = kind_of(rule)
    for i, sub in enumerate(kind.children(rule)):
        yield from walk(sub, (*path, kind.key, i))


def contains_attested(rule: Any) -> bool:
    return any(kind_of(r).key == "attested" for r, _ in walk(rule))


def check(rule: Any, standard: Standard, path: Path) -> Iterator[tuple[Path, str]]:
    """Rulebook problems of a rule and its sub-rules, with full paths."""
    for r, at in walk(rule, path):
        for sub, message in kind_of(r).check(r, standard):
            yield (*at, *sub), message


_discover()
