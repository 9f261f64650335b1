"""Render charts as server-side SVG strings, the same markup inlined on web pages and in WeasyPrint PDFs.

The SVG uses presentation attributes only (the Content-Security-Policy forbids inline styles) and no
dominant-baseline (WeasyPrint only approximates it): text is placed on computed baselines. Every text
line is its own <text> element because Chromium and WeasyPrint disagree on tspan line layout.
Text widths are estimated from character classes, so layouts leave a little slack rather than
measuring fonts.
"""
from __future__ import annotations

import math
import unicodedata
import contextvars
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta

from markupsafe import Markup, escape

FONT_FAMILY = (
    "'Noto Sans CJK SC', 'Noto Sans CJK TC', 'WenQuanYi Micro Hei', 'PingFang SC', 'Microsoft YaHei', sans-serif"
)
# Traditional Chinese readers get the TC glyph forms; page CSS does not reach inline SVG in WeasyPrint.
FONT_FAMILY_HANT = (
    "'Noto Sans CJK TC', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'PingFang TC', 'Microsoft JhengHei', sans-serif"
)
_font_family: contextvars.ContextVar[str] = contextvars.ContextVar("chart_font_family", default=FONT_FAMILY)


@contextmanager
def fonts_for(locale: str) -> Iterator[None]:
    """Draw the charts made inside the block with the CJK font that suits the locale's script."""
    token = _font_family.set(FONT_FAMILY_HANT if locale == "zh_Hant" else FONT_FAMILY)
    try:
        yield
    finally:
        _font_family.reset(token)
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
ELLIPSIS = "…"
NO_VALUE = "–"

EDGE = 6  # blank margin inside the viewBox so strokes and glyph overhangs are never clipped
FONT_SIZE = 12
LINE_HEIGHT = 15
SMALL_FONT_SIZE = 10
LABEL_UNITS = 18.0  # one line holds about 18 latin or 8 CJK characters
WIDE_UNITS = 2.25
LABEL_LINES = 2

# Characters that Chinese typesetting never puts at the start of a line.
_NO_LINE_START = frozenset("，。、；：！？）》」』】〕…,.;:!?)]}%")


@dataclass(frozen=True)
class RadarSeries:
    """One polygon on a radar chart."""

    name: str
    values: tuple[float | None, ...]  # one per axis; None = no data: the point is skipped and gets no dot
    kind: str = "current"  # "current", "target" or "overlay"


@dataclass(frozen=True)
class GapBar:
    """One row of a gap chart: a score against its target."""

    label: str
    score: float | None
    target: float | None
    flagged: bool = False  # e.g. respondents disagree: shows a small warning marker


@dataclass(frozen=True)
class _SeriesStyle:
    stroke: str
    stroke_width: float
    fill: str
    fill_opacity: float
    dasharray: str
    dot_radius: float


# Overlays take their stroke from OVERLAY_PALETTE in order of appearance.
_SERIES_STYLES: dict[str, _SeriesStyle] = {
    "current": _SeriesStyle(BRAND, 2.0, BRAND, 0.25, "", 3.0),
    "target": _SeriesStyle(TARGET, 2.0, "none", 0.0, "6 4", 2.5),
    "overlay": _SeriesStyle("", 1.5, "none", 0.0, "", 2.0),
}


# --- text ---------------------------------------------------------------------------------------

def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _units(text: str) -> float:
    return sum(WIDE_UNITS if _is_wide(char) else 1.0 for char in text)


def _char_em(char: str) -> float:
    # Rough advance widths of a sans-serif font, erring wide so estimated boxes contain the real text.
    if _is_wide(char) or char == ELLIPSIS:
        return 1.0
    if char == " ":
        return 0.28
    if char in "mwMW@%":
        return 0.86
    if char in "iljtfr.,;:'!|()[]":
        return 0.34
    if char.isupper() or char.isdigit():
        return 0.64
    return 0.56


def _text_width(text: str, font_size: float) -> float:
    return sum(_char_em(char) for char in text) * font_size


def _joined(head: str, tail: str) -> str:
    # CJK lines join without a space; latin words need one.
    if head and tail and not _is_wide(head[-1]) and not _is_wide(tail[0]):
        return f"{head} {tail}"
    return head + tail


def _unwrapped(lines: Sequence[str]) -> str:
    text = ""
    for line in lines:
        text = _joined(text, line)
    return text


def _tokens(text: str, max_units: float) -> list[str]:
    """Split text into breakable pieces: latin words, single CJK characters and single spaces."""
    tokens: list[str] = []
    word = ""
    for char in " ".join(text.split()):
        if char == " " or _is_wide(char):
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        else:
            word += char
    if word:
        tokens.append(word)
    pieces: list[str] = []
    for token in tokens:
        # A word longer than a line is cut where the line ends (URLs, product codes).
        while _units(token) > max_units:
            cut = int(max_units)
            pieces.append(token[:cut])
            token = token[cut:]
        pieces.append(token)
    return pieces


def _wrap(text: str, max_units: float = LABEL_UNITS, max_lines: int = LABEL_LINES) -> tuple[str, ...]:
    """Wrap text into at most max_lines lines, ending with an ellipsis when it does not fit."""
    lines = _greedy_lines(text, max_units)
    if len(lines) > max_lines:
        last = _unwrapped(lines[max_lines - 1:])
        while last and _units(last) + 1.0 > max_units:
            last = last[:-1]
        return (*lines[: max_lines - 1], last.rstrip() + ELLIPSIS)
    if len(lines) <= 1:
        return tuple(lines)  # one line needs no balancing
    # Balance the lines (5 + 4 characters rather than 8 + 1) with the narrowest width that needs no more lines.
    low, high = 1.0, max_units
    while high - low > 0.5:
        middle = (low + high) / 2
        if len(_greedy_lines(text, middle)) > len(lines):
            low = middle
        else:
            high = middle
    return tuple(_greedy_lines(text, high))


def _greedy_lines(text: str, max_units: float) -> list[str]:
    return _fill_lines(_tokens(text, max_units), max_units, _units)


