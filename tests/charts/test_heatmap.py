"""Check the heatmap: a cell per value, colours from red to green, empty cells, formats and contrast."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from charts.heatmap import heatmap
from charts.palette import HEAT_STOPS
from tests.charts.helpers import elements, parse, texts


def cells(root: ET.Element) -> list[ET.Element]:
    return [r for r in elements(root, "rect") if r.get("rx") == "2"]


@pytest.mark.parametrize(("rows", "columns"), [(1, 1), (3, 2), (10, 5), (2, 0), (0, 3)])
def test_heatmap_draws_a_cell_per_value(rows: int, columns: int) -> None:
    values = [[3.0] * columns for _ in range(rows)]
    root = parse(heatmap([f"r{r}" for r in range(rows)], [f"c{c}" for c in range(columns)], values))
    assert len(cells(root)) == rows * columns
    assert texts(root).count("3.0") == rows * columns


def test_heatmap_colours_run_from_red_to_green() -> None:
    root = parse(heatmap(["r"], ["low", "middle", "high", "below", "above"], [[1.0, 3.0, 5.0, -2.0, 9.0]]))
    assert [c.get("fill") for c in cells(root)] == [
        HEAT_STOPS[0],
        HEAT_STOPS[1],
        HEAT_STOPS[2],
        HEAT_STOPS[0],
        HEAT_STOPS[2],
    ]


def test_heatmap_empty_cells_show_the_empty_label() -> None:
    root = parse(heatmap(["a", "b"], ["x", "y"], [[None, 2.0], [None, None]], empty_label="n/a"))
    assert texts(root).count("n/a") == 3
    assert len({c.get("fill") for c in cells(root)}) == 2


def test_heatmap_formats_values() -> None:
    root = parse(heatmap(["a"], ["x"], [[0.456]], min_value=0.0, max_value=1.0, value_format="{:.0%}"))
    assert "46%" in texts(root)


def test_heatmap_text_contrasts_with_its_cell() -> None:
    root = parse(heatmap(["a"], ["x", "y"], [[1.0, 3.0]]))
    value_texts = [t for t in elements(root, "text") if t.text in ("1.0", "3.0")][:2]
    assert value_texts[0].get("fill") != value_texts[1].get("fill")


def test_heatmap_grows_with_rows_and_columns() -> None:
    def size(rows: int, columns: int) -> tuple[int, int]:
        root = parse(
            heatmap(
                [str(r) for r in range(rows)], [str(c) for c in range(columns)], [[2.0] * columns for _ in range(rows)]
            )
        )
        return int(root.get("width", "")), int(root.get("height", ""))

    assert size(3, 8)[0] > size(3, 4)[0]
    assert size(8, 3)[1] > size(4, 3)[1]


@pytest.mark.parametrize(
    ("rows", "columns", "values", "min_value", "max_value"),
    [
        (["a"], ["x"], [], 1.0, 5.0),
        (["a"], ["x"], [[1.0, 2.0]], 1.0, 5.0),
        (["a"], ["x"], [[1.0]], 5.0, 5.0),
    ],
    ids=["missing row", "extra column", "no range"],
)
def test_heatmap_rejects_bad_input(
    rows: list[str], columns: list[str], values: list[list[float | None]], min_value: float, max_value: float
) -> None:
    with pytest.raises(ValueError):
        heatmap(rows, columns, values, min_value=min_value, max_value=max_value)
