"""Every write of a group rollout: programme, functions, pilots, cell stages, waves, tiers, supervision, training."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from accounts.models import BusinessUnit, User
from core.clock import local_today
from core.content import localized
from core.db import insert_ignoring_duplicates, utcnow, write_transaction
from core.errors_domain import RuleError
from core.extensions import db
from phases import audit
from phases.rollout.enums import CellStage, DeviationStatus, SupervisorRole, TrainingAudience, UnitTier
from phases.rollout.matrix import (
    CRITERIA,
    MAX_SCORE,
    MIN_SCORE,
    CellMove,
    MoveRefusal,
    evaluation_refusal,
    move_refusal,
    run_period_ends,
    training_needs,
)
from phases.rollout.settings import rollout_content
from phases.projects.models import Project
from phases.rollout.models import (
    Deviation,
    Evaluation,
    RolloutCell,
    RolloutFunction,
    RolloutProgramme,
    RolloutUnit,
    RolloutWave,
    Supervisor,
    TierPolicy,
    TrainingSession,
)

WEIGHT_FIELDS = tuple(f"weight_{key}" for key in CRITERIA)
SCORE_FIELDS = tuple(f"score_{key}" for key in CRITERIA)
USING_TEMPLATE = (CellStage.ROLLING_OUT, CellStage.LIVE, CellStage.OPTIMISING)


def refusal_message(refusal: MoveRefusal, function_name: str = "") -> str:
    """Return why a cell may not move, in the reader's language."""
    messages = {
        MoveRefusal.NOT_ALLOWED: _("This cell cannot move from its current stage to that one."),
        MoveRefusal.NOT_A_PILOT: _("Only a confirmed pilot unit can pilot a function. Confirm the pilots first."),
        MoveRefusal.NO_TEMPLATE: _("“%(function)s” has no template yet: its pilot must produce one before it rolls out "
                                   "to other units.", function=function_name),
        MoveRefusal.NEEDS_EVALUATION: _("A unit moves to “optimising” by recording its evaluation after the run period."),
        MoveRefusal.RUN_PERIOD: _("The run period has not ended yet; evaluate the unit after it."),
    }
    return messages[refusal]


def _programme(project: Project) -> RolloutProgramme:
    programme = db.session.scalars(select(RolloutProgramme).where(RolloutProgramme.project_id == project.id)).first()
    if programme is None:
        raise RuleError(_("Set up the rollout first."))
    return programme


def _unit(project: Project, unit_id: int) -> BusinessUnit:
    unit = db.session.get(BusinessUnit, unit_id)
    if unit is None or unit.client_id != project.client_id:
        raise RuleError(_("This unit does not belong to the client."))
    return unit


def _function(project: Project, function_id: int) -> RolloutFunction:
    function = db.session.get(RolloutFunction, function_id)
    if function is None or function.project_id != project.id:
        raise RuleError(_("This function is not part of the rollout."))
    return function


def _rollout_unit(project: Project, unit_id: int) -> RolloutUnit:
    """Return the unit's programme row, creating it on first use (inside the caller's write transaction)."""
    insert_ignoring_duplicates(RolloutUnit.__table__, {"project_id": project.id, "client_id": project.client_id,
                                                       "unit_id": unit_id, "is_pilot": False}, ["project_id", "unit_id"])
    return db.session.scalars(select(RolloutUnit).where(RolloutUnit.project_id == project.id,
                                                        RolloutUnit.unit_id == unit_id)).one()


def _cell(project: Project, unit_id: int, function_id: int) -> RolloutCell:
    """Return a cell, creating it as "not started" on first use (inside the caller's write transaction)."""
    insert_ignoring_duplicates(RolloutCell.__table__, {"project_id": project.id, "client_id": project.client_id,
                                                       "unit_id": unit_id, "function_id": function_id,
                                                       "stage": CellStage.NOT_STARTED.value, "updated_at": utcnow()},
                               ["unit_id", "function_id"])
    return db.session.scalars(select(RolloutCell).where(RolloutCell.unit_id == unit_id,
                                                        RolloutCell.function_id == function_id)).one()


