"""Click's own usage errors (a missing option, an unknown command, a value not among the
choices) in Chinese, as every other message of the tool is: an officer who mistypes
`showcase import member …` reads what is wrong, not Click's English."""

from __future__ import annotations

import difflib
import re
from typing import IO, Any

import click

# Click's messages (click/core.py, parser.py, types.py) -> ours; the first that matches.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), text)
    for pattern, text in (
        (r"Missing option '(?P<a>[^']+)'.*", "缺少选项 {a}"),
        (r"Missing argument '(?P<a>[^']+)'.*", "缺少参数 {a}"),
        (
            r"No such option:? '?(?P<a>[^'\s]+?)'?\.? \(?Did you mean one of: (?P<b>.+?)\?\)?",
            "没有选项 {a}，是不是 {b} 之一？",
        ),
        (
            r"No such option:? '?(?P<a>[^'\s]+?)'?\.? \(?Did you mean (?P<b>[^?]+?)\?\)?",
            "没有选项 {a}，是不是 {b}？",
        ),
        (r"No such option:? '?(?P<a>[^'\s]+?)'?\.?", "没有选项 {a}"),
        (r"No such command '(?P<a>[^']+)'.*", "没有命令 {a}"),
        (
            r"Invalid value for '(?P<a>[^']+)': '(?P<b>[^']*)' is not one of (?P<c>.+)\.",
            '{a} 的值 "{b}" 无效，应为 {c} 之一',
        ),
        (
            r"Invalid value for '(?P<a>[^']+)': '?(?P<b>[^']*?)'? is not a valid (integer|float)\.",
            '{a} 的值 "{b}" 不是数字',
        ),
        (
            r"Invalid value for '(?P<a>[^']+)': (?P<b>\S+) is not in the range (?P<c>.+)\.",
            "{a} 的值 {b} 超出范围（{c}）",
        ),
        (r"Option '(?P<a>[^']+)' requires an argument\.", "选项 {a} 需要一个值"),
        (r"Got unexpected extra arguments? \((?P<a>.+)\)", "多余的参数：{a}"),
    )
)


def chinese(message: str) -> str:
    """A Click usage message in Chinese; one we have no rule for is kept as it is."""
    for pattern, text in _RULES:
        found = pattern.fullmatch(message.strip())
        if found:
            parts = {
                k: re.sub(r"'([^']*)'", r"\1", v).replace(", ", "、")
                for k, v in found.groupdict().items()
            }
            return text.format(**parts)
    return message


class ChineseUsageError(click.UsageError):
    """Shown by Click as usage, where to find help, and the error, all in Chinese."""

    def show(self, file: IO[Any] | None = None) -> None:
        ctx = self.ctx
        if ctx is not None:
            click.echo(f"用法：{ctx.get_usage().removeprefix('Usage: ')}", err=True)
            click.echo(f"查看帮助：{ctx.command_path} -h", err=True)
        click.echo(f"错误：{self.format_message()}", err=True)


class ShowcaseGroup(click.Group):
    """The `showcase` group: usage errors of the group and of its commands in Chinese."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise ChineseUsageError(chinese(exc.format_message()), exc.ctx or ctx) from None

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            known = self.list_commands(ctx)
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"，是不是 {close[0]}？" if close else f"（可用的命令：{'、'.join(known)}）"
            raise ChineseUsageError(f"没有命令 {name}{hint}", ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ChineseUsageError:
            raise
        except click.UsageError as exc:
            raise ChineseUsageError(chinese(exc.format_message()), exc.ctx or ctx) from None
