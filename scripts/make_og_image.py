"""Draw the site's default Open Graph image (1200×630 PNG, under 100 KB), used by pages with
no picture of their own: cdp_portal/static/img/og-default.png. Run once, commit the file:

    .venv/bin/python scripts/make_og_image.py
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
PLUM, CREAM, GOLD = (107, 31, 92), (250, 246, 240), (232, 170, 66)
TARGET = Path(__file__).resolve().parent.parent / "cdp_portal/static/img/og-default.png"
FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)


def font(size):
    for path in FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def main():
    image = Image.new("RGB", (WIDTH, HEIGHT), PLUM)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - 36, WIDTH, HEIGHT), fill=GOLD)
    draw.text((80, 170), "Portail des CdP", font=font(96), fill=CREAM)
    draw.text((80, 310), "Droits des femmes et des filles", font=font(52), fill=CREAM)
    draw.text((80, 380), "Ségou · Kayes (Mali)", font=font(52), fill=GOLD)
    image = image.quantize(colors=16)
    image.save(TARGET, format="PNG", optimize=True)
    print(f"{TARGET}: {TARGET.stat().st_size} bytes")


if __name__ == "__main__":
    main()
