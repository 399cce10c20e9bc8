"""Unchanged inputs mean no work: `showcase build` skips a build whose every input is as it was.

The fingerprint covers what can change a site: mkdocs.yml (and the file it INHERITs, its
hooks, the environment variables it reads with !ENV, SOURCE_DATE_EPOCH), the docs_dir, a
theme custom_dir, the branches folder, the rulebook, the resolved as_of (so a site without a
fixed as_of is rebuilt on a new day), the generator's own code and templates, the versions of
the packages that render the site, and the build's options. Files enter by path, size, mtime
and inode — what `make` and git trust — so checking costs a directory walk, not a read.
The site it was recorded for must still be the very folder the build swapped in (its inode
and mtime), so a deleted or replaced site is always rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from generator.options import Options, cache_dir
from generator.render.pagecache import RENDERERS, package_versions
from generator.tree import FOLDER, LINK, walk
from generator.writes import write_bytes

_PACKAGE = Path(__file__).resolve().parent.parent
# The page renderers and what indexes the site and draws its images and boards.
_RENDERERS = (*RENDERERS, "pagefind", "pagefind-bin-extended", "pillow")


def _tree(h: Any, root: Path) -> None:
    """Every entry under `root` by relative path and stat (a missing root counts too).

    One lstat per file (scandir knows links and folders without one): a thousand branches
    are ~90,000 files, checked before every build. Symlinked folders are not walked: their
    link itself counts (as a file)."""
    if not root.exists():
        h.update(b"missing\0" + str(root).encode())
        return
    h.update(b"D\0.\0")
    for rel, kind, entry in walk(str(root), skip=("__pycache__", ".git")):
        if kind == FOLDER:
            h.update(b"D\0" + rel.encode() + b"\0")
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            h.update(b"-\0" + rel.encode() + b"\0")
            continue
        h.update(_stamp(rel, st, os.readlink(entry.path) if kind == LINK else ""))


def _file(h: Any, path: Path, label: str) -> None:
    try:
        st = os.lstat(path)
    except OSError:
        h.update(b"-\0" + label.encode() + b"\0")
        return
    h.update(_stamp(label, st, os.readlink(path) if os.path.islink(path) else ""))


def _stamp(label: str, st: os.stat_result, link: str) -> bytes:
    """A file by what `make` and git trust: size, mtime and inode (and a link's target)."""
    return f"F\0{label}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\0{link}".encode()


def fingerprint(config_file: Path, opts: Options, extra: dict[str, Any]) -> str:
    """Digest of every input of a build of `config_file` with these options."""
    from mkdocs.utils.yaml import yaml_load

    h = hashlib.sha256(b"showcase-build-1\0")
    text = config_file.read_bytes()
    h.update(text)
    raw: Any = {}
    with contextlib.suppress(Exception):
        raw = yaml_load(text) or {}
    raw = raw if isinstance(raw, dict) else {}
    root = config_file.parent
    for name in re.findall(rb"!ENV\s*\[?\s*([A-Za-z_][A-Za-z0-9_]*)", text) + [
        b"SOURCE_DATE_EPOCH"
    ]:
        h.update(name + b"=" + os.environ.get(name.decode(), "\0unset").encode() + b"\0")
    files = [raw.get("INHERIT"), *(raw.get("hooks") or [])]
    for rel in files:
        if isinstance(rel, str):
            _file(h, root / rel, rel)
    theme = raw.get("theme")
    dirs = [root / str(raw.get("docs_dir") or "docs"), opts.branches, _PACKAGE]
    # In a source checkout generator/theme is a link to the repository's theme/ (the walk
    # counts a linked folder by its link alone), so its templates are walked by their target.
    if (_PACKAGE / "theme").is_symlink():
        dirs.append((_PACKAGE / "theme").resolve())
    if isinstance(theme, dict) and theme.get("custom_dir"):
        dirs.append(root / str(theme["custom_dir"]))
    for d in dirs:
        h.update(b"T\0" + str(d).encode() + b"\0")
        _tree(h, d)
    if opts.standard:
        _file(h, opts.standard, str(opts.standard))
    h.update(package_versions(_RENDERERS))
    h.update(
        json.dumps(
            # limits: `showcase --max-…` changes them without touching mkdocs.yml
            {
                "as_of": opts.as_of.isoformat(),
                "year": opts.year,
                "limits": repr(opts.limits),
                **extra,
            },
            sort_keys=True,
        ).encode()
    )
    return h.hexdigest()


def _site_id(site: Path) -> str | None:
    try:
        st = site.stat()
    except OSError:
        return None
    return f"{st.st_ino}:{st.st_mtime_ns}"


def _record_file(root: Path) -> Path:
    return cache_dir(root, "builds.json")


def _records(root: Path) -> dict[str, Any]:
    try:
        data = json.loads(_record_file(root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def unchanged(root: Path, site: Path, digest: str) -> bool:
    """True when `site` is the folder the last build of these very inputs swapped in."""
    entry = _records(root).get(str(site))
    return (
        isinstance(entry, dict)
        and entry.get("inputs") == digest
        and entry.get("site") == _site_id(site)
    )


def record(root: Path, site: Path, digest: str) -> None:
    """Remember the inputs of the site just swapped in (a read-only project simply forgets)."""
    records = _records(root)
    records[str(site)] = {"inputs": digest, "site": _site_id(site)}
    path = _record_file(root)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, json.dumps(records, ensure_ascii=False, sort_keys=True).encode("utf-8"))
