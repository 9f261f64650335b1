"""Writes on one function in one unit: its stage and dates, deviations from the template, and its evaluation."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from accounts.models import User
from core.db import utcnow, write_transaction
from core.errors_domain import RuleError
from core.extensions import db
from core.i18n import day
from phases import audit
from phases.projects.models import Project
from phases.rollout.access import is_supervisor
from phases.rollout.enums import CellStage, DeviationStatus
from phases.rollout.matrix import (
    SCORE_RANGE,
    STARTING_STAGES,
    USING_TEMPLATE,
    CellMove,
    MoveRefusal,
    evaluation_refusal,
    move_refusal,
    run_period_ends,
)
from phases.rollout.messages import move_refusal_message
from phases.rollout.models import Deviation, Evaluation, RolloutCell, RolloutUnit
from phases.rollout.records import (
    cell_label,
    cell_of,
    find_cell,
    function_name,
    require_function,
    require_programme,
    require_unit,
)


def move_cell(
    project: Project,
    actor: User,
    unit_id: int,
    function_id: int,
    target: CellStage,
    today: date,
    template_reference: str = "",
) -> RolloutCell:
    """Move one function of one unit to its next stage, enforcing the pilot-before-rollout rules."""
    unit, function = require_unit(project, unit_id), require_function(project, function_id)
    current = find_cell(unit_id, function_id)
    is_pilot = bool(
        db.session.scalar(
            select(RolloutUnit.is_pilot).where(RolloutUnit.project_id == project.id, RolloutUnit.unit_id == unit_id)
        )
    )
    refusal = move_refusal(
        CellMove(
            current.stage if current else CellStage.NOT_STARTED,
            target,
            is_pilot,
            function.template_ready_on is not None,
        )
    )
    if refusal is not None:
        name = function_name(function.template_key, function.name, str(get_locale()))
        raise RuleError(move_refusal_message(refusal, name))
    if target is CellStage.TEMPLATE_READY and not template_reference.strip():
        raise RuleError(
            _("Name the template the pilot produced (process, forms, settings) and its version."),
            field="template_reference",
        )
    with write_transaction():
        cell = cell_of(project, unit_id, function_id)
        values: dict[str, Any] = {"stage": target}
        if target in STARTING_STAGES:
            values["actual_start"] = cell.actual_start or today
        if target is CellStage.LIVE:
            values["actual_live"] = today
        changes = audit.apply_changes(cell, values)
        if target is CellStage.TEMPLATE_READY:
            changes.update(
                audit.apply_changes(
                    function,
                    {
                        "template_reference": template_reference.strip(),
                        "template_ready_on": function.template_ready_on or today,
                    },
                )
            )
        audit.record(
            project.id, project.client_id, actor, "rollout_cell", cell.id, cell_label(unit, function), "stage", changes
        )
    return cell


def plan_cell(
    project: Project, actor: User, unit_id: int, function_id: int, planned_start: date | None, planned_live: date | None
) -> RolloutCell:
    """Set when one function of one unit is planned to start and to go live."""
    unit, function = require_unit(project, unit_id), require_function(project, function_id)
    if planned_start and planned_live and planned_live < planned_start:
        raise RuleError(_("The end date must not be before the start date."), field="planned_live")
    with write_transaction():
        cell = cell_of(project, unit_id, function_id)
        changes = audit.apply_changes(cell, {"planned_start": planned_start, "planned_live": planned_live})
        audit.record(
            project.id,
            project.client_id,
            actor,
            "rollout_cell",
            cell.id,
            cell_label(unit, function),
            "updated",
            changes,
        )
    return cell


def request_deviation(
    project: Project, actor: User, unit_id: int, function_id: int, description: str, reason: str
) -> Deviation:
    """Record a unit's wish to personalise a function's template; it applies only once the supervision team approves."""
    unit, function = require_unit(project, unit_id), require_function(project, function_id)
    if not description.strip():
        raise RuleError(_("Describe how the unit wants to differ from the template."), field="description")
    if not reason.strip():
        raise RuleError(_("Give the business reason for the deviation."), field="reason")
    cell = find_cell(unit_id, function_id)
    if cell is None or cell.stage not in USING_TEMPLATE:
        raise RuleError(
            _("A deviation from the template can be recorded only once the unit is rolling the template out.")
        )
    with write_transaction():
        deviation = Deviation(
            project_id=project.id,
            client_id=project.client_id,
            cell_id=cell.id,
            description=description.strip(),
            reason=reason.strip(),
            requested_by_id=actor.id,
            status=DeviationStatus.PROPOSED,
        )
        audit.add_created(
            deviation, actor, "deviation", cell_label(unit, function), {"description": ("", deviation.description)}
        )
    return deviation


def decide_deviation(deviation: Deviation, actor: User, approve: bool, note: str) -> None:
    """Approve or reject a proposed deviation: only a member of the supervision team decides."""
    if not is_supervisor(deviation.project_id, actor):
        raise RuleError(_("Only a member of the supervision team can decide on a deviation."))
    if deviation.status is not DeviationStatus.PROPOSED:
        raise RuleError(_("This deviation has already been decided."))
    if not approve and not note.strip():
        raise RuleError(_("Say why the deviation is rejected."), field="note")
    status = DeviationStatus.APPROVED if approve else DeviationStatus.REJECTED
    with write_transaction():
        changes = audit.apply_changes(
            deviation,
            {"status": status, "decision_note": note.strip(), "decided_by_id": actor.id, "decided_at": utcnow()},
        )
        audit.record(
            deviation.project_id,
            deviation.client_id,
            actor,
            "deviation",
            deviation.id,
            deviation.description[:200],
            "decided",
            {key: changes[key] for key in ("status", "decision_note")},
        )


def record_evaluation(
    project: Project, actor: User, unit_id: int, function_id: int, score: int, notes: str, actions: str, today: date
) -> Evaluation:
    """Evaluate a live unit's function after its run period; the cell moves on to "optimising"."""
    unit, function = require_unit(project, unit_id), require_function(project, function_id)
    programme = require_programme(project)
    if score not in SCORE_RANGE:
        raise RuleError(_("Scores run from 1 (weak) to 5 (strong)."), field="score")
    if not actions.strip():
        raise RuleError(_("Name the optimisation actions the evaluation leads to."), field="actions")
    cell = find_cell(unit_id, function_id)
    refusal = evaluation_refusal(
        cell.stage if cell else CellStage.NOT_STARTED,
        cell.actual_live if cell else None,
        programme.run_period_days,
        today,
    )
    if refusal is MoveRefusal.RUN_PERIOD:
        ends = run_period_ends(cell.actual_live, programme.run_period_days)  # type: ignore[union-attr]
        raise RuleError(_("The run period ends on %(date)s; evaluate the unit from then on.", date=day(ends)))
    if cell is None or refusal is not None:
        raise RuleError(_("Only a unit that is live on this function can be evaluated."))
    with write_transaction():
        evaluation = Evaluation(
            project_id=project.id,
            client_id=project.client_id,
            cell_id=cell.id,
            score=score,
            notes=notes.strip(),
            actions=actions.strip(),
            evaluated_on=today,
            evaluated_by_id=actor.id,
        )
        db.session.add(evaluation)
        changes = audit.apply_changes(cell, {"stage": CellStage.OPTIMISING})
        changes["score"] = (None, score)
        audit.record(
            project.id,
            project.client_id,
            actor,
            "rollout_cell",
            cell.id,
            cell_label(unit, function),
            "evaluated",
            changes,
        )
    return evaluation