def _cell_label(unit: BusinessUnit, function: RolloutFunction) -> str:
    return f"{unit.name} · {function.name}"


# ---- programme and functions --------------------------------------------------------------------------------------


def start_programme(project: Project, actor: User, locale: str) -> RolloutProgramme:
    """Set up the rollout of a group project, with the suggested functions named in the project's language."""
    if not project.client.is_group:
        raise RuleError(_("A rollout matrix is for group clients with several units."))
    if db.session.scalar(select(RolloutProgramme.id).where(RolloutProgramme.project_id == project.id)):
        raise RuleError(_("This project already has a rollout."))
    with write_transaction():
        programme = RolloutProgramme(project_id=project.id, client_id=project.client_id)
        db.session.add(programme)
        for position, item in enumerate(rollout_content()["functions"], start=1):
            db.session.add(RolloutFunction(project_id=project.id, client_id=project.client_id, position=position,
                                           template_key=item["key"], name=localized(item["name"], locale)))
        db.session.flush()
        audit.record(project.id, project.client_id, actor, "rollout", programme.id, project.name, "created")
    return programme


def add_function(project: Project, actor: User, name: str) -> RolloutFunction:
    """Add a function (a matrix column) to the rollout."""
    _programme(project)
    name = name.strip()
    if not name:
        raise RuleError(_("This field is required."), field="name")
    if db.session.scalar(select(RolloutFunction.id).where(RolloutFunction.project_id == project.id,
                                                          RolloutFunction.name == name)):
        raise RuleError(_("The rollout already has a function with this name."), field="name")
    position = (db.session.scalar(select(func.max(RolloutFunction.position))
                                  .where(RolloutFunction.project_id == project.id)) or 0) + 1
    with write_transaction():
        function = RolloutFunction(project_id=project.id, client_id=project.client_id, position=position, name=name)
        db.session.add(function)
        db.session.flush()
        audit.record(project.id, project.client_id, actor, "rollout_function", function.id, name, "created")
    return function


def update_rules(project: Project, actor: User, values: Mapping[str, int]) -> None:
    """Change the pilot criteria weights, the pilots allowed per region and the run period before evaluation."""
    programme = _programme(project)
    if any(not 0 <= values[name] <= 10 for name in WEIGHT_FIELDS):
        raise RuleError(_("Give each criterion a weight from 0 to 10."))
    if sum(values[name] for name in WEIGHT_FIELDS) == 0:
        raise RuleError(_("At least one criterion needs a weight above 0."))
    if values["max_pilots_per_region"] < 1:
        raise RuleError(_("Allow at least one pilot per region."), field="max_pilots_per_region")
    if not 7 <= values["run_period_days"] <= 730:
        raise RuleError(_("The run period is from 7 to 730 days."), field="run_period_days")
    with write_transaction():
        changes = audit.apply_changes(programme, dict(values))
        audit.record(project.id, project.client_id, actor, "rollout", programme.id, project.name, "updated", changes)


# ---- pilot selection ----------------------------------------------------------------------------------------------


def score_candidates(project: Project, actor: User, scores: Mapping[int, Sequence[int | None]]) -> None:
    """Record the four criterion scores of candidate units (all or nothing; empty means not scored)."""
    _programme(project)
    for unit_id, unit_scores in scores.items():
        _unit(project, unit_id)
        if len(unit_scores) != len(CRITERIA):
            raise RuleError(_("Score every criterion."))
        if any(score is not None and not MIN_SCORE <= score <= MAX_SCORE for score in unit_scores):
            raise RuleError(_("Scores run from 1 (weak) to 5 (strong)."))
    with write_transaction():
        for unit_id, unit_scores in scores.items():
            row = _rollout_unit(project, unit_id)
            changes = audit.apply_changes(row, dict(zip(SCORE_FIELDS, unit_scores)))
            audit.record(project.id, project.client_id, actor, "rollout_unit", row.id, row.unit.name, "scored", changes)


