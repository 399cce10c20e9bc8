"""Plugin options, shared by the MkDocs plugin and the CLI (which reads mkdocs.yml itself)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.problems import InputError, Problem
from generator.writes import cache_root


@dataclass(frozen=True)
class Options:
    """Resolved `showcase` plugin options: absolute paths, a concrete as_of."""

    root: Path
    branches: Path
    standard: Path | None
    year: int | None
    as_of: dt.date


def cache_dir(root: Path, name: str) -> Path:
    """Where a project keeps derived data between builds (photos/, boards/, branches/,
    exports/, markup.json): `<root>/.cache/showcase/<name>`, safe to delete at any time.
    A read-only project gets a temp folder instead (see writes.cache_root)."""
    return cache_root(root) / name


def parse_as_of(value: Any, default: dt.date, where: str = "mkdocs.yml") -> dt.date:
    """`as_of` may be a YAML date or a string; None falls back to `default`."""
    if value is None or value == "":
        return default
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError([Problem(where, 0, f'as_of "{value}" 不是有效日期（如 2025-01-15）')]) from None


def resolve(root: Path, raw: dict[str, Any], default_as_of: dt.date) -> Options:
    standard = raw.get("standard")
    return Options(
        root=root,
        branches=(root / (raw.get("branches") or "branches")).resolve(),
        standard=(root / standard).resolve() if standard else None,
        year=raw.get("year"),
        as_of=parse_as_of(raw.get("as_of"), default_as_of),
    )


def read_mkdocs_options(config_file: Path) -> dict[str, Any]:
    """The raw `showcase` plugin options from a mkdocs.yml, without loading MkDocs' config."""
    from mkdocs.utils.yaml import yaml_load  # understands !ENV and !!python/name tags

    where = config_file.name
    if not config_file.is_file():
        raise InputError([Problem(str(config_file), 0, "找不到 mkdocs.yml（请在站点目录中运行，或指定路径）")])
    with config_file.open("rb") as f:
        try:
            cfg = yaml_load(f) or {}
        except Exception as exc:  # mkdocs wraps several YAML errors; all mean the same to a user
            raise InputError([Problem(where, 0, f"mkdocs.yml 无法解析: {exc}")]) from None
    for entry in cfg.get("plugins") or []:
        if entry == "showcase":
            return {}
        if isinstance(entry, dict) and "showcase" in entry:
            return entry["showcase"] or {}
    return {}
