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


def write_book(
    sheets: Iterable[tuple[str, Sequence[Sequence[Any]]]], title: str, when: dt.date
) -> bytes:
    """Each sheet: bold frozen header with an autofilter, columns sized to their content,
    shares as %, dates as dates, text always text (never a formula, URL or number)."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buf,
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
    bold = wb.add_format({"bold": True})
    pct = wb.add_format({"num_format": "0.0%"})
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets:
        ws = wb.add_worksheet(name)
        ncols = max((len(r) for r in rows), default=0)
        for c, width in enumerate(_widths(rows, ncols)):
            ws.set_column(c, c, width)
        ws.freeze_panes(1, 0)
        if ncols:
            ws.autofilter(0, 0, max(len(rows), 1) - 1, ncols - 1)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None:
                    continue
                if r == 0:
                    ws.write_string(r, c, _ILLEGAL.sub("", str(v)), bold)
                elif isinstance(v, Pct):
                    ws.write_number(r, c, float(v), pct)
                elif isinstance(v, dt.datetime):
                    ws.write_datetime(r, c, v, day)
                elif isinstance(v, dt.date):
                    ws.write_datetime(r, c, dt.datetime.combine(v, dt.time()), day)
                elif isinstance(v, bool):
                    ws.write_boolean(r, c, v)
                elif isinstance(v, int | float):
                    ws.write_number(r, c, v)
                else:
                    ws.write_string(r, c, _ILLEGAL.sub("", str(v)))
        del rows  # gone before the next sheet's rows are made (sheets may be a generator)
    moment = dt.datetime.combine(when, dt.time())
    wb.set_properties({"title": title, "author": "branch-showcase", "created": moment})
    wb.close()
    return buf.getvalue()
