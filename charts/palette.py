"""Name the colours every chart shares and pick readable text colours on coloured backgrounds."""

from __future__ import annotations

BRAND = "#1b6f83"
TARGET = "#c0392b"
GAP = "#f4d35e"
FLAG = "#b26a00"
OVERLAY_PALETTE = ("#8e44ad", "#d68910", "#27ae60", "#2c3e50", "#e67e22", "#16a085")
HEAT_STOPS = ("#d9534f", "#f0ad4e", "#5cb85c")  # red → amber → green, low → high
INK = "#1f2933"
MUTED = "#6b7780"
GRID = "#d5dadd"
GRID_STRONG = "#aeb7bd"
TRACK = "#eef1f3"
EMPTY_CELL = "#eceff1"
WHITE = "#ffffff"


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _mix(low: str, high: str, share: float) -> str:
    channels = (round(a + (b - a) * share) for a, b in zip(_rgb(low), _rgb(high)))
    return "#" + "".join(f"{channel:02x}" for channel in channels)


def _luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in _rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _text_colour(background: str) -> str:
    """Pick dark or white text, whichever contrasts more with the background (WCAG ratio)."""
    lum = _luminance(background)
    on_white = 1.05 / (lum + 0.05)
    on_ink = (lum + 0.05) / (_luminance(INK) + 0.05)
    return WHITE if on_white > on_ink else INK
