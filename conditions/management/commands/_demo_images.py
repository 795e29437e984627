"""The demo's illustration, drawn with Pillow when the demo is loaded: an
original diagram of a mast cell releasing its mediators."""

import io
import math

from PIL import Image, ImageDraw, ImageFont

DIAGRAM_DETAILS = {
    "alt_text": (
        "Diagram: a mast cell, full of granules, releasing histamine, tryptase "
        "and prostaglandins towards the skin, the gut and the airways."
    ),
    "caption": "When a mast cell is activated it empties its granules; the "
    "mediators they hold act on nearby tissues.",
    "credit": "Diagram: Condition Site demo",
    "licence": "CC0 1.0",
}

WIDTH, HEIGHT = 1200, 640
INK, CELL, GRANULE, ARROW = "#1d2733", "#cfe3f1", "#7a3e9d", "#005a8c"


def mast_cell_diagram() -> bytes:
    """The diagram as PNG bytes; the same bytes every time."""
    picture = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(picture)
    font = ImageFont.load_default(size=30)
    small = ImageFont.load_default(size=24)
    # The cell, its nucleus and granules.
    cx, cy, r = 330, 330, 210
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=CELL, outline=ARROW, width=6)
    draw.ellipse((cx - 70, cy - 55, cx + 50, cy + 55), fill="#9bbad1")
    for ring, count in ((120, 14), (170, 20)):
        for n in range(count):
            angle = 2 * math.pi * n / count
            x, y = cx + ring * math.cos(angle), cy + ring * math.sin(angle)
            draw.ellipse((x - 11, y - 11, x + 11, y + 11), fill=GRANULE)
    draw.text((cx, cy + r + 30), "Mast cell", fill=INK, font=font, anchor="mt")
    # Mediators released towards three tissues.
    targets = [
        (150, "Histamine", "skin: flushing, itch"),
        (320, "Tryptase", "gut: cramps"),
        (490, "Prostaglandins", "airways: wheeze"),
    ]
    for y, mediator, effect in targets:
        draw.line((cx + r + 20, cy, 800, y), fill=ARROW, width=5)
        draw.polygon([(800, y), (782, y - 10), (782, y + 10)], fill=ARROW)
        for step in (0.3, 0.55, 0.8):
            x = cx + r + 20 + (800 - cx - r - 20) * step
            dot = cy + (y - cy) * step
            draw.ellipse((x - 7, dot - 7, x + 7, dot + 7), fill=GRANULE)
        draw.text((820, y - 22), mediator, fill=INK, font=font)
        draw.text((820, y + 14), effect, fill="#4a5766", font=small)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
