"""Raw branch data never reaches the site.

MkDocs copies every file under docs_dir into the site as it is. A data folder inside
docs_dir, or reachable from it through a link (content/raw -> ../branches, or a link to the
project folder), would publish members.yml with its `private:` phone and ID numbers, and the
files of unpublished branches. Both `check` and the build refuse such a layout.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.problems import InputError, Problem


def _overlaps(a: Path, b: Path) -> bool:
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)


def exposure_problem(docs_dir: Path, branches: Path) -> str | None:
    """Why docs_dir would publish the data folder, in Chinese, or None."""
    docs, data = docs_dir.resolve(), branches.resolve()
    if not docs.is_dir():
        return None
    if _overlaps(docs, data):
        return (
            f"数据目录 {data} 与 docs_dir {docs} 重叠：MkDocs 会把 docs_dir 中的文件原样复制到站点，"
            "members.yml 中 private: 下的联系方式、证件号和未公开支部的数据都会被发布。"
            "请把数据目录放在 docs_dir 之外（如与 mkdocs.yml 并列的 branches/）"
        )
    for folder, dirs, files in os.walk(docs):
        for name in [*dirs, *files]:
            link = Path(folder) / name
            if link.is_symlink() and _overlaps(link.resolve(), data):
                return (
                    f"docs_dir 中的链接 {link} 指向数据目录 {data}（或包含它的目录）：MkDocs 会把它"
                    "复制到站点，private: 下的联系方式和证件号会被发布。请删除这个链接"
                )
    return None


def refuse_exposure(docs_dir: Path, branches: Path, where: str = "mkdocs.yml") -> None:
    """InputError when docs_dir would publish the data folder."""
    problem = exposure_problem(docs_dir, branches)
    if problem is not None:
        raise InputError([Problem(where, 0, problem)])
