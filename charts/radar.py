"""Draw a radar (spider) chart: one polygon per series of scores over the same axes."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from markupsafe import Markup, escape

from charts.legend import _pack_rows
from charts.palette import BRAND, GRID, GRID_STRONG, MUTED, OVERLAY_PALETTE, TARGET, WHITE
from charts.scale import _clamp, _grid_levels
from charts.svg import EDGE, _n, _svg
from charts.text import LINE_HEIGHT, _block_width, _text_block, _text_width, _wrap


@dataclass(frozen=True)
class RadarSeries:
    """One polygon on a radar chart."""

    name: str
    values: tuple[float | None, ...]  # one per axis; None = no data: the point is skipped and gets no dot
    kind: str = "current"  # "current", "target" or "overlay"


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
_LABEL_GAP = 10  # between the outer ring and an axis label


@dataclass(frozen=True)
class _AxisLabel:
    """An axis label's lines, anchor and position relative to the radar's centre."""

    lines: tuple[str, ...]
    anchor: str
    x: float
    top: float


@dataclass(frozen=True)
class _RadarFrame:
    """Where the radar's centre sits in the viewBox and how far its outer ring reaches."""

    cx: float
    cy: float
    radius: float
    max_value: float

    def point(self, angle: float, value: float) -> tuple[float, float]:
        """Return where value lies on the axis at angle, clamped to the outer ring."""
        distance = self.radius * _clamp(value, 0.0, self.max_value) / self.max_value
        return self.cx + distance * math.sin(angle), self.cy - distance * math.cos(angle)


