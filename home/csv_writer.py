"""The CSV files the portal hands out (follow-up table, open-data exports), written for
spreadsheets set to French: UTF-8 with a byte order mark (Excel then reads accents
correctly; LibreOffice too), « ; » as separator (the French list separator, so Excel splits
the columns on double-click), CRLF line ends."""

import csv
import io

from django.http import HttpResponse

DELIMITER = ";"
BOM = "\ufeff"


def safe_cell(text):
    """Spreadsheets run cells starting with = + - @ as formulas: neutralise them."""
    text = str(text or "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_bytes(header, rows):
    """``header`` and ``rows`` (lists of cells, already made safe) as the file's bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([str(label) for label in header])
    writer.writerows(rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def csv_response(header, rows, filename):
    response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
