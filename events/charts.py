"""Horizontal bar charts drawn on the server as SVG (no JavaScript, no library).

``bar_chart`` returns the geometry; templates/events/includes/bar_chart.html draws it with
role="img", <title> and <desc>, and the page prints the same rows as a data table.
Each row is a label line above its bar. Bars and values are placed in percent of the chart's
width (no viewBox): the chart fills its column at any screen width and its text keeps its size
(FONT_SIZE pixels, 14 on a 360 px phone as on a desktop). Colours are presentation attributes,
which the site's CSP allows (inline styles are not).
"""

from django.utils.formats import number_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

FONT_SIZE = 14
LABEL_CHARS = 44  # what fits on one line at 360 px; the table below has the whole label
BAR_MAX_PERCENT = 82  # leaves room for the value after the longest bar
ROW_HEIGHT = 46
BAR_TOP = 20  # below the label line
BAR_HEIGHT = 16
PADDING = 4
BAR_COLOUR = "#6b1f5c"
TEXT_COLOUR = "#1d1b20"


def number(value):
    return number_format(value or 0, decimal_pos=0, force_grouping=True)


def bar_chart(chart_id, title, description, rows):
    """rows: [{"label": str, "value": int or None}, …] in display order; None (unknown) is
    shown as « non communiqué » with no bar, never as 0."""
    known = [row["value"] for row in rows if row["value"] is not None]
    top = max(known, default=0)
    bars = []
    for i, row in enumerate(rows):
        y = PADDING + i * ROW_HEIGHT
        unknown = row["value"] is None
        width = round(BAR_MAX_PERCENT * row["value"] / top, 1) if top and not unknown else 0
        bars.append(
            {
                "label": row["label"],
                "short_label": Truncator(str(row["label"])).chars(LABEL_CHARS),
                "value": row["value"],
                "display": _("non communiqué") if unknown else number(row["value"]),
                "unknown": unknown,
                "label_y": y + FONT_SIZE,
                "y": y + BAR_TOP,
                "text_y": y + BAR_TOP + BAR_HEIGHT - 3,
                "width": width,  # percent of the chart's width
            }
        )
    return {
        "id": chart_id,
        "title": title,
        "description": description,
        "bars": bars,
        "height": PADDING * 2 + max(len(rows), 1) * ROW_HEIGHT,
        "font_size": FONT_SIZE,
        "bar_height": BAR_HEIGHT,
        "colour": BAR_COLOUR,
        "text_colour": TEXT_COLOUR,
        "total": sum(known),
        "empty": not any(known),
    }