def _fill_lines(tokens: Iterable[str], limit: float, measure: Callable[[str], float]) -> list[str]:
    """Fill lines greedily with tokens up to `limit` as `measure` counts; a space token joins words."""
    lines: list[str] = []
    current = ""
    pending_space = False
    for token in tokens:
        if token == " ":
            pending_space = bool(current)
            continue
        candidate = f"{current} {token}" if pending_space else current + token
        pending_space = False
        if current and measure(candidate) > limit and token[0] not in _NO_LINE_START:
            lines.append(current)
            current = token
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _n(value: float) -> str:
    """Format a coordinate with at most two decimals, so output is byte-identical across runs."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _text_block(
    lines: Sequence[str],
    x: float,
    top: float,
    *,
    anchor: str = "start",
    font_size: float = FONT_SIZE,
    line_height: float = LINE_HEIGHT,
    fill: str = "",
    weight: str = "",
    full_text: str = "",
) -> str:
    """Render lines of text whose first line box starts at top; a truncated label keeps its full text as a tooltip."""
    extra = ""
    if fill:
        extra += f' fill="{fill}"'
    if weight:
        extra += f' font-weight="{weight}"'
    if font_size != FONT_SIZE:
        extra += f' font-size="{_n(font_size)}"'
    baseline_offset = (line_height - font_size) / 2 + font_size * 0.86
    texts = "".join(
        f'<text x="{_n(x)}" y="{_n(top + index * line_height + baseline_offset)}" text-anchor="{anchor}"{extra}>'
        f"{escape(line)}</text>"
        for index, line in enumerate(lines)
    )
    if full_text and _unwrapped(lines) != " ".join(full_text.split()):
        # The <title> sits on a <g>, never inside <text>, where WeasyPrint would print it.
        return f"<g><title>{escape(full_text)}</title>{texts}</g>"
    return texts


def _block_width(lines: Sequence[str], font_size: float = FONT_SIZE) -> float:
    return max((_text_width(line, font_size) for line in lines), default=0.0)


def _svg(width: float, height: float, title: str, body: Sequence[str]) -> Markup:
    width_px = math.ceil(width)
    height_px = math.ceil(height)
    label = escape(title)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_px}" height="{height_px}" '
        f'viewBox="0 0 {width_px} {height_px}" role="img" aria-label="{label}" '
        f'font-family="{_font_family.get()}" font-size="{FONT_SIZE}" fill="{INK}">'
    )
    return Markup("\n".join([head, f"<title>{label}</title>", *body, "</svg>"]))


def _grid_levels(max_value: float) -> list[float]:
    """Return the grid values from 0 to max_value: whole numbers up to 10, about five rings beyond."""
    step = 1.0
    if max_value > 10:
        raw = max_value / 5
        magnitude = 10 ** math.floor(math.log10(raw))
        step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    levels = [step * index for index in range(int(max_value / step + 1e-9) + 1)]
    if max_value - levels[-1] > 1e-9:
        levels.append(max_value)
    return levels


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


# --- radar --------------------------------------------------------------------------------------

def _series_styles(series: Sequence[RadarSeries]) -> list[_SeriesStyle]:
    styles = []
    overlays = 0
    for item in series:
        style = _SERIES_STYLES.get(item.kind)
        if style is None:
            raise ValueError(f"unknown radar series kind {item.kind!r}; expected one of {sorted(_SERIES_STYLES)}")
        if item.kind == "overlay":
            colour = OVERLAY_PALETTE[overlays % len(OVERLAY_PALETTE)]
            overlays += 1
            style = replace(style, stroke=colour)
        styles.append(style)
    return styles


def _legend_swatch(style: _SeriesStyle, x: float, y_mid: float) -> str:
    if style.fill != "none":
        return (
            f'<rect x="{_n(x)}" y="{_n(y_mid - 5)}" width="20" height="10" fill="{style.fill}" '
            f'fill-opacity="{_n(style.fill_opacity)}" stroke="{style.stroke}" stroke-width="{_n(style.stroke_width)}"/>'
        )
    dash = f' stroke-dasharray="{style.dasharray}"' if style.dasharray else ""
    return (
        f'<line x1="{_n(x)}" y1="{_n(y_mid)}" x2="{_n(x + 20)}" y2="{_n(y_mid)}" stroke="{style.stroke}" '
        f'stroke-width="{_n(style.stroke_width)}"{dash}/>'
    )


def _pack_rows(widths: Sequence[float], available: float, spacing: float) -> list[list[int]]:
    """Split legend items (by width) into rows that fit `available`; return the item indices per row."""
    rows: list[list[int]] = [[]]
    row_width = 0.0
    for index, item_width in enumerate(widths):
        needed = item_width + (spacing if rows[-1] else 0)
        if rows[-1] and row_width + needed > available:
            rows.append([])
            row_width = 0.0
            needed = item_width
        rows[-1].append(index)
        row_width += needed
    return rows


def _radar_legend(series: Sequence[RadarSeries], styles: Sequence[_SeriesStyle], width: float, top: float
                  ) -> tuple[list[str], float]:
    """Lay legend items out in centred rows; return the elements and the legend's bottom edge."""
    if not series:
        return [], top
    spacing = 16
    entries = [(item, style, name, 26 + _block_width(name))
               for item, style in zip(series, styles) for name in [_wrap(item.name, max_units=28, max_lines=1)]]
    rows = [[entries[index] for index in row]
            for row in _pack_rows([entry[3] for entry in entries], width - 2 * EDGE, spacing)]
    elements = []
    for row_index, row in enumerate(rows):
        total = sum(entry[3] for entry in row) + spacing * (len(row) - 1)
        x = max(EDGE, (width - total) / 2)
        row_top = top + row_index * (LINE_HEIGHT + 6)
        for item, style, name, item_width in row:
            elements.append(_legend_swatch(style, x, row_top + LINE_HEIGHT / 2))
            elements.append(_text_block(name, x + 26, row_top, full_text=item.name))
            x += item_width + spacing
    return elements, top + len(rows) * (LINE_HEIGHT + 6) - 6


