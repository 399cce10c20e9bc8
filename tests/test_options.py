"""Plugin options go through the plugin's typed config on every path: a wrong option is one
Chinese line naming it (file:line), exit 1, on build, check, export and boards alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from scorekit import activity_md, write

from conftest import run_cli

COMMANDS = ("check", "build", "export", "boards")


def site(root: Path, options: str) -> Path:
    """A one-branch site whose showcase options are `options` (YAML lines, 6-space indent)."""
    return write(
        root,
        {
            "mkdocs.yml": (
                "site_name: 选项测试\ndocs_dir: content\ntheme: {name: material, language: zh}\n"
                "plugins:\n  - showcase:\n"
                + ("" if "search:" in options else "      search: false\n")
                + options
            ),
            "content/index.md": "# 选项测试\n",
            "branches/qiaotou/branch.yml": "name: 桥头党支部\nunit: 选项测试党委\nbrand: {name: 桥头先锋}\n",
            "branches/qiaotou/activities/2024-04-02-zwh.md": activity_md("2024-04-02", "支委会"),
        },
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_quoted_year_is_named_on_every_command(tmp_path: Path, command: str) -> None:
    root = site(tmp_path / "s", '      year: "2024"\n')
    extra = ["-o", str(tmp_path / "boards")] if command == "boards" else []
    code, out, err = run_cli(command, str(root), *extra)
    said = out + err
    assert code == 1, said
    assert 'mkdocs.yml:7: 插件 showcase 的选项 year 应为整数年份，如 2024（实际是 "2024"）' in said
    assert "Traceback" not in said and "Aborted" not in said
    assert not (root / "site").exists()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("      year: true\n", "选项 year 应为整数年份，如 2024（实际是 true）"),
        (
            '      as_of: "2025-13-40"\n',
            '选项 as_of 应为日期，如 2025-01-15（实际是 "2025-13-40"）',
        ),
        ("      search: 1\n", "选项 search 应为 true 或 false（实际是 1）"),
        ("      branches: [a, b]\n", "选项 branches 应为相对于 mkdocs.yml 的路径"),
        ("      yaer: 2024\n", "插件 showcase 没有选项 yaer"),
        (
            '      max_image_megapixels: "many"\n',
            '选项 max_image_megapixels 应为正数，如 50（实际是 "many"）',
        ),
    ],
    ids=["bool-year", "bad-date", "int-flag", "list-path", "unknown", "limit"],
)
def test_wrong_options_are_chinese_file_line_errors(
    tmp_path: Path, line: str, expected: str
) -> None:
    root = site(tmp_path / "s", line)
    for command in ("check", "export"):
        code, out, err = run_cli(command, str(root))
        assert code == 1
        line_no = 6 if "search:" in line else 7
        said = out + err
        assert (
            f"mkdocs.yml:{line_no}: 插件 showcase 的{expected}" in said
            or f"mkdocs.yml:{line_no}: {expected}" in said
        ), said
        assert "Traceback" not in out + err


def test_valid_options_still_work(tmp_path: Path) -> None:
    root = site(tmp_path / "s", "      year: 2024\n      as_of: 2025-01-15\n")
    code, out, err = run_cli("export", str(root))
    assert code == 0, err
    assert '"year": 2024' in out and '"as_of": "2025-01-15"' in out


def test_mkdocs_own_config_error_shows_its_reason_on_build(tmp_path: Path) -> None:
    root = site(tmp_path / "s", "")
    cfg = root / "mkdocs.yml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace(
            "theme: {name: material, language: zh}", "theme: 42"
        ),
        encoding="utf-8",
    )
    code, out, err = run_cli("build", str(root))
    assert code == 1
    assert "mkdocs.yml: 配置项 theme 有误：" in err, err
    assert "Aborted with a configuration error!" not in out + err


def test_bad_as_of_flag_is_named(tmp_path: Path) -> None:
    root = site(tmp_path / "s", "")
    code, out, err = run_cli("export", str(root), "--as-of", "2025-02-30")
    assert code == 1
    assert "--as-of" in err and "不是有效日期" in err


@pytest.mark.parametrize("year", ["0", "-5", "1899", "99999"])
def test_a_year_no_one_means_is_a_chinese_error(good_site: Path, year: str) -> None:
    for command in (("export", "--format", "json"), ("boards", "--dpi", "20")):
        code, out, err = run_cli(command[0], str(good_site), *command[1:], "--year", year)
        assert code == 1 and "Traceback" not in err, err
        assert f"--year: 评定年度 {year} 无效" in err, err


@pytest.mark.parametrize("epoch", ["99999999999999", "abc", "-1"])
def test_a_source_date_epoch_past_any_date_is_ignored(
    good_site: Path, epoch: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    code, out, err = run_cli("check", str(good_site))
    assert code == 0 and "Traceback" not in err, err
