"""Safe YAML that remembers the line of every value, refuses duplicate keys and foreign tags.

We compose the node tree with PyYAML's safe loader and build plain Python values ourselves,
so that each value's path (("items", 3, "due")) maps to its source line. Validation errors
from pydantic carry such paths, which lets every message name file and line.
"""

from __future__ import annotations

import datetime as dt
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
        """Line of the deepest known prefix of `path` (a missing field reports its parent)."""
        p = tuple(path)
        while p:
            if p in self.key_lines:
                return self.key_lines[p] + self.line_offset
            if p in self.lines:
                return self.lines[p] + self.line_offset
            p = p[:-1]
        return self.lines.get((), 1) + self.line_offset


_STR = _STD + "str"


def _scalar(loader: Any, node: yaml.ScalarNode) -> Any:
    if node.tag == _STR:  # most values: the constructor would return node.value unchanged
        return node.value
    if node.tag == _STD + "timestamp":
        try:
            return loader.construct_yaml_timestamp(node)
        except ValueError:
            raise YamlProblem(node.start_mark.line + 1, f"不是有效的日期: {node.value}") from None
    if node.tag not in _SCALAR_TAGS:
        raise YamlProblem(node.start_mark.line + 1, f"不支持的 YAML 标签 {node.tag!s}（只允许普通数据）")
    return loader.construct_object(node, deep=True)


def _build(loader: Any, node: yaml.Node, path: Path_, out: Located) -> Any:
    out.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        return _scalar(loader, node)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _STD + "seq":
            raise YamlProblem(node.start_mark.line + 1, f"不支持的 YAML 标签 {node.tag}")
        return [_build(loader, child, (*path, i), out) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        if node.tag != _STD + "map":
            raise YamlProblem(node.start_mark.line + 1, f"不支持的 YAML 标签 {node.tag}")
        loader.flatten_mapping(node)  # resolves `<<` merge keys the way SafeLoader does
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(key_node.start_mark.line + 1, "映射的键必须是简单值")
            key = _scalar(loader, key_node)
            if isinstance(key, (dt.date, float)) or key is None:
                key = key_node.value if key is not None else key
            if key in result:
                raise YamlProblem(key_node.start_mark.line + 1, f'重复的键 "{key}"')
            out.key_lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _build(loader, value_node, (*path, key), out)
        return result
    raise YamlProblem(node.start_mark.line + 1, "无法识别的 YAML 结构")  # pragma: no cover


def parse_yaml(text: str, line_offset: int = 0) -> Located:
    """Parse one YAML document; raise YamlProblem with a 1-based line on any fault."""
    loader = _Loader(text)
    out = Located(data=None, line_offset=line_offset)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1) if mark else 1
        raise YamlProblem(line + line_offset, f"YAML 语法错误: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1 + line_offset, f"YAML 语法错误: {exc}") from None
    finally:
        loader.dispose()
    if node is None:
        return out
    try:
        out.data = _build(loader, node, (), out)
    except YamlProblem as exc:
        raise YamlProblem(exc.line + line_offset, exc.message) from None
    return out
