"""An output folder that overlaps the user's data is refused before anything is written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import run_cli


def _tree(root: Path) -> dict[str, str]:
    """Every file under root with its content hash: 'nothing touched' made checkable."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("target", [".", "branches", "content", "content/site", "branches/x", ".."])
def test_output_overlapping_the_project_is_refused(good_site: Path, target: str) -> None:
    (good_site / "content").mkdir(exist_ok=True)
    (good_site / "content" / "about.md").write_text("# 关于\n", encoding="utf-8")
    before = _tree(good_site.parent)
    code, _, err = run_cli("build", str(good_site), "-d", str(good_site / target))
    assert code == 1
    assert "输出目录" in err and "Traceback" not in err
    assert _tree(good_site.parent) == before


def test_foreign_folder_is_not_replaced(good_site: Path, tmp_path: Path) -> None:
    docs = tmp_path / "my-documents"
    docs.mkdir()
    (docs / "报告.docx").write_bytes(b"not a site")
    code, _, err = run_cli("build", str(good_site), "-d", str(docs))
    assert code == 1
    assert "不是以前生成的站点" in err
    assert (docs / "报告.docx").read_bytes() == b"not a site"


def test_site_dir_setting_pointing_at_the_project_is_refused(good_site: Path) -> None:
    cfg = good_site / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "\nsite_dir: branches\n", encoding="utf-8")
    before = _tree(good_site)
    code, _, err = run_cli("build", str(good_site))
    assert code == 1 and "输出目录" in err
    assert _tree(good_site) == before
