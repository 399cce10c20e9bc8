"""Plugin options, shared by the MkDocs plugin and the CLI (which reads mkdocs.yml itself).

Both paths validate the options with the plugin's typed `ShowcaseConfig`, whose option types
below explain a wrong value in Chinese, so `year: "2024"` is the same clear message on
`build`, `check`, `export` and `boards`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.base import ValidationError
from mkdocs.config.config_options import OptionallyRequired

from generator.load.reading import DEFAULT_LIMITS, Limits, limits_from
from generator.models.base import MAX_YEAR, MIN_YEAR
from generator.problems import InputError, Problem, shown
from generator.writes import cache_root

PLUGIN = "showcase"


class YearOption(OptionallyRequired[int]):
    """A calendar year written as a number (a quoted "2024" is text, and refused)."""

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2999:
            raise ValidationError(f"应为整数年份，如 2024（实际是 {shown(value)}）")
        return value


class DateOption(OptionallyRequired[Any]):
    """A date: a YAML date or text such as "2025-01-15"; kept as written, parsed by parse_as_of."""

    def run_validation(self, value: object) -> Any:
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                dt.date.fromisoformat(value.strip())
                return value
            except ValueError:
                pass
        raise ValidationError(f"应为日期，如 2025-01-15（实际是 {shown(value)}）")


class PathOption(OptionallyRequired[str]):
    """A path relative to mkdocs.yml, written as text."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(
                f"应为相对于 mkdocs.yml 的路径，如 branches（实际是 {shown(value)}）"
            )
        return value


class NumberOption(OptionallyRequired[float]):
    """A positive number (a size or pixel limit); `example` is what the message suggests."""

    def __init__(self, example: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.example = example

    def run_validation(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1e6:
            raise ValidationError(f"应为正数，如 {self.example:g}（实际是 {shown(value)}）")
        return value


class FlagOption(OptionallyRequired[bool]):
    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise ValidationError(f"应为 true 或 false（实际是 {shown(value)}）")
        return value


@dataclass(frozen=True)
class Options:
    """Resolved `showcase` plugin options: absolute paths, a concrete as_of."""

    root: Path
    branches: Path
    standard: Path | None
    year: int | None
    as_of: dt.date
    limits: Limits = DEFAULT_LIMITS


def cache_dir(root: Path, name: str) -> Path:
    """Where a project keeps derived data between builds (photos/, boards/, branches/,
    exports/, markup.sqlite): `<root>/.cache/showcase/<name>`, safe to delete at any time.
    A read-only project gets a temp folder instead (see writes.cache_root)."""
    return cache_root(root) / name


def parse_as_of(value: Any, default: dt.date, where: str = "mkdocs.yml") -> dt.date:
    """`as_of` may be a YAML date or a string; None falls back to `default`."""
    if value is None or value == "":
        return default
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            raise InputError(
                [Problem(where, 0, f'as_of "{value}" 不是有效日期（如 2025-01-15）')]
            ) from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:  # the year after as_of must still be a date
        raise InputError(
            [
                Problem(
                    where,
                    0,
                    f"as_of {day.isoformat()} 超出范围（应在 {MIN_YEAR}–{MAX_YEAR} 年之间）",
                )
            ]
        )
    return day


def resolve_limits(raw: dict[str, Any], where: str = "mkdocs.yml") -> Limits:
    """The `max_…` plugin options, with `showcase --max-…` (environment) overrides."""
    limits, bad = limits_from(raw)
    if bad:
        raise InputError([Problem(where, 0, message) for message in bad])
    return limits


def option_line(text: str, key: str) -> int:
    """The line of `key:` inside the showcase plugin's block of mkdocs.yml (0 if not found)."""
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if re.search(rf"\b{PLUGIN}\b", ln)), None)
    if start is None:
        return 0
    for i in range(start, len(lines)):
        if re.match(rf"\s*(-\s*)?{re.escape(key)}\s*:", lines[i].split(f"{PLUGIN}:", 1)[-1]):
            return i + 1
    return 0


