"""Rendered branch pages kept between builds, keyed by everything that made them.

MkDocs renders every page on every build; at a thousand branches that is most of a warm
build. A page under `branches/<id>/` shows only its own branch (a rule for templates: no
other branch's data on a branch's pages), so its HTML is a function of: the branch's files
(the loader's content hash, which also covers the rulebook and the loader's code), as_of and
year, the page's URL, and the site around it — config, nav, plugin options, templates and
the generator's code, the versions of the renderers. A hit skips the template; the page is
hard-linked into the site from the cache (copied where links are impossible), so an
unchanged page costs neither rendering nor writing its bytes. Files in the cache are only
ever replaced whole, never edited, so a link can never change under the site.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.writes import drop_unused, write_bytes

_PACKAGE = Path(__file__).resolve().parent.parent
# The packages that turn templates and Markdown into a page: another version may render
# other HTML (the build fingerprint adds those that index and draw, see cli/unchanged.py).
RENDERERS = (
    "mkdocs",
    "mkdocs-material",
    "jinja2",
    "markdown",
    "pymdown-extensions",
    "nh3",
    "markupsafe",
)
_CONFIG_KEYS = (
    "site_name", "site_url", "site_description", "site_author", "copyright", "use_directory_urls", "extra",
    "extra_css", "extra_javascript", "extra_templates", "markdown_extensions", "mdx_configs", "repo_url", "repo_name",
    "edit_uri", "remote_branch", "strict", "validation", "not_in_nav", "exclude_docs", "draft_docs", "watch",
)  # fmt: skip


# What can change a rendered page; the CLI, the bench and the importer cannot.
_RENDERING = (
    "__init__.py", "plugin.py", "options.py", "problems.py", "export.py",
    "load", "models", "score", "render", "print", "theme", "standards",
)  # fmt: skip


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The generator's rendering code and templates, by content: a change re-renders every page."""
    h = hashlib.sha256()
    files = [
        p
        for name in _RENDERING
        for p in ([_PACKAGE / name] if name.endswith(".py") else (_PACKAGE / name).rglob("*"))
    ]
    for path in sorted(p for p in files if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    h.update(package_versions(RENDERERS))
    return h.hexdigest()


def package_versions(dists: tuple[str, ...]) -> bytes:
    """`name=version` of each installed distribution (one not installed is left out)."""
    out = b""
    for dist in dists:
        with contextlib.suppress(metadata.PackageNotFoundError):
            out += f"{dist}={metadata.version(dist)}\0".encode()
    return out


def _theme_dirs(dirs: list[str]) -> str:
    """Template folders outside the package (material's, a user's custom_dir) by path and stat."""
    h = hashlib.sha256()
    for d in dirs:
        if Path(d).resolve().is_relative_to(_PACKAGE):
            continue  # ours: covered by code_digest
        for dirpath, dirnames, filenames in os.walk(d):
            dirnames.sort()
            for name in sorted(filenames):
                st = os.stat(os.path.join(dirpath, name))
                h.update(f"{dirpath}/{name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


def site_key(config: Any, nav: Any, plugin_options: dict[str, Any], as_of: str, year: int) -> str:
    """Everything every page shares: config, theme, nav, options, code, as_of and year.

    `nav`: JSON-able, all that makes the navigation every page carries (see the plugin's
    on_files: the nav's entries and the text of the hand-written pages it names)."""
    theme = config.theme
    shared = {
        "config": {k: config.get(k) for k in _CONFIG_KEYS},
        "theme": {"name": theme.name, "dirs": list(theme.dirs), **dict(theme.items())},
        "plugins": list(config.plugins.keys()),
        "options": plugin_options,
        "nav": nav,
        "as_of": as_of,
        "year": year,
    }
    blob = json.dumps(shared, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(
        f"{blob}\0{code_digest()}\0{_theme_dirs(list(theme.dirs))}".encode()
    ).hexdigest()


def link_or_copy(src: Path, dst: Path) -> None:
    """Put `src` at `dst` as a hard link (no bytes written), or a copy across filesystems.

    The link is tried first: a build links ~30,000 files at a thousand branches into folders
    that mostly exist already and files that do not, and a mkdir or unlink per file that has
    nothing to do costs seconds (a failed system call is not free)."""
    s, d = os.fspath(src), os.fspath(dst)
    try:
        os.link(s, d)
        return
    except FileExistsError:
        os.unlink(d)
    except FileNotFoundError:
        if not os.path.exists(s):
            raise
        os.makedirs(os.path.dirname(d), exist_ok=True)
    except OSError:
        pass  # no hard links here (another filesystem): copied below
    try:
        os.link(s, d)
    except OSError:
        # never copy into what is there: it may be a link to a cache file
        with contextlib.suppress(FileNotFoundError):
            os.unlink(d)
        os.makedirs(os.path.dirname(d), exist_ok=True)
        shutil.copyfile(s, d)


class PageCache:
    """`.cache/showcase/pages/<key>.html`; entries this build did not use are dropped at the end."""

    def __init__(self, folder: Path, branch_keys: dict[str, str]):
        self.folder = folder
        self.branch_keys = branch_keys
        self.site = ""
        self.used: set[str] = set()
        self.hits = 0

    def key(self, src_uri: str, url: str) -> str | None:
        """The page's key, or None for pages that are not one branch's own (always rendered)."""
        parts = src_uri.split("/")
        if not self.site or len(parts) < 3 or parts[0] != "branches":
            return None
        branch = self.branch_keys.get(parts[1])
        if branch is None:
            return None
        return hashlib.sha256(f"{self.site}\0{branch}\0{src_uri}\0{url}".encode()).hexdigest()[:40]

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.html"

    def hit(self, key: str) -> bool:
        self.used.add(key)
        found = self.path(key).is_file()
        self.hits += found
        return found

    def store(self, key: str, html: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        write_bytes(self.path(key), html.encode("utf-8", errors="xmlcharrefreplace"))

    def prune(self) -> None:
        drop_unused(self.folder, "*.html", self.used)


class SkippedPageFilter(logging.Filter):
    """MkDocs logs "Page skipped" for every page whose output the plugin placed itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Page skipped:")
