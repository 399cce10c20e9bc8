"""Reading user files: UTF-8 text, YAML documents and Markdown front matter, with located errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.load.reading import DEFAULT_LIMITS, Limits, ReadRefused, read_user_bytes
from generator.load.yamlsrc import Located, YamlProblem, parse_yaml
from generator.problems import Problem


class FileProblem(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def read_text(
    path: Path, shown: str, root: Path | None = None, limits: Limits = DEFAULT_LIMITS
) -> str:
    """Read UTF-8 text (BOM tolerated) of a regular file inside `root` (default: its own
    folder), under the text size limit; a decoding error names the line of the bad byte."""
    try:
        raw = read_user_bytes(path, root or path.parent, limits.text_bytes)
    except ReadRefused as exc:
        raise FileProblem(Problem(shown, 0, exc.message)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FileProblem(Problem(shown, line, "文件不是 UTF-8 编码，请另存为 UTF-8")) from None


def strip_private(located: Located, shown: str) -> list[Problem]:
    """Drop every `private:` mapping in place, so private data never enters a model."""
    problems: list[Problem] = []

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        if isinstance(node, dict):
            if "private" in node:
                if not isinstance(node["private"], dict) and node["private"] is not None:
                    line = located.line_of((*path, "private"))
                    problems.append(Problem(shown, line, '字段 "private" 应为映射（键: 值）'))
                del node["private"]
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*path, i))

    walk(located.data, ())
    return problems


def load_yaml_file(
    path: Path, shown: str, root: Path | None = None, limits: Limits = DEFAULT_LIMITS
) -> Located:
    """Parse a YAML file; an empty file, bad syntax or a foreign tag is a FileProblem."""
    text = read_text(path, shown, root, limits)
    if not text.strip():
        raise FileProblem(Problem(shown, 1, "文件为空"))
    try:
        return parse_yaml(text)
    except YamlProblem as exc:
        raise FileProblem(Problem(shown, exc.line, exc.message)) from None


def load_markdown_file(
    path: Path, shown: str, root: Path | None = None, limits: Limits = DEFAULT_LIMITS
) -> tuple[Located, str]:
    """Split `---` front matter from the Markdown body; lines in the result count from the file top."""
    text = read_text(path, shown, root, limits)
    if not text.strip():
        raise FileProblem(Problem(shown, 1, "文件为空"))
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise FileProblem(Problem(shown, 1, "缺少开头的 YAML 头信息（第一行应为 ---）"))
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise FileProblem(Problem(shown, 1, "YAML 头信息没有结束（缺少第二个 ---）"))
    front = "".join(lines[1:end])
    if not front.strip():
        raise FileProblem(Problem(shown, 1, "YAML 头信息为空"))
    try:
        located = parse_yaml(front, line_offset=1)
    except YamlProblem as exc:
        raise FileProblem(Problem(shown, exc.line, exc.message)) from None
    problem = _body_problem(lines, end + 1)
    if problem:
        raise FileProblem(Problem(shown, *problem))
    return located, "".join(lines[end + 1 :]).strip("\n")


# Python-Markdown recurses once per level of nested lists and quotes (about 300 levels end in
# RecursionError) and scans for the closing bracket of every "[" (20 000 of them take minutes).
# No write-up of a meeting comes near these; a pasted dump can, and would stall the build.
MAX_BODY_NESTING = 30
MAX_BODY_BRACKETS = 1000
# Its block parser re-reads the rest of the text at every heading ("a\n=\n" × 16 000: 2 s,
# × 32 000: 10 s), and its inline HTML and autolink patterns re-scan at every "<" ("<a " ×
# 4 000: 2 s). A meeting's write-up has a few headings and hardly any "<".
MAX_BODY_HEADINGS = 300
MAX_BODY_ANGLES = 1000
# Invisible characters pasted from web pages or chat tools: C0 controls and DEL are parse
# errors in HTML, and the bidirectional overrides can make a line read other than it is.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_HEADING = re.compile(r" {0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$)")


def _body_problem(lines: list[str], first: int) -> tuple[int, str] | None:
    """The first line of a Markdown body that would stall or crash the renderer, or carry
    invisible characters into the page."""
    brackets = angles = headings = 0
    # one pass over the whole body in C; lines are searched only when something is there
    # (eighty thousand activity bodies are loaded at a thousand branches)
    invisible = _INVISIBLE.search("".join(lines[first:])) is not None
    for i in range(first, len(lines)):
        text = lines[i]
        stripped = text.lstrip(" \t>")
        prefix = text[: len(text) - len(stripped)]
        depth = prefix.count(">") + len(prefix.replace(">", "").expandtabs(4)) // 4
        if depth > MAX_BODY_NESTING:
            return (
                i + 1,
                f"正文嵌套层次过深（超过 {MAX_BODY_NESTING} 层的缩进或引用 >），请检查是否误粘贴",
            )
        found = _INVISIBLE.search(text) if invisible else None
        if found:
            return (
                i + 1,
                f"正文中有不可见的控制字符 U+{ord(found.group()):04X}（常见于从网页或其他软件复制的文字），请删除",
            )
        brackets += text.count("[")
        if brackets > MAX_BODY_BRACKETS:
            return i + 1, f"正文中的方括号“[”过多（超过 {MAX_BODY_BRACKETS} 个），请检查是否误粘贴"
        angles += text.count("<")
        if angles > MAX_BODY_ANGLES:
            return i + 1, f"正文中的尖括号“<”过多（超过 {MAX_BODY_ANGLES} 个），请检查是否误粘贴"
        if stripped[:1] in ("#", "=", "-") and _HEADING.match(stripped):
            headings += 1
            if headings > MAX_BODY_HEADINGS:
                return (
                    i + 1,
                    f"正文中的标题行过多（超过 {MAX_BODY_HEADINGS} 行以 # 开头或只有 = / - 的行），"
                    "请检查是否误粘贴",
                )
    return None
