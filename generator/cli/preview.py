"""`showcase serve`: MkDocs' live-reload server that shows data errors instead of hanging.

MkDocs' own `serve` aborts when the first build fails, and when a rebuild fails it leaves the
server waiting for a build that never completes, so every request hangs. Here the builder
never raises: a failed build records its problems, the server's epoch moves on (so open
pages reload) and every HTML request gets a page listing the problems. When the data is
fixed, the next build succeeds, the epoch moves again and the error page reloads itself
into the real content.

An edit inside one branch's folder is shown first by a quick build of that branch alone
(cli/quick.py: a second or two at any size); the full rebuild follows once the edits pause,
built beside the served site and swapped in whole, so pages stay readable meanwhile.
"""

from __future__ import annotations

import contextlib
import copy
import html
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from generator.cli.common import ErrorCollector
from generator.cli.followup import FOLLOW_UP_DELAY, FollowUp
from generator.cli.quick import publish, quick_build, touched_branches
from generator.cli.watcher import ChangeRecordingServer
from generator.problems import INPUT_ERROR_HEAD


def problem_lines(messages: list[str]) -> list[str]:
    """The lines worth showing: our `file:line: message` report split up, MkDocs' own kept whole."""
    lines: list[str] = []
    for message in messages:
        for line in message.splitlines():
            line = line.strip()
            if line.startswith("共 ") and line.endswith("处错误。"):
                continue  # the count is the list's length
            if line and line not in (INPUT_ERROR_HEAD, "Aborted with a BuildError!"):
                lines.append(line)
    # MkDocs logs a plugin's error and the build raises it again: each problem once
    return list(dict.fromkeys(lines)) or ["生成失败（原因未知，请查看终端输出）"]


def error_page(lines: list[str]) -> bytes:
    """A self-contained Chinese page listing every problem (the live-reload script is added later)."""
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    return f"""<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>数据有误 · 预览暂停</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}
h1{{color:#b71c1c;font-size:1.5rem}} li{{margin:.4rem 0}} code{{white-space:pre-wrap;font-size:.95rem}}
.hint{{background:#fff3e0;border-left:4px solid #e65100;padding:.6rem 1rem}}
</style></head>
<body><main id="showcase-preview-errors">
<h1>数据有误，站点未能生成（共 {len(lines)} 处）</h1>
<p class="hint">请按下列提示修改文件并保存；本页会在数据改好后自动刷新为站点内容。</p>
<ol>
{items}
</ol>
</main></body></html>
""".encode()


@dataclass
class _State:
    errors: list[str] | None = None  # the problems of the last build, shown on every page
    full_ok: bool = False  # the served site is a full build's (plus quick previews since)
    known: frozenset[str] = frozenset()  # the branch folders of the last full build
    nav: Any = None  # its nav: a quick build's pages get the same tabs
    builds: int = 0


