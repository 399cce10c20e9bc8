"""`showcase check|build|serve`: validate the data, build the site atomically, preview it."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator.cli import staging
from generator.cli.common import (
    ErrorCollector,
    config_file,
    config_messages,
    fails_cleanly,
    load_and_score,
    options,
    protected,
    setup_logging,
    text_or_json,
)
from generator.cli.outdir import output_dir_problem
from generator.cli.unchanged import fingerprint, record, unchanged
from generator.exposure import refuse_exposure
from generator.load.advice import advise_cached
from generator.options import cache_dir
from generator.problems import InputError
from generator.writes import describe, reason

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


@click.command()
@click.argument("path", default=".")
@text_or_json("输出格式（json 便于 CI 使用）")
@click.option("--as-of", help="评定基准日期，如 2025-01-15")
@fails_cleanly
def check(path: str, fmt: str, as_of: str | None) -> None:
    """只校验数据，不生成站点。有错误时逐条列出文件与行号并以 1 退出。"""
    try:
        opts = options(path, as_of)
        refuse_exposure(protected(path, opts)[0][1], opts.branches)
        project, _ = load_and_score(opts)
    except InputError as exc:
        click.echo(exc.as_json() if fmt == "json" else exc.report(), err=fmt != "json")
        sys.exit(1)
    n_act = sum(len(b.activities) for b in project.branches)
    warnings = advise_cached(project, opts.root, opts.as_of, cache_dir(opts.root, "advice.json"))
    note = project.skipped_note()
    if note and fmt != "json":
        click.echo(note)
    if fmt == "json":
        import json
        from dataclasses import asdict

        report = {
            "ok": True,
            "errors": [],
            "warnings": [asdict(w) for w in warnings],
            "branches": len(project.branches),
            "activities": n_act,
            "skipped": list(project.skipped),
        }
        click.echo(json.dumps(report, ensure_ascii=False))
        return
    for w in warnings:
        click.echo(f"提示: {w}")
    note = f"，另有 {len(warnings)} 条提示（不影响生成，建议核对）" if warnings else ""
    click.echo(f"检查通过：{len(project.branches)} 个支部，{n_act} 条活动记录{note}。")


@click.command()
@click.argument("path", default=".")
@click.option("-d", "--site-dir", help="输出目录（默认 mkdocs.yml 中的 site_dir）")
@click.option("--strict", is_flag=True, help="有警告即失败")
@click.option("-v", "--verbose", is_flag=True)
@click.option("--force", is_flag=True, help="输入未变化也重新生成")
@click.option(
    "--unit", help="只生成一个单位的支部（单位 ID 或名称，见 showcase units），作为门户下的分片"
)
@fails_cleanly
def build(
    path: str, site_dir: str | None, strict: bool, verbose: bool, force: bool, unit: str | None
) -> None:
    """生成站点。先写入临时目录，成功后再替换旧站点——出错时旧站点保持原样。输入未变化时不做任何事。"""
    errors = setup_logging(verbose)
    cfg_path = config_file(path)
    opts = options(path)  # fail fast with a clean message when mkdocs.yml is missing or broken
    # Fingerprinted before anything is read, so an edit made during the build is seen next time.
    inputs = fingerprint(
        cfg_path,
        opts,
        {"strict": strict, "site_dir": site_dir and str(Path(site_dir).resolve()), "unit": unit},
    )
    if site_dir and not force and unchanged(opts.root, Path(site_dir).resolve(), inputs):
        _sweep_quietly(Path(site_dir).resolve())
        click.echo(f"输入未变化，站点无需重新生成：{Path(site_dir).resolve()}")
        return
    cfg = load_config_or_exit(cfg_path, errors, strict=strict or None)
    final = Path(site_dir).resolve() if site_dir else Path(cfg.site_dir).resolve()
    if not site_dir and not force and unchanged(opts.root, final, inputs):
        _sweep_quietly(final)
        click.echo(f"输入未变化，站点无需重新生成：{final}")
        return
    if unit is not None and "showcase" not in cfg.plugins:
        click.echo(f"{cfg_path.name}: 没有启用 showcase 插件，无法按单位生成（--unit）。", err=True)
        sys.exit(1)
    protected_files = [cfg_path] + ([opts.standard] if opts.standard else [])
    refused = output_dir_problem(final, [opts.branches, Path(cfg.docs_dir)], protected_files)
    if refused:
        click.echo(refused, err=True)
        sys.exit(1)
    if unit is not None:
        cfg.plugins["showcase"].unit = unit  # type: ignore[attr-defined]  (checked above)
    build_and_swap_in(
        cfg,
        final,
        errors,
        what="站点",
        failed="生成失败，旧站点保持不变。",
        where="请换一个可写的输出目录"
        if site_dir
        else "请用 -d 指定一个可写的输出目录（如 -d /tmp/site）",
    )
    record(opts.root, final, inputs)
    click.echo(f"站点已生成：{final}")


def load_config_or_exit(
    cfg_path: Path, errors: ErrorCollector, strict: bool | None = None
) -> MkDocsConfig:
    """MkDocs' config of `cfg_path`; a broken one prints each problem in Chinese and exits 1."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        return load_config(str(cfg_path), strict=strict)
    except MkDocsException as exc:
        # MkDocs logs each config error, then raises only "Aborted with a configuration error!"
        for message in config_messages(errors.messages, cfg_path.name) or [
            f"{cfg_path.name}: 配置错误：{exc}"
        ]:
            click.echo(message, err=True)
        sys.exit(1)


