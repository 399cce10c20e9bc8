"""Reading one Excel cell the way an officer meant it: dates in Chinese forms, numbers as text.

Each reader takes the raw cell value (what openpyxl gives: str, int, float, datetime, bool)
and returns the value for the data file, or raises CellError with a Chinese message.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any


class CellError(ValueError):
    """A cell that cannot be read; the message says why and what to write instead."""


DATE_EXAMPLE = "如 2003-07-01、2003年7月1日、2003/7/1"
_DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
# Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was, hence 1899-12-30.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Every date in the data is on or after the Party's founding (入党、活动、承诺): a number that
# counts to an earlier day is not a date cell shown as a number but a year (1998 → 1905-06-20)
# or some other figure typed into the date column.
_FIRST_SERIAL = (dt.date(1921, 1, 1) - _EXCEL_EPOCH).days
_LAST_SERIAL = (dt.date(2099, 12, 31) - _EXCEL_EPOCH).days


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_date(value: Any) -> dt.date:
    """A date from an Excel date, a serial number shown as a number, or text in common forms."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and _FIRST_SERIAL <= value <= _LAST_SERIAL:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))  # a date cell shown as a number
        text = str(int(value)) if float(value).is_integer() else str(value)
        if re.fullmatch(r"(19|20)\d\d", text):
            raise CellError(f'"{text}" 只有年份，请写到日（{DATE_EXAMPLE}）')
        if not _DATE_COMPACT.fullmatch(text):
            raise CellError(f'"{text}" 是一个数字，不是日期（{DATE_EXAMPLE}）')
    else:
        text = str(value).strip()
    found = _DATE_TEXT.fullmatch(text) or _DATE_COMPACT.fullmatch(text)
    if found is None:
        if re.fullmatch(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*月?", text):
            raise CellError(f'"{text}" 只有年月，请写到日（{DATE_EXAMPLE}）')
        raise CellError(f'"{text}" 不是日期（{DATE_EXAMPLE}）')
    year, month, day = (int(g) for g in found.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(f'"{text}" 不是存在的日期（{year} 年 {month} 月没有 {day} 日）') from None


def read_text(value: Any) -> str:
    """Text as shown: a whole number stored as a number loses its ".0"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def read_list(value: Any) -> list[str]:
    """A list in one cell, separated by 、 ， , ； ; or spaces."""
    return [p for p in re.split(r"[、，,；;\s]+", read_text(value)) if p]


_CJK = r"[\u3400-\u9fff\uf900-\ufaff]"
_SPACE_IN_NAME = re.compile(rf"(?<={_CJK})\s+(?={_CJK})")


def read_name(value: Any) -> str:
    """A person's name: rosters pad two-character names to three (李　娜, 王 刚), and the
    padding is not part of the name; spaces between Latin letters stay (Zhang San)."""
    return _SPACE_IN_NAME.sub("", read_text(value))


def read_names(value: Any) -> list[str]:
    """Names separated by 、 ， , ； ; — or by spaces between Chinese names, unless splitting
    at a space would leave a one-character "name": then the space was padding inside a name
    (李　娜、王 刚). A part without Chinese characters is one name (Zhang San)."""
    names: list[str] = []
    for part in re.split(r"[、，,；;]+", read_text(value)):
        words = part.split()
        if not re.search(_CJK, part):
            names.append(" ".join(words))
        elif any(len(w) == 1 and re.fullmatch(_CJK, w) for w in words):
            names.append(read_name(part))
        else:
            names += words
    return [n for n in names if n]


def read_int(value: Any) -> int:
    if isinstance(value, bool):
        raise CellError(f'"{value}" 不是整数')
    if isinstance(value, (int, float)) and float(value).is_integer():
        return int(value)
    text = read_text(value).rstrip("人名次")
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise CellError(f'"{read_text(value)}" 不是整数（如 16）')


def read_number(value: Any) -> int | float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() else value
    text = read_text(value).replace("分", "")
    try:
        number = float(text)
    except ValueError:
        raise CellError(f'"{read_text(value)}" 不是数字（如 2 或 -1.5）') from None
    return int(number) if number.is_integer() else number


# Significant digits Excel keeps in a number: a longer number typed into a number cell was
# rounded before it ever reached the file.
EXCEL_DIGITS = 15


def read_digits(value: Any, what: str) -> str:
    """A phone or other number kept as its exact digits (never '1.38e+10')."""
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(f'{what} "{value}" 不是整数')
        digits = str(int(value))
        if len(digits.lstrip("-")) > EXCEL_DIGITS:
            raise CellError(
                f"{what}以数字形式保存，Excel 只保留 15 位有效数字，末几位已丢失（现为 {digits}）；"
                "请把该列设为“文本”格式后重新输入"
            )
        return digits
    return read_text(value)


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_checksum_ok(number: str) -> bool:
    """GB 11643 check digit of an 18-character ID number."""
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17]


def read_id_number(value: Any) -> str:
    """An ID number (身份证号). Stored as a number it has usually lost its last digits
    (Excel keeps 15): that is reported, never written as a wrong number."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        digits = read_digits(value, "身份证号")
        if len(digits) == 18 and not id_checksum_ok(digits):
            raise CellError(
                f"身份证号 {digits} 以数字形式保存且校验位不符，末几位可能已被 Excel 改为 0；"
                "请把该列设为“文本”格式后重新输入"
            )
        return digits
    number = "".join(read_text(value).split()).upper()
    if re.fullmatch(r"\d{15}", number):  # a first-generation card: 15 digits, no check digit
        return number
    if not re.fullmatch(r"\d{17}[\dX]", number):
        raise CellError(
            f'身份证号 "{read_text(value)}" 应为 18 位：17 位数字加 1 位数字或 X'
            "（请检查是否多打、少打，或把字母 O、l 当成了数字）"
        )
    if not id_checksum_ok(number):
        raise CellError(
            f"身份证号 {number} 的校验位（最后一位）不符，可能有一位抄错，或末几位已被 Excel 改为 0；"
            "请与证件核对"
        )
    return number


# 手机 1xx xxxx xxxx; 座机 with its 区号 (0 + 2–3 digits, then 7–8), or a local 7–8 digit
# number; an extension after 转 / - / # is kept as written.
_PHONE = re.compile(r"(1\d{10}|0\d{2,3}-?\d{7,8}|\d{7,8})((转|-|#|ext\.?)\d{1,6})?")


def read_phone(value: Any) -> str:
    """A phone number as its digits; a number that lost its leading 0 (a 座机 typed into a
    number cell) or a digit is reported, not written."""
    text = read_digits(value, "联系电话")
    compact = re.sub(r"[\s()（）]+", "", text)
    compact = re.sub(r"^(\+?86)(?=1\d{10}$)", "", compact)
    if not _PHONE.fullmatch(compact):
        lost_zero = isinstance(value, (int, float)) and len(compact) in (9, 10, 11)
        raise CellError(
            f'联系电话 "{text}" 不是有效的号码：手机 11 位，座机请带区号（如 0551-62345678）'
            + (
                "；以数字保存的座机号会丢掉开头的 0，请把该列设为“文本”格式后重新输入"
                if lost_zero
                else ""
            )
        )
    return compact