def radar_chart(axes: Sequence[str], series: Sequence[RadarSeries], *, max_value: float = 5.0,
                title: str = "", size: int = 460) -> Markup:
    """Render a radar (spider) chart of several series over the same axes."""
    if max_value <= 0:
        raise ValueError("max_value must be positive")
    count = len(axes)
    for item in series:
        if len(item.values) != count:
            raise ValueError(f"series {item.name!r} has {len(item.values)} values for {count} axes")
    styles = _series_styles(series)
    labels = [_wrap(axis) for axis in axes]
    angles = [2 * math.pi * index / count for index in range(count)]  # clockwise from twelve o'clock
    label_gap = 10
    half = size / 2

    # The largest radius that keeps every axis label inside the width; the height simply grows.
    radius = half - EDGE - label_gap
    for lines, angle in zip(labels, angles):
        reach = abs(math.sin(angle))
        label_width = _block_width(lines)
        room = label_width if reach > 0.3 else label_width / 2
        if reach > 1e-9:
            radius = min(radius, (half - EDGE - room) / reach - label_gap)
    radius = max(radius, size * 0.18)

    # Geometry relative to the centre first, then shifted so the whole drawing sits inside the viewBox.
    placed = []
    if count >= 3:
        outline = [(radius * math.sin(angle), -radius * math.cos(angle)) for angle in angles]
        min_x, max_x = min(x for x, _ in outline), max(x for x, _ in outline)
        min_y, max_y = -radius - 4, max(y for _, y in outline)  # 4: room for the top tick number
    else:
        min_x, max_x, min_y, max_y = -radius, radius, -radius - 4, radius
    for lines, angle in zip(labels, angles):
        sin_a, cos_a = math.sin(angle), math.cos(angle)
        x = (radius + label_gap) * sin_a
        y = -(radius + label_gap) * cos_a
        height = len(lines) * LINE_HEIGHT
        top = y - height / 2 - (height / 2 + 2) * cos_a  # above the point at the top, below it at the bottom
        label_width = _block_width(lines)
        if sin_a > 0.3:
            anchor, left = "start", x
        elif sin_a < -0.3:
            anchor, left = "end", x - label_width
        else:
            anchor, left = "middle", x - label_width / 2
        placed.append((lines, anchor, x, top))
        min_x, max_x = min(min_x, left), max(max_x, left + label_width)
        min_y, max_y = min(min_y, top), max(max_y, top + height)
    width = max(size, max_x - min_x + 2 * EDGE)
    cx = EDGE - min_x + (width - 2 * EDGE - (max_x - min_x)) / 2
    cy = EDGE - min_y

    def point(angle: float, value: float) -> tuple[float, float]:
        distance = radius * _clamp(value, 0.0, max_value) / max_value
        return cx + distance * math.sin(angle), cy - distance * math.cos(angle)

    def points_attr(points: Sequence[tuple[float, float]]) -> str:
        return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)

    body: list[str] = []
    levels = [level for level in _grid_levels(max_value) if level > 0]
    for level in levels:
        outer = level == levels[-1]
        stroke = GRID_STRONG if outer else GRID
        if count >= 3:
            ring = points_attr([point(angle, level) for angle in angles])
            body.append(f'<polygon points="{ring}" fill="none" stroke="{stroke}" stroke-width="1"/>')
        else:
            # One or two axes cannot span a polygon: rings become circles.
            body.append(
                f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(radius * level / max_value)}" fill="none" '
                f'stroke="{stroke}" stroke-width="1"/>'
            )
    for angle in angles:
        x, y = point(angle, max_value)
        body.append(f'<line x1="{_n(cx)}" y1="{_n(cy)}" x2="{_n(x)}" y2="{_n(y)}" stroke="{GRID}" stroke-width="1"/>')

    for item, style in zip(series, styles):
        present = [point(angle, value) for angle, value in zip(angles, item.values) if value is not None]
        body.append("<g>")
        if len(present) >= 2:
            dash = f' stroke-dasharray="{style.dasharray}"' if style.dasharray else ""
            fill_opacity = f' fill-opacity="{_n(style.fill_opacity)}"' if style.fill != "none" else ""
            body.append(
                f'<polygon points="{points_attr(present)}" fill="{style.fill}"{fill_opacity} '
                f'stroke="{style.stroke}" stroke-width="{_n(style.stroke_width)}" stroke-linejoin="round"{dash}/>'
            )
        for x, y in present:
            body.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(style.dot_radius)}" fill="{style.stroke}"/>')
        body.append("</g>")

    # Tick numbers go over the series, on a pale backing, so no polygon or dot hides them.
    ring_spacing = radius / len(levels)
    for level in levels:
        if ring_spacing < 10 and level != levels[-1]:
            continue  # on a tiny chart the numbers would pile up: the outer ring alone gives the scale
        _, y = point(0.0, level)
        tick = _n(level)
        body.append(
            f'<rect x="{_n(cx + 2)}" y="{_n(y + 1)}" width="{_n(_text_width(tick, 9) + 2)}" height="10" '
            f'fill="{WHITE}" fill-opacity="0.75"/>'
        )
        body.append(f'<text x="{_n(cx + 3)}" y="{_n(y + 9)}" font-size="9" fill="{MUTED}">{escape(tick)}</text>')

    for (lines, anchor, x, top), axis in zip(placed, axes):
        body.append(_text_block(lines, cx + x, cy + top, anchor=anchor, full_text=axis))

    legend, bottom = _radar_legend(series, styles, width, cy + max_y + 14)
    body.extend(legend)
    return _svg(width, bottom + EDGE, title or "Radar chart", body)


# --- gap bars -----------------------------------------------------------------------------------

def _score_text(score: float | None, target: float | None) -> str:
    def shown(value: float | None) -> str:
        return NO_VALUE if value is None else f"{value:.1f}"

    return f"{shown(score)} / {shown(target)}"


