"""The CSV files the portal hands out (follow-up table, open-data exports), written for
spreadsheets set to French: UTF-8 with a byte order mark (Excel then reads accents
correctly; LibreOffice too), « ; » as separator (the French list separator, so Excel splits
the columns on double-click), CRLF line ends."""

import csv

from django.http import HttpResponse

DELIMITER = ";"
BOM = "\ufeff"


def safe_cell(text):
    """Spreadsheets run cells starting with = + - @ as formulas: neutralise them."""
    text = str(text or "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_bytes(header, rows):
    """``header`` and ``rows`` (lists of cells, already made safe) as the file's bytes."""
    return b"".join(csv_chunks(header, rows))


def csv_response(header, rows, filename):
    response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Echo:
    """csv.writer's file: ``writerow`` returns the line instead of keeping it."""

    def write(self, value):
        return value


def csv_chunks(header, rows, chunk_size=64 * 1024):
    """``header`` and ``rows`` (lists of cells, already made safe) as the file's bytes, in
    pieces of about ``chunk_size`` bytes: the rows are read one at a time and never all held
    (a streamed answer; ``csv_bytes`` joins them)."""
    writer = csv.writer(_Echo(), delimiter=DELIMITER, lineterminator="\r\n")
    piece = [BOM + writer.writerow([str(label) for label in header])]
    size = 0
    for row in rows:
        line = writer.writerow(row)
        piece.append(line)
        size += len(line)
        if size >= chunk_size:
            yield "".join(piece).encode("utf-8")
            piece, size = [], 0
    if piece:
        yield "".join(piece).encode("utf-8")
