"""Read model of the rollout matrix page (and the status report's rollout chapter): heatmap, progress, late units."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date

from flask import url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from charts.matrix import MatrixCell, MatrixRow, stage_matrix
from charts.svg import fonts_for
from core.extensions import db
from core.labels import label
from phases.projects.enums import MilestoneRag
from phases.projects.models import Milestone
from phases.projects.schedule import MilestoneDates, milestone_rag
from phases.rollout.enums import CellStage
from phases.rollout.matrix import CellFact, GroupProgress, cell_lateness, late_units, progress_by
from phases.rollout.read_model import DeviationRow, FunctionColumn, Rollout, UnitRow, project_deviations

PILOTS_GROUP = -1  # the wave key of the pilot units, which model the templates and join no wave


@dataclass(frozen=True)
class ProgressRow:
    """Progress of one function, region or wave, with its name (and, for a function, its template)."""

    name: str
    progress: GroupProgress
    function: FunctionColumn | None = None


@dataclass(frozen=True)
class LateRow:
    """A late unit with its name, region and overdue milestones."""

    unit: UnitRow
    late_cells: int
    worst_days: int
    overdue_milestones: int


@dataclass(frozen=True)
class UnitMilestoneRow:
    """A stage milestone of one unit."""

    id: int
    unit_name: str
    name: str
    owner_id: int | None
    owner_name: str  # "" when nobody owns it
    planned_date: date | None
    actual_date: date | None
    percent_done: int
    is_overdue: bool


@dataclass(frozen=True)
class MatrixView:
    """Everything the matrix page and the status report's rollout chapter show."""

    rollout: Rollout
    heatmap_svg: Markup
    overall: GroupProgress
    by_function: tuple[ProgressRow, ...]
    by_region: tuple[ProgressRow, ...]
    by_wave: tuple[ProgressRow, ...]
    late: tuple[LateRow, ...]
    deviations: tuple[DeviationRow, ...]
    unit_milestones: tuple[UnitMilestoneRow, ...]

    @property
    def pilot_names(self) -> tuple[str, ...]:
        """Return the names of the pilot units."""
        return tuple(unit.name for unit in self.rollout.units if unit.is_pilot)

    @property
    def functions_with_template(self) -> tuple[FunctionColumn, ...]:
        """Return the functions whose pilot produced a template."""
        return tuple(function for function in self.rollout.functions if function.template_ready_on)

    @property
    def open_deviations(self) -> int:
        """Return how many deviations await the supervision team's decision."""
        return sum(1 for row in self.deviations if row.is_proposed)

    @property
    def approved_deviations(self) -> int:
        """Return how many deviations the supervision team approved."""
        return sum(1 for row in self.deviations if row.is_approved)


def stage_legend() -> list[tuple[str, str]]:
    """Return the matrix legend: every stage with its name in the reader's language."""
    return [(stage.value, label(stage)) for stage in CellStage]


def _cell_url(project_id: int) -> Callable[[int, int], str]:
    """Return a maker of cell page addresses: url_for once, not once per cell of a large matrix."""
    unit_mark, function_mark = 987654321, 123456789
    pattern = url_for("rollout.rollout_cell", project_id=project_id, unit_id=unit_mark, function_id=function_mark)
    head, rest = pattern.split(str(unit_mark))
    middle, tail = rest.split(str(function_mark))
    return lambda unit_id, function_id: f"{head}{unit_id}{middle}{function_id}{tail}"


def matrix_svg(rollout: Rollout, facts: list[CellFact], today: date, links: bool = True) -> Markup:
    """Draw the matrix of units × functions from the facts of its cells, coloured by stage, late cells outlined."""
    cell_url = _cell_url(rollout.project_id) if links else None
    stage_names = {stage: label(stage) for stage in CellStage}
    facts_in_order = iter(facts)  # as rollout.facts() lists them: unit by unit, each unit's functions in order
    rows = []
    for unit in rollout.units:
        cells = []
        for function in rollout.functions:
            fact = next(facts_in_order)
            cells.append(
                MatrixCell(
                    fact.stage.value,
                    cell_lateness(fact, today) is not None,
                    cell_url(unit.id, function.id) if cell_url else "",
                    f"{unit.name} · {function.name}: {stage_names[fact.stage]}",
                )
            )
        rows.append(MatrixRow(f"{unit.name} ★" if unit.is_pilot else unit.name, unit.region, tuple(cells)))
    return stage_matrix(
        [function.name for function in rollout.functions],
        rows,
        legend=stage_legend(),
        late_label=_("Late"),
        title=_("Rollout matrix"),
    )


