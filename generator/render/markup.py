"""User Markdown to safe HTML: python-markdown, then nh3 strips scripts, handlers, js: links."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path

import markdown
import nh3

from generator.writes import tmp_path

_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "mark",
    "sub",
    "sup",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
    "abbr",
}
_ATTRS = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
_HREFLESS = re.compile(r"<a(?![^>]*\shref=)[^>]*>(.*?)</a>", re.S)


@lru_cache(maxsize=1)
def _md() -> markdown.Markdown:
    return markdown.Markdown(extensions=["tables", "sane_lists", "nl2br"], output_format="html")


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    """One sanitizer for every snippet: nh3.clean builds its settings anew on each call, a
    third of its time (~28 against ~10 µs for an activity's text)."""
    return nh3.Cleaner(
        tags=_TAGS,
        attributes=_ATTRS,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


# Rendered snippets by hash of their Markdown, kept between builds: thousands of activity
# bodies are most of a warm build's Markdown work, and the result depends on the text alone.
# Bump CACHE_VERSION when the extensions or the sanitizer settings above change.
CACHE_VERSION = f"2:{markdown.__version__}:{nh3.__version__ if hasattr(nh3, '__version__') else ''}"
_cache: dict[str, str] = {}
_used: set[str] = set()


def load_cache(path: Path) -> None:
    """Start a build with the snippets of the last one (a missing or stale file is ignored)."""
    _cache.clear()
    _used.clear()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if (
        isinstance(data, dict)
        and data.get("version") == CACHE_VERSION
        and isinstance(data.get("html"), dict)
    ):
        _cache.update(data["html"])


def save_cache(path: Path) -> None:
    """Keep what this build used (so the file does not grow with deleted activities)."""
    kept = {k: _cache[k] for k in sorted(_used) if k in _cache}
    tmp = tmp_path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(
            json.dumps({"version": CACHE_VERSION, "html": kept}, ensure_ascii=False),
            encoding="utf-8",
        )
        os.replace(tmp, path)
    except OSError:  # a read-only project still builds, just without the cache (as load/cache.py)
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def to_html(text: str) -> str:
    """Render user Markdown and sanitize it; raw HTML in the input is escaped or removed."""
    if not text:
        return ""
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    _used.add(key)
    html = _cache.get(key)
    if html is None:
        html = _cache[key] = _render(text)
    return html


def _render(text: str) -> str:
    md = _md()
    md.reset()
    html = md.convert(text)
    clean = _cleaner().clean(html)
    # A link whose URL the sanitizer dropped (javascript:, data:) is left as <a rel=…> without
    # href, which is invalid HTML and looks clickable: keep only its text. nh3's output is
    # normalized and anchors never nest, so a pattern is exact here.
    return _HREFLESS.sub(r"\1", clean)
