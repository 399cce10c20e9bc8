"""Walking a folder tree in one scandir pass, for the digests that stand for a tree of inputs
(the branch cache's keys, the fingerprint that lets an unchanged build be skipped)."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator

FOLDER, LINK, FILE = "D", "L", "F"


def walk(folder: str, skip: Collection[str] = ()) -> Iterator[tuple[str, str, os.DirEntry[str]]]:
    """Every entry below `folder` as (path relative to it, kind, entry), sorted by name, depth
    first, each folder just before its content. kind is FOLDER, LINK (a symlink, to a folder or
    not: never followed) or FILE (anything else). Folders named in `skip` are left out whole; a
    folder that cannot be read has no content.

    Plain strings, no Path objects and no stat: a thousand branches are ~90,000 files, walked
    before every build. scandir knows folders and links without a stat; a caller that needs
    one calls `entry.stat(follow_symlinks=False)`, once."""
    yield from _walk(folder, "", skip)


def _walk(
    folder: str, prefix: str, skip: Collection[str]
) -> Iterator[tuple[str, str, os.DirEntry[str]]]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        rel = prefix + entry.name
        if entry.is_symlink():
            yield rel, LINK, entry
        elif entry.is_dir(follow_symlinks=False):
            if entry.name not in skip:
                yield rel, FOLDER, entry
                yield from _walk(entry.path, rel + "/", skip)
        else:
            yield rel, FILE, entry
