"""Draw the icons of the installable site (web app manifest, home-screen shortcut) from the
site's logo (templates/includes/logo.html: the figure, the two companions and the arms) on the
plum of the Open Graph image (scripts/make_og_image.py). Run once, commit the files:

    .venv/bin/python scripts/make_app_icons.py

Writes cdp_portal/static/img/app-icon.svg, app-icon-192.png, app-icon-512.png and
app-icon-maskable-512.png (the logo inside the central 80 % « safe zone »).
"""

from pathlib import Path

from make_og_image import PLUM
from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parent.parent / "cdp_portal/static/img"
PINK, TEAL = (232, 180, 216), (11, 95, 99)
# The logo's drawing, in its own 40×40 units (templates/includes/logo.html).
SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48">\
<rect width="48" height="48" rx="10" fill="#6b1f5c"/><g transform="translate(4 4)">\
<rect width="40" height="40" rx="9" fill="#fff"/>\
<circle cx="9.5" cy="17" r="4" fill="#e8b4d8"/><circle cx="30.5" cy="17" r="4" fill="#e8b4d8"/>\
<circle cx="20" cy="14.5" r="6.5" fill="none" stroke="#6b1f5c" stroke-width="3.2"/>\
<path d="M20 21v13M14.5 28.5h11" stroke="#6b1f5c" stroke-width="3.2" stroke-linecap="round"/>\
<path d="M3.5 31c1.5-4.5 4-6.5 6-6.5M36.5 31c-1.5-4.5-4-6.5-6-6.5" fill="none" \
stroke="#0b5f63" stroke-width="2.6" stroke-linecap="round"/></g></svg>
"""


def draw_logo(draw, left, top, unit):
    """The logo at (left, top), one logo unit = ``unit`` pixels."""

    def at(x, y):
        return (left + x * unit, top + y * unit)

    def circle(cx, cy, r, **style):
        draw.ellipse((*at(cx - r, cy - r), *at(cx + r, cy + r)), **style)

    draw.rounded_rectangle((*at(0, 0), *at(40, 40)), radius=9 * unit, fill=(255, 255, 255))
    circle(9.5, 17, 4, fill=PINK)
    circle(30.5, 17, 4, fill=PINK)
    stroke = round(3.2 * unit)
    circle(20, 14.5, 6.5, outline=PLUM, width=stroke)
    draw.line((*at(20, 21), *at(20, 34)), fill=PLUM, width=stroke)
    draw.line((*at(14.5, 28.5), *at(25.5, 28.5)), fill=PLUM, width=stroke)
    arm = round(2.6 * unit)
    # The arms: the logo's curves, drawn as arcs of a circle.
    draw.arc((*at(3.5, 24.5), *at(15.5, 37.5)), start=180, end=270, fill=TEAL, width=arm)
    draw.arc((*at(24.5, 24.5), *at(36.5, 37.5)), start=270, end=360, fill=TEAL, width=arm)


def icon(size, safe_zone=1.0):
    """The logo on plum, square; ``safe_zone``: the share of the side the logo may use."""
    image = Image.new("RGB", (size, size), PLUM)
    draw = ImageDraw.Draw(image)
    side = size * safe_zone * (40 / 48)
    draw_logo(draw, (size - side) / 2, (size - side) / 2, side / 40)
    return image


def main():
    (STATIC / "app-icon.svg").write_text(SVG, encoding="utf-8")
    for name, size, zone in (
        ("app-icon-192.png", 192, 1.0),
        ("app-icon-512.png", 512, 1.0),
        ("app-icon-maskable-512.png", 512, 0.8),
    ):
        target = STATIC / name
        icon(size, zone).quantize(colors=32).save(target, format="PNG", optimize=True)
        print(f"{target}: {target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
