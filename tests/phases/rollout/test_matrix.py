"""Pure rollout rules: pilot ranking, proposal and coverage, stage moves, progress, lateness and training needs."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from phases.rollout.enums import CellStage
from phases.rollout.matrix import (
    Candidate,
    CellFact,
    CellMove,
    CoverageFinding,
    CoverageKind,
    LateKind,
    MoveRefusal,
    PilotRefusal,
    cell_lateness,
    coverage_check,
    evaluation_refusal,
    late_units,
    manual_moves,
    move_refusal,
    pilot_choice_refusal,
    pilot_score,
    progress_by,
    propose_pilots,
    rank_candidates,
    shown_path,
    stage_path,
    training_needs,
)

TODAY = date(2026, 12, 1)
S = CellStage


@pytest.mark.parametrize(
    ("scores", "weights", "expected"),
    [
        ((5, 5, 5, 5), (1, 1, 1, 1), 5.0),
        ((5, 3, 4, 2), (1, 1, 1, 1), 3.5),
        ((5, 1, 1, 5), (3, 2, 2, 3), 3.4),  # typical and foundation weigh more
        ((4, 4, 4, 1), (1, 1, 1, 0), 4.0),  # a weight of 0 ignores a criterion
        ((4, None, 4, 4), (1, 1, 1, 1), None),  # not every criterion scored yet
        ((4, 4, 4, 4), (0, 0, 0, 0), None),  # no weight at all
    ],
)
def test_pilot_score(scores, weights, expected) -> None:
    assert pilot_score(scores, weights) == expected


def _candidates(*rows: tuple[int, str, tuple]) -> list[Candidate]:
    return [Candidate(unit_id, f"U{unit_id}", region, scores) for unit_id, region, scores in rows]


@pytest.mark.parametrize(
    ("rows", "ranking", "core"),
    [
        ([(1, "东", (3, 3, 3, 3)), (2, "南", (5, 5, 5, 5)), (3, "北", (4, 4, 4, 4))], [2, 3, 1], {2, 3}),
        (
            [(1, "东", (4, 4, 4, 4)), (2, "南", (None, 5, 5, 5)), (3, "北", (4, 4, 4, 4))],
            [1, 3, 2],
            {1, 3},
        ),  # ties by name
        ([(1, "东", (1, 1, 1, 1))], [1], set()),
    ],
)
def test_rank_candidates(rows, ranking, core) -> None:
    ranked = rank_candidates(_candidates(*rows), (1, 1, 1, 1), core_score=4.0)
    assert [item.unit_id for item in ranked] == ranking
    assert {item.unit_id for item in ranked if item.core} == core
    assert [item.rank for item in ranked if item.score is None] in ([], [None])


@pytest.mark.parametrize(
    ("rows", "limit", "proposal"),
    [
        # The best unit, then the best core point of another region.
        ([(1, "东", (5, 5, 5, 5)), (2, "东", (5, 5, 5, 4)), (3, "南", (4, 4, 4, 4))], 2, (1, 3)),
        # A second region without a core point gets no proposed pilot.
        ([(1, "东", (5, 5, 5, 5)), (2, "南", (3, 3, 3, 3))], 2, (1,)),
        # Even a weak best unit is proposed: somebody has to pilot.
        ([(1, "东", (2, 2, 2, 2)), (2, "南", (1, 1, 1, 1))], 2, (1,)),
        ([(1, "东", (5, 5, 5, 5)), (2, "南", (4, 4, 4, 4)), (3, "北", (4, 4, 4, 4))], 1, (1,)),
        ([(1, "东", (None, 5, 5, 5))], 2, ()),
    ],
)
def test_propose_pilots(rows, limit, proposal) -> None:
    assert propose_pilots(rank_candidates(_candidates(*rows), (1, 1, 1, 1), 4.0), limit) == proposal


@pytest.mark.parametrize(
    ("pilots", "max_per_region", "findings"),
    [
        ({1, 3}, 1, []),
        ({1}, 1, [CoverageFinding(CoverageKind.UNCOVERED_REGION, "南")]),
        (
            {1, 2},
            1,
            [
                CoverageFinding(CoverageKind.UNCOVERED_REGION, "南"),
                CoverageFinding(CoverageKind.CROWDED_REGION, "东", 2),
            ],
        ),
        ({1, 2, 3}, 2, []),
        ({4, 3}, 1, [CoverageFinding(CoverageKind.UNCOVERED_REGION, "东")]),  # region 北 has no core point: no finding
        (set(), 1, [CoverageFinding(CoverageKind.NO_PILOT)]),
    ],
)
def test_coverage_check(pilots, max_per_region, findings) -> None:
    ranked = rank_candidates(
        _candidates((1, "东", (5, 5, 5, 5)), (2, "东", (4, 4, 4, 4)), (3, "南", (4, 4, 5, 5)), (4, "北", (2, 2, 2, 2))),
        (1, 1, 1, 1),
        4.0,
    )
    assert coverage_check(ranked, pilots, max_per_region) == findings


@pytest.mark.parametrize(
    ("finding", "no_pilot", "uncovered"),
    [
        (CoverageFinding(CoverageKind.NO_PILOT), True, False),
        (CoverageFinding(CoverageKind.UNCOVERED_REGION, "南"), False, True),
        (CoverageFinding(CoverageKind.CROWDED_REGION, "东", 2), False, False),
    ],
)
def test_coverage_findings_say_what_they_are(finding, no_pilot, uncovered) -> None:
    assert (finding.is_no_pilot, finding.is_uncovered_region) == (no_pilot, uncovered)


@pytest.mark.parametrize(
    ("chosen", "note", "piloting", "refusal"),
    [
        (set(), "", set(), PilotRefusal.NONE_CHOSEN),
        ({1, 5}, "", set(), PilotRefusal.NOT_SCORED),  # 5 is not scored yet
        ({1, 6}, "", set(), PilotRefusal.NOT_SCORED),  # 6 is no candidate at all
        ({1}, "", set(), PilotRefusal.COVERAGE_UNEXPLAINED),  # 南 has a core point but no pilot
        ({1}, "  ", set(), PilotRefusal.COVERAGE_UNEXPLAINED),  # blank is no reason
        ({1, 2, 3}, "", set(), PilotRefusal.COVERAGE_UNEXPLAINED),  # two pilots in 东, one allowed
        ({1}, "南 follows in the first wave", set(), None),
        ({1, 3}, "", set(), None),
        ({1, 3}, "", {1}, None),
        ({1, 3}, "", {2}, PilotRefusal.STILL_PILOTING),  # 2 pilots a function: it stays a pilot
    ],
)
def test_pilot_choice_refusal(chosen, note, piloting, refusal) -> None:
    ranked = rank_candidates(
        _candidates(
            (1, "东", (5, 5, 5, 5)),
            (2, "东", (4, 4, 4, 4)),
            (3, "南", (4, 4, 5, 5)),
            (4, "北", (2, 2, 2, 2)),
            (5, "北", (None, 2, 2, 2)),
        ),
        (1, 1, 1, 1),
        4.0,
    )
    assert pilot_choice_refusal(ranked, chosen, 1, note, piloting) is refusal


@pytest.mark.parametrize(
    ("current", "target", "pilot", "template", "by_evaluation", "refusal"),
    [
        (S.NOT_STARTED, S.PILOT, True, False, False, None),
        (S.NOT_STARTED, S.PILOT, False, False, False, MoveRefusal.NOT_A_PILOT),
        (S.NOT_STARTED, S.ROLLING_OUT, False, False, False, MoveRefusal.NO_TEMPLATE),  # no rollout before the template
        (S.NOT_STARTED, S.ROLLING_OUT, False, True, False, None),
        (S.NOT_STARTED, S.ROLLING_OUT, True, True, False, None),  # a pilot unit may take another pilot's template
        (S.NOT_STARTED, S.LIVE, False, True, False, MoveRefusal.NOT_ALLOWED),
        (S.PILOT, S.TEMPLATE_READY, True, False, False, None),
        (S.PILOT, S.ROLLING_OUT, True, True, False, MoveRefusal.NOT_ALLOWED),
        (S.TEMPLATE_READY, S.LIVE, True, True, False, None),
        (S.ROLLING_OUT, S.LIVE, False, True, False, None),
        (S.ROLLING_OUT, S.NOT_STARTED, False, True, False, MoveRefusal.NOT_ALLOWED),
        (S.LIVE, S.OPTIMISING, False, True, False, MoveRefusal.NEEDS_EVALUATION),
        (S.LIVE, S.OPTIMISING, False, True, True, None),
        (S.OPTIMISING, S.LIVE, False, True, False, MoveRefusal.NOT_ALLOWED),
    ],
)
def test_move_refusal(current, target, pilot, template, by_evaluation, refusal) -> None:
    assert move_refusal(CellMove(current, target, pilot, template, by_evaluation)) is refusal


@pytest.mark.parametrize(
    ("stage", "live", "days", "today", "refusal"),
    [
        (S.LIVE, date(2026, 9, 1), 90, TODAY, None),
        (S.LIVE, date(2026, 11, 1), 90, TODAY, MoveRefusal.RUN_PERIOD),
        (S.LIVE, date(2026, 9, 2), 90, date(2026, 12, 1), None),  # the run period's last day has passed
        (S.LIVE, date(2026, 9, 3), 90, date(2026, 12, 1), MoveRefusal.RUN_PERIOD),
        (S.ROLLING_OUT, None, 90, TODAY, MoveRefusal.NOT_ALLOWED),
        (S.OPTIMISING, date(2026, 1, 1), 90, TODAY, MoveRefusal.NOT_ALLOWED),
    ],
)
def test_evaluation_refusal(stage, live, days, today, refusal) -> None:
    assert evaluation_refusal(stage, live, days, today) is refusal


@pytest.mark.parametrize(
    ("fact", "lateness"),
    [
        (CellFact(1, 1, S.ROLLING_OUT, date(2026, 10, 1), date(2026, 11, 21)), (LateKind.NOT_LIVE, 10)),
        (CellFact(1, 1, S.LIVE, date(2026, 10, 1), date(2026, 11, 21)), None),
        (CellFact(1, 1, S.OPTIMISING, None, date(2026, 1, 1)), None),
        (CellFact(1, 1, S.NOT_STARTED, date(2026, 11, 28), date(2027, 1, 1)), (LateKind.NOT_STARTED, 3)),
        (CellFact(1, 1, S.PILOT, date(2026, 11, 28), date(2027, 1, 1)), None),
        (CellFact(1, 1, S.NOT_STARTED, date(2026, 12, 1), None), None),
        (CellFact(1, 1, S.NOT_STARTED), None),
    ],
)
def test_cell_lateness(fact, lateness) -> None:
    assert cell_lateness(fact, TODAY) == lateness


def test_late_units_worst_first() -> None:
    cells = [
        CellFact(1, 1, S.ROLLING_OUT, None, date(2026, 11, 30)),
        CellFact(1, 2, S.NOT_STARTED, date(2026, 11, 29)),
        CellFact(2, 1, S.ROLLING_OUT, None, date(2026, 11, 1)),
        CellFact(3, 1, S.LIVE, None, date(2026, 1, 1)),
    ]
    assert [(unit.unit_id, unit.late_cells, unit.worst_days) for unit in late_units(cells, TODAY)] == [
        (2, 1, 30),
        (1, 2, 2),
    ]


@pytest.mark.parametrize(
    ("stages", "total", "done", "started", "percent"),
    [
        ([S.LIVE, S.OPTIMISING, S.NOT_STARTED, S.ROLLING_OUT], 4, 2, 3, 50.0),
        ([S.NOT_STARTED, S.NOT_STARTED], 2, 0, 0, 0.0),
        ([S.PILOT, S.TEMPLATE_READY, S.LIVE], 3, 1, 3, 100 / 3),
        ([], 0, 0, 0, 0.0),
    ],
)
def test_progress(stages, total, done, started, percent) -> None:
    cells = [CellFact(index, 1, stage) for index, stage in enumerate(stages)]
    (group,) = progress_by(cells, lambda cell: "all", ["all"])
    assert (group.total, group.done, group.started) == (total, done, started)
    assert group.percent_done == pytest.approx(percent)
    assert sum(group.by_stage) == total


def test_progress_groups_keep_their_order_and_empty_groups() -> None:
    cells = [CellFact(1, 1, S.LIVE), CellFact(1, 2, S.NOT_STARTED), CellFact(2, 1, S.ROLLING_OUT)]
    groups = progress_by(cells, lambda cell: cell.function_id, [2, 1, 3])
    assert [(group.key, group.total, group.done) for group in groups] == [(2, 1, 0), (1, 2, 1), (3, 0, 0)]


@pytest.mark.parametrize(
    ("headcount", "expected"),
    [
        (420, [("sales", 147, 6), ("managers", 34, 2)]),
        (10, [("sales", 4, 1), ("managers", 1, 1)]),
        (None, [("sales", 1, 1), ("managers", 1, 1)]),  # an unknown size still trains somebody
    ],
)
def test_training_needs(headcount, expected) -> None:
    needs = training_needs(headcount, [("sales", 0.35), ("managers", 0.08)], class_size=25)
    assert [(need.audience, need.participants, need.sessions) for need in needs] == expected


def test_training_needs_need_a_class_size() -> None:
    with pytest.raises(ValueError):
        training_needs(100, [("sales", 0.5)], class_size=0)


@pytest.mark.parametrize(
    ("pilot", "path"),
    [
        (True, (S.NOT_STARTED, S.PILOT, S.TEMPLATE_READY, S.LIVE, S.OPTIMISING)),
        (False, (S.NOT_STARTED, S.ROLLING_OUT, S.LIVE, S.OPTIMISING)),
    ],
)
def test_stage_path_follows_the_allowed_moves(pilot, path) -> None:
    assert stage_path(pilot) == path
    for current, following in pairwise(path):
        assert move_refusal(CellMove(current, following, pilot, template_ready=True, by_evaluation=True)) is None


@pytest.mark.parametrize(
    ("stage", "moves"),
    [
        (S.NOT_STARTED, (S.PILOT, S.ROLLING_OUT)),
        (S.PILOT, (S.TEMPLATE_READY,)),
        (S.ROLLING_OUT, (S.LIVE,)),
        (S.LIVE, ()),  # "optimising" comes only with an evaluation
        (S.OPTIMISING, ()),
    ],
)
def test_manual_moves(stage, moves) -> None:
    assert manual_moves(stage) == moves


@pytest.mark.parametrize(
    ("stage", "pilot", "path"),
    [
        (S.PILOT, True, stage_path(True)),
        (S.ROLLING_OUT, False, stage_path(False)),
        (S.ROLLING_OUT, True, tuple(CellStage)),  # a pilot unit taking another pilot's template left its path
        (S.PILOT, False, tuple(CellStage)),  # a unit no longer a pilot, still piloting
    ],
)
def test_shown_path(stage, pilot, path) -> None:
    assert shown_path(stage, pilot) == path
