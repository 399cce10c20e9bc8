"""Find the table in an officer's workbook: the sheet, the header row under any title rows,
which columns are used or ignored, and the data rows with merged cells filled in."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.excel.cells import blank
from generator.excel.specs import Column, Kind, normalize_header
from generator.load.reading import DEFAULT_LIMITS, ReadRefused, read_user_bytes
from generator.problems import InputError, Problem

FOOTER_WORDS = (
    "合计",
    "小计",
    "总计",
    "注：",
    "注:",
    "说明：",
    "填表人",
    "制表人",
    "审核人",
    "填报人",
)
HEADER_SCAN = 15  # title and subtitle rows an officer puts above the header


@dataclass(frozen=True, order=True)
class RowProblem(Problem):
    """A problem in a workbook row: `名册.xlsx!Sheet1:R12: …` (R as Excel labels rows)."""

    def __str__(self) -> str:
        return f"{self.file}:R{self.line}: {self.message}"


@dataclass
class Row:
    number: int  # 1-based row number as Excel shows it
    values: dict[str, Any]  # column key -> raw cell value (blank cells left out)
    # The sub-heading row above it ("第一党小组" merged across the table), if any: a roster
    # grouped that way names each member's group once, above the group's rows.
    section: str | None = None


@dataclass
class Table:
    file: str  # the workbook as the user named it
    sheet: str
    header_row: int
    used: list[tuple[str, Column]] = field(default_factory=list)  # (header as written, column)
    ignored: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    hidden: list[int] = field(default_factory=list)  # rows hidden in Excel: not imported
    sections: list[tuple[int, str]] = field(default_factory=list)  # (row, sub-heading text)

    def problem(self, row: int, message: str) -> RowProblem:
        """A problem at a row, shown as `名册.xlsx!Sheet1:R12: …`."""
        return RowProblem(f"{self.file}!{self.sheet}", row, message)


def _match(kind: Kind, text: Any) -> Column | None:
    if blank(text):
        return None
    t = normalize_header(str(text))
    for column in kind.columns:
        if t in (normalize_header(h) for h in column.headers):
            return column
    return None


def _section_rows(ws: Any, columns: dict[int, Column]) -> dict[int, str]:
    """Rows (0-based) that are one text merged across two or more of the table's columns: a
    sub-heading such as "第一党小组" inside the table, not a record."""
    found: dict[int, str] = {}
    for rng in ws.merged_cells.ranges:
        spanned = [c for c in columns if rng.min_col - 1 <= c <= rng.max_col - 1]
        if rng.min_row == rng.max_row and len(spanned) >= 2:
            value = ws.cell(rng.min_row, rng.min_col).value
            if not blank(value):
                found[rng.min_row - 1] = str(value).strip()
    return found


def _hidden_rows(ws: Any) -> set[int]:
    """Rows (1-based) hidden in Excel, by hand or by a filter: officers hide members who have
    transferred out rather than delete them."""
    return {n for n, dim in ws.row_dimensions.items() if dim.hidden}


def _grid(ws: Any) -> list[list[Any]]:
    """The sheet's values with every merged range filled by its top-left value, so a group
    name merged down over five members' rows belongs to each of them."""
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    for rng in ws.merged_cells.ranges:
        top = grid[rng.min_row - 1][rng.min_col - 1] if rng.min_row - 1 < len(grid) else None
        for r in range(rng.min_row - 1, min(rng.max_row, len(grid))):
            row = grid[r]
            row.extend([None] * (rng.max_col - len(row)))
            for c in range(rng.min_col - 1, rng.max_col):
                row[c] = top
    return grid


def _header(kind: Kind, grid: list[list[Any]]) -> tuple[int, dict[int, Column]] | None:
    best: tuple[int, dict[int, Column]] | None = None
    for r, row in enumerate(grid[:HEADER_SCAN]):
        found: dict[int, Column] = {}
        for c, value in enumerate(row):
            column = _match(kind, value)
            if column is not None and column not in found.values():
                found[c] = column
        required = all(col in found.values() for col in kind.columns if col.required)
        if required and (best is None or len(found) > len(best[1])):
            best = (r, found)
    return best


def read_table(
    path: Path, shown: str, kind: Kind, limit: int = DEFAULT_LIMITS.workbook_bytes
) -> Table:
    """The first sheet with a header row for `kind`; InputError when there is none."""
    import io

    from openpyxl import load_workbook

    try:
        # The reading layer: a regular file only (never a FIFO that hangs), at most `limit` bytes.
        data = read_user_bytes(path, path.resolve().parent, limit)
    except ReadRefused as exc:
        raise InputError([Problem(shown, 0, exc.message)]) from None
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not an .xlsx workbook
        raise InputError(
            [
                Problem(
                    shown,
                    0,
                    "无法读取：不是 .xlsx 格式的 Excel 文件（.xls 请先在 Excel 中另存为 .xlsx）",
                )
            ]
        ) from None
    try:
        for ws in wb.worksheets:
            grid = _grid(ws)
            found = _header(kind, grid)
            if found is None:
                continue
            r, columns = found
            table = Table(shown, ws.title, r + 1)
            header = grid[r]
            for c, value in enumerate(header):
                if c in columns:
                    table.used.append((normalize_header(str(value)), columns[c]))
                elif not blank(value):
                    table.ignored.append(str(value).strip())
            title_values = {v for v in header if not blank(v)}
            sections, hidden = _section_rows(ws, columns), _hidden_rows(ws)
            section: str | None = None
            for n, row in enumerate(grid[r + 1 :], start=r + 2):
                if n in hidden:
                    if any(not blank(v) for v in row):
                        table.hidden.append(n)
                    continue
                if n - 1 in sections:
                    if not sections[n - 1].startswith(FOOTER_WORDS):
                        section = sections[n - 1]
                        table.sections.append((n, section))
                    continue
                values = {
                    columns[c].key: v for c, v in enumerate(row) if c in columns and not blank(v)
                }
                if not values or set(map(str, values.values())) <= set(map(str, title_values)):
                    continue  # blank rows, and a header repeated on a printed page
                first = next((str(v).strip() for v in row if not blank(v)), "")
                if first.startswith(FOOTER_WORDS):
                    continue  # 合计 / 填表人：… lines under the table
                table.rows.append(Row(n, values, section))
            return table
    finally:
        wb.close()
    required = "、".join(c.header for c in kind.columns if c.required)
    known = "；".join(
        f"{c.header}（也可写 {'/'.join(c.synonyms)}）" if c.synonyms else c.header
        for c in kind.columns
    )
    raise InputError(
        [
            Problem(
                shown,
                0,
                f"找不到{kind.title}的表头：前 {HEADER_SCAN} 行中没有同时含有 {required} 的一行。可识别的列：{known}",
            )
        ]
    )
