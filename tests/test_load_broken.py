"""Every broken input gives the right file:line and message, and exit code 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA, overlay, run_cli

CASES = sorted(p.name for p in (DATA / "broken").iterdir() if p.is_dir())


def test_good_site_passes_check(good_site: Path) -> None:
    code, out, err = run_cli("check", str(good_site))
    assert code == 0, err
    assert "检查通过：1 个支部，2 条活动记录" in out


@pytest.mark.parametrize("case", CASES)
def test_broken_input_is_reported_with_file_and_line(good_site: Path, case: str) -> None:
    overlay(good_site, DATA / "broken" / case)
    code, out, err = run_cli("check", str(good_site))
    assert code == 1
    assert "Traceback" not in err
    lines = err.splitlines()
    for expected in (
        (DATA / "broken" / case / "expect.txt").read_text(encoding="utf-8").splitlines()
    ):
        assert any(line.startswith(expected) for line in lines), f"{expected!r} not in:\n{err}"
    assert lines[-1].startswith("共 ")


def test_json_format_lists_errors(good_site: Path) -> None:
    overlay(good_site, DATA / "broken" / "unknown_key")
    code, out, _ = run_cli("check", str(good_site), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False
    assert report["errors"] == [
        {
            "file": "branches/demo/members.yml",
            "line": 9,
            "message": '未知字段 "phon"：联系方式、证件号等个人信息请写在 private: 下（不会公开）',
        }
    ]


def test_all_errors_of_a_run_are_reported_sorted(good_site: Path) -> None:
    overlay(good_site, DATA / "broken" / "unknown_key")
    overlay(good_site, DATA / "broken" / "bad_date")
    overlay(good_site, DATA / "broken" / "dangling_leader")
    code, _, err = run_cli("check", str(good_site))
    assert code == 1
    located = [line.split(": ")[0] for line in err.splitlines()[:-1]]
    assert located == sorted(located)
    assert len(located) == 3


def test_symlink_out_of_branch_is_refused(good_site: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    (good_site / "branches/demo/photos/logo.png").rename(secret)
    (good_site / "branches/demo/photos/logo.png").symlink_to(secret)
    code, _, err = run_cli("check", str(good_site))
    assert code == 1
    assert 'branches/demo/branch.yml:11: 路径 "photos/logo.png" 指向支部目录之外' in err


def test_bad_branch_folder_name(good_site: Path) -> None:
    (good_site / "branches/demo").rename(good_site / "branches/Demo_1")
    code, _, err = run_cli("check", str(good_site))
    assert code == 1
    assert 'branches/Demo_1: 支部目录名 "Demo_1" 无效' in err


def test_values_in_messages_read_as_written_not_as_python(good_site) -> None:
    """`post: yes` is a truth value to YAML: the message says so, with a hint to quote it;
    a number where a field name belongs is named as such, never "Keys should be strings"."""
    members = good_site / "branches/demo/members.yml"
    text = members.read_text(encoding="utf-8")
    members.write_text(
        text.replace("  post: 操作工", "  post: yes\n  2024: 优秀党员"), encoding="utf-8"
    )
    code, _, err = run_cli("check", str(good_site))
    assert code == 1
    assert '字段 "post" 应为文本' in err and "读作真假值" in err and "true" in err, err
    assert "2024: 不是字段名" in err and "Keys should" not in err, err
    assert "None" not in err and "True" not in err, err
