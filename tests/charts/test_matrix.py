"""The rollout matrix carries each stage and lateness by a symbol as well as by colour."""

from __future__ import annotations

import pytest

from charts.matrix import LATE_SYMBOL, STAGE_COLOURS, STAGE_SYMBOLS, MatrixCell, MatrixRow, stage_matrix
from tests.charts.helpers import elements, parse, texts

LEGEND = tuple((stage, stage.replace("_", " ")) for stage in STAGE_COLOURS)


def _matrix(cells: tuple[MatrixCell, ...]) -> str:
    columns = tuple(f"Function {index}" for index in range(len(cells)))
    return stage_matrix(columns, [MatrixRow("上海分公司", "华东", cells)], legend=LEGEND, late_label="late")


def test_every_stage_has_its_own_symbol() -> None:
    assert set(STAGE_SYMBOLS) == set(STAGE_COLOURS)
    assert len(set(STAGE_SYMBOLS.values())) == len(STAGE_SYMBOLS)
    assert LATE_SYMBOL not in STAGE_SYMBOLS.values()


@pytest.mark.parametrize("stage", list(STAGE_COLOURS))
def test_a_cell_shows_its_stage_symbol_in_the_grid_and_in_the_legend(stage: str) -> None:
    written = texts(parse(_matrix((MatrixCell(stage),))))
    assert written.count(STAGE_SYMBOLS[stage]) == 2  # once in the cell, once beside the legend's swatch


@pytest.mark.parametrize(("late", "marks"), [(False, 1), (True, 2)])
def test_a_late_cell_is_marked_beside_its_outline(late: bool, marks: int) -> None:
    root = parse(_matrix((MatrixCell("rolling_out", late=late),)))
    assert texts(root).count(LATE_SYMBOL) == marks  # the legend's late entry, and the late cell itself


def test_the_two_greens_differ_in_symbol() -> None:
    written = texts(parse(_matrix((MatrixCell("live"), MatrixCell("optimising")))))
    assert STAGE_SYMBOLS["live"] in written and STAGE_SYMBOLS["optimising"] in written
    assert STAGE_SYMBOLS["live"] != STAGE_SYMBOLS["optimising"]


@pytest.mark.parametrize(("href", "role"), [("", "img"), ("/cells/1", "group")])
def test_a_linked_matrix_is_a_named_group_and_each_link_is_named(href: str, role: str) -> None:
    root = parse(_matrix((MatrixCell("pilot", href=href, title="上海分公司 · Pilot"),)))
    assert root.get("role") == role
    for link in elements(root, "a"):
        assert link.get("aria-label") == "上海分公司 · Pilot"


def test_the_output_is_deterministic() -> None:
    cells = (MatrixCell("live", late=True, href="/c/1", title="a"), MatrixCell("optimising"))
    assert str(_matrix(cells)) == str(_matrix(cells))
