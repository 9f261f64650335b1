"""Wrap chart elements in an SVG document, the same markup inlined on web pages and in WeasyPrint PDFs."""

from __future__ import annotations

import contextvars
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from markupsafe import Markup, escape

from charts.palette import INK

# Every chart uses presentation attributes only (the Content-Security-Policy forbids inline styles) and no
# dominant-baseline (WeasyPrint only approximates it): text is placed on computed baselines. Every text
# line is its own <text> element because Chromium and WeasyPrint disagree on tspan line layout.

FONT_FAMILY = (
    "'Noto Sans CJK SC', 'Noto Sans CJK TC', 'WenQuanYi Micro Hei', 'PingFang SC', 'Microsoft YaHei', sans-serif"
)
# Traditional Chinese readers get the TC glyph forms; page CSS does not reach inline SVG in WeasyPrint.
FONT_FAMILY_HANT = (
    "'Noto Sans CJK TC', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'PingFang TC', 'Microsoft JhengHei', sans-serif"
)
_font_family: contextvars.ContextVar[str] = contextvars.ContextVar("chart_font_family", default=FONT_FAMILY)

EDGE = 6  # blank margin inside the viewBox so strokes and glyph overhangs are never clipped
FONT_SIZE = 12


@contextmanager
def fonts_for(locale: str) -> Iterator[None]:
    """Draw the charts made inside the block with the CJK font that suits the locale's script."""
    token = _font_family.set(FONT_FAMILY_HANT if locale == "zh_Hant" else FONT_FAMILY)
    try:
        yield
    finally:
        _font_family.reset(token)


def _n(value: float) -> str:
    """Format a coordinate with at most two decimals, so output is byte-identical across runs."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _svg(width: float, height: float, title: str, body: Sequence[str], *, linked: bool = False) -> Markup:
    """Wrap the body in an accessible <svg> whose pixel size and viewBox are the whole pixels around it.

    A chart whose parts are links is a named group, not an image: an image's parts are hidden from
    assistive technology, and its links would be unreachable to them.
    """
    role = "group" if linked else "img"
    width_px = math.ceil(width)
    height_px = math.ceil(height)
    label = escape(title)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_px}" height="{height_px}" '
        f'viewBox="0 0 {width_px} {height_px}" role="{role}" aria-label="{label}" '
        f'font-family="{_font_family.get()}" font-size="{FONT_SIZE}" fill="{INK}">'
    )
    return Markup("\n".join([head, f"<title>{label}</title>", *body, "</svg>"]))
