"""User Markdown to safe HTML: python-markdown, then nh3 strips scripts, handlers, js: links."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
from functools import lru_cache
from pathlib import Path

import markdown
import nh3

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
# An image in a write-up (![现场照片](photos/x.jpg)) is not shown: photos belong in the front
# matter's `photos:`, which the site resizes and strips of metadata. Its alt text stays, as a
# stripped link keeps its text (`check` says why the image is missing: load/advice.py).
_IMG = re.compile(r"<img\b[^>]*?\balt=\"([^\"]*)\"[^>]*>|<img\b[^>]*>")


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
CACHE_VERSION = f"3:{markdown.__version__}:{nh3.__version__ if hasattr(nh3, '__version__') else ''}"
# On disk (SQLite), looked up one snippet at a time: held in a dict, the snippets of a thousand
# branches (80,000 activity bodies) were ~55 MB of the main process at the end of a build, and
# a warm build read them all in before rendering the few pages that changed.
_COMMIT_EVERY = 2000  # new snippets per transaction: a concurrent build waits briefly at most
_store: _Store | None = None
_used: set[str] = set()  # keys this build asked for: the store keeps only these (not deleted ones)


class _Store:
    """One build's connection to the snippet file. Any SQLite error (a read-only or full disk,
    another build writing, a damaged file) turns the cache off for the rest of the build: the
    snippets are then rendered again, never wrong."""

    def __init__(self, path: Path) -> None:
        self.pid, self.pending = os.getpid(), 0
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db: sqlite3.Connection | None = sqlite3.connect(path, timeout=1.0)
        db = self.db
        db.execute("CREATE TABLE IF NOT EXISTS meta (version TEXT NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS html (key TEXT PRIMARY KEY, html TEXT NOT NULL)")
        row = db.execute("SELECT version FROM meta").fetchone()
        if row is None or row[0] != CACHE_VERSION:  # made by another renderer: start over
            db.execute("DELETE FROM html")
            db.execute("DELETE FROM meta")
            db.execute("INSERT INTO meta VALUES (?)", (CACHE_VERSION,))
            db.commit()

    def _conn(self) -> sqlite3.Connection | None:
        # a forked child must not use its parent's connection (SQLite forbids it)
        return self.db if os.getpid() == self.pid else None

    def get(self, key: str) -> str | None:
        if (db := self._conn()) is None:
            return None
        try:
            row = db.execute("SELECT html FROM html WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            self.close()
            return None
        return row[0] if row else None

    def put(self, key: str, html: str) -> None:
        if (db := self._conn()) is None:
            return
        try:
            db.execute("INSERT OR REPLACE INTO html VALUES (?, ?)", (key, html))
            self.pending += 1
            if self.pending >= _COMMIT_EVERY:
                db.commit()
                self.pending = 0
        except sqlite3.Error:
            self.close()

    def keep_only(self, keys: set[str]) -> None:
        """Drop the snippets this build did not use (deleted or edited texts), then close."""
        if (db := self._conn()) is None:
            return
        try:
            db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
            db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in keys))
            db.execute("DELETE FROM html WHERE key NOT IN (SELECT key FROM temp.used)")
            db.commit()
        except sqlite3.Error:
            pass
        self.close()

    def close(self) -> None:
        if (db := self._conn()) is not None:
            with contextlib.suppress(sqlite3.Error):
                db.commit()
                db.close()
        self.db = None


def load_cache(path: Path) -> None:
    """Start a build with the snippets of the last one (a missing, stale or unreadable file is
    started afresh or ignored)."""
    global _store
    if _store is not None:
        _store.close()
    _used.clear()
    # the cache of earlier versions, one JSON file: ours, under the cache folder
    with contextlib.suppress(OSError):
        path.with_name("markup.json").unlink(missing_ok=True)
    _store = None
    for _ in range(2):
        try:
            _store = _Store(path)
            return
        except sqlite3.OperationalError:  # locked by another build, unopenable: no cache
            return
        except sqlite3.DatabaseError:  # not a database (damaged, cut short): ours to start over
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        except (OSError, sqlite3.Error):
            return


def save_cache(*, failed: bool = False) -> None:
    """End the build's use of the cache: keep what it used (so the file does not grow with
    deleted activities), or after a failed build keep everything, the new snippets too."""
    global _store
    if _store is not None:
        if failed:
            _store.close()
        else:
            _store.keep_only(_used)
        _store = None
    _used.clear()


def cache_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


# Text with no Markdown in it: no character that starts any syntax of python-markdown with
# our extensions (emphasis, code, links, raw HTML and entities, headings, rules, lists,
# quotes, tables, escapes), no line that starts or ends with a blank (code blocks, hard
# breaks), no "1." at a line's start ("60.0" is no list), no whitespace but spaces and line
# breaks, no control character (python-markdown's placeholders, what the sanitizer rewrites).
_NOT_PLAIN = re.compile(
    r"[\\`*_\[\]!<>&#|=+\-~\x00-\x09\x0b-\x1f\x7f-\x9f]|[^\S \n]|^ | $|^\d+[.)](?!\d)", re.M
)
_BLANK_LINES = re.compile(r"\n{2,}")


def _paragraphs(text: str) -> str:
    """What python-markdown, nl2br and the sanitizer make of a text _NOT_PLAIN finds nothing
    in: a paragraph per run of lines, its line breaks kept as <br>. Most activity logs are
    such text, and python-markdown takes ~0.3-0.6 ms for one (~80 a branch, most of a cold
    build's Markdown); this, the check included, ~25 times less, and less than the cache
    takes to look it up. tests/test_markup_plain.py holds it to the full path, byte for
    byte, on generated texts."""
    return "\n".join(
        "<p>" + p.replace("\n", "<br>\n") + "</p>"
        for p in _BLANK_LINES.split(text.strip("\n"))
        if p
    )


def to_html(text: str) -> str:
    """Render user Markdown and sanitize it; raw HTML in the input is escaped or removed."""
    if not text:
        return ""
    if _NOT_PLAIN.search(text) is None:
        return _paragraphs(text)
    key = cache_key(text)
    _used.add(key)
    html = _store.get(key) if _store is not None else None
    if html is None:
        html = _render(text)
        if _store is not None:
            _store.put(key, html)
    return html


def _render(text: str) -> str:
    md = _md()
    md.reset()
    html = _IMG.sub(lambda m: m.group(1) or "", md.convert(text))
    clean = _cleaner().clean(html)
    # A link whose URL the sanitizer dropped (javascript:, data:) is left as <a rel=…> without
    # href, which is invalid HTML and looks clickable: keep only its text. nh3's output is
    # normalized and anchors never nest, so a pattern is exact here.
    return _HREFLESS.sub(r"\1", clean)