def gap_bars(bars: Sequence[GapBar], *, max_value: float = 5.0, title: str = "", width: int = 640) -> Markup:
    """Render horizontal bars of scores with target markers and the gap between them."""
    if max_value <= 0:
        raise ValueError("max_value must be positive")
    labels = [_wrap(bar.label) for bar in bars]
    label_width = _block_width([line for lines in labels for line in lines])
    value_texts = [_score_text(bar.score, bar.target) for bar in bars]
    value_width = max((_text_width(text, FONT_SIZE) for text in value_texts), default=0.0)
    flag_column = 22 if any(bar.flagged for bar in bars) else 0
    track_left = EDGE + label_width + 12
    min_track = 160
    width = max(width, track_left + min_track + 10 + value_width + flag_column + EDGE)
    track_right = width - EDGE - flag_column - value_width - 10
    two_lines = any(len(lines) > 1 for lines in labels)
    row_height = 2 * LINE_HEIGHT + 6 if two_lines else LINE_HEIGHT + 13
    bar_height = 14
    header = SMALL_FONT_SIZE + 8
    rows_bottom = header + len(bars) * row_height

    def x_of(value: float) -> float:
        return track_left + (track_right - track_left) * _clamp(value, 0.0, max_value) / max_value

    body: list[str] = []
    for index in range(len(bars)):
        bar_top = header + index * row_height + (row_height - bar_height) / 2
        body.append(
            f'<rect x="{_n(track_left)}" y="{_n(bar_top)}" width="{_n(track_right - track_left)}" '
            f'height="{bar_height}" fill="{TRACK}"/>'
        )
    for level in _grid_levels(max_value):
        x = x_of(level)
        body.append(
            f'<line x1="{_n(x)}" y1="{_n(header - 2)}" x2="{_n(x)}" y2="{_n(max(rows_bottom, header + 4))}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        body.append(
            f'<text x="{_n(x)}" y="{_n(header - 6)}" text-anchor="middle" font-size="{SMALL_FONT_SIZE}" '
            f'fill="{MUTED}">{escape(_n(level))}</text>'
        )

    for index, (bar, lines, value_text) in enumerate(zip(bars, labels, value_texts)):
        row_top = header + index * row_height
        middle = row_top + row_height / 2
        bar_top = middle - bar_height / 2
        body.append("<g>")
        body.append(_text_block(lines, track_left - 12, middle - len(lines) * LINE_HEIGHT / 2, anchor="end",
                                full_text=bar.label))
        if bar.score is not None and bar.score > 0:
            body.append(
                f'<rect x="{_n(track_left)}" y="{_n(bar_top)}" width="{_n(x_of(bar.score) - track_left)}" '
                f'height="{bar_height}" fill="{BRAND}"/>'
            )
        if bar.score is not None and bar.target is not None and bar.score < bar.target:
            start = x_of(bar.score)
            body.append(
                f'<rect x="{_n(start)}" y="{_n(bar_top)}" width="{_n(x_of(bar.target) - start)}" '
                f'height="{bar_height}" fill="{GAP}"/>'
            )
        if bar.target is not None:
            x = x_of(bar.target)
            body.append(
                f'<line x1="{_n(x)}" y1="{_n(bar_top - 4)}" x2="{_n(x)}" y2="{_n(bar_top + bar_height + 4)}" '
                f'stroke="{TARGET}" stroke-width="2.5"/>'
            )
        body.append(
            f'<text x="{_n(track_right + 10)}" y="{_n(middle + FONT_SIZE * 0.36)}">{escape(value_text)}</text>'
        )
        if bar.flagged:
            flag_x = width - EDGE - 8
            body.append(f'<circle cx="{_n(flag_x)}" cy="{_n(middle)}" r="8" fill="{FLAG}"/>')
            body.append(
                f'<text x="{_n(flag_x)}" y="{_n(middle + 4.5)}" text-anchor="middle" font-weight="700" '
                f'fill="{WHITE}">!</text>'
            )
        body.append("</g>")
    return _svg(width, max(rows_bottom, header + 4) + EDGE, title or "Gap chart", body)


# --- heatmap ------------------------------------------------------------------------------------

def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _mix(low: str, high: str, share: float) -> str:
    channels = (round(a + (b - a) * share) for a, b in zip(_rgb(low), _rgb(high)))
    return "#" + "".join(f"{channel:02x}" for channel in channels)


def _heat_colour(value: float, min_value: float, max_value: float) -> str:
    share = (_clamp(value, min_value, max_value) - min_value) / (max_value - min_value)
    if share <= 0.5:
        return _mix(HEAT_STOPS[0], HEAT_STOPS[1], share * 2)
    return _mix(HEAT_STOPS[1], HEAT_STOPS[2], share * 2 - 1)


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


