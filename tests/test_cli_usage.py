"""Click's usage errors in Chinese, with a did-you-mean where one is close."""

from __future__ import annotations

import pytest

from conftest import run_cli


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["biuld"], "错误：没有命令 biuld，是不是 build？"),
        (["import", "members", "名册.xlsx"], "错误：缺少选项 --branch"),
        (
            ["import", "member", "名册.xlsx", "--branch", "x"],
            '错误：{members|activities|commitments|assessment} 的值 "member" 无效，'
            "应为 members、activities、commitments、assessment 之一",
        ),
        (["build", "--sitedir", "x"], "错误：没有选项 --sitedir，是不是 --site-dir？"),
        (["export", "--year", "abc"], '错误：--year 的值 "abc" 不是数字'),
        (["check", "a", "b"], "错误：多余的参数：b"),
        (["new", "brnach", "x"], "错误：没有命令 brnach"),
    ],
)
def test_usage_errors_are_chinese(args: list[str], said: str) -> None:
    code, out, err = run_cli(*args)
    assert code == 2, out + err
    assert said in err, err
    assert "Error:" not in err and "Usage:" not in err and "Traceback" not in err, err
    assert "用法：" in err and "查看帮助：" in err
