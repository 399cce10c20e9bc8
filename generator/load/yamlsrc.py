"""Safe YAML that remembers the line of every value, refuses duplicate keys and foreign tags.

We compose the node tree with PyYAML's safe loader and build plain Python values ourselves,
so that each value's path (("items", 3, "due")) maps to its source line. Validation errors
from pydantic carry such paths, which lets every message name file and line.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[Any, ...]

_STD = "tag:yaml.org,2002:"
# libyaml's parser when PyYAML was built with it: composing nodes is most of a build's
# loading time, and the C parser is about ten times faster with the same nodes and marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "binary")}


class YamlProblem(Exception):
    """A problem at a line of a YAML text (1-based line)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Located:
    """Parsed YAML data plus the 1-based line of each path in it."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    key_lines: dict[Path_, int] = field(default_factory=dict)
    line_offset: int = 0

    def line_of(self, path: Path_) -> int:
        """Line of the deepest known prefix of `path` (a missing field reports its parent).
        A key validated into text ("3", "2024") is also looked for as the number YAML read."""
        asked = tuple(path)
        numeric = tuple(int(k) if isinstance(k, str) and k.isdigit() else k for k in asked)
        depth, line = max(self._deepest(asked), self._deepest(numeric), key=lambda d: d[0])
        return line + self.line_offset

    def _deepest(self, p: Path_) -> tuple[int, int]:
        """(length, line) of the longest prefix of `p` with a known line."""
        while p:
            if p in self.key_lines:
                return len(p), self.key_lines[p]
            if p in self.lines:
                return len(p), self.lines[p]
            p = p[:-1]
        return 0, self.lines.get((), 1)


_STR = _STD + "str"


# What a message shows in place of a value under `private:`: a problem report is read on
# screens, pasted into chats and kept in CI logs, and the ID number must not travel with it.
HIDDEN = "（private: 中的值，不显示）"


def _scalar(loader: Any, node: yaml.ScalarNode, private: bool = False) -> Any:
    if node.tag == _STR:  # most values: the constructor would return node.value unchanged
        return node.value
    said = HIDDEN if private else node.value
    if node.tag == _STD + "timestamp":
        try:
            stamp = loader.construct_yaml_timestamp(node)
        except (ValueError, TypeError, AttributeError):  # !!timestamp on a non-date: None.groupdict
            raise YamlProblem(node.start_mark.line + 1, f"不是有效的日期: {said}") from None
        if not 1900 <= stamp.year <= 2999:  # 0001-01-01 or 9999-12-31 break date arithmetic later
            raise YamlProblem(
                node.start_mark.line + 1, f"日期 {said} 超出范围（应在 1900–2999 年之间）"
            )
        return stamp
    if node.tag not in _SCALAR_TAGS:
        raise YamlProblem(
            node.start_mark.line + 1, f"不支持的 YAML 标签 {node.tag!s}（只允许普通数据）"
        )
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, TypeError, KeyError, AttributeError, yaml.YAMLError):
        # a number of 5000 digits (Python refuses to convert it), `!!float abc`, bad base64,
        # `!!bool 司炉工` (PyYAML looks the word up in its table: KeyError)
        shown = said if len(said) <= 20 else said[:20] + "…"
        raise YamlProblem(
            node.start_mark.line + 1, f"无法识别的值 {shown}（数字过长，或与标签不符）"
        ) from None
    # Numbers a person means are small; a 0x… of 5000 digits cannot even be printed later, and
    # .inf or .nan would reach the JSON export as invalid tokens.
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 63:
        raise YamlProblem(node.start_mark.line + 1, "数字过大")
    if isinstance(value, float) and not math.isfinite(value):
        raise YamlProblem(node.start_mark.line + 1, f"数字无效：{said}")
    return value


# A branch file is a few levels deep (the rulebook's nested rules a few more); anything deeper
# is a mistake or an attack on the recursion below.
MAX_DEPTH = 40
# Values built by following YAML aliases (`*name`). A handful is normal (`<<: *defaults`); a
# "billion laughs" file of 1 KB asks for 9^9. Counting stops it before memory does.
MAX_ALIAS_VALUES = 10_000


class _Builder:
    """Builds plain values from a composed node tree, recording lines; aliases are counted
    and an alias of a value under `private:` used outside it is refused."""

    def __init__(self, loader: Any, out: Located):
        self.loader = loader
        self.out = out
        self.seen: set[int] = set()
        self.private: set[int] = set()  # nodes first built under a `private:` key
        self.aliased = 0

    def _line(self, node: yaml.Node, at: int, again: bool) -> int:
        """A node's own line, or the key's line for an alias (its mark is the anchor's)."""
        return at if again or id(node) in self.seen else node.start_mark.line + 1

    def build(
        self, node: yaml.Node, path: Path_, depth: int, at: int, aliased: bool, private: bool
    ) -> Any:
        """`at` is the line of the nearest key: an alias node only knows its anchor's line."""
        line = node.start_mark.line + 1
        if depth > MAX_DEPTH:
            raise YamlProblem(line, f"嵌套层次过深（超过 {MAX_DEPTH} 层），请检查括号或缩进")
        again = id(node) in self.seen
        if again and not private and id(node) in self.private:
            name = next((str(p) for p in reversed(path) if not isinstance(p, int)), "")
            raise YamlProblem(
                at,
                f'字段 "{name}" 用 YAML 别名（*）引用了 private: 中的值：私密信息不能出现在公开字段中',
            )
        if not again:
            self.seen.add(id(node))
            if private:
                self.private.add(id(node))
        aliased = aliased or again
        if aliased:
            self.aliased += 1
            if self.aliased > MAX_ALIAS_VALUES:
                raise YamlProblem(
                    at,
                    f"YAML 别名（*）展开后超过 {MAX_ALIAS_VALUES} 个值，疑似“别名炸弹”；"
                    "请直接写出内容，不要用 & 和 * 层层复制",
                )
        self.out.lines.setdefault(path, at if again else line)
        if isinstance(node, yaml.ScalarNode):
            return _scalar(self.loader, node, private)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _STD + "seq":
                raise YamlProblem(line, f"不支持的 YAML 标签 {node.tag}")
            return [
                self.build(
                    child, (*path, i), depth + 1, self._line(child, at, again), aliased, private
                )
                for i, child in enumerate(node.value)
            ]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _STD + "map":
                raise YamlProblem(line, f"不支持的 YAML 标签 {node.tag}")
            self.loader.flatten_mapping(node)  # resolves `<<` merge keys the way SafeLoader does
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise YamlProblem(key_node.start_mark.line + 1, "映射的键必须是简单值")
                key = _scalar(self.loader, key_node)
                # A key means its text: `true:` / `on:` is no truth value (and True == 1 would
                # make `1:` and `true:` one key), nor is a date or 1.5 anything but a name.
                if isinstance(key, (dt.date, float, bool)) or key is None:
                    key = key_node.value if key is not None else key
                # a key merged in by `<<: *x` lies before this mapping: report the mapping's line
                merged = key_node.start_mark.line < node.start_mark.line
                key_line = at if again or merged else key_node.start_mark.line + 1
                if key in result:
                    raise YamlProblem(key_line, f'重复的键 "{key}"')
                self.out.key_lines.setdefault((*path, key), key_line)
                result[key] = self.build(
                    value_node,
                    (*path, key),
                    depth + 1,
                    key_line,
                    aliased,
                    private or key == "private",
                )
            return result
        raise YamlProblem(line, "无法识别的 YAML 结构")  # pragma: no cover


_KEY_FULLWIDTH_COLON = re.compile(r"^\s*(?:-\s+)?([^\s#'\"\[\]{}:：][^:：#'\"]*?)\s*：")


def _likely_cause(lines: list[str], first: int, last: int) -> tuple[int, str] | None:
    """The officer's usual slips on lines first..last (1-based), nearest to `last` first:
    libyaml notices a full-width colon only on a later line, and calls it something else."""
    for n in range(min(last, len(lines)), max(first, 1) - 1, -1):
        text = lines[n - 1]
        indent = text[: len(text) - len(text.lstrip(" \t"))]
        if "\t" in indent:
            return n, "这一行用了 Tab 缩进；YAML 只能用空格缩进，请把 Tab 换成空格"
        found = _KEY_FULLWIDTH_COLON.match(text)
        if found:
            return n, f"“{found.group(1)}”后面用了中文冒号“：”，请改为英文冒号加空格“: ”"
    return None


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """A Chinese message at the line where the mistake was made, not where libyaml noticed."""
    problem, context = exc.problem or "", exc.context or ""
    pline = exc.problem_mark.line + 1 if exc.problem_mark else None
    cline = exc.context_mark.line + 1 if exc.context_mark else None
    line = pline or cline or 1
    lines = text.splitlines()
    if "tab" in problem or "'\\t'" in problem:
        return line, "这一行用了 Tab 缩进；YAML 只能用空格缩进，请把 Tab 换成空格"
    guess = _likely_cause(lines, min(line, cline or line) - 2, line)
    if guess:
        return guess
    if "escape character" in problem:
        return line, "双引号中的反斜杠“\\”写法无效：路径请用“/”，或改用单引号"
    if "quoted scalar" in context:
        return cline or line, "引号没有闭合：这一行开始的引号缺少配对的结束引号"
    if "flow sequence" in context:
        return cline or line, "方括号“[”没有闭合，或列表项之间缺少英文逗号“,”"
    if "flow mapping" in context:
        return cline or line, "花括号“{”没有闭合，或各项之间缺少英文逗号“,”"
    if "could not find expected ':'" in problem:
        return cline or line, "缺少英文冒号：键和值之间要用英文冒号加空格，如 name: 王强"
    if "mapping values are not allowed" in problem:
        return (
            line,
            '这一行有多余的冒号“: ”；值里含有冒号时请给整个值加引号，如 title: "主题: 不忘初心"',
        )
    if "expected '-' indicator" in problem:
        return line, "列表缩进不一致：同一列表的各项“- ”应上下对齐"
    if "expected key" in problem or "expected <block end>" in problem:
        return line, "缩进不一致：这一行与上面同一层的行没有对齐（只能用空格，每层通常 2 个）"
    if "undefined alias" in problem:
        return line, "用到的别名（*名称）没有对应的锚点（&名称）"
    if "expected a single document" in context or "another document" in problem:
        return line, "一个文件只能有一个 YAML 文档（多了一行 ---）"
    if "cannot start any token" in problem:
        return line, "值不能以 @、` 或 % 开头，请给整个值加引号"
    if "control characters" in problem or "special characters" in problem:
        return line, "文件中有不可见的控制字符，请删除（常见于从网页或其他软件复制的文字）"
    if "exceeded maximum nesting depth" in problem:
        return line, "括号嵌套层次过深"
    return line, f"无法解析（{problem or context or exc}）"


def parse_yaml(text: str, line_offset: int = 0) -> Located:
    """Parse one YAML document; raise YamlProblem with a 1-based line on any fault."""
    loader = _Loader(text)
    out = Located(data=None, line_offset=line_offset)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        line, message = _syntax_message(exc, text)
        raise YamlProblem(line + line_offset, f"YAML 语法错误：{message}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, at its position
        line = text.count("\n", 0, exc.position) + 1
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else ""
        raise YamlProblem(
            line + line_offset,
            f"YAML 语法错误：这一行有不可见的控制字符 {code}（常见于从网页或其他软件复制的文字），请删除",
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1 + line_offset, f"YAML 语法错误：无法解析（{exc}）") from None
    finally:
        loader.dispose()
    if node is None:
        return out
    try:
        out.data = _Builder(loader, out).build(node, (), 0, node.start_mark.line + 1, False, False)
    except YamlProblem as exc:
        raise YamlProblem(exc.line + line_offset, exc.message) from None
    except RecursionError:  # a deep block structure past MAX_DEPTH's own check cannot get here
        raise YamlProblem(1 + line_offset, "YAML 嵌套层次过深") from None
    return out