def run(config_file: str, dev_addr: str, collector: ErrorCollector) -> None:
    """Serve the site at dev_addr until interrupted; rebuilds on changes, shows errors as a page."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, PluginError
    from mkdocs.livereload import _serve_url

    base = Path(tempfile.mkdtemp(prefix="showcase-serve-"))
    # What the server shows: a link to the last full build, so the next one is built beside
    # it and swapped in whole (pages stay readable meanwhile); a plain folder built in place,
    # and no quick previews, where links cannot be made.
    served = base / "site"
    swap = _can_link(base) and hasattr(os, "killpg")  # the follow-up stops by process group
    state = _State()
    site_lock = threading.Lock()  # one writer at a time changes what is served

    def get_config(site_dir: Path) -> Any:
        return load_config(config_file=config_file, site_dir=str(site_dir), dev_addr=dev_addr)

    config = get_config(served)
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)
    branches_dir = _branches_dir(config)

    # Builds keep mkdocs.yml's site_url (MkDocs' serve swaps in its own address): the pages,
    # board previews and caches are then those of `showcase build`, so serve starts from
    # warm caches instead of rendering every page again for a localhost address.
    def full(cfg: Any) -> None:
        state.builds += 1
        target = base / f"build-{state.builds}" if swap else served
        if cfg is None:
            cfg = get_config(target)
        cfg.site_dir = str(target)
        try:
            build(cfg, serve_url=serve_url)
        except BaseException:
            if target != served:
                shutil.rmtree(target, ignore_errors=True)
            raise
        if swap:
            with site_lock:
                _point(served, target)
        plugin = cfg.plugins.get("showcase")
        plan = getattr(plugin, "plan", None)
        state.known = frozenset(b.id for b in plan.project.branches) if plan else frozenset()
        state.nav = copy.deepcopy(cfg.nav)
        state.full_ok = True

    def quick(ids: frozenset[str]) -> bool:
        """Show the edited branches' pages; False when the quick build broke for a reason
        other than the data (a full build is made instead)."""
        started = time.perf_counter()
        click.echo(f"正在快速更新支部页面：{'、'.join(sorted(ids))}…", err=True)
        try:
            built = quick_build(config_file, ids, state.nav, serve_url, base / "quick")
        except PluginError as exc:
            if str(exc).startswith(INPUT_ERROR_HEAD):
                raise  # the data: shown as the error page
            click.echo(f"快速更新未成功（{exc}），改为完整生成。", err=True)
            return False
        except Exception as exc:  # noqa: BLE001 - the full build still shows the edit
            why = (
                "MkDocs 生成出错" if isinstance(exc, Abort) else f"{exc.__class__.__name__}: {exc}"
            )
            click.echo(f"快速更新未成功（{why}），改为完整生成。", err=True)
            return False
        with site_lock:
            publish(built, served, ids)
        click.echo(
            f"支部页面已更新（{time.perf_counter() - started:.1f} 秒）；"
            f"停止修改 {FOLLOW_UP_DELAY:.0f} 秒后更新全站总览与检索。",
            err=True,
        )
        return True

    def followed(site: Path | None, errors: list[str] | None) -> None:
        """The full rebuild after quick previews is done (in its own thread)."""
        if site is not None:
            with site_lock:
                _point(served, site)
            state.errors = None
            click.echo(f"全站总览与检索已更新：{serve_url}", err=True)
        else:
            state.errors, state.full_ok = errors, False
            click.echo("\n".join(errors or []), err=True)
            click.echo("数据有误，浏览器中显示上述问题；修改保存后自动重新生成。", err=True)
        server.reload_now()

    follow_up = FollowUp(config_file, dev_addr, serve_url, base, followed)

    def builder(cfg: Any = None) -> None:
        collector.messages.clear()
        changed = server.take_changes()
        follow_up.stop(wait=False)  # whatever it was rebuilding is behind the files now
        ids = None
        if swap and state.full_ok and changed and branches_dir is not None:
            ids = touched_branches(changed, branches_dir, state.known)
        try:
            if ids and quick(ids):
                follow_up.schedule()
                state.errors = None
                return
            click.echo("正在生成站点…", err=True)
            full(cfg)
        except BaseException as exc:  # noqa: BLE001 - any failure becomes the error page
            if isinstance(exc, KeyboardInterrupt):
                raise
            if not ids:
                state.full_ok = False  # the next edit rebuilds everything
            lines = problem_lines(collector.messages or [str(exc)])
            state.errors = lines
            click.echo("\n".join(lines), err=True)
            click.echo("数据有误，浏览器中显示上述问题；修改保存后自动重新生成。", err=True)
            return
        state.errors = None
        click.echo(f"站点已更新：{serve_url}", err=True)

    class Server(ChangeRecordingServer):
        def _serve_request(
            self, environ: dict[str, Any], start_response: Callable[..., Any]
        ) -> Iterable[bytes] | None:
            path = environ.get("PATH_INFO", "")
            errors = state.errors
            if errors is not None and not path.startswith("/livereload/") and _is_page(path):
                with self._epoch_cond:
                    self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                    epoch = self._visible_epoch
                body = self._inject_js_into_html(error_page(errors), epoch)
                start_response(
                    "200 OK",
                    [
                        ("Content-Type", "text/html; charset=utf-8"),
                        ("Content-Length", str(len(body))),
                    ],
                )
                return [body]
            return super()._serve_request(environ, start_response)

    server = Server(builder=builder, host=host, port=port, root=str(served), mount_path=mount_path)
    _stop_on_sigterm()
    try:
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder) or server
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            click.echo("已停止预览。", err=True)
        finally:
            follow_up.stop()
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(base, ignore_errors=True)


def _stop_on_sigterm() -> None:
    """SIGTERM (a service manager, a test harness) ends serve as Ctrl-C does: the follow-up
    rebuild stopped, the temp folder removed, instead of both left behind."""

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    with contextlib.suppress(ValueError):  # not the main thread: leave the default
        signal.signal(signal.SIGTERM, stop)


def _branches_dir(config: Any) -> Path | None:
    """The branches folder, resolved as the plugin watches it; None without the plugin."""
    plugin = config.plugins.get("showcase")
    if plugin is None or not config.config_file_path:
        return None
    root = Path(config.config_file_path).resolve().parent
    return (root / plugin.config.branches).resolve()


def _can_link(folder: Path) -> bool:
    try:
        os.symlink(folder, folder / ".probe")
    except OSError:
        return False
    os.unlink(folder / ".probe")
    return True


def _point(link: Path, target: Path) -> None:
    """Make `link` show `target` in one step; the build it showed before is removed."""
    old = os.readlink(link) if link.is_symlink() else None
    tmp = link.with_name(link.name + ".next")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, link)
    if old is not None and Path(old) != target:
        shutil.rmtree(old, ignore_errors=True)


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return path.endswith("/") or last.endswith(".html") or "." not in last