def ended_year(year: int | None, as_of: dt.date, where: str, line: int = 0) -> int | None:
    """`year` as asked, when it has ended at as_of. Stars are given only for ended years
    (DATA-FORMAT, rating); as_of's own year is the running year, shown as progress, and a
    later one has no data yet: rating either would hand out 0★ for what is still to come."""
    if year is not None and not 1900 <= year <= 2999:
        raise InputError([Problem(where, line, f"评定年度 {year} 无效：应为 1900–2999 之间的年份")])
    if year is not None and year >= as_of.year:
        raise InputError(
            [
                Problem(
                    where,
                    line,
                    f"评定年度 {year} 在评定基准日 {as_of.isoformat()} 时尚未结束：星级只评已结束的年度"
                    f"（{as_of.year} 年在站点上显示为本年进度）。请把年度改为 {as_of.year - 1} 或更早，"
                    f"或不写年度（默认即上一年），或把 as_of 设为 {year + 1}-01-01 或更晚",
                )
            ]
        )
    return year


def config_year(config_file: Path, year: int | None, as_of: dt.date) -> int | None:
    """mkdocs.yml's `year`, checked by ended_year with the line it is written on."""
    try:
        text = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    return ended_year(year, as_of, config_file.name, option_line(text, "year"))


def validate(raw: Any, config_file: Path) -> dict[str, Any]:
    """The options through the plugin's typed ShowcaseConfig: defaults filled in, and every
    wrong or unknown option a `mkdocs.yml:LINE: 插件 showcase 的选项 NAME …` problem."""
    from generator.plugin import ShowcaseConfig  # the plugin owns its option schema

    where = config_file.name
    try:
        text = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        line = option_line(text, PLUGIN)
        raise InputError(
            [
                Problem(
                    where,
                    line,
                    f"插件 {PLUGIN} 的选项应写成“名称: 值”的映射（实际是 {shown(raw)}）",
                )
            ]
        )
    cfg = ShowcaseConfig(config_file_path=str(config_file))
    known = set(cfg.keys())
    problems = [
        Problem(
            where,
            option_line(text, str(k)),
            f"插件 {PLUGIN} 没有选项 {k}（可用的选项：{'、'.join(sorted(known))}）",
        )
        for k in raw
        if k not in known
    ]
    cfg.load_dict({k: v for k, v in raw.items() if k in known})
    failed, _ = cfg.validate()
    problems += [
        Problem(where, option_line(text, k), f"插件 {PLUGIN} 的选项 {k} {err}") for k, err in failed
    ]
    if problems:
        raise InputError(problems)
    return dict(cfg)


def resolve(root: Path, raw: dict[str, Any], default_as_of: dt.date) -> Options:
    """Options from validated plugin options (see `validate`)."""
    standard = raw.get("standard")
    return Options(
        root=root,
        branches=(root / (raw.get("branches") or "branches")).resolve(),
        standard=(root / standard).resolve() if standard else None,
        year=raw.get("year"),
        as_of=parse_as_of(raw.get("as_of"), default_as_of),
        limits=resolve_limits(raw),
    )


def read_mkdocs_options(config_file: Path) -> Any:
    """The raw `showcase` plugin options from a mkdocs.yml, without loading MkDocs' config."""
    from mkdocs.utils.yaml import yaml_load  # understands !ENV and !!python/name tags

    where = config_file.name
    if not config_file.is_file():
        raise InputError(
            [Problem(str(config_file), 0, "找不到 mkdocs.yml（请在站点目录中运行，或指定路径）")]
        )
    with config_file.open("rb") as f:
        try:
            cfg = yaml_load(f) or {}
        except Exception as exc:  # mkdocs wraps several YAML errors; all mean the same to a user
            raise InputError([Problem(where, 0, f"mkdocs.yml 无法解析: {exc}")]) from None
    if not isinstance(cfg, dict):  # e.g. a path to some other file given on the command line
        raise InputError(
            [
                Problem(
                    str(config_file),
                    1,
                    "不是 mkdocs.yml：顶层应是“键: 值”的设置（如 site_name: ...）",
                )
            ]
        )
    for entry in cfg.get("plugins") or []:
        if entry == "showcase":
            return {}
        if isinstance(entry, dict) and "showcase" in entry:
            return entry["showcase"] or {}
    if isinstance(cfg.get("plugins"), dict) and "showcase" in cfg["plugins"]:  # mapping form
        return cfg["plugins"]["showcase"] or {}
    return {}
