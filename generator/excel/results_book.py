"""The reviewers' results workbook, written with XlsxWriter.

XlsxWriter streams rows (`constant_memory`) and writes a cell in about half of openpyxl's
write-only time; at a thousand branches the workbook has ~180,000 rows, so this is most of
an export. openpyxl stays for reading (the officers' import) and for the templates.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

import xlsxwriter

# Control characters XML 1.0 cannot hold; Excel refuses a file that has them.
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
MAX_WIDTH_ROWS = 2000  # column widths from the first rows: enough to size them, cheap at scale


class Pct(float):
    """A share in [0, 1], shown as a percentage in Excel (kept a number: it sorts and sums)."""


def _width(value: Any) -> float:
    """Display width of a cell in Excel's character units: CJK counts double."""
    if isinstance(value, dt.date):
        return 10
    text = str(value) if value is not None else ""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _widths(rows: Sequence[Sequence[Any]], ncols: int) -> list[float]:
    head = rows[:MAX_WIDTH_ROWS]
    return [
        min(max(max((_width(r[c]) for r in head if c < len(r)), default=0) + 2, 6), 60)
        for c in range(ncols)
    ]


class _Sheet:
    """A worksheet being filled: its first rows are kept until there are enough to size the
    columns, every later row goes straight to XlsxWriter's temporary file."""

    def __init__(self, ws: Any, formats: dict[str, Any], head: Sequence[Any]) -> None:
        self.ws, self.formats = ws, formats
        self.first: list[Sequence[Any]] | None = [head]
        self.count, self.ncols = 0, len(head)
        ws.freeze_panes(1, 0)

    def add(self, row: Sequence[Any]) -> None:
        self.ncols = max(self.ncols, len(row))
        if self.first is None:
            self._write(row)
            return
        self.first.append(row)
        if len(self.first) >= MAX_WIDTH_ROWS:
            self._size()

    def _size(self) -> None:
        first, self.first = self.first or [], None
        for c, width in enumerate(_widths(first, self.ncols)):
            self.ws.set_column(c, c, width)
        for row in first:
            self._write(row)

    def close(self) -> None:
        if self.first is not None:
            self._size()
        if self.ncols:
            self.ws.autofilter(0, 0, max(self.count, 1) - 1, self.ncols - 1)

    def _write(self, row: Sequence[Any]) -> None:
        ws, r, f = self.ws, self.count, self.formats
        self.count += 1
        for c, v in enumerate(row):
            if v is None:
                continue
            if r == 0:
                ws.write_string(r, c, _ILLEGAL.sub("", str(v)), f["bold"])
            elif isinstance(v, Pct):
                ws.write_number(r, c, float(v), f["pct"])
            elif isinstance(v, dt.datetime):
                ws.write_datetime(r, c, v, f["day"])
            elif isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(v, dt.time()), f["day"])
            elif isinstance(v, bool):
                ws.write_boolean(r, c, v)
            elif isinstance(v, int | float):
                ws.write_number(r, c, v)
            else:
                ws.write_string(r, c, _ILLEGAL.sub("", str(v)))


class _Book:
    def __init__(self) -> None:
        self.buf = io.BytesIO()
        self.wb = xlsxwriter.Workbook(
            self.buf,
            {
                # Rows go to a temporary file as they are written (XlsxWriter's in_memory
                # option would keep every row: ~400 MB at a thousand branches). From those
                # files XlsxWriter zips every entry with one fixed date (1980-01-31), so the
                # bytes depend on the data only; rewriting the archive (as this once did) read
                # each sheet whole, uncompressed: ~150 MB for the items sheet at that scale.
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        wb = self.wb
        self.formats = {
            "bold": wb.add_format({"bold": True}),
            "pct": wb.add_format({"num_format": "0.0%"}),
            "day": wb.add_format({"num_format": "yyyy-mm-dd"}),
        }
        self.sheets: list[_Sheet] = []

    def add_sheet(self, name: str, head: Sequence[Any]) -> _Sheet:
        self.sheets.append(_Sheet(self.wb.add_worksheet(name), self.formats, head))
        return self.sheets[-1]

    def close(self, title: str, when: dt.date) -> bytes:
        for sheet in self.sheets:
            sheet.close()
        moment = dt.datetime.combine(when, dt.time())
        self.wb.set_properties({"title": title, "author": "branch-showcase", "created": moment})
        self.wb.close()
        return self.buf.getvalue()


def write_book_rows(
    heads: Sequence[tuple[str, Sequence[Any]]],
    rows: Iterable[tuple[int, Sequence[Any]]],
    title: str,
    when: dt.date,
) -> bytes:
    """Sheets named and headed by `heads`, filled from `rows`: (sheet number, row), the
    sheets' rows in any interleaving (a branch's rows of every sheet, then the next branch's),
    each sheet's in order. Bold frozen header with an autofilter, columns sized to their first
    rows, shares as %, dates as dates, text always text (never a formula, URL or number)."""
    book = _Book()
    sheets = [book.add_sheet(name, head) for name, head in heads]
    for i, row in rows:
        sheets[i].add(row)
    return book.close(title, when)


def write_book(
    sheets: Iterable[tuple[str, Sequence[Sequence[Any]]]], title: str, when: dt.date
) -> bytes:
    """Each sheet given whole (header first), one after another; as write_book_rows."""
    book = _Book()
    for name, rows in sheets:
        sheet = book.add_sheet(name, rows[0] if rows else [])
        for row in rows[1:]:
            sheet.add(row)
        del rows  # gone before the next sheet's rows are made (sheets may be a generator)
    return book.close(title, when)
