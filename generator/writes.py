"""How the product writes: whole files or none, a cache that survives a read-only project,
leftovers of killed writers swept away, and file-system errors told in Chinese.

Every temp file is named `<target>.<pid>.tmp`, so a later run can tell the leftovers of a
dead writer (remove) from the files of a writer still at work (keep).
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import json
import os
import re
import shutil
import tempfile
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

_TMP = re.compile(r"\.(\d+)\.tmp$")

_REASONS = {
    errno.EROFS: "只读文件系统",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.ENOENT: "路径不存在",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.EISDIR: "这是一个目录，不是文件",
    errno.EEXIST: "已存在",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EXDEV: "不能跨文件系统移动",
    errno.ENOTEMPTY: "目录不为空",
    errno.EIO: "读写错误（磁盘故障？）",
}


def reason(exc: OSError) -> str:
    """The cause of a file-system error in a few Chinese words."""
    return _REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)


def describe(exc: OSError, doing: str = "读写文件") -> str:
    """`写入文件失败：/x/y.json：路径不存在` — what, where and why, without a traceback."""
    where = f"：{exc.filename}" if exc.filename else ""
    hint = ""
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        hint = "。请换一个可写的位置"
    elif exc.errno in (errno.ENOSPC, errno.EDQUOT):
        hint = "。请清理磁盘后重试"
    return f"{doing}失败{where}：{reason(exc)}{hint}。"


def blocking_file(path: Path) -> Path | None:
    """The first existing ancestor of `path` that is not a folder (so `path` can never be
    made), or None. `mkdir` would report it as "exists" — true, but no help to a person."""
    for parent in path.parents:
        if parent.exists():
            return None if parent.is_dir() else parent
    return None


def tmp_path(target: Path) -> Path:
    return target.with_name(f"{target.name}.{os.getpid()}.tmp")


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a temp path beside `target`; once the block succeeds it replaces `target`.
    On any failure (a full disk, an interrupt) the temp file is removed, `target` untouched."""
    tmp = tmp_path(target)
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise


def write_bytes(target: Path, data: bytes) -> None:
    with replacing(target) as tmp:
        tmp.write_bytes(data)


def read_memo(path: Path) -> dict[str, Any]:
    """A cache's JSON object of remembered entries; missing, unreadable or not an object: {}."""
    with contextlib.suppress(OSError, ValueError):
        found = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(found, dict):
            return found
    return {}


def write_memo(path: Path, entries: dict[str, Any], before: dict[str, Any]) -> None:
    """Save the entries when they changed; a read-only project just goes without."""
    if entries != before:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes(path, json.dumps(entries, ensure_ascii=False).encode("utf-8"))


def drop_unused(folder: Path, pattern: str, used: Collection[str]) -> None:
    """Remove the cache entries (`pattern` files in `folder`) whose stem this run did not use,
    so a cache stays one site big."""
    if not folder.is_dir():
        return
    for path in folder.glob(pattern):
        if path.stem not in used:
            path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def sweep_tmp(folder: Path) -> int:
    """Remove `*.tmp` files under `folder` whose writer is no longer running; returns how many."""
    removed = 0
    if not folder.is_dir():
        return 0
    for path in folder.rglob("*.tmp"):
        found = _TMP.search(path.name)
        if found and _alive(int(found.group(1))):
            continue  # a live build is writing it
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed


_roots: dict[Path, Path] = {}


def cache_root(root: Path) -> Path:
    """`<root>/.cache/showcase`, or — when the project cannot be written (a read-only share)
    — a temp folder of this process, removed at exit: the build works, only slower."""
    root = root.resolve()
    if root in _roots:
        return _roots[root]
    wanted = root / ".cache" / "showcase"
    try:
        wanted.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=wanted):
            pass
        sweep_tmp(wanted)
        chosen = wanted
    except OSError:
        chosen = Path(tempfile.mkdtemp(prefix="showcase-cache-"))
        atexit.register(shutil.rmtree, chosen, True)
    _roots[root] = chosen
    return chosen


@contextlib.contextmanager
def cache_root_moved(root: Path, folder: Path) -> Iterator[None]:
    """Within the block, the project's cache is `folder`. `showcase serve` keeps its quick
    one-branch builds' cache apart: such a build drops every entry it did not use, which in
    the project's cache would be every other branch's."""
    root = root.resolve()
    before = _roots.get(root)
    _roots[root] = folder
    try:
        yield
    finally:
        if before is None:
            _roots.pop(root, None)
        else:
            _roots[root] = before


def cache_is_temporary(root: Path) -> bool:
    return cache_root(root) != root.resolve() / ".cache" / "showcase"
