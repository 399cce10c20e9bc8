"""Reading one Excel cell as the officer meant it."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.excel.cells import (
    CellError,
    read_date,
    read_digits,
    read_id_number,
    read_int,
    read_list,
)

D = dt.date(2003, 7, 1)


@pytest.mark.parametrize(
    "value",
    [
        "2003年7月1日",
        "2003年07月01日",
        "2003/7/1",
        "2003-7-1",
        "2003.7.1",
        "2003-07-01",
        " 2003 年 7 月 1 日 ",
        "20030701",
        20030701,
        37803,
        dt.datetime(2003, 7, 1, 0, 0),
        D,
    ],
)
def test_dates_in_the_forms_officers_write(value: object) -> None:
    assert read_date(value) == D


@pytest.mark.parametrize(
    ("value", "words"),
    [("2003年7月", "只有年月"), ("2003-2-30", "不是存在的日期"), ("七月一日", "不是日期")],
)
def test_bad_dates_say_why(value: str, words: str) -> None:
    with pytest.raises(CellError, match=words):
        read_date(value)


def test_numbers_kept_as_exact_text() -> None:
    assert read_digits(13800000001.0, "手机") == "13800000001"
    assert read_digits(13800000001, "手机") == "13800000001"
    assert read_digits("0551-62345678", "电话") == "0551-62345678"
    with pytest.raises(CellError, match="末几位已丢失"):
        read_id_number(3.401021975030212e17)
    with pytest.raises(CellError, match="校验位不符"):
        read_id_number(340102197503021000)  # an int Excel filled with zeros
    assert (
        read_id_number(110105198001010016) == "110105198001010016"
    )  # an exact int with a valid check digit
    assert read_id_number("11010519491231002x") == "11010519491231002X"


def test_lists_and_counts() -> None:
    assert read_list("王强、赵磊，李华, 孙丽；周敏") == ["王强", "赵磊", "李华", "孙丽", "周敏"]
    assert read_int("16人") == 16 and read_int(16.0) == 16
    with pytest.raises(CellError):
        read_int("十六")
