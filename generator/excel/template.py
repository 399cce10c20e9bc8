"""`showcase template KIND -o FILE.xlsx`: a workbook an officer fills in and `showcase import` reads."""

from __future__ import annotations

import io
from collections.abc import Sequence

from generator.excel.specs import KINDS, Column
from generator.models.records import COMMITMENT_KINDS

ROWS = 500  # rows prepared with formats and drop-down lists
RESULT_CHOICES = ("通过", "不通过", "不适用", "触发", "未触发")
IMPORT_HINT = {
    "members": "showcase import members 本文件.xlsx --branch 支部编号",
    "activities": "showcase import activities 本文件.xlsx --branch 支部编号",
    "commitments": "showcase import commitments 本文件.xlsx --branch 支部编号",
    "assessment": "showcase import assessment 本文件.xlsx --branch 支部编号",
}


def _choices(
    column: Column, kind: str, activity_types: Sequence[str], group_names: Sequence[str]
) -> Sequence[str]:
    if column.read == "type":
        return activity_types
    if column.read == "group":
        return group_names  # (承诺人 has no list: any member's name is valid there)
    if kind == "commitments" and column.key == "kind":
        return COMMITMENT_KINDS
    if column.read == "result":
        return RESULT_CHOICES
    return ()


def template_workbook(
    kind: str, activity_types: Sequence[str] = (), group_names: Sequence[str] = ()
) -> bytes:
    """The template as .xlsx bytes: a data sheet with Chinese headers, drop-down lists and
    date/text formats, and a 填写说明 sheet describing each column."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    spec = KINDS[kind]
    wb = Workbook()
    ws = wb.active
    ws.title = spec.title
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="B71C1C")
    for c, column in enumerate(spec.columns, start=1):
        cell = ws.cell(row=1, column=c, value=column.header)
        cell.font, cell.fill = head_font, head_fill
        cell.alignment = Alignment(horizontal="center")
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = (
            30 if column.key in ("body", "text", "participants") else 16
        )
        fmt = {"date": "yyyy-mm-dd", "phone": "@", "id_number": "@"}.get(column.read)
        if fmt:
            for r in range(2, ROWS + 2):
                ws.cell(row=r, column=c).number_format = fmt
        choices = _choices(column, kind, activity_types, group_names)
        formula = '"' + ",".join(choices) + '"'
        if choices and len(formula) <= 255:  # Excel's limit for an inline list
            dv = DataValidation(type="list", formula1=formula, allow_blank=not column.required)
            dv.error, dv.errorTitle = f"请从下拉列表中选择{column.header}", "输入无效"
            dv.prompt, dv.promptTitle = column.help, column.header
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}{ROWS + 1}")
    ws.freeze_panes = "A2"

    guide = wb.create_sheet("填写说明")
    guide.append([f"{spec.title} 填写说明"])
    guide["A1"].font = Font(bold=True, size=14)
    reads = {c.read for c in spec.columns}
    notes = [
        f"在“{spec.title}”工作表第 2 行起每行填写一条；表头文字不要改（可在表头上方加标题行，导入时会自动跳过）。",
        "下表“必填”一栏标有 * 的列必须填写。日期可写 2024-03-05、2024/3/5、2024年3月5日，或直接用 Excel 日期。",
    ]
    if reads & {"phone", "id_number"}:
        notes.append(
            "电话、身份证号所在列已设为“文本”格式：请勿改为数字格式，否则 Excel 会把 18 位身份证号的末几位变成 0、"
            "座机号丢掉开头的 0。"
        )
    if "group" in reads:
        notes.append("党小组可写名称（如 第一党小组）或编号（如 yizu），导入时统一写成编号。")
    notes.append(
        f"填好后运行：{IMPORT_HINT[kind]}（先显示将写入的内容；再次导入时与已有数据合并，"
        "改动已有条目需加 --force）。"
    )
    notes = [f"{n}. {text}" for n, text in enumerate(notes, start=1)]
    for line in notes:
        guide.append([line])
    guide.append([])
    guide.append(["列名", "必填", "说明", "示例", "也可写作"])
    for cell in guide[guide.max_row]:
        cell.font, cell.fill = head_font, head_fill
    for column in spec.columns:
        guide.append(
            [
                column.header,
                "*" if column.required else "",
                column.help
                + ("（不会公开）" if column.private and "公开" not in column.help else ""),
                column.example,
                "、".join(column.synonyms),
            ]
        )
    for letter, width in zip("ABCDE", (16, 6, 60, 24, 36), strict=True):
        guide.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
