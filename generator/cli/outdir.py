"""Where a command may write: an output folder never overlaps the user's own data.

A build swaps its output folder wholesale (the old one is removed), so an output folder
that is, holds or sits inside the data, the docs or the config would destroy them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.writes import blocking_file

# What an earlier build leaves at the top of a site folder: such a folder may be replaced.
SITE_MARKERS = ("index.html", "sitemap.xml", "404.html")


def _overlaps(a: Path, b: Path) -> bool:
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)


def _folder_problem(
    out: Path, protected_dirs: Iterable[Path], protected_files: Iterable[Path], label: str, why: str
) -> str | None:
    """Why the folder `out` must not be written, or None: it may neither be, hold nor lie
    inside a protected folder (branch data, docs_dir), nor hold a protected file (mkdocs.yml,
    the rulebook); it must be (or can become) a folder. `label` names it, `why` explains."""
    for folder in protected_dirs:
        folder = folder.resolve()
        if _overlaps(out, folder):
            return f"{label} {out} 与数据目录 {folder} 重叠：{why}"
    for file in protected_files:
        file = file.resolve()
        if file.is_relative_to(out):
            return f"{label} {out} 包含 {file}：{why}"
    if out.exists() and not out.is_dir():
        return f"{label} {out} 已存在且不是目录。"
    blocker = blocking_file(out)
    if blocker is not None:
        return f"{label} {out} 无法建立：{blocker} 不是目录。"
    return None


def output_dir_problem(
    out: Path, protected_dirs: Iterable[Path], protected_files: Iterable[Path]
) -> str | None:
    """Why a site folder `out` must not be replaced, in Chinese, or None when it is safe.

    A build replaces the whole folder, so an existing folder that holds anything but an
    earlier site is refused too: replacing it would delete someone's files."""
    out = out.resolve()
    why = "生成站点会替换整个输出目录，这会删除其中的文件。请换一个输出目录（如 site/）。"
    found = _folder_problem(out, protected_dirs, protected_files, "输出目录", why)
    if found:
        return found
    if out.is_dir() and any(out.iterdir()) and not any((out / m).is_file() for m in SITE_MARKERS):
        return (
            f"输出目录 {out} 已存在且不是以前生成的站点（其中没有 index.html）："
            "生成站点会替换整个目录，为防止误删文件，已停止。请指定一个空目录或新目录。"
        )
    return None


def boards_dir_problem(
    out: Path, protected_dirs: Iterable[Path], protected_files: Iterable[Path]
) -> str | None:
    """Boards are written into `out` (never a wholesale swap), yet never among the data."""
    why = "展板不能写进数据目录。请换一个单独的输出目录（如 site/boards/）。"
    return _folder_problem(out.resolve(), protected_dirs, protected_files, "展板输出目录", why)


def output_file_problem(
    out: Path, protected_dirs: Iterable[Path], protected_files: Iterable[Path]
) -> str | None:
    """Why a single output file (an export) must not be written at `out`, or None."""
    out = out.resolve()
    for folder in protected_dirs:
        if out.is_relative_to(folder.resolve()):
            return f"输出文件 {out} 位于数据目录 {folder.resolve()} 中：输出文件不能写进（或覆盖）数据。请换一个位置。"
    for file in protected_files:
        if out == file.resolve():
            return f"输出文件 {out} 是配置或评定标准文件本身：导出会覆盖它。请换一个文件名。"
    if out.is_dir():
        return f"输出路径 {out} 是一个目录，请给出文件名（如 {out / 'results.json'}）。"
    blocker = blocking_file(out)
    if blocker is not None:
        return f"无法写入 {out}：{blocker} 不是目录。"
    if not out.parent.is_dir():
        return f"无法写入 {out}：目录 {out.parent} 不存在。"
    return None