def _points_attr(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


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


def _radar_legend(
    series: Sequence[RadarSeries], styles: Sequence[_SeriesStyle], width: float, top: float
) -> tuple[list[str], float]:
    """Lay legend items out in centred rows; return the elements and the legend's bottom edge."""
    if not series:
        return [], top
    spacing = 16
    entries = [
        (item, style, name, 26 + _block_width(name))
        for item, style in zip(series, styles)
        for name in [_wrap(item.name, max_units=28, max_lines=1)]
    ]
    rows = [
        [entries[index] for index in row]
        for row in _pack_rows([entry[3] for entry in entries], width - 2 * EDGE, spacing)
    ]
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


def _check_radar_input(axes: Sequence[str], series: Sequence[RadarSeries], max_value: float) -> None:
    if max_value <= 0:
        raise ValueError("max_value must be positive")
    for item in series:
        if len(item.values) != len(axes):
            raise ValueError(f"series {item.name!r} has {len(item.values)} values for {len(axes)} axes")


def _radar_radius(labels: Sequence[tuple[str, ...]], angles: Sequence[float], size: int) -> float:
    """Return the largest radius that keeps every axis label inside the width; the height simply grows."""
    half = size / 2
    radius = half - EDGE - _LABEL_GAP
    for lines, angle in zip(labels, angles):
        reach = abs(math.sin(angle))
        label_width = _block_width(lines)
        room = label_width if reach > 0.3 else label_width / 2
        if reach > 1e-9:
            radius = min(radius, (half - EDGE - room) / reach - _LABEL_GAP)
    return max(radius, size * 0.18)


def _place_axis_labels(
    labels: Sequence[tuple[str, ...]], angles: Sequence[float], radius: float
) -> tuple[list[_AxisLabel], tuple[float, float, float, float]]:
    """Place the axis labels around the centre; return them and the drawing's bounds (min x, max x, min y, max y)."""
    if len(angles) >= 3:
        outline = [(radius * math.sin(angle), -radius * math.cos(angle)) for angle in angles]
        min_x, max_x = min(x for x, _ in outline), max(x for x, _ in outline)
        min_y, max_y = -radius - 4, max(y for _, y in outline)  # 4: room for the top tick number
    else:
        min_x, max_x, min_y, max_y = -radius, radius, -radius - 4, radius
    placed = []
    for lines, angle in zip(labels, angles):
        sin_a, cos_a = math.sin(angle), math.cos(angle)
        x = (radius + _LABEL_GAP) * sin_a
        y = -(radius + _LABEL_GAP) * cos_a
        height = len(lines) * LINE_HEIGHT
        top = y - height / 2 - (height / 2 + 2) * cos_a  # above the point at the top, below it at the bottom
        label_width = _block_width(lines)
        if sin_a > 0.3:
            anchor, left = "start", x
        elif sin_a < -0.3:
            anchor, left = "end", x - label_width
        else:
            anchor, left = "middle", x - label_width / 2
        placed.append(_AxisLabel(lines, anchor, x, top))
        min_x, max_x = min(min_x, left), max(max_x, left + label_width)
        min_y, max_y = min(min_y, top), max(max_y, top + height)
    return placed, (min_x, max_x, min_y, max_y)


def _radar_grid(frame: _RadarFrame, angles: Sequence[float], levels: Sequence[float]) -> list[str]:
    """Draw a ring per grid level, the outer one stronger, and a spoke per axis."""
    elements = []
    for level in levels:
        stroke = GRID_STRONG if level == levels[-1] else GRID
        if len(angles) >= 3:
            ring = _points_attr([frame.point(angle, level) for angle in angles])
            elements.append(f'<polygon points="{ring}" fill="none" stroke="{stroke}" stroke-width="1"/>')
        else:
            # One or two axes cannot span a polygon: rings become circles.
            elements.append(
                f'<circle cx="{_n(frame.cx)}" cy="{_n(frame.cy)}" r="{_n(frame.radius * level / frame.max_value)}" '
                f'fill="none" stroke="{stroke}" stroke-width="1"/>'
            )
    for angle in angles:
        x, y = frame.point(angle, frame.max_value)
        elements.append(
            f'<line x1="{_n(frame.cx)}" y1="{_n(frame.cy)}" x2="{_n(x)}" y2="{_n(y)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
    return elements


def _radar_series(
    series: Sequence[RadarSeries], styles: Sequence[_SeriesStyle], frame: _RadarFrame, angles: Sequence[float]
) -> list[str]:
    """Draw each series as a polygon through its known values, with a dot on each."""
    elements = []
    for item, style in zip(series, styles):
        present = [frame.point(angle, value) for angle, value in zip(angles, item.values) if value is not None]
        elements.append("<g>")
        if len(present) >= 2:
            dash = f' stroke-dasharray="{style.dasharray}"' if style.dasharray else ""
            fill_opacity = f' fill-opacity="{_n(style.fill_opacity)}"' if style.fill != "none" else ""
            elements.append(
                f'<polygon points="{_points_attr(present)}" fill="{style.fill}"{fill_opacity} '
                f'stroke="{style.stroke}" stroke-width="{_n(style.stroke_width)}" stroke-linejoin="round"{dash}/>'
            )
        for x, y in present:
            elements.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(style.dot_radius)}" fill="{style.stroke}"/>')
        elements.append("</g>")
    return elements


def _radar_ticks(frame: _RadarFrame, levels: Sequence[float]) -> list[str]:
    """Write the ring values up the twelve o'clock axis, each on a pale backing so grid lines do not cross it."""
    elements = []
    ring_spacing = frame.radius / len(levels)
    for level in levels:
        if ring_spacing < 10 and level != levels[-1]:
            continue  # on a tiny chart the numbers would pile up: the outer ring alone gives the scale
        _, y = frame.point(0.0, level)
        tick = _n(level)
        elements.append(
            f'<rect x="{_n(frame.cx + 2)}" y="{_n(y + 1)}" width="{_n(_text_width(tick, 9) + 2)}" height="10" '
            f'fill="{WHITE}" fill-opacity="0.75"/>'
        )
        elements.append(
            f'<text x="{_n(frame.cx + 3)}" y="{_n(y + 9)}" font-size="9" fill="{MUTED}">{escape(tick)}</text>'
        )
    return elements


def radar_chart(
    axes: Sequence[str], series: Sequence[RadarSeries], *, max_value: float = 5.0, title: str = "", size: int = 460
) -> Markup:
    """Render a radar (spider) chart of several series over the same axes."""
    _check_radar_input(axes, series, max_value)
    styles = _series_styles(series)
    labels = [_wrap(axis) for axis in axes]
    angles = [2 * math.pi * index / len(axes) for index in range(len(axes))]  # clockwise from twelve o'clock
    radius = _radar_radius(labels, angles, size)
    # Geometry relative to the centre first, then shifted so the whole drawing sits inside the viewBox.
    placed, (min_x, max_x, min_y, max_y) = _place_axis_labels(labels, angles, radius)
    width = max(size, max_x - min_x + 2 * EDGE)
    frame = _RadarFrame(EDGE - min_x + (width - 2 * EDGE - (max_x - min_x)) / 2, EDGE - min_y, radius, max_value)
    levels = [level for level in _grid_levels(max_value) if level > 0]
    body = [*_radar_grid(frame, angles, levels), *_radar_series(series, styles, frame, angles)]
    # Tick numbers go over the series so no polygon or dot hides them.
    body.extend(_radar_ticks(frame, levels))
    for label, axis in zip(placed, axes):
        body.append(
            _text_block(label.lines, frame.cx + label.x, frame.cy + label.top, anchor=label.anchor, full_text=axis)
        )
    legend, bottom = _radar_legend(series, styles, width, frame.cy + max_y + 14)
    body.extend(legend)
    return _svg(width, bottom + EDGE, title or "Radar chart", body)
