"""Loaded branches kept between builds, keyed by every byte that made them.

Reading and checking a branch folder (YAML, front matter, pydantic, photo headers) is most of
a warm build's load time, and its result depends only on the folder's files, the rulebook
and the loader's own code. A branch that loaded without problems is stored as JSON under the
hash of all of those; any change to any of them — a file edited, added, removed or turned
into a symlink, another rulebook, a new version of the loader — gives another key, so a
stale entry is never read. Branches with problems are never stored: their errors are always
found afresh. JSON, not pickle: a cache file cannot run code.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from functools import lru_cache
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from generator.load.reading import digest_user_file
from generator.models import Branch
from generator.tree import FOLDER, LINK, walk
from generator.writes import drop_unused, write_bytes

_PACKAGE = Path(__file__).resolve().parent.parent
_ADAPTER = TypeAdapter(Branch)


@lru_cache(maxsize=1)
def code_digest() -> bytes:
    """The loader's and the models' source: a change to either invalidates every entry."""
    h = hashlib.sha256()
    for sub in ("load", "models"):
        for path in sorted((_PACKAGE / sub).rglob("*.py")):
            h.update(path.relative_to(_PACKAGE).as_posix().encode())
            h.update(path.read_bytes())
    return h.digest()


class FileDigests:
    """Content digests of files remembered by (size, mtime, inode), as git's index does: a
    warm build re-hashes only files whose stat changed instead of reading every photo again."""

    def __init__(self, path: Path | None):
        self.path = path
        self.known: dict[str, list] = {}
        self.used: dict[str, list] = {}
        if path is not None:
            with contextlib.suppress(OSError, ValueError):
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data, dict) and data.get("version") == 1:
                    self.known = data.get("files", {})

    def digest(self, path: str | Path, st: os.stat_result | None = None) -> bytes | None:
        """`digest_user_file(path)`, from memory while the file's stat is what it was
        (`st`: the file's stat when the caller has it already)."""
        name = os.fspath(path)
        if st is None:
            try:
                st = os.stat(name)
            except OSError:
                return None
        if not stat.S_ISREG(st.st_mode):
            return digest_user_file(name)  # FIFOs, devices: never remembered, never read
        stamp = [st.st_size, st.st_mtime_ns, st.st_ino]
        entry = self.known.get(name)
        if entry is None or entry[:3] != stamp:
            found = digest_user_file(name)
            if found is None:
                return None
            entry = [*stamp, found.hex()]
        self.used[name] = entry
        return bytes.fromhex(entry[3])

    def save(self, keep_known: bool = False) -> None:
        """Keep what this run used (and, for a build of one unit, what the others use)."""
        if self.path is None:
            return
        files = {**self.known, **self.used} if keep_known else self.used
        if files == self.known:
            return  # as read: ~15 MB of JSON at a thousand branches, not written again
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes(self.path, json.dumps({"version": 1, "files": files}).encode("utf-8"))


def branch_key(folder: Path, standard_bytes: bytes, digests: FileDigests | None = None) -> str:
    """Hash of the folder's whole tree (names, kinds, link targets, contents) and its context.

    One scandir pass: only regular files are stat'ed, once (a thousand branches are ~90,000
    files)."""
    h = hashlib.sha256()
    h.update(code_digest())
    h.update(hashlib.sha256(standard_bytes).digest())
    h.update(str(folder.resolve()).encode())
    for rel, kind, entry in walk(str(folder)):
        if kind == LINK:
            h.update(b"L\0" + rel.encode() + b"\0" + os.readlink(entry.path).encode() + b"\0")
        elif kind == FOLDER:
            h.update(b"D\0" + rel.encode() + b"\0")
        else:
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode):
                continue  # only regular files, folders and links are content
            digest = (
                digests.digest(entry.path, st)
                if digests is not None
                else digest_user_file(entry.path)
            )
            h.update(b"F\0" + rel.encode() + b"\0" + (digest or b"unreadable"))
    return h.hexdigest()[:40]


class BranchCache:
    def __init__(self, cache_dir: Path):
        self.dir = cache_dir

    def _path(self, key: str) -> Path:
        return self.dir / f"{key}.json"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str, activities: bool = True) -> Branch | None:
        """The stored branch; without its activities if asked (the exports never read them,
        and they are most of a branch's memory and decoding time)."""
        path = self._path(key)
        try:
            if activities:
                return _ADAPTER.validate_json(path.read_bytes())
            data = json.loads(path.read_bytes())
            data["activities"] = []
            return _ADAPTER.validate_python(data)
        except (OSError, ValidationError, ValueError, TypeError):
            return None  # missing or unreadable: load the folder as usual

    def put(self, key: str, branch: Branch) -> None:
        with contextlib.suppress(OSError):  # a read-only project still builds, without the cache
            self.dir.mkdir(parents=True, exist_ok=True)
            write_bytes(self._path(key), _ADAPTER.dump_json(branch, by_alias=True))

    def prune(self, keep: set[str]) -> None:
        """Drop entries of folders that no longer look like that (the cache stays one site big)."""
        drop_unused(self.dir, "*.json", keep)
