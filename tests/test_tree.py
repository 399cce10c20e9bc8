"""generator.tree.walk: the one scandir walk behind the branch cache keys and the build
fingerprint — every entry once, sorted, folders before their content, links never followed."""

from __future__ import annotations

import os
from pathlib import Path

from generator.tree import FILE, FOLDER, LINK, walk


def _listing(root: Path, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(rel, kind) for rel, kind, _ in walk(str(root), skip)]


def test_entries_sorted_depth_first_and_links_not_followed(tmp_path: Path) -> None:
    (tmp_path / "b" / "inner").mkdir(parents=True)
    (tmp_path / "b" / "inner" / "deep.md").write_text("深", encoding="utf-8")
    (tmp_path / "b" / "z.yml").write_text("z", encoding="utf-8")
    (tmp_path / "a.md").write_text("a", encoding="utf-8")
    (tmp_path / "c").mkdir()
    os.symlink("b", tmp_path / "link-to-b")  # a folder link: listed, never walked
    os.symlink("nowhere", tmp_path / "dangling")
    assert _listing(tmp_path) == [
        ("a.md", FILE),
        ("b", FOLDER),
        ("b/inner", FOLDER),
        ("b/inner/deep.md", FILE),
        ("b/z.yml", FILE),
        ("c", FOLDER),
        ("dangling", LINK),
        ("link-to-b", LINK),
    ]


def test_skipped_folders_are_left_out_whole(tmp_path: Path) -> None:
    (tmp_path / "pkg" / "__pycache__").mkdir(parents=True)
    (tmp_path / "pkg" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    (tmp_path / "pkg" / "mod.py").write_text("", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    assert _listing(tmp_path, ("__pycache__", ".git")) == [("pkg", FOLDER), ("pkg/mod.py", FILE)]
    assert ("pkg/__pycache__/x.pyc", FILE) in _listing(tmp_path)


def test_a_missing_or_unreadable_folder_has_no_entries(tmp_path: Path) -> None:
    assert _listing(tmp_path / "missing") == []
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert _listing(tmp_path / "file") == []


def test_entries_carry_their_dir_entry_for_one_stat(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_bytes(b"12345")
    [(rel, kind, entry)] = list(walk(str(tmp_path)))
    assert (rel, kind, entry.path) == ("f.txt", FILE, str(tmp_path / "f.txt"))
    assert entry.stat(follow_symlinks=False).st_size == 5
