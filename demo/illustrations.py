"""Neutral illustrations drawn with Pillow: flat shapes, no people, small PNG files."""

import io
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 675
PALETTE = ["#7a2e8e", "#c2410c", "#0f766e", "#b45309", "#1d4ed8", "#be185d", "#4d7c0f"]
BACKGROUND = "#f6f1ea"


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def brick_wall():
    """A wall of coloured bricks, for the artistic-expression walls."""
    rng = random.Random(52)
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    brick_w, brick_h, gap = 150, 56, 8
    for row in range(HEIGHT // (brick_h + gap) + 1):
        offset = -brick_w // 2 if row % 2 else 0
        y = row * (brick_h + gap)
        for col in range(WIDTH // (brick_w + gap) + 2):
            x = offset + col * (brick_w + gap)
            draw.rectangle([x, y, x + brick_w, y + brick_h], fill=rng.choice(PALETTE))
    return _png(image)


def savings_coins():
    """Stacks of coins growing left to right, for savings groups (AVEC/VSLA)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    base_y, coin_w, coin_h = 600, 150, 34
    for stack in range(6):
        x = 90 + stack * 180
        for level in range(2 + stack * 2):
            y = base_y - level * (coin_h - 8)
            colour = PALETTE[(stack + level) % 3 + 1]
            draw.ellipse([x, y, x + coin_w, y + coin_h], fill=colour, outline="#3b2f2a", width=3)
    ground = base_y + coin_h + 6
    draw.line([(60, ground), (WIDTH - 60, ground)], fill="#3b2f2a", width=6)
    return _png(image)


def network_map():
    """Points joined by lines, for the interactive map of actors."""
    rng = random.Random(2022)
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    points = [(rng.randint(80, WIDTH - 80), rng.randint(80, HEIGHT - 80)) for _ in range(24)]
    for index, point in enumerate(points):
        for other in points[index + 1 : index + 3]:
            draw.line([point, other], fill="#8c7b70", width=4)
    for index, (x, y) in enumerate(points):
        radius = 14 if index % 4 else 24
        colour = PALETTE[index % len(PALETTE)]
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)
    return _png(image)