def matrix_view(rollout: Rollout, today: date, links: bool = True) -> MatrixView:
    """Build the matrix page: heatmap, progress per function, region and wave, late units, deviations, unit stages."""
    facts = rollout.facts()
    with fonts_for(str(get_locale())):
        svg = matrix_svg(rollout, facts, today, links)
    return MatrixView(
        rollout=rollout,
        heatmap_svg=svg,
        overall=progress_by(facts, lambda _fact: "all", ["all"])[0],
        by_function=tuple(
            ProgressRow(function.name, progress, function)
            for function, progress in zip(
                rollout.functions, progress_by(facts, lambda fact: fact.function_id, [f.id for f in rollout.functions])
            )
        ),
        by_region=_by_region(rollout, facts),
        by_wave=_by_wave(rollout, facts),
        late=_late_rows(rollout, facts, today),
        deviations=project_deviations(rollout),
        unit_milestones=_unit_milestones(rollout, today),
    )


def _by_region(rollout: Rollout, facts: list[CellFact]) -> tuple[ProgressRow, ...]:
    unit_region = {unit.id: unit.region for unit in rollout.units}
    return tuple(
        ProgressRow(str(progress.key), progress)
        for progress in progress_by(facts, lambda fact: unit_region[fact.unit_id], rollout.regions)
    )


def _by_wave(rollout: Rollout, facts: list[CellFact]) -> tuple[ProgressRow, ...]:
    """Return progress of the pilots, of each wave and of the units in no wave yet, leaving out empty groups."""
    unit_wave = {unit.id: (PILOTS_GROUP if unit.is_pilot else unit.wave_id) for unit in rollout.units}
    wave_names: dict[Hashable, str] = {
        PILOTS_GROUP: _("Pilots"),
        **{wave.id: wave.name for wave in rollout.waves},
        None: _("No wave yet"),
    }
    order = [PILOTS_GROUP, *[wave.id for wave in rollout.waves], None]
    return tuple(
        ProgressRow(wave_names[progress.key], progress)
        for progress in progress_by(facts, lambda fact: unit_wave[fact.unit_id], order)
        if progress.total
    )


def _late_rows(rollout: Rollout, facts: list[CellFact], today: date) -> tuple[LateRow, ...]:
    """Return the units with late cells or overdue milestones, the most late first."""
    overdue = dict(
        db.session.execute(
            select(Milestone.unit_id, func.count(Milestone.id))
            .where(
                Milestone.project_id == rollout.project_id,
                Milestone.unit_id.is_not(None),
                Milestone.planned_date < today,
                Milestone.actual_date.is_(None),
                Milestone.percent_done < 100,
            )
            .group_by(Milestone.unit_id)
        ).all()
    )
    late_found = {item.unit_id: item for item in late_units(facts, today)}
    late = [
        LateRow(
            unit,
            late_found[unit.id].late_cells if unit.id in late_found else 0,
            late_found[unit.id].worst_days if unit.id in late_found else 0,
            overdue.get(unit.id, 0),
        )
        for unit in rollout.units
        if unit.id in late_found or overdue.get(unit.id)
    ]
    late.sort(key=lambda row: (-row.worst_days, -row.overdue_milestones, row.unit.name))
    return tuple(late)


def _unit_milestones(rollout: Rollout, today: date) -> tuple[UnitMilestoneRow, ...]:
    names = {unit.id: unit.name for unit in rollout.units}
    found = db.session.scalars(
        select(Milestone)
        .options(joinedload(Milestone.owner))
        .where(Milestone.project_id == rollout.project_id, Milestone.unit_id.is_not(None))
        .order_by(Milestone.planned_date.is_(None), Milestone.planned_date, Milestone.id)
    ).all()
    return tuple(
        UnitMilestoneRow(
            item.id,
            names.get(item.unit_id, ""),
            item.name,
            item.owner_id,  # type: ignore[arg-type]
            item.owner.name if item.owner else "",
            item.planned_date,
            item.actual_date,
            item.percent_done,
            _rag(item, today) is MilestoneRag.OVERDUE,
        )
        for item in found
    )


def _rag(milestone: Milestone, today: date) -> MilestoneRag:
    """Return a unit milestone's RAG; only "overdue" is asked of it, which its start and baseline do not change."""
    return milestone_rag(
        MilestoneDates(None, milestone.planned_date, None, milestone.actual_date, milestone.percent_done), today
    )
