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
        ("a: 1\nb: 2\nc: x\x00y\n", 3, "不可见的控制字符 U+0000"),
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


def _bomb(levels: int = 9) -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_at_a_line() -> None:
    with pytest.raises(YamlProblem) as info:
        parse_yaml(_bomb())
    assert "别名（*）展开后超过" in info.value.message
    assert 1 < info.value.line <= 9


def test_alias_bomb_under_private_is_refused_too() -> None:
    text = "name: x\nprivate:\n" + "".join(f"  {line}\n" for line in _bomb().splitlines())
    with pytest.raises(YamlProblem, match="别名（\\*）展开后超过"):
        parse_yaml(text)


def test_a_few_aliases_and_merge_keys_still_work() -> None:
    doc = parse_yaml("d: &d {a: 1, b: 2}\nx:\n  <<: *d\n  c: 3\ny: [*d, *d]\n")
    assert doc.data["x"] == {"a": 1, "b": 2, "c": 3}
    assert doc.data["y"] == [{"a": 1, "b": 2}] * 2


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 900 + "]" * 900 + "\n",
        "".join("  " * i + f"k{i}:\n" for i in range(500)) + "  " * 500 + "v: 1\n",
    ],
)
def test_deep_nesting_is_an_error_not_a_recursion_error(text: str) -> None:
    with pytest.raises(YamlProblem, match="嵌套层次过深"):
        parse_yaml(text)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('private: {phone: &ph "13800000000"}\npost: *ph\n', 2),
        ("- name: a\n  private: {phone: &ph '138'}\n- name: b\n  roles: [x, *ph]\n", 4),
        ("- name: a\n  private:\n    card: &c {no: 1}\n- name: b\n  info: *c\n", 5),
        ('private: &p {phone: "138"}\ncontact:\n  <<: *p\n', 2),  # merged in by a merge key
    ],
)
def test_public_alias_of_a_private_value_is_an_error_at_its_line(text: str, line: int) -> None:
    with pytest.raises(YamlProblem) as info:
        parse_yaml(text)
    assert info.value.line == line
    assert "引用了 private: 中的值" in info.value.message


def test_private_may_alias_a_public_value() -> None:
    doc = parse_yaml("name: &n 王强\nprivate: {real: *n}\nalso: *n\n")
    assert doc.data == {"name": "王强", "private": {"real": "王强"}, "also": "王强"}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("- name: 王强\n  group: g1\n- name：赵磊\n  group: g1\n", 3, "“name”后面用了中文冒号“：”"),
        ("name: 支部\nslogan：口号\nunit: 单位\n", 2, "“slogan”后面用了中文冒号“：”"),
        ("- name: 王强\n\tgroup: g1\n", 2, "Tab 缩进"),
        ('- name: "王强\n  group: g1\n- name: x\n', 1, "引号没有闭合"),
        ("participants: [王强, 赵磊\ntype: 支委会\n", 1, "方括号“[”没有闭合"),
        ("a: {x: 1\nb: 2\n", 1, "花括号“{”没有闭合"),
        ("a:\n  b: 1\n c: 2\n", 3, "缩进不一致"),
        ("title: 主题: 不忘\n", 1, "值里含有冒号时请给整个值加引号"),
        ("a: *nowhere\n", 1, "没有对应的锚点"),
    ],
)
def test_syntax_errors_in_chinese_at_the_officers_line(text: str, line: int, words: str) -> None:
    with pytest.raises(YamlProblem) as info:
        parse_yaml(text)
    assert info.value.line == line
    assert info.value.message.startswith("YAML 语法错误：")
    assert words in info.value.message
    for english in ("expected", "found", "could not", "while", "allowed"):  # libyaml's own words
        assert english not in info.value.message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: " + "1" * 5000 + "\n", "无法识别的值"),  # Python refuses to convert 5000 digits
        ("a: 0x" + "f" * 5000 + "\n", "数字过大"),  # converts, but could never be printed
        ("a: 99999999999999999999\n", "数字过大"),
        ("a: .nan\n", "数字无效"),
        ("a: -.inf\n", "数字无效"),
        ("a: !!float abc\n", "无法识别的值 abc"),
    ],
)
def test_numbers_a_person_cannot_mean_are_refused(text: str, words: str) -> None:
    with pytest.raises(YamlProblem) as info:
        parse_yaml(text)
    assert info.value.line == 1
    assert words in info.value.message


@pytest.mark.parametrize("text", ["a: 0001-01-01\n", "a: 9999-12-31\n"])
def test_dates_outside_the_years_a_person_means_are_refused(text: str) -> None:
    with pytest.raises(YamlProblem, match="超出范围"):
        parse_yaml(text)


@pytest.mark.parametrize(
    "text",
    [
        "post: !!bool 司炉工",  # PyYAML looks the word up: KeyError
        "phone: !!timestamp 13733334444",  # no date pattern: AttributeError
        "joined: !!timestamp 2024",
    ],
)
def test_scalar_tags_on_the_wrong_value_are_located_errors(text: str) -> None:
    with pytest.raises(YamlProblem) as exc:
        parse_yaml("name: 王强\n" + text + "\n")
    assert exc.value.line == 2


@pytest.mark.parametrize(
    "value",
    ["1980-02-30", "!!int 34010119800101123X", "!!timestamp 13733334444", ".nan", "0001-01-01"],
)
def test_a_message_about_a_private_value_does_not_show_it(value: str) -> None:
    """Problem reports end up on screens, in chats and CI logs: under private: they name the
    line, never the value."""
    with pytest.raises(YamlProblem) as exc:
        parse_yaml(f"name: 王强\nprivate:\n  secret: {value}\n")
    shown = value.split()[-1]
    assert exc.value.line == 3 and shown not in exc.value.message, exc.value.message
    assert "private" in exc.value.message


def test_a_backslash_in_double_quotes_is_named() -> None:
    with pytest.raises(YamlProblem) as exc:
        parse_yaml('name: 王强\nphoto: "photos\\wu.jpg"\n')
    assert exc.value.line == 2 and "反斜杠" in exc.value.message


def test_a_true_key_and_a_one_key_are_two_keys() -> None:
    """`1:` and `true:` are different keys as written (Python's True == 1 made them one, and
    the message said 重复的键 "True")."""
    data = parse_yaml("1: x\ntrue: z\non: y\n").data
    assert data == {1: "x", "true": "z", "on": "y"}


def test_a_key_validated_into_text_is_found_at_its_line() -> None:
    located = parse_yaml("2025:\n  3: {pass: true}\n  B-03: {pass: true}\n")
    assert located.line_of((2025, "3")) == 2 and located.line_of((2025, "B-03")) == 3