def confirm_pilots(project: Project, actor: User, unit_ids: Sequence[int], note: str, scores: Mapping[int, float | None],
                   coverage_warnings: int) -> None:
    """Confirm the pilot units; the choice, their scores and the reason for any coverage warning are recorded."""
    programme = _programme(project)
    chosen = set(unit_ids)
    if not chosen:
        raise RuleError(_("Choose at least one pilot unit."))
    for unit_id in chosen:
        _unit(project, unit_id)
        if scores.get(unit_id) is None:
            raise RuleError(_("Score every criterion of a unit before choosing it as a pilot."))
    if coverage_warnings and not note.strip():
        raise RuleError(_("The coverage check has warnings: say why this choice stands."), field="note")
    piloting = set(db.session.scalars(select(RolloutCell.unit_id).where(
        RolloutCell.project_id == project.id, RolloutCell.stage.in_([CellStage.PILOT, CellStage.TEMPLATE_READY]))))
    if piloting - chosen:
        raise RuleError(_("A unit that is already piloting a function stays a pilot."))
    current = set(db.session.scalars(select(RolloutUnit.unit_id).where(RolloutUnit.project_id == project.id,
                                                                      RolloutUnit.is_pilot.is_(True))))
    with write_transaction():
        for unit_id in chosen | current:
            row = _rollout_unit(project, unit_id)
            pilot = unit_id in chosen
            if row.is_pilot != pilot:
                score = scores.get(unit_id)
                audit.record(project.id, project.client_id, actor, "rollout_unit", row.id, row.unit.name,
                             "pilot_chosen" if pilot else "pilot_dropped",
                             {"is_pilot": (row.is_pilot, pilot), "score": ("", "" if score is None else f"{score:.2f}")})
                row.is_pilot = pilot
                if pilot:
                    row.wave_id = None  # a pilot models the template; waves take it over afterwards
        programme.pilots_confirmed_at = utcnow()
        programme.pilots_confirmed_by_id = actor.id
        programme.pilot_note = note.strip()
        audit.record(project.id, project.client_id, actor, "rollout", programme.id, project.name, "pilots_confirmed",
                     {"pilot_note": ("", note.strip())} if note.strip() else None)


# ---- cells --------------------------------------------------------------------------------------------------------


def move_cell(project: Project, actor: User, unit_id: int, function_id: int, target: CellStage, today: date,
              template_reference: str = "") -> RolloutCell:
    """Move one function of one unit to its next stage, enforcing the pilot-before-rollout rules."""
    unit, function = _unit(project, unit_id), _function(project, function_id)
    current = db.session.scalars(select(RolloutCell).where(RolloutCell.unit_id == unit_id,
                                                           RolloutCell.function_id == function_id)).first()
    is_pilot = bool(db.session.scalar(select(RolloutUnit.is_pilot).where(RolloutUnit.project_id == project.id,
                                                                         RolloutUnit.unit_id == unit_id)))
    refusal = move_refusal(CellMove(current.stage if current else CellStage.NOT_STARTED, target, is_pilot,
                                    function.template_ready_on is not None))
    if refusal is not None:
        raise RuleError(refusal_message(refusal, function.name))
    if target is CellStage.TEMPLATE_READY and not template_reference.strip():
        raise RuleError(_("Name the template the pilot produced (process, forms, settings) and its version."),
                        field="template_reference")
    with write_transaction():
        cell = _cell(project, unit_id, function_id)
        values: dict[str, Any] = {"stage": target}
        if target in (CellStage.PILOT, CellStage.ROLLING_OUT):
            values["actual_start"] = cell.actual_start or today
        if target is CellStage.LIVE:
            values["actual_live"] = today
        changes = audit.apply_changes(cell, values)
        if target is CellStage.TEMPLATE_READY:
            changes.update(audit.apply_changes(function, {"template_reference": template_reference.strip(),
                                                          "template_ready_on": function.template_ready_on or today}))
        audit.record(project.id, project.client_id, actor, "rollout_cell", cell.id, _cell_label(unit, function),
                     "stage", changes)
    return cell