def heatmap(row_labels: Sequence[str], column_labels: Sequence[str], values: Sequence[Sequence[float | None]], *,
            min_value: float = 1.0, max_value: float = 5.0, title: str = "", value_format: str = "{:.1f}",
            empty_label: str = "–") -> Markup:
    """Render a table-like heatmap: rows × columns, each cell coloured by its value."""
    if max_value <= min_value:
        raise ValueError("max_value must be greater than min_value")
    if len(values) != len(row_labels):
        raise ValueError(f"{len(values)} rows of values for {len(row_labels)} row labels")
    for index, row in enumerate(values):
        if len(row) != len(column_labels):
            raise ValueError(f"row {index} has {len(row)} values for {len(column_labels)} columns")

    rows = [_wrap(label) for label in row_labels]
    columns = [_wrap(label, max_units=14) for label in column_labels]
    cell_texts = [[empty_label if value is None else value_format.format(value) for value in row] for row in values]
    widest_cell = max((_text_width(text, FONT_SIZE) for row in cell_texts for text in row), default=0.0)
    column_width = max(56.0, _block_width([line for lines in columns for line in lines]) + 10, widest_cell + 12)
    cell_height = 2 * LINE_HEIGHT + 4 if any(len(lines) > 1 for lines in rows) else 28
    gap = 2
    label_width = _block_width([line for lines in rows for line in lines])
    grid_left = EDGE + label_width + (10 if rows else 0)
    header = max((len(lines) for lines in columns), default=0) * LINE_HEIGHT + 6
    grid_top = EDGE + header
    grid_bottom = grid_top + len(rows) * (cell_height + gap)

    legend_steps = 5
    swatch_width = 26
    legend_values = [min_value + (max_value - min_value) * step / (legend_steps - 1) for step in range(legend_steps)]
    legend_texts = [value_format.format(value) for value in legend_values]
    legend_width = legend_steps * swatch_width + _text_width(legend_texts[-1], 9)
    width = max(grid_left + len(columns) * (column_width + gap) - gap, grid_left + legend_width) + EDGE

    body: list[str] = []
    for index, (lines, label) in enumerate(zip(columns, column_labels)):
        centre = grid_left + index * (column_width + gap) + column_width / 2
        top = grid_top - 4 - len(lines) * LINE_HEIGHT
        body.append(_text_block(lines, centre, top, anchor="middle", weight="600", full_text=label))

    for row_index, (lines, label, row_values, row_texts) in enumerate(zip(rows, row_labels, values, cell_texts)):
        top = grid_top + row_index * (cell_height + gap)
        middle = top + cell_height / 2
        body.append("<g>")
        body.append(_text_block(lines, grid_left - 10, middle - len(lines) * LINE_HEIGHT / 2, anchor="end",
                                full_text=label))
        for column_index, (value, text) in enumerate(zip(row_values, row_texts)):
            left = grid_left + column_index * (column_width + gap)
            if value is None:
                fill, ink = EMPTY_CELL, MUTED
            else:
                fill = _heat_colour(value, min_value, max_value)
                ink = _text_colour(fill)
            body.append(
                f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(column_width)}" height="{_n(cell_height)}" '
                f'rx="2" fill="{fill}"/>'
            )
            body.append(
                f'<text x="{_n(left + column_width / 2)}" y="{_n(middle + FONT_SIZE * 0.36)}" '
                f'text-anchor="middle" fill="{ink}">{escape(text)}</text>'
            )
        body.append("</g>")

    legend_top = grid_bottom + 8
    for step, value in enumerate(legend_values):
        x = grid_left + step * swatch_width
        body.append(
            f'<rect x="{_n(x)}" y="{_n(legend_top)}" width="{swatch_width}" height="8" '
            f'fill="{_heat_colour(value, min_value, max_value)}"/>'
        )
    for step in (0, legend_steps - 1):
        x = grid_left + step * swatch_width + swatch_width / 2
        body.append(
            f'<text x="{_n(x)}" y="{_n(legend_top + 20)}" text-anchor="middle" font-size="9" '
            f'fill="{MUTED}">{escape(legend_texts[step])}</text>'
        )
    return _svg(width, legend_top + 24 + EDGE, title or "Heatmap", body)


# --- gantt --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class GanttPhase:
    """One phase row of a timeline."""

    label: str
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None
    actual_end: date | None  # None while the phase runs: the actual bar then ends at `today`
    state: str = "not_started"  # not_started | active | run_optimise | closed


@dataclass(frozen=True)
class GanttMilestone:
    """One milestone row under its phase."""

    label: str
    phase: int  # index into the phases sequence it belongs to
    planned: date | None  # the current planned (due) date
    baseline: date | None  # the frozen baseline date, if any
    actual: date | None  # when it was done, if done
    rag: str = "on_track"  # done | overdue | behind | at_risk | on_track


PLANNED_FILL = "#d5e3e8"
PLANNED_STROKE = "#9bb7c1"
PHASE_COLOURS = {"not_started": BRAND, "active": BRAND, "run_optimise": "#f4d35e", "closed": "#5b8a97"}
RAG_COLOURS = {"done": "#2e7d32", "overdue": "#c62828", "behind": "#e67e22", "at_risk": "#b26a00",
               "on_track": BRAND}
BASELINE_STROKE = "#7f8c93"
TODAY_STROKE = "#c62828"
PHASE_BAND = "#f3f6f7"
GANTT_LEGEND = {
    "planned": "Planned", "actual": "Actual", "baseline": "Baseline", "today": "Today", "done": "Done",
    "overdue": "Overdue", "behind": "Behind", "at_risk": "At risk", "on_track": "On track",
}

GANTT_LABEL_COLUMN = 200  # the label column, left of the time axis
GANTT_MIN_PLOT = 240
GANTT_ROW = 22
GANTT_INDENT = 14  # milestone labels sit this far right of their phase's label
MILESTONE_FONT_SIZE = 11
DIAMOND = 6.0  # half the diagonal of a milestone diamond
BASELINE_DIAMOND = 4.5
_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)


def _fit_lines(text: str, max_width: float, font_size: float, *, bold: bool = False,
               max_lines: int = LABEL_LINES) -> tuple[str, ...]:
    """Wrap text greedily to an estimated pixel width, ending with an ellipsis when it does not fit."""
    scale = font_size * (1.06 if bold else 1.0)  # bold glyphs run a little wider

    def width(part: str) -> float:
        return _text_width(part, scale)

    pieces: list[str] = []
    for token in _tokens(text, math.inf):
        while width(token) > max_width and len(token) > 1:
            # A word longer than a line is cut where the line ends (URLs, product codes).
            cut = 1
            while cut < len(token) - 1 and width(token[: cut + 1]) <= max_width:
                cut += 1
            pieces.append(token[:cut])
            token = token[cut:]
        pieces.append(token)
    lines = _fill_lines(pieces, max_width, width)
    if len(lines) <= max_lines:
        return tuple(lines)
    last = _unwrapped(lines[max_lines - 1:])
    while last and width(last.rstrip() + ELLIPSIS) > max_width:
        last = last[:-1]
    return (*lines[: max_lines - 1], last.rstrip() + ELLIPSIS)


def _diamond(x: float, y: float, half: float, fill: str, stroke: str = "", stroke_width: float = 0.0) -> str:
    points = f"{_n(x)},{_n(y - half)} {_n(x + half)},{_n(y)} {_n(x)},{_n(y + half)} {_n(x - half)},{_n(y)}"
    outline = f' stroke="{stroke}" stroke-width="{_n(stroke_width)}"' if stroke else ""
    return f'<polygon points="{points}" fill="{fill}"{outline}/>'


