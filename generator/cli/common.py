"""Shared bits of the CLI: finding the site, loading it, printing problems without tracebacks."""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from generator.load.project import Project, load_project
from generator.options import (
    Options,
    cache_dir,
    config_year,
    ended_year,
    parse_as_of,
    read_mkdocs_options,
    resolve,
    validate,
)
from generator.problems import InputError
from generator.score import default_as_of, score_project
from generator.score.cache import ScoreCache
from generator.score.results import Results
from generator.writes import describe

F = TypeVar("F", bound=Callable[..., Any])


def config_file(path: str) -> Path:
    """PATH may be the site folder or its mkdocs.yml."""
    p = Path(path).resolve()
    return p / "mkdocs.yml" if p.is_dir() else p


def options(path: str, as_of: str | None = None) -> Options:
    """The plugin options of mkdocs.yml, validated by the plugin's own typed config; a wrong
    option is an InputError naming it (never a traceback later on)."""
    cfg = config_file(path)
    raw = validate(read_mkdocs_options(cfg), cfg)
    if as_of:
        raw["as_of"] = parse_as_of(as_of, default_as_of(), "--as-of")
    opts = resolve(cfg.parent, raw, default_as_of())
    config_year(cfg, opts.year, opts.as_of)
    return opts


def protected(path: str, opts: Options) -> tuple[list[Path], list[Path]]:
    """The user's own folders (branch data, docs_dir) and files (mkdocs.yml, the rulebook),
    which no output may overwrite."""
    from mkdocs.utils.yaml import yaml_load

    cfg_path = config_file(path)
    try:
        with cfg_path.open("rb") as f:
            cfg = yaml_load(f) or {}
    except Exception:  # options() has already reported a broken mkdocs.yml
        cfg = {}
    docs = cfg.get("docs_dir") if isinstance(cfg, dict) else None
    dirs = [opts.branches, opts.root / (docs if isinstance(docs, str) and docs else "docs")]
    return dirs, [cfg_path] + ([opts.standard] if opts.standard else [])


def load_and_score(opts: Options, year: int | None = None) -> tuple[Project, Results]:
    project = load_project(
        opts.root, opts.branches, opts.standard, cache_dir(opts.root, "branches"), opts.limits
    )
    scores = ScoreCache(cache_dir(opts.root, "scores"))
    rated = ended_year(year, opts.as_of, "--year") if year is not None else opts.year
    results = score_project(project, rated, opts.as_of, scores)
    scores.prune()
    return project, results


def text_or_json(help: str) -> Callable[[F], F]:
    """The `--format text|json` option (default text), passed to the command as `fmt`."""
    return click.option(
        "--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=help
    )


def fails_cleanly(func: F) -> F:
    """Input problems print as `file:line: message` lines and exit 1 — never a traceback.
    So does a file the command cannot write (a read-only folder, a full disk, a missing
    parent folder of `-o`): the path and the reason in Chinese."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            click.echo(exc.report(), err=True)
            sys.exit(1)
        except OSError as exc:
            click.echo(describe(exc), err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


_CONFIG_VALUE = re.compile(r"^Config value '([^']+)': (.*)$", re.S)


def config_messages(messages: list[str], where: str = "mkdocs.yml") -> list[str]:
    """MkDocs' own config errors ("Config value 'theme': …"), each naming the setting in
    Chinese; anything else is shown as MkDocs wrote it."""
    out = []
    for m in messages:
        found = _CONFIG_VALUE.match(m)
        out.append(f"{where}: 配置项 {found[1]} 有误：{found[2]}" if found else m)
    return out


class ErrorCollector(logging.Handler):
    """Keeps MkDocs' error records so the command can print them itself, once, on failure."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage() not in (
            "Aborted with a BuildError!",
            "Aborted with a configuration error!",
        ):
            self.messages.append(record.getMessage())


def setup_logging(verbose: bool = False) -> ErrorCollector:
    """Show MkDocs' progress like its own CLI; errors are collected for the command to print."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # material's end-of-life banner
    logger = logging.getLogger("mkdocs")
    for h in list(logger.handlers):
        if getattr(h, "name", "") == "showcase":
            logger.removeHandler(h)
    handler = logging.StreamHandler(sys.stderr)
    handler.name = "showcase"
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    handler.addFilter(lambda record: record.levelno < logging.ERROR)
    logger.addHandler(handler)
    collector = ErrorCollector()
    collector.name = "showcase"
    logger.addHandler(collector)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False
    return collector