def plan_cell(project: Project, actor: User, unit_id: int, function_id: int, planned_start: date | None,
              planned_live: date | None) -> RolloutCell:
    """Set when one function of one unit is planned to start and to go live."""
    unit, function = _unit(project, unit_id), _function(project, function_id)
    if planned_start and planned_live and planned_live < planned_start:
        raise RuleError(_("The end date must not be before the start date."), field="planned_live")
    with write_transaction():
        cell = _cell(project, unit_id, function_id)
        changes = audit.apply_changes(cell, {"planned_start": planned_start, "planned_live": planned_live})
        audit.record(project.id, project.client_id, actor, "rollout_cell", cell.id, _cell_label(unit, function),
                     "updated", changes)
    return cell


def plan_wave_dates(project: Project, actor: User, wave: RolloutWave, function_ids: Sequence[int]) -> int:
    """Give every not-yet-planned cell of the wave's units the wave's dates; return how many cells were planned."""
    if not wave.planned_start or not wave.planned_end:
        raise RuleError(_("Give the wave its start and end dates first."))
    unit_ids = list(db.session.scalars(select(RolloutUnit.unit_id).where(RolloutUnit.wave_id == wave.id)))
    planned = 0
    with write_transaction():
        for unit_id in unit_ids:
            for function_id in function_ids:
                cell = _cell(project, unit_id, function_id)
                if cell.planned_start is None and cell.planned_live is None:
                    cell.planned_start, cell.planned_live = wave.planned_start, wave.planned_end
                    planned += 1
        audit.record(project.id, project.client_id, actor, "wave", wave.id, wave.name, "planned",
                     {"cells": (0, planned)})
    return planned


def request_deviation(project: Project, actor: User, unit_id: int, function_id: int, description: str,
                      reason: str) -> Deviation:
    """Record a unit's wish to personalise a function's template; it applies only once the supervision team approves."""
    unit, function = _unit(project, unit_id), _function(project, function_id)
    if not description.strip():
        raise RuleError(_("Describe how the unit wants to differ from the template."), field="description")
    if not reason.strip():
        raise RuleError(_("Give the business reason for the deviation."), field="reason")
    cell = db.session.scalars(select(RolloutCell).where(RolloutCell.unit_id == unit_id,
                                                        RolloutCell.function_id == function_id)).first()
    if cell is None or cell.stage not in USING_TEMPLATE:
        raise RuleError(_("A deviation from the template can be recorded only once the unit is rolling the template out."))
    with write_transaction():
        deviation = Deviation(project_id=project.id, client_id=project.client_id, cell_id=cell.id,
                              description=description.strip(), reason=reason.strip(), requested_by_id=actor.id,
                              status=DeviationStatus.PROPOSED)
        db.session.add(deviation)
        db.session.flush()
        audit.record(project.id, project.client_id, actor, "deviation", deviation.id, _cell_label(unit, function),
                     "created", {"description": ("", deviation.description)})
    return deviation


def is_supervisor(project_id: int, user: User) -> bool:
    """Return whether the user sits on the project's supervision team."""
    return db.session.scalar(select(Supervisor.id).where(Supervisor.project_id == project_id,
                                                         Supervisor.user_id == user.id).limit(1)) is not None


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
        changes = audit.apply_changes(deviation, {"status": status, "decision_note": note.strip(),
                                                  "decided_by_id": actor.id, "decided_at": utcnow()})
        audit.record(deviation.project_id, deviation.client_id, actor, "deviation", deviation.id,
                     deviation.description[:200], "decided", {key: changes[key] for key in ("status", "decision_note")})