def _gantt_range(phases: Sequence[GanttPhase], milestones: Sequence[GanttMilestone], today: date
                 ) -> tuple[date, date]:
    """Return the first and last day shown: every date given and today, with a few days either side."""
    dates = [day for phase in phases
             for day in (phase.planned_start, phase.planned_end, phase.actual_start, phase.actual_end)
             if day is not None]
    dates += [day for milestone in milestones for day in (milestone.planned, milestone.baseline, milestone.actual)
              if day is not None]
    if not dates:
        return today - timedelta(days=30), today + timedelta(days=30)
    first, last = min(*dates, today), max(*dates, today)
    span = (last - first).days
    pad = 3 + span // 60
    short = max(0, 14 - span - 2 * pad)  # a few days only: widen to two weeks
    return first - timedelta(days=pad + short // 2), last + timedelta(days=pad + short - short // 2)


def _month_starts(first: date, last: date) -> list[date]:
    """Return the first day of every month that starts within first..last."""
    start = first.year * 12 + first.month - 1 + (first.day != 1)
    end = last.year * 12 + last.month - 1
    return [date(index // 12, index % 12 + 1, 1) for index in range(start, end + 1)]


def _gantt_legend_items(texts: Mapping[str, str], x0: float, right: float, top: float
                        ) -> tuple[list[str], float]:
    """Lay the legend out in left-aligned rows; return the elements and the legend's bottom edge."""
    spacing = 16
    swatch_widths = {"planned": 20.0, "actual": 20.0, "baseline": 22.0, "today": 8.0}
    entries = []
    for key in GANTT_LEGEND:
        name = _wrap(texts[key], max_units=28, max_lines=1)
        swatch = swatch_widths.get(key, 2 * DIAMOND)
        entries.append((key, name, swatch, swatch + 6 + _block_width(name)))
    rows = [[entries[index] for index in row]
            for row in _pack_rows([entry[3] for entry in entries], right - x0, spacing)]
    elements = []
    for row_index, row in enumerate(rows):
        row_top = top + row_index * (LINE_HEIGHT + 6)
        mid = row_top + LINE_HEIGHT / 2
        x = x0
        for key, name, swatch, item_width in row:
            if key == "planned":
                elements.append(
                    f'<rect x="{_n(x)}" y="{_n(mid - 2.5)}" width="{_n(swatch)}" height="5" fill="{PLANNED_FILL}" '
                    f'stroke="{PLANNED_STROKE}" stroke-width="1"/>'
                )
            elif key == "actual":
                elements.append(
                    f'<rect x="{_n(x)}" y="{_n(mid - 4.5)}" width="{_n(swatch)}" height="9" fill="{BRAND}"/>'
                )
            elif key == "baseline":
                elements.append(
                    f'<line x1="{_n(x + BASELINE_DIAMOND)}" y1="{_n(mid)}" x2="{_n(x + swatch)}" y2="{_n(mid)}" '
                    f'stroke="{BASELINE_STROKE}" stroke-width="1.2" stroke-dasharray="3 2"/>'
                )
                elements.append(_diamond(x + BASELINE_DIAMOND + 0.75, mid, BASELINE_DIAMOND, WHITE,
                                         BASELINE_STROKE, 1.5))
            elif key == "today":
                elements.append(
                    f'<line x1="{_n(x + swatch / 2)}" y1="{_n(mid - 7)}" x2="{_n(x + swatch / 2)}" y2="{_n(mid + 7)}" '
                    f'stroke="{TODAY_STROKE}" stroke-width="1.5" stroke-dasharray="4 3"/>'
                )
            else:
                elements.append(_diamond(x + DIAMOND, mid, DIAMOND, RAG_COLOURS[key]))
            elements.append(_text_block(name, x + swatch + 6, row_top, full_text=texts[key]))
            x += item_width + spacing
    return elements, top + len(rows) * (LINE_HEIGHT + 6) - 6


def gantt_chart(phases: Sequence[GanttPhase], milestones: Sequence[GanttMilestone], *, today: date,
                legend: Mapping[str, str] | None = None, title: str = "", width: int = 960) -> Markup:
    """Render a timeline: phases as bars, milestones as diamonds, baseline against actual, and a today line."""
    for phase in phases:
        if phase.state not in PHASE_COLOURS:
            raise ValueError(f"unknown phase state {phase.state!r}; expected one of {sorted(PHASE_COLOURS)}")
    for milestone in milestones:
        if milestone.rag not in RAG_COLOURS:
            raise ValueError(f"unknown milestone rag {milestone.rag!r}; expected one of {sorted(RAG_COLOURS)}")
    given = legend or {}
    texts = {key: str(given.get(key) or default) for key, default in GANTT_LEGEND.items()}

    # Rows: each phase followed by its milestones; milestones of no known phase come last.
    grouped: list[list[GanttMilestone]] = [[] for _ in phases]
    orphans: list[GanttMilestone] = []
    for milestone in milestones:
        if 0 <= milestone.phase < len(phases):
            grouped[milestone.phase].append(milestone)
        else:
            orphans.append(milestone)
    rows: list[GanttPhase | GanttMilestone] = []
    for phase, own in zip(phases, grouped):
        rows.append(phase)
        rows.extend(own)
    rows.extend(orphans)

    width = max(width, EDGE + GANTT_LABEL_COLUMN + GANTT_MIN_PLOT + EDGE)
    plot_left = EDGE + GANTT_LABEL_COLUMN
    plot_right = width - EDGE - 6
    first, last = _gantt_range(phases, milestones, today)
    origin = first.toordinal()
    day_width = (plot_right - plot_left) / ((last - first).days + 1)

    def x_of(day: date) -> float:  # the left edge of a day
        return plot_left + (day.toordinal() - origin) * day_width

    def centre(day: date) -> float:
        return x_of(day) + day_width / 2

    def end_of(day: date) -> float:
        return x_of(day) + day_width

    month_label_y = EDGE + 10  # baselines of the two header lines
    today_label_y = EDGE + 24
    axis_y = EDGE + 29

    # Each row's label and height first; the rows then stack below the axis.
    layout = []
    top = axis_y
    for row in rows:
        if isinstance(row, GanttPhase):
            lines = _fit_lines(row.label, GANTT_LABEL_COLUMN - 10, FONT_SIZE, bold=True)
            line_height = 14.0
        else:
            lines = _fit_lines(row.label, GANTT_LABEL_COLUMN - GANTT_INDENT - 10, MILESTONE_FONT_SIZE)
            line_height = 13.0
        height = max(GANTT_ROW, len(lines) * line_height + 6)
        layout.append((row, lines, line_height, top, height))
        top += height
    rows_bottom = max(top, axis_y + GANTT_ROW)

    body: list[str] = []
    for row, _lines, _line_height, row_top, height in layout:
        if isinstance(row, GanttPhase):
            body.append(
                f'<rect x="{EDGE}" y="{_n(row_top)}" width="{_n(width - 2 * EDGE)}" height="{_n(height)}" '
                f'fill="{PHASE_BAND}"/>'
            )

    # Month grid: a light line at every month start, labels every month or every few months as space allows.
    months = _month_starts(first, last)
    label_width = _text_width("0000-00", SMALL_FONT_SIZE) + 3
    month_width = 30.4 * day_width
    minimum_step = 3 if len(months) > 24 else 1
    step = next((s for s in _MONTH_STEPS if s >= minimum_step and s * month_width >= label_width), _MONTH_STEPS[-1])
    for month in months:
        x = x_of(month)
        labelled = (month.year * 12 + month.month - 1) % step == 0
        if not labelled and month_width < 4:
            continue  # decades of months would turn the grid grey
        text = f"{month.year:04d}-{month.month:02d}"
        labelled = labelled and x + 3 + _text_width(text, SMALL_FONT_SIZE) <= width - EDGE
        # A labelled month's line rises through the header beside its label; the others start at the axis.
        body.append(
            f'<line x1="{_n(x)}" y1="{_n(EDGE if labelled else axis_y)}" x2="{_n(x)}" y2="{_n(rows_bottom)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        if labelled:
            body.append(
                f'<text x="{_n(x + 3)}" y="{_n(month_label_y)}" font-size="{SMALL_FONT_SIZE}" '
                f'fill="{MUTED}">{text}</text>'
            )
    body.append(
        f'<line x1="{_n(plot_left)}" y1="{_n(axis_y)}" x2="{_n(width - EDGE)}" y2="{_n(axis_y)}" '
        f'stroke="{GRID_STRONG}" stroke-width="1"/>'
    )
    body.append(
        f'<line x1="{EDGE}" y1="{_n(rows_bottom)}" x2="{_n(width - EDGE)}" y2="{_n(rows_bottom)}" '
        f'stroke="{GRID_STRONG}" stroke-width="1"/>'
    )

    for row, lines, line_height, row_top, height in layout:
        mid = row_top + height / 2
        body.append("<g>")
        if isinstance(row, GanttPhase):
            body.append(_text_block(lines, EDGE + 2, mid - len(lines) * line_height / 2, line_height=line_height,
                                    weight="700", full_text=row.label))
            body.extend(_phase_bars(row, mid, today, texts, x_of, end_of))
        else:
            body.append(_text_block(lines, EDGE + 2 + GANTT_INDENT, mid - len(lines) * line_height / 2,
                                    font_size=MILESTONE_FONT_SIZE, line_height=line_height, fill=INK,
                                    full_text=row.label))
            body.extend(_milestone_marks(row, mid, texts, centre))
        body.append("</g>")

    # Today: a dashed red line over every row, its label on a pale backing just above the axis.
    today_x = centre(today)
    today_text = texts["today"]
    today_width = _text_width(today_text, SMALL_FONT_SIZE)
    label_x = _clamp(today_x, plot_left + today_width / 2 + 2, width - EDGE - today_width / 2 - 2)
    body.append(
        f'<rect x="{_n(label_x - today_width / 2 - 2)}" y="{_n(today_label_y - 9)}" width="{_n(today_width + 4)}" '
        f'height="12" fill="{WHITE}"/>'
    )
    body.append(
        f'<text x="{_n(label_x)}" y="{_n(today_label_y)}" text-anchor="middle" font-size="{SMALL_FONT_SIZE}" '
        f'fill="{TODAY_STROKE}">{escape(today_text)}</text>'
    )
    body.append(
        f'<line x1="{_n(today_x)}" y1="{_n(today_label_y + 3)}" x2="{_n(today_x)}" y2="{_n(rows_bottom)}" '
        f'stroke="{TODAY_STROKE}" stroke-width="1.5" stroke-dasharray="4 3"/>'
    )

    legend_elements, bottom = _gantt_legend_items(texts, EDGE, width - EDGE, rows_bottom + 12)
    body.extend(legend_elements)
    return _svg(width, bottom + EDGE, title or "Timeline", body)


def _span_text(start: date | None, end: date | None) -> str:
    return f"{start.isoformat() if start else NO_VALUE} – {end.isoformat() if end else NO_VALUE}"


def _phase_bars(phase: GanttPhase, mid: float, today: date, texts: Mapping[str, str],
                x_of: Callable[[date], float], end_of: Callable[[date], float]) -> list[str]:
    """Draw a phase's thin planned bar and, above it, its thicker actual bar; a phase with no dates gets none."""
    bars = []
    planned = [day for day in (phase.planned_start, phase.planned_end) if day is not None]
    if planned:
        left, right = x_of(min(planned)), end_of(max(planned))
        bars.append(
            f'<rect x="{_n(left)}" y="{_n(mid + 3)}" width="{_n(max(right - left, 2.0))}" height="5" '
            f'fill="{PLANNED_FILL}" stroke="{PLANNED_STROKE}" stroke-width="1"/>'
        )
    if phase.actual_start is not None:
        finish = phase.actual_end if phase.actual_end is not None else today
        left, right = x_of(min(phase.actual_start, finish)), end_of(max(phase.actual_start, finish))
        bars.append(
            f'<rect x="{_n(left)}" y="{_n(mid - 7)}" width="{_n(max(right - left, 2.0))}" height="9" '
            f'fill="{PHASE_COLOURS[phase.state]}"/>'
        )
    if not bars:
        return []
    tooltip = (f"{phase.label}\n{texts['planned']}: {_span_text(phase.planned_start, phase.planned_end)}\n"
               f"{texts['actual']}: {_span_text(phase.actual_start, phase.actual_end)}")
    return [f"<g><title>{escape(tooltip)}</title>", *bars, "</g>"]


def _milestone_marks(milestone: GanttMilestone, mid: float, texts: Mapping[str, str],
                     centre: Callable[[date], float]) -> list[str]:
    """Draw the slip from baseline to planned date, the hollow baseline diamond and the milestone's diamond."""
    marks = []
    slipped = milestone.baseline is not None and milestone.baseline != milestone.planned
    if slipped and milestone.baseline is not None:
        if milestone.planned is not None:
            marks.append(
                f'<line x1="{_n(centre(milestone.baseline))}" y1="{_n(mid)}" x2="{_n(centre(milestone.planned))}" '
                f'y2="{_n(mid)}" stroke="{BASELINE_STROKE}" stroke-width="1.2" stroke-dasharray="3 2"/>'
            )
        marks.append(_diamond(centre(milestone.baseline), mid, BASELINE_DIAMOND, WHITE, BASELINE_STROKE, 1.5))
    shown = milestone.actual if milestone.actual is not None else milestone.planned
    if shown is not None:
        marks.append(_diamond(centre(shown), mid, DIAMOND, RAG_COLOURS[milestone.rag], WHITE, 1.0))
    if not marks:
        return []
    details = [texts[milestone.rag]]
    for key, day in (("planned", milestone.planned), ("baseline", milestone.baseline), ("actual", milestone.actual)):
        if day is not None:
            details.append(f"{texts[key]}: {day.isoformat()}")
    tooltip = f"{milestone.label}\n" + " · ".join(details)
    return [f"<g><title>{escape(tooltip)}</title>", *marks, "</g>"]


# --- rollout matrix -----------------------------------------------------------------------------

# Colours of a rollout cell's stage, from not started (grey) through pilot and rollout to live (green).
STAGE_COLOURS = {
    "not_started": EMPTY_CELL,
    "pilot": "#8e44ad",
    "template_ready": "#2e86c1",
    "rolling_out": "#f0ad4e",
    "live": "#5cb85c",
    "optimising": "#1e8449",
}
LATE = "#c0392b"


@dataclass(frozen=True)
class MatrixCell:
    """One unit × function cell: its stage key, whether it is late, a link and a tooltip."""

    stage: str
    late: bool = False
    href: str = ""
    title: str = ""


@dataclass(frozen=True)
class MatrixRow:
    """One unit of the matrix, under its group (region) heading."""

    label: str
    group: str
    cells: tuple[MatrixCell, ...]


def stage_matrix(columns: Sequence[str], rows: Sequence[MatrixRow], *, legend: Sequence[tuple[str, str]],
                 late_label: str, title: str = "") -> Markup:
    """Render the rollout matrix: units (grouped by region) × functions, each cell coloured by its stage."""
    for index, row in enumerate(rows):
        if len(row.cells) != len(columns):
            raise ValueError(f"row {index} has {len(row.cells)} cells for {len(columns)} columns")
    headers = [_wrap(label, max_units=14) for label in columns]
    labels = [_wrap(row.label, max_units=24, max_lines=1) for row in rows]
    column_width = max(64.0, _block_width([line for lines in headers for line in lines]) + 10)
    cell_height, gap, group_height = 20, 3, LINE_HEIGHT + 8
    label_width = max(_block_width([line for lines in labels for line in lines]),
                      _block_width([row.group for row in rows], FONT_SIZE))
    grid_left = EDGE + label_width + 10
    grid_top = EDGE + max((len(lines) for lines in headers), default=1) * LINE_HEIGHT + 6
    body: list[str] = []
    for index, (lines, text) in enumerate(zip(headers, columns)):
        centre = grid_left + index * (column_width + gap) + column_width / 2
        body.append(_text_block(lines, centre, grid_top - 4 - len(lines) * LINE_HEIGHT, anchor="middle", weight="600",
                                full_text=text))
    y = grid_top
    group = None
    for lines, row in zip(labels, rows):
        if row.group != group:
            group = row.group
            body.append(_text_block([group], EDGE, y + 4, weight="600", fill=MUTED))
            y += group_height
        body.append(_text_block(lines, grid_left - 8, y + (cell_height - LINE_HEIGHT) / 2, anchor="end", font_size=11,
                                full_text=row.label))
        for index, cell in enumerate(row.cells):
            left = grid_left + index * (column_width + gap)
            stroke = f' stroke="{LATE}" stroke-width="2"' if cell.late else ""
            rect = (f'<rect x="{_n(left + (1 if cell.late else 0))}" y="{_n(y + (1 if cell.late else 0))}" '
                    f'width="{_n(column_width - (2 if cell.late else 0))}" height="{_n(cell_height - (2 if cell.late else 0))}" '
                    f'rx="2" fill="{STAGE_COLOURS.get(cell.stage, EMPTY_CELL)}"{stroke}>'
                    f'{f"<title>{escape(cell.title)}</title>" if cell.title else ""}</rect>')
            body.append(f'<a href="{escape(cell.href)}">{rect}</a>' if cell.href else rect)
        y += cell_height + gap
    width = grid_left + len(columns) * (column_width + gap) - gap + EDGE
    items = [*legend, ("late", late_label)]
    widths = [22 + _text_width(text, 11) for _key, text in items]
    legend_rows = _pack_rows(widths, max(width, 320) - 2 * EDGE, 14)
    top = y + 10
    for row_index, row_items in enumerate(legend_rows):
        x = EDGE
        row_top = top + row_index * (LINE_HEIGHT + 4)
        for item_index in row_items:
            key, text = items[item_index]
            if key == "late":
                swatch = (f'<rect x="{_n(x + 1)}" y="{_n(row_top + 3)}" width="14" height="10" rx="2" fill="{WHITE}" '
                          f'stroke="{LATE}" stroke-width="2"/>')
            else:
                swatch = f'<rect x="{_n(x)}" y="{_n(row_top + 2)}" width="16" height="12" rx="2" fill="{STAGE_COLOURS[key]}"/>'
            body.append(swatch)
            body.append(_text_block([text], x + 20, row_top, font_size=11))
            x += widths[item_index] + 14
    height = top + len(legend_rows) * (LINE_HEIGHT + 4) + EDGE
    return _svg(max(width, 320), height, title or "Rollout matrix", body)
