"""The line-keeping YAML reader: values, lines, and refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.load.yamlsrc import YamlProblem, parse_yaml


def test_values_and_lines() -> None:
    doc = parse_yaml("name: 王强\nitems:\n  - {due: 2024-02-29}\n  - n: 3\n")
    assert doc.data == {"name": "王强", "items": [{"due": dt.date(2024, 2, 29)}, {"n": 3}]}
    assert doc.line_of(("name",)) == 1
    assert doc.line_of(("items", 0, "due")) == 3
    assert doc.line_of(("items", 1, "n")) == 4
    # a missing key reports the line of its nearest existing parent
    assert doc.line_of(("items", 1, "missing")) == 4


def test_line_offset_counts_from_file_top() -> None:
    doc = parse_yaml("a: 1\nb: 2\n", line_offset=1)
    assert doc.line_of(("b",)) == 3


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, '重复的键 "a"'),
        ("d: 2023-02-29\n", 1, "不是有效的日期"),
        ("x: 1\ny: !!python/object/apply:os.system [ls]\n", 2, "不支持的 YAML 标签"),
        ("x: !custom 3\n", 1, "不支持的 YAML 标签 !custom"),
        ("a: [1, 2\nb: 3\n", 1, "YAML 语法错误"),
        ("a:\n\t- 1\n", 2, "YAML 语法错误"),
        ("---\na: 1\n---\nb: 2\n", 3, "YAML 语法错误"),
    ],
)
def test_refusals_carry_lines(text: str, line: int, words: str) -> None:
    with pytest.raises(YamlProblem) as info:
        parse_yaml(text)
    assert info.value.line == line
    assert words in info.value.message


def test_numeric_keys_stay_numbers() -> None:
    doc = parse_yaml("2024:\n  B-01: {pass: true}\n")
    assert doc.data == {2024: {"B-01": {"pass": True}}}
    assert doc.line_of((2024, "B-01", "pass")) == 2


def test_empty_document() -> None:
    assert parse_yaml("# only a comment\n").data is None