def record_evaluation(project: Project, actor: User, unit_id: int, function_id: int, score: int, notes: str,
                      actions: str, today: date) -> Evaluation:
    """Evaluate a live unit's function after its run period; the cell moves on to "optimising"."""
    unit, function = _unit(project, unit_id), _function(project, function_id)
    programme = _programme(project)
    if not MIN_SCORE <= score <= MAX_SCORE:
        raise RuleError(_("Scores run from 1 (weak) to 5 (strong)."), field="score")
    if not actions.strip():
        raise RuleError(_("Name the optimisation actions the evaluation leads to."), field="actions")
    cell = db.session.scalars(select(RolloutCell).where(RolloutCell.unit_id == unit_id,
                                                        RolloutCell.function_id == function_id)).first()
    refusal = evaluation_refusal(cell.stage if cell else CellStage.NOT_STARTED, cell.actual_live if cell else None,
                                 programme.run_period_days, today)
    if refusal is MoveRefusal.RUN_PERIOD:
        ends = run_period_ends(cell.actual_live, programme.run_period_days)  # type: ignore[union-attr]
        raise RuleError(_("The run period ends on %(date)s; evaluate the unit from then on.", date=ends.isoformat()))
    if refusal is not None:
        raise RuleError(_("Only a unit that is live on this function can be evaluated."))
    with write_transaction():
        evaluation = Evaluation(project_id=project.id, client_id=project.client_id, cell_id=cell.id, score=score,  # type: ignore[union-attr]
                                notes=notes.strip(), actions=actions.strip(), evaluated_on=today, evaluated_by_id=actor.id)
        db.session.add(evaluation)
        changes = audit.apply_changes(cell, {"stage": CellStage.OPTIMISING})
        changes["score"] = (None, score)
        audit.record(project.id, project.client_id, actor, "rollout_cell", cell.id, _cell_label(unit, function),  # type: ignore[union-attr]
                     "evaluated", changes)
    return evaluation


# ---- waves, tiers, supervision ------------------------------------------------------------------------------------


def add_wave(project: Project, actor: User, name: str, planned_start: date | None, planned_end: date | None) -> RolloutWave:
    """Add a rollout wave."""
    _programme(project)
    if not name.strip():
        raise RuleError(_("This field is required."), field="name")
    if planned_start and planned_end and planned_end < planned_start:
        raise RuleError(_("The end date must not be before the start date."), field="planned_end")
    position = (db.session.scalar(select(func.max(RolloutWave.position)).where(RolloutWave.project_id == project.id)) or 0) + 1
    with write_transaction():
        wave = RolloutWave(project_id=project.id, client_id=project.client_id, position=position, name=name.strip(),
                           planned_start=planned_start, planned_end=planned_end)
        db.session.add(wave)
        db.session.flush()
        audit.record(project.id, project.client_id, actor, "wave", wave.id, wave.name, "created")
    return wave


def place_units(project: Project, actor: User, placements: Mapping[int, tuple[int | None, UnitTier | None]]) -> None:
    """Put units into waves and tiers (all or nothing); pilot units model the template and join no wave."""
    _programme(project)
    wave_ids = set(db.session.scalars(select(RolloutWave.id).where(RolloutWave.project_id == project.id)))
    pilots = set(db.session.scalars(select(RolloutUnit.unit_id).where(RolloutUnit.project_id == project.id,
                                                                     RolloutUnit.is_pilot.is_(True))))
    for unit_id, (wave_id, _tier) in placements.items():
        unit = _unit(project, unit_id)
        if wave_id is not None and wave_id not in wave_ids:
            raise RuleError(_("This wave is not part of the rollout."))
        if wave_id is not None and unit_id in pilots:
            raise RuleError(_("%(unit)s is a pilot unit: pilots model the template and join no rollout wave.",
                              unit=unit.name))
    with write_transaction():
        for unit_id, (wave_id, tier) in placements.items():
            row = _rollout_unit(project, unit_id)
            changes = audit.apply_changes(row, {"wave_id": wave_id, "tier": tier})
            audit.record(project.id, project.client_id, actor, "rollout_unit", row.id, row.unit.name, "updated", changes)