def build_and_swap_in(
    cfg: MkDocsConfig, final: Path, errors: ErrorCollector, *, what: str, failed: str, where: str
) -> None:
    """Build `cfg` into a staging folder beside `final`, then swap it in. On any failure print
    why and exit 1, the old output left as it was: `what` names the output (站点, 门户),
    `failed` is the last line printed when the build fails, `where` says which folder to pick
    instead when the parent folder is not writable."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    with contextlib.ExitStack() as stack:
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            staging.sweep(final)  # leftovers of builds that were killed
            folder = stack.enter_context(staging.staging_dir(final))
        except OSError as exc:
            click.echo(f"无法在 {final.parent} 中写入{what}：{reason(exc)}。{where}。", err=True)
            sys.exit(1)
        try:
            cfg.site_dir = str(folder)
            mkdocs_build(cfg)
        except (MkDocsException, SystemExit) as exc:
            for message in errors.messages or [str(exc)]:
                click.echo(message, err=True)
            click.echo(failed, err=True)
            sys.exit(1)
        except OSError as exc:  # a full disk, a folder that became read-only, …
            click.echo(describe(exc, f"写入{what}"), err=True)
            click.echo(failed, err=True)
            sys.exit(1)
        swap_in(folder, final)


def _sweep_quietly(final: Path) -> None:
    """A skipped build still clears what killed builds left beside the site."""
    with contextlib.suppress(OSError):
        staging.sweep(final)


def swap_in(built: Path, final: Path) -> None:
    """Replace `final` with `built` with two renames, so readers never see half a site.

    The old site is deleted by a detached process: the new one is complete the moment it is
    renamed into place, and deleting thousands of files is slow on many disks (discard)."""
    old = Path(tempfile.mkdtemp(prefix=f".{final.name}-old-", dir=final.parent))
    replaced = final.exists()
    if replaced:
        final.rename(old)  # onto the empty folder mkdtemp made: a name no other build uses
    built.rename(final)
    final.chmod(0o755)  # a web server must read the site, whatever the umask
    if replaced:
        _delete_later(old)
    else:
        old.rmdir()


def _delete_later(folder: Path) -> None:
    try:
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                str(folder),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


@click.command()
@click.argument("path", default=".")
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", help="监听地址，默认 127.0.0.1:8000")
@fails_cleanly
def serve(path: str, dev_addr: str) -> None:
    """本地预览，修改 branches/ 或 content/ 后自动重新生成；数据有误时浏览器中列出每个问题。"""
    from mkdocs.exceptions import MkDocsException

    from generator.cli import preview

    collector = setup_logging()
    options(path)
    try:
        preview.run(str(config_file(path)), dev_addr, collector)
    except MkDocsException as exc:
        click.echo(f"配置错误: {exc}", err=True)
        sys.exit(1)
