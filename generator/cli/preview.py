"""`showcase serve`: MkDocs' live-reload server that shows data errors instead of hanging.

MkDocs' own `serve` aborts when the first build fails, and when a rebuild fails it leaves the
server waiting for a build that never completes, so every request hangs. Here the builder
never raises: a failed build records its problems, the server's epoch moves on (so open
pages reload) and every HTML request gets a page listing the problems. When the data is
fixed, the next build succeeds, the epoch moves again and the error page reloads itself
into the real content.
"""

from __future__ import annotations

import html
import shutil
import tempfile
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

import click

from generator.cli.common import ErrorCollector


def problem_lines(messages: list[str]) -> list[str]:
    """The lines worth showing: our `file:line: message` report split up, MkDocs' own kept whole."""
    lines: list[str] = []
    for message in messages:
        for line in message.splitlines():
            line = line.strip()
            if line.startswith("共 ") and line.endswith("处错误。"):
                continue  # the count is the list's length
            if line and line not in ("输入数据有误:", "Aborted with a BuildError!"):
                lines.append(line)
    return lines or ["生成失败（原因未知，请查看终端输出）"]


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


def run(config_file: str, dev_addr: str, collector: ErrorCollector) -> None:
    """Serve the site at dev_addr until interrupted; rebuilds on changes, shows errors as a page."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer, _serve_url

    site_dir = tempfile.mkdtemp(prefix="showcase-serve-")
    state: dict[str, list[str] | None] = {"errors": None}

    def get_config() -> Any:
        return load_config(config_file=config_file, site_dir=site_dir, dev_addr=dev_addr)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)

    def builder(cfg: Any = None) -> None:
        click.echo("正在生成站点…", err=True)
        collector.messages.clear()
        try:
            if cfg is None:
                cfg = get_config()
            cfg.site_url = serve_url
            build(cfg, serve_url=serve_url)
        except BaseException as exc:  # noqa: BLE001 - any failure becomes the error page
            if isinstance(exc, KeyboardInterrupt):
                raise
            lines = problem_lines(collector.messages or [str(exc)])
            state["errors"] = lines
            click.echo("\n".join(lines), err=True)
            click.echo("数据有误，浏览器中显示上述问题；修改保存后自动重新生成。", err=True)
            return
        state["errors"] = None
        click.echo(f"站点已更新：{serve_url}", err=True)

    class Server(LiveReloadServer):
        def _serve_request(
            self, environ: dict[str, Any], start_response: Callable[..., Any]
        ) -> Iterable[bytes] | None:
            path = environ.get("PATH_INFO", "")
            errors = state["errors"]
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

    server = Server(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path)
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
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return path.endswith("/") or last.endswith(".html") or "." not in last
