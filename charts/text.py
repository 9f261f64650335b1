"""Measure, wrap and place chart text: Latin and CJK labels in a few lines, each its own <text> element."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from markupsafe import escape

from charts.svg import FONT_SIZE, _n

# Text widths are estimated from character classes, so layouts leave a little slack rather than
# measuring fonts.

LINE_HEIGHT = 15
SMALL_FONT_SIZE = 10
LABEL_UNITS = 18.0  # one line holds about 18 latin or 8 CJK characters
WIDE_UNITS = 2.25
LABEL_LINES = 2
ELLIPSIS = "…"
NO_VALUE = "–"

# Characters that Chinese typesetting never puts at the start of a line.
_NO_LINE_START = frozenset("，。、；：！？）》」』】〕…,.;:!?)]}%")


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
        last = _unwrapped(lines[max_lines - 1 :])
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


def _fit_lines(
    text: str, max_width: float, font_size: float, *, bold: bool = False, max_lines: int = LABEL_LINES
) -> tuple[str, ...]:
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
    last = _unwrapped(lines[max_lines - 1 :])
    while last and width(last.rstrip() + ELLIPSIS) > max_width:
        last = last[:-1]
    return (*lines[: max_lines - 1], last.rstrip() + ELLIPSIS)


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