def save_tier_policy(project: Project, actor: User, tier: UnitTier, criteria: str, incentives: str, penalties: str) -> None:
    """Record what puts a unit in a tier and the incentives and penalties agreed for it."""
    _programme(project)
    if not (incentives.strip() or penalties.strip()):
        raise RuleError(_("Give the incentives or penalties agreed for this tier."), field="incentives")
    with write_transaction():
        insert_ignoring_duplicates(TierPolicy.__table__, {"project_id": project.id, "client_id": project.client_id,
                                                         "tier": tier.value, "criteria": "", "incentives": "",
                                                         "penalties": ""}, ["project_id", "tier"])
        policy = db.session.scalars(select(TierPolicy).where(TierPolicy.project_id == project.id,
                                                             TierPolicy.tier == tier)).one()
        changes = audit.apply_changes(policy, {"criteria": criteria.strip(), "incentives": incentives.strip(),
                                               "penalties": penalties.strip()})
        audit.record(project.id, project.client_id, actor, "tier_policy", policy.id, tier.value.upper(), "updated", changes)


def add_supervisor(project: Project, actor: User, user: User, role: SupervisorRole, region: str, regions: Sequence[str]) -> Supervisor:
    """Seat a person on the supervision team; a regional lead leads one of the client's regions."""
    _programme(project)
    region = region.strip() if role is SupervisorRole.REGIONAL_LEAD else ""
    if role is SupervisorRole.REGIONAL_LEAD and region not in regions:
        raise RuleError(_("Choose the region this lead supervises."), field="region")
    if db.session.scalar(select(Supervisor.id).where(Supervisor.project_id == project.id, Supervisor.user_id == user.id,
                                                     Supervisor.role == role, Supervisor.region == region)):
        raise RuleError(_("This person already has this seat on the supervision team."), field="user_id")
    with write_transaction():
        seat = Supervisor(project_id=project.id, client_id=project.client_id, user_id=user.id, role=role, region=region)
        db.session.add(seat)
        db.session.flush()
        audit.record(project.id, project.client_id, actor, "supervisor", seat.id, user.name, "created",
                     {"role": (None, role), "region": ("", region)})
    return seat


def remove_supervisor(seat: Supervisor, actor: User) -> None:
    """Take a seat off the supervision team."""
    with write_transaction():
        audit.record(seat.project_id, seat.client_id, actor, "supervisor", seat.id, seat.user.name, "removed",
                     {"role": (seat.role, None), "region": (seat.region, "")})
        db.session.delete(seat)


# ---- training -----------------------------------------------------------------------------------------------------


def plan_training(project: Project, actor: User, units: Sequence[tuple[int, str, int | None]], planned_date: date | None) -> int:
    """Plan training for units (id, region, headcount) by size and role, keeping existing rows; regional leads train."""
    _programme(project)
    trainers = dict(db.session.execute(select(Supervisor.region, Supervisor.user_id).where(
        Supervisor.project_id == project.id, Supervisor.role == SupervisorRole.REGIONAL_LEAD)).all())
    content = rollout_content()
    shares = [(item["key"], float(item["share"])) for item in content["audiences"]]
    added = 0
    with write_transaction():
        existing = set(db.session.execute(select(TrainingSession.unit_id, TrainingSession.audience)
                                          .where(TrainingSession.project_id == project.id)).all())
        for unit_id, region, headcount in units:
            for need in training_needs(headcount, shares, int(content["class_size"])):
                audience = TrainingAudience(need.audience)
                if (unit_id, audience) in existing:
                    continue
                db.session.add(TrainingSession(project_id=project.id, client_id=project.client_id, unit_id=unit_id,
                                               audience=audience, participants=need.participants, sessions=need.sessions,
                                               planned_date=planned_date, trainer_id=trainers.get(region)))
                added += 1
        audit.record(project.id, project.client_id, actor, "training", None, project.name, "planned",
                     {"sessions": (0, added)})
    return added


def update_training(session: TrainingSession, actor: User, values: Mapping[str, Any], unit_name: str) -> None:
    """Change a training plan row: people, sessions, date, trainer, or mark it held."""
    if values["participants"] < 1 or values["sessions"] < 1:
        raise RuleError(_("Plan at least one participant and one session."), field="participants")
    if values["done_on"] and values["done_on"] > local_today():
        raise RuleError(_("The actual date cannot lie in the future."), field="done_on")
    with write_transaction():
        changes = audit.apply_changes(session, dict(values))
        audit.record(session.project_id, session.client_id, actor, "training", session.id,
                     f"{unit_name} · {session.audience.value}", "updated", changes)

