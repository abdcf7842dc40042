"""One rule for every cell a spreadsheet may open (the results exports, the directory CSV,
the admin's company export): text must stay text.

A cell starting with =, +, - or @ (or a tab, CR or LF, which some programs skip before
reading one of those) is run as a formula by Excel and LibreOffice: it gets a leading
apostrophe, the usual "this is text" mark. Real numbers (and text that is only a number,
such as a negative longitude) cannot be formulas and stay as they are, so they still
re-import. Characters an XLSX file cannot hold are dropped.
"""

import csv
import decimal
import re

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value):
    """A value for a CSV or XLSX cell that no spreadsheet program runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | decimal.Decimal):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if text.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


class _Echo:
    """A file that hands back what csv.writer writes, so rows can be streamed."""

    def write(self, value):
        return value


def csv_lines(rows):
    """A streamed CSV file of `rows`: a UTF-8 BOM (so spreadsheet programs read UTF-8),
    then each row as one line, every cell through safe_cell."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])
