"""Horizontal bar charts drawn on the server as SVG (no JavaScript, no library).

``bar_chart`` returns the geometry; templates/events/includes/bar_chart.html draws it with
role="img", <title> and <desc>, and the page prints the same rows as a data table.
Colours are presentation attributes, which the site's CSP allows (inline styles are not).
"""

from django.utils.formats import number_format
from django.utils.text import Truncator

WIDTH = 640
LABEL_WIDTH = 210
VALUE_WIDTH = 70
ROW_HEIGHT = 30
BAR_HEIGHT = 18
PADDING = 8
BAR_COLOUR = "#6b1f5c"
TEXT_COLOUR = "#1d1b20"


def number(value):
    return number_format(value or 0, decimal_pos=0, force_grouping=True)


def bar_chart(chart_id, title, description, rows):
    """rows: [{"label": str, "value": int}, …] in display order."""
    bar_space = WIDTH - LABEL_WIDTH - VALUE_WIDTH - PADDING
    top = max((row["value"] for row in rows), default=0)
    bars = []
    for i, row in enumerate(rows):
        y = PADDING + i * ROW_HEIGHT
        width = round(bar_space * row["value"] / top, 1) if top else 0
        bars.append(
            {
                "label": row["label"],
                "short_label": Truncator(str(row["label"])).chars(30),
                "value": row["value"],
                "display": number(row["value"]),
                "y": y,
                "text_y": y + BAR_HEIGHT - 4,
                "width": width,
                "value_x": LABEL_WIDTH + width + 6,
            }
        )
    return {
        "id": chart_id,
        "title": title,
        "description": description,
        "bars": bars,
        "width": WIDTH,
        "height": PADDING * 2 + max(len(rows), 1) * ROW_HEIGHT,
        "label_x": LABEL_WIDTH - 8,
        "bar_x": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "colour": BAR_COLOUR,
        "text_colour": TEXT_COLOUR,
        "total": sum(row["value"] for row in rows),
        "empty": not any(row["value"] for row in rows),
    }
