"""`showcase new site|branch` produce data that passes `showcase check` as it stands."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli


def test_new_site_checks_clean(tmp_path: Path) -> None:
    site = tmp_path / "s"
    code, out, err = run_cli("new", "site", str(site), "--file-share")
    assert code == 0, err
    assert "use_directory_urls: false" in (site / "mkdocs.yml").read_text(encoding="utf-8")
    code, out, err = run_cli("check", str(site))
    assert code == 0, err
    assert "1 个支部" in out


def test_new_branch_adds_a_valid_branch(tmp_path: Path) -> None:
    site = tmp_path / "s"
    run_cli("new", "site", str(site))
    code, _, err = run_cli("new", "branch", "jianxiu", str(site), "--name", "检修车间党支部")
    assert code == 0, err
    assert "name: 检修车间党支部" in (site / "branches/jianxiu/branch.yml").read_text(
        encoding="utf-8"
    )
    code, out, err = run_cli("check", str(site))
    assert code == 0, err
    assert "2 个支部" in out


def test_new_branch_refuses_bad_id_and_existing(tmp_path: Path) -> None:
    site = tmp_path / "s"
    run_cli("new", "site", str(site))
    code, _, err = run_cli("new", "branch", "Bad_Id", str(site))
    assert code == 1 and "无效" in err
    code, _, err = run_cli("new", "branch", "shili", str(site))
    assert code == 1 and "已存在" in err
